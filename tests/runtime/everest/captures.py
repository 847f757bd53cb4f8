"""Real ``mosquitto_sub -v -t 'everest/#'`` captures of both managers (from everest-real/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CAPTURES = Path(__file__).parent / "captures"
CAPTURE_2025 = CAPTURES / "sample-traffic-standalone.txt"  # v0.25.0 + standalone py_kvs
CAPTURE_2025_PLAIN = CAPTURES / "sample-traffic.txt"  # v0.25.0, C++ modules only
CAPTURE_2026 = CAPTURES / "sample-traffic-2026.txt"  # 2026-08 monorepo + standalone py_kvs


@dataclass(frozen=True)
class Captured:
    topic: str
    payload: bytes  # b"" for a cleared retained topic (mosquitto_sub prints "(null)")


def read_capture(path: Path) -> list[Captured]:
    messages = []
    for line in path.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        topic, _, payload = line.partition(" ")
        messages.append(Captured(topic, b"" if payload == "(null)" else payload.encode()))
    return messages


def first(path: Path, topic: str) -> Captured:
    return next(m for m in read_capture(path) if m.topic == topic)


def all_on(path: Path, topic: str) -> list[Captured]:
    return [m for m in read_capture(path) if m.topic == topic]
