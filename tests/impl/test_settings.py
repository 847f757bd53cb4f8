"""The settings' own validator (impl/settings.py, no pydantic): what it accepts and refuses,
that it reports every problem of a document, and which fields count as given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from everest_py.ocpp16.settings import (
    Identity,
    MqttSettings,
    Reconnect,
    Settings,
    SettingsError,
    Simulation,
    SmartChargingSettings,
    build_settings,
)

ROOT = Path(__file__).resolve().parents[2]
NOT_TEXT = "must be text (quote a value YAML would read as a number)"
BASE = {"csms_url": "ws://h/x", "charge_point_id": "CP"}


def problems(document: dict[str, Any]) -> list[str]:
    with pytest.raises(SettingsError) as raised:
        build_settings(BASE | document, {}, "cp.yaml")
    return str(raised.value).split("\n")


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"connectors": True}, "cp.yaml: connectors (--connectors): must be a whole number"),
        ({"response_timeout": False}, "cp.yaml: response_timeout: must be a number"),
        ({"identity": {"vendor": True}}, f"cp.yaml: identity.vendor (--vendor): {NOT_TEXT}"),
        ({"configuration": {"A": [True]}}, f"cp.yaml: configuration.A: {NOT_TEXT}"),
    ],
)
def test_a_bool_is_neither_a_number_nor_text(document: dict[str, Any], problem: str) -> None:
    assert problems(document) == [problem]


def test_a_bool_is_still_a_configuration_value() -> None:
    # OCPP carries booleans as "true"/"false": the configuration section converts them first.
    settings = build_settings(BASE | {"configuration": {"A": True}}, {}, "test")
    assert settings.configuration == {"A": "true"}


def test_a_number_is_not_taken_as_text() -> None:
    # YAML reads `0012` as 10 and `1.10` as 1.1: the text meant is lost, so it must be quoted.
    assert problems({"identity": {"vendor": 42, "firmware_version": 1.1}}) == [
        f"cp.yaml: identity.vendor (--vendor): {NOT_TEXT}",
        f"cp.yaml: identity.firmware_version (--firmware-version): {NOT_TEXT}",
    ]
    assert problems({"charge_point_id": 10, "data_dir": "d"})[0].startswith(
        "cp.yaml: charge_point_id (--id): must be text"
    )


def test_a_configuration_value_is_carried_as_ocpp_text() -> None:
    # OCPP carries every value as a string: the configuration section takes typed YAML values.
    document = {"configuration": {"A": 60, "B": 1.5, "C": ["Energy", "Power"]}}
    settings = build_settings(BASE | document, {}, "test")
    assert settings.configuration == {"A": "60", "B": "1.5", "C": "Energy,Power"}


@pytest.mark.parametrize(
    "url",
    [
        "ws://[::1/ocpp",  # an unclosed IPv6 bracket
        "wss://cp:S3cr\uff0fet@csms.example/ocpp",  # NFKC makes the fullwidth solidus a '/'
        "ws://h:99999/ocpp",  # no such port
        "http://h/ocpp",
    ],
)
def test_a_bad_csms_url_is_a_settings_error_without_the_url(url: str) -> None:
    assert problems({"csms_url": url}) == [
        "cp.yaml: csms_url (--csms): must be a ws:// or wss:// URL"
    ]


@pytest.mark.parametrize("charge_point_id", [".", "..", "a/b", "tab\there"])
def test_a_charge_point_id_must_name_a_folder_and_a_url_segment(charge_point_id: str) -> None:
    lines = problems({"charge_point_id": charge_point_id, "data_dir": "d"})
    assert len(lines) == 1 and lines[0].startswith("cp.yaml: charge_point_id (--id): must ")


@pytest.mark.parametrize("flag", ["h:\u00b2", "h:" + "1" * 5000, "h:123456", "nohost"])
def test_a_bad_mqtt_flag_is_a_settings_error(flag: str) -> None:
    # '²' passes str.isdigit() but not int(); 5,000 digits pass neither Python's int limit.
    with pytest.raises(SettingsError, match="expected HOST:PORT"):
        build_settings(BASE, {"mqtt": flag, "module_id": "cp"}, "cp.yaml")


def test_a_section_field_without_a_rule_is_refused_when_declared() -> None:
    with pytest.raises(TypeError, match="declare site with _setting"):

        class MyIdentity(Identity):
            site: str = "depot"


def test_a_document_that_is_not_a_mapping_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="must be a mapping"):
        Identity.from_document(["vendor"], "cp.yaml")  # type: ignore[arg-type]


def test_a_float_without_a_fraction_is_an_integer() -> None:
    settings = build_settings(BASE | {"connectors": 3.0, "mqtt": {"host": "h", "port": 1883.0,
                                      "module_id": "cp"}}, {}, "test")  # fmt: skip
    assert settings.connectors == 3 and type(settings.connectors) is int
    assert settings.mqtt is not None and type(settings.mqtt.port) is int
    assert problems({"connectors": 1.5}) == [
        "cp.yaml: connectors (--connectors): must be a whole number"
    ]


def test_an_integer_is_taken_as_a_float() -> None:
    settings = build_settings(BASE | {"response_timeout": 5}, {}, "test")
    assert settings.response_timeout == 5.0 and type(settings.response_timeout) is float


def test_a_simulated_station_needs_a_voltage() -> None:
    # Its W and A limits convert by it: at 0 V a W limit would divide by zero mid-run.
    assert problems(BASE | {"simulation": {"voltage": 0}}) == [
        "cp.yaml: simulation.voltage: must be more than 0 and at most 1000"
    ]
    assert (
        build_settings(BASE | {"simulation": {"voltage": 110}}, {}, "t").simulation.voltage == 110
    )


def test_every_problem_is_reported_one_line_each_without_the_value() -> None:
    lines = problems(
        {
            "csms_url": "http://user:secret@h/x",
            "charge_point_id": None,
            "connectors": 0,
            "reconnect": {"jitter": 2, "colour": "red"},
            "mqtt": {"host": "h", "port": 70000, "module_id": "cp", "prefix": ""},
            "log_level": "LOUD",
            "smart_charging": {"supply_voltage": 0},
            "unknown\nname": 1,
        }
    )
    assert lines == [
        "cp.yaml: csms_url (--csms): must be a ws:// or wss:// URL",
        f"cp.yaml: charge_point_id (--id): {NOT_TEXT}",
        "cp.yaml: data_dir (--data-dir) is required",
        "cp.yaml: connectors (--connectors): must be 1 to 100",
        "cp.yaml: reconnect.jitter: must be 0 to 1",
        "cp.yaml: reconnect.colour: unknown setting",
        "cp.yaml: mqtt.port: must be 1 to 65535",
        "cp.yaml: mqtt.prefix: must be 1 to 500 characters",
        "cp.yaml: log_level (--log-level): must be one of DEBUG, INFO, WARNING, ERROR",
        "cp.yaml: smart_charging.supply_voltage: must be more than 0 and at most 1000",
        "cp.yaml: unknown\\nname: unknown setting",
    ]
    assert not any("secret" in line or "LOUD" in line for line in lines)


def test_a_rule_across_fields_is_checked_once_the_fields_are_valid() -> None:
    assert problems({"reconnect": {"initial_delay": 5, "max_delay": 1}}) == [
        "cp.yaml: reconnect: need initial_delay <= max_delay"
    ]
    # A field's own problem comes first: the delays are not compared with a bad value.
    assert problems({"reconnect": {"initial_delay": 5, "max_delay": 1, "jitter": -1}}) == [
        "cp.yaml: reconnect.jitter: must be 0 to 1"
    ]


def test_a_section_given_as_an_instance_is_taken_as_it_is() -> None:
    identity = Identity(vendor="V", model="M")
    mqtt = MqttSettings(host="h", module_id="cp")
    settings = build_settings(BASE | {"identity": identity, "mqtt": mqtt}, {}, "test")
    assert settings.identity is identity and settings.mqtt is mqtt
    assert problems({"identity": Reconnect()}) == [
        "cp.yaml: identity: must be a mapping of settings"
    ]


def test_the_fields_given_are_those_of_the_document_or_the_keywords() -> None:
    settings = build_settings(BASE | {"mqtt": {"prefix": "site/"}}, {"mqtt": "h:1", "module_id": "m"}, "test")  # fmt: skip
    assert settings.fields_set == {"csms_url", "charge_point_id", "data_dir", "mqtt"}
    assert settings.mqtt is not None
    assert settings.mqtt.fields_set == {"host", "port", "module_id", "prefix"}
    assert settings.identity.fields_set == frozenset()  # the default
    assert SmartChargingSettings(phases=1).fields_set == {"phases"}
    # A copy keeps what was given and adds what it changes; its fields stay unchecked.
    copy = settings.replace(smart_charging=SmartChargingSettings(phases=1))
    assert copy.fields_set == settings.fields_set | {"smart_charging"}
    assert copy.smart_charging.phases == 1 and settings.smart_charging.phases == 3


def test_defaults_do_not_count_as_given_but_compare_equal() -> None:
    written = Simulation.from_document({"phases": 3})
    assert written == Simulation() and written.fields_set == {"phases"}
    assert Simulation().fields_set == frozenset()


def test_a_document_of_the_settings_reads_back_as_the_same_settings(tmp_path: Path) -> None:
    settings = build_settings(
        BASE | {"data_dir": str(tmp_path), "tls": {"ca_bundle": "ca.pem"}, "identity": {"vendor": "V"},
                "data_transfer": {"com.example": {"ping": "pong", "": None}}},
        {"mqtt": "h:1", "module_id": "m"}, "test",
    )  # fmt: skip
    document = settings.to_document()
    assert document["tls"]["ca_bundle"] == "ca.pem" and document["data_dir"] == str(tmp_path)
    assert Settings.from_document(document) == settings


def test_the_settings_are_frozen() -> None:
    settings = build_settings(BASE, {}, "test")
    with pytest.raises(AttributeError):
        settings.connectors = 2  # type: ignore[misc]


def test_importing_the_settings_does_not_load_pydantic() -> None:
    """Start-up time and idle memory: the charge point reads its settings without pydantic."""
    completed = subprocess.run(
        [sys.executable, "-c",
         "import everest_py.ocpp16.settings, sys; print('pydantic' in sys.modules, "
         "'pydantic_core' in sys.modules, everest_py.ocpp16.settings.__file__)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    loaded, core_loaded, path = completed.stdout.split()
    assert Path(path).resolve().is_relative_to(ROOT)  # this checkout, not an installed copy
    assert (loaded, core_loaded) == ("False", "False")
