"""This interface defines the interface of a power supply

Generated from interfaces/power.yaml. Do not edit: regenerate.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar

from everest_py.runtime.contract import (
    ClientTransport,
    InterfaceSpec,
    JsonNumber,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter


class PowerHandler:
    """Provides power: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class PowerPublisher:
    """Publishes the variables of power, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_max_current(self, value: float) -> None:
        """This is the maximum current of the power supply"""
        self._transport.publish(INTERFACE.variables["max_current"], value)


class PowerClient:
    """Calls the commands of a module providing power, subscribes to its variables.

    What each command and variable means is documented on ``PowerHandler`` and
    ``PowerPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_max_current(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``PowerPublisher.publish_max_current``."""
        return self._transport.subscribe(INTERFACE.variables["max_current"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="power",
    commands={},
    variables={
        "max_current": VariableSpec(
            name="max_current",
            py_name="max_current",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=1, le=60)], config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
PowerHandler.INTERFACE = INTERFACE
PowerHandler.ERRORS = RAISABLE_ERRORS
PowerPublisher.INTERFACE = INTERFACE
PowerPublisher.ERRORS = RAISABLE_ERRORS
PowerClient.INTERFACE = INTERFACE
PowerClient.ERRORS = RAISABLE_ERRORS
