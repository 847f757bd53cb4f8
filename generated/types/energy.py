"""Energy import/export capability/limit types

Generated from types/energy.yaml. Do not edit: regenerate.
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

from . import energy_price_information as _energy_price_information
from . import powermeter as _powermeter


class NumberWithSource(EverestModel):
    """Simple number type with source information"""

    model_config = ConfigDict(extra="allow")

    value: JsonNumber = Field(description="Value")
    source: JsonString = Field(description="Source of the value")


class IntegerWithSource(EverestModel):
    """Simple number type with source information"""

    model_config = ConfigDict(extra="allow")

    value: JsonInt = Field(description="Value")
    source: JsonString = Field(description="Source of the value")


class NodeType(StrEnum):
    """Enum Type for different Nodes on the energy tree"""

    Undefined = "Undefined"
    Evse = "Evse"
    Generic = "Generic"


class EvseState(StrEnum):
    """Enum for simplified EVSE state"""

    Unplugged = "Unplugged"
    WaitForAuth = "WaitForAuth"
    WaitForEnergy = "WaitForEnergy"
    PrepareCharging = "PrepareCharging"
    PausedEV = "PausedEV"
    PausedEVSE = "PausedEVSE"
    Charging = "Charging"
    Finished = "Finished"
    Disabled = "Disabled"


class LimitsReq(EverestModel):
    """Energy flow limiting object request (Evses to EnergyManager)"""

    model_config = ConfigDict(extra="forbid")

    total_power_W: Omittable[NumberWithSource] = Field(
        default=None,
        description="Total power limit in Watt. Can be used for DC or as additional limit for AC. "
        "Positive number.",
    )
    ac_max_current_A: Omittable[NumberWithSource] = Field(
        default=None,
        description="Max current limit (per phase) in Ampere. AC only. Positive number.",
    )
    ac_min_current_A: Omittable[NumberWithSource] = Field(
        default=None,
        description="Min AC current limit per phase in Ampere. Values below that value indicate "
        "the device will not work properly, i.e. it will not charge below 6 amps. AC "
        "only.",
    )
    ac_max_phase_count: Omittable[IntegerWithSource] = Field(
        default=None,
        description="Limit to number of phases. Omit if number of phases are not limited. Value "
        "between 1 and 3.",
    )
    ac_min_phase_count: Omittable[IntegerWithSource] = Field(
        default=None,
        description="Minimal number of phases. Omit if number of phases are not limited. Value "
        "between 1 and 3.",
    )
    ac_supports_changing_phases_during_charging: Omittable[JsonBool] = Field(
        default=None,
        description="Indicate whether phase switching is allowed during charging or not",
    )
    ac_number_of_active_phases: Omittable[Annotated[JsonInt, Field(ge=1, le=3)]] = Field(
        default=None,
        description="Number of phases currently offered to the vehicle (1ph or 3ph mode)",
    )


class LimitsRes(EverestModel):
    """Energy flow limiting object Result (Energy manager to Evses)"""

    model_config = ConfigDict(extra="forbid")

    total_power_W: Omittable[NumberWithSource] = Field(
        default=None,
        description="Total power limit in Watt. Can be used for DC or as additional limit for AC. "
        "Negative numbers mean export to grid direction.",
    )
    ac_max_current_A: Omittable[NumberWithSource] = Field(
        default=None,
        description="Max current limit (per phase) in Ampere. AC only. Negative numbers mean "
        "export to grid direction.",
    )
    ac_max_phase_count: Omittable[IntegerWithSource] = Field(
        default=None,
        description="Limit to number of phases. Omit if number of phases are not limited.",
    )


class OptimizerTarget(EverestModel):
    """User defined optimizer targets for this evse"""

    model_config = ConfigDict(extra="forbid")

    energy_amount_needed: Omittable[JsonNumber] = Field(
        default=None,
        description="Amount of kwh the car needs to fulfill its charging target",
    )
    charge_to_max_percent: Omittable[JsonNumber] = Field(
        default=None,
        description="Charge car battery to max NN percent",
    )
    car_battery_soc: Omittable[Annotated[JsonNumber, Field(ge=0, le=100)]] = Field(
        default=None,
        description="Car battery State Of Charge in percent",
    )
    leave_time: Omittable[JsonString] = Field(
        default=None,
        description="RFC3339 UTC format time when the car needs to drive away with charging "
        "targets fulfilled. Will charge cheapest within this timeframe.",
    )
    price_limit: Omittable[JsonNumber] = Field(
        default=None,
        description="Always charge if price below this limit. This includes solar charging and "
        "price for solar energy if price levels set correctly.",
    )
    full_autonomy: Omittable[JsonBool] = Field(
        default=None,
        description="Only charge from locally generated energy. Do not draw power from grid for "
        "charging.",
    )


class FrequencyWattPoint(EverestModel):
    """A point of a frequency-watt curve"""

    model_config = ConfigDict(extra="allow")

    frequency_Hz: JsonNumber = Field(description="The frequency in Hz")
    total_power_W: JsonNumber = Field(description="The total power in W")


class SetpointType(EverestModel):
    """Defines a setpoint, which is a target value for either charging or discharging depending
    on the sign. Setpoints per phase are currently not supported."""

    model_config = ConfigDict(extra="allow")

    ac_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="The target value in amps per phase for either charging or discharging "
        "depending on the sign. Positive values indicate charging, while negative "
        "values indicate discharging. Do not set ac_current_A, total_power_W and "
        "frequency_table properties simultaneously.",
    )
    total_power_W: Omittable[JsonNumber] = Field(
        default=None,
        description="The target value for the total power for either charging or discharging "
        "depending on the sign. Positive values indicate charging, while negative "
        "values indicate discharging. Do not set ac_current_A, total_power_W and "
        "frequency_table properties simultaneously.",
    )
    frequency_table: Omittable[list[FrequencyWattPoint]] = Field(
        default=None,
        description="Frequency table for the setpoint. When used it must contain at least two "
        "coordinates to specify a power-frequency table to use during this period. If "
        "the array is empty, no frequency setpoint is set. Do not set ac_current_A, "
        "total_power_W and frequency_table properties simultaneously.",
    )
    priority: Annotated[JsonInt, Field(ge=0, le=1000)] = Field(
        description="Note: priority handling is not implemented for now. If multiple conflicting "
        "setpoints are specified in the tree, the priority selects which one is used. "
        "Highest priority is 0, lowest priority is 1000.",
    )
    source: JsonString = Field(description="Source of the setpoint")


class ScheduleSetpointEntry(EverestModel):
    """One entry for the time series (setpoint request)"""

    model_config = ConfigDict(extra="forbid")

    timestamp: JsonDateTime = Field(
        description="Absolute timestamp for this sample in RFC3339 UTC format",
    )
    setpoint: Omittable[SetpointType] = Field(
        default=None,
        description="Setpoint for this timestamp",
    )


class ScheduleReqEntry(EverestModel):
    """One entry for the time series (request)"""

    model_config = ConfigDict(extra="forbid")

    timestamp: JsonDateTime = Field(
        description="Absolute timestamp for this sample in RFC3339 UTC format",
    )
    limits_to_root: LimitsReq = Field(
        description="Limit for this timestamp, for the root facing side",
    )
    limits_to_leaves: LimitsReq = Field(
        description="Limit for this timestamp, for the leaves facing side",
    )
    conversion_efficiency: Omittable[Annotated[JsonNumber, Field(ge=0, le=1)]] = Field(
        default=None,
        description="Conversion efficiency from root to leaves side (e.g. AC/DC efficiency). "
        "Defaults to one if not specified.",
    )
    price_per_kwh: Omittable[_energy_price_information.PricePerkWh] = Field(
        default=None,
        description="Price information for this timepoint",
    )


class ScheduleResEntry(EverestModel):
    """One entry for the time series (result)"""

    model_config = ConfigDict(extra="forbid")

    timestamp: JsonDateTime = Field(
        description="Absolute timestamp for this sample in RFC3339 UTC format",
    )
    limits_to_root: LimitsRes = Field(
        description="Limit for this timestamp, for the root facing side",
    )
    price_per_kwh: Omittable[_energy_price_information.PricePerkWh] = Field(
        default=None,
        description="Price information for this timepoint",
    )


class EnergyFlowRequest(EverestModel):
    """Request energy flow parameters to supply/limit energy import (direction from grid to car)
    and/or consume/limit energy export (car to grid) at a specific point in the tree"""

    model_config = ConfigDict(extra="allow")

    children: list["EnergyFlowRequest"] = Field(
        description="Array of child node energy flow requests (in the direction to consumer/car)",
    )
    uuid: JsonString = Field(
        description="UUID for this node. This UUID will be used again when enforce_limits() "
        "command propagates through the tree.",
    )
    node_type: NodeType = Field(description="Node Type Enum")
    priority_request: Omittable[JsonBool] = Field(
        default=None,
        description="If set to true, this is a high priority request that needs to be handled now."
        " Otherwise energymanager may merge multiple requests and address them later.",
    )
    evse_state: Omittable[EvseState] = Field(default=None, description="State of the EVSE")
    optimizer_target: Omittable[OptimizerTarget] = Field(
        default=None,
        description="User defined optimizer targets for this evse",
    )
    energy_usage_root: Omittable[_powermeter.Powermeter] = Field(
        default=None,
        description="Energy usage measurement of this node at root side",
    )
    energy_usage_leaves: Omittable[_powermeter.Powermeter] = Field(
        default=None,
        description="Energy usage measurement of this node at leaves side",
    )
    schedule_import: list[ScheduleReqEntry] = Field(
        description="Energy import/limits time series. The first entry is special as it will be "
        "active already now even if the timestamp is in the future, so it is good "
        "practice to set the first entry to current time. The time series can have "
        "arbitrary time difference between entries and all timestamps are absolute UTC"
        " time.",
    )
    schedule_export: list[ScheduleReqEntry] = Field(
        description="Energy export/limits time series. The first entry is special as it will be "
        "active already now even if the timestamp is in the future, so it is good "
        "practice to set the first entry to current time. The time series can have "
        "arbitrary time difference between entries and all timestamps are absolute UTC"
        " time.",
    )
    schedule_setpoints: list[ScheduleSetpointEntry] = Field(
        description="Setpoints time series. The first entry is special as it will be active "
        "already now even if the timestamp is in the future, so it is good practice to"
        " set the first entry to current time. The time series can have arbitrary time"
        " difference between entries and all timestamps are absolute UTC time.",
    )


class EnforcedLimits(EverestModel):
    """Enforce Limits data type"""

    model_config = ConfigDict(extra="allow")

    uuid: JsonString = Field(description="UUID of node that this limit applies to")
    valid_for: JsonInt = Field(
        description="Limits are valid for this number of seconds. If no new update is received "
        "after valid_for seconds then power consumption must be stopped.",
    )
    limits_root_side: LimitsRes = Field(
        description="Enforced limits that must be respected at the root side.",
    )
    schedule: list[ScheduleResEntry] = Field(
        description="Informative only. Do not use for actual limiting. Energy import/export limits"
        " time series. The first entry is special as it will be active already now "
        "even if the timestamp is in the future, so it is good practice to set the "
        "first entry to current time. The time series can have arbitrary time "
        "difference between entries and all timestamps are absolute UTC time.",
    )


class CapabilityLimits(EverestModel):
    """Configured/rated maximum limits of an energy node"""

    model_config = ConfigDict(extra="allow")

    max_current_A: Annotated[JsonNumber, Field(ge=0)] = Field(
        description="Max current limit (per phase) in Ampere.",
    )
    max_phase_count: Annotated[JsonInt, Field(ge=0, le=3)] = Field(
        description="Number of phases covered by this fuse",
    )
    nominal_voltage_V: Annotated[JsonNumber, Field(ge=1)] = Field(
        description="Nominal AC voltage between a single phase and neutral in Volt",
    )
    total_power_W: JsonNumber = Field(
        description="Total power limit in Watt. For AC energy nodes, this usually is: "
        "nominal_voltage_V x max_current_A x max_phase_count",
    )


class ExternalLimits(EverestModel):
    """External Limits data type"""

    model_config = ConfigDict(extra="allow")

    schedule_import: list[ScheduleReqEntry] = Field(
        description="Energy import/limits time series. The first entry is special as it will be "
        "active already now even if the timestamp is in the future, so it is good "
        "practice to set the first entry to current time. The time series can have "
        "arbitrary time difference between entries and all timestamps are absolute UTC"
        " time. The last entry is valid for any time after the schedule ends.",
    )
    schedule_export: list[ScheduleReqEntry] = Field(
        description="Energy export/limits time series. The first entry is special as it will be "
        "active already now even if the timestamp is in the future, so it is good "
        "practice to set the first entry to current time. The time series can have "
        "arbitrary time difference between entries and all timestamps are absolute UTC"
        " time. The last entry is valid for any time after the schedule ends.",
    )
    schedule_setpoints: list[ScheduleSetpointEntry] = Field(
        description="Setpoints time series. The first entry is special as it will be active "
        "already now even if the timestamp is in the future, so it is good practice to"
        " set the first entry to current time. The time series can have arbitrary time"
        " difference between entries and all timestamps are absolute UTC time.",
    )
