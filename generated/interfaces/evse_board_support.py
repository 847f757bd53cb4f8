"""This interface defines the board support driver for AC or DC minimal power path: ControlPilot,
output contactors.  Other components of the power path such as IMD(DC)/RCD(AC)/Connector Lock
etc have their own interfaces.

Generated from interfaces/evse_board_support.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonInt,
    JsonNumber,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..errors import ac_rcd as _errors_ac_rcd
from ..errors import evse_board_support as _errors_evse_board_support
from ..types import board_support_common as _board_support_common
from ..types import evse_board_support as _evse_board_support
from ..types import evse_manager as _evse_manager


class EvseBoardSupportHandler(abc.ABC):
    """Provides evse_board_support: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_enable(self, value: bool) -> None:
        """Enables or disables the charging port. When disabled, the BSP must prevent new
        charging sessions and may signal unavailability using a hardware-appropriate CP state
        (E/F/X1) and/or mechanical blocking. While disabled, the BSP should still listen for
        PWM updates and cache the last duty cycle received. When re-enabled, it must apply the
        cached PWM value.

        Args:
            value: True: enabled, false: disabled.
        """

    @abc.abstractmethod
    async def handle_pwm_on(self, value: float) -> None:
        """Turns PWM on with duty cycle (in percent). This command only applies when the charging
        port is enabled; if disabled, the value must be cached and applied when re-enabled.

        Args:
            value: PWM duty cycle (>0, <100)
        """

    @abc.abstractmethod
    async def handle_cp_state_X1(self) -> None:
        """Turns PWM off (constant high voltage) This command only applies when the charging port
        is enabled; if disabled, the value must be cached and applied when re-enabled.
        """

    @abc.abstractmethod
    async def handle_cp_state_F(self) -> None:
        """Turns PWM off with error state F: continuous -12 V on Control Pilot, indicating EV
        supply equipment not available. This command only applies when the charging port is
        enabled; if disabled, the value must be cached and applied when re-enabled.
        """

    @abc.abstractmethod
    async def handle_cp_state_E(self) -> None:
        """Sets the Control Pilot line to 0 V (state E) by disabling the power output or shorting
        to ground. This state is typically used to simulate that no charger is connected to
        the EV. This command only applies when the charging port is enabled; if disabled, the
        value must be cached and applied when re-enabled. Note: This command requires hardware
        support for setting Control Pilot to 0 V (state E).
        """

    @abc.abstractmethod
    async def handle_allow_power_on(self, value: _evse_board_support.PowerOnOff) -> None:
        """Sets allow_power_on flag. If false, Relais must never be switched on.

        Args:
            value: Flag and context
        """

    @abc.abstractmethod
    async def handle_ac_switch_three_phases_while_charging(self, value: bool) -> None:
        """Optional, in case of doubt do not implement. Report in hardware_capabilites if this
        command is supported. This command switches between one and three phase operation
        during an active charging session. Some cars can be permanently destroyed by that, so
        the bsp needs to implement a special sequence for the switching. The exact sequence
        can be defined by the BSP, but one example would be a C2->C1->B1->F->B1->B2->C2 or
        similar. Use with caution.

        Args:
            value: True: switch to 3ph, False: switch to 1ph
        """

    @abc.abstractmethod
    async def handle_ac_set_overcurrent_limit_A(self, value: float) -> None:
        """Many chargers implement a fast over current shutdown directly in the hardware that
        triggers if the EV draws more current than the PWM allows. If the hardware does not
        have this functionality, just ignore this command. Do not use it to set the PWM duty
        cycle. Otherwise this command reports a value that should be used for the overcurrent
        detection.  A margin needs to be added to avoid false triggers. Do not use the PWM
        duty cycle to infer the current limit in the BSP, as this will not work with HLC.

        Args:
            value: Ampere current limit value
        """


class EvseBoardSupportPublisher:
    """Publishes the variables of evse_board_support, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_event(self, value: _board_support_common.BspEvent) -> None:
        """Event from ControlPilot signal/output relais"""
        self._transport.publish(INTERFACE.variables["event"], value)

    def publish_ac_nr_of_phases_available(self, value: int) -> None:
        """Instantaneous phase count available to car"""
        self._transport.publish(INTERFACE.variables["ac_nr_of_phases_available"], value)

    def publish_telemetry(self, value: _evse_board_support.Telemetry) -> None:
        """Other telemetry"""
        self._transport.publish(INTERFACE.variables["telemetry"], value)

    def publish_capabilities(self, value: _evse_board_support.HardwareCapabilities) -> None:
        """Hardware capabilities/limits. The BSP must publish this variable at least once during
        start up. For AC, the capabilities are the limits of the AC hardware power path. For
        DC, this are the limits for the AC input for the AC/DC converter. The BSP may publish
        this variable to update limits in case they change during runtime, e.g. if the maximum
        current changes because the hardware gets too hot."""
        self._transport.publish(INTERFACE.variables["capabilities"], value)

    def publish_ac_pp_ampacity(self, value: _board_support_common.ProximityPilot) -> None:
        """Current carrying capacity of the connected cable in ampere for AC charging with a
        socket. Publish whenever it changes. This has no meaning for DC or AC charging with a
        fixed attached cable, it does not  need to be implemented and the returned value is
        not used in those cases."""
        self._transport.publish(INTERFACE.variables["ac_pp_ampacity"], value)

    def publish_request_stop_transaction(self, value: _evse_manager.StopTransactionRequest) -> None:
        """Publish to stop the transaction gracefully (e.g. user pressed the stop button)"""
        self._transport.publish(INTERFACE.variables["request_stop_transaction"], value)


class EvseBoardSupportClient:
    """Calls the commands of a module providing evse_board_support, subscribes to its variables.

    What each command and variable means is documented on ``EvseBoardSupportHandler`` and
    ``EvseBoardSupportPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def enable(self, value: bool, *, timeout: float | None = None) -> None:
        """Call ``enable``: see ``EvseBoardSupportHandler.handle_enable``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["enable"], {"value": value}, timeout)

    async def pwm_on(self, value: float, *, timeout: float | None = None) -> None:
        """Call ``pwm_on``: see ``EvseBoardSupportHandler.handle_pwm_on``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["pwm_on"], {"value": value}, timeout)

    async def cp_state_X1(self, *, timeout: float | None = None) -> None:
        """Call ``cp_state_X1``: see ``EvseBoardSupportHandler.handle_cp_state_X1``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["cp_state_X1"], {}, timeout)

    async def cp_state_F(self, *, timeout: float | None = None) -> None:
        """Call ``cp_state_F``: see ``EvseBoardSupportHandler.handle_cp_state_F``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["cp_state_F"], {}, timeout)

    async def cp_state_E(self, *, timeout: float | None = None) -> None:
        """Call ``cp_state_E``: see ``EvseBoardSupportHandler.handle_cp_state_E``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["cp_state_E"], {}, timeout)

    async def allow_power_on(
        self,
        value: _evse_board_support.PowerOnOff,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``allow_power_on``: see ``EvseBoardSupportHandler.handle_allow_power_on``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["allow_power_on"], {"value": value}, timeout)

    async def ac_switch_three_phases_while_charging(
        self,
        value: bool,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``ac_switch_three_phases_while_charging``: see
        ``EvseBoardSupportHandler.handle_ac_switch_three_phases_while_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["ac_switch_three_phases_while_charging"],
            {"value": value},
            timeout,
        )

    async def ac_set_overcurrent_limit_A(
        self,
        value: float,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``ac_set_overcurrent_limit_A``: see
        ``EvseBoardSupportHandler.handle_ac_set_overcurrent_limit_A``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["ac_set_overcurrent_limit_A"],
            {"value": value},
            timeout,
        )

    def subscribe_event(
        self,
        callback: Callable[[_board_support_common.BspEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseBoardSupportPublisher.publish_event``."""
        return self._transport.subscribe(INTERFACE.variables["event"], callback)

    def subscribe_ac_nr_of_phases_available(
        self,
        callback: Callable[[int], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseBoardSupportPublisher.publish_ac_nr_of_phases_available``."""
        return self._transport.subscribe(INTERFACE.variables["ac_nr_of_phases_available"], callback)

    def subscribe_telemetry(
        self,
        callback: Callable[[_evse_board_support.Telemetry], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseBoardSupportPublisher.publish_telemetry``."""
        return self._transport.subscribe(INTERFACE.variables["telemetry"], callback)

    def subscribe_capabilities(
        self,
        callback: Callable[[_evse_board_support.HardwareCapabilities], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseBoardSupportPublisher.publish_capabilities``."""
        return self._transport.subscribe(INTERFACE.variables["capabilities"], callback)

    def subscribe_ac_pp_ampacity(
        self,
        callback: Callable[[_board_support_common.ProximityPilot], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseBoardSupportPublisher.publish_ac_pp_ampacity``."""
        return self._transport.subscribe(INTERFACE.variables["ac_pp_ampacity"], callback)

    def subscribe_request_stop_transaction(
        self,
        callback: Callable[[_evse_manager.StopTransactionRequest], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseBoardSupportPublisher.publish_request_stop_transaction``."""
        return self._transport.subscribe(INTERFACE.variables["request_stop_transaction"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_evse_board_support.EvseBoardSupportError.DiodeFault,
    _errors_evse_board_support.EvseBoardSupportError.VentilationNotAvailable,
    _errors_evse_board_support.EvseBoardSupportError.BrownOut,
    _errors_evse_board_support.EvseBoardSupportError.EnergyManagement,
    _errors_evse_board_support.EvseBoardSupportError.PermanentFault,
    _errors_evse_board_support.EvseBoardSupportError.MREC2GroundFailure,
    _errors_evse_board_support.EvseBoardSupportError.MREC3HighTemperature,
    _errors_evse_board_support.EvseBoardSupportError.MREC4OverCurrentFailure,
    _errors_evse_board_support.EvseBoardSupportError.MREC5OverVoltage,
    _errors_evse_board_support.EvseBoardSupportError.MREC6UnderVoltage,
    _errors_evse_board_support.EvseBoardSupportError.MREC8EmergencyStop,
    _errors_evse_board_support.EvseBoardSupportError.MREC10InvalidVehicleMode,
    _errors_evse_board_support.EvseBoardSupportError.MREC14PilotFault,
    _errors_evse_board_support.EvseBoardSupportError.MREC15PowerLoss,
    _errors_evse_board_support.EvseBoardSupportError.MREC17EVSEContactorFault,
    _errors_evse_board_support.EvseBoardSupportError.MREC18CableOverTempDerate,
    _errors_evse_board_support.EvseBoardSupportError.MREC19CableOverTempStop,
    _errors_evse_board_support.EvseBoardSupportError.MREC20PartialInsertion,
    _errors_evse_board_support.EvseBoardSupportError.MREC23ProximityFault,
    _errors_evse_board_support.EvseBoardSupportError.MREC24ConnectorVoltageHigh,
    _errors_evse_board_support.EvseBoardSupportError.MREC25BrokenLatch,
    _errors_evse_board_support.EvseBoardSupportError.MREC26CutCable,
    _errors_evse_board_support.EvseBoardSupportError.TiltDetected,
    _errors_evse_board_support.EvseBoardSupportError.WaterIngressDetected,
    _errors_evse_board_support.EvseBoardSupportError.EnclosureOpen,
    _errors_evse_board_support.EvseBoardSupportError.VendorError,
    _errors_evse_board_support.EvseBoardSupportError.VendorWarning,
    _errors_evse_board_support.EvseBoardSupportError.CommunicationFault,
    _errors_ac_rcd.AcRcdError.Selftest,
    _errors_ac_rcd.AcRcdError.DC,
    _errors_ac_rcd.AcRcdError.AC,
    _errors_ac_rcd.AcRcdError.MREC2GroundFailure,
    _errors_ac_rcd.AcRcdError.VendorError,
    _errors_ac_rcd.AcRcdError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="evse_board_support",
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
        "pwm_on": CommandSpec(
            name="pwm_on",
            py_name="pwm_on",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(
                        Annotated[JsonNumber, Field(ge=0, le=100)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=None,
        ),
        "cp_state_X1": CommandSpec(
            name="cp_state_X1",
            py_name="cp_state_X1",
            arguments=(),
            result=None,
        ),
        "cp_state_F": CommandSpec(
            name="cp_state_F",
            py_name="cp_state_F",
            arguments=(),
            result=None,
        ),
        "cp_state_E": CommandSpec(
            name="cp_state_E",
            py_name="cp_state_E",
            arguments=(),
            result=None,
        ),
        "allow_power_on": CommandSpec(
            name="allow_power_on",
            py_name="allow_power_on",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(_evse_board_support.PowerOnOff),
                ),
            ),
            result=None,
        ),
        "ac_switch_three_phases_while_charging": CommandSpec(
            name="ac_switch_three_phases_while_charging",
            py_name="ac_switch_three_phases_while_charging",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "ac_set_overcurrent_limit_A": CommandSpec(
            name="ac_set_overcurrent_limit_A",
            py_name="ac_set_overcurrent_limit_A",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "event": VariableSpec(
            name="event",
            py_name="event",
            adapter=TypeAdapter(_board_support_common.BspEvent),
        ),
        "ac_nr_of_phases_available": VariableSpec(
            name="ac_nr_of_phases_available",
            py_name="ac_nr_of_phases_available",
            adapter=TypeAdapter(Annotated[JsonInt, Field(ge=1, le=3)], config=_DEFERRED),
        ),
        "telemetry": VariableSpec(
            name="telemetry",
            py_name="telemetry",
            adapter=TypeAdapter(_evse_board_support.Telemetry),
        ),
        "capabilities": VariableSpec(
            name="capabilities",
            py_name="capabilities",
            adapter=TypeAdapter(_evse_board_support.HardwareCapabilities),
        ),
        "ac_pp_ampacity": VariableSpec(
            name="ac_pp_ampacity",
            py_name="ac_pp_ampacity",
            adapter=TypeAdapter(_board_support_common.ProximityPilot),
        ),
        "request_stop_transaction": VariableSpec(
            name="request_stop_transaction",
            py_name="request_stop_transaction",
            adapter=TypeAdapter(_evse_manager.StopTransactionRequest),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EvseBoardSupportHandler.INTERFACE = INTERFACE
EvseBoardSupportHandler.ERRORS = RAISABLE_ERRORS
EvseBoardSupportPublisher.INTERFACE = INTERFACE
EvseBoardSupportPublisher.ERRORS = RAISABLE_ERRORS
EvseBoardSupportClient.INTERFACE = INTERFACE
EvseBoardSupportClient.ERRORS = RAISABLE_ERRORS
