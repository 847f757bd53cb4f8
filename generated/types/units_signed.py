"""Unit types

Generated from types/units_signed.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel
from pydantic import AwareDatetime, ConfigDict


class SignedMeterValue(EverestModel):
    """Representation of a signed meter value"""

    model_config = ConfigDict(extra="forbid")

    signed_meter_data: str
    """Signed meter data (encoded in a string representation with eg. Base64)"""
    signing_method: str
    """Method used to create the signature"""
    encoding_method: str
    """Method used to encode the meter values before signing them"""
    public_key: str | None = None
    """Public key (encoded in a string representation with eg. Base64)"""
    timestamp: AwareDatetime | None = None
    """Timestamp of measurement"""


class Current(EverestModel):
    """Current in Ampere"""

    model_config = ConfigDict(extra="forbid")

    DC: SignedMeterValue | None = None
    """DC current"""
    L1: SignedMeterValue | None = None
    """AC L1 value only"""
    L2: SignedMeterValue | None = None
    """AC L2 value only"""
    L3: SignedMeterValue | None = None
    """AC L3 value only"""
    N: SignedMeterValue | None = None
    """AC Neutral value only"""


class Voltage(EverestModel):
    """Voltage in Volt"""

    model_config = ConfigDict(extra="forbid")

    DC: SignedMeterValue | None = None
    """DC voltage"""
    L1: SignedMeterValue | None = None
    """AC L1 value only"""
    L2: SignedMeterValue | None = None
    """AC L2 value only"""
    L3: SignedMeterValue | None = None
    """AC L3 value only"""


class Frequency(EverestModel):
    """AC only: Frequency in Hertz"""

    model_config = ConfigDict(extra="forbid")

    L1: SignedMeterValue | None = None
    """AC L1 value"""
    L2: SignedMeterValue | None = None
    """AC L2 value"""
    L3: SignedMeterValue | None = None
    """AC L3 value"""


class Power(EverestModel):
    """Instantaneous power in Watt. Negative values are exported, positive values imported
    Energy."""

    model_config = ConfigDict(extra="forbid")

    total: SignedMeterValue | None = None
    """DC / AC Sum value"""
    L1: SignedMeterValue | None = None
    """AC L1 value only"""
    L2: SignedMeterValue | None = None
    """AC L2 value only"""
    L3: SignedMeterValue | None = None
    """AC L3 value only"""


class Energy(EverestModel):
    """Energy in Wh."""

    model_config = ConfigDict(extra="forbid")

    total: SignedMeterValue | None = None
    """DC / AC Sum value (which is relevant for billing)"""
    L1: SignedMeterValue | None = None
    """AC L1 value only"""
    L2: SignedMeterValue | None = None
    """AC L2 value only"""
    L3: SignedMeterValue | None = None
    """AC L3 value only"""


class ReactivePower(EverestModel):
    """Reactive power VAR"""

    model_config = ConfigDict(extra="forbid")

    total: SignedMeterValue | None = None
    """VAR total"""
    L1: SignedMeterValue | None = None
    """VAR phase A"""
    L2: SignedMeterValue | None = None
    """VAR phase B"""
    L3: SignedMeterValue | None = None
    """VAR phase C"""
