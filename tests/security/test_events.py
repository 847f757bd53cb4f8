from __future__ import annotations

import pytest

from everest_py.ocpp16.security.events import (
    SECURITY_EVENTS,
    SecurityEventType,
    is_critical,
    wire_event_type,
)

CRITICAL = {
    "FirmwareUpdated",
    "SettingSystemTime",
    "StartupOfTheDevice",
    "ResetOrReboot",
    "SecurityLogWasCleared",
    "MemoryExhaustion",
    "TamperDetectionActivated",
}


def test_the_whitepaper_list_is_complete() -> None:
    assert len(SECURITY_EVENTS) == 18
    assert set(SECURITY_EVENTS) == {member.value for member in SecurityEventType}


@pytest.mark.parametrize("event_type", sorted(SECURITY_EVENTS))
def test_criticality_follows_the_whitepaper(event_type: str) -> None:
    assert is_critical(event_type, None) is (event_type in CRITICAL)


@pytest.mark.parametrize("event_type", ["StartupOfTheDevice", "InvalidMessages", "VendorThing"])
@pytest.mark.parametrize("override", [True, False])
def test_override_wins(event_type: str, override: bool) -> None:
    assert is_critical(event_type, override) is override


def test_unknown_type_is_not_critical() -> None:
    assert is_critical("SomethingVendorSpecific", None) is False


@pytest.mark.parametrize(
    ("everest", "wire"),
    [
        ("InvalidCsmsCertificate", "InvalidCentralSystemCertificate"),
        ("FailedToAuthenticateAtCsms", "FailedToAuthenticateAtCentralSystem"),
        ("CsmsFailedToAuthenticate", "CentralSystemFailedToAuthenticate"),
        ("InvalidChargingStationCertificate", "InvalidChargePointCertificate"),
        ("StartupOfTheDevice", "StartupOfTheDevice"),
        ("VendorThing", "VendorThing"),
    ],
)
def test_everest_spellings_map_to_whitepaper_names(everest: str, wire: str) -> None:
    assert wire_event_type(everest) == wire


def test_wire_event_type_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="must be a str, got int"):
        wire_event_type(5)  # type: ignore[arg-type]
