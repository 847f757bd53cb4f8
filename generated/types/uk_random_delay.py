"""UK Random delay types

Generated from types/uk_random_delay.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonInt, JsonNumber, Omittable
from pydantic import ConfigDict


class CountDown(EverestModel):
    """Count down object"""

    model_config = ConfigDict(extra="forbid")

    countdown_s: JsonInt
    """Remaining count down in seconds. It is set to zero if random delay is inactive"""
    current_limit_after_delay_A: JsonNumber
    """Current limit that will be used after the random delay is over"""
    current_limit_during_delay_A: JsonNumber
    """Current limit that is used while the delay is active"""
    start_time: Omittable[JsonDateTime] = None
    """UTC timestamp when this random delay was started"""
