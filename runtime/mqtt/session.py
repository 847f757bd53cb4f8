"""One broker connection attempt: paho-mqtt's MQTT on an asyncio connection.

paho builds and parses the packets and runs the QoS handshakes; the bytes travel over an
asyncio transport (``_Link``, the socket paho is handed). This keeps everything in the event
loop's thread and cuts the work per message:

- incoming bytes are read in large chunks by asyncio and every complete packet in them is
  handled at once (paho alone reads each packet with several ``recv`` calls);
- each message goes straight from paho's callback to the transport, no queue, no task;
- a packet is written at once, unless it comes out of handling incoming data: then it waits
  until the end of the loop iteration, so the acknowledgement of a call and a result produced
  right away go out in one write.
"""

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from paho.mqtt import client as paho
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode, MQTTProtocolVersion

__all__ = ["QOS", "BrokerError", "BrokerSession", "MessageSink"]

_log = logging.getLogger(__name__)

QOS = 2
"""EVerest sends everything with QoS 2."""

WRITE_BUFFER_HIGH = 256 * 1024
"""Bytes asyncio may hold unsent before reading from the broker pauses (backpressure)."""

KEEPALIVE_TICK = 1.0
"""How often paho checks its keep-alive (PINGREQ due, PINGRESP overdue), in seconds."""

MessageSink = Callable[[str, bytes], None]


class BrokerError(ConnectionError):
    """The broker could not be reached, or an operation on it failed."""


class _Link(asyncio.Protocol):
    """The broker connection as paho sees it: a non-blocking socket look-alike whose bytes
    come from and go to an asyncio transport."""

    def __init__(self, on_data: Callable[[], None]) -> None:
        self._on_data = on_data
        self._transport: asyncio.Transport | None = None
        self._incoming = bytearray()
        self._outgoing: list[bytes] = []
        self._flushing: asyncio.Handle | None = None
        self._closed = False
        self._shut = False
        self.holding = False
        """True while paho handles received packets: what it sends then is held back."""

    # asyncio's side

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.set_write_buffer_limits(high=WRITE_BUFFER_HIGH)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._incoming += data
        self._on_data()

    def eof_received(self) -> bool:
        return False  # close the transport: MQTT has no half-closed connections

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed = True
        self._on_data()  # paho reads the end of the stream and reports the loss

    def pause_writing(self) -> None:
        # The broker does not take what we send: stop reading what makes us send (acks).
        if self._transport is not None:
            self._transport.pause_reading()

    def resume_writing(self) -> None:
        if self._transport is not None and not self._closed:
            self._transport.resume_reading()

    @property
    def has_input(self) -> bool:
        """Bytes to read, or the end of the stream (paho reads it as b"")."""
        return bool(self._incoming) or self._closed

    @property
    def closed(self) -> bool:
        return self._closed

    # paho's side (the socket interface it uses)

    def recv(self, buffer_size: int) -> bytes:
        if self._incoming:
            chunk = bytes(self._incoming[:buffer_size])
            del self._incoming[:buffer_size]
            return chunk
        if self._closed:
            return b""
        raise BlockingIOError

    def send(self, buffer: bytes | bytearray) -> int:
        if self._closed or self._transport is None:
            raise ConnectionResetError("the connection to the broker is closed")
        if self.holding or self._flushing is not None:
            self._outgoing.append(bytes(buffer))
        else:
            self._transport.write(buffer)
        return len(buffer)

    def flush_soon(self) -> None:
        """Write what is held back at the end of this loop iteration, with what the
        callbacks already scheduled add to it (a handler's result, say)."""
        if self._outgoing and self._flushing is None:
            self._flushing = asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        if self._flushing is not None:
            self._flushing.cancel()
            self._flushing = None
        if self._outgoing and self._transport is not None and not self._closed:
            self._transport.write(b"".join(self._outgoing))
        self._outgoing.clear()

    def close(self) -> None:
        # Called by the session and again by paho (also from its __del__, loop maybe gone).
        if self._shut:
            return
        self._shut = True
        self.flush()
        self._closed = True
        if self._transport is not None and not self._transport.is_closing():
            try:
                self._transport.close()  # sends what asyncio still buffers, then closes
            except RuntimeError:
                pass  # the event loop is gone (a module never stopped): the transport's own
                # finaliser closes the socket

    def fileno(self) -> int:
        return -1  # never polled: asyncio owns the real socket

    def setblocking(self, flag: bool) -> None:
        pass  # non-blocking by construction


class _PahoClient(paho.Client):
    """paho's client, connecting over a ``_Link`` made beforehand instead of its own socket."""

    link: _Link | None = None

    def _create_socket(self) -> Any:
        if self.link is None:
            raise BrokerError("no connection to hand to paho")
        return self.link


class BrokerSession:
    """One MQTT 3.1.1 clean session, from connect until it is lost or closed."""

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
        client = _PahoClient(
            CallbackAPIVersion.VERSION2,
            client_id=client_id,
            clean_session=True,
            protocol=MQTTProtocolVersion.MQTTv311,
            reconnect_on_failure=False,
        )
        client.on_connect = self._connack_received
        client.on_disconnect = self._disconnected
        client.on_message = self._message_received
        client.on_publish = self._acknowledged
        client.on_subscribe = self._suback_received
        self._client = client
        self._link: _Link | None = None
        self._delivered = False
        self._ticker: asyncio.TimerHandle | None = None
        self._connack: asyncio.Future[None] = self._loop.create_future()
        self.lost: asyncio.Future[BrokerError] = self._loop.create_future()
        """Resolves (with the reason) once the connection is lost or closed."""
        # message id → whoever waits for its PUBCOMP or SUBACK
        self._waiters: dict[int, asyncio.Future[Any]] = {}
        self._unacknowledged: set[int] = set()
        self._all_acknowledged = asyncio.Event()
        self._all_acknowledged.set()

    @property
    def unacknowledged(self) -> int:
        """Messages published whose QoS 2 handshake has not completed yet."""
        return len(self._unacknowledged)

    # -- connecting ------------------------------------------------------

    async def open(self, timeout: float) -> None:
        """Connect and wait for the broker's CONNACK; BrokerError if that fails."""
        try:
            async with asyncio.timeout(timeout):
                await self._open_link()
                await self._connack
        except TimeoutError:
            self.close()
            raise BrokerError(f"no CONNACK within {timeout} s") from None
        except BrokerError:
            self.close()
            raise
        except (OSError, ValueError) as error:
            self.close()
            raise BrokerError(f"cannot connect: {error}") from None

    async def _open_link(self) -> None:
        link = _Link(self._input)
        self._link = link
        if self._socket_path:
            await self._loop.create_unix_connection(lambda: link, self._socket_path)
            # paho only checks the port for sanity; the link is already connected.
            self._client.link = link
            self._client.connect("localhost", 1883, self._keepalive)
        else:
            # asyncio sets TCP_NODELAY: no Nagle stalls between QoS 2 handshake steps.
            await self._loop.create_connection(lambda: link, self._host, self._port)
            self._client.link = link
            self._client.connect(self._host, self._port, self._keepalive)
        self._ticker = self._loop.call_later(KEEPALIVE_TICK, self._tick)

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
        """Send DISCONNECT (if connected) and close the connection."""
        if self.lost.done():
            return
        if self._connack.done() and self._client.is_connected():
            self._client.disconnect()  # paho closes the link once DISCONNECT is written
        self._lose(BrokerError("the connection was closed"))

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

    def _input(self) -> None:
        """Bytes arrived (or the connection ended): let paho handle every complete packet."""
        link = self._link
        if link is None:
            return
        link.holding = True
        self._delivered = False
        try:
            while link.has_input and not self.lost.done():
                if self._client.loop_read() != MQTTErrorCode.MQTT_ERR_SUCCESS:
                    break
        finally:
            link.holding = False
        self._flush()
        if self._delivered:
            # A served call may answer within the tasks just woken: its result then goes out
            # in one write with the acknowledgements (PUBCOMP) held back here.
            link.flush_soon()
        else:
            link.flush()
        if link.closed and not self.lost.done():  # ended before paho had a connection
            self._lose(BrokerError("the broker closed the connection"))

    def _flush(self) -> None:
        """Write the packets paho queued inside its callbacks (it writes the others at once)."""
        if self._client.want_write():
            self._client.loop_write()

    def _tick(self) -> None:
        self._client.loop_misc()
        self._flush()
        if not self.lost.done():
            self._ticker = self._loop.call_later(KEEPALIVE_TICK, self._tick)

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
        self._delivered = True
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
        if self._link is not None:
            self._link.close()
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
