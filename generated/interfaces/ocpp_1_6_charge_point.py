"""This interface defines a OCPP 1.6 charge point

Generated from interfaces/ocpp_1_6_charge_point.yaml. Do not edit: regenerate.
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


class Ocpp16ChargePointHandler(abc.ABC):
    """Provides ocpp_1_6_charge_point: implement every ``handle_*`` method."""

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
    async def handle_get_configuration_key(self, keys: list[str]) -> _ocpp.GetConfigurationResponse:
        """Gets the response to the requested configuration key containing a list of the values
        of the requested keys and a list of the keys that are unknown

        Args:
            keys: List of keys for which the values are requested. If empty, all keys and values
                are returned

        Returns:
            Response to the requested operation
        """

    @abc.abstractmethod
    async def handle_set_configuration_key(self, key: str, value: str) -> _ocpp.ConfigurationStatus:
        """Command to set a configuration key

        Args:
            key: Key that should be set
            value: Value that should be set for the given key

        Returns:
            Indicates the result of the requested operation
        """

    @abc.abstractmethod
    async def handle_monitor_configuration_keys(self, keys: list[str]) -> None:
        """Monitors the given configuration key. In case this configuration keys is changed by
        the CSMS the configuration key the changed configuration key will be published.
        Consecutive calls of this operation will not override but extend the existing monitors

        Args:
            keys: Keys that should be monitored
        """

    @abc.abstractmethod
    async def handle_security_event(self, type: str, info: str) -> None:
        """Triggers a SecurityEventNotification.req at the CSMS. This event is queued with a
        guaranteed delivery to the CSMS.

        Args:
            type: type of the security event
            info: Additional information about the occurred security event
        """


class Ocpp16ChargePointPublisher:
    """Publishes the variables of ocpp_1_6_charge_point, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_is_connected(self, value: bool) -> None:
        """Indicates if chargepoint is connected to CSMS"""
        self._transport.publish(INTERFACE.variables["is_connected"], value)

    def publish_configuration_key(self, value: _ocpp.KeyValue) -> None:
        """Published when a configuration key has been changed by the CSMS and a monitor has been
        registered using the command monitor_configuration_keys"""
        self._transport.publish(INTERFACE.variables["configuration_key"], value)

    def publish_security_event(self, value: _ocpp.SecurityEvent) -> None:
        """Published when an internal security event occurred"""
        self._transport.publish(INTERFACE.variables["security_event"], value)


class Ocpp16ChargePointClient:
    """Calls the commands of a module providing ocpp_1_6_charge_point, subscribes to its
    variables.

    What each command and variable means is documented on ``Ocpp16ChargePointHandler`` and
    ``Ocpp16ChargePointPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def stop(self, *, timeout: float | None = None) -> bool:
        """Call ``stop``: see ``Ocpp16ChargePointHandler.handle_stop``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["stop"], {}, timeout)
        return cast(bool, result)

    async def restart(self, *, timeout: float | None = None) -> bool:
        """Call ``restart``: see ``Ocpp16ChargePointHandler.handle_restart``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["restart"], {}, timeout)
        return cast(bool, result)

    async def get_configuration_key(
        self,
        keys: list[str],
        *,
        timeout: float | None = None,
    ) -> _ocpp.GetConfigurationResponse:
        """Call ``get_configuration_key``: see
        ``Ocpp16ChargePointHandler.handle_get_configuration_key``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_configuration_key"],
            {"keys": keys},
            timeout,
        )
        return cast(_ocpp.GetConfigurationResponse, result)

    async def set_configuration_key(
        self,
        key: str,
        value: str,
        *,
        timeout: float | None = None,
    ) -> _ocpp.ConfigurationStatus:
        """Call ``set_configuration_key``: see
        ``Ocpp16ChargePointHandler.handle_set_configuration_key``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["set_configuration_key"],
            {"key": key, "value": value},
            timeout,
        )
        return cast(_ocpp.ConfigurationStatus, result)

    async def monitor_configuration_keys(
        self,
        keys: list[str],
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``monitor_configuration_keys``: see
        ``Ocpp16ChargePointHandler.handle_monitor_configuration_keys``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["monitor_configuration_keys"],
            {"keys": keys},
            timeout,
        )

    async def security_event(self, type: str, info: str, *, timeout: float | None = None) -> None:
        """Call ``security_event``: see ``Ocpp16ChargePointHandler.handle_security_event``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["security_event"],
            {"type": type, "info": info},
            timeout,
        )

    def subscribe_is_connected(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``Ocpp16ChargePointPublisher.publish_is_connected``."""
        return self._transport.subscribe(INTERFACE.variables["is_connected"], callback)

    def subscribe_configuration_key(
        self,
        callback: Callable[[_ocpp.KeyValue], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``Ocpp16ChargePointPublisher.publish_configuration_key``."""
        return self._transport.subscribe(INTERFACE.variables["configuration_key"], callback)

    def subscribe_security_event(
        self,
        callback: Callable[[_ocpp.SecurityEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``Ocpp16ChargePointPublisher.publish_security_event``."""
        return self._transport.subscribe(INTERFACE.variables["security_event"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ocpp_1_6_charge_point",
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
        "get_configuration_key": CommandSpec(
            name="get_configuration_key",
            py_name="get_configuration_key",
            arguments=(
                ArgumentSpec(
                    name="keys",
                    py_name="keys",
                    adapter=TypeAdapter(list[JsonString], config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_ocpp.GetConfigurationResponse),
        ),
        "set_configuration_key": CommandSpec(
            name="set_configuration_key",
            py_name="set_configuration_key",
            arguments=(
                ArgumentSpec(
                    name="key",
                    py_name="key",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_ocpp.ConfigurationStatus),
        ),
        "monitor_configuration_keys": CommandSpec(
            name="monitor_configuration_keys",
            py_name="monitor_configuration_keys",
            arguments=(
                ArgumentSpec(
                    name="keys",
                    py_name="keys",
                    adapter=TypeAdapter(list[JsonString], config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "security_event": CommandSpec(
            name="security_event",
            py_name="security_event",
            arguments=(
                ArgumentSpec(
                    name="type",
                    py_name="type",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="info",
                    py_name="info",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "is_connected": VariableSpec(
            name="is_connected",
            py_name="is_connected",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "configuration_key": VariableSpec(
            name="configuration_key",
            py_name="configuration_key",
            adapter=TypeAdapter(_ocpp.KeyValue),
        ),
        "security_event": VariableSpec(
            name="security_event",
            py_name="security_event",
            adapter=TypeAdapter(_ocpp.SecurityEvent),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
Ocpp16ChargePointHandler.INTERFACE = INTERFACE
Ocpp16ChargePointHandler.ERRORS = RAISABLE_ERRORS
Ocpp16ChargePointPublisher.INTERFACE = INTERFACE
Ocpp16ChargePointPublisher.ERRORS = RAISABLE_ERRORS
Ocpp16ChargePointClient.INTERFACE = INTERFACE
Ocpp16ChargePointClient.ERRORS = RAISABLE_ERRORS
