"""OCPP types (OCPP1.6 and OCPP2.0.1). The types are based more on the type definitions of
OCPP201, as these offer more flexibility and are easier to transfer to OCPP1.6 than vice
versa.

Generated from types/ocpp.yaml. Do not edit: regenerate.
"""

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

from . import text_message as _text_message


class CustomData(EverestModel):
    """Custom data extension"""

    model_config = ConfigDict(extra="allow")

    vendor_id: JsonString = Field(
        description="Vendor Id to identify the customization, this is also included in the data "
        "field and only reproduced for convenience",
    )
    data: JsonString = Field(description="Custom json data object encoded as string")


class V2XFreqWattPointType(EverestModel):
    """A point of a frequency-watt curve."""

    model_config = ConfigDict(extra="allow")

    frequency: JsonNumber = Field(description="Net frequency in Hz")
    power: JsonNumber = Field(
        description="Power in W to charge (positive) or discharge (negative) at specified "
        "frequency.",
    )


class V2XSignalWattPointCurve(EverestModel):
    """A point of a signal-watt curve."""

    model_config = ConfigDict(extra="allow")

    signal: JsonInt = Field(description="Signal value from an AFRRSignalRequest.")
    power: JsonNumber = Field(
        description="Power in W to charge (positive) or discharge (negative) at specified "
        "frequency.",
    )


class ChargingSchedulePeriodOperationMode(StrEnum):
    """Operation mode for (bi-)directional charging during a charging schedule period."""

    Idle = "Idle"
    ChargingOnly = "ChargingOnly"
    CentralSetpoint = "CentralSetpoint"
    ExternalSetpoint = "ExternalSetpoint"
    ExternalLimits = "ExternalLimits"
    CentralFrequency = "CentralFrequency"
    LocalFrequency = "LocalFrequency"
    LocalLoadBalancing = "LocalLoadBalancing"


class ChargingSchedulePeriod(EverestModel):
    """Element providing information on a charging schedule period."""

    model_config = ConfigDict(extra="allow")

    start_period: JsonInt
    limit: JsonNumber = Field(
        description="Optional only when not required by the operationMode, as in CentralSetpoint, "
        "ExternalSetpoint, ExternalLimits, LocalFrequency, LocalLoadBalancing. "
        "Charging rate limit during the schedule period, in the applicable "
        "chargingRateUnit. This SHOULD be a non-negative value; a negative value is "
        "only supported for backwards compatibility with older systems that use a "
        "negative value to specify a discharging limit. When using chargingRateUnit = "
        "W, this field represents the sum of the power of all phases, unless values "
        "are provided for L2 and L3, in which case this field represents phase L1.",
    )
    limit_L2: Omittable[JsonNumber] = Field(
        default=None,
        description="Charging rate limit on phase L2 in the applicable chargingRateUnit.",
    )
    limit_L3: Omittable[JsonNumber] = Field(
        default=None,
        description="Charging rate limit on phase L3 in the applicable chargingRateUnit.",
    )
    number_phases: Omittable[JsonInt] = None
    stack_level: Omittable[JsonInt] = None
    phase_to_use: Omittable[JsonInt] = None
    discharge_limit: Omittable[JsonNumber] = Field(
        default=None,
        description="value <= 0. Limit in chargingRateUnit that the EV is allowed to discharge "
        "with. Note, these are negative values in order to be consistent with "
        "setpoint, which can be positive and negative. For AC this field represents "
        "the sum of all phases, unless values are provided for L2 and L3, in which "
        "case this field represents phase L1.",
    )
    discharge_limit_L2: Omittable[JsonNumber] = Field(
        default=None,
        description="Limit in chargingRateUnit on phase L2 that the EV is allowed to discharge "
        "with",
    )
    discharge_limit_L3: Omittable[JsonNumber] = Field(
        default=None,
        description="Limit in chargingRateUnit on phase L3 that the EV is allowed to discharge "
        "with",
    )
    setpoint: Omittable[JsonNumber] = Field(
        default=None,
        description="Setpoint in chargingRateUnit that the EV should follow as close as possible. "
        "Use negative values for discharging. When a limit and/or dischargeLimit are "
        "given the overshoot when following setpoint must remain within these values. "
        "This field represents the sum of all phases,unless values are provided for L2"
        " and L3, in which case this field represents phase L1.",
    )
    setpoint_L2: Omittable[JsonNumber] = Field(
        default=None,
        description="Setpoint in chargingRateUnit that the EV should follow on phase L2 as close "
        "as possible.",
    )
    setpoint_L3: Omittable[JsonNumber] = Field(
        default=None,
        description="Setpoint in chargingRateUnit that the EV should follow on phase L3 as close "
        "as possible.",
    )
    setpoint_reactive: Omittable[JsonNumber] = Field(
        default=None,
        description="Setpoint for reactive power (or current) in chargingRateUnit that the EV "
        "should follow as closely as possible. Positive values for inductive, negative"
        " for capacitive reactive power or current. This field represents the sum of "
        "all phases, unless values are provided for L2 and L3, in which case this "
        "field represents phase L1.",
    )
    setpoint_reactive_L2: Omittable[JsonNumber] = Field(
        default=None,
        description="Setpoint for reactive power (or current) in chargingRateUnit that the EV "
        "should follow on phase L2 as closely as possible.",
    )
    setpoint_reactive_L3: Omittable[JsonNumber] = Field(
        default=None,
        description="Setpoint for reactive power (or current) in chargingRateUnit that the EV "
        "should follow on phase L3 as closely as possible.",
    )
    preconditioning_request: Omittable[JsonNumber] = Field(
        default=None,
        description="If true, the EV should attempt to keep the BMS preconditioned for this time "
        "interval.",
    )
    evse_sleep: Omittable[JsonBool] = Field(
        default=None,
        description="If true, the EVSE must turn off power electronics/modules associated with "
        "this transaction. Default value when absent is false.",
    )
    v2x_baseline: Omittable[JsonNumber] = Field(
        default=None,
        description="Power value that, when present, is used as a baseline on top of which values "
        "from v2xFreqWattCurve and v2xSignalWattCurve are added",
    )
    operation_mode: Omittable[ChargingSchedulePeriodOperationMode] = Field(
        default=None,
        description="Operation mode for (bi-)directional charging during a charging schedule "
        "period.",
    )
    v2x_freq_watt_curve: Omittable[list[V2XFreqWattPointType]] = Field(
        default=None,
        description="Only required when operationMode = LocalFrequency. When used it must contain "
        "at least two coordinates to specify a power-frequency table to use during "
        "this period. The table determines the value of setpoint power for a given "
        "frequency. chargingRateUnit must be W for LocalFrequency control.",
    )
    v2x_signal_watt_curve: Omittable[list[V2XSignalWattPointCurve]] = Field(
        default=None,
        description="Only used, but not required, when operationMode = LocalFrequency. When used "
        "it must contain at least two coordinates to specify a signal-frequency curve "
        "to use during this period. The curve determines the value of setpoint power "
        "for a given signal. chargingRateUnit must be W for LocalFrequency control.",
    )


class ChargingSchedule(EverestModel):
    """Element providing information on an OCPP charging schedule."""

    model_config = ConfigDict(extra="allow")

    evse: Annotated[JsonInt, Field(ge=0)] = Field(
        description="The OCPP 2.0.1 EVSE ID (not used in OCPP 1.6).",
    )
    charging_rate_unit: JsonString
    charging_schedule_period: list[ChargingSchedulePeriod]
    duration: Omittable[JsonInt] = None
    start_schedule: Omittable[JsonString] = None
    min_charging_rate: Omittable[JsonNumber] = None


class ChargingSchedules(EverestModel):
    """schedules for connectors"""

    model_config = ConfigDict(extra="allow")

    schedules: list[ChargingSchedule] = Field(description="array of schedules")


class EVSE(EverestModel):
    """Type of an EVSE. If only the id is present, this type identifies an EVSE. If also a
    connector_id is given, this type identifies a Connector of the EVSE"""

    model_config = ConfigDict(extra="allow")

    id: Annotated[JsonInt, Field(ge=1)] = Field(description="Id of the EVSE")
    connector_id: Omittable[Annotated[JsonInt, Field(ge=1)]] = Field(
        default=None,
        description="An id to designate a specific connector (on an EVSE) by connector index "
        "number",
    )


class TransactionEvent(StrEnum):
    """The transaction event enumeration"""

    Started = "Started"
    Updated = "Updated"
    Ended = "Ended"


class OcppTransactionEvent(EverestModel):
    """Element providing information on OCPP transactions."""

    model_config = ConfigDict(extra="allow")

    transaction_event: TransactionEvent = Field(description="The transaction related event.")
    evse: Omittable[EVSE] = Field(
        default=None,
        description="The OCPP 2.0.1 EVSE associated with the transaction.",
    )
    session_id: JsonString = Field(description="The EVSE manager assigned session ID.")
    transaction_id: Omittable[JsonString] = Field(
        default=None,
        description="The CSMS assigned transaction ID. A string is used to support OCPP 2.0.1. For"
        " OCPP 1.6 the integer is converted to a string",
    )


class OcppTransactionEventResponse(EverestModel):
    """Information that can be returned with a OCPP TransactionEventResponse"""

    model_config = ConfigDict(extra="allow")

    original_transaction_event: OcppTransactionEvent = Field(
        description="The original transaction event that promted this response",
    )
    total_cost: Omittable[JsonNumber] = Field(default=None, description="Running or total cost")
    charging_priority: Omittable[JsonInt] = Field(
        default=None,
        description="Priority from -9 to 9 for smart charging, higher values mean higher priority",
    )
    personal_message: Omittable[_text_message.MessageContent] = Field(
        default=None,
        description="Personal message",
    )


class DataTransferStatus(StrEnum):
    """Data Transfer Status enum"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    UnknownMessageId = "UnknownMessageId"
    UnknownVendorId = "UnknownVendorId"
    Offline = "Offline"


class DataTransferRequest(EverestModel):
    """Type for data transfer request provided by OCPP"""

    model_config = ConfigDict(extra="forbid")

    vendor_id: JsonString = Field(description="Identifies the vendor")
    message_id: Omittable[JsonString] = Field(default=None, description="Identifies the message")
    data: Omittable[JsonString] = Field(
        default=None,
        description="Data provided by this data transfer",
    )
    custom_data: Omittable[CustomData] = Field(default=None, description="Custom data extension")


class DataTransferResponse(EverestModel):
    """Type for data transfer response provided by OCPP"""

    model_config = ConfigDict(extra="forbid")

    status: DataTransferStatus = Field(description="Status of the data transfer")
    data: Omittable[JsonString] = Field(
        default=None,
        description="Data provided by this data transfer",
    )
    custom_data: Omittable[CustomData] = Field(default=None, description="Custom data extension")


class KeyValue(EverestModel):
    """Type for a key value pair"""

    model_config = ConfigDict(extra="forbid")

    key: JsonString = Field(description="Key / Identifier")
    read_only: JsonBool = Field(
        description="Indicates if the configuration key is configured to be read-only",
    )
    value: Omittable[JsonString] = Field(default=None, description="Value of the configuration key")


class GetConfigurationResponse(EverestModel):
    """Response to a GetConfiguration request"""

    model_config = ConfigDict(extra="allow")

    configuration_keys: list[KeyValue] = Field(
        description="List of known configuration keys of key value pairs",
    )
    unknown_keys: list[JsonString] = Field(description="List of unknown configuration keys")


class ConfigurationStatus(StrEnum):
    """Response to a set_custom_configuration_key command"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    RebootRequired = "RebootRequired"
    NotSupported = "NotSupported"


class SecurityEventEnum(StrEnum):
    """Enum for known security events"""

    FirmwareUpdated = "FirmwareUpdated"
    FailedToAuthenticateAtCsms = "FailedToAuthenticateAtCsms"
    CsmsFailedToAuthenticate = "CsmsFailedToAuthenticate"
    SettingSystemTime = "SettingSystemTime"
    StartupOfTheDevice = "StartupOfTheDevice"
    ResetOrReboot = "ResetOrReboot"
    SecurityLogWasCleared = "SecurityLogWasCleared"
    ReconfigurationOfSecurityParameters = "ReconfigurationOfSecurityParameters"
    MemoryExhaustion = "MemoryExhaustion"
    InvalidMessages = "InvalidMessages"
    AttemptedReplayAttacks = "AttemptedReplayAttacks"
    TamperDetectionActivated = "TamperDetectionActivated"
    InvalidFirmwareSignature = "InvalidFirmwareSignature"
    InvalidFirmwareSigningCertificate = "InvalidFirmwareSigningCertificate"
    InvalidCsmsCertificate = "InvalidCsmsCertificate"
    InvalidChargingStationCertificate = "InvalidChargingStationCertificate"
    InvalidTLSVersion = "InvalidTLSVersion"
    InvalidTLSCipherSuite = "InvalidTLSCipherSuite"
    MaintenanceLoginAccepted = "MaintenanceLoginAccepted"
    MaintenanceLoginFailed = "MaintenanceLoginFailed"


class SecurityEvent(EverestModel):
    """Type for a security event"""

    model_config = ConfigDict(extra="allow")

    type: JsonString = Field(description="Type of the security event")
    info: Omittable[JsonString] = Field(
        default=None,
        description="Additional information about the occurred security event",
    )
    critical: Omittable[JsonBool] = Field(
        default=None,
        description="If set this overwrites the default criticality recommended in the OCPP 2.0.1 "
        "appendix. A critical security event is transmitted as a message to the CSMS, "
        "a non-critical one is just written to the security log",
    )
    timestamp: Omittable[JsonDateTime] = Field(
        default=None,
        description="Timestamp of the moment the security event was generated, if absent the "
        "current datetime is assumed",
    )


class Variable(EverestModel):
    """Type for a variable with a name and an optional instance For OCPP1.6: A Variable should
    only contain a name. The name identifies
      the configuration key.
    For OCPP2.0.1: All properties of the Variable can be used"""

    model_config = ConfigDict(extra="allow")

    name: Annotated[JsonString, Field(min_length=0, max_length=50)] = Field(
        description="Name of a variable",
    )
    instance: Omittable[Annotated[JsonString, Field(min_length=0, max_length=50)]] = Field(
        default=None,
        description="Name of instance in case the variable exists as multiple instances",
    )


class Component(EverestModel):
    """Type for a component with name, optional instance and optional evse For OCPP1.6: A
    definition of a Component doesn't exist in OCPP1.6; In the context of OCPP1.6
      this type may not be relevant or used.
    For OCPP2.0.1: All properties of the Component can be used"""

    model_config = ConfigDict(extra="allow")

    name: Annotated[JsonString, Field(min_length=0, max_length=50)] = Field(
        description="Name of a component",
    )
    instance: Omittable[Annotated[JsonString, Field(min_length=0, max_length=50)]] = Field(
        default=None,
        description="Name of instance in case the component exists as multiple instances",
    )
    evse: Omittable[EVSE] = Field(
        default=None,
        description="Specifies the EVSE when component is located at EVSE level, also specifies "
        "the connector when component is located at Connector level",
    )


class ComponentVariable(EverestModel):
    """Type for a combination of component and variable. Note that for OCPP1.6 only the
    Variable.name (configuration key) is sufficient to identify a configuration key. For
    OCPP2.0.1 all properties of the type(s) can be used."""

    model_config = ConfigDict(extra="allow")

    component: Component = Field(description="Component")
    variable: Variable = Field(description="Variable")


class AttributeEnum(StrEnum):
    """Attribute enum Actual: The actual value of a variable Target: The target value of a
    variable MinSet: The minimal allowed value of a variable MaxSet: The maximum allowed value
    of a variable"""

    Actual = "Actual"
    Target = "Target"
    MinSet = "MinSet"
    MaxSet = "MaxSet"


class GetVariableStatusEnumType(StrEnum):
    """Indicates the status of the GetVariableRequest as part of the GetVariableResult operation
    Accepted: Variable successfully retrieved Rejected: Request is rejected UnknownComponent:
    Component is not known UnknownVariable: Variable is not known NotSupportedAttributeType:
    The AttributeType is not supported"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    UnknownComponent = "UnknownComponent"
    UnknownVariable = "UnknownVariable"
    NotSupportedAttributeType = "NotSupportedAttributeType"


class SetVariableStatusEnumType(StrEnum):
    """Indicates the status of the SetVariableRequest operation as part of the SetVariableResult
    Accepted: Variable successfully set Rejected: Request is rejected UnknownComponent:
    Component is not known UnknownVariable: Variable is not known NotSupportedAttributeType:
    The AttributeType is not supported RebootRequired: A reboot is required"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    UnknownComponent = "UnknownComponent"
    UnknownVariable = "UnknownVariable"
    NotSupportedAttributeType = "NotSupportedAttributeType"
    RebootRequired = "RebootRequired"


class EventTriggerEnum(StrEnum):
    """Indicates the trigger reason of a generic event as part of the type EventData Alerting:
    Monitored variable has passed an Lower or Upper Threshold Delta: Delta Monitored Variable
    value has changed by more than specified amount Periodic: Periodic Monitored Variable has
    been sampled for reporting at the specified interval"""

    Alerting = "Alerting"
    Delta = "Delta"
    Periodic = "Periodic"


class EventNotificationType(StrEnum):
    """Indicates the event notification type as part of the type EventData HardWiredNotification:
    The software implemented by the manufacturer triggered a hardwired notification
    HardWiredMonitor: Triggered by a monitor, which is hardwired by the manufacturer
    PreconfiguredMonitor: Triggered by a monitor, which is preconfigured by the manufacturer.
    CustomMonitor: Triggered by a monitor which is set by a message by the Charging Station
    Operator."""

    HardWiredNotification = "HardWiredNotification"
    HardWiredMonitor = "HardWiredMonitor"
    PreconfiguredMonitor = "PreconfiguredMonitor"
    CustomMonitor = "CustomMonitor"


class GetVariableRequest(EverestModel):
    """Type to request a variable value (OCPP2.0.1) or configuration value (OCPP1.6)"""

    model_config = ConfigDict(extra="allow")

    component_variable: ComponentVariable = Field(
        description="Identifier for which the value should be requested",
    )
    attribute_type: Omittable[AttributeEnum] = Field(
        default=None,
        description="AttributeEnum for which the value should be requested. When absent, actual is"
        " assumed",
    )


class GetVariableResult(EverestModel):
    """Result of a GetVariableRequest"""

    model_config = ConfigDict(extra="allow")

    status: GetVariableStatusEnumType = Field(description="Status of the GetVariableResult")
    attribute_type: Omittable[AttributeEnum] = Field(
        default=None,
        description="AttributeEnum for which the value was requested. When absent, actual is "
        "assumed",
    )
    value: Omittable[Annotated[JsonString, Field(min_length=0, max_length=2500)]] = Field(
        default=None,
        description="Value of the requested variable and AttributeEnum. This field can only be "
        "empty when the given status is NOT accepted",
    )
    component_variable: ComponentVariable = Field(
        description="Identifier for which the value was requested",
    )


class SetVariableRequest(EverestModel):
    """Type to request to set a variable or configuration key"""

    model_config = ConfigDict(extra="allow")

    component_variable: ComponentVariable = Field(
        description="Identifier for which the value should be set",
    )
    value: Annotated[JsonString, Field(min_length=0, max_length=1000)] = Field(
        description="Value of the variable that should be set",
    )
    attribute_type: Omittable[AttributeEnum] = Field(
        default=None,
        description="AttributeEnum for which the value should be set. When absent, actual is "
        "assumed",
    )


class SetVariableResult(EverestModel):
    """Result of a SetVariableRequest"""

    model_config = ConfigDict(extra="allow")

    status: SetVariableStatusEnumType = Field(description="Status of the SetVariableResult")
    component_variable: ComponentVariable = Field(
        description="Identifier for which the set of the value should be requested",
    )
    attribute_type: Omittable[AttributeEnum] = Field(
        default=None,
        description="AttributeEnum for which the set of the value is requested. When absent, "
        "actual is assumed",
    )


class EventData(EverestModel):
    """Type to report an event notification for a component-variable"""

    model_config = ConfigDict(extra="allow")

    component_variable: ComponentVariable = Field(
        description="Identifier for which the event occurred",
    )
    event_id: JsonInt = Field(description="Identifies the event")
    timestamp: JsonDateTime = Field(description="Timestamp of the moment the report was generated")
    trigger: EventTriggerEnum = Field(description="Type of the monitor that triggered this event")
    actual_value: Annotated[JsonString, Field(max_length=2500)] = Field(
        description="Actual value of the variable",
    )
    event_notification_type: EventNotificationType = Field(
        description="Type of the event notification",
    )
    cause: Omittable[JsonInt] = Field(
        default=None,
        description="Refers to the Id of an event that is considered to be the cause for this "
        "event",
    )
    tech_code: Omittable[Annotated[JsonString, Field(max_length=50)]] = Field(
        default=None,
        description="Technical (error) code as reported by component",
    )
    tech_info: Omittable[Annotated[JsonString, Field(max_length=500)]] = Field(
        default=None,
        description="Technical detail information as reported by component",
    )
    cleared: Omittable[JsonBool] = Field(
        default=None,
        description="Cleared is set to true to report the clearing of a monitored situation",
    )
    transaction_id: Omittable[Annotated[JsonString, Field(max_length=36)]] = Field(
        default=None,
        description="If an event notification is linked to a specific transaction, this field can "
        "be used to specify its transactionId",
    )
    variable_monitoring_id: Omittable[JsonInt] = Field(
        default=None,
        description="Identifies the VariableMonitoring which triggered the event",
    )


class OperationalStatusEnumType(StrEnum):
    """Operational status of Charging Station /EVSE / Connector"""

    Inoperative = "Inoperative"
    Operative = "Operative"


class ChangeAvailabilityRequest(EverestModel):
    """Request type to change the availability of the Charging Station/ an EVSE / a Connector."""

    model_config = ConfigDict(extra="allow")

    operational_status: OperationalStatusEnumType = Field(
        description="Type of availability change that the Charging Station should perform.",
    )
    evse: Omittable[EVSE] = Field(
        default=None,
        description="Specify EVSE/Connector whose status is changed. When omitted, the message "
        "refers to the Charging Station as a whole.",
    )


class ChangeAvailabilityStatusEnumType(StrEnum):
    """Status returned in response to ChangeAvailabilityRequest."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    Scheduled = "Scheduled"


class StatusInfoType(EverestModel):
    """Element providing more information about the status."""

    model_config = ConfigDict(extra="allow")

    reason_code: JsonString = Field(
        description="A predefined code for the reason why the status is returned in this response."
        " The string is case-insensitive.",
    )
    additional_info: Omittable[JsonString] = Field(
        default=None,
        description="Additional text to provide detailed information",
    )


class ChangeAvailabilityResponse(EverestModel):
    """Response type to request to change the availability of the Charging Station/ an EVSE / a
    Connector."""

    model_config = ConfigDict(extra="allow")

    status: ChangeAvailabilityStatusEnumType = Field(
        description="Indicates whether the Charging Station is able to perform the availability "
        "change.",
    )
    status_info: Omittable[StatusInfoType] = Field(
        default=None,
        description="Detailed status information.",
    )


class RegistrationStatus(StrEnum):
    """Indicates whether the Charging Station has been registered within the OCPP CSMS"""

    Accepted = "Accepted"
    Pending = "Pending"
    Rejected = "Rejected"


class BootNotificationResponse(EverestModel):
    """OCPP BootNotificationResponse"""

    model_config = ConfigDict(extra="allow")

    status: RegistrationStatus = Field(
        description="Indicates whether the Charging Station has been registered within the OCPP "
        "CSMS",
    )
    current_time: JsonDateTime = Field(
        description="Contains the CSMS current time in RFC3339 format",
    )
    interval: JsonInt = Field(
        description="When Status is Accepted, this contains the heartbeat interval in seconds. If "
        "the CSMS returns something other than Accepted, the value of the interval "
        "field indicates the minimum wait time before sending a next BootNotification "
        "request.",
    )
    status_info: Omittable[StatusInfoType] = Field(
        default=None,
        description="Detailed status information.",
    )


class MessageDirection(StrEnum):
    """OCPP message direction"""

    CSMSToChargingStation = "CSMSToChargingStation"
    ChargingStationToCSMS = "ChargingStationToCSMS"


class Message(EverestModel):
    """OCPP message with direction"""

    model_config = ConfigDict(extra="allow")

    message: JsonString = Field(description="Serialized OCPP-J message")
    direction: MessageDirection = Field(description="OCPP message direction")
    version: Omittable[JsonString] = Field(
        default=None,
        description="OCPP version of the serialized message",
    )


class ConnectionStatus(EverestModel):
    """Status of the connection of the chargepoint to the CSMS, including the details of the
    connection the status refers to. While connected, the details describe the active
    connection; while disconnected, they describe the connection that has just been lost or
    whose connection attempt has just failed. Details that are not available for the active
    OCPP version are omitted."""

    model_config = ConfigDict(extra="forbid")

    connected: JsonBool = Field(description="Indicates if the chargepoint is connected to the CSMS")
    csms_url: Omittable[JsonString] = Field(
        default=None,
        description="CSMS endpoint URL of the connection. OCPP2.x reports ocppCsmsUrl of the "
        "network connection profile, OCPP1.6 the CentralSystemURI configuration key.",
    )
    identity: Omittable[JsonString] = Field(
        default=None,
        description="Identity the chargepoint uses towards the CSMS. OCPP2.x reports identity of "
        "the network connection profile, OCPP1.6 the ChargePointId.",
    )
    security_profile: Omittable[JsonInt] = Field(
        default=None,
        description="OCPP security profile of the connection. OCPP2.x reports securityProfile of "
        "the network connection profile, OCPP1.6 the SecurityProfile configuration "
        "key.",
    )
    configuration_slot: Omittable[JsonInt] = Field(
        default=None,
        description="Configuration slot of the network connection profile the connection uses.",
    )
    ocpp_interface: Omittable[JsonString] = Field(
        default=None,
        description="Network interface of the network connection profile the connection uses",
    )
    ocpp_transport: Omittable[JsonString] = Field(
        default=None,
        description="Transport of the network connection profile the connection uses",
    )
    ocpp_version: Omittable[JsonString] = Field(
        default=None,
        description="OCPP protocol version in use on the connection (e.g. ocpp1.6, ocpp2.0.1 or "
        "ocpp2.1)",
    )
