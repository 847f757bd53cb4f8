from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from ocpp.v16 import call
from ocpp.v16.enums import ConfigurationStatus

from everest_py.ocpp16 import ChargePointCore
from everest_py.ocpp16.configuration import DEFINITIONS, find, store
from everest_py.ocpp16.configuration.store import (
    FILE_NAME,
    JOURNAL_NAME,
    StateFile,
    StateFileError,
)
from everest_py.ocpp16.configuration.values import (
    ChangeOrigin,
    Configuration,
    ConfigurationError,
    KeyChange,
)
from tests.impl.conftest import settings_for
from tests.impl.csms import Csms

CSMS = ChangeOrigin.CSMS


def load(data_dir: Path, initial: dict[str, str] | None = None) -> Configuration:
    state = StateFile(data_dir)
    state.load()
    return Configuration(state, initial or {}, {"NumberOfConnectors": "2"})


def test_change_statuses_follow_the_spec(tmp_path: Path) -> None:
    configuration = load(tmp_path)
    assert configuration.change("HeartbeatInterval", "60", CSMS) is ConfigurationStatus.accepted
    assert configuration.change("NumberOfConnectors", "3", CSMS) is ConfigurationStatus.rejected
    assert configuration.change("NoSuchKey", "1", CSMS) is ConfigurationStatus.not_supported
    assert configuration.change("HeartbeatInterval", "sixty", CSMS) is ConfigurationStatus.rejected
    assert configuration.value("HeartbeatInterval") == "60"


def test_a_key_flagged_reboot_required_answers_reboot_required(tmp_path: Path) -> None:
    base = find("LightIntensity")
    assert base is not None
    flagged = base._replace(reboot_required=True)
    definitions = [flagged if d is base else d for d in DEFINITIONS]
    state = StateFile(tmp_path)
    configuration = Configuration(state, {}, {}, definitions)
    assert configuration.change("LightIntensity", "50", CSMS) is ConfigurationStatus.reboot_required
    assert configuration.change("LightIntensity", "500", CSMS) is ConfigurationStatus.rejected
    assert configuration.value("LightIntensity") == "50"


def test_changes_survive_a_restart_and_the_file_is_replaced_atomically(tmp_path: Path) -> None:
    configuration = load(tmp_path, {"HeartbeatInterval": "100"})
    assert configuration.change("heartbeatinterval", "77", CSMS) is ConfigurationStatus.accepted
    assert configuration.change("AuthorizationKey", "0123456789abcdef01", CSMS) is (
        ConfigurationStatus.accepted
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [JOURNAL_NAME, FILE_NAME]  # no temp file
    again = load(tmp_path, {"HeartbeatInterval": "100"})
    assert again.value("HeartbeatInterval") == "77"  # persisted beats the config file
    assert again.value("AuthorizationKey") == "0123456789abcdef01"


def test_initial_values_from_the_config_file_are_validated(tmp_path: Path) -> None:
    assert load(tmp_path, {"HeartbeatInterval": "5"}).value("HeartbeatInterval") == "5"
    with pytest.raises(ConfigurationError, match="HeartbeatInterval"):
        load(tmp_path, {"HeartbeatInterval": "often"})
    with pytest.raises(ConfigurationError, match="unknown key 'Nope'"):
        load(tmp_path, {"Nope": "1"})
    with pytest.raises(ConfigurationError, match="NumberOfConnectors is set by the charge point"):
        load(tmp_path, {"NumberOfConnectors": "3"})


def test_a_broken_state_file_is_named_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text('{"configuration": {"HeartbeatInterval": ')
    with pytest.raises(StateFileError, match=str(path)):
        load(tmp_path)
    assert path.read_text() == '{"configuration": {"HeartbeatInterval": '
    path.write_text(json.dumps({"configuration": {"HeartbeatInterval": 5}}))
    with pytest.raises(StateFileError, match="must be a string"):
        load(tmp_path)


def test_an_invalid_persisted_value_is_reported_and_not_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The charge point still starts: the value is not used (default or config file value),
    a warning names file, key and reason, and the entry stays in the file."""
    stored = {"configuration": {"HeartbeatInterval": "x", "MeterValueSampleInterval": "5"}}
    (tmp_path / FILE_NAME).write_text(json.dumps(stored))
    with caplog.at_level(logging.WARNING):
        configuration = load(tmp_path)
    assert configuration.value("HeartbeatInterval") == "300"
    assert configuration.value("MeterValueSampleInterval") == "5"
    warning = next(r.getMessage() for r in caplog.records if "HeartbeatInterval" in r.getMessage())
    assert str(tmp_path / FILE_NAME) in warning and "not used" in warning
    assert json.loads((tmp_path / FILE_NAME).read_text()) == stored


def test_a_stored_value_the_settings_made_invalid_does_not_stop_the_start(tmp_path: Path) -> None:
    """A phase rotation the CSMS set for two connectors, then a restart with one."""
    two = load(tmp_path)  # two connectors
    assert two.change("ConnectorPhaseRotation", "1.RST,2.RTS", CSMS) is ConfigurationStatus.accepted
    state = StateFile(tmp_path)
    state.load()
    one = Configuration(state, {}, {"NumberOfConnectors": "1"})
    assert one.value("ConnectorPhaseRotation") != "1.RST,2.RTS"


@pytest.mark.parametrize("reverse", [False, True])
def test_config_file_values_are_checked_whatever_their_order(tmp_path: Path, reverse: bool) -> None:
    """A list is checked against its *MaxLength wherever the two stand in the file."""
    values = [("MeterValuesSampledData", "Voltage,Frequency,SoC,RPM,Temperature"),
              ("MeterValuesSampledDataMaxLength", "3")]  # fmt: skip
    initial = dict(reversed(values) if reverse else values)
    with pytest.raises(ConfigurationError, match="MeterValuesSampledDataMaxLength"):
        Configuration(StateFile(tmp_path), initial, {})


def test_a_failed_write_rejects_the_change_and_keeps_the_old_value(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    configuration = load(data_dir)
    data_dir.write_text("")  # the data directory is now a file: saving fails
    assert configuration.change("HeartbeatInterval", "9", CSMS) is ConfigurationStatus.rejected
    assert configuration.value("HeartbeatInterval") == "300"


def test_write_only_keys_are_listed_without_value_and_never_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    configuration = load(tmp_path)
    secret = "Sup3rSecretPassw0rd!"
    caplog.set_level("DEBUG")
    assert configuration.change("AuthorizationKey", secret, CSMS) is ConfigurationStatus.accepted
    assert configuration.change("AuthorizationKey", secret + "x" * 30, CSMS) is (
        ConfigurationStatus.rejected
    )
    answer = configuration.read(["AuthorizationKey", "Foo"])
    assert [(k.key, k.value) for k in answer.configuration_keys] == [("AuthorizationKey", None)]
    assert answer.unknown_keys == ["Foo"]
    everything = configuration.read([]).configuration_keys
    assert all(k.value != secret for k in everything)
    assert secret not in caplog.text
    assert "AuthorizationKey" in caplog.text


def test_listeners_see_each_accepted_change_with_its_origin(tmp_path: Path) -> None:
    configuration = load(tmp_path)
    seen: list[KeyChange] = []
    configuration.add_listener(seen.append)
    configuration.change("HeartbeatInterval", "1", ChangeOrigin.LOCAL)
    configuration.change("HeartbeatInterval", "x", CSMS)
    assert [(c.definition.name, c.value, c.origin) for c in seen] == [
        ("HeartbeatInterval", "1", ChangeOrigin.LOCAL)
    ]


def test_setting_the_current_value_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configuration = load(tmp_path)
    seen: list[KeyChange] = []
    configuration.add_listener(seen.append)
    assert configuration.change("HeartbeatInterval", "60", CSMS) is ConfigurationStatus.accepted
    assert configuration.change("LocalPreAuthorize", "TRUE", CSMS) is ConfigurationStatus.accepted

    def no_disk(self: StateFile) -> None:
        raise StateFileError("no write expected")

    monkeypatch.setattr(StateFile, "save", no_disk)
    assert configuration.change("HeartbeatInterval", " 60", ChangeOrigin.BOOT) is (
        ConfigurationStatus.accepted
    )
    assert configuration.change("localpreauthorize", "true", CSMS) is ConfigurationStatus.accepted
    assert configuration.change("HeartbeatInterval", "61", CSMS) is ConfigurationStatus.rejected
    assert [(c.definition.name, c.value, c.changed) for c in seen] == [
        ("HeartbeatInterval", "60", True),
        ("LocalPreAuthorize", "true", True),
        ("HeartbeatInterval", "60", False),  # accepted, announced as unchanged, not stored
        ("LocalPreAuthorize", "true", False),
    ]
    assert load(tmp_path).value("HeartbeatInterval") == "60"


def test_values_longer_than_ocpp_allows_are_rejected_from_every_origin(tmp_path: Path) -> None:
    """OCPP's CiString500 holds for local changes too (EVerest's set_configuration_key sets no
    length), also where the key's own rule would accept the value."""
    state = StateFile(tmp_path)
    state.load()
    configuration = Configuration(
        state,
        {"ConnectorPhaseRotationMaxLength": "100"},
        {"NumberOfConnectors": "100"},
    )
    rotation = ",".join(f"{n}.NotApplicable" for n in range(1, 41))
    assert len(rotation) > 500
    shorter = ",".join(f"{n}.NotApplicable" for n in range(1, 31))
    assert len(shorter) <= 500
    for origin in (ChangeOrigin.LOCAL, CSMS):
        assert configuration.change("ConnectorPhaseRotation", rotation, origin) is (
            ConfigurationStatus.rejected
        )
    assert configuration.value("ConnectorPhaseRotation") == "0.Unknown"
    assert configuration.change("ConnectorPhaseRotation", shorter, ChangeOrigin.LOCAL) is (
        ConfigurationStatus.accepted
    )
    with pytest.raises(ConfigurationError, match="longer than OCPP's 500"):
        load(tmp_path / "other", {"MeterValuesSampledData": " " * 501})


def test_a_journal_left_without_its_snapshot_is_never_replayed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot is removed (as a broken one's error message suggests), its journal stays.
    The new snapshot takes a later generation: even if the old journal could not be emptied
    (a failing disk, then a crash), its lines are not replayed over the new state."""
    state = StateFile(tmp_path)
    state.load()
    state.configuration["HeartbeatInterval"] = "111"
    state.save()
    state.configuration["MeterValueSampleInterval"] = "5"
    state.save()
    state.close()
    (tmp_path / FILE_NAME).unlink()
    fresh = StateFile(tmp_path)
    fresh.load()
    assert fresh.configuration == {}
    fresh.configuration["LightIntensity"] = "50"

    def no_space(_descriptor: int, _length: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "ftruncate", no_space)
    with pytest.raises(StateFileError):
        fresh.save()
    monkeypatch.undo()
    again = StateFile(tmp_path)
    again.load()
    assert again.configuration == {"LightIntensity": "50"}


async def test_a_change_that_could_not_be_stored_is_rejected_and_taken_back(
    csms: Csms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """§5.3: Rejected means not set: the value is not in effect, and a later successful write
    does not store it either."""
    core = ChargePointCore(settings_for(csms.url, tmp_path))
    await core.start()
    try:
        await csms.wait_action("StatusNotification", 3)
        state = core.configuration._state  # the state file whose next sync fails
        sync = state._sync
        failures = [1]

        def failing_once() -> None:
            if failures[0]:
                failures[0] -= 1
                raise StateFileError("simulated: no space left")
            sync()

        monkeypatch.setattr(state, "_sync", failing_once)
        change = call.ChangeConfiguration(key="MeterValueSampleInterval", value="17")
        assert (await csms.call(change)).status == "Rejected"
        assert core.configuration.value("MeterValueSampleInterval") == "60"  # the default
        other = call.ChangeConfiguration(key="LightIntensity", value="50")
        assert (await csms.call(other)).status == "Accepted"
    finally:
        await core.close()
    reloaded = StateFile(tmp_path)
    reloaded.load()
    assert "MeterValueSampleInterval" not in reloaded.configuration
    assert reloaded.configuration["LightIntensity"] == "50"
