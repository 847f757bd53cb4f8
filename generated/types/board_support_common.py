"""EV and EVSE board support types

Generated from types/board_support_common.yaml. Do not edit: regenerate.
"""

from enum import StrEnum

from everest_py.runtime.contract import EverestModel, JsonNumber, Omittable
from pydantic import ConfigDict, Field


class BspEventEvent(StrEnum):
    """BspEventEvent"""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    PowerOn = "PowerOn"
    PowerOff = "PowerOff"
    Disconnected = "Disconnected"


class BspEvent(EverestModel):
    """Event stream from ControlPilot signal/relais.
    A-F: CP states as defined in IEC61851-1 PowerOn: Hardware confirms that contactors
    switched on correctly (typically mirror contacts indicated successful switch on) PowerOff:
    Hardware confirms that contactors switched off correctly and are not welded (typically
    mirror contacts indicated successful switch off) Disconnected: Only used on EV side: Not
    connected to a charging station. Do not use on EVSE side."""

    model_config = ConfigDict(extra="forbid")

    event: BspEventEvent


class ProximityPilotAmpacity(StrEnum):
    """Ampacity value of the cable assembly"""

    None_ = "None"
    A_13 = "A_13"
    A_20 = "A_20"
    A_32 = "A_32"
    A_63_3ph_70_1ph = "A_63_3ph_70_1ph"


class ProximityPilot(EverestModel):
    """Current capability (ampacity) of the cable"""

    model_config = ConfigDict(extra="forbid")

    ampacity: ProximityPilotAmpacity = Field(description="Ampacity value of the cable assembly")


class BspMeasurement(EverestModel):
    """Bsp Measurement"""

    model_config = ConfigDict(extra="allow")

    proximity_pilot: ProximityPilot = Field(description="Current capability of the cable")
    rcd_current_mA: Omittable[JsonNumber] = Field(default=None, description="RCD current in mA")
    cp_pwm_duty_cycle: JsonNumber = Field(description="CP PWM Duty Cycle in percent (0-100)")
