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

    voltage_V: JsonNumber
    """Voltage in V"""
    current_A: JsonNumber
    """Current in A"""


class Capabilities(EverestModel):
    """Capabilities for this power supply."""

    model_config = ConfigDict(extra="forbid")

    bidirectional: JsonBool
    """'true: support bidirectional energy flow, false: support only Export mode (output)'"""
    current_regulation_tolerance_A: JsonNumber
    """Absolute magnitude of the regulation tolerance in Ampere"""
    peak_current_ripple_A: JsonNumber
    """Peak-to-peak magnitude of the current ripple in Ampere"""
    max_export_voltage_V: JsonNumber
    """Maximum voltage that the power supply can output in Volt"""
    nominal_max_export_voltage_V: Omittable[JsonNumber] = None
    """Nominal maximum voltage that the power supply outputs in Volt"""
    min_export_voltage_V: JsonNumber
    """Minimum voltage that the power supply can output in Volt"""
    nominal_min_export_voltage_V: Omittable[JsonNumber] = None
    """Nominal minimum voltage that the power supply outputs in Volt"""
    max_export_current_A: JsonNumber
    """Maximum current that the power supply can output in Ampere"""
    nominal_max_export_current_A: Omittable[JsonNumber] = None
    """Nominal maximum current that the power supply can output in Ampere"""
    min_export_current_A: JsonNumber
    """Minimum current limit that the power supply can set in Ampere"""
    nominal_min_export_current_A: Omittable[JsonNumber] = None
    """Nominal minimum current limit that the power supply can set in Ampere"""
    max_import_voltage_V: Omittable[JsonNumber] = None
    """Maximum voltage that the power supply supports to import energy in Volt"""
    nominal_max_import_voltage_V: Omittable[JsonNumber] = None
    """Nominal maximum voltage that the power supply supports to import energy in Volt"""
    min_import_voltage_V: Omittable[JsonNumber] = None
    """Minimum voltage that the power supply requires to import energy in Volt"""
    nominal_min_import_voltage_V: Omittable[JsonNumber] = None
    """Nominal minimum voltage that the power supply requires to import energy in Volt"""
    max_import_current_A: Omittable[JsonNumber] = None
    """Maximum current that the power supply can output in Ampere"""
    nominal_max_import_current_A: Omittable[JsonNumber] = None
    """Nominal maximum current that the power supply can output in Ampere"""
    min_import_current_A: Omittable[JsonNumber] = None
    """Minimum current limit that the power supply can set in Ampere"""
    nominal_min_import_current_A: Omittable[JsonNumber] = None
    """Nominal minimum current limit that the power supply can set in Ampere"""
    max_export_power_W: JsonNumber
    """Maximum export power that the power supply can output in Watt"""
    nominal_max_export_power_W: Omittable[JsonNumber] = None
    """Nominal maximum export power that the power supply can output in Watt"""
    max_import_power_W: Omittable[JsonNumber] = None
    """Maximum import power that the power supply can sink in Watt"""
    nominal_max_import_power_W: Omittable[JsonNumber] = None
    """Nominal maximum import power that the power supply can sink in Watt"""
    conversion_efficiency_import: Omittable[Annotated[JsonNumber, Field(ge=0.0, le=1.0)]] = None
    """Typical import efficiency used for energy management"""
    conversion_efficiency_export: Omittable[Annotated[JsonNumber, Field(ge=0.0, le=1.0)]] = None
    """Typical export efficiency used for energy management"""
