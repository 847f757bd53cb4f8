"""This interface allows to limit energy flow at a specific node of the energy tree from the
outside (e.g. from ocpp).

Generated from interfaces/external_energy_limits.yaml. Do not edit: regenerate.
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


class ExternalEnergyLimitsHandler(abc.ABC):
    """Provides external_energy_limits: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_set_external_limits(self, value: _energy.ExternalLimits) -> None:
        """Set additional external energy flow limits at this node.

        Args:
            value: External limits object
        """


class ExternalEnergyLimitsPublisher:
    """Publishes the variables of external_energy_limits, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_capabilities(self, value: _energy.CapabilityLimits) -> None:
        """Describes the maximum/rated energy flow at this node, e.g. how many phases are
        configured, the maximum current and the nominal voltage. This is published at least
        once during start up."""
        self._transport.publish(INTERFACE.variables["capabilities"], value)


class ExternalEnergyLimitsClient:
    """Calls the commands of a module providing external_energy_limits, subscribes to its
    variables.

    What each command and variable means is documented on ``ExternalEnergyLimitsHandler`` and
    ``ExternalEnergyLimitsPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def set_external_limits(
        self,
        value: _energy.ExternalLimits,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_external_limits``: see
        ``ExternalEnergyLimitsHandler.handle_set_external_limits``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_external_limits"],
            {"value": value},
            timeout,
        )

    def subscribe_capabilities(
        self,
        callback: Callable[[_energy.CapabilityLimits], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ExternalEnergyLimitsPublisher.publish_capabilities``."""
        return self._transport.subscribe(INTERFACE.variables["capabilities"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="external_energy_limits",
    commands={
        "set_external_limits": CommandSpec(
            name="set_external_limits",
            py_name="set_external_limits",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(_energy.ExternalLimits),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "capabilities": VariableSpec(
            name="capabilities",
            py_name="capabilities",
            adapter=TypeAdapter(_energy.CapabilityLimits),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ExternalEnergyLimitsHandler.INTERFACE = INTERFACE
ExternalEnergyLimitsHandler.ERRORS = RAISABLE_ERRORS
ExternalEnergyLimitsPublisher.INTERFACE = INTERFACE
ExternalEnergyLimitsPublisher.ERRORS = RAISABLE_ERRORS
ExternalEnergyLimitsClient.INTERFACE = INTERFACE
ExternalEnergyLimitsClient.ERRORS = RAISABLE_ERRORS
