"""An OCPP 1.6-J charge point connected to a central system (CSMS)

Generated from interfaces/ocpp_1_6_charge_point.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from pydantic import Field, TypeAdapter

from .._support import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from ..types import ocpp as _ocpp

RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="ocpp_1_6_charge_point",
    description="An OCPP 1.6-J charge point connected to a central system (CSMS)",
    commands={
        "stop": CommandSpec(
            name="stop",
            py_name="stop",
            description=(
                "Closes the websocket connection and stops all OCPP "
                "communication. Messages queued until then are dropped and not "
                "sent after a later restart."
            ),
            arguments=(),
            result=TypeAdapter(bool),
            result_description=(
                "True when the charge point was stopped, false when it already was"
            ),
            handler_method="handle_stop",
        ),
        "restart": CommandSpec(
            name="restart",
            py_name="restart",
            description=("Reconnects the websocket and resumes OCPP communication after a stop."),
            arguments=(),
            result=TypeAdapter(bool),
            result_description=(
                "True when the charge point was restarted, false when it was not stopped"
            ),
            handler_method="handle_restart",
        ),
        "get_configuration_key": CommandSpec(
            name="get_configuration_key",
            py_name="get_configuration_key",
            description=(
                "Reads configuration keys: the values of the keys the charge "
                "point knows and the list of keys it does not know."
            ),
            arguments=(
                ArgumentSpec(
                    name="keys",
                    py_name="keys",
                    description="Names of the keys to read; an empty list reads every key",
                    adapter=TypeAdapter(list[Annotated[str, Field(max_length=50)]]),
                ),
            ),
            result=TypeAdapter(_ocpp.GetConfigurationResponse),
            result_description="The known keys with their values and the unknown keys",
            handler_method="handle_get_configuration_key",
        ),
        "set_configuration_key": CommandSpec(
            name="set_configuration_key",
            py_name="set_configuration_key",
            description=(
                "Changes a configuration key, with the same checks as a "
                "ChangeConfiguration request from the CSMS."
            ),
            arguments=(
                ArgumentSpec(
                    name="key",
                    py_name="key",
                    description="Name of the key to change",
                    adapter=TypeAdapter(Annotated[str, Field(max_length=50)]),
                ),
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    description="The new value",
                    adapter=TypeAdapter(Annotated[str, Field(max_length=500)]),
                ),
            ),
            result=TypeAdapter(_ocpp.ConfigurationStatus),
            result_description=(
                "Whether the change was accepted, rejected, needs a reboot or the"
                " key is not supported"
            ),
            handler_method="handle_set_configuration_key",
        ),
        "monitor_configuration_keys": CommandSpec(
            name="monitor_configuration_keys",
            py_name="monitor_configuration_keys",
            description=(
                "Watches configuration keys: whenever the CSMS changes one of "
                "them, its new value is published on configuration_key. Each call"
                " adds to the keys already watched."
            ),
            arguments=(
                ArgumentSpec(
                    name="keys",
                    py_name="keys",
                    description="Names of the keys to watch",
                    adapter=TypeAdapter(list[Annotated[str, Field(max_length=50)]]),
                ),
            ),
            result=None,
            result_description="",
            handler_method="handle_monitor_configuration_keys",
        ),
        "security_event": CommandSpec(
            name="security_event",
            py_name="security_event",
            description=(
                "Sends a SecurityEventNotification to the CSMS. The event is "
                "stored first and delivered once the CSMS has accepted the charge"
                " point, even across outages."
            ),
            arguments=(
                ArgumentSpec(
                    name="type",
                    py_name="type",
                    description="Name of the security event",
                    adapter=TypeAdapter(Annotated[str, Field(max_length=50)]),
                ),
                ArgumentSpec(
                    name="info",
                    py_name="info",
                    description="Free text about the event (techInfo)",
                    adapter=TypeAdapter(Annotated[str, Field(max_length=255)]),
                ),
            ),
            result=None,
            result_description="",
            handler_method="handle_security_event",
        ),
    },
    variables={
        "is_connected": VariableSpec(
            name="is_connected",
            py_name="is_connected",
            description="True while the websocket connection to the CSMS is open",
            adapter=TypeAdapter(bool),
        ),
        "configuration_key": VariableSpec(
            name="configuration_key",
            py_name="configuration_key",
            description=(
                "A watched configuration key (see monitor_configuration_keys) "
                "after the CSMS changed it"
            ),
            adapter=TypeAdapter(_ocpp.KeyValue),
        ),
        "security_event": VariableSpec(
            name="security_event",
            py_name="security_event",
            description="Every security event of the charge point, critical or not",
            adapter=TypeAdapter(_ocpp.SecurityEvent),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""


class Ocpp16ChargePointHandler(abc.ABC):
    """Provides ocpp_1_6_charge_point: implement every ``handle_*`` method.

    An OCPP 1.6-J charge point connected to a central system (CSMS)
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

    @abc.abstractmethod
    async def handle_stop(self) -> bool:
        """Closes the websocket connection and stops all OCPP communication. Messages queued
        until then are dropped and not sent after a later restart.

        Returns:
            True when the charge point was stopped, false when it already was
        """

    @abc.abstractmethod
    async def handle_restart(self) -> bool:
        """Reconnects the websocket and resumes OCPP communication after a stop.

        Returns:
            True when the charge point was restarted, false when it was not stopped
        """

    @abc.abstractmethod
    async def handle_get_configuration_key(self, keys: list[str]) -> _ocpp.GetConfigurationResponse:
        """Reads configuration keys: the values of the keys the charge point knows and the list
        of keys it does not know.

        Args:
            keys: Names of the keys to read; an empty list reads every key

        Returns:
            The known keys with their values and the unknown keys
        """

    @abc.abstractmethod
    async def handle_set_configuration_key(self, key: str, value: str) -> _ocpp.ConfigurationStatus:
        """Changes a configuration key, with the same checks as a ChangeConfiguration request
        from the CSMS.

        Args:
            key: Name of the key to change
            value: The new value

        Returns:
            Whether the change was accepted, rejected, needs a reboot or the key is not
            supported
        """

    @abc.abstractmethod
    async def handle_monitor_configuration_keys(self, keys: list[str]) -> None:
        """Watches configuration keys: whenever the CSMS changes one of them, its new value is
        published on configuration_key. Each call adds to the keys already watched.

        Args:
            keys: Names of the keys to watch
        """

    @abc.abstractmethod
    async def handle_security_event(self, type: str, info: str) -> None:
        """Sends a SecurityEventNotification to the CSMS. The event is stored first and delivered
        once the CSMS has accepted the charge point, even across outages.

        Args:
            type: Name of the security event
            info: Free text about the event (techInfo)
        """


class Ocpp16ChargePointPublisher:
    """Publishes the variables of ocpp_1_6_charge_point.

    For the module that provides the interface.
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_is_connected(self, value: bool) -> None:
        """True while the websocket connection to the CSMS is open"""
        self._transport.publish(INTERFACE.variables["is_connected"], value)

    def publish_configuration_key(self, value: _ocpp.KeyValue) -> None:
        """A watched configuration key (see monitor_configuration_keys) after the CSMS changed it"""
        self._transport.publish(INTERFACE.variables["configuration_key"], value)

    def publish_security_event(self, value: _ocpp.SecurityEvent) -> None:
        """Every security event of the charge point, critical or not"""
        self._transport.publish(INTERFACE.variables["security_event"], value)


class Ocpp16ChargePointClient:
    """Uses a module that provides ocpp_1_6_charge_point.

    Calls its commands and subscribes to its variables.
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def stop(self, *, timeout: float | None = None) -> bool:
        """Closes the websocket connection and stops all OCPP communication. Messages queued
        until then are dropped and not sent after a later restart.

        Args:
            timeout: Seconds to wait for the result; None uses the module's default.

        Returns:
            True when the charge point was stopped, false when it already was
        """
        result = await self._transport.call(
            INTERFACE.commands["stop"],
            {},
            timeout,
        )
        return cast(bool, result)

    async def restart(self, *, timeout: float | None = None) -> bool:
        """Reconnects the websocket and resumes OCPP communication after a stop.

        Args:
            timeout: Seconds to wait for the result; None uses the module's default.

        Returns:
            True when the charge point was restarted, false when it was not stopped
        """
        result = await self._transport.call(
            INTERFACE.commands["restart"],
            {},
            timeout,
        )
        return cast(bool, result)

    async def get_configuration_key(
        self, keys: list[str], *, timeout: float | None = None
    ) -> _ocpp.GetConfigurationResponse:
        """Reads configuration keys: the values of the keys the charge point knows and the list
        of keys it does not know.

        Args:
            keys: Names of the keys to read; an empty list reads every key
            timeout: Seconds to wait for the result; None uses the module's default.

        Returns:
            The known keys with their values and the unknown keys
        """
        result = await self._transport.call(
            INTERFACE.commands["get_configuration_key"],
            {
                "keys": keys,
            },
            timeout,
        )
        return cast(_ocpp.GetConfigurationResponse, result)

    async def set_configuration_key(
        self, key: str, value: str, *, timeout: float | None = None
    ) -> _ocpp.ConfigurationStatus:
        """Changes a configuration key, with the same checks as a ChangeConfiguration request
        from the CSMS.

        Args:
            key: Name of the key to change
            value: The new value
            timeout: Seconds to wait for the result; None uses the module's default.

        Returns:
            Whether the change was accepted, rejected, needs a reboot or the key is not
            supported
        """
        result = await self._transport.call(
            INTERFACE.commands["set_configuration_key"],
            {
                "key": key,
                "value": value,
            },
            timeout,
        )
        return cast(_ocpp.ConfigurationStatus, result)

    async def monitor_configuration_keys(
        self, keys: list[str], *, timeout: float | None = None
    ) -> None:
        """Watches configuration keys: whenever the CSMS changes one of them, its new value is
        published on configuration_key. Each call adds to the keys already watched.

        Args:
            keys: Names of the keys to watch
            timeout: Seconds to wait for the result; None uses the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["monitor_configuration_keys"],
            {
                "keys": keys,
            },
            timeout,
        )

    async def security_event(self, type: str, info: str, *, timeout: float | None = None) -> None:
        """Sends a SecurityEventNotification to the CSMS. The event is stored first and delivered
        once the CSMS has accepted the charge point, even across outages.

        Args:
            type: Name of the security event
            info: Free text about the event (techInfo)
            timeout: Seconds to wait for the result; None uses the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["security_event"],
            {
                "type": type,
                "info": info,
            },
            timeout,
        )

    def subscribe_is_connected(
        self, callback: Callable[[bool], Awaitable[None] | None]
    ) -> Subscription:
        """Call ``callback`` with every published value of is_connected.

        True while the websocket connection to the CSMS is open
        """
        return self._transport.subscribe(INTERFACE.variables["is_connected"], callback)

    def subscribe_configuration_key(
        self, callback: Callable[[_ocpp.KeyValue], Awaitable[None] | None]
    ) -> Subscription:
        """Call ``callback`` with every published value of configuration_key.

        A watched configuration key (see monitor_configuration_keys) after the CSMS changed it
        """
        return self._transport.subscribe(INTERFACE.variables["configuration_key"], callback)

    def subscribe_security_event(
        self, callback: Callable[[_ocpp.SecurityEvent], Awaitable[None] | None]
    ) -> Subscription:
        """Call ``callback`` with every published value of security_event.

        Every security event of the charge point, critical or not
        """
        return self._transport.subscribe(INTERFACE.variables["security_event"], callback)
