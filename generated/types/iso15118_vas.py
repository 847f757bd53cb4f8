"""Custom VAS types for ISO 15118

Generated from types/iso15118_vas.yaml. Do not edit: regenerate.
"""

from typing import Annotated

from everest_py.runtime.contract import EverestModel
from pydantic import ConfigDict, Field


class ParameterValue(EverestModel):
    """Value variant of a parameter -> only one of the values should be set"""

    model_config = ConfigDict(extra="forbid")

    finite_string: Annotated[str, Field(min_length=0, max_length=80)] | None = None
    """String value of the parameter"""
    rational_number: float | None = None
    """Rational value of the parameter"""
    byte_value: int | None = None
    """Byte value of the parameter"""
    short_value: int | None = None
    """Short value of the parameter"""
    int_value: int | None = None
    """Integer value of the parameter"""
    bool_value: bool | None = None
    """Boolean value of the parameter"""


class Parameter(EverestModel):
    """Single Parameter"""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=80)]
    """Name of the parameter"""
    value: ParameterValue
    """Value of the parameter"""


class ParameterSet(EverestModel):
    """Parameter Set"""

    model_config = ConfigDict(extra="forbid")

    set_id: int
    """ParameterSetId"""
    parameters: list[Parameter]
    """List of parameters"""


class SelectedService(EverestModel):
    """Selected Service"""

    model_config = ConfigDict(extra="forbid")

    service_id: int
    """Service ID"""
    parameter_set_id: int
    """Parameter Set ID"""


class OfferedService(EverestModel):
    """Offered VAS Service"""

    model_config = ConfigDict(extra="forbid")

    service_id: int
    """Service ID"""
    service_name: Annotated[str, Field(min_length=1, max_length=32)] | None = None
    """Service Name"""
    service_scope: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    """Service Scope"""
    free_service: bool | None = None
    """Indicates whether the service is free of charge"""


class OfferedServices(EverestModel):
    """List of offered VAS Services"""

    model_config = ConfigDict(extra="allow")

    services: list[OfferedService]
    """List of offered VAS Services"""
