"""Unit types

Generated from types/units.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonNumber, Omittable
from pydantic import ConfigDict, Field


class Current(EverestModel):
    """Current in Ampere"""

    model_config = ConfigDict(extra="forbid")

    DC: Omittable[JsonNumber] = Field(default=None, description="DC current")
    L1: Omittable[JsonNumber] = Field(default=None, description="AC L1 value only")
    L2: Omittable[JsonNumber] = Field(default=None, description="AC L2 value only")
    L3: Omittable[JsonNumber] = Field(default=None, description="AC L3 value only")
    N: Omittable[JsonNumber] = Field(default=None, description="AC Neutral value only")


class Voltage(EverestModel):
    """Voltage in Volt"""

    model_config = ConfigDict(extra="forbid")

    DC: Omittable[JsonNumber] = Field(default=None, description="DC voltage")
    L1: Omittable[JsonNumber] = Field(default=None, description="AC L1 value only")
    L2: Omittable[JsonNumber] = Field(default=None, description="AC L2 value only")
    L3: Omittable[JsonNumber] = Field(default=None, description="AC L3 value only")


class Frequency(EverestModel):
    """AC only: Frequency in Hertz"""

    model_config = ConfigDict(extra="forbid")

    L1: JsonNumber = Field(description="AC L1 value")
    L2: Omittable[JsonNumber] = Field(default=None, description="AC L2 value")
    L3: Omittable[JsonNumber] = Field(default=None, description="AC L3 value")


class Power(EverestModel):
    """Instantaneous power in Watt. Negative values are exported, positive values imported
    Energy."""

    model_config = ConfigDict(extra="forbid")

    total: JsonNumber = Field(description="DC / AC Sum value")
    L1: Omittable[JsonNumber] = Field(default=None, description="AC L1 value only")
    L2: Omittable[JsonNumber] = Field(default=None, description="AC L2 value only")
    L3: Omittable[JsonNumber] = Field(default=None, description="AC L3 value only")


class Energy(EverestModel):
    """Energy in Wh."""

    model_config = ConfigDict(extra="forbid")

    total: JsonNumber = Field(description="DC / AC Sum value (which is relevant for billing)")
    L1: Omittable[JsonNumber] = Field(default=None, description="AC L1 value only")
    L2: Omittable[JsonNumber] = Field(default=None, description="AC L2 value only")
    L3: Omittable[JsonNumber] = Field(default=None, description="AC L3 value only")


class ReactivePower(EverestModel):
    """Reactive power VAR"""

    model_config = ConfigDict(extra="forbid")

    total: JsonNumber = Field(description="VAR total")
    L1: Omittable[JsonNumber] = Field(default=None, description="VAR phase A")
    L2: Omittable[JsonNumber] = Field(default=None, description="VAR phase B")
    L3: Omittable[JsonNumber] = Field(default=None, description="VAR phase C")
