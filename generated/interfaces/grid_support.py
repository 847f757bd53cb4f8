"""Interface implemented by a DER device (inverter / grid-support hardware abstraction). A
protocol backend optionally requires this interface to push DER/grid-code directives down to
the device, and subscribes to the device's declared capability and to the grid alarms it
raises.

Generated from interfaces/grid_support.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

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

from ..types import grid_support as _grid_support


class GridSupportHandler(abc.ABC):
    """Provides grid_support: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_set_active_directives(
        self,
        directives: _grid_support.ActiveDirectiveSet,
    ) -> _grid_support.SetDirectivesResponse:
        """Apply the set of currently active DER directives for one EVSE. Called by the protocol
        backend whenever the active set changes, and on the backend heartbeat. This is a full
        replacement of the active set for the given EVSE: the device must apply exactly the
        directives contained in this call and clear any previously applied directive not
        present here. An empty directives array clears all active directives for the EVSE.

        Args:
            directives: The active directive set to apply for one EVSE.

        Returns:
            Whether the device accepted the directive set.
        """


class GridSupportPublisher:
    """Publishes the variables of grid_support, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_capability(self, value: _grid_support.EVSECapability) -> None:
        """The device's DER capability for an EVSE. Published on startup and on every capability
        change. The protocol backend uses it to enable its DER device-model component and
        advertise the supported control modes."""
        self._transport.publish(INTERFACE.variables["capability"], value)

    def publish_alarm(self, value: _grid_support.GridAlarm) -> None:
        """Grid event alarm raised by the device. alarm_ended=false marks the condition turning
        on, alarm_ended=true marks it clearing/turning off. Forwarded upstream by the protocol
        backend."""
        self._transport.publish(INTERFACE.variables["alarm"], value)


class GridSupportClient:
    """Calls the commands of a module providing grid_support, subscribes to its variables.

    What each command and variable means is documented on ``GridSupportHandler`` and
    ``GridSupportPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def set_active_directives(
        self,
        directives: _grid_support.ActiveDirectiveSet,
        *,
        timeout: float | None = None,
    ) -> _grid_support.SetDirectivesResponse:
        """Call ``set_active_directives``: see
        ``GridSupportHandler.handle_set_active_directives``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["set_active_directives"],
            {"directives": directives},
            timeout,
        )
        return cast(_grid_support.SetDirectivesResponse, result)

    def subscribe_capability(
        self,
        callback: Callable[[_grid_support.EVSECapability], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``GridSupportPublisher.publish_capability``."""
        return self._transport.subscribe(INTERFACE.variables["capability"], callback)

    def subscribe_alarm(
        self,
        callback: Callable[[_grid_support.GridAlarm], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``GridSupportPublisher.publish_alarm``."""
        return self._transport.subscribe(INTERFACE.variables["alarm"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="grid_support",
    commands={
        "set_active_directives": CommandSpec(
            name="set_active_directives",
            py_name="set_active_directives",
            arguments=(
                ArgumentSpec(
                    name="directives",
                    py_name="directives",
                    adapter=TypeAdapter(_grid_support.ActiveDirectiveSet),
                ),
            ),
            result=TypeAdapter(_grid_support.SetDirectivesResponse),
        ),
    },
    variables={
        "capability": VariableSpec(
            name="capability",
            py_name="capability",
            adapter=TypeAdapter(_grid_support.EVSECapability),
        ),
        "alarm": VariableSpec(
            name="alarm",
            py_name="alarm",
            adapter=TypeAdapter(_grid_support.GridAlarm),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
GridSupportHandler.INTERFACE = INTERFACE
GridSupportHandler.ERRORS = RAISABLE_ERRORS
GridSupportPublisher.INTERFACE = INTERFACE
GridSupportPublisher.ERRORS = RAISABLE_ERRORS
GridSupportClient.INTERFACE = INTERFACE
GridSupportClient.ERRORS = RAISABLE_ERRORS
