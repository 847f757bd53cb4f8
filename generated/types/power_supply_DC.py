"""Power supply DC types

Generated from types/power_supply_DC.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonBool, JsonNumber, Omittable
from pydantic import ConfigDict, Field


class Mode(StrEnum):
    """Operation mode of power supply. Power supply delivers power in Export mode and draws power
    in Import mode."""

    Off = "Off"
    Export = "Export"
    Import = "Import"
    Fault = "Fault"


class ChargingPhase(StrEnum):
    """Charging phase of the current mode change. Other is used for e.g. switching it off or any
    other internal testing not related to real charging."""

    Other = "Other"
    CableCheck = "CableCheck"
    PreCharge = "PreCharge"
    Charging = "Charging"


class VoltageCurrent(EverestModel):
    """Voltage (V) and Current (A) at the input/output of the power supply"""

    model_config = ConfigDict(extra="forbid")

    voltage_V: JsonNumber = Field(description="Voltage in V")
    current_A: JsonNumber = Field(description="Current in A")


class Capabilities(EverestModel):
    """Capabilities for this power supply."""

    model_config = ConfigDict(extra="forbid")

    bidirectional: JsonBool = Field(
        description="'true: support bidirectional energy flow, false: support only Export mode "
        "(output)'",
    )
    current_regulation_tolerance_A: JsonNumber = Field(
        description="Absolute magnitude of the regulation tolerance in Ampere",
    )
    peak_current_ripple_A: JsonNumber = Field(
        description="Peak-to-peak magnitude of the current ripple in Ampere",
    )
    max_export_voltage_V: JsonNumber = Field(
        description="Maximum voltage that the power supply can output in Volt",
    )
    nominal_max_export_voltage_V: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal maximum voltage that the power supply outputs in Volt",
    )
    min_export_voltage_V: JsonNumber = Field(
        description="Minimum voltage that the power supply can output in Volt",
    )
    nominal_min_export_voltage_V: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal minimum voltage that the power supply outputs in Volt",
    )
    max_export_current_A: JsonNumber = Field(
        description="Maximum current that the power supply can output in Ampere",
    )
    nominal_max_export_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal maximum current that the power supply can output in Ampere",
    )
    min_export_current_A: JsonNumber = Field(
        description="Minimum current limit that the power supply can set in Ampere",
    )
    nominal_min_export_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal minimum current limit that the power supply can set in Ampere",
    )
    max_import_voltage_V: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum voltage that the power supply supports to import energy in Volt",
    )
    nominal_max_import_voltage_V: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal maximum voltage that the power supply supports to import energy in "
        "Volt",
    )
    min_import_voltage_V: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum voltage that the power supply requires to import energy in Volt",
    )
    nominal_min_import_voltage_V: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal minimum voltage that the power supply requires to import energy in "
        "Volt",
    )
    max_import_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum current that the power supply can output in Ampere",
    )
    nominal_max_import_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal maximum current that the power supply can output in Ampere",
    )
    min_import_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Minimum current limit that the power supply can set in Ampere",
    )
    nominal_min_import_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal minimum current limit that the power supply can set in Ampere",
    )
    max_export_power_W: JsonNumber = Field(
        description="Maximum export power that the power supply can output in Watt",
    )
    nominal_max_export_power_W: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal maximum export power that the power supply can output in Watt",
    )
    max_import_power_W: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum import power that the power supply can sink in Watt",
    )
    nominal_max_import_power_W: Omittable[JsonNumber] = Field(
        default=None,
        description="Nominal maximum import power that the power supply can sink in Watt",
    )
    conversion_efficiency_import: Omittable[Annotated[JsonNumber, Field(ge=0.0, le=1.0)]] = Field(
        default=None,
        description="Typical import efficiency used for energy management",
    )
    conversion_efficiency_export: Omittable[Annotated[JsonNumber, Field(ge=0.0, le=1.0)]] = Field(
        default=None,
        description="Typical export efficiency used for energy management",
    )
