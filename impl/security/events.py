"""Security event types of "Improved security for OCPP 1.6-J" and their criticality.

A critical event is sent to the Central System (SecurityEventNotification.req); every event,
critical or not, goes into the local security log.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple


class SecurityEventType(StrEnum):
    """The event names as they appear on the OCPP 1.6 wire."""

    FIRMWARE_UPDATED = "FirmwareUpdated"
    FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM = "FailedToAuthenticateAtCentralSystem"
    CENTRAL_SYSTEM_FAILED_TO_AUTHENTICATE = "CentralSystemFailedToAuthenticate"
    SETTING_SYSTEM_TIME = "SettingSystemTime"
    STARTUP_OF_THE_DEVICE = "StartupOfTheDevice"
    RESET_OR_REBOOT = "ResetOrReboot"
    SECURITY_LOG_WAS_CLEARED = "SecurityLogWasCleared"
    RECONFIGURATION_OF_SECURITY_PARAMETERS = "ReconfigurationOfSecurityParameters"
    MEMORY_EXHAUSTION = "MemoryExhaustion"
    INVALID_MESSAGES = "InvalidMessages"
    ATTEMPTED_REPLAY_ATTACKS = "AttemptedReplayAttacks"
    TAMPER_DETECTION_ACTIVATED = "TamperDetectionActivated"
    INVALID_FIRMWARE_SIGNATURE = "InvalidFirmwareSignature"
    INVALID_FIRMWARE_SIGNING_CERTIFICATE = "InvalidFirmwareSigningCertificate"
    INVALID_CENTRAL_SYSTEM_CERTIFICATE = "InvalidCentralSystemCertificate"
    INVALID_CHARGE_POINT_CERTIFICATE = "InvalidChargePointCertificate"
    INVALID_TLS_VERSION = "InvalidTLSVersion"
    INVALID_TLS_CIPHER_SUITE = "InvalidTLSCipherSuite"


class SecurityEventInfo(NamedTuple):
    type: SecurityEventType
    critical: bool
    description: str


_E = SecurityEventType

# Criticality per the whitepaper's list of security events.
SECURITY_EVENTS: Final = MappingProxyType(
    {
        info.type.value: info
        for info in (
            SecurityEventInfo(_E.FIRMWARE_UPDATED, True, "the firmware was updated"),
            SecurityEventInfo(
                _E.FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM,
                False,
                "the Central System rejected the charge point's credentials",
            ),
            SecurityEventInfo(
                _E.CENTRAL_SYSTEM_FAILED_TO_AUTHENTICATE,
                False,
                "the charge point rejected the Central System's credentials",
            ),
            SecurityEventInfo(_E.SETTING_SYSTEM_TIME, True, "the system time was changed"),
            SecurityEventInfo(_E.STARTUP_OF_THE_DEVICE, True, "the charge point has booted"),
            SecurityEventInfo(_E.RESET_OR_REBOOT, True, "the charge point was reset or rebooted"),
            SecurityEventInfo(_E.SECURITY_LOG_WAS_CLEARED, True, "the security log was cleared"),
            SecurityEventInfo(
                _E.RECONFIGURATION_OF_SECURITY_PARAMETERS,
                False,
                "security parameters (keys, security profile) were changed",
            ),
            SecurityEventInfo(_E.MEMORY_EXHAUSTION, True, "flash or RAM is getting full"),
            SecurityEventInfo(_E.INVALID_MESSAGES, False, "received messages that are not OCPP"),
            SecurityEventInfo(_E.ATTEMPTED_REPLAY_ATTACKS, False, "received a replayed message"),
            SecurityEventInfo(
                _E.TAMPER_DETECTION_ACTIVATED, True, "the tamper detection sensor was triggered"
            ),
            SecurityEventInfo(
                _E.INVALID_FIRMWARE_SIGNATURE, False, "the firmware signature is not valid"
            ),
            SecurityEventInfo(
                _E.INVALID_FIRMWARE_SIGNING_CERTIFICATE,
                False,
                "the firmware signing certificate is not valid",
            ),
            SecurityEventInfo(
                _E.INVALID_CENTRAL_SYSTEM_CERTIFICATE,
                False,
                "the Central System's certificate was not valid or could not be verified",
            ),
            SecurityEventInfo(
                _E.INVALID_CHARGE_POINT_CERTIFICATE,
                False,
                "the certificate sent with SignCertificate.conf is not valid",
            ),
            SecurityEventInfo(
                _E.INVALID_TLS_VERSION, False, "the Central System uses a TLS version below 1.2"
            ),
            SecurityEventInfo(
                _E.INVALID_TLS_CIPHER_SUITE,
                False,
                "the Central System allows only cipher suites the whitepaper forbids",
            ),
        )
    }
)

# EVerest's SecurityEventEnum uses the OCPP 2.0.1 spellings; the 1.6 wire uses the whitepaper's.
EVEREST_TO_WHITEPAPER: Final = MappingProxyType(
    {
        "FailedToAuthenticateAtCsms": _E.FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM.value,
        "CsmsFailedToAuthenticate": _E.CENTRAL_SYSTEM_FAILED_TO_AUTHENTICATE.value,
        "InvalidCsmsCertificate": _E.INVALID_CENTRAL_SYSTEM_CERTIFICATE.value,
        "InvalidChargingStationCertificate": _E.INVALID_CHARGE_POINT_CERTIFICATE.value,
    }
)


def wire_event_type(event_type: str) -> str:
    """The name to send on the OCPP 1.6 wire: EVerest spellings mapped, anything else kept."""
    if not isinstance(event_type, str):
        raise TypeError(f"security event type must be a str, got {type(event_type).__name__}")
    return EVEREST_TO_WHITEPAPER.get(event_type, event_type)


def is_critical(event_type: str, override: bool | None) -> bool:
    """Whether the event goes to the Central System.

    `override` (the `critical` field of EVerest's SecurityEvent) wins; an unknown type is not
    critical unless overridden.
    """
    if override is not None:
        return bool(override)
    info = SECURITY_EVENTS.get(wire_event_type(event_type))
    return info.critical if info is not None else False
