"""Request types for the SerialCommHub Module

Generated from types/serial_comm_hub_requests.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonBool, JsonInt, Omittable
from pydantic import ConfigDict, Field


class StatusCodeEnum(StrEnum):
    """Success or error indication of command"""

    Success = "Success"
    Error = "Error"
    Timeout = "Timeout"


class Result(EverestModel):
    """Return type for IO transfer functions with 16 bit return values"""

    model_config = ConfigDict(extra="allow")

    status_code: StatusCodeEnum
    value: Omittable[list[Annotated[JsonInt, Field(ge=0, le=65535)]]] = None


class ResultBool(EverestModel):
    """Return type for IO transfer functions with boolean return values, e.g. for coil states"""

    model_config = ConfigDict(extra="allow")

    status_code: StatusCodeEnum
    value: Omittable[list[JsonBool]] = None


class VectorUint16(EverestModel):
    """Data content (raw data bytes)"""

    model_config = ConfigDict(extra="allow")

    data: list[Annotated[JsonInt, Field(ge=0, le=65535)]]
