"""MQTT 3.1.1 packets (OASIS standard, §2-§3): the few a module's client needs, built and parsed.

Only what EVerest's protocol uses: a clean session, QoS 0-2 in, QoS 2 out, no retained
messages, no will, no authentication.
"""

import struct
from dataclasses import dataclass

__all__ = [
    "CONNACK",
    "MAX_PACKET_BYTES",
    "PINGRESP",
    "PUBACK",
    "PUBCOMP",
    "PUBLISH",
    "PUBREC",
    "PUBREL",
    "SUBACK",
    "UNSUBACK",
    "Incoming",
    "MalformedPacket",
    "PacketReader",
    "acknowledgement",
    "connect",
    "disconnect",
    "pingreq",
    "publish",
    "subscribe",
    "unsubscribe",
]

# Packet types (the high nibble of the first byte).
CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP = 1, 2, 3, 4, 5, 6, 7
SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT = 8, 9, 10, 11, 12, 13, 14

MAX_PACKET_BYTES = 268_435_455
"""§2.2.3: the largest remaining length four bytes can encode."""

_TWO_BYTES = struct.Struct("!H")


class MalformedPacket(ValueError):
    """The broker sent bytes that are not an MQTT 3.1.1 packet."""


@dataclass(slots=True)
class Incoming:
    """One packet from the broker: its type, the flags of its first byte, and its body."""

    kind: int
    flags: int
    body: bytes


def _length(size: int) -> bytes:
    """§2.2.3 remaining length: 7 bits per byte, high bit = more bytes follow."""
    if size > MAX_PACKET_BYTES:
        raise ValueError(f"a packet of {size} bytes is larger than MQTT allows")
    encoded = bytearray()
    while True:
        size, digit = divmod(size, 128)
        encoded.append(digit | 0x80 if size else digit)
        if not size:
            return bytes(encoded)


def _string(text: str) -> bytes:
    """§1.5.3: a UTF-8 string with its two-byte length."""
    encoded = text.encode()
    if len(encoded) > 0xFFFF:
        raise ValueError(f"{len(encoded)} bytes is longer than an MQTT string can be")
    return _TWO_BYTES.pack(len(encoded)) + encoded


def _packet(first_byte: int, body: bytes) -> bytes:
    return bytes((first_byte,)) + _length(len(body)) + body


def connect(client_id: str, keepalive: int) -> bytes:
    """§3.1: protocol "MQTT" level 4, clean session, no will, no user name or password."""
    header = _string("MQTT") + bytes((4, 0x02)) + _TWO_BYTES.pack(keepalive)
    return _packet(CONNECT << 4, header + _string(client_id))


def publish(topic: str, payload: bytes, qos: int, packet_id: int, *, dup: bool = False) -> bytes:
    """§3.3, not retained."""
    flags = qos << 1 | (0x08 if dup else 0)
    body = _string(topic) + (_TWO_BYTES.pack(packet_id) if qos else b"") + payload
    return _packet(PUBLISH << 4 | flags, body)


def acknowledgement(kind: int, packet_id: int) -> bytes:
    """PUBACK, PUBREC, PUBREL (flags 0b0010, §3.6.1) or PUBCOMP for ``packet_id``."""
    return bytes((kind << 4 | (0x02 if kind == PUBREL else 0), 2)) + _TWO_BYTES.pack(packet_id)


def subscribe(packet_id: int, topics: list[str], qos: int) -> bytes:
    body = _TWO_BYTES.pack(packet_id) + b"".join(_string(topic) + bytes((qos,)) for topic in topics)
    return _packet(SUBSCRIBE << 4 | 0x02, body)


def unsubscribe(packet_id: int, topics: list[str]) -> bytes:
    body = _TWO_BYTES.pack(packet_id) + b"".join(_string(topic) for topic in topics)
    return _packet(UNSUBSCRIBE << 4 | 0x02, body)


def pingreq() -> bytes:
    return bytes((PINGREQ << 4, 0))


def disconnect() -> bytes:
    return bytes((DISCONNECT << 4, 0))


def packet_id_of(body: bytes) -> int:
    if len(body) < 2:
        raise MalformedPacket("a packet identifier needs two bytes")
    packet_id: int = _TWO_BYTES.unpack_from(body)[0]
    return packet_id


def parse_publish(flags: int, body: bytes) -> tuple[str, int, int, bytes]:
    """A PUBLISH body → (topic, QoS, packet id or 0, payload)."""
    qos = flags >> 1 & 0x03
    if qos == 3:
        raise MalformedPacket("PUBLISH with QoS 3")
    if len(body) < 2:
        raise MalformedPacket("PUBLISH without a topic")
    end = 2 + _TWO_BYTES.unpack_from(body)[0]
    if len(body) < end + (2 if qos else 0):
        raise MalformedPacket("PUBLISH shorter than its topic and packet identifier")
    try:
        topic = body[2:end].decode()
    except UnicodeDecodeError:
        raise MalformedPacket("PUBLISH topic is not UTF-8") from None
    if qos:
        return topic, qos, _TWO_BYTES.unpack_from(body, end)[0], body[end + 2 :]
    return topic, 0, 0, body[end:]


def _fixed_header(buffer: bytearray, position: int) -> tuple[int, int] | None:
    """(remaining length, where the body starts) of the packet at ``position``, or None
    while its fixed header is incomplete."""
    size = 0
    for count in range(4):
        index = position + 1 + count
        if index >= len(buffer):
            return None
        byte = buffer[index]
        size |= (byte & 0x7F) << (7 * count)
        if not byte & 0x80:
            return size, index + 1
    raise MalformedPacket("remaining length longer than four bytes")


class PacketReader:
    """Splits the byte stream from the broker into packets."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[Incoming]:
        """Take ``data``; return every packet now complete (a partial one stays buffered)."""
        buffer = self._buffer
        buffer += data
        packets = []
        position = 0
        while True:
            header = _fixed_header(buffer, position)
            if header is None:
                break
            size, start = header
            end = start + size
            if end > len(buffer):
                break
            first = buffer[position]
            packets.append(Incoming(first >> 4, first & 0x0F, bytes(buffer[start:end])))
            position = end
        if position:
            del buffer[:position]
        return packets
