"""This file contains the types for the error history interface

Generated from types/error_history.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel
from pydantic import AwareDatetime, ConfigDict, Field


class ImplementationIdentifier(EverestModel):
    """Identifier of an implementation"""

    model_config = ConfigDict(extra="allow")

    module_id: Annotated[str, Field(min_length=2)]
    implementation_id: Annotated[str, Field(min_length=2)]


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

    timestamp_from: AwareDatetime
    timestamp_to: AwareDatetime


class FilterArguments(EverestModel):
    """Arguments for the get_errors command"""

    model_config = ConfigDict(extra="allow")

    state_filter: State | None = None
    origin_filter: ImplementationIdentifier | None = None
    type_filter: str | None = None
    severity_filter: SeverityFilter | None = None
    timeperiod_filter: TimeperiodFilter | None = None
    handle_filter: str | None = None
    """Handle of an error"""


class Severity(StrEnum):
    """Severity of an error"""

    High = "High"
    Medium = "Medium"
    Low = "Low"


class ErrorObject(EverestModel):
    """Represents an error"""

    model_config = ConfigDict(extra="forbid")

    type: Annotated[str, Field(min_length=2)]
    sub_type: str | None = None
    description: Annotated[str, Field(min_length=2)]
    message: Annotated[str, Field(min_length=2)]
    severity: Severity
    origin: ImplementationIdentifier
    timestamp: AwareDatetime
    uuid: Annotated[str, Field(min_length=2)]
    state: State
