"""The CSMS's clock, adopted from BootNotification/Heartbeat currentTime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

# A currentTime outside these bounds is a CSMS bug, not a time: adopting 9999-12-31 made every
# later timestamp overflow. The window is wide enough for any real deployment.
EARLIEST: Final = datetime(2000, 1, 1, tzinfo=UTC)
LATEST: Final = datetime(2200, 1, 1, tzinfo=UTC)


class ImplausibleTime(ValueError):
    """A date-time that cannot be the current time (outside EARLIEST..LATEST)."""


class CsmsClock:
    """The CSMS's time (from BootNotification/Heartbeat currentTime) as an offset to ours."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self.synchronised = False

    def adopt(self, current_time: str) -> timedelta:
        """Follow the CSMS's clock; returns how far this moved our clock (ValueError: not a
        date-time; ImplausibleTime: outside EARLIEST..LATEST, the clock is left as it was).
        Before the first adoption our clock is the system clock."""
        csms_now = datetime.fromisoformat(current_time.replace("z", "Z"))
        if csms_now.tzinfo is None:
            csms_now = csms_now.replace(tzinfo=UTC)
        if not EARLIEST <= csms_now < LATEST:
            raise ImplausibleTime(f"{current_time!r} is outside {EARLIEST.year}..{LATEST.year - 1}")
        offset = csms_now - datetime.now(UTC)
        shift, self._offset = offset - self._offset, offset
        self.synchronised = True
        return shift

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def to_system(self, moment: datetime) -> datetime:
        """`moment` of the CSMS's clock on this machine's clock, the one other EVerest modules
        keep (an expiryDate handed to the reservation module, say)."""
        return moment - self._offset

    def timestamp(self) -> str:
        """RFC 3339 in UTC with milliseconds, as OCPP peers expect."""
        return self.now().isoformat(timespec="milliseconds").replace("+00:00", "Z")
