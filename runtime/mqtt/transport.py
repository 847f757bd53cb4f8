"""The MQTT transport, wire-compatible with EVerest modules on the same broker.

One broker connection per module (``connection``). On top of it: serving this module's
commands (``serving``), calling other modules' commands (``calls``) and variables
(``variables``). This class wires them together and routes each incoming message.
"""

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from .. import wire
from ..contract import CommandSpec, VariableSpec
from ..dispatch import Provider
from ..errors import ConnectionLost, NotReady, Shutdown
from ..subscriptions import Callback, Subscriber
from .calls import CommandCaller
from .connection import BrokerConnection
from .serving import CommandServer
from .variables import VariableChannel

__all__ = ["ConnectionWatcher", "MqttClient", "MqttPublisher", "MqttTransport", "TopicHandler"]

TopicHandler = Callable[[str, bytes], None]
"""Receives the messages of one exact topic routed with ``MqttTransport.route``."""

ConnectionWatcher = Callable[[bool], None]
"""Told True on every (re)connection and False on every loss."""

_log = logging.getLogger(__name__)


def _environment_port() -> int:
    raw = os.environ.get("EV_MQTT_BROKER_PORT", "1883")
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"EV_MQTT_BROKER_PORT={raw!r} is not a port number") from None


class MqttTransport:
    """A module's connection to an MQTT broker, speaking EVerest's protocol.

    Defaults come from EV_MQTT_BROKER_HOST / EV_MQTT_BROKER_PORT /
    EV_MQTT_EVEREST_PREFIX (else localhost, 1883, ``everest/``).

    It reconnects by itself (with back-off), resubscribes everything, and ends calls in
    flight during an outage with ConnectionLost instead of letting them hang. Results and
    variables published while the broker is away wait in a bounded outbox.

    Incoming messages are not queued: each is handed on as it is read from the socket
    (served calls are bounded by ``max_calls_served``), so a fast peer is slowed down by
    TCP and the broker. ``incoming_limit`` is accepted for compatibility and unused.
    """

    def __init__(
        self,
        host: str | None = None,
        port: int | None = None,
        *,
        prefix: str | None = None,
        connect_timeout: float = 10.0,
        reconnect_delay: float = 0.2,
        max_reconnect_delay: float = 5.0,
        keepalive: int = 60,
        outbox_limit: int = 10_000,
        incoming_limit: int = 10_000,
        max_calls_served: int = 1_000,
        max_calls_pending: int = 1_000,
        socket_path: str | None = None,
        announce_ready: bool = True,
    ) -> None:
        self.host = host or os.environ.get("EV_MQTT_BROKER_HOST", "localhost")
        self.port = port if port is not None else _environment_port()
        # False when the EVerest lifecycle (runtime.hosting) decides when ModuleReady goes out.
        self.announce_ready = announce_ready
        self._routes: dict[str, TopicHandler] = {}
        self._watchers: list[ConnectionWatcher] = []
        self.topics = wire.Topics(
            wire.normalize_prefix(
                # None: not given. An empty prefix is a prefix (topics start with modules/).
                prefix
                if prefix is not None
                else os.environ.get("EV_MQTT_EVEREST_PREFIX", wire.DEFAULT_PREFIX)
            )
        )
        self.connect_timeout = connect_timeout
        self.module_id: str | None = None
        self._connection = BrokerConnection(
            self.host,
            self.port,
            self,
            keepalive=keepalive,
            reconnect_delay=reconnect_delay,
            max_reconnect_delay=max_reconnect_delay,
            outbox_limit=outbox_limit,
            connect_timeout=connect_timeout,
            socket_path=socket_path,
        )
        # Per implementation served, and for the calls this module makes: peers can send
        # calls faster than handlers finish, and a handler can call faster than peers answer.
        self._server = CommandServer(self._connection, self.topics, max_calls_served)
        self._caller = CommandCaller(self._connection, self.topics, max_calls_pending)
        self._variables = VariableChannel(self._connection, self.topics)
        self._announced = False
        self._closing = False

    @property
    def reconnect_delay(self) -> float:
        return self._connection.reconnect_delay

    @property
    def max_reconnect_delay(self) -> float:
        return self._connection.max_reconnect_delay

    @property
    def keepalive(self) -> int:
        return self._connection.keepalive

    @property
    def connections(self) -> int:
        """How many times the broker connection was (re)established."""
        return self._connection.connections

    @property
    def is_connected(self) -> bool:
        return self._connection.is_connected

    async def wait_connected(self) -> None:
        """Wait until the broker connection is up (with subscriptions in place)."""
        await self._connection.wait_connected()

    # -- the Module side -------------------------------------------------

    async def open(self, module_id: str, providers: Mapping[str, Provider]) -> None:
        self._server.serve(module_id, providers)
        await self.connect(module_id)

    async def connect(self, module_id: str) -> None:
        """Connect as ``module_id`` without serving anything yet (see ``serve``)."""
        self.module_id = module_id
        self._closing = False
        if not await self._connection.start(module_id, self.connect_timeout):
            await self.close()
            raise ConnectionError(
                f"module '{module_id}': no MQTT broker reachable at {self._connection.address} "
                f"within {self.connect_timeout} s"
            )

    async def serve(self, providers: Mapping[str, Provider]) -> None:
        """Serve ``providers`` on a connected transport; returns once the broker confirmed
        every command subscription, so a peer told "ready" afterwards reaches the handlers."""
        if self.module_id is None:
            raise RuntimeError("serve() needs a connected transport: call connect() first")
        self._server.serve(self.module_id, providers)
        for impl_id, provider in providers.items():
            for command in provider.interface.commands.values():
                await self._connection.subscribe(
                    self.topics.command(self.module_id, impl_id, command.name)
                )

    # -- raw topics (the EVerest lifecycle, errors) -------------------------

    def route(self, topic: str, handler: TopicHandler) -> None:
        """Deliver the messages of exactly ``topic`` to ``handler`` (subscribe separately)."""
        self._routes[topic] = handler

    def watch_connection(self, watcher: ConnectionWatcher) -> None:
        self._watchers.append(watcher)

    async def subscribe(self, topic: str) -> None:
        """Subscribe and wait for the broker's SUBACK; resubscribed after a reconnect."""
        await self._connection.subscribe(topic)

    async def unsubscribe(self, topic: str) -> None:
        self._connection.unwant(topic)

    async def publish(self, topic: str, payload: bytes) -> None:
        """Publish (QoS 2, not retained) and wait for the handshake."""
        await self._connection.publish(topic, payload)

    async def close(self) -> None:
        self._closing = True
        self._connection.begin_close()
        await self._server.stop()
        self._caller.fail_all(Shutdown, "the calling module stopped during the call")
        await self._variables.cancel_all()
        await self._connection.close()
        self._server.clear()
        self._announced = False
        self.module_id = None

    def client(
        self,
        caller_id: str,
        interface: Any,
        module_id: str,
        impl_id: str,
        default_timeout: float | None,
    ) -> "MqttClient":
        self._caller.expect_responses(caller_id, interface, module_id, impl_id)
        return MqttClient(self, caller_id, module_id, impl_id, default_timeout)

    def publisher(self, module_id: str, impl_id: str) -> "MqttPublisher":
        return MqttPublisher(self, module_id, impl_id)

    async def call(
        self,
        caller_id: str,
        module_id: str,
        impl_id: str,
        command: CommandSpec,
        arguments: dict[str, Any],
        timeout: float | None,
    ) -> Any:
        if self.module_id is None or self._closing:
            raise NotReady(
                command.name, "the calling module is not started", target=f"{module_id}:{impl_id}"
            )
        return await self._caller.call(caller_id, module_id, impl_id, command, arguments, timeout)

    def subscribe_variable(
        self, module_id: str, impl_id: str, variable: VariableSpec, callback: Callback
    ) -> Subscriber:
        return self._variables.subscribe(module_id, impl_id, variable, callback)

    def publish_variable(
        self, module_id: str, impl_id: str, variable: VariableSpec, value: Any
    ) -> None:
        self._variables.publish(module_id, impl_id, variable, value)

    # -- ConnectionEvents ------------------------------------------------

    def on_message(self, topic: str, payload: bytes) -> None:
        routed = self._routes.get(topic)
        if routed is not None:
            routed(topic, payload)
            return
        served = self._server.command_on(topic)
        if served is not None:
            self._server.call_received(topic, served, payload)
        elif self._caller.answers_on(topic):
            self._caller.response_received(topic, payload)
        else:
            self._variables.value_received(topic, payload)

    def on_subscribed(self, topic: str) -> None:
        self._variables.mark_active(topic)

    def on_connected(self) -> None:
        self._variables.mark_all_active()
        for watcher in list(self._watchers):
            watcher(True)
        if self.announce_ready and not self._announced and self.module_id is not None:
            self._announced = True
            self._connection.send(
                self.topics.module_ready(self.module_id), wire.encode(wire.MSG_MODULE_READY, True)
            )

    def on_disconnected(self) -> None:
        self._caller.fail_all(
            ConnectionLost,
            f"the connection to the MQTT broker at {self._connection.address} was lost "
            "during the call",
        )
        for watcher in list(self._watchers):
            watcher(False)


class MqttClient:
    """ClientTransport for calls to one implementation over MQTT."""

    def __init__(
        self,
        transport: MqttTransport,
        caller_id: str,
        module_id: str,
        impl_id: str,
        default_timeout: float | None,
    ) -> None:
        self._transport = transport
        self._caller_id = caller_id
        self._module_id = module_id
        self._impl_id = impl_id
        self._default_timeout = default_timeout

    async def call(
        self, command: CommandSpec, arguments: dict[str, Any], timeout: float | None
    ) -> Any:
        return await self._transport.call(
            self._caller_id,
            self._module_id,
            self._impl_id,
            command,
            arguments,
            self._default_timeout if timeout is None else timeout,
        )

    def subscribe(self, variable: VariableSpec, callback: Callback) -> Subscriber:
        return self._transport.subscribe_variable(
            self._module_id, self._impl_id, variable, callback
        )


class MqttPublisher:
    """PublisherTransport sending variable values of one implementation over MQTT."""

    def __init__(self, transport: MqttTransport, module_id: str, impl_id: str) -> None:
        self._transport = transport
        self._module_id = module_id
        self._impl_id = impl_id

    def publish(self, variable: VariableSpec, value: Any) -> None:
        self._transport.publish_variable(self._module_id, self._impl_id, variable, value)
