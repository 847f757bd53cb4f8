"""Durable queue of security events waiting for delivery to the Central System.

SQLite in WAL mode. Durability choice: `enqueue` and `clear` commit with synchronous=FULL, so
an event whose `enqueue` returned survives a process kill *and* a power cut (a charger loses
power; NORMAL in WAL mode only survives a process crash, an unsynced tail of the WAL can vanish
with the power). `ack` and `record_attempt` commit with synchronous=NORMAL: losing one of them
to a power cut only means the event is sent once more (at-least-once, same message id) or retried
once more, which the delivery contract allows, and it spares one fsync per delivered event.
A FULL commit syncs every WAL frame before it, so NORMAL commits never reorder past FULL ones.

The store is thread-safe (one connection behind a lock), so callers may run it in a worker thread.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final, Literal

from ..fsutil import fsync_directory

# "SEV1" as a big-endian int: marks the file as ours, so a foreign database is refused.
APPLICATION_ID: Final = 0x53455631
SCHEMA_VERSION: Final = 1
# SecurityEventNotification.req field limits (CiString50Type / CiString255Type).
MAX_TYPE_LENGTH: Final = 50
MAX_TECH_INFO_LENGTH: Final = 255

_SCHEMA: Final = """
CREATE TABLE security_events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT    NOT NULL UNIQUE,
    type       TEXT    NOT NULL,
    tech_info  TEXT,
    timestamp  TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0
)
"""
_COLUMNS: Final = "seq, message_id, type, tech_info, timestamp, attempts"

Synchronous = Literal["FULL", "NORMAL"]


class SecurityStoreError(Exception):
    """The store file cannot be used; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"security event store {path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class QueuedSecurityEvent:
    seq: int
    message_id: str
    type: str
    tech_info: str | None
    timestamp: datetime
    attempts: int


class SecurityEventStore:
    def __init__(self, path: Path, *, enqueue_synchronous: Synchronous = "FULL") -> None:
        """Open the store at `path`, creating it only when no file exists there.

        `enqueue_synchronous="NORMAL"` trades power-cut safety for speed (bench baseline only).
        """
        if enqueue_synchronous not in ("FULL", "NORMAL"):
            raise ValueError(
                f"enqueue_synchronous must be FULL or NORMAL, not {enqueue_synchronous!r}"
            )
        self.path = Path(path)
        self._durable: Final[Synchronous] = enqueue_synchronous
        self._lock = threading.Lock()
        if not self.path.exists():
            _create(self.path)
        self._conn = _open_checked(self.path)
        self._synchronous: Synchronous | None = None
        self._count = self._query_count()

    # -- writes -------------------------------------------------------------------------------

    def enqueue(self, type: str, tech_info: str | None, timestamp: datetime) -> QueuedSecurityEvent:
        """Persist one event; it is committed (durably) when this returns."""
        return self.enqueue_many([(type, tech_info, timestamp)])[0]

    def enqueue_many(
        self, events: Iterable[tuple[str, str | None, datetime]]
    ) -> list[QueuedSecurityEvent]:
        """Persist several events in one transaction; all are durable when this returns."""
        rows = [_validated_row(*event) for event in events]
        queued: list[QueuedSecurityEvent] = []
        with self._write(self._durable) as conn:
            for message_id, event_type, tech_info, stamp in rows:
                cursor = conn.execute(
                    "INSERT INTO security_events (message_id, type, tech_info, timestamp)"
                    " VALUES (?, ?, ?, ?)",
                    (message_id, event_type, tech_info, stamp.isoformat()),
                )
                seq = cursor.lastrowid
                assert seq is not None
                queued.append(QueuedSecurityEvent(seq, message_id, event_type, tech_info, stamp, 0))
        self._count += len(queued)
        return queued

    def ack(self, seq: int) -> None:
        """Remove a delivered (or dropped) event. Unknown seq: nothing happens."""
        self.ack_many((seq,))

    def ack_many(self, seqs: Iterable[int]) -> None:
        """Remove several delivered events in one transaction. Unknown seqs are skipped."""
        rows = [(seq,) for seq in seqs]
        if not rows:
            return
        with self._write("NORMAL") as conn:
            removed = conn.executemany("DELETE FROM security_events WHERE seq = ?", rows).rowcount
        self._count -= removed

    def record_attempt(self, seq: int) -> int:
        """Count one failed delivery attempt; returns the attempts so far. KeyError if unknown."""
        with self._write("NORMAL") as conn:
            row = conn.execute(
                "UPDATE security_events SET attempts = attempts + 1"
                " WHERE seq = ? RETURNING attempts",
                (seq,),
            ).fetchone()
        if row is None:
            raise KeyError(f"no queued security event with seq {seq} in {self.path}")
        return int(row[0])

    def clear(self) -> int:
        """Drop every queued event (the `stop` command); returns how many were dropped."""
        with self._write("FULL") as conn:
            removed = conn.execute("DELETE FROM security_events").rowcount
        self._count -= removed
        return removed

    # -- reads --------------------------------------------------------------------------------

    def oldest(self, limit: int) -> list[QueuedSecurityEvent]:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        with self._locked() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM security_events ORDER BY seq LIMIT ?", (limit,)
            ).fetchall()
        return [_event(row) for row in rows]

    def journal_mode(self) -> str:
        with self._locked() as conn:
            return str(conn.execute("PRAGMA journal_mode").fetchone()[0])

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SecurityEventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------------

    def _query_count(self) -> int:
        with self._locked() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM security_events").fetchone()[0])

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.DatabaseError as exc:
                raise SecurityStoreError(self.path, f"database error: {exc}") from exc

    @contextmanager
    def _write(self, synchronous: Synchronous) -> Iterator[sqlite3.Connection]:
        with self._locked() as conn:
            if self._synchronous != synchronous:
                conn.execute(f"PRAGMA synchronous = {synchronous}")
                self._synchronous = synchronous
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()


def _validated_row(
    event_type: str, tech_info: str | None, timestamp: datetime
) -> tuple[str, str, str | None, datetime]:
    if not isinstance(event_type, str) or not event_type:
        raise ValueError(f"security event type must be a non-empty str, got {event_type!r}")
    if len(event_type) > MAX_TYPE_LENGTH:
        raise ValueError(
            f"security event type {event_type[:60]!r} is longer than {MAX_TYPE_LENGTH} characters"
        )
    if tech_info is not None and not isinstance(tech_info, str):
        raise ValueError(f"tech_info must be a str or None, got {type(tech_info).__name__}")
    if not isinstance(timestamp, datetime) or timestamp.tzinfo is None:
        raise ValueError(f"timestamp must be a timezone-aware datetime, got {timestamp!r}")
    if tech_info is not None and len(tech_info) > MAX_TECH_INFO_LENGTH:
        # The wire allows 255 characters; the full text stays in the local security log.
        tech_info = tech_info[:MAX_TECH_INFO_LENGTH]
    return str(uuid.uuid4()), event_type, tech_info, timestamp


def _event(row: tuple[int, str, str, str | None, str, int]) -> QueuedSecurityEvent:
    seq, message_id, event_type, tech_info, stamp, attempts = row
    return QueuedSecurityEvent(
        seq, message_id, event_type, tech_info, datetime.fromisoformat(stamp), attempts
    )


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False)


def _create(path: Path) -> None:
    """Build the schema in a side file and rename it into place, so a file at `path` is always
    a complete store: anything else found there later is corruption, never a half-made store."""
    if not path.parent.is_dir():
        raise SecurityStoreError(path, f"directory {path.parent} does not exist")
    scratch = path.with_name(f".{path.name}.creating")
    for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        conn = _connect(scratch)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute(_SCHEMA)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        os.replace(scratch, path)
        fsync_directory(path.parent)
    except (OSError, sqlite3.Error) as exc:
        scratch.unlink(missing_ok=True)
        raise SecurityStoreError(path, f"cannot create: {exc}") from exc


def _open_checked(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise SecurityStoreError(path, "is a directory, expected a SQLite file")
    if not os.access(path, os.R_OK | os.W_OK):
        raise SecurityStoreError(path, "not readable and writable by this process")
    try:
        # mode=rw: never let sqlite create a fresh empty database in place of a vanished one.
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise SecurityStoreError(path, f"cannot open: {exc}") from exc
    try:
        _check(conn, path)
        mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        if mode.lower() != "wal":
            raise SecurityStoreError(path, f"cannot switch to WAL mode (got {mode})")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise SecurityStoreError(path, f"corrupt or not a SQLite database ({exc})") from exc
    except SecurityStoreError:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if application_id != APPLICATION_ID:
        raise SecurityStoreError(
            path, f"not a security event store (application_id {application_id:#x})"
        )
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version != SCHEMA_VERSION:
        raise SecurityStoreError(
            path, f"schema version {version}, this program reads version {SCHEMA_VERSION}"
        )
    verdict = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    if verdict != ["ok"]:
        raise SecurityStoreError(path, "integrity check failed: " + "; ".join(verdict[:3]))
