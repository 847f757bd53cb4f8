"""This interface publishes the running or finished session costs. This interface provides cost
of one session. If we have more than one EVESEID, we need to  instantiate this interface for
each EVSE.

Generated from interfaces/session_cost.yaml. Do not edit: regenerate.
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

from ..types import session_cost as _session_cost


class SessionCostHandler:
    """Provides session_cost: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class SessionCostPublisher:
    """Publishes the variables of session_cost, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_default_price(self, value: _session_cost.DefaultPrice) -> None:
        """The currently applicable default pricing text for this charger, independent of any
        active session. Published once on startup and again whenever the applicable price
        changes (e.g. after a connectivity state change or a configuration update). Absent if
        no default price is configured."""
        self._transport.publish(INTERFACE.variables["default_price"], value)

    def publish_tariff_message(self, value: _session_cost.TariffMessage) -> None:
        """Message to show to the user with information about the tariff."""
        self._transport.publish(INTERFACE.variables["tariff_message"], value)

    def publish_session_cost(self, value: _session_cost.SessionCost) -> None:
        """Session cost object containing the total cost of the session and a list of chunks"""
        self._transport.publish(INTERFACE.variables["session_cost"], value)


class SessionCostClient:
    """Calls the commands of a module providing session_cost, subscribes to its variables.

    What each command and variable means is documented on ``SessionCostHandler`` and
    ``SessionCostPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_default_price(
        self,
        callback: Callable[[_session_cost.DefaultPrice], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SessionCostPublisher.publish_default_price``."""
        return self._transport.subscribe(INTERFACE.variables["default_price"], callback)

    def subscribe_tariff_message(
        self,
        callback: Callable[[_session_cost.TariffMessage], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SessionCostPublisher.publish_tariff_message``."""
        return self._transport.subscribe(INTERFACE.variables["tariff_message"], callback)

    def subscribe_session_cost(
        self,
        callback: Callable[[_session_cost.SessionCost], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SessionCostPublisher.publish_session_cost``."""
        return self._transport.subscribe(INTERFACE.variables["session_cost"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="session_cost",
    commands={},
    variables={
        "default_price": VariableSpec(
            name="default_price",
            py_name="default_price",
            adapter=TypeAdapter(_session_cost.DefaultPrice),
        ),
        "tariff_message": VariableSpec(
            name="tariff_message",
            py_name="tariff_message",
            adapter=TypeAdapter(_session_cost.TariffMessage),
        ),
        "session_cost": VariableSpec(
            name="session_cost",
            py_name="session_cost",
            adapter=TypeAdapter(_session_cost.SessionCost),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
SessionCostHandler.INTERFACE = INTERFACE
SessionCostHandler.ERRORS = RAISABLE_ERRORS
SessionCostPublisher.INTERFACE = INTERFACE
SessionCostPublisher.ERRORS = RAISABLE_ERRORS
SessionCostClient.INTERFACE = INTERFACE
SessionCostClient.ERRORS = RAISABLE_ERRORS
