"""The OCPP configuration keys this charge point supports: the single source for validation,
defaults and the README table. Adding a key means adding one `_key(...)` line here (its validator
comes from rules.py); reading it is `Configuration.value(name)`/`integer(name)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from .rules import (
    IMPLEMENTED_PROFILES,
    INT32_MAX,
    Access,
    KeyDefinition,
    KeyType,
    Profile,
    Rule,
    boolean,
    feature_profiles,
    integer,
    item_list,
    measurand_list,
    one_of,
    phase_rotation,
    security_profile,
    string,
)


def _key(
    name: str,
    access: Access,
    kind: KeyType,
    default: str | None,
    validate: Rule,
    description: str,
    *,
    profile: Profile = Profile.CORE,
    reboot_required: bool = False,
    derived: bool = False,
) -> KeyDefinition:
    return KeyDefinition(
        name=name,
        profile=profile,
        type=kind,
        access=access,
        default=default,
        validate=validate,
        description=description,
        reboot_required=reboot_required,
        derived=derived,
    )


R, RW, W = Access.READ_ONLY, Access.READ_WRITE, Access.WRITE_ONLY
INT, BOOL, STR, LIST = KeyType.INTEGER, KeyType.BOOLEAN, KeyType.STRING, KeyType.LIST
SECURITY = Profile.SECURITY

# fmt: off
DEFINITIONS: Final[tuple[KeyDefinition, ...]] = (
    _key("AllowOfflineTxForUnknownId", RW, BOOL, "false", boolean(),
         "Start transactions for unknown ids while offline"),
    _key("AuthorizationCacheEnabled", RW, BOOL, "false", boolean(),
         "Use the authorization cache"),
    _key("AuthorizeRemoteTxRequests", RW, BOOL, "true", boolean(),
         "Authorize RemoteStartTransaction ids like local ones"),
    _key("BlinkRepeat", RW, INT, "3", integer(0, 1000),
         "How often the lights blink"),
    _key("ClockAlignedDataInterval", RW, INT, "0", integer(0, 86400, "seconds"),
         "Interval of clock-aligned meter data; 0 switches it off"),
    _key("ConnectionTimeOut", RW, INT, "60", integer(0, 3600, "seconds"),
         "Time to plug in after authorization"),
    _key("ConnectorPhaseRotation", RW, LIST, "0.Unknown", phase_rotation(),
         "Phase rotation per connector"),
    _key("ConnectorPhaseRotationMaxLength", R, INT, "10", integer(1, 100),
         "Most items in ConnectorPhaseRotation"),
    _key("GetConfigurationMaxKeys", R, INT, "50", integer(1, 1000),
         "Most keys one GetConfiguration.req may ask for"),
    _key("HeartbeatInterval", RW, INT, "300", integer(0, INT32_MAX, "seconds"),
         "Seconds between Heartbeat.req; a change applies at once; 0 sends none"),
    _key("LightIntensity", RW, INT, "100", integer(0, 100),
         "Light intensity in percent"),
    _key("LocalAuthorizeOffline", RW, BOOL, "true", boolean(),
         "Authorize locally while offline"),
    _key("LocalPreAuthorize", RW, BOOL, "false", boolean(),
         "Start before the CSMS answers Authorize.req"),
    _key("MaxEnergyOnInvalidId", RW, INT, "0", integer(0, INT32_MAX, "Wh"),
         "Energy delivered after an id turned invalid"),
    _key("MeterValuesAlignedData", RW, LIST, "Energy.Active.Import.Register",
         measurand_list("MeterValuesAlignedDataMaxLength"),
         "Measurands sent at clock-aligned times"),
    _key("MeterValuesAlignedDataMaxLength", R, INT, "10", integer(1, 100),
         "Most items in MeterValuesAlignedData"),
    _key("MeterValuesSampledData", RW, LIST, "Energy.Active.Import.Register",
         measurand_list("MeterValuesSampledDataMaxLength"),
         "Measurands sampled during a transaction"),
    _key("MeterValuesSampledDataMaxLength", R, INT, "10", integer(1, 100),
         "Most items in MeterValuesSampledData"),
    _key("MeterValueSampleInterval", RW, INT, "60", integer(0, 86400, "seconds"),
         "Seconds between sampled meter values; 0 switches them off"),
    _key("MinimumStatusDuration", RW, INT, "0", integer(0, 3600, "seconds"),
         "How long a status must last before it is reported"),
    _key("NumberOfConnectors", R, INT, "1", integer(1, 100),
         "Number of connectors (from the `connectors` setting)", derived=True),
    _key("ResetRetries", RW, INT, "1", integer(0, 100),
         "Reset attempts after a failed reset"),
    _key("StopTransactionOnEVSideDisconnect", RW, BOOL, "true", boolean(),
         "Stop the transaction when the cable is unplugged on the EV side"),
    _key("StopTransactionOnInvalidId", RW, BOOL, "true", boolean(),
         "Stop the transaction when its id turns invalid"),
    _key("StopTxnAlignedData", RW, LIST, "", measurand_list("StopTxnAlignedDataMaxLength"),
         "Clock-aligned measurands in StopTransaction.req"),
    _key("StopTxnAlignedDataMaxLength", R, INT, "10", integer(1, 100),
         "Most items in StopTxnAlignedData"),
    _key("StopTxnSampledData", RW, LIST, "", measurand_list("StopTxnSampledDataMaxLength"),
         "Sampled measurands in StopTransaction.req"),
    _key("StopTxnSampledDataMaxLength", R, INT, "10", integer(1, 100),
         "Most items in StopTxnSampledData"),
    _key("SupportedFeatureProfiles", R, LIST, IMPLEMENTED_PROFILES, feature_profiles(),
         "Feature profiles this charge point implements", derived=True),
    _key("SupportedFeatureProfilesMaxLength", R, INT, "6", integer(1, 6),
         "Most items in SupportedFeatureProfiles"),
    _key("TransactionMessageAttempts", RW, INT, "3", integer(1, 100),
         "Delivery attempts of a transaction-related (and security event) message"),
    _key("TransactionMessageRetryInterval", RW, INT, "60", integer(1, 86400, "seconds"),
         "Wait before retrying such a message"),
    _key("UnlockConnectorOnEVSideDisconnect", RW, BOOL, "true", boolean(),
         "Unlock the connector when the EV side is unplugged"),
    _key("WebSocketPingInterval", RW, INT, "30", integer(0, 86400, "seconds"),
         "Seconds between WebSocket pings; 0 sends none; a change applies at once"),
    # Local Auth List Management (impl/authorization, docs/authorization.md)
    _key("LocalAuthListEnabled", RW, BOOL, "true", boolean(),
         "Use the local authorization list; false: SendLocalList NotSupported, "
         "GetLocalListVersion -1", profile=Profile.LOCAL_AUTH_LIST_MANAGEMENT),
    _key("LocalAuthListMaxLength", R, INT, "1000", integer(1, 100000),
         "Most entries in the local authorization list", profile=Profile.LOCAL_AUTH_LIST_MANAGEMENT),
    _key("SendLocalListMaxLength", R, INT, "250", integer(1, 100000),
         "Most entries one SendLocalList.req may carry", profile=Profile.LOCAL_AUTH_LIST_MANAGEMENT),
    _key("AdditionalRootCertificateCheck", R, BOOL, "false", boolean(),
         "Check a new CSMS root certificate against the previous one", profile=SECURITY),
    _key("AuthorizationKey", W, STR, None, string(16, 40),
         "HTTP Basic password for security profiles 1 and 2; write-only, never read back or "
         "logged", profile=SECURITY),
    _key("SecurityProfile", RW, INT, "0", security_profile(),
         "Security profile of the connection; a change reconnects with it", profile=SECURITY),
    # Smart Charging (impl/smart_charging/); SmartCharging joins SupportedFeatureProfiles
    # once the core carries the service (docs/smart-charging.md).
    _key("ChargeProfileMaxStackLevel", R, INT, "10", integer(0, 1000),
         "Highest stackLevel a charging profile may have", profile=Profile.SMART_CHARGING),
    _key("ChargingScheduleAllowedChargingRateUnit", R, LIST, "Current,Power",
         Rule(item_list(one_of(("Current", "Power"), "charging rate unit"), None, False),
              "of Current, Power"),
         "Units a charging schedule may use (Current: A, Power: W)",
         profile=Profile.SMART_CHARGING),
    _key("ChargingScheduleMaxPeriods", R, INT, "24", integer(1, 1000),
         "Most periods in one charging schedule", profile=Profile.SMART_CHARGING),
    _key("ConnectorSwitch3to1PhaseSupported", R, BOOL, "false", boolean(),
         "Whether the charge point can switch from 3 to 1 phase during a transaction",
         profile=Profile.SMART_CHARGING),
    _key("MaxChargingProfilesInstalled", R, INT, "10", integer(1, 1000),
         "Most charging profiles installed at once", profile=Profile.SMART_CHARGING),
    # Reservation (impl/csms_actions/reservation.py, the required `reservation` module)
    _key("ReserveConnectorZeroSupported", R, BOOL, "true", boolean(),
         "Whether ReserveNow may reserve connector 0 (any connector)",
         profile=Profile.RESERVATION),
    # certificates (impl/certificates/, docs/certificates.md): the certificate management
    # messages of the security whitepaper, through the required `security` module
    _key("CertificateSignedMaxChainSize", R, INT, "10000", integer(1, 10000, "characters"),
         "Longest certificateChain a CertificateSigned.req may carry; a longer one is Rejected",
         profile=SECURITY),
    _key("CertificateStoreMaxLength", R, INT, "10", integer(1, 1000),
         "Most CA certificates installed; InstallCertificate is Rejected when full",
         profile=SECURITY),
    # 64: the longest organizationName an X.509 certificate may carry.
    _key("CpoName", RW, STR, None, string(1, 64),
         "Organization (O) of the charge point certificate's CSR; unset: no CSR",
         profile=SECURITY),
)
# fmt: on

BY_NAME: Final[Mapping[str, KeyDefinition]] = MappingProxyType(
    {definition.name.lower(): definition for definition in DEFINITIONS}
)


def find(name: str) -> KeyDefinition | None:
    """The definition of a key; OCPP key names are case-insensitive (CiString50)."""
    return BY_NAME.get(name.lower())
