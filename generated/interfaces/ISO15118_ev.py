"""This interface defines a simple ISO15118 ev.

Generated from interfaces/ISO15118_ev.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

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
from pydantic import ConfigDict, Field, TypeAdapter

from ..types import iso15118 as _iso15118


class ISO15118EvHandler(abc.ABC):
    """Provides ISO15118_ev: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_start_charging(
        self,
        EnergyTransferMode: _iso15118.EnergyTransferMode,
        SelectedPaymentOption: _iso15118.SelectedPaymentOption,
        DepartureTime: float,
        EAmount: float,
    ) -> bool:
        """Start the ev charging process

        Args:
            EnergyTransferMode: Selected energy transfer mode for charging that is requested by
                the EVCC
            SelectedPaymentOption: Selected payment option
            DepartureTime: The time when the EVCC wants to leave the charging station (in
                seconds)
            EAmount: The amount of energy that the EVCC wants to charge (in kWh)

        Returns:
            Returns true if the evcc simulation started
        """

    @abc.abstractmethod
    async def handle_stop_charging(self) -> None:
        """Stop the ev charging communication process"""

    @abc.abstractmethod
    async def handle_pause_charging(self) -> None:
        """Pause the ev charging communication process"""

    @abc.abstractmethod
    async def handle_set_fault(self) -> None:
        """TODO_SL: Set the different ev faults to communicate these errors to the charging
        station
        """

    @abc.abstractmethod
    async def handle_set_dc_params(self, EvParameters: _iso15118.DcEvParameters) -> None:
        """Set the target parameters for a dc charging process

        Args:
            EvParameters: Target parameters for dc charging
        """

    @abc.abstractmethod
    async def handle_set_bpt_dc_params(self, EvBPTParameters: _iso15118.DcEvBPTParameters) -> None:
        """Set the bpt parameters for dc charging

        Args:
            EvBPTParameters: BPT parameters for dc charging
        """

    @abc.abstractmethod
    async def handle_enable_sae_j2847_v2g_v2h(self) -> None:
        """Enable the SAE J2847 2 V2H V2G"""

    @abc.abstractmethod
    async def handle_update_soc(self, SoC: float) -> None:
        """Updating the EV SoC state

        Args:
            SoC: The actual State of Charge from the EV
        """


class ISO15118EvPublisher:
    """Publishes the variables of ISO15118_ev, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_v2g_session_finished(self, value: None = None) -> None:
        """The v2g session between the charger and the car is finished"""
        self._transport.publish(INTERFACE.variables["v2g_session_finished"], value)

    def publish_ev_power_ready(self, value: bool) -> None:
        """The car is ready for power (HLC)"""
        self._transport.publish(INTERFACE.variables["ev_power_ready"], value)

    def publish_ac_evse_max_current(self, value: float) -> None:
        """EVSE max current per phase"""
        self._transport.publish(INTERFACE.variables["ac_evse_max_current"], value)

    def publish_ac_evse_target_power(self, value: _iso15118.AcTargetPower) -> None:
        """Evse AC max target power"""
        self._transport.publish(INTERFACE.variables["ac_evse_target_power"], value)

    def publish_dc_power_on(self, value: None = None) -> None:
        """The ev wants to close the dc contactors"""
        self._transport.publish(INTERFACE.variables["dc_power_on"], value)

    def publish_stop_from_charger(self, value: None = None) -> None:
        """The charger wants to stop the charging process"""
        self._transport.publish(INTERFACE.variables["stop_from_charger"], value)

    def publish_pause_from_charger(self, value: None = None) -> None:
        """The charger wants to pause the session (only d20)"""
        self._transport.publish(INTERFACE.variables["pause_from_charger"], value)


class ISO15118EvClient:
    """Calls the commands of a module providing ISO15118_ev, subscribes to its variables.

    What each command and variable means is documented on ``ISO15118EvHandler`` and
    ``ISO15118EvPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def start_charging(
        self,
        EnergyTransferMode: _iso15118.EnergyTransferMode,
        SelectedPaymentOption: _iso15118.SelectedPaymentOption,
        DepartureTime: float,
        EAmount: float,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``start_charging``: see ``ISO15118EvHandler.handle_start_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["start_charging"],
            {
                "EnergyTransferMode": EnergyTransferMode,
                "SelectedPaymentOption": SelectedPaymentOption,
                "DepartureTime": DepartureTime,
                "EAmount": EAmount,
            },
            timeout,
        )
        return cast(bool, result)

    async def stop_charging(self, *, timeout: float | None = None) -> None:
        """Call ``stop_charging``: see ``ISO15118EvHandler.handle_stop_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["stop_charging"], {}, timeout)

    async def pause_charging(self, *, timeout: float | None = None) -> None:
        """Call ``pause_charging``: see ``ISO15118EvHandler.handle_pause_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["pause_charging"], {}, timeout)

    async def set_fault(self, *, timeout: float | None = None) -> None:
        """Call ``set_fault``: see ``ISO15118EvHandler.handle_set_fault``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["set_fault"], {}, timeout)

    async def set_dc_params(
        self,
        EvParameters: _iso15118.DcEvParameters,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_dc_params``: see ``ISO15118EvHandler.handle_set_dc_params``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_dc_params"],
            {"EvParameters": EvParameters},
            timeout,
        )

    async def set_bpt_dc_params(
        self,
        EvBPTParameters: _iso15118.DcEvBPTParameters,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_bpt_dc_params``: see ``ISO15118EvHandler.handle_set_bpt_dc_params``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_bpt_dc_params"],
            {"EvBPTParameters": EvBPTParameters},
            timeout,
        )

    async def enable_sae_j2847_v2g_v2h(self, *, timeout: float | None = None) -> None:
        """Call ``enable_sae_j2847_v2g_v2h``: see
        ``ISO15118EvHandler.handle_enable_sae_j2847_v2g_v2h``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["enable_sae_j2847_v2g_v2h"], {}, timeout)

    async def update_soc(self, SoC: float, *, timeout: float | None = None) -> None:
        """Call ``update_soc``: see ``ISO15118EvHandler.handle_update_soc``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["update_soc"], {"SoC": SoC}, timeout)

    def subscribe_v2g_session_finished(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118EvPublisher.publish_v2g_session_finished``."""
        return self._transport.subscribe(INTERFACE.variables["v2g_session_finished"], callback)

    def subscribe_ev_power_ready(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118EvPublisher.publish_ev_power_ready``."""
        return self._transport.subscribe(INTERFACE.variables["ev_power_ready"], callback)

    def subscribe_ac_evse_max_current(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118EvPublisher.publish_ac_evse_max_current``."""
        return self._transport.subscribe(INTERFACE.variables["ac_evse_max_current"], callback)

    def subscribe_ac_evse_target_power(
        self,
        callback: Callable[[_iso15118.AcTargetPower], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118EvPublisher.publish_ac_evse_target_power``."""
        return self._transport.subscribe(INTERFACE.variables["ac_evse_target_power"], callback)

    def subscribe_dc_power_on(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118EvPublisher.publish_dc_power_on``."""
        return self._transport.subscribe(INTERFACE.variables["dc_power_on"], callback)

    def subscribe_stop_from_charger(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118EvPublisher.publish_stop_from_charger``."""
        return self._transport.subscribe(INTERFACE.variables["stop_from_charger"], callback)

    def subscribe_pause_from_charger(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118EvPublisher.publish_pause_from_charger``."""
        return self._transport.subscribe(INTERFACE.variables["pause_from_charger"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ISO15118_ev",
    commands={
        "start_charging": CommandSpec(
            name="start_charging",
            py_name="start_charging",
            arguments=(
                ArgumentSpec(
                    name="EnergyTransferMode",
                    py_name="EnergyTransferMode",
                    adapter=TypeAdapter(_iso15118.EnergyTransferMode),
                ),
                ArgumentSpec(
                    name="SelectedPaymentOption",
                    py_name="SelectedPaymentOption",
                    adapter=TypeAdapter(_iso15118.SelectedPaymentOption),
                ),
                ArgumentSpec(
                    name="DepartureTime",
                    py_name="DepartureTime",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="EAmount",
                    py_name="EAmount",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "stop_charging": CommandSpec(
            name="stop_charging",
            py_name="stop_charging",
            arguments=(),
            result=None,
        ),
        "pause_charging": CommandSpec(
            name="pause_charging",
            py_name="pause_charging",
            arguments=(),
            result=None,
        ),
        "set_fault": CommandSpec(
            name="set_fault",
            py_name="set_fault",
            arguments=(),
            result=None,
        ),
        "set_dc_params": CommandSpec(
            name="set_dc_params",
            py_name="set_dc_params",
            arguments=(
                ArgumentSpec(
                    name="EvParameters",
                    py_name="EvParameters",
                    adapter=TypeAdapter(_iso15118.DcEvParameters),
                ),
            ),
            result=None,
        ),
        "set_bpt_dc_params": CommandSpec(
            name="set_bpt_dc_params",
            py_name="set_bpt_dc_params",
            arguments=(
                ArgumentSpec(
                    name="EvBPTParameters",
                    py_name="EvBPTParameters",
                    adapter=TypeAdapter(_iso15118.DcEvBPTParameters),
                ),
            ),
            result=None,
        ),
        "enable_sae_j2847_v2g_v2h": CommandSpec(
            name="enable_sae_j2847_v2g_v2h",
            py_name="enable_sae_j2847_v2g_v2h",
            arguments=(),
            result=None,
        ),
        "update_soc": CommandSpec(
            name="update_soc",
            py_name="update_soc",
            arguments=(
                ArgumentSpec(
                    name="SoC",
                    py_name="SoC",
                    adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0)], config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "v2g_session_finished": VariableSpec(
            name="v2g_session_finished",
            py_name="v2g_session_finished",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "ev_power_ready": VariableSpec(
            name="ev_power_ready",
            py_name="ev_power_ready",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "ac_evse_max_current": VariableSpec(
            name="ac_evse_max_current",
            py_name="ac_evse_max_current",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=400)], config=_DEFERRED),
        ),
        "ac_evse_target_power": VariableSpec(
            name="ac_evse_target_power",
            py_name="ac_evse_target_power",
            adapter=TypeAdapter(_iso15118.AcTargetPower),
        ),
        "dc_power_on": VariableSpec(
            name="dc_power_on",
            py_name="dc_power_on",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "stop_from_charger": VariableSpec(
            name="stop_from_charger",
            py_name="stop_from_charger",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "pause_from_charger": VariableSpec(
            name="pause_from_charger",
            py_name="pause_from_charger",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ISO15118EvHandler.INTERFACE = INTERFACE
ISO15118EvHandler.ERRORS = RAISABLE_ERRORS
ISO15118EvPublisher.INTERFACE = INTERFACE
ISO15118EvPublisher.ERRORS = RAISABLE_ERRORS
ISO15118EvClient.INTERFACE = INTERFACE
ISO15118EvClient.ERRORS = RAISABLE_ERRORS
