"""Isolation monitor types

Generated from types/isolation_monitor.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel
from pydantic import ConfigDict


class IsolationMeasurement(EverestModel):
    """Results of an isolation measurement"""

    model_config = ConfigDict(extra="forbid")

    resistance_F_Ohm: float
    """Isolation resistance between DC+/DC- and protective earth in Ohm"""
    voltage_V: float | None = None
    """DC voltage between positive and negative terminal in Volt"""
    voltage_to_earth_l1e_V: float | None = None
    """DC voltage to earth on L1 in Volt"""
    voltage_to_earth_l2e_V: float | None = None
    """DC voltage to earth on L2 in Volt"""
