"""This interface defines the interface for an energy price forecast

Generated from interfaces/energy_price_information.yaml. Do not edit: regenerate.
"""

from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ClientTransport,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import TypeAdapter

from ..types import energy_price_information as _energy_price_information


class EnergyPriceInformationHandler:
    """Provides energy_price_information: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class EnergyPriceInformationPublisher:
    """Publishes the variables of energy_price_information, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_energy_pricing(self, value: _energy_price_information.EnergyPriceSchedule) -> None:
        """Forecast JSON Object containing timestamps and the price forecast for both import and
        export."""
        self._transport.publish(INTERFACE.variables["energy_pricing"], value)


class EnergyPriceInformationClient:
    """Calls the commands of a module providing energy_price_information, subscribes to its
    variables.

    What each command and variable means is documented on ``EnergyPriceInformationHandler``
    and ``EnergyPriceInformationPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_energy_pricing(
        self,
        callback: Callable[[_energy_price_information.EnergyPriceSchedule], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EnergyPriceInformationPublisher.publish_energy_pricing``."""
        return self._transport.subscribe(INTERFACE.variables["energy_pricing"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="energy_price_information",
    commands={},
    variables={
        "energy_pricing": VariableSpec(
            name="energy_pricing",
            py_name="energy_pricing",
            adapter=TypeAdapter(_energy_price_information.EnergyPriceSchedule),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EnergyPriceInformationHandler.INTERFACE = INTERFACE
EnergyPriceInformationHandler.ERRORS = RAISABLE_ERRORS
EnergyPriceInformationPublisher.INTERFACE = INTERFACE
EnergyPriceInformationPublisher.ERRORS = RAISABLE_ERRORS
EnergyPriceInformationClient.INTERFACE = INTERFACE
EnergyPriceInformationClient.ERRORS = RAISABLE_ERRORS
