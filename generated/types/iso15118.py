"""ISO15118 charger types

Generated from types/iso15118.yaml. Do not edit: regenerate.
"""

import re
from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import (
    EverestModel,
    JsonBool,
    JsonDateTime,
    JsonInt,
    JsonNumber,
    JsonString,
    Omittable,
)
from pydantic import ConfigDict, Field

from . import grid_support as _grid_support
from . import units as _units


class PaymentOption(StrEnum):
    """Payment options for the SECC and EVCC"""

    Contract = "Contract"
    ExternalPayment = "ExternalPayment"


class EnergyTransferMode(StrEnum):
    """Possible energy transfer modes. The modes AC_single_phase_core to DC_unique apply to
    DIN70121 and ISO15118-2. The other modes DC to WPT apply to ISO15118-20."""

    AC_single_phase_core = "AC_single_phase_core"
    AC_two_phase = "AC_two_phase"
    AC_three_phase_core = "AC_three_phase_core"
    DC_core = "DC_core"
    DC_extended = "DC_extended"
    DC_combo_core = "DC_combo_core"
    DC_unique = "DC_unique"
    DC = "DC"
    AC_BPT = "AC_BPT"
    AC_BPT_DER = "AC_BPT_DER"
    AC_DER_IEC = "AC_DER_IEC"
    AC_DER_SAE = "AC_DER_SAE"
    DC_BPT = "DC_BPT"
    DC_ACDP = "DC_ACDP"
    DC_ACDP_BPT = "DC_ACDP_BPT"
    WPT = "WPT"
    MCS = "MCS"
    MCS_BPT = "MCS_BPT"


class IsolationStatus(StrEnum):
    """The different charger isolation status"""

    Invalid = "Invalid"
    Valid = "Valid"
    Warning = "Warning"
    Fault = "Fault"
    No_IMD = "No_IMD"


class DcEvErrorCode(StrEnum):
    """Indicates the DC EV internal status"""

    NO_ERROR = "NO_ERROR"
    FAILED_RESSTemperatureInhibit = "FAILED_RESSTemperatureInhibit"
    FAILED_EVShiftPosition = "FAILED_EVShiftPosition"
    FAILED_ChargerConnectorLockFault = "FAILED_ChargerConnectorLockFault"
    FAILED_EVRESSMalfunction = "FAILED_EVRESSMalfunction"
    FAILED_ChargingCurrentdifferential = "FAILED_ChargingCurrentdifferential"
    FAILED_ChargingVoltageOutOfRange = "FAILED_ChargingVoltageOutOfRange"
    Reserved_A = "Reserved_A"
    Reserved_B = "Reserved_B"
    Reserved_C = "Reserved_C"
    FAILED_ChargingSystemIncompatibility = "FAILED_ChargingSystemIncompatibility"
    NoData = "NoData"


class EvseError(StrEnum):
    """Details on error type
      Error_Contactor: The contactor is opened or closed at the wrong moment.
      Error_RCD: The RCD has detected an error.
      Error_UtilityInterruptEvent: Utility Interrupt Event, Utility or Equipment operator has
    requested a temporary reduction in load
      Error_Malfunction: A non-recoverable charger fault has occurred (Isolation Failure,
    ...). It is permanently faulted.
      Error_EmergencyShutdown: Charging System Incompatibility, Emergency Shutdown or E-Stop
    button pressed at charging station"""

    Error_Contactor = "Error_Contactor"
    Error_RCD = "Error_RCD"
    Error_UtilityInterruptEvent = "Error_UtilityInterruptEvent"
    Error_Malfunction = "Error_Malfunction"
    Error_EmergencyShutdown = "Error_EmergencyShutdown"


class V2gMessageId(StrEnum):
    """This element contains the id of the v2g message body"""

    SupportedAppProtocolReq = "SupportedAppProtocolReq"
    SupportedAppProtocolRes = "SupportedAppProtocolRes"
    SessionSetupReq = "SessionSetupReq"
    SessionSetupRes = "SessionSetupRes"
    ServiceDiscoveryReq = "ServiceDiscoveryReq"
    ServiceDiscoveryRes = "ServiceDiscoveryRes"
    ServiceDetailReq = "ServiceDetailReq"
    ServiceDetailRes = "ServiceDetailRes"
    PaymentServiceSelectionReq = "PaymentServiceSelectionReq"
    PaymentServiceSelectionRes = "PaymentServiceSelectionRes"
    ServicePaymentSelectionReq = "ServicePaymentSelectionReq"
    ServicePaymentSelectionRes = "ServicePaymentSelectionRes"
    PaymentDetailsReq = "PaymentDetailsReq"
    PaymentDetailsRes = "PaymentDetailsRes"
    AuthorizationReq = "AuthorizationReq"
    AuthorizationRes = "AuthorizationRes"
    ContractAuthenticationReq = "ContractAuthenticationReq"
    ContractAuthenticationRes = "ContractAuthenticationRes"
    ChargeParameterDiscoveryReq = "ChargeParameterDiscoveryReq"
    ChargeParameterDiscoveryRes = "ChargeParameterDiscoveryRes"
    ChargingStatusReq = "ChargingStatusReq"
    ChargingStatusRes = "ChargingStatusRes"
    MeteringReceiptReq = "MeteringReceiptReq"
    MeteringReceiptRes = "MeteringReceiptRes"
    PowerDeliveryReq = "PowerDeliveryReq"
    PowerDeliveryRes = "PowerDeliveryRes"
    CableCheckReq = "CableCheckReq"
    CableCheckRes = "CableCheckRes"
    PreChargeReq = "PreChargeReq"
    PreChargeRes = "PreChargeRes"
    CurrentDemandReq = "CurrentDemandReq"
    CurrentDemandRes = "CurrentDemandRes"
    WeldingDetectionReq = "WeldingDetectionReq"
    WeldingDetectionRes = "WeldingDetectionRes"
    SessionStopReq = "SessionStopReq"
    SessionStopRes = "SessionStopRes"
    CertificateInstallationReq = "CertificateInstallationReq"
    CertificateInstallationRes = "CertificateInstallationRes"
    CertificateUpdateReq = "CertificateUpdateReq"
    CertificateUpdateRes = "CertificateUpdateRes"
    AuthorizationSetupReq = "AuthorizationSetupReq"
    AuthorizationSetupRes = "AuthorizationSetupRes"
    ScheduleExchangeReq = "ScheduleExchangeReq"
    ScheduleExchangeRes = "ScheduleExchangeRes"
    ServiceSelectionReq = "ServiceSelectionReq"
    ServiceSelectionRes = "ServiceSelectionRes"
    AcChargeLoopReq = "AcChargeLoopReq"
    AcChargeLoopRes = "AcChargeLoopRes"
    AcChargeParameterDiscoveryReq = "AcChargeParameterDiscoveryReq"
    AcChargeParameterDiscoveryRes = "AcChargeParameterDiscoveryRes"
    AcDerChargeParameterDiscoveryReq = "AcDerChargeParameterDiscoveryReq"
    AcDerChargeParameterDiscoveryRes = "AcDerChargeParameterDiscoveryRes"
    AcDerChargeLoopReq = "AcDerChargeLoopReq"
    AcDerChargeLoopRes = "AcDerChargeLoopRes"
    AcDerSaeChargeParameterDiscoveryReq = "AcDerSaeChargeParameterDiscoveryReq"
    AcDerSaeChargeParameterDiscoveryRes = "AcDerSaeChargeParameterDiscoveryRes"
    AcDerSaeChargeLoopReq = "AcDerSaeChargeLoopReq"
    AcDerSaeChargeLoopRes = "AcDerSaeChargeLoopRes"
    DcCableCheckReq = "DcCableCheckReq"
    DcCableCheckRes = "DcCableCheckRes"
    DcChargeLoopReq = "DcChargeLoopReq"
    DcChargeLoopRes = "DcChargeLoopRes"
    DcChargeParameterDiscoveryReq = "DcChargeParameterDiscoveryReq"
    DcChargeParameterDiscoveryRes = "DcChargeParameterDiscoveryRes"
    DcPreChargeReq = "DcPreChargeReq"
    DcPreChargeRes = "DcPreChargeRes"
    DcWeldingDetectionReq = "DcWeldingDetectionReq"
    DcWeldingDetectionRes = "DcWeldingDetectionRes"
    UnknownMessage = "UnknownMessage"


class SaeJ2847BidiMode(StrEnum):
    """Bidi mode for sae j2847_2"""

    None_ = "None"
    V2G = "V2G"
    V2H = "V2H"


class CertificateActionEnum(StrEnum):
    """Specifies the type of a certificate request"""

    Install = "Install"
    Update = "Update"


class NoEnergyPauseMode(StrEnum):
    """PauseAfterPrecharge the charger should pause but has power for cable check and pre charge.
    PauseBeforeCableCheck the charger should pause before cable check. AllowEvToIgnorePause
    charger should ignore, that the ev will go to CurrentDemand instead of pausing the
    session, this is against IEC61851-23:2023."""

    PauseAfterPrecharge = "PauseAfterPrecharge"
    PauseBeforeCableCheck = "PauseBeforeCableCheck"
    AllowEvToIgnorePause = "AllowEvToIgnorePause"


class EVSEID(EverestModel):
    """An ID that uniquely identifies the EVSE and the power outlet the vehicle is connected to"""

    model_config = ConfigDict(extra="forbid")

    evse_id: JsonString = Field(description="EVSE ID")
    evse_id_din: Omittable[JsonString] = Field(
        default=None,
        description="EVSE ID (DIN70121) according to DIN SPEC 91286",
    )


class DcEvsePresentVoltageCurrent(EverestModel):
    """Set the present voltage and current for the EVSE"""

    model_config = ConfigDict(extra="forbid")

    evse_present_voltage: Annotated[JsonNumber, Field(ge=0, le=1500)] = Field(
        description="Output voltage of the EVSE as defined in IEC CDV 61851-23 in V",
    )
    evse_present_current: Omittable[Annotated[JsonNumber, Field(ge=0, le=10000)]] = Field(
        default=None,
        description="Present output current of the EVSE in A",
    )


class DcEvseMaximumLimits(EverestModel):
    """Maximum Values (current, power and voltage) the EVSE can deliver"""

    model_config = ConfigDict(extra="forbid")

    evse_maximum_current_limit: Annotated[JsonNumber, Field(ge=-10000, le=10000)] = Field(
        description="Maximum current the EVSE can deliver in A",
    )
    evse_maximum_power_limit: Annotated[JsonNumber, Field(ge=-1000000, le=1000000)] = Field(
        description="Maximum power the EVSE can deliver in W",
    )
    evse_maximum_voltage_limit: Annotated[JsonNumber, Field(ge=0, le=1500)] = Field(
        description="Maximum voltage the EVSE can deliver in V",
    )
    evse_maximum_discharge_current_limit: Omittable[
        Annotated[JsonNumber, Field(ge=0, le=10000)]
    ] = Field(default=None, description="Maximum discharge current the EVSE can deliver in A")
    evse_maximum_discharge_power_limit: Omittable[
        Annotated[JsonNumber, Field(ge=0, le=1000000)]
    ] = Field(default=None, description="Maximum discharge power the EVSE can deliver in W")


class DcEvseMinimumLimits(EverestModel):
    """Minimum Values the EVSE can deliver"""

    model_config = ConfigDict(extra="forbid")

    evse_minimum_current_limit: Annotated[JsonNumber, Field(ge=0, le=10000)] = Field(
        description="Minimum current the EVSE can deliver with the expected accuracy in A",
    )
    evse_minimum_voltage_limit: Annotated[JsonNumber, Field(ge=0, le=1500)] = Field(
        description="Minimum voltage the EVSE can deliver with the expected accuracy in V",
    )
    evse_minimum_power_limit: Annotated[JsonNumber, Field(ge=0, le=1000000)] = Field(
        description="Minimum power the EVSE can deliver with the expected accuracy in W",
    )
    evse_minimum_discharge_current_limit: Omittable[
        Annotated[JsonNumber, Field(ge=0, le=10000)]
    ] = Field(default=None, description="Minimum discharge current the EVSE can deliver in A")
    evse_minimum_discharge_power_limit: Omittable[
        Annotated[JsonNumber, Field(ge=0, le=1000000)]
    ] = Field(default=None, description="Minimum discharge power the EVSE can deliver in W")


class SetupPhysicalValues(EverestModel):
    """Initial physical values for setup a AC or DC charging session"""

    model_config = ConfigDict(extra="forbid")

    ac_nominal_voltage: Omittable[Annotated[JsonNumber, Field(ge=0, le=1000)]] = Field(
        default=None,
        description="Set line voltage supported by the EVSE. This is the voltage measured between "
        "one phase and neutral in V.",
    )
    dc_current_regulation_tolerance: Omittable[Annotated[JsonNumber, Field(ge=0, le=400)]] = Field(
        default=None,
        description="Set the absolute magnitude of the regulation tolerance of the EVSE in A.",
    )
    dc_peak_current_ripple: Omittable[Annotated[JsonNumber, Field(ge=0, le=400)]] = Field(
        default=None,
        description="Set the peak-to-peak magnitude of the current ripple of the EVSE in A.",
    )
    dc_energy_to_be_delivered: Omittable[Annotated[JsonNumber, Field(ge=0, le=200000)]] = Field(
        default=None,
        description="Set the amount of energy to be delivered by the EVSE in Wh (optional)",
    )


class DcEvStatus(EverestModel):
    """Current status of the EV"""

    model_config = ConfigDict(extra="forbid")

    dc_ev_ready: JsonBool = Field(description="If set to TRUE, the EV is ready to charge")
    dc_ev_error_code: DcEvErrorCode = Field(description="Indicates the EV internal status")
    dc_ev_ress_soc: Annotated[JsonNumber, Field(ge=0, le=100)] = Field(
        description="State of charge of the EVs battery (RESS)",
    )
    dc_ev_cabin_conditioning: Omittable[JsonBool] = Field(
        default=None,
        description="'DIN70121 only: The EV is using energy from the DC supply to heat or cool the"
        " passenger compartment.'",
    )
    dc_ev_ress_conditioning: Omittable[JsonBool] = Field(
        default=None,
        description="'DIN70121 only: The vehicle is using energy from the DC charger to condition "
        "the RESS to a target temperature.'",
    )


class DcEvTargetValues(EverestModel):
    """Target voltage and current requested by the EV"""

    model_config = ConfigDict(extra="forbid")

    dc_ev_target_voltage: Annotated[JsonNumber, Field(ge=-2, le=1500)] = Field(
        description="Target Voltage requested by EV in V",
    )
    dc_ev_target_current: Annotated[JsonNumber, Field(ge=-2, le=10000)] = Field(
        description="Current demanded by EV in A",
    )


class DcEvMaximumLimits(EverestModel):
    """Maximum Values (current, power and voltage) supported and allowed by the EV"""

    model_config = ConfigDict(extra="forbid")

    dc_ev_maximum_current_limit: Omittable[Annotated[JsonNumber, Field(ge=-2, le=10000)]] = Field(
        default=None,
        description="Maximum current supported and allowed by the EV in A",
    )
    dc_ev_maximum_power_limit: Omittable[Annotated[JsonNumber, Field(ge=-2, le=350000)]] = Field(
        default=None,
        description="Maximum power supported and allowed by the EV in W (optional)",
    )
    dc_ev_maximum_voltage_limit: Omittable[Annotated[JsonNumber, Field(ge=-2, le=1500)]] = Field(
        default=None,
        description="Maximum voltage supported and allowed by the EV in V",
    )


class DcEvRemainingTime(EverestModel):
    """Estimated or calculated time until bulk and full charge is complete"""

    model_config = ConfigDict(extra="forbid")

    ev_remaining_time_to_full_soc: Omittable[JsonDateTime] = Field(
        default=None,
        description="[RFC3339 UTC] Estimated or calculated time until full charge (100% SOC) is "
        "complete",
    )
    ev_remaining_time_to_full_bulk_soc: Omittable[JsonDateTime] = Field(
        default=None,
        description="[RFC3339 UTC] Estimated or calculated time until bulk charge (approx. 80% "
        "SOC) is complete",
    )


class SupportedAppProtocol(StrEnum):
    """Protocols supported by the SECC"""

    DIN70121 = "DIN70121"
    ISO15118D2 = "ISO15118D2"
    ISO15118D20 = "ISO15118D20"


class SupportedAppProtocols(EverestModel):
    """This message element is used by the SECC for transmitting the list of supported protocols"""

    model_config = ConfigDict(extra="forbid")

    app_protocols: Annotated[list[SupportedAppProtocol], Field(min_length=0, max_length=20)]


class AppProtocol(EverestModel):
    """This message element is used by the EVCC for transmitting the list of supported protocols"""

    model_config = ConfigDict(extra="forbid")

    protocol_namespace: Annotated[JsonString, Field(min_length=1, max_length=100)] = Field(
        description="This message element is used by the EVCC to uniquely identify the Namespace "
        "URI of a specific protocol supported by the EVCC",
    )
    version_number_major: Annotated[JsonInt, Field(ge=0)] = Field(
        description="This message element is used by the EVCC to indicate the major version number"
        " of the protocol",
    )
    version_number_minor: Annotated[JsonInt, Field(ge=0)] = Field(
        description="This message element is used by the EVCC to indicate the minor version number"
        " of the protocol",
    )
    schema_id: Annotated[JsonInt, Field(ge=0, le=255)] = Field(
        description="This message element is used by the EVCC to indicate the SchemaID assigned by"
        " the EVCC to the protocol",
    )
    priority: Annotated[JsonInt, Field(ge=1, le=20)] = Field(
        description="This message element is used by the EVCC for indicating the protocol priority"
        " of a specific protocol allowing the SECC to select a protocol based on "
        "priorities",
    )


class AppProtocols(EverestModel):
    """This message element is used by the EVCC for transmitting the list of supported protocols"""

    model_config = ConfigDict(extra="forbid")

    Protocols: Annotated[list[AppProtocol], Field(min_length=1, max_length=20)]


class V2gMessages(EverestModel):
    """This element contains all V2G elements"""

    model_config = ConfigDict(extra="forbid")

    id: V2gMessageId = Field(description="This element contains the id of the v2g message body")
    xml: Omittable[Annotated[JsonString, Field(min_length=0)]] = Field(
        default=None,
        description="Contains the decoded EXI stream as V2G message XML file",
    )
    v2g_json: Omittable[Annotated[JsonString, Field(min_length=0)]] = Field(
        default=None,
        description="Contains the decoded EXI stream as V2G message JSON file",
    )
    exi: Omittable[Annotated[JsonString, Field(min_length=0)]] = Field(
        default=None,
        description="Contains the EXI stream as hex string",
    )
    exi_base64: Omittable[Annotated[JsonString, Field(min_length=0)]] = Field(
        default=None,
        description="Contains the EXI stream as base64 string",
    )


class ResponseExiStreamStatusStatus(StrEnum):
    """Indicates whether the message was processed properly Accepted - The message was processed
    properly, exi_response included Failed - Processing of the message was not successful, no
    exi_response included"""

    Accepted = "Accepted"
    Failed = "Failed"


class ResponseExiStreamStatus(EverestModel):
    """The response raw exi stream and the status from the CSMS system"""

    model_config = ConfigDict(extra="forbid")

    status: ResponseExiStreamStatusStatus = Field(
        description="Indicates whether the message was processed properly Accepted - The message "
        "was processed properly, exi_response included Failed - Processing of the "
        "message was not successful, no exi_response included",
    )
    exi_response: Omittable[Annotated[JsonString, Field(max_length=5600)]] = Field(
        default=None,
        description="Raw CertificateInstallationRes or CertificateUpdateRes message as exi stream "
        "(Base64 encoded)",
    )
    certificate_action: CertificateActionEnum = Field(description="Type of the certificate request")


class RequestExiStreamSchema(EverestModel):
    """The request raw exi stream and the schema version for the CSMS system"""

    model_config = ConfigDict(extra="forbid")

    exi_request: Annotated[JsonString, Field(max_length=5600)] = Field(
        description="Raw CertificateInstallationReq or CertificateUpdateReq message as exi stream "
        "(Base64 encoded)",
    )
    iso15118_schema_version: Annotated[JsonString, Field(max_length=50)] = Field(
        description="Schema Version used for CertificateReq message between EV and Charger",
    )
    certificate_action: CertificateActionEnum = Field(description="Type of the certificate request")


class CertificateHashDataInfoHashAlgorithm(StrEnum):
    """Used algorithms for the hashes provided"""

    SHA256 = "SHA256"
    SHA384 = "SHA384"
    SHA512 = "SHA512"


class CertificateHashDataInfo(EverestModel):
    """Contains the certificate information"""

    model_config = ConfigDict(extra="forbid")

    hashAlgorithm: CertificateHashDataInfoHashAlgorithm = Field(
        description="Used algorithms for the hashes provided",
    )
    issuerNameHash: Annotated[JsonString, Field(max_length=128)] = Field(
        description="Hashed value of the Issuer Distinguished Name",
    )
    issuerKeyHash: Annotated[JsonString, Field(max_length=128)] = Field(
        description="Hashed value of the issuers public key",
    )
    serialNumber: Annotated[JsonString, Field(max_length=40)] = Field(
        description="The serial number of the certificate",
    )
    responderURL: Annotated[JsonString, Field(max_length=512)] = Field(
        description="This contains the responder URL",
    )


class DisplayParameters(EverestModel):
    """Parameters that may be displayed on the EVSE"""

    model_config = ConfigDict(extra="forbid")

    present_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="Current SoC of the EV battery",
    )
    minimum_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="Minimum SoC EV needs after charging",
    )
    target_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="Target SoC EV needs after charging",
    )
    maximum_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="The SoC at which the EV will prohibit",
    )
    remaining_time_to_minimum_soc: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Remaining time it takes to reach minimum SoC",
    )
    remaining_time_to_target_soc: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Remaining time it takes to reach target SoC",
    )
    remaining_time_to_maximum_soc: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Remaining time it takes to reach maximum SoC",
    )
    charging_complete: Omittable[JsonBool] = Field(
        default=None,
        description="Indication if the charging is complete",
    )
    battery_energy_capacity: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Energy capacity in Wh of the EV battery",
    )
    inlet_hot: Omittable[JsonBool] = Field(
        default=None,
        description="Inlet temperature is too high",
    )


class DcChargeDynamicModeValues(EverestModel):
    """Parameters for dynamic control mode"""

    model_config = ConfigDict(extra="forbid")

    departure_time: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="The time when the EV wants to finish charging",
    )
    target_energy_request: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Energy request to fulfil the target SoC",
    )
    max_energy_request: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Maximum acceptable energy level of the EV",
    )
    min_energy_request: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Energy request to fulfil the minimum SoC",
    )
    max_charge_power: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Maximum charge power allowed by the EV",
    )
    min_charge_power: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Minimum charge power allowed by the EV",
    )
    max_charge_current: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Maximum charge current allowed by the EV",
    )
    max_voltage: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Maximum voltage allowed by the EV",
    )
    min_voltage: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Minimum voltage allowed by the EV",
    )
    max_discharge_power: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Maximum discharge current allowed by the EV",
    )
    min_discharge_power: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Minimum discharge current allowed by the EV",
    )
    max_discharge_current: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Maximum discharge current allowed by the EV",
    )
    max_v2x_energy_request: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Energy which may be charged until the PresentSOC has left the range dedicated"
        " for cycling activity.",
    )
    min_v2x_energy_request: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Energy which needs to be charged until the PresentSOC has left the range "
        "dedicated for cycling activity.",
    )


class ServiceCategory(StrEnum):
    """Different service (energy and VAS) in ISO15118-20"""

    AC = "AC"
    DC = "DC"
    WPT = "WPT"
    DC_ACDP = "DC_ACDP"
    AC_BPT = "AC_BPT"
    DC_BPT = "DC_BPT"
    DC_ACDP_BPT = "DC_ACDP_BPT"
    MCS = "MCS"
    MCS_BPT = "MCS_BPT"
    AC_DER_IEC = "AC_DER_IEC"
    AC_DER_SAE = "AC_DER_SAE"
    Internet = "Internet"
    ParkingStatus = "ParkingStatus"


class Connector(StrEnum):
    """Different AC and DC connector"""

    SinglePhase = "SinglePhase"
    ThreePhase = "ThreePhase"
    Core = "Core"
    Extended = "Extended"
    Dual2 = "Dual2"
    Dual4 = "Dual4"
    Mcs = "Mcs"
    Chaoji = "Chaoji"
    UltraChaoji = "UltraChaoji"
    rMcs = "rMcs"
    xMcs = "xMcs"
    Aviation = "Aviation"
    Marine = "Marine"


class ControlMode(StrEnum):
    """(2.1) Indicates whether EV wants to operate in Dynamic or Scheduled mode. When absent,
    Scheduled mode is assumed for backwards compatibility. ISO 15118-20:
    ServiceSelectionReq(SelectedEnergyTransferService)"""

    ScheduledControl = "ScheduledControl"
    DynamicControl = "DynamicControl"


class IslandingDetection(StrEnum):
    """None"""

    NoAntiIslandingSupport = "NoAntiIslandingSupport"
    RoCoF = "RoCoF"
    UVP_OVP = "UVP_OVP"
    UFP_OFP = "UFP_OFP"
    VoltageVectorShift = "VoltageVectorShift"
    ZeroCrossingDetection = "ZeroCrossingDetection"
    OtherPassive = "OtherPassive"
    ImpedanceMeasurement = "ImpedanceMeasurement"
    ImpedanceAtFrequency = "ImpedanceAtFrequency"
    SlipModeFrequencyShift = "SlipModeFrequencyShift"
    SandiaFrequencyShift = "SandiaFrequencyShift"
    SandiaVoltageShift = "SandiaVoltageShift"
    FrequencyJump = "FrequencyJump"
    RCLQFactor = "RCLQFactor"
    OtherActive = "OtherActive"


class MobilityNeedsMode(StrEnum):
    """(2.1) Value of EVCC indicates that EV determines min/target SOC and departure time. A
    value of EVCC_SECC indicates that charging station or CSMS may also update min/target SOC
    and departure time. ISO 15118-20: ServiceSelectionReq(SelectedEnergyTransferService)"""

    EVCC = "EVCC"
    EVCC_SECC = "EVCC_SECC"


class Pricing(StrEnum):
    """Providing information about which pricing structure will be used in the offered schedules."""

    NoPricing = "NoPricing"
    AbsolutePricing = "AbsolutePricing"
    PriceLevels = "PriceLevels"


class BptChannel(StrEnum):
    """Type of installed power transfer channel"""

    Unified = "Unified"
    Separated = "Separated"


class GeneratorMode(StrEnum):
    """Power converter behavior."""

    GridFollowing = "GridFollowing"
    GridForming = "GridForming"


class GridCodeIslandingDetectionMethod(StrEnum):
    """Islanding detection method"""

    Active = "Active"
    Passive = "Passive"


class V2XChargingParameters(EverestModel):
    """Charging parameters for ISO 15118-20, also supporting V2X charging/discharging. All values
    are greater or equal to zero, with the exception of EVMinEnergyRequest,
    EVMaxEnergyRequest, EVTargetEnergyRequest, EVMinV2XEnergyRequest and
    EVMaxV2XEnergyRequest."""

    model_config = ConfigDict(extra="allow")

    min_charge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum charge power in W, defined by max(EV, EVSE). This field represents "
        "the sum of all phases, unless values are provided for L2 and L3, in which "
        "case this field represents phase L1. Relates to: ISO 15118-20: "
        "BPT_AC/DC_CPDReqEnergyTransferModeType: EVMinimumChargePower",
    )
    min_charge_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum charge power on phase L2 in W, defined by max(EV, EVSE). Relates to: "
        "ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: EVMinimumChargePower_L2",
    )
    min_charge_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum charge power on phase L3 in W, defined by max(EV, EVSE). Relates to: "
        "ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: EVMinimumChargePower_L3",
    )
    max_charge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum charge (absorbed) power in W, defined by min(EV, EVSE) at unity power"
        " factor. This field represents the sum of all phases, unless values are "
        "provided for L2 and L3, in which case this field represents phase L1. It "
        "corresponds to the ChaWMax attribute in the IEC 61850. It is usually "
        "equivalent to the rated apparent power of the EV when discharging (ChaVAMax) "
        "in IEC 61850. Relates to: ISO 15118-20: "
        "BPT_AC/DC_CPDReqEnergyTransferModeType: EVMaximumChargePower",
    )
    max_charge_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum charge power on phase L2 in W, defined by min(EV, EVSE) Relates to: "
        "ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: EVMaximumChargePower_L2",
    )
    max_charge_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum charge power on phase L3 in W, defined by min(EV, EVSE) Relates to: "
        "ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: EVMaximumChargePower_L3",
    )
    min_discharge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum discharge (injected) power in W, defined by max(EV, EVSE) at unity "
        "power factor. Value >= 0. This field represents the sum of all phases, unless"
        " values are provided for L2 and L3, in which case this field represents phase"
        " L1. It corresponds to the WMax attribute in the IEC 61850. It is usually "
        "equivalent to the rated apparent power of the EV when discharging (VAMax "
        "attribute in the IEC 61850). Relates to: ISO 15118-20: "
        "BPT_AC/DC_CPDReqEnergyTransferModeType: EVMinimumDischargePower",
    )
    min_discharge_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum discharge power on phase L2 in W, defined by max(EV, EVSE).  Value >="
        " 0. Relates to: ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: "
        "EVMinimumDischargePower_L2",
    )
    min_discharge_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum discharge power on phase L3 in W, defined by max(EV, EVSE).  Value >="
        " 0. Relates to: ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: "
        "EVMinimumDischargePower_L3",
    )
    max_discharge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum discharge (injected) power in W, defined by min(EV, EVSE) at unity "
        "power factor.  Value >= 0. This field represents the sum of all phases, "
        "unless values are provided for L2 and L3, in which case this field represents"
        " phase L1. Relates to: ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: "
        "EVMaximumDischargePower",
    )
    max_discharge_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum discharge power on phase L2 in W, defined by min(EV, EVSE).  Value >="
        " 0. Relates to: ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: "
        "EVMaximumDischargePowe_L2",
    )
    max_discharge_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum discharge power on phase L3 in W, defined by min(EV, EVSE).  Value >="
        " 0. Relates to: ISO 15118-20: BPT_AC/DC_CPDReqEnergyTransferModeType: "
        "EVMaximumDischargePower_L3",
    )
    min_charge_current: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum charge current in A, defined by max(EV, EVSE) Relates to: ISO "
        "15118-20: BPT_DC_CPDReqEnergyTransferModeType: EVMinimumChargeCurrent",
    )
    max_charge_current: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum charge current in A, defined by min(EV, EVSE) Relates to: ISO "
        "15118-20: BPT_DC_CPDReqEnergyTransferModeType: EVMaximumChargeCurrent",
    )
    min_discharge_current: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum discharge current in A, defined by max(EV, EVSE).  Value >= 0. "
        "Relates to: ISO 15118-20: BPT_DC_CPDReqEnergyTransferModeType: "
        "EVMinimumDischargeCurrent",
    )
    max_discharge_current: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum discharge current in A, defined by min(EV, EVSE).  Value >= 0. "
        "Relates to: ISO 15118-20: BPT_DC_CPDReqEnergyTransferModeType: "
        "EVMaximumDischargeCurrent",
    )
    min_voltage: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum voltage in V, defined by max(EV, EVSE) Relates to: ISO 15118-20: "
        "BPT_DC_CPDReqEnergyTransferModeType: EVMinimumVoltage",
    )
    max_voltage: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum voltage in V, defined by min(EV, EVSE) Relates to: ISO 15118-20: "
        "BPT_DC_CPDReqEnergyTransferModeType: EVMaximumVoltage",
    )
    ev_target_energy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Energy to requested state of charge in Wh Relates to: ISO 15118-20: "
        "Dynamic/Scheduled_SEReqControlModeType: EVTargetEnergyRequest",
    )
    ev_min_energy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Energy to minimum allowed state of charge in Wh Relates to: ISO 15118-20: "
        "Dynamic/Scheduled_SEReqControlModeType: EVMinimumEnergyRequest",
    )
    ev_max_energy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Energy to maximum state of charge in Wh Relates to: ISO 15118-20: "
        "Dynamic/Scheduled_SEReqControlModeType: EVMaximumEnergyRequest",
    )
    ev_min_v2xenergy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Energy (in Wh) to minimum state of charge for cycling (V2X) activity. "
        "Positive value means that current state of charge is below V2X range. Relates"
        " to: ISO 15118-20: Dynamic_SEReqControlModeType: EVMinimumV2XEnergyRequest",
    )
    ev_max_v2xenergy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Energy (in Wh) to maximum state of charge for cycling (V2X) activity. "
        "Negative value indicates that current state of charge is above V2X range. "
        "Relates to: ISO 15118-20: Dynamic_SEReqControlModeType: "
        "EVMaximumV2XEnergyRequest",
    )
    target_soc: Omittable[JsonInt] = Field(
        default=None,
        description="Target state of charge at departure as percentage. Relates to: ISO 15118-20: "
        "BPT_DC_CPDReqEnergyTransferModeType: TargetSOC",
    )


class EVPriceRule(EverestModel):
    """(2.1) An entry in price schedule over time for which EV is willing to discharge."""

    model_config = ConfigDict(extra="allow")

    energy_fee: JsonNumber = Field(description="Cost per kWh.")
    power_range_start: JsonNumber = Field(
        description="The EnergyFee applies between this value and the value of the PowerRangeStart"
        " of the subsequent EVPriceRule. If the power is below this value, the "
        "EnergyFee of the previous EVPriceRule applies. Negative values are used for "
        "discharging.",
    )


class EVPowerScheduleEntry(EverestModel):
    """(2.1) An entry in schedule of the energy amount over time that EV is willing to discharge.
    A negative value indicates the willingness to discharge under specific conditions, a
    positive value indicates that the EV currently is not able to offer energy to discharge."""

    model_config = ConfigDict(extra="allow")

    duration: JsonInt = Field(description="The duration of this entry.")
    power: JsonNumber = Field(
        description="Defines maximum amount of power for the duration of this EVPowerScheduleEntry"
        " to be discharged from the EV battery through EVSE power outlet. Negative "
        "values are used for discharging.",
    )


class EVPowerSchedule(EverestModel):
    """(2.1) Schedule of EV energy offer."""

    model_config = ConfigDict(extra="allow")

    ev_power_schedule_entries: Annotated[
        list[EVPowerScheduleEntry], Field(min_length=1, max_length=1024)
    ] = Field(
        description="(2.1) An entry in schedule of the energy amount over time that EV is willing "
        "to discharge. A negative value indicates the willingness to discharge under "
        "specific conditions, a positive value indicates that the EV currently is not "
        "able to offer energy to discharge.",
    )
    time_anchor: JsonString = Field(
        description="The time that defines the starting point for the EVEnergyOffer.",
    )


class EVAbsolutePriceScheduleEntry(EverestModel):
    """(2.1) An entry in price schedule over time for which EV is willing to discharge."""

    model_config = ConfigDict(extra="allow")

    duration: JsonInt = Field(description="The amount of seconds of this entry.")
    ev_price_rule: Annotated[list[EVPriceRule], Field(min_length=1, max_length=8)] = Field(
        description="(2.1) An entry in price schedule over time for which EV is willing to "
        "discharge.",
    )


class EVAbsolutePriceSchedule(EverestModel):
    """(2.1) Price schedule of EV energy offer."""

    model_config = ConfigDict(extra="allow")

    time_anchor: JsonString = Field(description="Starting point in time of the EVEnergyOffer.")
    currency: JsonString = Field(description="Currency code according to ISO 4217.")
    ev_absolute_price_schedule_entries: Annotated[
        list[EVAbsolutePriceScheduleEntry], Field(min_length=1, max_length=1024)
    ] = Field(
        description="(2.1) An entry in price schedule over time for which EV is willing to "
        "discharge.",
    )
    price_algorithm: JsonString = Field(
        description="ISO 15118-20 URN of price algorithm: Power, PeakPower, StackedEnergy.",
    )


class EVEnergyOffer(EverestModel):
    """(2.1) A schedule of the energy amount over time that EV is willing to discharge. A
    negative value indicates the willingness to discharge under specific conditions, a
    positive value indicates that the EV currently is not able to offer energy to discharge."""

    model_config = ConfigDict(extra="allow")

    ev_absolute_price_schedule: Omittable[EVAbsolutePriceSchedule] = Field(
        default=None,
        description="(2.1) Price schedule of EV energy offer.",
    )
    ev_power_schedule: EVPowerSchedule = Field(description="(2.1) Schedule of EV energy offer.")


class DERChargingParameters(EverestModel):
    """(2.1) DERChargingParametersType is used in ChargingNeedsType during an ISO 15118-20
    session for AC_BPT_DER to report the inverter settings related to DER control that were
    agreed between EVSE and EV. Fields starting with "ev" contain values from the EV. Other
    fields contain a value that is supported by both EV and EVSE. DERChargingParametersType
    type is only relevant in case of an ISO 15118-20 AC_BPT_DER/AC_DER charging session."""

    model_config = ConfigDict(extra="allow")

    ev_supported_dercontrol: Omittable[
        Annotated[list[_grid_support.DirectiveType], Field(min_length=1)]
    ] = Field(
        default=None,
        description="DER control functions supported by EV. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType:DERControlFunctions (bitmap)",
    )
    ev_over_excited_max_discharge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected active power by EV, at specified over-excited power "
        "factor (overExcitedPowerFactor). It can also be defined as the rated maximum "
        "discharge power at the rated minimum injected reactive power value. This "
        "means that if the EV is providing reactive power support, and it is requested"
        " to discharge at max power (e.g. to satisfy an EMS request), the EV may "
        "override the request and discharge up to overExcitedMaximumDischargePower to "
        "meet the minimum reactive power requirements. Corresponds to the WOvPF "
        "attribute in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVOverExcitedMaximumDischargePower",
    )
    ev_over_excited_power_factor: Omittable[JsonNumber] = Field(
        default=None,
        description="EV power factor when injecting (over excited) the minimum reactive power. "
        "Corresponds to the OvPF attribute in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVOverExcitedPowerFactor",
    )
    ev_under_excited_max_discharge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected active power by EV supported at specified under-"
        "excited power factor (EVUnderExcitedPowerFactor). It can also be defined as "
        "the rated maximum dischargePower at the rated minimum absorbed reactive power"
        " value. This means that if the EV is providing reactive power support, and it"
        " is requested to discharge at max power (e.g. to satisfy an EMS request), the"
        " EV may override the request and discharge up to "
        "underExcitedMaximumDischargePower to meet the minimum reactive power "
        "requirements. This corresponds to the WUnPF attribute in the IEC 61850. ISO "
        "15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVUnderExcitedMaximumDischargePower",
    )
    ev_under_excited_power_factor: Omittable[JsonNumber] = Field(
        default=None,
        description="EV power factor when injecting (under excited) the minimum reactive power. "
        "Corresponds to the OvPF attribute in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVUnderExcitedPowerFactor",
    )
    max_apparent_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum total apparent power, defined by min(EV, EVSE) in va. "
        "Corresponds to the VAMaxRtg in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumApparentPower",
    )
    max_charge_apparent_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum absorbed apparent power, defined by min(EV, EVSE) in va. This "
        "field represents the sum of all phases, unless values are provided for L2 and"
        " L3, in which case this field represents phase L1. Corresponds to the "
        "ChaVAMaxRtg in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumChargeApparentPower",
    )
    max_charge_apparent_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum absorbed apparent power on phase L2, defined by min(EV, EVSE) "
        "in va. Corresponds to the ChaVAMaxRtg in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumChargeApparentPower_L2",
    )
    max_charge_apparent_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum absorbed apparent power on phase L3, defined by min(EV, EVSE) "
        "in va. Corresponds to the ChaVAMaxRtg in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumChargeApparentPower_L3",
    )
    max_discharge_apparent_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected apparent power, defined by min(EV, EVSE) in va. This "
        "field represents the sum of all phases, unless values are provided for L2 and"
        " L3, in which case this field represents phase L1. Corresponds to the "
        "DisVAMaxRtg in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumDischargeApparentPower",
    )
    max_discharge_apparent_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected apparent power on phase L2, defined by min(EV, EVSE) "
        "in va. Corresponds to the DisVAMaxRtg in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumDischargeApparentPower_L2",
    )
    max_discharge_apparent_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected apparent power on phase L3, defined by min(EV, EVSE) "
        "in va. Corresponds to the DisVAMaxRtg in IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumDischargeApparentPower_L3",
    )
    max_charge_reactive_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum absorbed reactive power, defined by min(EV, EVSE), in vars. "
        "This field represents the sum of all phases, unless values are provided for "
        "L2 and L3, in which case this field represents phase L1. Corresponds to the "
        "AvarMax attribute in the IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumChargeReactivePower",
    )
    max_charge_reactive_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum absorbed reactive power, defined by min(EV, EVSE), in vars on "
        "phase L2. Corresponds to the AvarMax attribute in the IEC 61850. ISO "
        "15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMaximumChargeReactivePower_L2",
    )
    max_charge_reactive_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum absorbed reactive power, defined by min(EV, EVSE), in vars on "
        "phase L3. Corresponds to the AvarMax attribute in the IEC 61850. ISO "
        "15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMaximumChargeReactivePower_L3",
    )
    min_charge_reactive_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated minimum absorbed reactive power, defined by max(EV, EVSE), in vars. "
        "This field represents the sum of all phases, unless values are provided for "
        "L2 and L3, in which case this field represents phase L1. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMinimumChargeReactivePower",
    )
    min_charge_reactive_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated minimum absorbed reactive power, defined by max(EV, EVSE), in vars on "
        "phase L2. ISO 15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMinimumChargeReactivePower_L2",
    )
    min_charge_reactive_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated minimum absorbed reactive power, defined by max(EV, EVSE), in vars on "
        "phase L3. ISO 15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMinimumChargeReactivePower_L3",
    )
    max_discharge_reactive_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected reactive power, defined by min(EV, EVSE), in vars. "
        "This field represents the sum of all phases, unless values are provided for "
        "L2 and L3, in which case this field represents phase L1. Corresponds to the "
        "IvarMax attribute in the IEC 61850. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumDischargeReactivePower",
    )
    max_discharge_reactive_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected reactive power, defined by min(EV, EVSE), in vars on "
        "phase L2. Corresponds to the IvarMax attribute in the IEC 61850. ISO "
        "15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMaximumDischargeReactivePower_L2",
    )
    max_discharge_reactive_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated maximum injected reactive power, defined by min(EV, EVSE), in vars on "
        "phase L3. Corresponds to the IvarMax attribute in the IEC 61850. ISO "
        "15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMaximumDischargeReactivePower_L3",
    )
    min_discharge_reactive_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated minimum injected reactive power, defined by max(EV, EVSE), in vars. "
        "This field represents the sum of all phases, unless values are provided for "
        "L2 and L3, in which case this field represents phase L1. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMinimumDischargeReactivePower",
    )
    min_discharge_reactive_power_l2: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated minimum injected reactive power, defined by max(EV, EVSE), in var on "
        "phase L2. ISO 15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMinimumDischargeReactivePower_L2",
    )
    min_discharge_reactive_power_l3: Omittable[JsonNumber] = Field(
        default=None,
        description="Rated minimum injected reactive power, defined by max(EV, EVSE), in var on "
        "phase L3. ISO 15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVMinimumDischargeReactivePower_L3",
    )
    nominal_voltage: Omittable[JsonNumber] = Field(
        default=None,
        description="Line voltage supported by EVSE and EV. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVNominalVoltage",
    )
    nominal_voltage_offset: Omittable[JsonNumber] = Field(
        default=None,
        description="The nominal AC voltage (rms) offset between the Charging Station's electrical"
        " connection point and the utility’s point of common coupling. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVNominalVoltageOffset",
    )
    max_nominal_voltage: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum AC rms voltage, as defined by min(EV, EVSE)  to operate with. ISO "
        "15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumNominalVoltage",
    )
    min_nominal_voltage: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum AC rms voltage, as defined by max(EV, EVSE)  to operate with. ISO "
        "15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: EVMinimumNominalVoltage",
    )
    ev_inverter_manufacturer: Omittable[JsonString] = Field(
        default=None,
        description="Manufacturer of the EV inverter. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVInverterManufacturer",
    )
    ev_inverter_model: Omittable[JsonString] = Field(
        default=None,
        description="Model name of the EV inverter. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVInverterModel",
    )
    ev_inverter_serial_number: Omittable[JsonString] = Field(
        default=None,
        description="Serial number of the EV inverter. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVInverterSerialNumber",
    )
    ev_inverter_sw_version: Omittable[JsonString] = Field(
        default=None,
        description="Software version of EV inverter. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVInverterSwVersion",
    )
    ev_inverter_hw_version: Omittable[JsonString] = Field(
        default=None,
        description="Hardware version of EV inverter. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVInverterHwVersion",
    )
    ev_islanding_detection_method: Omittable[
        Annotated[list[IslandingDetection], Field(min_length=1)]
    ] = Field(
        default=None,
        description="Type of islanding detection method. Only mandatory when islanding detection "
        "is required at the site, as set in the ISO 15118 Service Details "
        "configuration. ISO 15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVIslandingDetectionMethod",
    )
    ev_islanding_trip_time: Omittable[JsonNumber] = Field(
        default=None,
        description="Time after which EV will trip if an island has been detected. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVIslandingTripTime",
    )
    ev_maximum_level1dcinjection: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum injected DC current allowed at level 1 charging. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumLevel1DCInjection",
    )
    ev_duration_level1dcinjection: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum allowed duration of DC injection at level 1 charging. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVDurationLevel1DCInjection",
    )
    ev_maximum_level2dcinjection: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum injected DC current allowed at level 2 charging. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVMaximumLevel2DCInjection",
    )
    ev_duration_level2dcinjection: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum allowed duration of DC injection at level 2 charging. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: EVDurationLevel2DCInjection",
    )
    ev_reactive_susceptance: Omittable[JsonNumber] = Field(
        default=None,
        description="Measure of the susceptibility of the circuit to reactance, in Siemens (S). "
        "ISO 15118-20: DER_BPT_AC_CPDReqEnergyTransferModeType: EVReactiveSusceptance",
    )
    ev_session_total_discharge_energy_available: Omittable[JsonNumber] = Field(
        default=None,
        description="Total energy value, in Wh, that EV is allowed to provide during the entire "
        "V2G session. The value is independent of the V2X Cycling area. Once this "
        "value reaches the value of 0, the EV may block any attempt to discharge in "
        "order to protect the battery health. ISO 15118-20: "
        "DER_BPT_AC_CPDReqEnergyTransferModeType: "
        "EVSessionTotalDischargeEnergyAvailable",
    )


class DCChargingParameters(EverestModel):
    """EV DC charging parameters for ISO 15118-2"""

    model_config = ConfigDict(extra="allow")

    ev_max_current: JsonNumber = Field(
        description="Maximum current (in A) supported by the electric vehicle. Includes cable "
        "capacity. Relates to: ISO 15118-2: "
        "DC_EVChargeParameterType:EVMaximumCurrentLimit",
    )
    ev_max_voltage: JsonNumber = Field(
        description="Maximum voltage supported by the electric vehicle. Relates to: ISO 15118-2: "
        "DC_EVChargeParameterType: EVMaximumVoltageLimit",
    )
    ev_max_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum power (in W) supported by the electric vehicle. Required for DC "
        "charging. Relates to: ISO 15118-2: DC_EVChargeParameterType: "
        "EVMaximumPowerLimit",
    )
    ev_energy_capacity: Omittable[JsonNumber] = Field(
        default=None,
        description="Capacity of the electric vehicle battery (in Wh). Relates to: ISO 15118-2: "
        "DC_EVChargeParameterType: EVEnergyCapacity",
    )
    energy_amount: Omittable[JsonNumber] = Field(
        default=None,
        description="Amount of energy requested (in Wh). This includes energy required for "
        "preconditioning. Relates to: ISO 15118-2: DC_EVChargeParameterType: "
        "EVEnergyRequest",
    )
    state_of_charge: Omittable[JsonInt] = Field(
        default=None,
        description="Energy available in the battery (in percent of the battery capacity) Relates "
        "to: ISO 15118-2: DC_EVChargeParameterType: DC_EVStatus: EVRESSSOC",
    )
    full_soc: Omittable[JsonInt] = Field(
        default=None,
        description="Percentage of SoC at which the EV considers the battery fully charged. "
        "(possible values: 0 - 100) Relates to: ISO 15118-2: DC_EVChargeParameterType:"
        " FullSOC",
    )
    bulk_soc: Omittable[JsonInt] = Field(
        default=None,
        description="Percentage of SoC at which the EV considers a fast charging process to end. "
        "(possible values: 0 - 100) Relates to: ISO 15118-2: DC_EVChargeParameterType:"
        " BulkSOC",
    )


class ACChargingParameters(EverestModel):
    """EV AC charging parameters for ISO 15118-2"""

    model_config = ConfigDict(extra="allow")

    energy_amount: JsonNumber = Field(
        description="Amount of energy requested (in Wh). This includes energy required for "
        "preconditioning. Relates to: ISO 15118-2: AC_EVChargeParameterType: EAmount "
        "ISO 15118-20: Dynamic/Scheduled_SEReqControlModeType: EVTargetEnergyRequest",
    )
    ev_min_current: JsonNumber = Field(
        description="Minimum current (amps) supported by the electric vehicle (per phase). Relates"
        " to: ISO 15118-2: AC_EVChargeParameterType: EVMinCurrent",
    )
    ev_max_current: JsonNumber = Field(
        description="Maximum current (amps) supported by the electric vehicle (per phase). "
        "Includes cable capacity. Relates to: ISO 15118-2: AC_EVChargeParameterType: "
        "EVMaxCurrent",
    )
    ev_max_voltage: JsonNumber = Field(
        description="Maximum voltage supported by the electric vehicle. Relates to: ISO 15118-2: "
        "AC_EVChargeParameterType: EVMaxVoltage",
    )


class ChargingNeeds(EverestModel):
    """None"""

    model_config = ConfigDict(extra="allow")

    ac_charging_parameters: Omittable[ACChargingParameters] = Field(
        default=None,
        description="EV AC charging parameters for ISO 15118-2",
    )
    der_charging_parameters: Omittable[DERChargingParameters] = Field(
        default=None,
        description="(2.1) DERChargingParametersType is used in ChargingNeedsType during an ISO "
        "15118-20 session for AC_BPT_DER to report the inverter settings related to "
        'DER control that were agreed between EVSE and EV. Fields starting with "ev" '
        "contain values from the EV. Other fields contain a value that is supported by"
        " both EV and EVSE. DERChargingParametersType type is only relevant in case of"
        " an ISO 15118-20 AC_BPT_DER/AC_DER charging session.",
    )
    ev_energy_offer: Omittable[EVEnergyOffer] = Field(
        default=None,
        description="(2.1) A schedule of the energy amount over time that EV is willing to "
        "discharge. A negative value indicates the willingness to discharge under "
        "specific conditions, a positive value indicates that the EV currently is not "
        "able to offer energy to discharge.",
    )
    requested_energy_transfer: EnergyTransferMode = Field(
        description="Mode of energy transfer requested by the EV.",
    )
    dc_charging_parameters: Omittable[DCChargingParameters] = Field(
        default=None,
        description="EV DC charging parameters for ISO 15118-2",
    )
    v2x_charging_parameters: Omittable[V2XChargingParameters] = Field(
        default=None,
        description="Charging parameters for ISO 15118-20, also supporting V2X "
        "charging/discharging. All values are greater or equal to zero, with the "
        "exception of EVMinEnergyRequest, EVMaxEnergyRequest, EVTargetEnergyRequest, "
        "EVMinV2XEnergyRequest and EVMaxV2XEnergyRequest.",
    )
    available_energy_transfer: Omittable[
        Annotated[list[EnergyTransferMode], Field(min_length=1)]
    ] = Field(
        default=None,
        description="(2.1) Modes of energy transfer that are marked as available by EV.",
    )
    control_mode: Omittable[ControlMode] = Field(
        default=None,
        description="(2.1) Indicates whether EV wants to operate in Dynamic or Scheduled mode. "
        "When absent, Scheduled mode is assumed for backwards compatibility. ISO "
        "15118-20: ServiceSelectionReq(SelectedEnergyTransferService)",
    )
    mobility_needs_mode: Omittable[MobilityNeedsMode] = Field(
        default=None,
        description="(2.1) Value of EVCC indicates that EV determines min/target SOC and departure"
        " time. A value of EVCC_SECC indicates that charging station or CSMS may also "
        "update min/target SOC and departure time. ISO 15118-20: "
        "ServiceSelectionReq(SelectedEnergyTransferService)",
    )
    departure_time: Omittable[JsonString] = Field(
        default=None,
        description="Estimated departure time of the EV. ISO 15118-2: AC/DC_EVChargeParameterType:"
        " DepartureTime ISO 15118-20: Dynamic/Scheduled_SEReqControlModeType: "
        "DepartureTime",
    )


class AcParameters(EverestModel):
    """Ac parameters the EVSE is setting"""

    model_config = ConfigDict(extra="forbid")

    nominal_frequency: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Nominal frequency supported by the EVSE in Hz",
    )
    max_power_asymmetry: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Maximum asymmetric power in W",
    )
    power_ramp_limitation: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Limitation of the power variation in %/min",
    )
    nominal_voltage: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Nominal voltage supported by the EVSE in V",
    )
    connectors: Annotated[list[Connector], Field(min_length=1)] = Field(
        description="Supported ac connectors from the EVSE",
    )
    evse_max_reactive_power: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Maximum reactive power the EVSE supports in var; de-normalization base for "
        "AC_DER_IEC percentage control curves",
    )


class AcEvseMaximumPower(EverestModel):
    """Maximum ac power values (charge and discharge) the EVSE can deliver"""

    model_config = ConfigDict(extra="forbid")

    charge_power: _units.Power = Field(description="Maximum ac power the EVSE can deliver")
    discharge_power: Omittable[_units.Power] = Field(
        default=None,
        description="Maximum ac discharge power the EVSE can deliver",
    )


class AcEvseMinimumPower(EverestModel):
    """Minimum ac power values (charge and discharge) the EVSE can deliver"""

    model_config = ConfigDict(extra="forbid")

    charge_power: _units.Power = Field(description="Minimum ac power the EVSE can deliver")
    discharge_power: Omittable[_units.Power] = Field(
        default=None,
        description="Minimum ac discharge power the EVSE can deliver",
    )


class AcEvPowerLimits(EverestModel):
    """Ac charge & discharge power values supported and allowed by the EV"""

    model_config = ConfigDict(extra="forbid")

    max_charge_power: Omittable[_units.Power] = Field(
        default=None,
        description="Maximum power supported by the EV",
    )
    min_charge_power: Omittable[_units.Power] = Field(
        default=None,
        description="Minimum power supported by the EV",
    )
    max_discharge_power: Omittable[_units.Power] = Field(
        default=None,
        description="Maximum discharge power supported by the EV",
    )
    min_discharge_power: Omittable[_units.Power] = Field(
        default=None,
        description="Minimum discharge power supported by the EV",
    )


class AcEvPresentPowerValues(EverestModel):
    """Present active and reactive power measured from the EV"""

    model_config = ConfigDict(extra="forbid")

    present_active_power: _units.Power = Field(
        description="Present active power measured from the EV",
    )
    present_reactive_power: Omittable[_units.Power] = Field(
        default=None,
        description="Present reactive power measured from the EV",
    )


class AcEvDynamicModeValues(EverestModel):
    """Parameters for ac ev dynamic control mode"""

    model_config = ConfigDict(extra="forbid")

    departure_time: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="The time when the EV wants to finish charging",
    )
    target_energy_request: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Energy request to fulfil the target SoC in Wh",
    )
    max_energy_request: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Maximum acceptable energy level of the EV in Wh",
    )
    min_energy_request: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Energy request to fulfil the minimum SoC in Wh",
    )
    max_v2x_energy_request: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Energy which may be charged until the PresentSOC has left the range dedicated"
        " for cycling activity in Wh",
    )
    min_v2x_energy_request: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Energy which needs to be charged until the PresentSOC has left the range "
        "dedicated for cycling activity in Wh",
    )


class AcTargetValues(EverestModel):
    """Target ac values requested by the EVSE"""

    model_config = ConfigDict(extra="forbid")

    target_active_power: _units.Power = Field(
        description="Target active power requested by the EVSE",
    )
    target_reactive_power: Omittable[_units.ReactivePower] = Field(
        default=None,
        description="Target reactive power requested by the EVSE",
    )
    target_frequency: Omittable[Annotated[JsonNumber, Field(ge=0)]] = Field(
        default=None,
        description="Target frequency requested by the EVSE",
    )


class SelectedServiceParameters(EverestModel):
    """The selected service parameters selected from the EV in the ServiceSelectionReq message.
    Only for ISO15118-20."""

    model_config = ConfigDict(extra="forbid")

    energy_transfer: ServiceCategory = Field(description="The selected energy mode by the EV")
    connector: Connector = Field(description="The selected connector by the EV")
    control_mode: ControlMode = Field(description="The selected control mode by the EV")
    mobility_needs_mode: MobilityNeedsMode = Field(
        description="The selected mobility needs mode by the EV",
    )
    pricing: Pricing = Field(description="The selected pricing by the EV")
    bpt_channel: Omittable[BptChannel] = Field(
        default=None,
        description="The selected bpt channel by the EV",
    )
    generator_mode: Omittable[GeneratorMode] = Field(
        default=None,
        description="The selected generator mode by the EV",
    )


class BptSetup(EverestModel):
    """The required parameters for a BPT setup"""

    model_config = ConfigDict(extra="forbid")

    bpt_channel: BptChannel = Field(description="The supported bpt channel by the EVSE")
    generator_mode: GeneratorMode = Field(description="The supported generator mode by the EVSE")
    grid_code_detection: Omittable[GridCodeIslandingDetectionMethod] = Field(
        default=None,
        description="The supported grid code detection method supported by the EVSE",
    )


class SelectedPaymentOption(EverestModel):
    """The selected payment option for the Ev."""

    model_config = ConfigDict(extra="forbid")

    payment_option: Omittable[PaymentOption] = Field(
        default=None,
        description="Selected payment option",
    )
    enforce_payment_option: Omittable[JsonBool] = Field(
        default=None,
        description="Enforce the selected payment option",
    )


class DcEvParameters(EverestModel):
    """Target settings for dc charging"""

    model_config = ConfigDict(extra="forbid")

    max_current_limit: Omittable[Annotated[JsonNumber, Field(ge=0, le=1000)]] = Field(
        default=None,
        description="[A] Maximum current allowed by the EV",
    )
    max_power_limit: Omittable[Annotated[JsonNumber, Field(ge=0, le=500000)]] = Field(
        default=None,
        description="[W] Maximum power allowed by the EV",
    )
    max_voltage_limit: Omittable[Annotated[JsonNumber, Field(ge=0, le=1500)]] = Field(
        default=None,
        description="[V] Maximum voltage allowed by the EV",
    )
    energy_capacity: Omittable[Annotated[JsonNumber, Field(ge=0, le=100000)]] = Field(
        default=None,
        description="[Wh] Energy capacity of the EV",
    )
    target_current: Omittable[Annotated[JsonNumber, Field(ge=0, le=1000)]] = Field(
        default=None,
        description="[A] Target current requested by the EV",
    )
    target_voltage: Omittable[Annotated[JsonNumber, Field(ge=0, le=1500)]] = Field(
        default=None,
        description="[V] Target voltage requested by the EV",
    )


class DcEvBPTParameters(EverestModel):
    """BPT settings for dc charging"""

    model_config = ConfigDict(extra="forbid")

    discharge_max_current_limit: Omittable[Annotated[JsonNumber, Field(ge=0, le=1000)]] = Field(
        default=None,
        description="[A] Maximum discharge current allowed by the EV",
    )
    discharge_max_power_limit: Omittable[Annotated[JsonNumber, Field(ge=0, le=500000)]] = Field(
        default=None,
        description="[W] Maximum discharge power allowed by the EV",
    )
    discharge_target_current: Omittable[Annotated[JsonNumber, Field(ge=0, le=1500)]] = Field(
        default=None,
        description="[A] Discharge target current requested by the EV",
    )
    discharge_minimal_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=99)]] = Field(
        default=None,
        description="[%] Discharge minimal soc at which the evse should shutdown",
    )


class EvInformation(EverestModel):
    """Information concerning TLS certificates used by EV, as well as supported protocols."""

    model_config = ConfigDict(extra="forbid")

    supported_protocols: AppProtocols = Field(
        description="Ordered list of all of the supported protocols by the EV.",
    )
    selected_protocol: AppProtocol = Field(description="The protocol chosen for the communication.")
    evcc_id: Annotated[
        JsonString, Field(pattern=re.compile("^[A-F0-9]{2}(:[A-F0-9]{2}){5}\\Z"))
    ] = Field(
        description="Specifies the EVs identification in a readable format. It contains the MAC "
        "address of the EVCC in uppercase",
    )
    tls_leaf_certificate: Omittable[JsonString] = Field(
        default=None,
        description="Certificate used by the EV for the TLS1.3 communication.",
    )
    tls_sub_ca_1_certificate: Omittable[JsonString] = Field(
        default=None,
        description="Certificate used by the EV for the TLS1.3 communication.",
    )
    tls_sub_ca_2_certificate: Omittable[JsonString] = Field(
        default=None,
        description="Certificate used by the EV for the TLS1.3 communication.",
    )
    tls_root_certificate: Omittable[JsonString] = Field(
        default=None,
        description="Certificate used by the EV for the TLS1.3 communication.",
    )


class AcTargetPower(EverestModel):
    """Target active and reactive power from the EVSE"""

    model_config = ConfigDict(extra="forbid")

    target_active_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Target active power requested by the EVSE in W",
    )
    target_active_power_L2: Omittable[JsonNumber] = Field(
        default=None,
        description="Target active power requested by the EVSE on L2 in W",
    )
    target_active_power_L3: Omittable[JsonNumber] = Field(
        default=None,
        description="Target active power requested by the EVSE on L3 in W",
    )
    target_reactive_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Target reactive power requested by the EVSE in W",
    )
    target_reactive_power_L2: Omittable[JsonNumber] = Field(
        default=None,
        description="Target reactive power requested by the EVSE on L2 in W",
    )
    target_reactive_power_L3: Omittable[JsonNumber] = Field(
        default=None,
        description="Target reactive power requested by the EVSE on L3 in W",
    )


class EvTermination(EverestModel):
    """Information about EV termination code and explanation as described in ISO15118-20."""

    model_config = ConfigDict(extra="forbid")

    ev_termination_code: Omittable[JsonString] = Field(
        default=None,
        description="Contains the EV termination code",
    )
    ev_termination_explanation: Omittable[JsonString] = Field(
        default=None,
        description="Contains the EV termination explanation",
    )
