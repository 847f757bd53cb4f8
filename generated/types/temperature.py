"""Temperature type

Generated from types/temperature.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonNumber, JsonString, Omittable
from pydantic import ConfigDict, Field


class Temperature(EverestModel):
    """Temperature sensor expressed in C and a description (vendor specific) allowing to identify
    its purpose or meaning"""

    model_config = ConfigDict(extra="forbid")

    temperature: JsonNumber = Field(description="The temperature of the sensor measured in C")
    identification: Omittable[JsonString] = Field(
        default=None,
        description="A (vendor specific) ID if required",
    )
    location: Omittable[JsonString] = Field(default=None, description="Location of the measurement")
