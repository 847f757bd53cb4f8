"""ISO15118-3 SLAC interface for EVSE side

Generated from interfaces/slac.yaml. Do not edit: regenerate.
"""

import abc
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
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


class SlacHandler(abc.ABC):
    """Provides slac: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_reset(self, enable: bool) -> None:
        """Reset SLAC

        Args:
            enable: true: start SLAC after reset, false: stop SLAC
        """

    @abc.abstractmethod
    async def handle_enter_bcd(self) -> None:
        """Signal pilot state change to B/C/D from A/E/F."""

    @abc.abstractmethod
    async def handle_leave_bcd(self) -> None:
        """Signal pilot state change to A/E/F from B/C/D."""

    @abc.abstractmethod
    async def handle_dlink_terminate(self) -> None:
        """Terminate the data link and become UNMATCHED."""

    @abc.abstractmethod
    async def handle_dlink_error(self) -> None:
        """Terminate the data link and restart the matching process."""

    @abc.abstractmethod
    async def handle_dlink_pause(self) -> None:
        """Request power saving mode, while staying MATCHED."""


class SlacPublisher:
    """Publishes the variables of slac, for the module that provides it."""

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

    def publish_request_error_routine(self, value: None = None) -> None:
        """Inform the higher layer to execute the error routine for a SLAC connection retry"""
        self._transport.publish(INTERFACE.variables["request_error_routine"], value)

    def publish_ev_mac_address(self, value: str) -> None:
        """Inform higher layers about the MAC address of the vehicle (upper case)"""
        self._transport.publish(INTERFACE.variables["ev_mac_address"], value)


class SlacClient:
    """Calls the commands of a module providing slac, subscribes to its variables.

    What each command and variable means is documented on ``SlacHandler`` and
    ``SlacPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def reset(self, enable: bool, *, timeout: float | None = None) -> None:
        """Call ``reset``: see ``SlacHandler.handle_reset``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["reset"], {"enable": enable}, timeout)

    async def enter_bcd(self, *, timeout: float | None = None) -> None:
        """Call ``enter_bcd``: see ``SlacHandler.handle_enter_bcd``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["enter_bcd"], {}, timeout)

    async def leave_bcd(self, *, timeout: float | None = None) -> None:
        """Call ``leave_bcd``: see ``SlacHandler.handle_leave_bcd``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["leave_bcd"], {}, timeout)

    async def dlink_terminate(self, *, timeout: float | None = None) -> None:
        """Call ``dlink_terminate``: see ``SlacHandler.handle_dlink_terminate``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["dlink_terminate"], {}, timeout)

    async def dlink_error(self, *, timeout: float | None = None) -> None:
        """Call ``dlink_error``: see ``SlacHandler.handle_dlink_error``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["dlink_error"], {}, timeout)

    async def dlink_pause(self, *, timeout: float | None = None) -> None:
        """Call ``dlink_pause``: see ``SlacHandler.handle_dlink_pause``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["dlink_pause"], {}, timeout)

    def subscribe_state(
        self,
        callback: Callable[[_slac.State], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see ``SlacPublisher.publish_state``."""
        return self._transport.subscribe(INTERFACE.variables["state"], callback)

    def subscribe_dlink_ready(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SlacPublisher.publish_dlink_ready``."""
        return self._transport.subscribe(INTERFACE.variables["dlink_ready"], callback)

    def subscribe_request_error_routine(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SlacPublisher.publish_request_error_routine``."""
        return self._transport.subscribe(INTERFACE.variables["request_error_routine"], callback)

    def subscribe_ev_mac_address(
        self,
        callback: Callable[[str], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SlacPublisher.publish_ev_mac_address``."""
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
    name="slac",
    commands={
        "reset": CommandSpec(
            name="reset",
            py_name="reset",
            arguments=(
                ArgumentSpec(
                    name="enable",
                    py_name="enable",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "enter_bcd": CommandSpec(
            name="enter_bcd",
            py_name="enter_bcd",
            arguments=(),
            result=None,
        ),
        "leave_bcd": CommandSpec(
            name="leave_bcd",
            py_name="leave_bcd",
            arguments=(),
            result=None,
        ),
        "dlink_terminate": CommandSpec(
            name="dlink_terminate",
            py_name="dlink_terminate",
            arguments=(),
            result=None,
        ),
        "dlink_error": CommandSpec(
            name="dlink_error",
            py_name="dlink_error",
            arguments=(),
            result=None,
        ),
        "dlink_pause": CommandSpec(
            name="dlink_pause",
            py_name="dlink_pause",
            arguments=(),
            result=None,
        ),
    },
    variables={
        "state": VariableSpec(name="state", py_name="state", adapter=TypeAdapter(_slac.State)),
        "dlink_ready": VariableSpec(
            name="dlink_ready",
            py_name="dlink_ready",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "request_error_routine": VariableSpec(
            name="request_error_routine",
            py_name="request_error_routine",
            adapter=TypeAdapter(None, config=_DEFERRED),
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
SlacHandler.INTERFACE = INTERFACE
SlacHandler.ERRORS = RAISABLE_ERRORS
SlacPublisher.INTERFACE = INTERFACE
SlacPublisher.ERRORS = RAISABLE_ERRORS
SlacClient.INTERFACE = INTERFACE
SlacClient.ERRORS = RAISABLE_ERRORS
