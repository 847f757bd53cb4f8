"""This interface defines a fast over voltage monitoring device according to IEC61851-23:2023
6.3.1.106.2 and 6.3.1.106.3 for DC charging.
6.3.1.106.2 An emergency shutdown needs to be triggered if the DC output voltage is above the
limit of Table 103 for 9ms.  The actual shutdown needs to be handled in a lower layer outside
of EVerest, but this interface sets the  correct voltage limit during the power transfer and
stops monitoring at the end of the session.  After the actual emergency shutdown was already
performed, report an MREC5OverVoltage error with severity set to high.
6.3.1.106.3 An error shutdown needs to be triggered if the DC output voltage is above the
limits of Table 104:
  - Present voltage > negotiated maximum for >400ms: Trigger error shutdown in <50ms.
  - Present voltage > negotiated maximum for <400ms and >200ms: Allow energy transfer or error
shutdown
  - Present voltage > negotiated maximum for <200ms: Allow energy transfer
To trigger an error shutdown, raise the error MREC5OverVoltage with severity set to medium or
low.
Once an MREC5OverVoltage error was raised, it shall only be cleared when the
reset_over_voltage_error command is called. All other errors shall be raised/cleared when they
occur/are no longer active immediately.
The var voltage_measurement_V should be published in regular intervals, e.g. 1 second. It is
not used to compare it with the overvoltage threshold setting in EVerest, that has to be done
in the OVM device itself. It will only be used to validate that the OVM and the IMD see the
same voltage to ensure they are correctly wired to the same charging port. If it is not
available in hardware, do not publish the voltage_measurement_V at all.

Generated from interfaces/over_voltage_monitor.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonNumber,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..errors import over_voltage_monitor as _errors_over_voltage_monitor


class OverVoltageMonitorHandler(abc.ABC):
    """Provides over_voltage_monitor: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_set_limits(
        self,
        emergency_over_voltage_limit_V: float,
        error_over_voltage_limit_V: float,
    ) -> None:
        """Set the overvoltage limits. It will be called any time the voltage limits change,
        independent of  whether the monitoring is currently active or not. The values shall be
        cached, and the last value received shall be used as threshold while monitoring is
        active.

        Args:
            emergency_over_voltage_limit_V: Specifies the over voltage threshold [V] for
                emergency shutdown (based on IEC61851-23:2023 Table 103 and IEC61851-23-3:(DRAFT
                2025) Table 202) An emergency shutdown shall be triggered if the DC output
                voltage is higher than this value.
            error_over_voltage_limit_V: Specifies the over voltage threshold [V] for error
                shutdown (for use with IEC61851-23:2023 Table 104). An error shutdown shall be
                triggered if the DC output voltage is higher than this value. The OVM shall
                trigger an emergency shutdown if error shutdown does not work properly (after
                2.5s, see CC.3.4.2).
        """

    @abc.abstractmethod
    async def handle_start(self) -> None:
        """Start monitoring. Called once at the beginning of power transfer. Use the last limits
        set by set_limits and make sure to update them when set_limits is called while
        monitoring is active. Trigger shutdowns and raise errors as needed.
        """

    @abc.abstractmethod
    async def handle_stop(self) -> None:
        """Stop monitoring. Called once at the end of power transfer. Do not raise any over
        voltage errors or trigger any shutdowns in this mode.
        """

    @abc.abstractmethod
    async def handle_reset_over_voltage_error(self) -> None:
        """Resets the detection logic to allow for new charging session after an over voltage
        error occurred. This shall clear the over voltage error. If monitoring is still
        active, it shall be stopped.
        """


class OverVoltageMonitorPublisher:
    """Publishes the variables of over_voltage_monitor, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_voltage_measurement_V(self, value: float) -> None:
        """Measured voltage in V"""
        self._transport.publish(INTERFACE.variables["voltage_measurement_V"], value)


class OverVoltageMonitorClient:
    """Calls the commands of a module providing over_voltage_monitor, subscribes to its
    variables.

    What each command and variable means is documented on ``OverVoltageMonitorHandler`` and
    ``OverVoltageMonitorPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def set_limits(
        self,
        emergency_over_voltage_limit_V: float,
        error_over_voltage_limit_V: float,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_limits``: see ``OverVoltageMonitorHandler.handle_set_limits``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_limits"],
            {
                "emergency_over_voltage_limit_V": emergency_over_voltage_limit_V,
                "error_over_voltage_limit_V": error_over_voltage_limit_V,
            },
            timeout,
        )

    async def start(self, *, timeout: float | None = None) -> None:
        """Call ``start``: see ``OverVoltageMonitorHandler.handle_start``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["start"], {}, timeout)

    async def stop(self, *, timeout: float | None = None) -> None:
        """Call ``stop``: see ``OverVoltageMonitorHandler.handle_stop``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["stop"], {}, timeout)

    async def reset_over_voltage_error(self, *, timeout: float | None = None) -> None:
        """Call ``reset_over_voltage_error``: see
        ``OverVoltageMonitorHandler.handle_reset_over_voltage_error``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["reset_over_voltage_error"], {}, timeout)

    def subscribe_voltage_measurement_V(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OverVoltageMonitorPublisher.publish_voltage_measurement_V``."""
        return self._transport.subscribe(INTERFACE.variables["voltage_measurement_V"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_over_voltage_monitor.OverVoltageMonitorError.MREC5OverVoltage,
    _errors_over_voltage_monitor.OverVoltageMonitorError.DeviceFault,
    _errors_over_voltage_monitor.OverVoltageMonitorError.CommunicationFault,
    _errors_over_voltage_monitor.OverVoltageMonitorError.VendorError,
    _errors_over_voltage_monitor.OverVoltageMonitorError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="over_voltage_monitor",
    commands={
        "set_limits": CommandSpec(
            name="set_limits",
            py_name="set_limits",
            arguments=(
                ArgumentSpec(
                    name="emergency_over_voltage_limit_V",
                    py_name="emergency_over_voltage_limit_V",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="error_over_voltage_limit_V",
                    py_name="error_over_voltage_limit_V",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "start": CommandSpec(
            name="start",
            py_name="start",
            arguments=(),
            result=None,
        ),
        "stop": CommandSpec(
            name="stop",
            py_name="stop",
            arguments=(),
            result=None,
        ),
        "reset_over_voltage_error": CommandSpec(
            name="reset_over_voltage_error",
            py_name="reset_over_voltage_error",
            arguments=(),
            result=None,
        ),
    },
    variables={
        "voltage_measurement_V": VariableSpec(
            name="voltage_measurement_V",
            py_name="voltage_measurement_V",
            adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
OverVoltageMonitorHandler.INTERFACE = INTERFACE
OverVoltageMonitorHandler.ERRORS = RAISABLE_ERRORS
OverVoltageMonitorPublisher.INTERFACE = INTERFACE
OverVoltageMonitorPublisher.ERRORS = RAISABLE_ERRORS
OverVoltageMonitorClient.INTERFACE = INTERFACE
OverVoltageMonitorClient.ERRORS = RAISABLE_ERRORS
