"""Custom VAS types for ISO 15118

Generated from types/iso15118_vas.yaml. Do not edit: regenerate.
"""

from typing import Annotated

from everest_py.runtime.contract import (
    EverestModel,
    JsonBool,
    JsonInt,
    JsonNumber,
    JsonString,
    Omittable,
)
from pydantic import ConfigDict, Field


class ParameterValue(EverestModel):
    """Value variant of a parameter -> only one of the values should be set"""

    model_config = ConfigDict(extra="forbid")

    finite_string: Omittable[Annotated[JsonString, Field(min_length=0, max_length=80)]] = Field(
        default=None,
        description="String value of the parameter",
    )
    rational_number: Omittable[JsonNumber] = Field(
        default=None,
        description="Rational value of the parameter",
    )
    byte_value: Omittable[JsonInt] = Field(default=None, description="Byte value of the parameter")
    short_value: Omittable[JsonInt] = Field(
        default=None,
        description="Short value of the parameter",
    )
    int_value: Omittable[JsonInt] = Field(
        default=None,
        description="Integer value of the parameter",
    )
    bool_value: Omittable[JsonBool] = Field(
        default=None,
        description="Boolean value of the parameter",
    )


class Parameter(EverestModel):
    """Single Parameter"""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[JsonString, Field(min_length=1, max_length=80)] = Field(
        description="Name of the parameter",
    )
    value: ParameterValue = Field(description="Value of the parameter")


class ParameterSet(EverestModel):
    """Parameter Set"""

    model_config = ConfigDict(extra="forbid")

    set_id: JsonInt = Field(description="ParameterSetId")
    parameters: list[Parameter] = Field(description="List of parameters")


class SelectedService(EverestModel):
    """Selected Service"""

    model_config = ConfigDict(extra="forbid")

    service_id: JsonInt = Field(description="Service ID")
    parameter_set_id: JsonInt = Field(description="Parameter Set ID")


class OfferedService(EverestModel):
    """Offered VAS Service"""

    model_config = ConfigDict(extra="forbid")

    service_id: JsonInt = Field(description="Service ID")
    service_name: Omittable[Annotated[JsonString, Field(min_length=1, max_length=32)]] = Field(
        default=None,
        description="Service Name",
    )
    service_scope: Omittable[Annotated[JsonString, Field(min_length=1, max_length=64)]] = Field(
        default=None,
        description="Service Scope",
    )
    free_service: Omittable[JsonBool] = Field(
        default=None,
        description="Indicates whether the service is free of charge",
    )


class OfferedServices(EverestModel):
    """List of offered VAS Services"""

    model_config = ConfigDict(extra="allow")

    services: list[OfferedService] = Field(description="List of offered VAS Services")
