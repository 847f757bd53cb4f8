"""This interface defines an example interface that uses multiple framework features

Generated from interfaces/example.yaml. Do not edit: regenerate.
"""

import abc
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonNumber,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter


class ExampleHandler(abc.ABC):
    """Provides example: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_uses_something(self, key: str) -> bool:
        """This command checks if something is stored under a given key

        Args:
            key: Key to check the existence for

        Returns:
            Returns 'True' if something was stored for this key
        """


class ExamplePublisher:
    """Publishes the variables of example, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_max_current(self, value: float) -> None:
        """Provides maximum current of this supply in ampere"""
        self._transport.publish(INTERFACE.variables["max_current"], value)


class ExampleClient:
    """Calls the commands of a module providing example, subscribes to its variables.

    What each command and variable means is documented on ``ExampleHandler`` and
    ``ExamplePublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def uses_something(self, key: str, *, timeout: float | None = None) -> bool:
        """Call ``uses_something``: see ``ExampleHandler.handle_uses_something``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["uses_something"],
            {"key": key},
            timeout,
        )
        return cast(bool, result)

    def subscribe_max_current(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ExamplePublisher.publish_max_current``."""
        return self._transport.subscribe(INTERFACE.variables["max_current"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="example",
    commands={
        "uses_something": CommandSpec(
            name="uses_something",
            py_name="uses_something",
            arguments=(
                ArgumentSpec(
                    name="key",
                    py_name="key",
                    adapter=TypeAdapter(
                        Annotated[JsonString, Field(pattern=re.compile("^[A-Za-z0-9_.]+\\Z"))],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    variables={
        "max_current": VariableSpec(
            name="max_current",
            py_name="max_current",
            adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ExampleHandler.INTERFACE = INTERFACE
ExampleHandler.ERRORS = RAISABLE_ERRORS
ExamplePublisher.INTERFACE = INTERFACE
ExamplePublisher.ERRORS = RAISABLE_ERRORS
ExampleClient.INTERFACE = INTERFACE
ExampleClient.ERRORS = RAISABLE_ERRORS
