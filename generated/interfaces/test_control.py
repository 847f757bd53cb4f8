"""This interface defines the everest-testing control functions on EVerest

Generated from interfaces/test_control.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter


class TestControlHandler(abc.ABC):
    """Provides test_control: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_start_charging(self, mode: str) -> str:
        """Enables the EvManager to begin charging

        Args:
            mode: Sets charging mode (e.g. raw, iso15118)

        Returns:
            Charging state of the EvManager
        """


class TestControlPublisher:
    """Publishes the variables of test_control, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_state(self, value: str) -> None:
        """State of the test control instance"""
        self._transport.publish(INTERFACE.variables["state"], value)


class TestControlClient:
    """Calls the commands of a module providing test_control, subscribes to its variables.

    What each command and variable means is documented on ``TestControlHandler`` and
    ``TestControlPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def start_charging(self, mode: str, *, timeout: float | None = None) -> str:
        """Call ``start_charging``: see ``TestControlHandler.handle_start_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["start_charging"],
            {"mode": mode},
            timeout,
        )
        return cast(str, result)

    def subscribe_state(self, callback: Callable[[str], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see
        ``TestControlPublisher.publish_state``."""
        return self._transport.subscribe(INTERFACE.variables["state"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="test_control",
    commands={
        "start_charging": CommandSpec(
            name="start_charging",
            py_name="start_charging",
            arguments=(
                ArgumentSpec(
                    name="mode",
                    py_name="mode",
                    adapter=TypeAdapter(
                        Annotated[JsonString, Field(min_length=1, max_length=20)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(JsonString, config=_DEFERRED),
        ),
    },
    variables={
        "state": VariableSpec(
            name="state",
            py_name="state",
            adapter=TypeAdapter(JsonString, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
TestControlHandler.INTERFACE = INTERFACE
TestControlHandler.ERRORS = RAISABLE_ERRORS
TestControlPublisher.INTERFACE = INTERFACE
TestControlPublisher.ERRORS = RAISABLE_ERRORS
TestControlClient.INTERFACE = INTERFACE
TestControlClient.ERRORS = RAISABLE_ERRORS
