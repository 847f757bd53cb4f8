"""The MQTT 3.1.1 session of the transport against a scripted broker (every packet visible),
and the packet codec on its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from everest_py.runtime.mqtt import packets, session
from everest_py.runtime.mqtt.connection import BrokerConnection
from everest_py.runtime.mqtt.packets import Incoming, MalformedPacket, PacketReader
from everest_py.runtime.mqtt.session import BrokerError, BrokerSession

WAIT = 10.0


class ScriptedBroker:
    """A TCP server on 127.0.0.1 speaking as much MQTT as each test scripts; it records every
    packet the session sends and answers CONNECT (unless told not to)."""

    def __init__(self, *, connack_code: int = 0) -> None:
        self.connack_code = connack_code
        self.received: asyncio.Queue[Incoming] = asyncio.Queue()
        self._writer: asyncio.StreamWriter | None = None
        self._server: asyncio.Server | None = None
        self.port = 0

    async def __aenter__(self) -> ScriptedBroker:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self.drop()
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writer = writer
        packet_reader = PacketReader()
        while data := await reader.read(65536):
            for packet in packet_reader.feed(data):
                if packet.kind == packets.CONNECT:
                    writer.write(bytes((packets.CONNACK << 4, 2, 0, self.connack_code)))
                await self.received.put(packet)

    def send(self, data: bytes) -> None:
        assert self._writer is not None
        self._writer.write(data)

    def drop(self) -> None:
        if self._writer is not None:
            self._writer.close()

    async def next(self, kind: int) -> Incoming:
        """The next packet of ``kind`` the session sent (others before it are skipped)."""
        while True:
            packet = await asyncio.wait_for(self.received.get(), WAIT)
            if packet.kind == kind:
                return packet


class Inbox:
    def __init__(self) -> None:
        self.messages: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()

    def __call__(self, topic: str, payload: bytes) -> None:
        self.messages.put_nowait((topic, payload))


@pytest.fixture
async def broker() -> AsyncIterator[ScriptedBroker]:
    async with ScriptedBroker() as scripted:
        yield scripted


async def open_session(broker: ScriptedBroker, inbox: Inbox, keepalive: int = 60) -> BrokerSession:
    opened = BrokerSession(inbox, "tester", host="127.0.0.1", port=broker.port, keepalive=keepalive)
    await opened.open(WAIT)
    return opened


def publish_from_broker(topic: str, payload: bytes, packet_id: int, qos: int = 2) -> bytes:
    return packets.publish(topic, payload, qos, packet_id)


# -- the codec -----------------------------------------------------------------------------


def test_packets_split_across_reads_come_out_whole_and_in_order() -> None:
    stream = (
        packets.publish("a/b", b"x" * 300, 2, 7)
        + packets.acknowledgement(packets.PUBREL, 9)
        + packets.publish("t", b"", 0, 0)
    )
    reader = PacketReader()
    seen = [
        packet
        for offset in range(len(stream))
        for packet in reader.feed(stream[offset : offset + 1])
    ]
    assert [(packet.kind, packet.flags) for packet in seen] == [(3, 4), (6, 2), (3, 0)]
    assert packets.parse_publish(seen[0].flags, seen[0].body) == ("a/b", 2, 7, b"x" * 300)
    assert packets.parse_publish(seen[2].flags, seen[2].body) == ("t", 0, 0, b"")


def test_a_large_payload_gets_a_multi_byte_length() -> None:
    payload = bytes(range(256)) * 4096  # 1 MiB: four length bytes
    (packet,) = PacketReader().feed(packets.publish("big", payload, 2, 1))
    assert packets.parse_publish(packet.flags, packet.body)[3] == payload


def test_a_remaining_length_over_four_bytes_is_malformed() -> None:
    with pytest.raises(MalformedPacket, match="four bytes"):
        PacketReader().feed(bytes((0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)))


def test_a_topic_that_is_not_utf8_is_malformed() -> None:
    (packet,) = PacketReader().feed(bytes((0x30, 4, 0, 2, 0xC3, 0x28)))
    with pytest.raises(MalformedPacket, match="UTF-8"):
        packets.parse_publish(packet.flags, packet.body)


# -- the session against the scripted broker ------------------------------------------------


async def test_connect_is_mqtt_311_clean_session_with_the_keepalive(
    broker: ScriptedBroker,
) -> None:
    opened = await open_session(broker, Inbox(), keepalive=42)
    connect = await broker.next(packets.CONNECT)
    assert connect.body[:10] == b"\x00\x04MQTT\x04\x02\x00\x2a"
    assert connect.body[10:] == b"\x00\x06tester"
    opened.close()
    await broker.next(packets.DISCONNECT)


async def test_a_refused_connection_is_a_broker_error() -> None:
    async with ScriptedBroker(connack_code=5) as broker:
        with pytest.raises(BrokerError, match="refused the connection"):
            await open_session(broker, Inbox())


async def test_qos2_message_is_handed_on_once_even_when_resent_before_pubrel(
    broker: ScriptedBroker,
) -> None:
    inbox = Inbox()
    opened = await open_session(broker, inbox)
    broker.send(publish_from_broker("cmd", b"first", 17))
    assert await asyncio.wait_for(inbox.messages.get(), WAIT) == ("cmd", b"first")
    assert packets.packet_id_of((await broker.next(packets.PUBREC)).body) == 17
    broker.send(packets.publish("cmd", b"first", 2, 17, dup=True))  # re-sent: PUBREC lost
    assert packets.packet_id_of((await broker.next(packets.PUBREC)).body) == 17
    broker.send(packets.acknowledgement(packets.PUBREL, 17))
    assert packets.packet_id_of((await broker.next(packets.PUBCOMP)).body) == 17
    broker.send(publish_from_broker("cmd", b"second", 17))  # the id is free again
    assert await asyncio.wait_for(inbox.messages.get(), WAIT) == ("cmd", b"second")
    assert inbox.messages.empty()
    opened.close()


async def test_qos1_and_qos0_messages_are_handed_on(broker: ScriptedBroker) -> None:
    inbox = Inbox()
    opened = await open_session(broker, inbox)
    broker.send(publish_from_broker("one", b"1", 5, qos=1))
    assert packets.packet_id_of((await broker.next(packets.PUBACK)).body) == 5
    broker.send(publish_from_broker("zero", b"0", 0, qos=0))
    assert await asyncio.wait_for(inbox.messages.get(), WAIT) == ("one", b"1")
    assert await asyncio.wait_for(inbox.messages.get(), WAIT) == ("zero", b"0")
    opened.close()


async def test_publish_waits_for_the_whole_qos2_handshake(broker: ScriptedBroker) -> None:
    opened = await open_session(broker, Inbox())
    publishing = asyncio.ensure_future(opened.publish("res", b"payload"))
    sent = await broker.next(packets.PUBLISH)
    topic, qos, packet_id, payload = packets.parse_publish(sent.flags, sent.body)
    assert (topic, qos, payload, sent.flags & 0x01) == ("res", 2, b"payload", 0)  # not retained
    broker.send(packets.acknowledgement(packets.PUBREC, packet_id))
    assert packets.packet_id_of((await broker.next(packets.PUBREL)).body) == packet_id
    assert not publishing.done() and opened.unacknowledged == 1
    broker.send(packets.acknowledgement(packets.PUBCOMP, packet_id))
    await asyncio.wait_for(publishing, WAIT)
    assert opened.unacknowledged == 0
    opened.close()


async def test_at_most_20_messages_in_flight_the_rest_wait_in_order(
    broker: ScriptedBroker,
) -> None:
    opened = await open_session(broker, Inbox())
    for number in range(25):
        opened.publish_nowait("var", str(number).encode())
    first = [await broker.next(packets.PUBLISH) for _ in range(session.MAX_IN_FLIGHT)]
    assert opened.unacknowledged == 25 and broker.received.empty()
    for packet in first[:5]:
        packet_id = packets.parse_publish(packet.flags, packet.body)[2]
        broker.send(packets.acknowledgement(packets.PUBREC, packet_id))
        broker.send(packets.acknowledgement(packets.PUBCOMP, packet_id))
    rest = [await broker.next(packets.PUBLISH) for _ in range(5)]
    sent = [packets.parse_publish(packet.flags, packet.body)[3] for packet in first + rest]
    assert sent == [str(number).encode() for number in range(25)]
    assert opened.unacknowledged == 20
    opened.close()


async def test_beyond_the_waiting_bound_publishing_fails(
    broker: ScriptedBroker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session, "MAX_WAITING", 3)
    opened = await open_session(broker, Inbox())
    for _ in range(session.MAX_IN_FLIGHT + 3):
        opened.publish_nowait("var", b"v")
    with pytest.raises(BrokerError, match="already wait"):
        opened.publish_nowait("var", b"v")
    opened.close()


async def test_a_refused_subscription_is_a_broker_error(broker: ScriptedBroker) -> None:
    opened = await open_session(broker, Inbox())
    subscribing = asyncio.ensure_future(opened.subscribe(["ok", "refused"]))
    request = await broker.next(packets.SUBSCRIBE)
    assert request.flags == 0x02
    packet_id = packets.packet_id_of(request.body)
    broker.send(bytes((packets.SUBACK << 4, 4)) + request.body[:2] + bytes((2, 0x80)))
    with pytest.raises(BrokerError, match=r"refused the subscription to \['refused'\]"):
        await asyncio.wait_for(subscribing, WAIT)
    assert packet_id > 0
    opened.close()


async def test_a_lost_connection_fails_the_waiting_publishes(broker: ScriptedBroker) -> None:
    opened = await open_session(broker, Inbox())
    publishing = asyncio.ensure_future(opened.publish("res", b"payload"))
    await broker.next(packets.PUBLISH)
    broker.drop()
    reason = await asyncio.wait_for(opened.lost, WAIT)
    assert "closed the connection" in str(reason)
    with pytest.raises(BrokerError):
        await asyncio.wait_for(publishing, WAIT)
    with pytest.raises(BrokerError, match="connection lost"):
        opened.publish_nowait("res", b"later")


async def test_no_pingresp_ends_the_connection(broker: ScriptedBroker) -> None:
    opened = await open_session(broker, Inbox(), keepalive=1)
    await broker.next(packets.PINGREQ)  # sent after half the keep-alive without traffic
    reason = await asyncio.wait_for(opened.lost, WAIT)
    assert "PINGRESP" in str(reason)


async def test_publishing_to_a_wildcard_topic_is_refused_before_it_is_sent(
    broker: ScriptedBroker,
) -> None:
    opened = await open_session(broker, Inbox())
    with pytest.raises(BrokerError, match="wildcards"):
        opened.publish_nowait("a/+/b", b"")
    assert opened.unacknowledged == 0
    opened.close()


class Events:
    """ConnectionEvents that only count (re)connections and losses."""

    def __init__(self) -> None:
        self.connected = asyncio.Event()
        self.disconnected = asyncio.Event()

    def on_message(self, topic: str, payload: bytes) -> None:
        pass

    def on_subscribed(self, topic: str) -> None:
        pass

    def on_connected(self) -> None:
        self.connected.set()

    def on_disconnected(self) -> None:
        self.disconnected.set()


async def test_the_connection_reconnects_and_resubscribes_after_a_drop(
    broker: ScriptedBroker,
) -> None:
    events = Events()
    connection = BrokerConnection(
        "127.0.0.1",
        broker.port,
        events,
        keepalive=60,
        reconnect_delay=0.01,
        max_reconnect_delay=0.05,
        outbox_limit=10,
    )
    connection.want("wanted/topic")
    starting = asyncio.ensure_future(connection.start("module", WAIT))
    for attempt in range(2):
        await broker.next(packets.CONNECT)
        request = await broker.next(packets.SUBSCRIBE)
        assert request.body[2:] == b"\x00\x0cwanted/topic\x02"  # QoS 2, every time
        broker.send(bytes((packets.SUBACK << 4, 3)) + request.body[:2] + b"\x02")
        await asyncio.wait_for(events.connected.wait(), WAIT)
        events.connected.clear()
        if attempt == 0:
            assert await starting
            connection.send("before/drop", b"x")  # connected: goes out at once
            await broker.next(packets.PUBLISH)
            broker.drop()
            await asyncio.wait_for(events.disconnected.wait(), WAIT)
    assert connection.connections == 2
    await connection.close()


def _connection(broker: ScriptedBroker, events: Events) -> BrokerConnection:
    return BrokerConnection(
        "127.0.0.1",
        broker.port,
        events,
        keepalive=60,
        reconnect_delay=0.01,
        max_reconnect_delay=0.05,
        outbox_limit=100,
    )


async def test_messages_the_broker_never_acknowledged_are_sent_on_the_next_connection(
    broker: ScriptedBroker,
) -> None:
    # 25 sends: 20 go out (in flight), 5 wait for a slot. The broker acknowledges the first two
    # with PUBREC (they are its now), then the connection drops: the 18 it never acknowledged
    # and the 5 never written go out on the next one, in order; the two released do not.
    events = Events()
    connection = _connection(broker, events)
    assert await connection.start("module", WAIT)
    await broker.next(packets.CONNECT)
    for number in range(25):
        connection.send("var", str(number).encode())
    first = [await broker.next(packets.PUBLISH) for _ in range(session.MAX_IN_FLIGHT)]
    for packet in first[:2]:
        packet_id = packets.parse_publish(packet.flags, packet.body)[2]
        broker.send(packets.acknowledgement(packets.PUBREC, packet_id))
        await broker.next(packets.PUBREL)
    events.connected.clear()
    broker.drop()
    await broker.next(packets.CONNECT)
    await asyncio.wait_for(events.connected.wait(), WAIT)
    resent = [await broker.next(packets.PUBLISH) for _ in range(session.MAX_IN_FLIGHT)]
    for packet in resent[:3]:  # three slots free for the rest
        packet_id = packets.parse_publish(packet.flags, packet.body)[2]
        broker.send(packets.acknowledgement(packets.PUBREC, packet_id))
        broker.send(packets.acknowledgement(packets.PUBCOMP, packet_id))
    resent += [await broker.next(packets.PUBLISH) for _ in range(3)]
    payloads = [packets.parse_publish(packet.flags, packet.body)[3] for packet in resent]
    assert payloads == [str(number).encode() for number in range(2, 25)]
    await connection.close()


async def test_a_topic_wanted_while_subscribing_is_subscribed_before_connected(
    broker: ScriptedBroker,
) -> None:
    events = Events()
    connection = _connection(broker, events)
    connection.want("first")
    starting = asyncio.ensure_future(connection.start("module", WAIT))
    await broker.next(packets.CONNECT)
    request = await broker.next(packets.SUBSCRIBE)
    connection.want("second")  # a module subscribes while the SUBACK is awaited
    broker.send(bytes((packets.SUBACK << 4, 3)) + request.body[:2] + b"\x02")
    again = await broker.next(packets.SUBSCRIBE)
    assert again.body[2:] == b"\x00\x06second\x02"
    broker.send(bytes((packets.SUBACK << 4, 3)) + again.body[:2] + b"\x02")
    assert await starting
    assert connection.is_subscribed("first") and connection.is_subscribed("second")
    await connection.close()


async def test_a_calls_request_is_not_sent_again_after_a_lost_connection(
    broker: ScriptedBroker,
) -> None:
    """A call's request (sent with on_failure) that the broker never acknowledged is not sent
    on the next connection: its caller has been told ConnectionLost, and the command would
    run anyway (twice, if the caller tried again). Other messages are sent again."""
    events = Events()
    connection = _connection(broker, events)
    failures: list[BrokerError] = []
    connection.send("cmd/early", b"call", on_failure=failures.append)  # not connected yet
    assert len(failures) == 1 and "not connected" in str(failures[0])
    assert await connection.start("module", WAIT)
    await broker.next(packets.CONNECT)
    connection.send("cmd/request", b"call", on_failure=failures.append)
    connection.send("var/value", b"value")
    sent = [await broker.next(packets.PUBLISH) for _ in range(2)]
    assert [packets.parse_publish(p.flags, p.body)[0] for p in sent] == ["cmd/request", "var/value"]
    events.connected.clear()
    broker.drop()  # no PUBREC for either
    await broker.next(packets.CONNECT)
    await asyncio.wait_for(events.connected.wait(), WAIT)
    connection.send("var/after", b"after")
    again = [await broker.next(packets.PUBLISH) for _ in range(2)]
    assert [packets.parse_publish(p.flags, p.body)[0] for p in again] == ["var/value", "var/after"]
    await connection.close()


async def test_a_subscription_refused_after_a_reconnect_does_not_keep_the_module_away(
    broker: ScriptedBroker,
) -> None:
    """MQTT 3.1.1 §3.9.3 refuses topics one by one (0x80). Resubscribing after a reconnect,
    one refused topic is logged and left out; the connection carries on with the others."""
    events = Events()
    connection = _connection(broker, events)
    connection.want("allowed")
    connection.want("refused")
    starting = asyncio.ensure_future(connection.start("module", WAIT))
    await broker.next(packets.CONNECT)
    request = await broker.next(packets.SUBSCRIBE)
    broker.send(bytes((packets.SUBACK << 4, 4)) + request.body[:2] + b"\x02\x02")
    assert await starting
    events.connected.clear()
    broker.drop()
    await broker.next(packets.CONNECT)
    request = await broker.next(packets.SUBSCRIBE)
    broker.send(bytes((packets.SUBACK << 4, 4)) + request.body[:2] + b"\x02\x80")  # 2nd refused
    await asyncio.wait_for(events.connected.wait(), WAIT)
    assert connection.is_subscribed("allowed") and not connection.is_subscribed("refused")
    assert connection.connections == 2
    await connection.close()
