"""This defines the board support package for the EV side

Generated from interfaces/ev_board_support.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonNumber,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..errors import generic as _errors_generic
from ..types import board_support_common as _board_support_common
from ..types import ev_board_support as _ev_board_support
from ..types import evse_manager as _evse_manager


class EvBoardSupportHandler(abc.ABC):
    """Provides ev_board_support: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_enable(self, value: bool) -> None:
        """Enable/disable the simulation

        Args:
            value: true to enable, false to disable
        """

    @abc.abstractmethod
    async def handle_set_cp_state(self, cp_state: _ev_board_support.EvCpState) -> None:
        """Sets the CP State that should be set by the EV board support driver (controlled by S2)

        Args:
            cp_state: The CP State
        """

    @abc.abstractmethod
    async def handle_allow_power_on(self, value: bool) -> None:
        """Sets allow_power_on flag. If false, contactor must never be switched on.

        Args:
            value: True: allow power on, false: do not allow power on.
        """

    @abc.abstractmethod
    async def handle_diode_fail(self, value: bool) -> None:
        """Setting a diode failure

        Args:
            value: True: diode failure
        """

    @abc.abstractmethod
    async def handle_set_ac_max_current(self, current: float) -> None:
        """Setting the max current requested from the ev

        Args:
            current: Max current requested from the ev
        """

    @abc.abstractmethod
    async def handle_set_three_phases(self, three_phases: bool) -> None:
        """Setting three or one phase support

        Args:
            three_phases: True: Three phase support, False: One phase support
        """

    @abc.abstractmethod
    async def handle_set_rcd_error(self, rcd_current_mA: float) -> None:
        """Setting a rcd error. Only for simulation purpose.

        Args:
            rcd_current_mA: RCD current in mA
        """


class EvBoardSupportPublisher:
    """Publishes the variables of ev_board_support, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_bsp_event(self, value: _board_support_common.BspEvent) -> None:
        """Events from CP/Relais"""
        self._transport.publish(INTERFACE.variables["bsp_event"], value)

    def publish_bsp_measurement(self, value: _board_support_common.BspMeasurement) -> None:
        """BSP Measurements"""
        self._transport.publish(INTERFACE.variables["bsp_measurement"], value)

    def publish_ev_info(self, value: _evse_manager.EVInfo) -> None:
        """More details about the EV if available"""
        self._transport.publish(INTERFACE.variables["ev_info"], value)


class EvBoardSupportClient:
    """Calls the commands of a module providing ev_board_support, subscribes to its variables.

    What each command and variable means is documented on ``EvBoardSupportHandler`` and
    ``EvBoardSupportPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def enable(self, value: bool, *, timeout: float | None = None) -> None:
        """Call ``enable``: see ``EvBoardSupportHandler.handle_enable``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["enable"], {"value": value}, timeout)

    async def set_cp_state(
        self,
        cp_state: _ev_board_support.EvCpState,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_cp_state``: see ``EvBoardSupportHandler.handle_set_cp_state``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_cp_state"],
            {"cp_state": cp_state},
            timeout,
        )

    async def allow_power_on(self, value: bool, *, timeout: float | None = None) -> None:
        """Call ``allow_power_on``: see ``EvBoardSupportHandler.handle_allow_power_on``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["allow_power_on"], {"value": value}, timeout)

    async def diode_fail(self, value: bool, *, timeout: float | None = None) -> None:
        """Call ``diode_fail``: see ``EvBoardSupportHandler.handle_diode_fail``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["diode_fail"], {"value": value}, timeout)

    async def set_ac_max_current(self, current: float, *, timeout: float | None = None) -> None:
        """Call ``set_ac_max_current``: see ``EvBoardSupportHandler.handle_set_ac_max_current``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_ac_max_current"],
            {"current": current},
            timeout,
        )

    async def set_three_phases(self, three_phases: bool, *, timeout: float | None = None) -> None:
        """Call ``set_three_phases``: see ``EvBoardSupportHandler.handle_set_three_phases``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_three_phases"],
            {"three_phases": three_phases},
            timeout,
        )

    async def set_rcd_error(self, rcd_current_mA: float, *, timeout: float | None = None) -> None:
        """Call ``set_rcd_error``: see ``EvBoardSupportHandler.handle_set_rcd_error``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_rcd_error"],
            {"rcd_current_mA": rcd_current_mA},
            timeout,
        )

    def subscribe_bsp_event(
        self,
        callback: Callable[[_board_support_common.BspEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvBoardSupportPublisher.publish_bsp_event``."""
        return self._transport.subscribe(INTERFACE.variables["bsp_event"], callback)

    def subscribe_bsp_measurement(
        self,
        callback: Callable[[_board_support_common.BspMeasurement], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvBoardSupportPublisher.publish_bsp_measurement``."""
        return self._transport.subscribe(INTERFACE.variables["bsp_measurement"], callback)

    def subscribe_ev_info(
        self,
        callback: Callable[[_evse_manager.EVInfo], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvBoardSupportPublisher.publish_ev_info``."""
        return self._transport.subscribe(INTERFACE.variables["ev_info"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ev_board_support",
    commands={
        "enable": CommandSpec(
            name="enable",
            py_name="enable",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "set_cp_state": CommandSpec(
            name="set_cp_state",
            py_name="set_cp_state",
            arguments=(
                ArgumentSpec(
                    name="cp_state",
                    py_name="cp_state",
                    adapter=TypeAdapter(_ev_board_support.EvCpState),
                ),
            ),
            result=None,
        ),
        "allow_power_on": CommandSpec(
            name="allow_power_on",
            py_name="allow_power_on",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "diode_fail": CommandSpec(
            name="diode_fail",
            py_name="diode_fail",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "set_ac_max_current": CommandSpec(
            name="set_ac_max_current",
            py_name="set_ac_max_current",
            arguments=(
                ArgumentSpec(
                    name="current",
                    py_name="current",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "set_three_phases": CommandSpec(
            name="set_three_phases",
            py_name="set_three_phases",
            arguments=(
                ArgumentSpec(
                    name="three_phases",
                    py_name="three_phases",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "set_rcd_error": CommandSpec(
            name="set_rcd_error",
            py_name="set_rcd_error",
            arguments=(
                ArgumentSpec(
                    name="rcd_current_mA",
                    py_name="rcd_current_mA",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "bsp_event": VariableSpec(
            name="bsp_event",
            py_name="bsp_event",
            adapter=TypeAdapter(_board_support_common.BspEvent),
        ),
        "bsp_measurement": VariableSpec(
            name="bsp_measurement",
            py_name="bsp_measurement",
            adapter=TypeAdapter(_board_support_common.BspMeasurement),
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
EvBoardSupportHandler.INTERFACE = INTERFACE
EvBoardSupportHandler.ERRORS = RAISABLE_ERRORS
EvBoardSupportPublisher.INTERFACE = INTERFACE
EvBoardSupportPublisher.ERRORS = RAISABLE_ERRORS
EvBoardSupportClient.INTERFACE = INTERFACE
EvBoardSupportClient.ERRORS = RAISABLE_ERRORS
