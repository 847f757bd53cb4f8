from __future__ import annotations

from pathlib import Path

import pytest

from everest_py.ocpp16.configuration import (
    DEFINITIONS,
    InvalidValue,
    find,
    markdown_table,
    rules,
)

VALUES = {
    "NumberOfConnectors": "2",
    "MeterValuesSampledDataMaxLength": "3",
    "ConnectorPhaseRotationMaxLength": "3",
    "SecurityProfile": "1",
}


def check(name: str, value: str) -> str:
    definition = find(name)
    assert definition is not None
    return definition.validate(value, VALUES.get)


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.name)
def test_every_default_passes_its_own_validator(definition: rules.KeyDefinition) -> None:
    if definition.default is not None:
        assert definition.validate(definition.default, {"NumberOfConnectors": "1"}.get) == (
            definition.default
        )


def test_core_and_security_keys_are_all_defined() -> None:
    names = {d.name for d in DEFINITIONS}
    for required in (
        "HeartbeatInterval", "GetConfigurationMaxKeys", "NumberOfConnectors",
        "SupportedFeatureProfiles", "MeterValuesSampledData", "ConnectorPhaseRotation",
        "TransactionMessageAttempts", "WebSocketPingInterval", "AuthorizationKey",
        "SecurityProfile",
    ):  # fmt: skip
        assert required in names


@pytest.mark.parametrize(
    "name", ["CertificateSignedMaxChainSize", "CertificateStoreMaxLength", "CpoName"]
)
def test_keys_of_the_certificate_messages_are_advertised_now_they_work(name: str) -> None:
    # Issue 13 (12): advertised only once the certificate messages are implemented.
    assert find(name) is not None
    assert f"`{name}`" in markdown_table()


def test_names_are_case_insensitive() -> None:
    found = find("heartbeatINTERVAL")
    assert found is not None and found.name == "HeartbeatInterval"
    assert find("NoSuchKey") is None


@pytest.mark.parametrize(
    ("name", "value", "stored"),
    [
        ("HeartbeatInterval", " 42 ", "42"),
        ("LocalPreAuthorize", "TRUE", "true"),
        (
            "MeterValuesSampledData",
            "Voltage, SoC ,Power.Active.Import",
            "Voltage,SoC,Power.Active.Import",
        ),
        ("MeterValuesSampledData", "", ""),
        ("ConnectorPhaseRotation", "0.RST,1.RTS,2.NotApplicable", "0.RST,1.RTS,2.NotApplicable"),
        ("SecurityProfile", "2", "2"),
        ("AuthorizationKey", "0123456789abcdef", "0123456789abcdef"),
        ("LightIntensity", "100", "100"),
    ],
)
def test_valid_values_are_normalised(name: str, value: str, stored: str) -> None:
    assert check(name, value) == stored


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("HeartbeatInterval", "abc", "not an integer"),
        ("HeartbeatInterval", "-1", "outside"),
        ("HeartbeatInterval", "1.5", "not an integer"),
        # str.isdigit() takes these, int() does not: a rule's error, not a crash.
        ("HeartbeatInterval", "--5", "not an integer"),
        ("HeartbeatInterval", "\u00b2", "not an integer"),
        ("HeartbeatInterval", "-\u00b3", "not an integer"),
        ("LightIntensity", "101", "outside"),
        ("LocalPreAuthorize", "yes", "not a boolean"),
        ("MeterValuesSampledData", "Voltage,Watts", "not a measurand"),
        ("MeterValuesSampledData", "Voltage,Voltage", "repeats"),
        ("MeterValuesSampledData", "Voltage,SoC,Frequency,RPM", "MeterValuesSampledDataMaxLength"),
        ("MeterValuesSampledData", "Voltage,,SoC", "empty item"),
        ("ConnectorPhaseRotation", "RST", "<connector>.<rotation>"),
        ("ConnectorPhaseRotation", "3.RST", "connector 3 of 2"),
        ("ConnectorPhaseRotation", "1.XYZ", "phase rotation"),
        ("ConnectorPhaseRotation", "1.RST,1.RTS", "twice"),
        ("SupportedFeatureProfiles", "Core,Teleport", "feature profile"),
        ("SupportedFeatureProfiles", "RemoteTrigger", "Core"),
        ("SecurityProfile", "0", "may not be lowered"),
        ("SecurityProfile", "4", "outside"),
        ("AuthorizationKey", "short", "outside 16..40"),
        ("AuthorizationKey", "x" * 41, "outside 16..40"),
        ("AuthorizationKey", "bad\nname-of-16-chars", "control characters"),
    ],
)
def test_invalid_values_are_rejected_with_a_reason(name: str, value: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason.replace(".", r"\.").replace("<", ".")):
        check(name, value)


def test_the_readme_table_lists_every_key_with_its_rules() -> None:
    table = markdown_table()
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [d.name for d in DEFINITIONS]
    assert "write-only" in next(row for row in rows if "`AuthorizationKey`" in row)
    assert "read-only" in next(row for row in rows if "`NumberOfConnectors`" in row)


def test_the_documented_key_table_is_the_generated_one() -> None:
    documentation = (Path(__file__).resolve().parents[2] / "docs" / "charge-point.md").read_text()
    assert (
        markdown_table() in documentation
    ), "regenerate with: python -m everest_py.ocpp16 keys-table"
