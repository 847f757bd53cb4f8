"""Board support types

Generated from types/evse_board_support.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonBool, JsonInt, JsonNumber, Omittable
from pydantic import ConfigDict, Field


class HardwareCapabilitiesConnectorType(StrEnum):
    """Type of charging connector available at this EVSE"""

    IEC62196Type2Cable = "IEC62196Type2Cable"
    IEC62196Type2Socket = "IEC62196Type2Socket"


class HardwareCapabilities(EverestModel):
    """Hardware capability/limits"""

    model_config = ConfigDict(extra="forbid")

    max_current_A_import: JsonNumber = Field(
        description="Maximum current (ampere) the hardware can handle (import from grid)",
    )
    min_current_A_import: JsonNumber = Field(
        description="Minimum current (ampere) the hardware can use to charge. Values below may be "
        "set but may result in pause instead.  (import from grid)",
    )
    max_phase_count_import: Annotated[JsonInt, Field(ge=1, le=3)] = Field(
        description="Max nr of phases the hardware can use  (import from grid)",
    )
    min_phase_count_import: Annotated[JsonInt, Field(ge=1, le=3)] = Field(
        description="Minimum nr of phases the hardware can use  (import from grid)",
    )
    max_current_A_export: JsonNumber = Field(
        description="Maximum current (ampere) the hardware can handle (export to grid)",
    )
    min_current_A_export: JsonNumber = Field(
        description="Minimum current (ampere) the hardware can use to charge. Values below may be "
        "set but may result in pause instead. (export to grid)",
    )
    max_phase_count_export: Annotated[JsonInt, Field(ge=1, le=3)] = Field(
        description="Max nr of phases the hardware can use (export to grid)",
    )
    min_phase_count_export: Annotated[JsonInt, Field(ge=1, le=3)] = Field(
        description="Minimum nr of phases the hardware can use (export to grid)",
    )
    supports_changing_phases_during_charging: JsonBool = Field(
        description="Indicates whether changing number of phases is supported during charging "
        "(true) or not (false)",
    )
    supports_cp_state_E: JsonBool = Field(
        description="Indicates whether setting Control Pilot to state E is supported (true) or not"
        " (false)",
    )
    max_plug_temperature_C: Omittable[JsonNumber] = None
    connector_type: HardwareCapabilitiesConnectorType = Field(
        description="Type of charging connector available at this EVSE",
    )


class Telemetry(EverestModel):
    """Other telemetry"""

    model_config = ConfigDict(extra="forbid")

    evse_temperature_C: JsonNumber = Field(
        description="Current temperature of the EVSE in degree celsius",
    )
    plug_temperature_C: Omittable[JsonNumber] = Field(
        default=None,
        description="Current temperature of the plug in degree celsius",
    )
    fan_rpm: JsonNumber = Field(description="RPM of the fan. 0 if off or no fan available.")
    supply_voltage_12V: JsonNumber = Field(description="Internal 12V supply voltage")
    supply_voltage_minus_12V: JsonNumber = Field(description="Internal -12V supply voltage")
    relais_on: JsonBool = Field(
        description="true if power to the car is currently on, false if off",
    )


class PowerOnOffReason(StrEnum):
    """Reason for switching on/off"""

    DCCableCheck = "DCCableCheck"
    DCPreCharge = "DCPreCharge"
    FullPowerCharging = "FullPowerCharging"
    PowerOff = "PowerOff"


class PowerOnOff(EverestModel):
    """Flag and context for switching power on/off. In some architectures e.g. DC power train
    needs to know whether it should switch on with limited current or full current on the
    output contactors."""

    model_config = ConfigDict(extra="forbid")

    allow_power_on: JsonBool = Field(
        description="Allow switching on (true) or force switching off (false)",
    )
    reason: PowerOnOffReason = Field(description="Reason for switching on/off")
