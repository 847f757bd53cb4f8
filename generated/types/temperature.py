"""Temperature type

Generated from types/temperature.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel
from pydantic import ConfigDict


class Temperature(EverestModel):
    """Temperature sensor expressed in C and a description (vendor specific) allowing to identify
    its purpose or meaning"""

    model_config = ConfigDict(extra="forbid")

    temperature: float
    """The temperature of the sensor measured in C"""
    identification: str | None = None
    """A (vendor specific) ID if required"""
    location: str | None = None
    """Location of the measurement"""
