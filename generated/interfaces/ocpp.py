"""This interface allows to control an OCPP service and set and get data from the OCPP service.
It is designed to be used for both OCPP1.6 and OCPP2.0.1 module implementations. Therefore,
the vars, commands and types are based more on the definitions of OCPP2.0.1, as this offers
more flexibility and it is easier to transfer to the capabilities of OCPP1.6 than vice versa.

Generated from interfaces/ocpp.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

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
from pydantic import ConfigDict, TypeAdapter

from ..types import ocpp as _ocpp


class OcppHandler(abc.ABC):
    """Provides ocpp: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_stop(self) -> bool:
        """Disconnects the websocket connection and stops the OCPP communication. No OCPP
        messages will be stored and sent after a restart.

        Returns:
            Returns true if the service could be stopped successfully, else false
        """

    @abc.abstractmethod
    async def handle_restart(self) -> bool:
        """Connects the websocket and enables OCPP communication after a previous stop call.

        Returns:
            Returns true if the service could be restarted successfully, else false
        """

    @abc.abstractmethod
    async def handle_security_event(self, event: _ocpp.SecurityEvent) -> None:
        """Triggers a SecurityEventNotification.req at the CSMS if it is deemed critical, either
        by setting the flag in this event or if absent automatically by libocpp

        Args:
            event: A security event
        """

    @abc.abstractmethod
    async def handle_get_variables(
        self,
        requests: list[_ocpp.GetVariableRequest],
    ) -> list[_ocpp.GetVariableResult]:
        """Command to read variables from OCPP. Variables are addressed canonically by component
        and variable name (e.g. component OCPPCommCtrlr, variable HeartbeatInterval),
        regardless of whether OCPP1.6 or OCPP2.x is active. An empty component.name marks the
        deprecated OCPP1.6 legacy key form (variable.name = configuration key); it is only
        accepted while OCPP1.6 is active and will be removed per the deprecation policy. A
        request with a non-empty component.name is never reinterpreted as a configuration key.
        Canonical addressing across protocol versions is provided by the OCPPmulti module;
        other modules implementing this interface may differ.

        Args:
            requests: List of GetVariableRequest

        Returns:
            List of GetVariableResult containing the result for every requested value.
            Preserves the order of the input requests. Each result echoes the requested
            component_variable and carries a status (Accepted, Rejected, UnknownComponent,
            UnknownVariable or NotSupportedAttributeType).
        """

    @abc.abstractmethod
    async def handle_set_variables(
        self,
        requests: list[_ocpp.SetVariableRequest],
        source: str,
    ) -> list[_ocpp.SetVariableResult]:
        """Command to write variables at OCPP. Uses the same canonical component/variable
        addressing as get_variables in both protocol versions; the empty-component OCPP1.6
        legacy key form is deprecated and scheduled for removal. Connection-configuration
        writes (component NetworkConfiguration with the profile slot number as component
        instance, and the OCPPCommCtrlr/NetworkConfigurationPriority selector) return
        RebootRequired: the value is validated and persisted immediately and takes effect on
        the next (re)connect or reboot. Slot-based connection configuration is provided by the
        OCPPmulti module; other modules implementing this interface may differ.

        Args:
            requests: List of SetVariableRequests
            source: Source of variable values

        Returns:
            List of SetVariableResult containing the result for every requested set operation.
            Each result echoes the requested component_variable and carries a status
            (Accepted, RebootRequired, Rejected, UnknownComponent, UnknownVariable or
            NotSupportedAttributeType).
        """

    @abc.abstractmethod
    async def handle_change_availability(
        self,
        request: _ocpp.ChangeAvailabilityRequest,
    ) -> _ocpp.ChangeAvailabilityResponse:
        """Allows to send a ChangeAvailabilityRequest internally (as can be done by the CSMS).

        Args:
            request: The ChangeAvailabilityRequest as specified in OCPP2.0.1. For OCPP 1.6:

        Returns:
            Response to ChangeAvailabilityRequest as specified in OCPP 2.0.1
        """

    @abc.abstractmethod
    async def handle_monitor_variables(
        self,
        component_variables: list[_ocpp.ComponentVariable],
    ) -> None:
        """Command to start monitoring the given ComponentVariable(s), using the same canonical
        component/variable addressing as get_variables in both protocol versions; the
        empty-component OCPP1.6 legacy key form is deprecated. Changes to monitored variables
        are published on the event_data var. Consecutive calls of this operation will not
        override but extend the existing monitors.

        Args:
            component_variables: List of ComponentVariable(s) to monitor
        """


class OcppPublisher:
    """Publishes the variables of ocpp, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_ocpp_transaction_event(self, value: _ocpp.OcppTransactionEvent) -> None:
        """Emits events related to OCPP transactions"""
        self._transport.publish(INTERFACE.variables["ocpp_transaction_event"], value)

    def publish_ocpp_transaction_event_response(
        self,
        value: _ocpp.OcppTransactionEventResponse,
    ) -> None:
        """Emits OCPP transaction responses"""
        self._transport.publish(INTERFACE.variables["ocpp_transaction_event_response"], value)

    def publish_charging_schedules(self, value: _ocpp.ChargingSchedules) -> None:
        """Object that contains OCPP charging schedules of all connectors. The object contains
        one composite charging schedule for each connector id starting from connector 0.
        Connector 0 contains a schedule for the whole charging station."""
        self._transport.publish(INTERFACE.variables["charging_schedules"], value)

    def publish_connection_status(self, value: _ocpp.ConnectionStatus) -> None:
        """Indicates if the chargepoint is connected to the CSMS and carries the details of the
        connection the status refers to. Published on every connect and disconnect. Replaces
        the removed is_connected var: the connected property carries the same information, the
        details are best effort and are omitted where the active OCPP version does not provide
        them."""
        self._transport.publish(INTERFACE.variables["connection_status"], value)

    def publish_security_event(self, value: _ocpp.SecurityEvent) -> None:
        """Published when an internal security event occurred"""
        self._transport.publish(INTERFACE.variables["security_event"], value)

    def publish_event_data(self, value: _ocpp.EventData) -> None:
        """Published when a variable registered via monitor_variables has been changed. The event
        echoes the addressing form used at registration: canonical registrations receive the
        canonical component_variable, deprecated legacy key registrations (empty
        component.name) receive legacy-shaped events. With OCPP1.6 the object may only contain
        the required properties of the EventData type; with OCPP2.x it may contain all
        available properties."""
        self._transport.publish(INTERFACE.variables["event_data"], value)

    def publish_boot_notification_response(self, value: _ocpp.BootNotificationResponse) -> None:
        """Published any time a BootNotificationResponse message is received from the CSMS"""
        self._transport.publish(INTERFACE.variables["boot_notification_response"], value)

    def publish_ocpp_message(self, value: _ocpp.Message) -> None:
        """A serialized OCPP message, published when callback logging is activated"""
        self._transport.publish(INTERFACE.variables["ocpp_message"], value)


class OcppClient:
    """Calls the commands of a module providing ocpp, subscribes to its variables.

    What each command and variable means is documented on ``OcppHandler`` and
    ``OcppPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def stop(self, *, timeout: float | None = None) -> bool:
        """Call ``stop``: see ``OcppHandler.handle_stop``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["stop"], {}, timeout)
        return cast(bool, result)

    async def restart(self, *, timeout: float | None = None) -> bool:
        """Call ``restart``: see ``OcppHandler.handle_restart``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["restart"], {}, timeout)
        return cast(bool, result)

    async def security_event(
        self,
        event: _ocpp.SecurityEvent,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``security_event``: see ``OcppHandler.handle_security_event``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["security_event"], {"event": event}, timeout)

    async def get_variables(
        self,
        requests: list[_ocpp.GetVariableRequest],
        *,
        timeout: float | None = None,
    ) -> list[_ocpp.GetVariableResult]:
        """Call ``get_variables``: see ``OcppHandler.handle_get_variables``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_variables"],
            {"requests": requests},
            timeout,
        )
        return cast(list[_ocpp.GetVariableResult], result)

    async def set_variables(
        self,
        requests: list[_ocpp.SetVariableRequest],
        source: str,
        *,
        timeout: float | None = None,
    ) -> list[_ocpp.SetVariableResult]:
        """Call ``set_variables``: see ``OcppHandler.handle_set_variables``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["set_variables"],
            {"requests": requests, "source": source},
            timeout,
        )
        return cast(list[_ocpp.SetVariableResult], result)

    async def change_availability(
        self,
        request: _ocpp.ChangeAvailabilityRequest,
        *,
        timeout: float | None = None,
    ) -> _ocpp.ChangeAvailabilityResponse:
        """Call ``change_availability``: see ``OcppHandler.handle_change_availability``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["change_availability"],
            {"request": request},
            timeout,
        )
        return cast(_ocpp.ChangeAvailabilityResponse, result)

    async def monitor_variables(
        self,
        component_variables: list[_ocpp.ComponentVariable],
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``monitor_variables``: see ``OcppHandler.handle_monitor_variables``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["monitor_variables"],
            {"component_variables": component_variables},
            timeout,
        )

    def subscribe_ocpp_transaction_event(
        self,
        callback: Callable[[_ocpp.OcppTransactionEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_ocpp_transaction_event``."""
        return self._transport.subscribe(INTERFACE.variables["ocpp_transaction_event"], callback)

    def subscribe_ocpp_transaction_event_response(
        self,
        callback: Callable[[_ocpp.OcppTransactionEventResponse], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_ocpp_transaction_event_response``."""
        return self._transport.subscribe(
            INTERFACE.variables["ocpp_transaction_event_response"],
            callback,
        )

    def subscribe_charging_schedules(
        self,
        callback: Callable[[_ocpp.ChargingSchedules], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_charging_schedules``."""
        return self._transport.subscribe(INTERFACE.variables["charging_schedules"], callback)

    def subscribe_connection_status(
        self,
        callback: Callable[[_ocpp.ConnectionStatus], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_connection_status``."""
        return self._transport.subscribe(INTERFACE.variables["connection_status"], callback)

    def subscribe_security_event(
        self,
        callback: Callable[[_ocpp.SecurityEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_security_event``."""
        return self._transport.subscribe(INTERFACE.variables["security_event"], callback)

    def subscribe_event_data(
        self,
        callback: Callable[[_ocpp.EventData], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_event_data``."""
        return self._transport.subscribe(INTERFACE.variables["event_data"], callback)

    def subscribe_boot_notification_response(
        self,
        callback: Callable[[_ocpp.BootNotificationResponse], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_boot_notification_response``."""
        return self._transport.subscribe(
            INTERFACE.variables["boot_notification_response"],
            callback,
        )

    def subscribe_ocpp_message(
        self,
        callback: Callable[[_ocpp.Message], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``OcppPublisher.publish_ocpp_message``."""
        return self._transport.subscribe(INTERFACE.variables["ocpp_message"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ocpp",
    commands={
        "stop": CommandSpec(
            name="stop",
            py_name="stop",
            arguments=(),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "restart": CommandSpec(
            name="restart",
            py_name="restart",
            arguments=(),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "security_event": CommandSpec(
            name="security_event",
            py_name="security_event",
            arguments=(
                ArgumentSpec(
                    name="event",
                    py_name="event",
                    adapter=TypeAdapter(_ocpp.SecurityEvent),
                ),
            ),
            result=None,
        ),
        "get_variables": CommandSpec(
            name="get_variables",
            py_name="get_variables",
            arguments=(
                ArgumentSpec(
                    name="requests",
                    py_name="requests",
                    adapter=TypeAdapter(list[_ocpp.GetVariableRequest], config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(list[_ocpp.GetVariableResult], config=_DEFERRED),
        ),
        "set_variables": CommandSpec(
            name="set_variables",
            py_name="set_variables",
            arguments=(
                ArgumentSpec(
                    name="requests",
                    py_name="requests",
                    adapter=TypeAdapter(list[_ocpp.SetVariableRequest], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="source",
                    py_name="source",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(list[_ocpp.SetVariableResult], config=_DEFERRED),
        ),
        "change_availability": CommandSpec(
            name="change_availability",
            py_name="change_availability",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_ocpp.ChangeAvailabilityRequest),
                ),
            ),
            result=TypeAdapter(_ocpp.ChangeAvailabilityResponse),
        ),
        "monitor_variables": CommandSpec(
            name="monitor_variables",
            py_name="monitor_variables",
            arguments=(
                ArgumentSpec(
                    name="component_variables",
                    py_name="component_variables",
                    adapter=TypeAdapter(list[_ocpp.ComponentVariable], config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "ocpp_transaction_event": VariableSpec(
            name="ocpp_transaction_event",
            py_name="ocpp_transaction_event",
            adapter=TypeAdapter(_ocpp.OcppTransactionEvent),
        ),
        "ocpp_transaction_event_response": VariableSpec(
            name="ocpp_transaction_event_response",
            py_name="ocpp_transaction_event_response",
            adapter=TypeAdapter(_ocpp.OcppTransactionEventResponse),
        ),
        "charging_schedules": VariableSpec(
            name="charging_schedules",
            py_name="charging_schedules",
            adapter=TypeAdapter(_ocpp.ChargingSchedules),
        ),
        "connection_status": VariableSpec(
            name="connection_status",
            py_name="connection_status",
            adapter=TypeAdapter(_ocpp.ConnectionStatus),
        ),
        "security_event": VariableSpec(
            name="security_event",
            py_name="security_event",
            adapter=TypeAdapter(_ocpp.SecurityEvent),
        ),
        "event_data": VariableSpec(
            name="event_data",
            py_name="event_data",
            adapter=TypeAdapter(_ocpp.EventData),
        ),
        "boot_notification_response": VariableSpec(
            name="boot_notification_response",
            py_name="boot_notification_response",
            adapter=TypeAdapter(_ocpp.BootNotificationResponse),
        ),
        "ocpp_message": VariableSpec(
            name="ocpp_message",
            py_name="ocpp_message",
            adapter=TypeAdapter(_ocpp.Message),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
OcppHandler.INTERFACE = INTERFACE
OcppHandler.ERRORS = RAISABLE_ERRORS
OcppPublisher.INTERFACE = INTERFACE
OcppPublisher.ERRORS = RAISABLE_ERRORS
OcppClient.INTERFACE = INTERFACE
OcppClient.ERRORS = RAISABLE_ERRORS
