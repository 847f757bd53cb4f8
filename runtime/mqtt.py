"""The MQTT transport, wire-compatible with EVerest modules on the same broker.

One broker connection per module. It reconnects by itself (with backoff),
resubscribes everything, and ends calls in flight during an outage with
ConnectionLost instead of letting them hang. Messages published while the
broker is away (results, variables) wait in a bounded outbox and go out after
the reconnect.
"""

import asyncio
import logging
import os
import socket
import uuid
from collections import deque
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass
from typing import Any

import aiomqtt
from pydantic import ValidationError

from . import wire
from .dispatch import Provider
from .errors import (
    CmdTimeout,
    CommandError,
    ConnectionLost,
    MessageParsingError,
    NotReady,
    SchemaValidationError,
    Shutdown,
    error_for_event,
)
from .result_reader import ResultReader, result_reader
from .subscriptions import Callback, Subscriber, SubscriberSet
from .validation import (
    decode_result,
    describe_validation_error,
    encode_arguments_json,
    to_wire_json,
)

__all__ = ["MqttTransport"]

_log = logging.getLogger(__name__)

QOS = 2
"""EVerest sends everything with QoS 2."""


def _environment_port() -> int:
    raw = os.environ.get("EV_MQTT_BROKER_PORT", "1883")
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"EV_MQTT_BROKER_PORT={raw!r} is not a port number") from None


@dataclass
class _PendingCall:
    command: Any
    target: str
    future: "asyncio.Future[Any]"
    result_validated: bool = False
    """The future holds the validated result (ResultReader), not the wire retval."""


class MqttTransport:
    """A module's connection to an MQTT broker, speaking EVerest's protocol.

    Defaults come from EV_MQTT_BROKER_HOST / EV_MQTT_BROKER_PORT /
    EV_MQTT_EVEREST_PREFIX (else localhost, 1883, ``everest/``).
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
    ) -> None:
        self.host = host or os.environ.get("EV_MQTT_BROKER_HOST", "localhost")
        self.port = port if port is not None else _environment_port()
        self.topics = wire.Topics(
            wire.normalize_prefix(
                prefix or os.environ.get("EV_MQTT_EVEREST_PREFIX", wire.DEFAULT_PREFIX)
            )
        )
        self.connect_timeout = connect_timeout
        self.reconnect_delay = reconnect_delay
        self.max_reconnect_delay = max_reconnect_delay
        self.keepalive = keepalive
        self.module_id: str | None = None
        self._providers: list[Provider] = []
        # topic → (provider, command spec) for the commands this module serves
        self._commands: dict[str, tuple[Provider, Any]] = {}
        self._response_topics: set[str] = set()
        # response topic → the command answered on it, and its ResultReader once one came in
        self._response_commands: dict[str, Any] = {}
        self._result_readers: dict[str, ResultReader | None] = {}
        self._variables = SubscriberSet(on_empty=self._variable_unused)
        self._pending: dict[str, _PendingCall] = {}
        self._subscribed: set[str] = set()
        self._client: aiomqtt.Client | None = None
        self._connected = asyncio.Event()
        self._runner: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[Any]] = set()
        self._outbox: deque[tuple[str, bytes]] = deque(maxlen=outbox_limit)
        self._announced = False
        self._closing = False
        self.connections = 0
        """How many times the broker connection was (re)established."""

    # -- the Module side -------------------------------------------------

    @property
    def is_connected(self) -> bool:
        return self._client is not None

    async def wait_connected(self) -> None:
        """Wait until the broker connection is up (with subscriptions in place)."""
        await self._connected.wait()

    async def open(self, module_id: str, providers: Mapping[str, Provider]) -> None:
        self.module_id = module_id
        for impl_id, provider in providers.items():
            self._providers.append(provider)
            for command in provider.interface.commands.values():
                topic = self.topics.command(module_id, impl_id, command.name)
                self._commands[topic] = (provider, command)
        self._closing = False
        self._runner = asyncio.get_running_loop().create_task(self._run())
        connected = asyncio.ensure_future(self._connected.wait())
        done, _ = await asyncio.wait(
            {connected, self._runner},
            timeout=self.connect_timeout,
            return_when=asyncio.FIRST_COMPLETED,
        )
        if connected not in done:
            connected.cancel()
            await self.close()
            raise ConnectionError(
                f"module '{module_id}': no MQTT broker reachable at {self.host}:{self.port} "
                f"within {self.connect_timeout} s"
            )

    async def close(self) -> None:
        self._closing = True
        # Calls this module is serving end with a Shutdown response to their callers.
        for provider in self._providers:
            await provider.stop()
        for call_id in list(self._pending):
            self._fail(call_id, Shutdown, "the calling module stopped during the call")
        await self._variables.cancel_all()
        if self._background:
            # Let results and Shutdown responses already handed to the client go out.
            await asyncio.wait(set(self._background), timeout=2.0)
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
            self._runner = None
        self._providers.clear()
        self._commands.clear()
        self._outbox.clear()
        self._announced = False
        self._connected.clear()
        self.module_id = None

    def client(
        self,
        caller_id: str,
        interface: Any,
        module_id: str,
        impl_id: str,
        default_timeout: float | None,
    ) -> "MqttClient":
        for command in interface.commands.values():
            # Known before the call, so the reconnect resubscribes them with everything else.
            topic = self.topics.response(module_id, impl_id, command.name, caller_id)
            self._response_commands.setdefault(topic, command)
            if topic not in self._response_topics:
                self._response_topics.add(topic)
                if self._client is not None:
                    self._spawn(self._subscribe(topic))
        return MqttClient(self, caller_id, module_id, impl_id, default_timeout)

    def publisher(self, module_id: str, impl_id: str) -> "MqttPublisher":
        return MqttPublisher(self, module_id, impl_id)

    # -- calls -----------------------------------------------------------

    async def call(
        self,
        caller_id: str,
        module_id: str,
        impl_id: str,
        command: Any,
        arguments: dict[str, Any],
        timeout: float | None,
    ) -> Any:
        target = f"{module_id}:{impl_id}"
        if self.module_id is None or self._closing:
            raise NotReady(command.name, "the calling module is not started", target=target)
        arguments_json = encode_arguments_json(command, arguments, target=target)
        client = self._client
        if client is None:
            raise ConnectionLost(
                command.name,
                f"not connected to the MQTT broker at {self.host}:{self.port} (reconnecting)",
                target=target,
            )
        call_id = str(uuid.uuid4())
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[call_id] = _PendingCall(command, target, future)
        try:
            async with asyncio.timeout(timeout):
                response_topic = self.topics.response(module_id, impl_id, command.name, caller_id)
                self._response_commands.setdefault(response_topic, command)
                if response_topic not in self._subscribed:
                    # EVerest subscribes to the response topic before it publishes the call.
                    self._response_topics.add(response_topic)
                    await self._subscribe(response_topic)
                self._send(
                    self.topics.command(module_id, impl_id, command.name),
                    wire.encode_call(call_id, arguments_json, caller_id),
                    on_failure=call_id,
                )
                retval = await future
        except TimeoutError:
            raise CmdTimeout(command.name, f"no result within {timeout} s", target=target) from None
        except aiomqtt.MqttError as error:
            raise ConnectionLost(command.name, f"MQTT: {error}", target=target) from None
        finally:
            pending = self._pending.pop(call_id, None)
        if pending is not None and pending.result_validated:
            return retval
        return decode_result(command, retval, target=target)

    def _fail(self, call_id: str, error_class: type[CommandError], message: str) -> None:
        """End a call in flight with ``error_class``; a call already ended is left alone."""
        pending = self._pending.get(call_id)
        if pending is not None and not pending.future.done():
            pending.future.set_exception(
                error_class(pending.command.name, message, target=pending.target)
            )

    # -- variables -------------------------------------------------------

    def subscribe_variable(
        self, module_id: str, impl_id: str, variable: Any, callback: Callback
    ) -> Subscriber:
        topic = self.topics.variable(module_id, impl_id, variable.name)
        subscriber = self._variables.add(topic, variable, callback)
        if topic in self._subscribed:
            subscriber.mark_active()
        elif self._client is not None:
            self._spawn(self._subscribe(topic))
        return subscriber

    def _variable_unused(self, topic: str) -> None:
        if topic in self._subscribed:
            self._subscribed.discard(topic)
            client = self._client
            if client is not None and not self._closing:
                self._spawn(client.unsubscribe(topic))

    def publish_variable(self, module_id: str, impl_id: str, variable: Any, value: Any) -> None:
        try:
            valid = variable.adapter.validate_python(value)
        except ValidationError as error:
            raise SchemaValidationError(
                variable.name,
                f"variable value: {describe_validation_error(error)}",
                target=f"{module_id}:{impl_id}",
            ) from None
        self._send(
            self.topics.variable(module_id, impl_id, variable.name),
            wire.encode_variable(to_wire_json(variable.adapter, valid)),
        )

    # -- the connection --------------------------------------------------

    async def _run(self) -> None:
        delay = self.reconnect_delay
        while True:
            try:
                client = aiomqtt.Client(
                    self.host,
                    self.port,
                    identifier=f"{self.module_id}-{uuid.uuid4().hex[:12]}",
                    protocol=aiomqtt.ProtocolVersion.V311,
                    clean_session=True,
                    keepalive=self.keepalive,
                    # Without it Nagle + delayed ACKs stall each QoS 2 handshake step ~40 ms.
                    socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
                )
                async with client:
                    await self._on_connected(client)
                    delay = self.reconnect_delay
                    async for message in client.messages:
                        try:
                            self._route(message)
                        except Exception:  # one bad message must never stop the module
                            _log.exception(
                                "module '%s': message on %s could not be handled",
                                self.module_id,
                                message.topic,
                            )
            except aiomqtt.MqttError as error:
                _log.warning(
                    "module '%s': MQTT broker %s:%s: %s; reconnecting in %.1f s",
                    self.module_id,
                    self.host,
                    self.port,
                    error,
                    delay,
                )
            finally:
                self._on_disconnected()
            # Backoff between connection attempts (not a wait for a condition).
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.max_reconnect_delay)

    async def _on_connected(self, client: aiomqtt.Client) -> None:
        assert self.module_id is not None
        topics = sorted(set(self._commands) | self._response_topics | set(self._variables.keys()))
        if topics:
            await client.subscribe([(topic, QOS) for topic in topics])
        self._subscribed = set(topics)
        self._client = client
        self.connections += 1
        for subscriber in self._variables.all():
            subscriber.mark_active()
        if not self._announced:
            self._announced = True
            self._send(
                self.topics.module_ready(self.module_id), wire.encode(wire.MSG_MODULE_READY, True)
            )
        while self._outbox:
            self._send(*self._outbox.popleft())
        self._connected.set()
        _log.info(
            "module '%s' connected to MQTT broker %s:%s", self.module_id, self.host, self.port
        )

    def _on_disconnected(self) -> None:
        was_connected = self._client is not None
        self._client = None
        self._connected.clear()
        self._subscribed = set()
        if was_connected:
            for call_id in list(self._pending):
                self._fail(
                    call_id,
                    ConnectionLost,
                    f"the connection to the MQTT broker at {self.host}:{self.port} was lost "
                    "during the call",
                )

    async def _subscribe(self, topic: str) -> None:
        client = self._client
        if client is None:
            raise aiomqtt.MqttError(f"not connected, cannot subscribe to {topic}")
        await client.subscribe(topic, QOS)
        if self._client is client:
            self._subscribed.add(topic)
            for subscriber in self._variables.get(topic):
                subscriber.mark_active()

    def _send(self, topic: str, payload: bytes, *, on_failure: str | None = None) -> None:
        """Publish without waiting for the QoS 2 handshake; queue it while disconnected."""
        client = self._client
        if client is None:
            if on_failure is None:
                if len(self._outbox) == self._outbox.maxlen:
                    _log.warning("outbox full: dropping the oldest message")
                self._outbox.append((topic, payload))
            return
        task = self._spawn(client.publish(topic, payload, qos=QOS))
        if on_failure is not None:
            task.add_done_callback(lambda done: self._publish_failed(done, on_failure))

    def _publish_failed(self, task: "asyncio.Task[Any]", call_id: str) -> None:
        if task.cancelled() or task.exception() is None:
            return
        self._fail(call_id, ConnectionLost, f"MQTT publish failed: {task.exception()}")

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> "asyncio.Task[Any]":
        task = asyncio.get_running_loop().create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background_done)
        return task

    def _background_done(self, task: "asyncio.Task[Any]") -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _log.warning("module '%s': MQTT: %s", self.module_id, task.exception())

    # -- incoming messages -----------------------------------------------

    def _route(self, message: aiomqtt.Message) -> None:
        topic = message.topic.value
        payload = message.payload
        if not isinstance(payload, bytes | bytearray):
            payload = str(payload).encode()
        served = self._commands.get(topic)
        if served is not None:
            self._on_command(topic, served[0], served[1], bytes(payload))
        elif topic in self._response_topics:
            self._on_response(topic, bytes(payload))
        else:
            self._on_variable(topic, bytes(payload))

    def _on_command(self, topic: str, provider: Provider, command: Any, payload: bytes) -> None:
        try:
            call_id, arguments, origin = wire.decode_call(payload)
        except wire.WireFormatError as problem:
            if problem.call_id is None or problem.origin is None:
                _log.warning("%s: dropped a call nobody can be told about: %s", topic, problem)
                return
            _log.warning("%s: call from '%s': %s", topic, problem.origin, problem)
            self._send_error(
                topic, problem.call_id, problem.origin, MessageParsingError.EVENT, problem.reason
            )
            return
        provider.spawn(self._serve(topic, provider, command, call_id, arguments, origin))

    async def _serve(
        self,
        topic: str,
        provider: Provider,
        command: Any,
        call_id: Any,
        arguments: dict[str, Any],
        origin: str,
    ) -> None:
        try:
            result = await provider.invoke(command, arguments)
        except CommandError as error:
            self._send_error(
                topic, call_id, origin, error.event or "HandlerException", error.message
            )
            return
        except asyncio.CancelledError:
            self._send_error(topic, call_id, origin, Shutdown.EVENT, "the providing module stopped")
            raise
        retval = b"null" if command.result is None else to_wire_json(command.result, result)
        assert self.module_id is not None
        payload = wire.encode_result(call_id, self.module_id, retval)
        # Already in the call's own task: publishing inline saves a task per call.
        client = self._client
        if client is None:
            self._send(f"{topic}/response/{origin}", payload)
            return
        try:
            await client.publish(f"{topic}/response/{origin}", payload, qos=QOS)
        except aiomqtt.MqttError as error:
            _log.warning("%s: result for '%s' not sent: %s", topic, origin, error)

    def _send_error(
        self, topic: str, call_id: Any, origin: str, event: str | None, message: str
    ) -> None:
        assert self.module_id is not None and event is not None
        body = wire.error_body(call_id, self.module_id, event, message)
        self._send(f"{topic}/response/{origin}", wire.encode(wire.MSG_CMD_RESULT, body))

    def _on_response(self, topic: str, payload: bytes) -> None:
        if self._on_valid_result(topic, payload):
            return
        try:
            call_id, retval, error = wire.decode_result(payload)
        except wire.WireFormatError as problem:
            call_id = problem.call_id
            if isinstance(call_id, str) and call_id in self._pending:
                self._fail(call_id, MessageParsingError, f"bad response: {problem.reason}")
            else:
                _log.warning("%s: dropped a response: %s", topic, problem)
            return
        pending = self._pending.get(call_id) if isinstance(call_id, str) else None
        if pending is None or pending.future.done():
            return  # another caller with this module id, or a call already ended
        if error is None:
            pending.future.set_result(retval)
        else:
            event, message = error
            pending.future.set_exception(
                error_for_event(event, pending.command.name, message, target=pending.target)
            )

    def _on_valid_result(self, topic: str, payload: bytes) -> bool:
        """The fast path of ``_on_response``: True when ``payload`` was a valid result."""
        if topic in self._result_readers:
            reader = self._result_readers[topic]
        else:
            command = self._response_commands.get(topic)
            reader = None if command is None else result_reader(command)
            self._result_readers[topic] = reader
        if reader is None:
            return False
        read = reader.read(payload)
        if read is None:
            return False
        call_id, result = read
        pending = self._pending.get(call_id)
        if pending is None or pending.future.done():
            return True  # another caller with this module id, or a call already ended
        if pending.command is not reader.command:
            return False  # read with another interface's types: validate it the explicit way
        pending.result_validated = True
        pending.future.set_result(result)
        return True

    def _on_variable(self, topic: str, payload: bytes) -> None:
        subscribers = self._variables.get(topic)
        if not subscribers:
            return
        try:
            value = wire.decode_variable(payload)
        except wire.WireFormatError as problem:
            _log.warning("%s: dropped a variable value: %s", topic, problem)
            return
        for subscriber in list(subscribers):
            try:
                delivered = subscriber.variable.adapter.validate_python(value)
            except ValidationError as error:
                # EVerest ignores a value that does not match the schema, and so do we.
                _log.warning("%s: ignored a value: %s", topic, describe_validation_error(error))
                continue
            subscriber.deliver(delivered)


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

    async def call(self, command: Any, arguments: dict[str, Any], timeout: float | None) -> Any:
        return await self._transport.call(
            self._caller_id,
            self._module_id,
            self._impl_id,
            command,
            arguments,
            self._default_timeout if timeout is None else timeout,
        )

    def subscribe(self, variable: Any, callback: Callback) -> Subscriber:
        return self._transport.subscribe_variable(
            self._module_id, self._impl_id, variable, callback
        )


class MqttPublisher:
    """PublisherTransport sending variable values of one implementation over MQTT."""

    def __init__(self, transport: MqttTransport, module_id: str, impl_id: str) -> None:
        self._transport = transport
        self._module_id = module_id
        self._impl_id = impl_id

    def publish(self, variable: Any, value: Any) -> None:
        self._transport.publish_variable(self._module_id, self._impl_id, variable, value)
