"""Unit types

Generated from types/units.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel
from pydantic import ConfigDict


class Current(EverestModel):
    """Current in Ampere"""

    model_config = ConfigDict(extra="forbid")

    DC: float | None = None
    """DC current"""
    L1: float | None = None
    """AC L1 value only"""
    L2: float | None = None
    """AC L2 value only"""
    L3: float | None = None
    """AC L3 value only"""
    N: float | None = None
    """AC Neutral value only"""


class Voltage(EverestModel):
    """Voltage in Volt"""

    model_config = ConfigDict(extra="forbid")

    DC: float | None = None
    """DC voltage"""
    L1: float | None = None
    """AC L1 value only"""
    L2: float | None = None
    """AC L2 value only"""
    L3: float | None = None
    """AC L3 value only"""


class Frequency(EverestModel):
    """AC only: Frequency in Hertz"""

    model_config = ConfigDict(extra="forbid")

    L1: float
    """AC L1 value"""
    L2: float | None = None
    """AC L2 value"""
    L3: float | None = None
    """AC L3 value"""


class Power(EverestModel):
    """Instantaneous power in Watt. Negative values are exported, positive values imported
    Energy."""

    model_config = ConfigDict(extra="forbid")

    total: float
    """DC / AC Sum value"""
    L1: float | None = None
    """AC L1 value only"""
    L2: float | None = None
    """AC L2 value only"""
    L3: float | None = None
    """AC L3 value only"""


class Energy(EverestModel):
    """Energy in Wh."""

    model_config = ConfigDict(extra="forbid")

    total: float
    """DC / AC Sum value (which is relevant for billing)"""
    L1: float | None = None
    """AC L1 value only"""
    L2: float | None = None
    """AC L2 value only"""
    L3: float | None = None
    """AC L3 value only"""


class ReactivePower(EverestModel):
    """Reactive power VAR"""

    model_config = ConfigDict(extra="forbid")

    total: float
    """VAR total"""
    L1: float | None = None
    """VAR phase A"""
    L2: float | None = None
    """VAR phase B"""
    L3: float | None = None
    """VAR phase C"""
