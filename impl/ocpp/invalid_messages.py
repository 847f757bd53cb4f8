"""The InvalidMessages security event for malformed frames from the CSMS, rate-limited: a flood of
bad frames must not flood the security log (every bad frame still gets its warning log line)."""

from __future__ import annotations

import time
from collections.abc import Callable

EVENT = "InvalidMessages"
# At most one event per connection per this many seconds; later ones are counted and the count
# is reported with the next event.
INTERVAL = 60.0


class InvalidMessageReporter:
    """One per connection."""

    def __init__(
        self,
        record: Callable[[str, str | None], object],
        interval: float = INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._record = record
        self._interval = interval
        self._clock = clock
        self._last: float | None = None
        self._suppressed = 0

    def report(self, reason: str) -> None:
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            self._suppressed += 1
            return
        self._last = now
        suppressed, self._suppressed = self._suppressed, 0
        more = f" ({suppressed} more since the last report)" if suppressed else ""
        self._record(EVENT, f"malformed message from the CSMS: {reason}{more}")
