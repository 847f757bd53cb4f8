"""This interface is the internal energy management interface between nodes.

Generated from interfaces/energy.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import TypeAdapter

from ..types import energy as _energy


class EnergyHandler(abc.ABC):
    """Provides energy: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_enforce_limits(self, value: _energy.EnforcedLimits) -> None:
        """The EnergyManager enforces a limit using this command.

        Args:
            value: Limit object that will be routed through the tree.
        """


class EnergyPublisher:
    """Publishes the variables of energy, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_energy_flow_request(self, value: _energy.EnergyFlowRequest) -> None:
        """Request energy flow to supply/limit energy import (direction from grid to car) and/or
        consume/limit energy export (car to grid)."""
        self._transport.publish(INTERFACE.variables["energy_flow_request"], value)


class EnergyClient:
    """Calls the commands of a module providing energy, subscribes to its variables.

    What each command and variable means is documented on ``EnergyHandler`` and
    ``EnergyPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def enforce_limits(
        self,
        value: _energy.EnforcedLimits,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``enforce_limits``: see ``EnergyHandler.handle_enforce_limits``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["enforce_limits"], {"value": value}, timeout)

    def subscribe_energy_flow_request(
        self,
        callback: Callable[[_energy.EnergyFlowRequest], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EnergyPublisher.publish_energy_flow_request``."""
        return self._transport.subscribe(INTERFACE.variables["energy_flow_request"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="energy",
    commands={
        "enforce_limits": CommandSpec(
            name="enforce_limits",
            py_name="enforce_limits",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(_energy.EnforcedLimits),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "energy_flow_request": VariableSpec(
            name="energy_flow_request",
            py_name="energy_flow_request",
            adapter=TypeAdapter(_energy.EnergyFlowRequest),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EnergyHandler.INTERFACE = INTERFACE
EnergyHandler.ERRORS = RAISABLE_ERRORS
EnergyPublisher.INTERFACE = INTERFACE
EnergyPublisher.ERRORS = RAISABLE_ERRORS
EnergyClient.INTERFACE = INTERFACE
EnergyClient.ERRORS = RAISABLE_ERRORS
