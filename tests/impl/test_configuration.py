from __future__ import annotations

import json
from pathlib import Path

import pytest

from everest_py.generated.types.ocpp import ConfigurationStatus
from everest_py.ocpp16.configuration import DEFINITIONS, KeyDefinition, find
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

CSMS = ChangeOrigin.CSMS


def load(data_dir: Path, initial: dict[str, str] | None = None) -> Configuration:
    state = StateFile(data_dir)
    state.load()
    return Configuration(state, initial or {}, {"NumberOfConnectors": "2"})


def test_change_statuses_follow_the_spec(tmp_path: Path) -> None:
    configuration = load(tmp_path)
    assert configuration.change("HeartbeatInterval", "60", CSMS) is ConfigurationStatus.Accepted
    assert configuration.change("NumberOfConnectors", "3", CSMS) is ConfigurationStatus.Rejected
    assert configuration.change("NoSuchKey", "1", CSMS) is ConfigurationStatus.NotSupported
    assert configuration.change("HeartbeatInterval", "sixty", CSMS) is ConfigurationStatus.Rejected
    assert configuration.value("HeartbeatInterval") == "60"


def test_a_key_flagged_reboot_required_answers_reboot_required(tmp_path: Path) -> None:
    base = find("LightIntensity")
    assert base is not None
    flagged = KeyDefinition(**{**base.__dict__, "reboot_required": True})
    definitions = [flagged if d is base else d for d in DEFINITIONS]
    state = StateFile(tmp_path)
    configuration = Configuration(state, {}, {}, definitions)
    assert configuration.change("LightIntensity", "50", CSMS) is ConfigurationStatus.RebootRequired
    assert configuration.change("LightIntensity", "500", CSMS) is ConfigurationStatus.Rejected
    assert configuration.value("LightIntensity") == "50"


def test_changes_survive_a_restart_and_the_file_is_replaced_atomically(tmp_path: Path) -> None:
    configuration = load(tmp_path, {"HeartbeatInterval": "100"})
    assert configuration.change("heartbeatinterval", "77", CSMS) is ConfigurationStatus.Accepted
    assert configuration.change("AuthorizationKey", "0123456789abcdef01", CSMS) is (
        ConfigurationStatus.Accepted
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


def test_an_invalid_persisted_value_is_reported(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(json.dumps({"configuration": {"HeartbeatInterval": "x"}}))
    with pytest.raises(ConfigurationError, match="HeartbeatInterval"):
        load(tmp_path)


def test_a_failed_write_rejects_the_change_and_keeps_the_old_value(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    configuration = load(data_dir)
    data_dir.write_text("")  # the data directory is now a file: saving fails
    assert configuration.change("HeartbeatInterval", "9", CSMS) is ConfigurationStatus.Rejected
    assert configuration.value("HeartbeatInterval") == "300"


def test_write_only_keys_are_listed_without_value_and_never_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    configuration = load(tmp_path)
    secret = "Sup3rSecretPassw0rd!"
    caplog.set_level("DEBUG")
    assert configuration.change("AuthorizationKey", secret, CSMS) is ConfigurationStatus.Accepted
    assert configuration.change("AuthorizationKey", secret + "x" * 30, CSMS) is (
        ConfigurationStatus.Rejected
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
    assert configuration.change("HeartbeatInterval", "60", CSMS) is ConfigurationStatus.Accepted
    assert configuration.change("LocalPreAuthorize", "TRUE", CSMS) is ConfigurationStatus.Accepted

    def no_disk(self: StateFile) -> None:
        raise StateFileError("no write expected")

    monkeypatch.setattr(StateFile, "save", no_disk)
    assert configuration.change("HeartbeatInterval", " 60", ChangeOrigin.BOOT) is (
        ConfigurationStatus.Accepted
    )
    assert configuration.change("localpreauthorize", "true", CSMS) is ConfigurationStatus.Accepted
    assert configuration.change("HeartbeatInterval", "61", CSMS) is ConfigurationStatus.Rejected
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
            ConfigurationStatus.Rejected
        )
    assert configuration.value("ConnectorPhaseRotation") == "0.Unknown"
    assert configuration.change("ConnectorPhaseRotation", shorter, ChangeOrigin.LOCAL) is (
        ConfigurationStatus.Accepted
    )
    with pytest.raises(ConfigurationError, match="longer than OCPP's 500"):
        load(tmp_path / "other", {"MeterValuesSampledData": " " * 501})
