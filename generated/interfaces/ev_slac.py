"""ISO15118-3 SLAC interface for EV side

Generated from interfaces/ev_slac.yaml. Do not edit: regenerate.
"""

import abc
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..errors import generic as _errors_generic
from ..types import slac as _slac


class EvSlacHandler(abc.ABC):
    """Provides ev_slac: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_reset(self) -> None:
        """Reset SLAC"""

    @abc.abstractmethod
    async def handle_trigger_matching(self) -> bool:
        """Trigger start of matching process

        Returns:
            True on success, returns False if transition was unexpected and cannot be handled
            by SLAC state machine.
        """


class EvSlacPublisher:
    """Publishes the variables of ev_slac, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_state(self, value: _slac.State) -> None:
        """Provides the state enum."""
        self._transport.publish(INTERFACE.variables["state"], value)

    def publish_dlink_ready(self, value: bool) -> None:
        """Inform higher layers about a change in data link status. Emits true if link was set up
        and false when the link is shut down."""
        self._transport.publish(INTERFACE.variables["dlink_ready"], value)

    def publish_ev_mac_address(self, value: str) -> None:
        """Inform higher layers about the MAC address of the charging connector"""
        self._transport.publish(INTERFACE.variables["ev_mac_address"], value)


class EvSlacClient:
    """Calls the commands of a module providing ev_slac, subscribes to its variables.

    What each command and variable means is documented on ``EvSlacHandler`` and
    ``EvSlacPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def reset(self, *, timeout: float | None = None) -> None:
        """Call ``reset``: see ``EvSlacHandler.handle_reset``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["reset"], {}, timeout)

    async def trigger_matching(self, *, timeout: float | None = None) -> bool:
        """Call ``trigger_matching``: see ``EvSlacHandler.handle_trigger_matching``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["trigger_matching"], {}, timeout)
        return cast(bool, result)

    def subscribe_state(
        self,
        callback: Callable[[_slac.State], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see ``EvSlacPublisher.publish_state``."""
        return self._transport.subscribe(INTERFACE.variables["state"], callback)

    def subscribe_dlink_ready(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvSlacPublisher.publish_dlink_ready``."""
        return self._transport.subscribe(INTERFACE.variables["dlink_ready"], callback)

    def subscribe_ev_mac_address(
        self,
        callback: Callable[[str], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvSlacPublisher.publish_ev_mac_address``."""
        return self._transport.subscribe(INTERFACE.variables["ev_mac_address"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ev_slac",
    commands={
        "reset": CommandSpec(
            name="reset",
            py_name="reset",
            arguments=(),
            result=None,
        ),
        "trigger_matching": CommandSpec(
            name="trigger_matching",
            py_name="trigger_matching",
            arguments=(),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    variables={
        "state": VariableSpec(name="state", py_name="state", adapter=TypeAdapter(_slac.State)),
        "dlink_ready": VariableSpec(
            name="dlink_ready",
            py_name="dlink_ready",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "ev_mac_address": VariableSpec(
            name="ev_mac_address",
            py_name="ev_mac_address",
            adapter=TypeAdapter(
                Annotated[
                    JsonString,
                    Field(pattern=re.compile("^[A-F0-9]{2}(:[A-F0-9]{2}){5}\\Z")),
                ],
                config=_DEFERRED,
            ),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EvSlacHandler.INTERFACE = INTERFACE
EvSlacHandler.ERRORS = RAISABLE_ERRORS
EvSlacPublisher.INTERFACE = INTERFACE
EvSlacPublisher.ERRORS = RAISABLE_ERRORS
EvSlacClient.INTERFACE = INTERFACE
EvSlacClient.ERRORS = RAISABLE_ERRORS
