"""One broker connection attempt: a paho-mqtt client driven by the asyncio loop itself.

paho parses and builds the MQTT packets and runs the QoS handshakes; this module feeds it
socket readiness from the event loop (``add_reader``/``add_writer``) instead of a thread.
Incoming messages go straight from paho's callback to the transport, with no queue or task
in between, and a publish is written to the socket inside the ``publish`` call (paho only
defers a write when the socket buffer is full; the writer callback then finishes it).
"""

import asyncio
import logging
import socket
from collections.abc import Callable
from typing import Any

from paho.mqtt import client as paho
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode, MQTTProtocolVersion

__all__ = ["QOS", "BrokerError", "BrokerSession", "MessageSink"]

_log = logging.getLogger(__name__)

QOS = 2
"""EVerest sends everything with QoS 2."""

KEEPALIVE_TICK = 1.0
"""How often paho checks its keep-alive (PINGREQ due, PINGRESP overdue), in seconds."""

MessageSink = Callable[[str, bytes], None]


class BrokerError(ConnectionError):
    """The broker could not be reached, or an operation on it failed."""


class BrokerSession:
    """One MQTT 3.1.1 clean session, from connect until it is lost or closed.

    Everything runs in the event loop's thread except the blocking TCP connect, which
    paho makes itself and which therefore runs in the loop's default executor.
    """

    def __init__(
        self,
        on_message: MessageSink,
        client_id: str,
        *,
        host: str,
        port: int,
        keepalive: int,
        socket_path: str | None = None,
    ) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_message = on_message
        self._host = host
        self._port = port
        self._keepalive = keepalive
        self._socket_path = socket_path
        client = paho.Client(
            CallbackAPIVersion.VERSION2,
            client_id=client_id,
            clean_session=True,
            protocol=MQTTProtocolVersion.MQTTv311,
            transport="unix" if socket_path else "tcp",
            reconnect_on_failure=False,
        )
        client.on_connect = self._connack_received
        client.on_disconnect = self._disconnected
        client.on_message = self._message_received
        client.on_publish = self._acknowledged
        client.on_subscribe = self._suback_received
        self._client = client
        self._socket: Any = None
        self._writing = False
        self._ticker: asyncio.TimerHandle | None = None
        self._connack: asyncio.Future[None] = self._loop.create_future()
        self.lost: asyncio.Future[BrokerError] = self._loop.create_future()
        """Resolves (with the reason) once the connection is lost or closed."""
        # message id → whoever waits for its PUBCOMP or SUBACK
        self._waiters: dict[int, asyncio.Future[Any]] = {}
        self._unacknowledged: set[int] = set()
        self._all_acknowledged = asyncio.Event()
        self._all_acknowledged.set()

    # -- connecting ------------------------------------------------------

    async def open(self, timeout: float) -> None:
        """Connect and wait for the broker's CONNACK; BrokerError if that fails."""
        try:
            async with asyncio.timeout(timeout):
                await self._loop.run_in_executor(None, self._connect_blocking)
                self._attach()
                await self._connack
        except TimeoutError:
            self.close()
            raise BrokerError(f"no CONNACK within {timeout} s") from None
        except (OSError, ValueError) as error:
            self.close()
            if isinstance(error, BrokerError):
                raise
            raise BrokerError(f"cannot connect: {error}") from None

    def _connect_blocking(self) -> None:
        if self._socket_path:
            # paho connects a Unix socket at `host`; the port is only checked for sanity.
            self._client.connect(self._socket_path, 1883, self._keepalive)
        else:
            self._client.connect(self._host, self._port, self._keepalive)

    def _attach(self) -> None:
        """Hand the connected socket to the event loop."""
        sock = self._client.socket()
        if sock is None:
            raise BrokerError("the connection closed while it was being set up")
        if not self._socket_path:
            # Without it Nagle + delayed ACKs stall each QoS 2 handshake step ~40 ms.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket = sock
        self._client.on_socket_close = self._socket_closed
        self._loop.add_reader(sock, self._readable)
        self._ticker = self._loop.call_later(KEEPALIVE_TICK, self._tick)
        self._flush()

    # -- operations ------------------------------------------------------

    def publish_nowait(self, topic: str, payload: bytes) -> None:
        """Publish with QoS 2; the handshake completes in the background."""
        try:
            info = self._client.publish(topic, payload, qos=QOS)
        except ValueError as error:  # paho's own topic and payload checks
            raise BrokerError(f"cannot publish to {topic!r}: {error}") from None
        self._check(info.rc, f"publish to {topic}")
        self._unacknowledged.add(info.mid)
        self._all_acknowledged.clear()
        self._flush()

    async def publish(self, topic: str, payload: bytes) -> None:
        """Publish with QoS 2 and wait for the end of the handshake (PUBCOMP)."""
        try:
            info = self._client.publish(topic, payload, qos=QOS)
        except ValueError as error:
            raise BrokerError(f"cannot publish to {topic!r}: {error}") from None
        self._check(info.rc, f"publish to {topic}")
        self._unacknowledged.add(info.mid)
        self._all_acknowledged.clear()
        waiter = self._wait_for(info.mid)
        self._flush()
        await waiter

    async def subscribe(self, topics: list[str]) -> None:
        """Subscribe with QoS 2 and wait for the SUBACK; BrokerError if one is refused."""
        try:
            rc, mid = self._client.subscribe([(topic, QOS) for topic in topics])
        except ValueError as error:
            raise BrokerError(f"cannot subscribe to {topics}: {error}") from None
        self._check(rc, f"subscribe to {topics}")
        assert mid is not None
        waiter = self._wait_for(mid)
        self._flush()
        codes = await waiter
        refused = [topic for topic, code in zip(topics, codes, strict=False) if code.is_failure]
        if refused:
            raise BrokerError(f"the broker refused the subscription to {refused}")

    def unsubscribe(self, topic: str) -> None:
        try:
            rc, _ = self._client.unsubscribe(topic)
        except ValueError as error:
            raise BrokerError(f"cannot unsubscribe from {topic!r}: {error}") from None
        self._check(rc, f"unsubscribe from {topic}")
        self._flush()

    async def drain(self, timeout: float) -> None:
        """Wait (at most ``timeout`` s) until every QoS 2 handshake started has completed."""
        if self.lost.done():
            return
        try:
            async with asyncio.timeout(timeout):
                await self._all_acknowledged.wait()
        except TimeoutError:
            _log.warning("%d messages still unacknowledged at close", len(self._unacknowledged))

    def close(self) -> None:
        """Send DISCONNECT (if still connected) and release the socket."""
        if self.lost.done():
            return
        if self._socket is not None:
            self._client.disconnect()
            self._flush()
        self._lose(BrokerError("the connection was closed"))
        sock = self._client.socket()
        if sock is not None:
            sock.close()

    def _check(self, rc: MQTTErrorCode, what: str) -> None:
        if rc != MQTTErrorCode.MQTT_ERR_SUCCESS:
            raise BrokerError(f"{what}: {paho.error_string(rc)}")

    def _wait_for(self, mid: int) -> "asyncio.Future[Any]":
        if self.lost.done():
            raise BrokerError(f"connection lost: {self.lost.result()}")
        waiter: asyncio.Future[Any] = self._loop.create_future()
        self._waiters[mid] = waiter
        return waiter

    # -- the event loop's side -------------------------------------------

    def _readable(self) -> None:
        self._client.loop_read()
        self._flush()

    def _flush(self) -> None:
        """Write what paho holds back (packets queued inside its callbacks, partial writes)."""
        client = self._client
        if client.want_write():
            client.loop_write()
        pending = client.want_write() and self._socket is not None
        if pending != self._writing and self._socket is not None:
            if pending:
                self._loop.add_writer(self._socket, self._flush)
            else:
                self._loop.remove_writer(self._socket)
            self._writing = pending

    def _tick(self) -> None:
        self._client.loop_misc()
        self._flush()
        if not self.lost.done():
            self._ticker = self._loop.call_later(KEEPALIVE_TICK, self._tick)

    def _socket_closed(self, client: paho.Client, userdata: Any, sock: Any) -> None:
        self._loop.remove_reader(sock)
        self._loop.remove_writer(sock)
        self._socket = None
        self._writing = False

    # -- paho's callbacks (called inside loop_read / loop_write / loop_misc) ----

    def _connack_received(
        self, client: paho.Client, userdata: Any, flags: Any, reason: Any, properties: Any
    ) -> None:
        if self._connack.done():
            return
        if reason.is_failure:
            self._connack.set_exception(BrokerError(f"the broker refused the connection: {reason}"))
        else:
            self._connack.set_result(None)

    def _disconnected(
        self, client: paho.Client, userdata: Any, flags: Any, reason: Any, properties: Any
    ) -> None:
        self._lose(BrokerError(f"connection lost: {reason}"))

    def _message_received(self, client: paho.Client, userdata: Any, message: Any) -> None:
        topic: bytes = message._topic  # the topic property would decode on every access
        try:
            self._on_message(topic.decode(), message.payload)
        except Exception:  # one bad message must never stop the connection
            _log.exception("message on %r could not be handled", topic)

    def _acknowledged(
        self, client: paho.Client, userdata: Any, mid: int, reason: Any, properties: Any
    ) -> None:
        self._unacknowledged.discard(mid)
        if not self._unacknowledged:
            self._all_acknowledged.set()
        waiter = self._waiters.pop(mid, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _suback_received(
        self, client: paho.Client, userdata: Any, mid: int, codes: list[Any], properties: Any
    ) -> None:
        waiter = self._waiters.pop(mid, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(codes)

    def _lose(self, reason: BrokerError) -> None:
        if self.lost.done():
            return
        if self._ticker is not None:
            self._ticker.cancel()
        if self._socket is not None:
            self._loop.remove_reader(self._socket)
            self._loop.remove_writer(self._socket)
            self._writing = False
        for waiter in self._waiters.values():
            if not waiter.done():
                waiter.set_exception(BrokerError(str(reason)))
        self._waiters.clear()
        self._unacknowledged.clear()
        self._all_acknowledged.set()
        if not self._connack.done():
            self._connack.set_exception(reason)
            self._connack.exception()  # retrieved: open() may no longer be waiting for it
        self.lost.set_result(reason)
