"""This interface defines a generic JSON object debug variable publisher for use in any module.
Can be used to display debug variables e.g. in web interface.

Generated from interfaces/debug_json.yaml. Do not edit: regenerate.
"""

from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ClientTransport,
    InterfaceSpec,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, JsonValue, TypeAdapter


class DebugJsonHandler:
    """Provides debug_json: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class DebugJsonPublisher:
    """Publishes the variables of debug_json, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_title(self, value: str) -> None:
        """Title of the Debug object"""
        self._transport.publish(INTERFACE.variables["title"], value)

    def publish_debug_json(self, value: dict[str, JsonValue]) -> None:
        """Provides the debug object as a json object"""
        self._transport.publish(INTERFACE.variables["debug_json"], value)


class DebugJsonClient:
    """Calls the commands of a module providing debug_json, subscribes to its variables.

    What each command and variable means is documented on ``DebugJsonHandler`` and
    ``DebugJsonPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_title(self, callback: Callable[[str], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see
        ``DebugJsonPublisher.publish_title``."""
        return self._transport.subscribe(INTERFACE.variables["title"], callback)

    def subscribe_debug_json(
        self,
        callback: Callable[[dict[str, JsonValue]], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``DebugJsonPublisher.publish_debug_json``."""
        return self._transport.subscribe(INTERFACE.variables["debug_json"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="debug_json",
    commands={},
    variables={
        "title": VariableSpec(
            name="title",
            py_name="title",
            adapter=TypeAdapter(JsonString, config=_DEFERRED),
        ),
        "debug_json": VariableSpec(
            name="debug_json",
            py_name="debug_json",
            adapter=TypeAdapter(dict[str, JsonValue], config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
DebugJsonHandler.INTERFACE = INTERFACE
DebugJsonHandler.ERRORS = RAISABLE_ERRORS
DebugJsonPublisher.INTERFACE = INTERFACE
DebugJsonPublisher.ERRORS = RAISABLE_ERRORS
DebugJsonClient.INTERFACE = INTERFACE
DebugJsonClient.ERRORS = RAISABLE_ERRORS
