"""Unit types

Generated from types/units.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonNumber, Omittable
from pydantic import ConfigDict


class Current(EverestModel):
    """Current in Ampere"""

    model_config = ConfigDict(extra="forbid")

    DC: Omittable[JsonNumber] = None
    """DC current"""
    L1: Omittable[JsonNumber] = None
    """AC L1 value only"""
    L2: Omittable[JsonNumber] = None
    """AC L2 value only"""
    L3: Omittable[JsonNumber] = None
    """AC L3 value only"""
    N: Omittable[JsonNumber] = None
    """AC Neutral value only"""


class Voltage(EverestModel):
    """Voltage in Volt"""

    model_config = ConfigDict(extra="forbid")

    DC: Omittable[JsonNumber] = None
    """DC voltage"""
    L1: Omittable[JsonNumber] = None
    """AC L1 value only"""
    L2: Omittable[JsonNumber] = None
    """AC L2 value only"""
    L3: Omittable[JsonNumber] = None
    """AC L3 value only"""


class Frequency(EverestModel):
    """AC only: Frequency in Hertz"""

    model_config = ConfigDict(extra="forbid")

    L1: JsonNumber
    """AC L1 value"""
    L2: Omittable[JsonNumber] = None
    """AC L2 value"""
    L3: Omittable[JsonNumber] = None
    """AC L3 value"""


class Power(EverestModel):
    """Instantaneous power in Watt. Negative values are exported, positive values imported
    Energy."""

    model_config = ConfigDict(extra="forbid")

    total: JsonNumber
    """DC / AC Sum value"""
    L1: Omittable[JsonNumber] = None
    """AC L1 value only"""
    L2: Omittable[JsonNumber] = None
    """AC L2 value only"""
    L3: Omittable[JsonNumber] = None
    """AC L3 value only"""


class Energy(EverestModel):
    """Energy in Wh."""

    model_config = ConfigDict(extra="forbid")

    total: JsonNumber
    """DC / AC Sum value (which is relevant for billing)"""
    L1: Omittable[JsonNumber] = None
    """AC L1 value only"""
    L2: Omittable[JsonNumber] = None
    """AC L2 value only"""
    L3: Omittable[JsonNumber] = None
    """AC L3 value only"""


class ReactivePower(EverestModel):
    """Reactive power VAR"""

    model_config = ConfigDict(extra="forbid")

    total: JsonNumber
    """VAR total"""
    L1: Omittable[JsonNumber] = None
    """VAR phase A"""
    L2: Omittable[JsonNumber] = None
    """VAR phase B"""
    L3: Omittable[JsonNumber] = None
    """VAR phase C"""
