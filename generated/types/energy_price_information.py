"""Energy price information types

Generated from types/energy_price_information.yaml. Do not edit: regenerate.
"""

from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonNumber, JsonString
from pydantic import ConfigDict, Field


class PricePerkWh(EverestModel):
    """Price information for this timepoint"""

    model_config = ConfigDict(extra="forbid")

    timestamp: JsonDateTime = Field(
        description="Absolute timestamp for this sample in RFC3339 UTC format",
    )
    value: JsonNumber = Field(description="Price per kWh (cost)")
    currency: Annotated[JsonString, Field(min_length=3, max_length=3)] = Field(
        description="Currency in 3 digit ISO 4217",
    )


class EnergyPriceSchedule(EverestModel):
    """Forecast JSON Object containing timestamps and the price forecast for both import and
    export."""

    model_config = ConfigDict(extra="forbid")

    schedule_import: list[PricePerkWh] = Field(
        description="Pricing time series. The first entry is special as it will be active already "
        "now even if the timestamp is in the future, so it is good practice to set the"
        " first entry to current time. The time series can have arbitrary time "
        "difference between entries and all timestamps are absolute UTC time.",
    )
    schedule_export: list[PricePerkWh] = Field(
        description="Pricing time series. The first entry is special as it will be active already "
        "now even if the timestamp is in the future, so it is good practice to set the"
        " first entry to current time. The time series can have arbitrary time "
        "difference between entries and all timestamps are absolute UTC time.",
    )
