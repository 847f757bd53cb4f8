from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from everest_py.ocpp16.security.store import (
    MAX_TECH_INFO_LENGTH,
    SecurityEventStore,
    SecurityStoreError,
)

T0 = datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "security_events.sqlite"


def test_events_survive_reopen_with_all_fields(db: Path) -> None:
    with SecurityEventStore(db) as store:
        first = store.enqueue("StartupOfTheDevice", None, T0)
        second = store.enqueue("SettingSystemTime", "ntp sync", T0 + timedelta(seconds=1))
    with SecurityEventStore(db) as store:
        assert store.oldest(10) == [first, second]
        assert len(store) == 2
    assert second.seq > first.seq
    assert uuid.UUID(first.message_id).version == 4
    assert first.message_id != second.message_id


def test_message_ids_are_distinct_random_uuids_in_canonical_text(db: Path) -> None:
    with SecurityEventStore(db) as store:
        events = store.enqueue_many(("StartupOfTheDevice", str(n), T0) for n in range(500))
    ids = [event.message_id for event in events]
    assert len(set(ids)) == len(ids)
    for message_id in ids:
        parsed = uuid.UUID(message_id)
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)
        assert str(parsed) == message_id  # lower-case hex, dashes where uuid4() puts them


def test_store_is_in_wal_mode(db: Path) -> None:
    SecurityEventStore(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with SecurityEventStore(db) as store:
        assert store.journal_mode() == "wal"


def test_a_new_store_opens_its_reading_connection_only_when_something_reads(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fleet member queues and delivers its events without reading the store: one SQLite
    connection (the writer's) each, not two. The first read opens the second, which sees
    what was committed before it."""
    from everest_py.ocpp16.security import store as store_module

    connects: list[object] = []
    connect = sqlite3.connect

    def counted(*args: object, **kwargs: object) -> sqlite3.Connection:
        connects.append(args[0])
        return connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module.sqlite3, "connect", counted)
    with SecurityEventStore(db) as store:
        opened = len(connects)
        event = store.enqueue("StartupOfTheDevice", None, T0)
        store.ack(event.seq)
        assert len(connects) == opened  # written and removed without a second connection
        later = store.enqueue("SettingSystemTime", None, T0)
        assert store.oldest(10) == [later]
        assert len(connects) == opened + 1
        assert connects[-1] == connects[-2]  # the writer's file, by the same URI


def test_a_store_closed_before_any_read_refuses_reads_and_opens_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a store that had read: the closed reading connection refused. A never-read store
    # must not open one after close() that nothing would close.
    from everest_py.ocpp16.security import store as store_module

    store = SecurityEventStore(db)
    store.close()
    connects: list[object] = []
    monkeypatch.setattr(store_module.sqlite3, "connect", lambda *a, **k: connects.append(a))
    with pytest.raises(SecurityStoreError, match="closed database"):
        store.oldest(1)
    assert connects == []


def test_a_store_reached_through_a_link_and_dot_dot_is_the_file_the_kernel_names(
    tmp_path: Path,
) -> None:
    """`link/../x` is `<link's target's parent>/x`, not `x` beside the link: the store, its
    log and its index are there, and a second open finds the events."""
    (tmp_path / "real" / "deep").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real" / "deep")
    through_link = tmp_path / "link" / ".." / "events.sqlite"
    with SecurityEventStore(through_link) as store:
        event = store.enqueue("StartupOfTheDevice", None, T0)
        assert store.oldest(1) == [event]
        assert (tmp_path / "real" / "events.sqlite-wal").exists()
    assert (tmp_path / "real" / "events.sqlite").is_file()
    assert not (tmp_path / "events.sqlite").exists()
    with SecurityEventStore(through_link) as store:
        assert store.oldest(1) == [event]


def test_enqueue_is_committed_when_it_returns(db: Path) -> None:
    with SecurityEventStore(db) as store:
        event = store.enqueue("ResetOrReboot", "x", T0)
        # A second connection only sees committed rows.
        with sqlite3.connect(db) as other:
            rows = other.execute("SELECT seq, message_id FROM security_events").fetchall()
        assert rows == [(event.seq, event.message_id)]


def test_oldest_is_in_order_and_ack_removes(db: Path) -> None:
    with SecurityEventStore(db) as store:
        events = [store.enqueue(f"T{i}", str(i), T0) for i in range(5)]
        assert store.oldest(3) == events[:3]
        store.ack(events[1].seq)
        assert [e.seq for e in store.oldest(10)] == [events[i].seq for i in (0, 2, 3, 4)]
        assert len(store) == 4
        store.ack(events[1].seq)  # acking twice is harmless (a duplicate CALLRESULT)
        assert len(store) == 4


def test_sequence_numbers_are_never_reused(db: Path) -> None:
    with SecurityEventStore(db) as store:
        last = store.enqueue("A", None, T0)
        store.ack(last.seq)
    with SecurityEventStore(db) as store:
        assert store.enqueue("B", None, T0).seq > last.seq


def test_record_attempt_counts_and_persists(db: Path) -> None:
    with SecurityEventStore(db) as store:
        event = store.enqueue("A", None, T0)
        assert store.record_attempt(event.seq) == 1
        assert store.record_attempt(event.seq) == 2
        with pytest.raises(KeyError, match="seq 999"):
            store.record_attempt(999)
    with SecurityEventStore(db) as store:
        assert store.oldest(1)[0].attempts == 2
        assert store.oldest(1)[0].message_id == event.message_id


def test_clear_drops_everything_and_counts(db: Path) -> None:
    with SecurityEventStore(db) as store:
        for i in range(4):
            store.enqueue("A", str(i), T0)
        assert store.clear() == 4
        assert len(store) == 0
    with SecurityEventStore(db) as store:
        assert store.oldest(10) == []


def test_input_is_validated(db: Path) -> None:
    with SecurityEventStore(db) as store:
        with pytest.raises(ValueError, match="timezone-aware"):
            store.enqueue("A", None, datetime(2025, 1, 1))
        with pytest.raises(ValueError, match="longer than 50"):
            store.enqueue("X" * 51, None, T0)
        with pytest.raises(ValueError, match="non-empty"):
            store.enqueue("", None, T0)
        with pytest.raises(ValueError, match="limit"):
            store.oldest(0)
        long_info = store.enqueue("A", "i" * 1000, T0)
        assert long_info.tech_info == "i" * MAX_TECH_INFO_LENGTH
        assert len(store) == 1


def test_submit_of_one_event_is_submit_many_of_one(db: Path) -> None:
    with SecurityEventStore(db) as store:
        with pytest.raises(ValueError, match="non-empty"):
            store.submit("", None, T0)  # raises at once and uses no seq
        first, first_stored = store.submit("A", "i" * 1000, T0)
        (second,), _ = store.submit_many([("B", None, T0)])
        third, third_stored = store.submit("C", "c", T0, hold=True)
        assert [first.seq, second.seq, third.seq] == [1, 2, 3]
        assert first.tech_info == "i" * MAX_TECH_INFO_LENGTH
        assert first_stored.result(timeout=10) == [first]
        assert not third_stored.done()  # held until released
        store.release()
        assert third_stored.result(timeout=10) == [third]
    with SecurityEventStore(db) as store:
        assert store.oldest(10) == [first, second, third]


@pytest.mark.slow  # 20 s: in `make test-slow`, which .ci/run runs too
def test_100k_events_enqueued_and_drained_in_order(db: Path) -> None:
    total, batch = 100_000, 10_000
    with SecurityEventStore(db) as store:
        for start in range(0, total, batch):
            store.enqueue_many(
                ("MemoryExhaustion", str(n), T0 + timedelta(microseconds=n))
                for n in range(start, start + batch)
            )
    drained: list[str | None] = []
    with SecurityEventStore(db) as store:
        assert len(store) == total
        while events := store.oldest(2_000):
            for event in events:
                drained.append(event.tech_info)
                store.ack(event.seq)
        assert len(store) == 0
    assert drained == [str(n) for n in range(total)]


_ENQUEUER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from everest_py.ocpp16.security.store import SecurityEventStore
store = SecurityEventStore(Path(sys.argv[1]))
n = 0
while True:
    event = store.enqueue("TamperDetectionActivated", str(n), datetime.now(UTC))
    print(event.seq, event.message_id, flush=True)
    n += 1
"""


def test_every_returned_enqueue_survives_sigkill(db: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _ENQUEUER, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None
    confirmed = [process.stdout.readline().split() for _ in range(200)]
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    with SecurityEventStore(db) as store:
        survivors = {(str(e.seq), e.message_id) for e in store.oldest(1_000_000)}
    assert {(seq, message_id) for seq, message_id in confirmed} <= survivors


# -- files that are not a usable store: clear error naming the file, nothing overwritten -----


def _assert_refused(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(SecurityStoreError, match=match) as info:
        SecurityEventStore(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


def test_garbage_file_is_refused_not_recreated(db: Path) -> None:
    db.write_bytes(b"this is not a database" * 100)
    _assert_refused(db, "corrupt or not a SQLite database")


def test_empty_file_is_refused(db: Path) -> None:
    db.write_bytes(b"")
    _assert_refused(db, "not a security event store")


def test_foreign_sqlite_database_is_refused(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE other (x)")
    _assert_refused(db, "not a security event store")


def _damaged_copies(db: Path) -> list[Path]:
    return sorted(p for p in db.parent.iterdir() if ".damaged-" in p.name)


def test_damaged_store_is_reported_moved_aside_and_its_readable_events_kept(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with SecurityEventStore(db) as store:
        queued = store.enqueue_many(("A", f"{n:05d}" + "x" * 200, T0) for n in range(2_000))
    data = bytearray(db.read_bytes())
    page = 4096
    data[-3 * page :] = b"\xff" * (3 * page)  # wreck the last b-tree pages, keep the header
    db.write_bytes(bytes(data))
    with SecurityEventStore(db) as store:
        kept = store.oldest(10_000)
        assert 0 < len(kept) < len(queued)
        assert kept == queued[: len(kept)]  # the oldest events, unchanged (ids, seqs)
        store.enqueue("B", "after the recovery", T0)  # usable
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(str(db) in message and "damaged" in message for message in errors)
    (aside,) = _damaged_copies(db)
    assert aside.read_bytes() == bytes(data)  # kept as found


def _snapshot_after_kill(db: Path, target: Path, events: int) -> list[str]:
    """The files a killed process leaves: the store with its write-ahead log not yet
    checkpointed (copied while the store is open). Returns the confirmed message ids."""
    with SecurityEventStore(db) as store:
        confirmed = [store.enqueue("A", f"event {n}", T0).message_id for n in range(events)]
        for suffix in ("", "-wal"):
            target.with_name(target.name + suffix).write_bytes(Path(f"{db}{suffix}").read_bytes())
    return confirmed


def test_an_intact_write_ahead_log_is_replayed_silently(
    db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    killed = tmp_path / "killed.sqlite"
    confirmed = _snapshot_after_kill(db, killed, 20)
    assert Path(f"{killed}-wal").stat().st_size > 0
    with SecurityEventStore(killed) as store:
        assert [e.message_id for e in store.oldest(100)] == confirmed
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_damaged_write_ahead_log_is_reported_not_silently_dropped(
    db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    killed = tmp_path / "killed.sqlite"
    confirmed = _snapshot_after_kill(db, killed, 20)
    wal = Path(f"{killed}-wal")
    data = bytearray(wal.read_bytes())
    data[32 + 24 + 100] ^= 0xFF  # one byte of the first frame's page
    wal.write_bytes(bytes(data))
    with SecurityEventStore(killed) as store:
        kept = [e.message_id for e in store.oldest(100)]
    assert kept == confirmed[: len(kept)]
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(str(killed) in m and "write-ahead log" in m for m in errors), errors
    _aside, aside_wal = _damaged_copies(killed)
    assert aside_wal.name.endswith("-wal") and aside_wal.read_bytes() == bytes(data)


def test_directory_in_place_of_the_file_is_refused(db: Path) -> None:
    db.mkdir()
    with pytest.raises(SecurityStoreError, match="is a directory") as info:
        SecurityEventStore(db)
    assert str(db) in str(info.value)


def test_missing_data_directory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "events.sqlite"
    with pytest.raises(SecurityStoreError, match="does not exist"):
        SecurityEventStore(path)
    assert not path.parent.exists()
