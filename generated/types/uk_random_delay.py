"""UK Random delay types

Generated from types/uk_random_delay.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonInt, JsonNumber, Omittable
from pydantic import ConfigDict, Field


class CountDown(EverestModel):
    """Count down object"""

    model_config = ConfigDict(extra="forbid")

    countdown_s: JsonInt = Field(
        description="Remaining count down in seconds. It is set to zero if random delay is "
        "inactive",
    )
    current_limit_after_delay_A: JsonNumber = Field(
        description="Current limit that will be used after the random delay is over",
    )
    current_limit_during_delay_A: JsonNumber = Field(
        description="Current limit that is used while the delay is active",
    )
    start_time: Omittable[JsonDateTime] = Field(
        default=None,
        description="UTC timestamp when this random delay was started",
    )
