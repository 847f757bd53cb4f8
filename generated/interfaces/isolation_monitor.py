"""This interface defines an isolation monitoring device (IMD) according to IEC 61557-8 for DC
charging. This is used to verify isolation of the DC lines before starting high voltage
charging and during charging.

Generated from interfaces/isolation_monitor.yaml. Do not edit: regenerate.
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

from ..errors import isolation_monitor as _errors_isolation_monitor
from ..types import isolation_monitor as _isolation_monitor


class IsolationMonitorHandler(abc.ABC):
    """Provides isolation_monitor: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_start(self) -> None:
        """Start recurring isolation measurements. The device should monitor the isolation status
        until stopped and publish the resistance data in regular intervals. The actual
        interval is device dependent.
        """

    @abc.abstractmethod
    async def handle_stop(self) -> None:
        """Stop recurring measurements. The device should stop to monitor the isolation
        resistance and stop publishing the data.
        """

    @abc.abstractmethod
    async def handle_start_self_test(self, test_voltage_V: float) -> None:
        """Start self test. This will be done during the CableCheck phase, so a DC voltage will
        be present according to IEC 61851-23 (2023). The command should return immediately.
        The "self_test_result" variable must be published once the self testing is done. Note
        that on many hardware devices this can take a long time (e.g. 20 seconds).

        Args:
            test_voltage_V: Specifies the test voltage [V] that is applied on the DC pins during
                self test. This can be used to verify the internal voltage measurement of the
                IMD.
        """


class IsolationMonitorPublisher:
    """Publishes the variables of isolation_monitor, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_isolation_measurement(self, value: _isolation_monitor.IsolationMeasurement) -> None:
        """Isolation monitoring measurement results"""
        self._transport.publish(INTERFACE.variables["isolation_measurement"], value)

    def publish_self_test_result(self, value: bool) -> None:
        """Indicates the self test is done and publishes the result. Set "true" for success,
        "false" for failure."""
        self._transport.publish(INTERFACE.variables["self_test_result"], value)


class IsolationMonitorClient:
    """Calls the commands of a module providing isolation_monitor, subscribes to its variables.

    What each command and variable means is documented on ``IsolationMonitorHandler`` and
    ``IsolationMonitorPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def start(self, *, timeout: float | None = None) -> None:
        """Call ``start``: see ``IsolationMonitorHandler.handle_start``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["start"], {}, timeout)

    async def stop(self, *, timeout: float | None = None) -> None:
        """Call ``stop``: see ``IsolationMonitorHandler.handle_stop``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["stop"], {}, timeout)

    async def start_self_test(self, test_voltage_V: float, *, timeout: float | None = None) -> None:
        """Call ``start_self_test``: see ``IsolationMonitorHandler.handle_start_self_test``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["start_self_test"],
            {"test_voltage_V": test_voltage_V},
            timeout,
        )

    def subscribe_isolation_measurement(
        self,
        callback: Callable[[_isolation_monitor.IsolationMeasurement], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``IsolationMonitorPublisher.publish_isolation_measurement``."""
        return self._transport.subscribe(INTERFACE.variables["isolation_measurement"], callback)

    def subscribe_self_test_result(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``IsolationMonitorPublisher.publish_self_test_result``."""
        return self._transport.subscribe(INTERFACE.variables["self_test_result"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_isolation_monitor.IsolationMonitorError.DeviceFault,
    _errors_isolation_monitor.IsolationMonitorError.CommunicationFault,
    _errors_isolation_monitor.IsolationMonitorError.VendorError,
    _errors_isolation_monitor.IsolationMonitorError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="isolation_monitor",
    commands={
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
        "start_self_test": CommandSpec(
            name="start_self_test",
            py_name="start_self_test",
            arguments=(
                ArgumentSpec(
                    name="test_voltage_V",
                    py_name="test_voltage_V",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "isolation_measurement": VariableSpec(
            name="isolation_measurement",
            py_name="isolation_measurement",
            adapter=TypeAdapter(_isolation_monitor.IsolationMeasurement),
        ),
        "self_test_result": VariableSpec(
            name="self_test_result",
            py_name="self_test_result",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
IsolationMonitorHandler.INTERFACE = INTERFACE
IsolationMonitorHandler.ERRORS = RAISABLE_ERRORS
IsolationMonitorPublisher.INTERFACE = INTERFACE
IsolationMonitorPublisher.ERRORS = RAISABLE_ERRORS
IsolationMonitorClient.INTERFACE = INTERFACE
IsolationMonitorClient.ERRORS = RAISABLE_ERRORS
