"""Time values from the CSMS and from callers: any string as currentTime is adopted or refused
with a ValueError, and whatever was adopted, later security events are stored and put on the
wire without OverflowError."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from everest_py.ocpp16.ocpp.clock import CsmsClock
from everest_py.ocpp16.security.store import SecurityEventStore
from tests.property.strategies import PROPERTY

EXTREMES = [
    "9999-12-31T23:59:59.999Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999-23:59",
    "0001-01-01T00:00:00+23:59",
    "2200-01-01T00:00:00Z",
    "1999-12-31T23:59:59Z",
    "2025-06-01T12:00:00.123456789Z",
]
rfc3339 = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.timezones()
).map(lambda moment: moment.isoformat().replace("+00:00", "Z"))
offsets = st.integers(min_value=-1439, max_value=1439).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


def adopt(clock: CsmsClock, text: str) -> None:
    try:
        clock.adopt(text)
    except ValueError:  # includes ImplausibleTime: refused, the clock stays as it was
        pass
    clock.now()
    clock.timestamp()


@PROPERTY
@given(st.text(max_size=40) | st.sampled_from(EXTREMES) | rfc3339)
def test_any_current_time_is_adopted_or_refused(text: str) -> None:
    clock = CsmsClock()
    adopt(clock, text)
    adopt(clock, "2025-01-01T00:00:00Z")  # and the next adoption still works


@PROPERTY
@given(st.lists(st.sampled_from(EXTREMES) | rfc3339, max_size=4))
def test_security_events_after_any_adoptions_are_stored_and_formatted(
    tmp_path: Path, texts: list[str]
) -> None:
    clock = CsmsClock()
    for text in texts:
        adopt(clock, text)
    with SecurityEventStore(tmp_path / f"events-{len(texts)}.sqlite") as store:
        event = store.enqueue("SettingSystemTime", None, clock.now())
        (read,) = store.oldest(1)
        assert read.timestamp == event.timestamp
        read.timestamp.isoformat(timespec="milliseconds")
        store.clear()


@PROPERTY
@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=offsets)
    | st.sampled_from([datetime.max.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC)])
)
def test_any_aware_timestamp_round_trips_through_the_store(
    tmp_path: Path, moment: datetime
) -> None:
    with SecurityEventStore(tmp_path / "events.sqlite") as store:
        store.enqueue("SettingSystemTime", "t", moment)
        (read,) = store.oldest(1)
        assert read.timestamp == moment
        store.clear()
