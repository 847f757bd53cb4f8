"""This file contains the types for the error history interface

Generated from types/error_history.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonString, Omittable
from pydantic import ConfigDict, Field


class ImplementationIdentifier(EverestModel):
    """Identifier of an implementation"""

    model_config = ConfigDict(extra="allow")

    module_id: Annotated[JsonString, Field(min_length=2)]
    implementation_id: Annotated[JsonString, Field(min_length=2)]


class State(StrEnum):
    """State of an error"""

    Active = "Active"
    ClearedByModule = "ClearedByModule"
    ClearedByReboot = "ClearedByReboot"


class SeverityFilter(StrEnum):
    """Severity filter for errors"""

    HIGH_GE = "HIGH_GE"
    MEDIUM_GE = "MEDIUM_GE"
    LOW_GE = "LOW_GE"


class TimeperiodFilter(EverestModel):
    """Timeperiod filter for errors"""

    model_config = ConfigDict(extra="allow")

    timestamp_from: JsonDateTime
    timestamp_to: JsonDateTime


class FilterArguments(EverestModel):
    """Arguments for the get_errors command"""

    model_config = ConfigDict(extra="allow")

    state_filter: Omittable[State] = None
    origin_filter: Omittable[ImplementationIdentifier] = None
    type_filter: Omittable[JsonString] = None
    severity_filter: Omittable[SeverityFilter] = None
    timeperiod_filter: Omittable[TimeperiodFilter] = None
    handle_filter: Omittable[JsonString] = Field(default=None, description="Handle of an error")


class Severity(StrEnum):
    """Severity of an error"""

    High = "High"
    Medium = "Medium"
    Low = "Low"


class ErrorObject(EverestModel):
    """Represents an error"""

    model_config = ConfigDict(extra="forbid")

    type: Annotated[JsonString, Field(min_length=2)]
    sub_type: Omittable[JsonString] = None
    description: Annotated[JsonString, Field(min_length=2)]
    message: Annotated[JsonString, Field(min_length=2)]
    severity: Severity
    origin: ImplementationIdentifier
    timestamp: JsonDateTime
    uuid: Annotated[JsonString, Field(min_length=2)]
    state: State
