"""One broker connection attempt: an MQTT 3.1.1 client session on an asyncio connection.

The packets are built and parsed by ``packets``; this module runs the session: CONNECT,
subscriptions, the QoS 2 handshakes both ways, keep-alive. It is written for the path of a
command round trip, with no thread, queue or task per message:

- incoming bytes are read by asyncio in large chunks and every complete packet in them is
  handled at once;
- an application message is handed on when its PUBLISH arrives (§4.3.3, the receiver stores
  the packet identifier so a re-sent PUBLISH is not handed on twice until PUBREL frees it);
- a packet is written at once, unless it is produced while incoming packets are handled:
  then it goes out with the others at the end of that, or, when a message was handed on, at
  the end of the loop iteration, so a result produced right away joins the acknowledgements.
"""

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from . import packets
from .packets import PUBCOMP, PUBREC, PUBREL, Incoming, MalformedPacket

__all__ = ["QOS", "BrokerError", "BrokerSession", "MessageSink"]

_log = logging.getLogger(__name__)

QOS = 2
"""EVerest sends everything with QoS 2."""

WRITE_BUFFER_HIGH = 256 * 1024
"""Bytes asyncio may hold unsent before reading from the broker pauses (backpressure)."""

MessageSink = Callable[[str, bytes], None]

MAX_IN_FLIGHT = 20
"""QoS 2 messages of ours between PUBLISH and PUBCOMP at most. mosquitto takes at most its
``max_inflight_messages`` (default 20) from a client; further ones it acknowledges with a
PUBREC and then drops."""

MAX_WAITING = 65_536
"""Messages waiting for a free in-flight slot; beyond it publishing fails (BrokerError)."""

_MAX_PACKET_ID = 0xFFFF


class BrokerError(ConnectionError):
    """The broker could not be reached, or an operation on it failed."""


def _check_topic_name(topic: str) -> None:
    """§4.7.3: what a broker disconnects a client for when it publishes to ``topic``."""
    if not topic:
        raise BrokerError("cannot publish to an empty topic")
    if "+" in topic or "#" in topic or "\x00" in topic:
        raise BrokerError(f"cannot publish to {topic!r}: wildcards and NUL are not allowed")


class _Outgoing:
    """A QoS 2 PUBLISH of ours between PUBLISH and PUBCOMP."""

    __slots__ = ("payload", "released", "resend", "topic", "waiter")

    def __init__(
        self, topic: str, payload: bytes, waiter: "asyncio.Future[None] | None", resend: bool
    ) -> None:
        self.topic = topic
        self.payload = payload  # kept to send again if the connection drops before PUBREC
        self.released = False  # PUBREC came, PUBREL sent
        self.waiter = waiter
        self.resend = resend  # False: not sent again after a lost connection (a call's request)


class BrokerSession(asyncio.Protocol):
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
        self._client_id = client_id
        self._host = host
        self._port = port
        self._keepalive = keepalive
        self._socket_path = socket_path
        self._transport: asyncio.Transport | None = None
        self._reader = packets.PacketReader()
        self._held: list[bytes] | None = None
        """Packets held back while incoming ones are handled (None: write at once)."""
        self._flushing: asyncio.Handle | None = None
        self._delivered = False
        self._connack: asyncio.Future[None] = self._loop.create_future()
        self.lost: asyncio.Future[BrokerError] = self._loop.create_future()
        """Resolves (with the reason) once the connection is lost or closed."""
        self._next_id = 0
        self._outgoing: dict[int, _Outgoing] = {}
        # (topic, payload, waiter, resend), as _Outgoing's.
        self._waiting: deque[tuple[str, bytes, asyncio.Future[None] | None, bool]] = deque()
        # After the connection is lost: the messages of publish_nowait to send again, those the
        # broker had not acknowledged (no PUBREC) and those not written yet, in order.
        self.unsent: list[tuple[str, bytes]] = []
        self._requests: dict[int, asyncio.Future[Any] | None] = {}  # SUBACK / UNSUBACK waiters
        self._received: set[int] = set()  # QoS 2 messages handed on, PUBREL not yet in
        self._all_acknowledged = asyncio.Event()
        self._all_acknowledged.set()
        self._last_sent = time.monotonic()
        self._ping_sent: float | None = None
        self._ticker: asyncio.TimerHandle | None = None

    @property
    def unacknowledged(self) -> int:
        """Messages published whose QoS 2 handshake has not completed yet."""
        return len(self._outgoing) + len(self._waiting)

    # -- connecting ------------------------------------------------------

    async def open(self, timeout: float) -> None:
        """Connect and wait for the broker's CONNACK; BrokerError if that fails."""
        try:
            async with asyncio.timeout(timeout):
                if self._socket_path:
                    await self._loop.create_unix_connection(lambda: self, self._socket_path)
                else:
                    # asyncio sets TCP_NODELAY: no Nagle stalls between handshake steps.
                    await self._loop.create_connection(lambda: self, self._host, self._port)
                self._write(packets.connect(self._client_id, self._keepalive))
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
        if self._keepalive:
            self._ticker = self._loop.call_later(self._keepalive / 2, self._tick)

    # -- operations ------------------------------------------------------

    def publish_nowait(self, topic: str, payload: bytes, *, resend: bool = True) -> None:
        """Publish with QoS 2; the handshake completes in the background. A message the
        broker did not take before the connection was lost is sent again on the next session,
        unless `resend` is false (a call's request: its caller has been told the call failed,
        and a late request would run the command all the same)."""
        self._publish(topic, payload, None, resend)

    async def publish(self, topic: str, payload: bytes) -> None:
        """Publish with QoS 2 and wait for the end of the handshake (PUBCOMP)."""
        waiter: asyncio.Future[None] = self._loop.create_future()
        self._publish(topic, payload, waiter, True)
        await waiter

    def _publish(
        self, topic: str, payload: bytes, waiter: "asyncio.Future[None] | None", resend: bool
    ) -> None:
        _check_topic_name(topic)
        if self.lost.done():
            raise BrokerError(f"connection lost: {self.lost.result()}")
        if len(self._outgoing) < MAX_IN_FLIGHT:
            self._send_publish(topic, payload, waiter, resend)
        elif len(self._waiting) < MAX_WAITING:
            self._waiting.append((topic, payload, waiter, resend))
        else:
            raise BrokerError(f"{MAX_WAITING} messages already wait for the broker")
        self._all_acknowledged.clear()

    def _send_publish(
        self, topic: str, payload: bytes, waiter: "asyncio.Future[None] | None", resend: bool
    ) -> None:
        packet_id = self._packet_id()
        try:
            packet = packets.publish(topic, payload, QOS, packet_id)
        except ValueError as error:  # topic not UTF-8 / too long, payload too large
            raise BrokerError(f"cannot publish to {topic!r}: {error}") from None
        self._outgoing[packet_id] = _Outgoing(topic, payload, waiter, resend)
        self._write(packet)

    def _send_waiting(self) -> None:
        """A slot is free: publish the oldest waiting message(s)."""
        while self._waiting and len(self._outgoing) < MAX_IN_FLIGHT:
            topic, payload, waiter, resend = self._waiting.popleft()
            try:
                self._send_publish(topic, payload, waiter, resend)
            except BrokerError as error:
                if waiter is not None and not waiter.done():
                    waiter.set_exception(error)
                else:
                    _log.warning("%s", error)

    async def subscribe(self, topics: list[str]) -> None:
        """Subscribe with QoS 2 and wait for the SUBACK; BrokerError if one is refused."""
        refused = await self.subscribe_each(topics)
        if refused:
            raise BrokerError(f"the broker refused the subscription to {refused}")

    async def subscribe_each(self, topics: list[str]) -> list[str]:
        """Subscribe with QoS 2 and wait for the SUBACK; the topics the broker refused (MQTT
        3.1.1 §3.9.3: a return code per topic, 0x80 a failure). BrokerError for a SUBACK
        that does not answer each topic."""
        packet_id = self._packet_id()
        try:
            packet = packets.subscribe(packet_id, topics, QOS)
        except ValueError as error:
            raise BrokerError(f"cannot subscribe to {topics}: {error}") from None
        waiter = self._request(packet_id)
        self._write(packet)
        codes: bytes = await waiter
        if len(codes) != len(topics):
            raise BrokerError(f"the broker's SUBACK does not answer each of {topics}")
        return [topic for topic, code in zip(topics, codes, strict=True) if code & 0x80]

    def unsubscribe(self, topic: str) -> None:
        packet_id = self._packet_id()
        try:
            packet = packets.unsubscribe(packet_id, [topic])
        except ValueError as error:
            raise BrokerError(f"cannot unsubscribe from {topic!r}: {error}") from None
        self._requests[packet_id] = None  # nobody waits for the UNSUBACK
        self._write(packet)

    async def drain(self, timeout: float) -> None:
        """Wait (at most ``timeout`` s) until every QoS 2 handshake started has completed."""
        if self.lost.done():
            return
        try:
            async with asyncio.timeout(timeout):
                await self._all_acknowledged.wait()
        except TimeoutError:
            _log.warning("%d messages still unacknowledged at close", len(self._outgoing))

    def close(self) -> None:
        """Send DISCONNECT (if connected) and close the connection."""
        if self.lost.done():
            return
        if self._connack.done() and self._transport is not None:
            self._write(packets.disconnect())
        self._lose(BrokerError("the connection was closed"))

    def _packet_id(self) -> int:
        if self.lost.done():
            raise BrokerError(f"connection lost: {self.lost.result()}")
        if len(self._outgoing) + len(self._requests) >= _MAX_PACKET_ID:
            raise BrokerError("every MQTT packet identifier is in use")
        while True:
            self._next_id = self._next_id % _MAX_PACKET_ID + 1
            if self._next_id not in self._outgoing and self._next_id not in self._requests:
                return self._next_id

    def _request(self, packet_id: int) -> "asyncio.Future[Any]":
        waiter: asyncio.Future[Any] = self._loop.create_future()
        self._requests[packet_id] = waiter
        return waiter

    # -- writing ---------------------------------------------------------

    def _write(self, packet: bytes) -> None:
        if self._held is not None:
            self._held.append(packet)
        elif self._transport is not None and not self._transport.is_closing():
            self._transport.write(packet)
            self._last_sent = time.monotonic()

    def _flush(self) -> None:
        self._flushing = None
        held, self._held = self._held, None
        if held:
            self._write(b"".join(held))

    # -- asyncio.Protocol ------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.set_write_buffer_limits(high=WRITE_BUFFER_HIGH)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        try:
            incoming = self._reader.feed(data)
        except MalformedPacket as error:
            self._lose(BrokerError(f"malformed data from the broker: {error}"))
            return
        if self._held is None:
            self._held = []
        self._delivered = False
        try:
            for packet in incoming:
                self._handle(packet)
        except MalformedPacket as error:
            self._lose(BrokerError(f"malformed packet from the broker: {error}"))
            return
        if self._flushing is not None:
            return  # already due at the end of this iteration
        if self._delivered:
            self._flushing = self._loop.call_soon(self._flush)
        else:
            self._flush()

    def eof_received(self) -> bool:
        return False  # close: MQTT has no half-closed connections

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None
        reason = f": {exc}" if exc else ""
        self._lose(BrokerError(f"the broker closed the connection{reason}"))

    def pause_writing(self) -> None:
        # The broker does not take what we send: stop reading what makes us send (acks).
        if self._transport is not None:
            self._transport.pause_reading()

    def resume_writing(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.resume_reading()

    # -- incoming packets ------------------------------------------------

    def _handle(self, packet: Incoming) -> None:
        kind = packet.kind
        if kind == packets.PUBLISH:
            self._message(packet)
        elif kind == PUBREC:
            self._pubrec(packets.packet_id_of(packet.body))
        elif kind == PUBCOMP:
            self._pubcomp(packets.packet_id_of(packet.body))
        elif kind == PUBREL:
            packet_id = packets.packet_id_of(packet.body)
            self._received.discard(packet_id)
            self._write(packets.acknowledgement(PUBCOMP, packet_id))
        elif kind in (packets.SUBACK, packets.UNSUBACK):
            waiter = self._requests.pop(packets.packet_id_of(packet.body), None)
            if waiter is not None and not waiter.done():
                waiter.set_result(packet.body[2:])
        elif kind == packets.CONNACK:
            self._connack_received(packet.body)
        elif kind == packets.PINGRESP:
            self._ping_sent = None
        elif kind != packets.PUBACK:  # we publish nothing at QoS 1
            raise MalformedPacket(f"unexpected packet type {kind} from the broker")

    def _message(self, packet: Incoming) -> None:
        topic, qos, packet_id, payload = packets.parse_publish(packet.flags, packet.body)
        if qos == 2:
            self._write(packets.acknowledgement(PUBREC, packet_id))
            if packet_id in self._received:
                return  # re-sent before PUBREL: handed on already
            self._received.add(packet_id)
        elif qos == 1:
            self._write(packets.acknowledgement(packets.PUBACK, packet_id))
        self._delivered = True
        try:
            self._on_message(topic, payload)
        except Exception:  # one bad message must never stop the connection
            _log.exception("message on %r could not be handled", topic)

    def _pubrec(self, packet_id: int) -> None:
        outgoing = self._outgoing.get(packet_id)
        if outgoing is not None:
            outgoing.released = True
        # Also for an id we do not know (§4.3.3 allows a re-sent PUBREC): release it.
        self._write(packets.acknowledgement(PUBREL, packet_id))

    def _pubcomp(self, packet_id: int) -> None:
        outgoing = self._outgoing.pop(packet_id, None)
        if self._waiting:
            self._send_waiting()
        if not self._outgoing:
            self._all_acknowledged.set()
        if outgoing is not None and outgoing.waiter is not None and not outgoing.waiter.done():
            outgoing.waiter.set_result(None)

    def _connack_received(self, body: bytes) -> None:
        if self._connack.done():
            return
        if len(body) != 2:
            self._connack.set_exception(BrokerError("malformed CONNACK"))
        elif body[1] != 0:
            self._connack.set_exception(
                BrokerError(f"the broker refused the connection (return code {body[1]})")
            )
        else:
            self._connack.set_result(None)

    # -- keep-alive and the end ------------------------------------------

    def _tick(self) -> None:
        """§3.1.2.10: a PINGREQ when nothing was sent for keep-alive seconds; no PINGRESP
        within keep-alive seconds of it means the connection is gone."""
        now = time.monotonic()
        if self._ping_sent is not None and now - self._ping_sent > self._keepalive:
            self._lose(BrokerError(f"no PINGRESP within {self._keepalive} s"))
            return
        if self._ping_sent is None and now - self._last_sent >= self._keepalive / 2:
            self._ping_sent = now
            self._write(packets.pingreq())
        self._ticker = self._loop.call_later(self._keepalive / 2, self._tick)

    def _lose(self, reason: BrokerError) -> None:
        if self.lost.done():
            return
        if self._ticker is not None:
            self._ticker.cancel()
        if self._flushing is not None:
            self._flushing.cancel()
        self._flush()
        if self._transport is not None:
            self._transport.close()  # sends what asyncio still buffers, then closes
        waiters = [outgoing.waiter for outgoing in self._outgoing.values()]
        waiters += [waiter for _, _, waiter, _ in self._waiting if waiter is not None]
        # Sent again on the next session, in order: those the broker never acknowledged (no
        # PUBREC: a broker hands a QoS 2 message on at PUBREL, mosquitto does, so none of them
        # reached anyone; a result lost here left its caller waiting for its timeout), then
        # those never written. Once PUBREL went out the broker owns the message.
        # A call's request is not among them (its caller was told the call failed).
        self.unsent = [
            (outgoing.topic, outgoing.payload)
            for outgoing in self._outgoing.values()
            if outgoing.waiter is None and not outgoing.released and outgoing.resend
        ]
        self.unsent += [
            (topic, payload)
            for topic, payload, waiter, resend in self._waiting
            if waiter is None and resend
        ]
        released = sum(
            1
            for outgoing in self._outgoing.values()
            if outgoing.waiter is None and outgoing.released
        )
        if released:
            _log.warning(
                "%d QoS 2 message(s) released (PUBREL sent) but not completed when the connection "
                "was lost: delivered unless the broker did not read the PUBREL",
                released,
            )
        for waiter in waiters + list(self._requests.values()):
            if waiter is not None and not waiter.done():
                waiter.set_exception(BrokerError(str(reason)))
        self._outgoing.clear()
        self._waiting.clear()
        self._requests.clear()
        self._all_acknowledged.set()
        if not self._connack.done():
            self._connack.set_exception(reason)
            self._connack.exception()  # retrieved: open() may no longer be waiting for it
        self.lost.set_result(reason)
