"""Grid support / DER control types

Generated from types/grid_support.yaml. Do not edit: regenerate.
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


class DirectiveType(StrEnum):
    """Kind of DER control directive. Each value selects one DER control mode:
    enter-service gating, a frequency- or voltage-dependent curve, a fixed
    power-factor or reactive-power setpoint, ramp-rate limits, a trip /
    momentary-cessation / ride-through profile, or a DSO-commanded setpoint.

    EnterService: Enter-service criteria (voltage/frequency window and ramp) gating
    reconnection after a disconnect.
    FreqDroop: Frequency-droop active-power response to frequency deviation.
    FreqWatt: Frequency-watt curve: active power as a piecewise function of frequency.
    FixedPFAbsorb: Fixed power factor applied while absorbing (charging) active power.
    FixedPFInject: Fixed power factor applied while injecting (discharging) active power.
    FixedVar: Fixed reactive-power setpoint.
    Gradients: Ramp-rate / open-loop response-time limits applied to setpoint changes.
    HFMustTrip: High-frequency must-trip curve (mandatory disconnect thresholds).
    HFMayTrip: High-frequency may-trip / ride-through curve.
    HVMustTrip: High-voltage must-trip curve.
    HVMomCess: High-voltage momentary-cessation curve.
    HVMayTrip: High-voltage may-trip / ride-through curve.
    LimitMaxDischarge: Limit on maximum discharge power (percent of rating).
    LFMustTrip: Low-frequency must-trip curve.
    LVMustTrip: Low-voltage must-trip curve.
    LVMomCess: Low-voltage momentary-cessation curve.
    LVMayTrip: Low-voltage may-trip / ride-through curve.
    PowerMonitoringMustTrip: Power-monitoring must-trip curve (e.g. reverse-power / export
    threshold).
    VoltVar: Volt-var reactive-power response as a function of voltage.
    VoltWatt: Volt-watt active-power curtailment as a function of voltage.
    WattPF: Watt-power-factor curve: power factor as a function of active power.
    WattVar: Watt-var reactive-power as a function of active power.
    ZeroCurrent: Command the DER to zero output current (cease output).
    OvervoltageFaultRideThrough: Overvoltage fault-ride-through profile.
    UndervoltageFaultRideThrough: Undervoltage fault-ride-through profile.
    DSOQSetpoint: DSO-commanded reactive-power (Q) setpoint.
    DSOCosPhiSetpoint: DSO-commanded cos-phi (power-factor) setpoint.
    MaximumLevelDCInjection: Maximum permitted DC-current injection level."""

    EnterService = "EnterService"
    FreqDroop = "FreqDroop"
    FreqWatt = "FreqWatt"
    FixedPFAbsorb = "FixedPFAbsorb"
    FixedPFInject = "FixedPFInject"
    FixedVar = "FixedVar"
    Gradients = "Gradients"
    HFMustTrip = "HFMustTrip"
    HFMayTrip = "HFMayTrip"
    HVMustTrip = "HVMustTrip"
    HVMomCess = "HVMomCess"
    HVMayTrip = "HVMayTrip"
    LimitMaxDischarge = "LimitMaxDischarge"
    LFMustTrip = "LFMustTrip"
    LVMustTrip = "LVMustTrip"
    LVMomCess = "LVMomCess"
    LVMayTrip = "LVMayTrip"
    PowerMonitoringMustTrip = "PowerMonitoringMustTrip"
    VoltVar = "VoltVar"
    VoltWatt = "VoltWatt"
    WattPF = "WattPF"
    WattVar = "WattVar"
    ZeroCurrent = "ZeroCurrent"
    OvervoltageFaultRideThrough = "OvervoltageFaultRideThrough"
    UndervoltageFaultRideThrough = "UndervoltageFaultRideThrough"
    DSOQSetpoint = "DSOQSetpoint"
    DSOCosPhiSetpoint = "DSOCosPhiSetpoint"
    MaximumLevelDCInjection = "MaximumLevelDCInjection"


class DERUnit(StrEnum):
    """Unit of measure for a DER curve y-axis or setpoint value."""

    Not_Applicable = "Not_Applicable"
    PctMaxW = "PctMaxW"
    PctMaxVar = "PctMaxVar"
    PctWAvail = "PctWAvail"
    PctVarAvail = "PctVarAvail"
    PctEffectiveV = "PctEffectiveV"


class PowerDuringCessation(StrEnum):
    """Whether power during cessation is expressed as active or reactive power."""

    Active = "Active"
    Reactive = "Reactive"


class DERCurvePoint(EverestModel):
    """A single point on a DER curve."""

    model_config = ConfigDict(extra="forbid")

    x: JsonNumber = Field(
        description="X-axis value; unit follows the curve's independent variable (e.g. volts, "
        "hertz, or percent) per directive_type.",
    )
    y: JsonNumber = Field(description="Y-axis value, in the unit given by the curve's y_unit.")


class Hysteresis(EverestModel):
    """Hysteresis parameters applied to a DER curve."""

    model_config = ConfigDict(extra="forbid")

    hysteresis_high: Omittable[JsonNumber] = Field(
        default=None,
        description="High hysteresis threshold, in the curve's x-axis unit.",
    )
    hysteresis_low: Omittable[JsonNumber] = Field(
        default=None,
        description="Low hysteresis threshold, in the curve's x-axis unit.",
    )
    hysteresis_delay: Omittable[JsonNumber] = Field(
        default=None,
        description="Hysteresis delay, in seconds.",
    )
    hysteresis_gradient: Omittable[JsonNumber] = Field(
        default=None,
        description="Hysteresis gradient, in the curve's y_unit per second.",
    )


class ReactivePowerParams(EverestModel):
    """Reactive power parameters for a DER curve."""

    model_config = ConfigDict(extra="forbid")

    v_ref: Omittable[JsonNumber] = Field(
        default=None,
        description="Voltage reference value, in volts.",
    )
    autonomous_v_ref_enable: Omittable[JsonBool] = Field(
        default=None,
        description="Whether autonomous voltage reference adjustment is enabled.",
    )
    autonomous_v_ref_time_constant: Omittable[JsonNumber] = Field(
        default=None,
        description="Time constant for autonomous voltage reference adjustment, in seconds.",
    )


class VoltageParams(EverestModel):
    """Voltage parameters for a DER curve."""

    model_config = ConfigDict(extra="forbid")

    hv_10min_mean_value: Omittable[JsonNumber] = Field(
        default=None,
        description="High-voltage 10-minute mean value, in volts.",
    )
    hv_10min_mean_trip_delay: Omittable[JsonNumber] = Field(
        default=None,
        description="High-voltage 10-minute mean trip delay, in seconds.",
    )
    power_during_cessation: Omittable[PowerDuringCessation] = Field(
        default=None,
        description="Whether power during cessation is active or reactive.",
    )


class DERCurve(EverestModel):
    """A DER control curve and its associated parameters. Scheduling and priority are carried by
    the enclosing Directive."""

    model_config = ConfigDict(extra="forbid")

    curve_data: list[DERCurvePoint] = Field(
        description="Ordered list of points defining the curve.",
    )
    y_unit: DERUnit = Field(description="Unit of the curve y-axis values.")
    hysteresis: Omittable[Hysteresis] = Field(
        default=None,
        description="Optional hysteresis parameters for the curve.",
    )
    reactive_power_params: Omittable[ReactivePowerParams] = Field(
        default=None,
        description="Optional reactive power parameters for the curve.",
    )
    voltage_params: Omittable[VoltageParams] = Field(
        default=None,
        description="Optional voltage parameters for the curve.",
    )
    response_time: Omittable[JsonNumber] = Field(
        default=None,
        description="Curve open-loop response time, in seconds.",
    )


class EnterServiceParams(EverestModel):
    """Enter-service voltage and frequency parameters. Scheduling and priority are carried by the
    enclosing Directive."""

    model_config = ConfigDict(extra="forbid")

    high_voltage: JsonNumber = Field(description="High voltage threshold, in volts.")
    low_voltage: JsonNumber = Field(description="Low voltage threshold, in volts.")
    high_freq: JsonNumber = Field(description="High frequency threshold, in hertz.")
    low_freq: JsonNumber = Field(description="Low frequency threshold, in hertz.")
    delay: Omittable[JsonNumber] = Field(
        default=None,
        description="Delay before entering service, in seconds.",
    )
    random_delay: Omittable[JsonNumber] = Field(
        default=None,
        description="Additional randomized delay, in seconds.",
    )
    ramp_rate: Omittable[JsonNumber] = Field(
        default=None,
        description="Ramp rate applied when entering service, as percent of nameplate active power"
        " per second (%/s).",
    )


class FixedPFParams(EverestModel):
    """Fixed power-factor parameters. Scheduling and priority are carried by the enclosing
    Directive."""

    model_config = ConfigDict(extra="forbid")

    displacement: JsonNumber = Field(
        description="Power-factor displacement value (cos phi), dimensionless in the range 0..1.",
    )
    excitation: JsonBool = Field(description="True for over-excited, false for under-excited.")


class FixedVarParams(EverestModel):
    """Fixed reactive-power (var) parameters. Scheduling and priority are carried by the
    enclosing Directive."""

    model_config = ConfigDict(extra="forbid")

    setpoint: JsonNumber = Field(
        description="Reactive power setpoint, expressed in the unit given by the unit field.",
    )
    unit: DERUnit = Field(description="Unit of the setpoint value.")


class FreqDroopParams(EverestModel):
    """Frequency droop parameters. Scheduling and priority are carried by the enclosing
    Directive."""

    model_config = ConfigDict(extra="forbid")

    over_freq: JsonNumber = Field(description="Over-frequency threshold, in hertz.")
    under_freq: JsonNumber = Field(description="Under-frequency threshold, in hertz.")
    over_droop: JsonNumber = Field(description="Over-frequency droop, as percent (droop slope).")
    under_droop: JsonNumber = Field(description="Under-frequency droop, as percent (droop slope).")
    response_time: JsonNumber = Field(description="Open-loop response time, in seconds.")


class GradientParams(EverestModel):
    """Power gradient (ramp) parameters. Scheduling and priority are carried by the enclosing
    Directive."""

    model_config = ConfigDict(extra="forbid")

    gradient: JsonNumber = Field(
        description="Open-loop response-time gradient, in seconds (time to ramp across the full "
        "operating range).",
    )
    soft_gradient: JsonNumber = Field(description="Soft-start response-time gradient, in seconds.")


class LimitMaxDischargeParams(EverestModel):
    """Maximum discharge limit parameters. Scheduling and priority are carried by the enclosing
    Directive."""

    model_config = ConfigDict(extra="forbid")

    pct_max_discharge_power: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum discharge power, as percent of nameplate active power (%).",
    )
    power_monitoring_must_trip: Omittable[DERCurve] = Field(
        default=None,
        description="Optional power-monitoring must-trip curve. The nested curve uses the "
        "enclosing directive's priority; a must-trip curve priority distinct from the "
        "directive is not represented (model it as its own PowerMonitoringMustTrip "
        "directive if a separate priority is required).",
    )


class Directive(EverestModel):
    """A single DER control directive. Producer discipline: exactly one payload
    field is populated, keyed by directive_type. Scheduling and priority
    (priority, start_time, duration_s, randomize_start_s) live on the
    directive itself and are not repeated inside the payload types.

    directive_type -> payload field:
      EnterService                      -> enter_service
      FreqDroop                         -> freq_droop
      FixedPFAbsorb, FixedPFInject      -> fixed_pf
      FixedVar                          -> fixed_var
      Gradients                         -> gradient
      LimitMaxDischarge                 -> limit_max_discharge
      FreqWatt, VoltWatt, VoltVar,      -> curve
        WattPF, WattVar,
        HFMustTrip, HFMayTrip,
        HVMustTrip, HVMayTrip, HVMomCess,
        LFMustTrip,
        LVMustTrip, LVMayTrip, LVMomCess,
        PowerMonitoringMustTrip
      ZeroCurrent,                      -> (no payload in v1)
        OvervoltageFaultRideThrough,
        UndervoltageFaultRideThrough,
        DSOQSetpoint, DSOCosPhiSetpoint,
        MaximumLevelDCInjection

    The 6 payload-less values (ZeroCurrent and the five below it) are ISO
    15118-20 AMD1 AC-DER values with no OCPP DERControl mapping in v1."""

    model_config = ConfigDict(extra="forbid")

    id: JsonString = Field(description="Unique identifier of the directive.")
    directive_type: DirectiveType = Field(description="Kind of DER control this directive carries.")
    priority: JsonInt = Field(description="Priority of the directive; lower wins over higher.")
    is_default: JsonBool = Field(description="Whether this is a default (fallback) directive.")
    source: JsonString = Field(description="Origin of the directive (e.g. the producing protocol).")
    received_at: JsonDateTime = Field(description="Time the directive was received.")
    start_time: Omittable[JsonDateTime] = Field(
        default=None,
        description="Time at which the directive becomes active.",
    )
    duration_s: Omittable[JsonInt] = Field(
        default=None,
        description="Duration the directive remains active, in seconds.",
    )
    randomize_start_s: Omittable[JsonInt] = Field(
        default=None,
        description="Window in seconds over which to randomize the start time.",
    )
    curve: Omittable[DERCurve] = Field(
        default=None,
        description="Curve payload, present when directive_type selects a curve control.",
    )
    enter_service: Omittable[EnterServiceParams] = Field(
        default=None,
        description="Enter-service payload.",
    )
    freq_droop: Omittable[FreqDroopParams] = Field(
        default=None,
        description="Frequency droop payload.",
    )
    fixed_pf: Omittable[FixedPFParams] = Field(
        default=None,
        description="Fixed power-factor payload.",
    )
    fixed_var: Omittable[FixedVarParams] = Field(
        default=None,
        description="Fixed reactive-power payload.",
    )
    gradient: Omittable[GradientParams] = Field(default=None, description="Gradient payload.")
    limit_max_discharge: Omittable[LimitMaxDischargeParams] = Field(
        default=None,
        description="Maximum discharge limit payload.",
    )


class ActiveDirectiveSet(EverestModel):
    """The set of currently active directives for one EVSE. A directive's identity is its id (the
    producing protocol's control identifier, e.g. the OCPP controlId); multiple directives of
    the same directive_type may be active simultaneously, differentiated by id and ordered by
    priority. is_default marks a directive as a fallback/default and is not part of its
    identity. An empty array means no active directives for the EVSE."""

    model_config = ConfigDict(extra="forbid")

    evse_id: Annotated[JsonInt, Field(ge=0)] = Field(
        description="Identifier of the EVSE these directives apply to.",
    )
    directives: list[Directive] = Field(description="The active directives for this EVSE.")


class SetDirectivesResponse(EverestModel):
    """Response to a set-active-directives request. Deliberately a bool plus reason rather than a
    status enum (Accepted/Rejected/NotSupported/ NotFound): the call replaces the whole active
    set, so per-directive status does not apply, and the backend consumes the result
    fire-and-forget. Unsupported directive types never reach the device (the backend filters
    on the advertised EVSECapability)."""

    model_config = ConfigDict(extra="forbid")

    accepted: JsonBool = Field(description="Whether the device accepted the directive set.")
    reason: Omittable[JsonString] = Field(
        default=None,
        description="Optional human-readable reason, typically set on rejection.",
    )


class NameplateRating(EverestModel):
    """DER nameplate ratings."""

    model_config = ConfigDict(extra="forbid")

    max_w_W: JsonNumber = Field(description="Maximum active power in watts.")
    max_va_VA: JsonNumber = Field(description="Maximum apparent power in volt-amperes.")
    v_nom_V: JsonNumber = Field(description="Nominal voltage in volts.")
    max_var_over_excited_var: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum over-excited reactive power in var.",
    )
    max_var_under_excited_var: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum under-excited reactive power in var.",
    )
    max_charge_w_W: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum charge power in watts.",
    )
    max_discharge_w_W: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum discharge power in watts.",
    )
    max_a_A: Omittable[JsonNumber] = Field(default=None, description="Maximum current in amperes.")
    max_wh_Wh: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum energy in watt-hours.",
    )
    max_ah_Ah: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum charge in ampere-hours.",
    )
    min_pf_over_excited: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum over-excited power factor.",
    )
    min_pf_under_excited: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum under-excited power factor.",
    )


class ACCapability(EverestModel):
    """AC-side DER capability."""

    model_config = ConfigDict(extra="forbid")

    phase_count: Annotated[JsonInt, Field(ge=1, le=3)] = Field(description="Number of AC phases.")
    grid_frequency_Hz: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal grid frequency in hertz.",
    )


class DeviceInfo(EverestModel):
    """Generic device identity/nameplate metadata."""

    model_config = ConfigDict(extra="forbid")

    manufacturer: Omittable[JsonString] = Field(default=None, description="Manufacturer name.")
    model: Omittable[JsonString] = Field(default=None, description="Model name.")
    sw_version: Omittable[JsonString] = Field(default=None, description="Software version.")
    hw_version: Omittable[JsonString] = Field(default=None, description="Hardware version.")
    serial: Omittable[JsonString] = Field(default=None, description="Serial number.")


class DCCapability(EverestModel):
    """DC-side DER capability."""

    model_config = ConfigDict(extra="forbid")

    device_info: Omittable[DeviceInfo] = Field(
        default=None,
        description="Device identity metadata (manufacturer, model, versions, serial).",
    )
    over_excited_pf: Omittable[JsonNumber] = Field(
        default=None,
        description="Over-excited power factor.",
    )
    under_excited_pf: Omittable[JsonNumber] = Field(
        default=None,
        description="Under-excited power factor.",
    )
    over_excited_w: Omittable[JsonNumber] = Field(
        default=None,
        description="Over-excited active power in watts.",
    )
    under_excited_w: Omittable[JsonNumber] = Field(
        default=None,
        description="Under-excited active power in watts.",
    )
    reactive_susceptance: Omittable[JsonNumber] = Field(
        default=None,
        description="Reactive susceptance, in siemens.",
    )


class DERCapability(EverestModel):
    """Aggregate DER capability for an EVSE. Invariant: at least one of ac or dc is populated."""

    model_config = ConfigDict(extra="forbid")

    supported_types: list[DirectiveType] = Field(
        description="DER control types this EVSE supports.",
    )
    nameplate: NameplateRating = Field(description="Nameplate ratings of the DER.")
    ac: Omittable[ACCapability] = Field(
        default=None,
        description="AC-side capability, if applicable.",
    )
    dc: Omittable[DCCapability] = Field(
        default=None,
        description="DC-side capability, if applicable.",
    )


class EVSECapability(EverestModel):
    """A device's DER capability tagged with the EVSE it applies to. Published by the DER device
    as the capability variable."""

    model_config = ConfigDict(extra="forbid")

    evse_id: Annotated[JsonInt, Field(ge=0)] = Field(
        description="Identifier of the EVSE this capability applies to.",
    )
    capability: DERCapability = Field(description="The DER capability of the EVSE.")


class GridEventFault(StrEnum):
    """Kind of grid event fault.

    CurrentImbalance: AC phase currents imbalanced beyond tolerance.
    LocalEmergency: Local emergency condition at the DER.
    LowInputPower: DER input (e.g. DC source) power too low to operate.
    OverCurrent: Output current exceeded its limit.
    OverFrequency: Grid frequency above the permitted range.
    OverVoltage: Grid voltage above the permitted range.
    PhaseRotation: Incorrect phase rotation / sequence detected.
    RemoteEmergency: Remotely commanded emergency condition.
    UnderFrequency: Grid frequency below the permitted range.
    UnderVoltage: Grid voltage below the permitted range.
    VoltageImbalance: AC phase voltages imbalanced beyond tolerance."""

    CurrentImbalance = "CurrentImbalance"
    LocalEmergency = "LocalEmergency"
    LowInputPower = "LowInputPower"
    OverCurrent = "OverCurrent"
    OverFrequency = "OverFrequency"
    OverVoltage = "OverVoltage"
    PhaseRotation = "PhaseRotation"
    RemoteEmergency = "RemoteEmergency"
    UnderFrequency = "UnderFrequency"
    UnderVoltage = "UnderVoltage"
    VoltageImbalance = "VoltageImbalance"


class GridAlarm(EverestModel):
    """A grid event alarm. directive_type is effectively required when the alarm is forwarded to
    a protocol backend. Alarms carry no correlation id: an alarm_ended=true event clears the
    alarm previously raised with the same (directive_type, fault) pair."""

    model_config = ConfigDict(extra="forbid")

    directive_type: Omittable[DirectiveType] = Field(
        default=None,
        description="DER control directive associated with the fault, if any.",
    )
    fault: GridEventFault = Field(description="Kind of grid event fault.")
    alarm_ended: JsonBool = Field(
        description="True when the alarm has cleared, false when it is active.",
    )
    timestamp: JsonDateTime = Field(description="Time of the alarm event.")
    extra_info: Omittable[JsonString] = Field(
        default=None,
        description="Optional additional human-readable detail.",
    )
