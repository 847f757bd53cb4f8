"""Unit types

Generated from types/units_signed.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonString, Omittable
from pydantic import ConfigDict, Field


class SignedMeterValue(EverestModel):
    """Representation of a signed meter value"""

    model_config = ConfigDict(extra="forbid")

    signed_meter_data: JsonString = Field(
        description="Signed meter data (encoded in a string representation with eg. Base64)",
    )
    signing_method: JsonString = Field(description="Method used to create the signature")
    encoding_method: JsonString = Field(
        description="Method used to encode the meter values before signing them",
    )
    public_key: Omittable[JsonString] = Field(
        default=None,
        description="Public key (encoded in a string representation with eg. Base64)",
    )
    timestamp: Omittable[JsonDateTime] = Field(default=None, description="Timestamp of measurement")


class Current(EverestModel):
    """Current in Ampere"""

    model_config = ConfigDict(extra="forbid")

    DC: Omittable[SignedMeterValue] = Field(default=None, description="DC current")
    L1: Omittable[SignedMeterValue] = Field(default=None, description="AC L1 value only")
    L2: Omittable[SignedMeterValue] = Field(default=None, description="AC L2 value only")
    L3: Omittable[SignedMeterValue] = Field(default=None, description="AC L3 value only")
    N: Omittable[SignedMeterValue] = Field(default=None, description="AC Neutral value only")


class Voltage(EverestModel):
    """Voltage in Volt"""

    model_config = ConfigDict(extra="forbid")

    DC: Omittable[SignedMeterValue] = Field(default=None, description="DC voltage")
    L1: Omittable[SignedMeterValue] = Field(default=None, description="AC L1 value only")
    L2: Omittable[SignedMeterValue] = Field(default=None, description="AC L2 value only")
    L3: Omittable[SignedMeterValue] = Field(default=None, description="AC L3 value only")


class Frequency(EverestModel):
    """AC only: Frequency in Hertz"""

    model_config = ConfigDict(extra="forbid")

    L1: Omittable[SignedMeterValue] = Field(default=None, description="AC L1 value")
    L2: Omittable[SignedMeterValue] = Field(default=None, description="AC L2 value")
    L3: Omittable[SignedMeterValue] = Field(default=None, description="AC L3 value")


class Power(EverestModel):
    """Instantaneous power in Watt. Negative values are exported, positive values imported
    Energy."""

    model_config = ConfigDict(extra="forbid")

    total: Omittable[SignedMeterValue] = Field(default=None, description="DC / AC Sum value")
    L1: Omittable[SignedMeterValue] = Field(default=None, description="AC L1 value only")
    L2: Omittable[SignedMeterValue] = Field(default=None, description="AC L2 value only")
    L3: Omittable[SignedMeterValue] = Field(default=None, description="AC L3 value only")


class Energy(EverestModel):
    """Energy in Wh."""

    model_config = ConfigDict(extra="forbid")

    total: Omittable[SignedMeterValue] = Field(
        default=None,
        description="DC / AC Sum value (which is relevant for billing)",
    )
    L1: Omittable[SignedMeterValue] = Field(default=None, description="AC L1 value only")
    L2: Omittable[SignedMeterValue] = Field(default=None, description="AC L2 value only")
    L3: Omittable[SignedMeterValue] = Field(default=None, description="AC L3 value only")


class ReactivePower(EverestModel):
    """Reactive power VAR"""

    model_config = ConfigDict(extra="forbid")

    total: Omittable[SignedMeterValue] = Field(default=None, description="VAR total")
    L1: Omittable[SignedMeterValue] = Field(default=None, description="VAR phase A")
    L2: Omittable[SignedMeterValue] = Field(default=None, description="VAR phase B")
    L3: Omittable[SignedMeterValue] = Field(default=None, description="VAR phase C")
