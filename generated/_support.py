"""Runtime support for generated EVerest bindings.

This module is copied verbatim into every generated package. It holds the
machine-readable description of interfaces (``InterfaceSpec`` and friends),
the base class of every generated model, and the transport protocols that a
runtime implements to carry calls and variables.
"""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, JsonValue, TypeAdapter

__all__ = [
    "ArgumentSpec",
    "ClientTransport",
    "CommandSpec",
    "EverestModel",
    "InterfaceSpec",
    "PublisherTransport",
    "Subscription",
    "VariableCallback",
    "VariableSpec",
    "to_json_value",
]


class EverestModel(BaseModel):
    """Base of every generated model.

    Fields whose YAML name is not a usable Python attribute carry the YAML
    name as alias; both names are accepted on input and the YAML name is
    always used on output.
    """

    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        protected_namespaces=(),
        # The docstring under each field is its description (what JSON Schema output shows).
        use_attribute_docstrings=True,
    )


def to_json_value(adapter: TypeAdapter[Any], value: Any) -> JsonValue:
    """Return the wire (JSON) form of ``value``: YAML names, absent optionals omitted."""
    result: JsonValue = adapter.dump_python(value, mode="json", by_alias=True, exclude_none=True)
    return result


@dataclass(frozen=True)
class ArgumentSpec:
    """One argument of a command."""

    name: str
    py_name: str
    description: str
    adapter: TypeAdapter[Any]
    required: bool = True


@dataclass(frozen=True)
class CommandSpec:
    """One command of an interface; ``result`` is None when it returns nothing."""

    name: str
    py_name: str
    description: str
    arguments: tuple[ArgumentSpec, ...]
    result: TypeAdapter[Any] | None
    result_description: str
    handler_method: str


@dataclass(frozen=True)
class VariableSpec:
    """One variable an interface publishes."""

    name: str
    py_name: str
    description: str
    adapter: TypeAdapter[Any]


@dataclass(frozen=True)
class InterfaceSpec:
    """Everything a runtime needs to dispatch JSON calls for one interface."""

    name: str
    description: str
    commands: Mapping[str, CommandSpec] = field(default_factory=dict)
    variables: Mapping[str, VariableSpec] = field(default_factory=dict)
    errors: tuple[str, ...] = ()


VariableCallback = Callable[[Any], Awaitable[None] | None]


class Subscription(Protocol):
    """Handle of a variable subscription."""

    def cancel(self) -> None:
        """Stop delivering values to the callback."""


class ClientTransport(Protocol):
    """What a generated Client needs from the runtime."""

    async def call(
        self, command: CommandSpec, arguments: dict[str, Any], timeout: float | None
    ) -> Any:
        """Validate ``arguments`` (keyed by wire name), call, return the validated result."""

    def subscribe(self, variable: VariableSpec, callback: VariableCallback) -> Subscription:
        """Deliver every validated value of ``variable`` to ``callback``."""


class PublisherTransport(Protocol):
    """What a generated Publisher needs from the runtime."""

    def publish(self, variable: VariableSpec, value: Any) -> None:
        """Validate ``value`` and deliver it to every subscriber."""
