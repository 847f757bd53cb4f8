"""Randomised exponential backoff for reconnecting, and the CSMS clock."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Backoff:
    """Attempt n waits a random time in [(1 - jitter) * base, base], with
    base = min(maximum, initial * multiplier**n): spread out, never longer than `maximum`."""

    initial: float = 1.0
    maximum: float = 60.0
    multiplier: float = 2.0
    jitter: float = 0.5
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.initial <= 0 or self.maximum < self.initial:
            raise ValueError("backoff: need 0 < initial_delay <= max_delay")
        if self.multiplier < 1:
            raise ValueError("backoff: multiplier must be at least 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("backoff: jitter must be within 0..1")

    def delay(self, attempt: int) -> float:
        base = min(self.maximum, self.initial * self.multiplier ** min(attempt, 64))
        return self.rng.uniform(base * (1 - self.jitter), base)


class CsmsClock:
    """The CSMS's time (from BootNotification/Heartbeat currentTime) as an offset to ours."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self.synchronised = False

    def adopt(self, current_time: str) -> timedelta:
        """Follow the CSMS's clock; returns how far this moved our clock (ValueError: not a
        date-time). Before the first adoption our clock is the system clock."""
        csms_now = datetime.fromisoformat(current_time.replace("z", "Z"))
        if csms_now.tzinfo is None:
            csms_now = csms_now.replace(tzinfo=UTC)
        offset = csms_now - datetime.now(UTC)
        shift, self._offset = offset - self._offset, offset
        self.synchronised = True
        return shift

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def timestamp(self) -> str:
        """RFC 3339 in UTC with milliseconds, as OCPP peers expect."""
        return self.now().isoformat(timespec="milliseconds").replace("+00:00", "Z")
