"""EVSE manager types

Generated from types/evse_manager.yaml. Do not edit: regenerate.
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

from . import authorization as _authorization
from . import powermeter as _powermeter
from . import units_signed as _units_signed


class StopTransactionReason(StrEnum):
    """Reason for stopping transaction
      EmergencyStop: Emergency stop button was used
      EVDisconnected: Disconnecting of cable, vehicle moved away from inductive charge unit
      HardReset: A hard reset command was received previously
      Local: Stopped locally on request of the user at the Charge Point. This is a regular
    termination of a transaction. Examples: presenting an RFID tag, pressing a button to stop
      Other: Any other reason
      PowerLoss: Complete loss of power
      Reboot: A locally initiated reset/reboot occurred
      Remote: Stopped remotely on request of the user. This is a regular termination of a
    transaction. Examples: termination using a smartphone app, exceeding a (non local) prepaid
    credit
      SoftReset: A soft reset command was received
      UnlockCommand: Central System sent an Unlock Connector command
      DeAuthorized: The transaction was stopped because of the authorization status in a
    StartTransaction.conf
      EnergyLimitReached: Maximum energy of charging reached. For example: in a pre-paid
    charging solution
      GroundFault: A GroundFault has occurred
      LocalOutOfCredit: A local credit limit enforced through the Charging Station has been
    exceeded.
      MasterPass: The transaction was stopped using a token with a MasterPassGroupId.
      OvercurrentFault: A larger than intended electric current has occurred
      PowerQuality: Quality of power too low, e.g. voltage too low/high, phase imbalance, etc.
      SOCLimitReached: Electric vehicle has reported reaching a locally enforced maximum
    battery State of Charge (SOC)
      StoppedByEV: The transaction was stopped by the EV
      TimeLimitReached: EV charging session reached a locally enforced time limit
      Timeout: EV not connected within timeout
      ReqEnergyTransferRejected: OCPP CSMS cannot accept the requested energy transfer type.
      EVSEDisabled: The transaction was stopped because the EVSE was disabled."""

    EmergencyStop = "EmergencyStop"
    EVDisconnected = "EVDisconnected"
    HardReset = "HardReset"
    Local = "Local"
    Other = "Other"
    PowerLoss = "PowerLoss"
    Reboot = "Reboot"
    Remote = "Remote"
    SoftReset = "SoftReset"
    UnlockCommand = "UnlockCommand"
    DeAuthorized = "DeAuthorized"
    EnergyLimitReached = "EnergyLimitReached"
    GroundFault = "GroundFault"
    LocalOutOfCredit = "LocalOutOfCredit"
    MasterPass = "MasterPass"
    OvercurrentFault = "OvercurrentFault"
    PowerQuality = "PowerQuality"
    SOCLimitReached = "SOCLimitReached"
    StoppedByEV = "StoppedByEV"
    TimeLimitReached = "TimeLimitReached"
    Timeout = "Timeout"
    ReqEnergyTransferRejected = "ReqEnergyTransferRejected"
    EVSEDisabled = "EVSEDisabled"


class StopTransactionRequest(EverestModel):
    """Request for a stop transaction containing the reason and an optional id tag"""

    model_config = ConfigDict(extra="allow")

    reason: StopTransactionReason = Field(description="Reason for stopping the transaction")
    id_tag: Omittable[_authorization.ProvidedIdToken] = Field(
        default=None,
        description="Id tag that was used to stop the transaction. Only present if transaction was"
        " stopped locally.",
    )


class StartSessionReason(StrEnum):
    """Reason for session start
      EVConnected: Session was started because an EV was plugged in
      Authorized: Session was started because a valid authorization was presented and the EVSE
    is authorized to start a transaction immediately when an EV is plugged in"""

    EVConnected = "EVConnected"
    Authorized = "Authorized"


class PauseChargingEVSEReasonEnum(StrEnum):
    """Reason Enum for EVSE Pause
    UserPause: Session was paused due to external request on the EvseManager interface
    Error: An error prevents charging, it will resume once the error is cleared
    NoEnergy: Paused because there is no energy available at this moment"""

    UserPause = "UserPause"
    Error = "Error"
    NoEnergy = "NoEnergy"


class ChargingPausedEVSEReasons(EverestModel):
    """Multiple reasons to be in pause state can be active at any point in time."""

    model_config = ConfigDict(extra="forbid")

    reasons: Annotated[list[PauseChargingEVSEReasonEnum], Field(min_length=1, max_length=3)]


class HlcSessionFailedReasonEnum(StrEnum):
    """Reason for a higher-level-communication (HLC) session failure event.
    Published via HlcSessionFailed whenever HLC session encounters a failure.
    - ProtocolNegotiationFailed: No common communication protocol or version could be
      negotiated. Applies to protocols with a version handshake phase.
    - AuthorizationFailed: The authorization phase did not succeed and the EV terminated
      the session. This covers both explicit rejection (e.g. failed PnC contract or
      certificate verification) and authorization timeout (the EVSE did not respond
      within the timeout of the EV).
    - ChargingParametersNotAccepted: The EV terminated during parameter negotiation,
      indicating it could not accept the offered energy transfer parameters (power
      levels, voltage range, schedule, etc.).
    - EnergyTransferSetupFailed: The setup phase immediately before energy transfer
      began (e.g. power delivery request, pre-charge coordination) failed or was
      rejected by the EV before any energy was transferred.
    - ChargingInterrupted: The EV stopped energy transfer unexpectedly during active
      charging without completing a normal stop sequence.
    - FailedTLSHandshake: The TLS handshake between EV and EVSE failed before any
      V2G message exchange could take place, preventing the session from starting.
    - UnexpectedSessionEnd: The communication session ended unexpectedly at a phase
      not covered by the above reasons, or without completing a normal termination
      sequence. Catch-all for unclassified EV-side terminations."""

    ProtocolNegotiationFailed = "ProtocolNegotiationFailed"
    AuthorizationFailed = "AuthorizationFailed"
    ChargingParametersNotAccepted = "ChargingParametersNotAccepted"
    EnergyTransferSetupFailed = "EnergyTransferSetupFailed"
    ChargingInterrupted = "ChargingInterrupted"
    FailedTLSHandshake = "FailedTLSHandshake"
    UnexpectedSessionEnd = "UnexpectedSessionEnd"


class SwitchThreePhasesWhileChargingResult(StrEnum):
    """Returns success or error code
    Success: Switching phases was successful
    Error_NotSupported: Switching phases is not supported
    Error_NotCharging: EVSE is not charging
    Error_Hardware: There was a hardware error on switching phases"""

    Success = "Success"
    Error_NotSupported = "Error_NotSupported"
    Error_NotCharging = "Error_NotCharging"
    Error_Hardware = "Error_Hardware"


class SessionEventEnum(StrEnum):
    """Session Event enum
      Authorized: Signaled when the EVSE is authorized for charging
      Deauthorized: Signaled when the EVSE is not authorized for charging (anymore)
      Enabled: Signaled when the EVSE is enabled (e.g. after an enable command)
      Disabled: Signaled when the EVSE is disabled (e.g. after a disable command)
      SessionStarted: Signaled when a session has been started. A session has been started
    either when an EV is plugged in or the user has been authorized to start a transaction
    (e.g. after an authorize command)
      AuthRequired: Signaled when an EVSE needs authorization to start a transaction
      TransactionStarted: Signaled when a transaction has been started. Transaction starts at
    the point that all conditions for charging are met: EV is connected and user has been
    authorized
      PrepareCharging: EVSE started to prepare for charging. DC: CableCheck, PreCharge,
    PowerDelivery. AC: wait for the car to proceed to state C/D
      ChargingStarted: DC: CurrentDemand has started. AC: Auth is ok and car requested power
    (state C/D)
      ChargingPausedEV: Signaled when charging is paused by the EV
      ChargingPausedEVSE: Signaled when charging is paused by the EVSE
      StoppingCharging: EVSE has started to stop the charging process. DC: CurrentDemand has
    finished, now doing WeldingCheck etc, AC: Wait for car to return to state B or A
      ChargingFinished: Charging is finished. Essentially the same as TransactionFinished, but
    emitted for clarity
      TransactionFinished: Signaled when the transaction finished. Transaction finishes at the
    point where one of the preconditions for charging irrevocably becomes false: When a user
    swipes to stop the transaction and the stop is authorized.
      SessionFinished: Session finishes at the point that the EVSE is available again (no
    cable plugged)
      ReservationStart: Signaled when a reservation starts
      ReservationEnd: Signaled when a reservation ends
      PluginTimeout: Signaled when an EV has been plugged in but no authorization is present
    within specified ConnectionTimeout
      SwitchingPhases: Signaled when the EVSE Manager starts switching phases
      SessionResumed: Signaled when a session is resumed at startup (e.g. because of previous
    powerloss)"""

    Authorized = "Authorized"
    Deauthorized = "Deauthorized"
    Enabled = "Enabled"
    Disabled = "Disabled"
    SessionStarted = "SessionStarted"
    AuthRequired = "AuthRequired"
    TransactionStarted = "TransactionStarted"
    PrepareCharging = "PrepareCharging"
    ChargingStarted = "ChargingStarted"
    ChargingPausedEV = "ChargingPausedEV"
    ChargingPausedEVSE = "ChargingPausedEVSE"
    StoppingCharging = "StoppingCharging"
    ChargingFinished = "ChargingFinished"
    TransactionFinished = "TransactionFinished"
    SessionFinished = "SessionFinished"
    ReservationStart = "ReservationStart"
    ReservationEnd = "ReservationEnd"
    PluginTimeout = "PluginTimeout"
    SwitchingPhases = "SwitchingPhases"
    SessionResumed = "SessionResumed"


class SessionStarted(EverestModel):
    """Data for the SessionStarted event"""

    model_config = ConfigDict(extra="forbid")

    reason: StartSessionReason = Field(description="Reason for session start")
    id_tag: Omittable[_authorization.ProvidedIdToken] = Field(
        default=None,
        description="The id tag assigned to this session",
    )
    meter_value: _powermeter.Powermeter = Field(description="Exported meter value")
    signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="The signed meter value report of the started session",
    )
    reservation_id: Omittable[JsonInt] = Field(default=None, description="Id of the reservation")
    logging_path: Omittable[JsonString] = Field(
        default=None,
        description="File system path where additional log files are stored, such as event logs, "
        "raw ethernet dumps, ocpp session logs etc. Filenames should start with "
        '"incomplete-" when they are not finished yet, this allows other process to '
        "wait for the completion after the SessionFinished event.",
    )


class SessionFinished(EverestModel):
    """Data for the SessionFinished event"""

    model_config = ConfigDict(extra="forbid")

    meter_value: _powermeter.Powermeter = Field(description="Exported meter value")


class TransactionStarted(EverestModel):
    """Data for the TransactionStarted event"""

    model_config = ConfigDict(extra="forbid")

    id_tag: _authorization.ProvidedIdToken = Field(
        description="The id tag assigned to this transaction",
    )
    meter_value: _powermeter.Powermeter = Field(description="Exported meter value")
    signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="The signed meter value report of the started transaction",
    )
    reservation_id: Omittable[JsonInt] = Field(default=None, description="Id of the reservation")


class TransactionFinished(EverestModel):
    """Data for TransactionFinished event"""

    model_config = ConfigDict(extra="forbid")

    meter_value: _powermeter.Powermeter = Field(description="Transaction finished meter value")
    start_signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="The starting signed meter value report of the stopped transaction. If not "
        "included in the `signed_meter_value` object, it must be included here.",
    )
    signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="The signed meter value report of the stopped transaction",
    )
    reason: Omittable[StopTransactionReason] = Field(
        default=None,
        description="Reason for stopping transaction",
    )
    id_tag: Omittable[_authorization.ProvidedIdToken] = Field(
        default=None,
        description="Id tag that was used to stop the transaction. Only present if transaction was"
        " stopped locally.",
    )


class ChargingStateChangedEvent(EverestModel):
    """Context for ChargingStateChanged event"""

    model_config = ConfigDict(extra="forbid")

    meter_value: _powermeter.Powermeter = Field(description="Exported meter value")


class AuthorizationEvent(EverestModel):
    """Context for authorization event (Authorized or Deauthorized)"""

    model_config = ConfigDict(extra="forbid")

    meter_value: _powermeter.Powermeter = Field(description="Exported meter value")


class EnableDisableSourceEnableSource(StrEnum):
    """Specifies the source"""

    Unspecified = "Unspecified"
    LocalAPI = "LocalAPI"
    LocalKeyLock = "LocalKeyLock"
    ServiceTechnician = "ServiceTechnician"
    RemoteKeyLock = "RemoteKeyLock"
    MobileApp = "MobileApp"
    FirmwareUpdate = "FirmwareUpdate"
    CSMS = "CSMS"


class EnableDisableSourceEnableState(StrEnum):
    """Specifies the state for this entry"""

    Unassigned = "Unassigned"
    Disable = "Disable"
    Enable = "Enable"


class EnableDisableSource(EverestModel):
    """Source of a Enable or Disable command/event"""

    model_config = ConfigDict(extra="allow")

    enable_source: EnableDisableSourceEnableSource = Field(description="Specifies the source")
    enable_state: EnableDisableSourceEnableState = Field(
        description="Specifies the state for this entry",
    )
    enable_priority: Annotated[JsonInt, Field(ge=0, le=10000)] = Field(
        description="Priority of this entry. The highest priority is 0.",
    )


class SessionEvent(EverestModel):
    """Emits all events related to sessions"""

    model_config = ConfigDict(extra="forbid")

    uuid: JsonString = Field(
        description="An EVSE generated UUID for this session, can be used e.g. for database "
        "storage.",
    )
    timestamp: JsonDateTime = Field(description="Session start time in RFC3339 format")
    connector_id: Omittable[JsonInt] = Field(
        default=None,
        description="Id of the connector of this EVSE. If the connector_id is not specified, its "
        "assumed to be 1",
    )
    event: SessionEventEnum = Field(
        description="Event enum. For some events an additional object is set, see below.",
    )
    session_started: Omittable[SessionStarted] = Field(
        default=None,
        description="data for SessionStarted event",
    )
    session_finished: Omittable[SessionFinished] = Field(
        default=None,
        description="data for the SessionFinished event",
    )
    transaction_started: Omittable[TransactionStarted] = Field(
        default=None,
        description="data for TransactionStarted event",
    )
    transaction_finished: Omittable[TransactionFinished] = Field(
        default=None,
        description="data for TransactionFinished event that happens when car is plugged out",
    )
    charging_paused_evse: Omittable[ChargingPausedEVSEReasons] = Field(
        default=None,
        description="Multiple reasons to be in pause state can be active at any point in time.",
    )
    charging_state_changed_event: Omittable[ChargingStateChangedEvent] = Field(
        default=None,
        description="Data for ChargingStateChangedEvent. Shall be set for the following "
        "SessionEventEnums: ChargingStarted, ChargingPausedEV, Charging",
    )
    authorization_event: Omittable[AuthorizationEvent] = Field(
        default=None,
        description="Data for Authorization event. Shall be set for the following "
        "SessionEventEnums: Authorized, Deauthorized",
    )
    source: Omittable[EnableDisableSource] = Field(
        default=None,
        description="Additional data for Enabled/Disabled events. Specifies the source of the "
        "command that changed the state.",
    )


class HlcSessionFailedEvent(EverestModel):
    """Published whenever an HLC session failure occurs. Published immediately when the failure
    is detected, independently of the EvseManager state machine transitions. Can fire multiple
    times per EVerest session (e.g. on each retry attempt). Use the uuid field to correlate
    with session_event."""

    model_config = ConfigDict(extra="forbid")

    uuid: JsonString = Field(description="Session UUID for correlation with session_event")
    reason: HlcSessionFailedReasonEnum = Field(
        description="Protocol-agnostic reason for the HLC session failure",
    )


class Limits(EverestModel):
    """Limits of this EVSE"""

    model_config = ConfigDict(extra="forbid")

    uuid: Omittable[JsonString] = Field(
        default=None,
        description="This module's UUID for global identification",
    )
    max_current: JsonNumber = Field(description="Instantaneous maximum current available to car")
    nr_of_phases_available: Annotated[JsonInt, Field(ge=1, le=3)] = Field(
        description="Instantaneous phase count available to car",
    )


class EVInfo(EverestModel):
    """Information about the connected EV if available"""

    model_config = ConfigDict(extra="forbid")

    soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="State of charge of the vehicle's battery in percent",
    )
    present_voltage: Omittable[JsonNumber] = Field(
        default=None,
        description="Current voltage of the vehicles battery [V]",
    )
    present_current: Omittable[JsonNumber] = Field(
        default=None,
        description="Current current of the vehicles battery [A]",
    )
    target_voltage: Omittable[JsonNumber] = Field(
        default=None,
        description="Target voltage that the vehicle requested [V]",
    )
    target_current: Omittable[JsonNumber] = Field(
        default=None,
        description="Target current that the vehicle requested [A]",
    )
    maximum_current_limit: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum current that the vehicle supports [A]",
    )
    minimum_current_limit: Omittable[JsonNumber] = Field(
        default=None,
        description="Charging below this limit is not energy efficient [A]",
    )
    maximum_voltage_limit: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum voltage that the vehicle supports [V]",
    )
    maximum_power_limit: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum power that the vehicle supports [W]",
    )
    estimated_time_full: Omittable[JsonDateTime] = Field(
        default=None,
        description="Estimated time when the vehicle is fully charged",
    )
    departure_time: Omittable[JsonDateTime] = Field(
        default=None,
        description="Time when the vehicle intends to depart (If set by the user)",
    )
    estimated_time_bulk: Omittable[JsonDateTime] = Field(
        default=None,
        description="Estimated time when the vehicle finished bulk charging (e.g. 80%)",
    )
    evcc_id: Omittable[
        Annotated[JsonString, Field(pattern=re.compile("^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}\\Z"))]
    ] = Field(default=None, description="EVCC ID (typically MAC address)")
    remaining_energy_needed: Omittable[JsonNumber] = Field(
        default=None,
        description="Remaining energy needed to fulfill charging goal [Wh]",
    )
    battery_capacity: Omittable[JsonNumber] = Field(
        default=None,
        description="Vehicle's battery capacity [Wh]",
    )
    battery_full_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="SoC which the vehicle considers fully charged [%]",
    )
    battery_bulk_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="SoC which the vehicle considers bulk charging reached [%]",
    )
    target_energy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Energy request to fulfil the target SoC from the EV [Wh]",
    )
    max_energy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum acceptable energy level of the EV [Wh]",
    )
    min_energy_request: Omittable[JsonNumber] = Field(
        default=None,
        description="Energy request to fulfil the minimum SoC [Wh]",
    )
    ac_max_charge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Ac maximum power supported by the EV [W]",
    )
    ac_min_charge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Ac minimum power supported by the EV [W]",
    )
    ac_max_discharge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Ac maximum discharge power supported by the EV [W]",
    )
    ac_min_discharge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Ac minimum discharge power supported by the EV [W]",
    )
    ac_present_active_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Ac present total active power measured by the EV [W]",
    )
    ac_present_reactive_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Ac present total reactive power measured by the EV [W]",
    )


class CarManufacturer(StrEnum):
    """Enum type for car manufacturers derived from MAC address. May be different from actual
    brand, so e.g. Skoda falls under Volkswagen_Group."""

    VolkswagenGroup = "VolkswagenGroup"
    Tesla = "Tesla"
    Unknown = "Unknown"


class ConnectorTypeEnum(StrEnum):
    """Type of a physical connector cCCS1: Combined Charging System 1 a.k.a. Combo 1 cCCS2:
    Combined Charging System 2 a.k.a. Combo 2 cG105: JARI G105-1993 a.k.a. CHAdeMO cMCS:
    Megawatt Charging System (captive cabled) (IEC 63379 Configuration HH) cTesla: Tesla
    Connector cType1: IEC62196-2 Type 1 connector a.k.a. J1772 cType2: IEC62196-2 Type 2
    connector a.k.a. Mennekes connector s309_1P_16A: 16A 1 phase IEC60309 socket s309_1P_32A:
    32A 1 phase IEC60309 socket s309_3P_16A: 16A 3 phase IEC60309 socket s309_3P_32A: 32A 3
    phase IEC60309 socket sBS1361: UK domestic socket a.k.a. 13Amp sCEE-7_7: CEE 7/7 16A
    socket a.k.a Schuko sType2: IEC62196-2 Type 2 socket a.k.a. Mennekes connector sType3:
    IEC62196-2 Type 2 socket a.k.a. Scame Other1PhMax16A: Other single phase (domestic)
    sockets not mentioned above, rated at no more than 16A. CEE7/17, AS3112,
                    NEMA 5-15, NEMA 5-20, JISC8303, TIS166, SI 32, CPCS-CCC, SEV1011, etc
    Other1PhOver16A: Other single phase sockets not mentioned above (over 16A) Other3Ph: Other
    3 phase sockets not mentioned above. NEMA14-30, NEMA14-50. Pan: Pantograph connector
    wInductive: Wireless inductively coupled connection (generic) wResonant: Wireless resonant
    coupled connection (generic) Undetermined: Yet to be determined (e.g. before plugged in)
    Unknown: Unknown"""

    cCCS1 = "cCCS1"
    cCCS2 = "cCCS2"
    cG105 = "cG105"
    cMCS = "cMCS"
    cTesla = "cTesla"
    cType1 = "cType1"
    cType2 = "cType2"
    s309_1P_16A = "s309_1P_16A"
    s309_1P_32A = "s309_1P_32A"
    s309_3P_16A = "s309_3P_16A"
    s309_3P_32A = "s309_3P_32A"
    sBS1361 = "sBS1361"
    sCEE_7_7 = "sCEE_7_7"
    sType2 = "sType2"
    sType3 = "sType3"
    Other1PhMax16A = "Other1PhMax16A"
    Other1PhOver16A = "Other1PhOver16A"
    Other3Ph = "Other3Ph"
    Pan = "Pan"
    wInductive = "wInductive"
    wResonant = "wResonant"
    Undetermined = "Undetermined"
    Unknown = "Unknown"


class Connector(EverestModel):
    """Type for a connector which is an independently operated and managed electrical outlet of
    an EVSE. It corresponds to a single physical connector"""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[JsonInt, Field(ge=1)] = Field(
        description="Id of the connector. Connectors should be numbered starting with 1 counting "
        "upwards",
    )
    type: Omittable[ConnectorTypeEnum] = Field(default=None, description="Type of the connector")


class Evse(EverestModel):
    """Type that defines properties of an EVSE including its connectors"""

    model_config = ConfigDict(extra="allow")

    id: Annotated[JsonInt, Field(ge=1, le=128)] = Field(description="ID of the EVSE")
    connectors: Annotated[list[Connector], Field(min_length=1, max_length=128)] = Field(
        description="List of connectors of this EVSE",
    )


class PlugAndChargeConfiguration(EverestModel):
    """Configuration for contract authorization"""

    model_config = ConfigDict(extra="allow")

    pnc_enabled: Omittable[JsonBool] = Field(
        default=None,
        description="If false, contract shall not be present in PaymentOptionList. If true, "
        "contract may be present in PaymentOptionList if TLS is used.",
    )
    central_contract_validation_allowed: Omittable[JsonBool] = Field(
        default=None,
        description="Indicates if the contract may be forwarded to and validated by a CSMS in case"
        " local validation was not successful",
    )
    contract_certificate_installation_enabled: Omittable[JsonBool] = Field(
        default=None,
        description="Indicates if ISO 15118 contract certificate installation/update is enabled",
    )


class UpdateAllowedEnergyTransferModesResult(StrEnum):
    """Enum used to indicate whether an UpdateAllowedEnergyTransferModes cmd was successful or
    not."""

    Accepted = "Accepted"
    IncompatibleEnergyTransfer = "IncompatibleEnergyTransfer"
    ServiceRenegotiationFailed = "ServiceRenegotiationFailed"
    NoHlc = "NoHlc"


class SetDerAvailableResult(StrEnum):
    """Outcome of a set_der_available command."""

    Accepted = "Accepted"
    NoHlc = "NoHlc"
