"""This interface defines the ev manager. An ev manager represents the charging logic of the ev
side

Generated from interfaces/ev_manager.yaml. Do not edit: regenerate.
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

from ..errors import evse_manager as _errors_evse_manager
from ..types import board_support_common as _board_support_common
from ..types import evse_manager as _evse_manager


class EvManagerHandler:
    """Provides ev_manager: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class EvManagerPublisher:
    """Publishes the variables of ev_manager, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_bsp_event(self, value: _board_support_common.BspEvent) -> None:
        """Events from CP/Relais"""
        self._transport.publish(INTERFACE.variables["bsp_event"], value)

    def publish_ev_info(self, value: _evse_manager.EVInfo) -> None:
        """More details about the EV if available"""
        self._transport.publish(INTERFACE.variables["ev_info"], value)


class EvManagerClient:
    """Calls the commands of a module providing ev_manager, subscribes to its variables.

    What each command and variable means is documented on ``EvManagerHandler`` and
    ``EvManagerPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_bsp_event(
        self,
        callback: Callable[[_board_support_common.BspEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvManagerPublisher.publish_bsp_event``."""
        return self._transport.subscribe(INTERFACE.variables["bsp_event"], callback)

    def subscribe_ev_info(
        self,
        callback: Callable[[_evse_manager.EVInfo], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvManagerPublisher.publish_ev_info``."""
        return self._transport.subscribe(INTERFACE.variables["ev_info"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_evse_manager.EvseManagerError.Internal,
    _errors_evse_manager.EvseManagerError.MREC4OverCurrentFailure,
    _errors_evse_manager.EvseManagerError.MREC5OverVoltage,
    _errors_evse_manager.EvseManagerError.MREC9AuthorizationTimeout,
    _errors_evse_manager.EvseManagerError.PowermeterTransactionStartFailed,
    _errors_evse_manager.EvseManagerError.Inoperative,
    _errors_evse_manager.EvseManagerError.MREC22ResistanceFault,
    _errors_evse_manager.EvseManagerError.MREC11CableCheckFault,
    _errors_evse_manager.EvseManagerError.VoltagePlausibilityFault,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="ev_manager",
    commands={},
    variables={
        "bsp_event": VariableSpec(
            name="bsp_event",
            py_name="bsp_event",
            adapter=TypeAdapter(_board_support_common.BspEvent),
        ),
        "ev_info": VariableSpec(
            name="ev_info",
            py_name="ev_info",
            adapter=TypeAdapter(_evse_manager.EVInfo),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EvManagerHandler.INTERFACE = INTERFACE
EvManagerHandler.ERRORS = RAISABLE_ERRORS
EvManagerPublisher.INTERFACE = INTERFACE
EvManagerPublisher.ERRORS = RAISABLE_ERRORS
EvManagerClient.INTERFACE = INTERFACE
EvManagerClient.ERRORS = RAISABLE_ERRORS
