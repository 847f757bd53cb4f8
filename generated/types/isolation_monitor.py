"""Isolation monitor types

Generated from types/isolation_monitor.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonNumber, Omittable
from pydantic import ConfigDict, Field


class IsolationMeasurement(EverestModel):
    """Results of an isolation measurement"""

    model_config = ConfigDict(extra="forbid")

    resistance_F_Ohm: JsonNumber = Field(
        description="Isolation resistance between DC+/DC- and protective earth in Ohm",
    )
    voltage_V: Omittable[JsonNumber] = Field(
        default=None,
        description="DC voltage between positive and negative terminal in Volt",
    )
    voltage_to_earth_l1e_V: Omittable[JsonNumber] = Field(
        default=None,
        description="DC voltage to earth on L1 in Volt",
    )
    voltage_to_earth_l2e_V: Omittable[JsonNumber] = Field(
        default=None,
        description="DC voltage to earth on L2 in Volt",
    )
