"""Durable queue of security events waiting for delivery to the Central System.

SQLite in WAL mode. Every write runs on one writer thread (`everest_py.storage`, group commit):
the events submitted while a batch is written go into the next one, one transaction and one
sync per batch, and their futures resolve after the COMMIT. Reads use a second connection
(opened by the first read), which sees committed transactions only: whatever `oldest` returns
is on disk.

Durability choice: enqueues and `clear` commit with synchronous=FULL, so an event whose
enqueue was confirmed survives a process kill *and* a power cut (a charger loses
power; NORMAL in WAL mode only survives a process crash, an unsynced tail of the WAL can vanish
with the power). removals and attempt counts commit with synchronous=NORMAL (when no enqueue shares their batch): losing one of them
to a power cut only means the event is sent once more (at-least-once, same message id) or retried
once more, which the delivery contract allows, and it spares one fsync per delivered event.
A FULL commit syncs every WAL frame before it, so NORMAL commits never reorder past FULL ones.

The synchronous methods (`enqueue`, `ack`, `clear`, ...) wait on the calling thread; the
event loop uses `submit_many`, `remove`, `count_attempt` and awaits. Writes run in submission
order, so a removal or attempt count submitted after an event's insert never precedes its
commit: delivery may send an event before it is committed and still remove it only after.

Damage is detected on open: SQLite itself silently ignores a write-ahead log whose header or
frames fail their checksums (committed events vanish), so the log is checked first, then the
database (`PRAGMA quick_check`). A damaged store of ours is logged at ERROR naming the file,
moved aside as found (`<name>.damaged-<UTC time>`, with its `-wal`), and replaced by a new store
holding every event that can still be read. A file that is not ours is refused, never touched.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import shutil
import sqlite3
import struct
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal, NamedTuple

from ..fsutil import fsync_directory
from ..storage import GroupCommitter, written

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
# WAL file magic numbers: the low bit says in which byte order the checksums are computed.
_WAL_MAGIC: Final = {0x377F0682: "<", 0x377F0683: ">"}
_WAL_HEADER: Final = 32
# A random UUID's version (4) and variant (RFC 4122) bits, as uuid.uuid4() sets them.
_UUID4_CLEARED: Final = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET: Final = (0x4000 << 64) | (0x8000 << 48)
_WAL_FRAME_HEADER: Final = 24

logger = logging.getLogger(__name__)

Synchronous = Literal["FULL", "NORMAL"]


class SecurityStoreError(Exception):
    """The store file cannot be used; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"security event store {path}: {reason}")
        self.path = path
        self.reason = reason


class _Damaged(SecurityStoreError):
    """Our store (application id and version check out), but damaged: recovered on open."""


class QueuedSecurityEvent(NamedTuple):
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
        self._lock = threading.Lock()  # the reading connection and the sequence numbers
        created = not self.path.exists()
        if created:
            _set_aside_orphans(self.path)
            _create(self.path)
        # Resolved once: the writer of a new store and the reader open the same file with it.
        self._uri = _writable_uri(self.path)
        # The writer thread's connection; a store made just now has nothing to check or count.
        self._conn = (
            _open_existing(self.path, self._uri) if created else _open_or_recover(self.path)
        )
        # The reads' connection, opened by the first read: a new store has nothing to read
        # until events were queued in an earlier run, so a fleet member that delivers what it
        # records (handed over in memory) never opens it.
        self._reader: sqlite3.Connection | None = None
        self._closed = False  # a read after close() fails, as it did before the lazy reader
        self._synchronous: Synchronous | None = None
        self._count = 0 if created else self._query_count()
        self._count_change = 0  # of the batch being written, counted once it is committed
        self._next_seq = 1 if created else self._query_next_seq()
        self._last_enqueue: concurrent.futures.Future[list[QueuedSecurityEvent]] | None = None
        self._committer = GroupCommitter(_Transaction(self), f"security store {self.path.name}")

    # -- writes (on the writer thread, group committed) ----------------------------------------

    def submit_many(
        self, events: Iterable[tuple[str, str | None, datetime]], *, hold: bool = False
    ) -> tuple[list[QueuedSecurityEvent], concurrent.futures.Future[list[QueuedSecurityEvent]]]:
        """Queue events for the store; the future resolves once they are durable. Sequence
        numbers and message ids are given here, in call order (raises ValueError at once).
        `hold=True`: the writer thread gets them at the next `release()` (or the next write
        submitted without hold, or `flushed()`); see GroupCommitter.submit."""
        rows = [_validated_row(*event) for event in events]
        with self._lock:
            first = self._next_seq
            self._next_seq += len(rows)
            queued = [
                QueuedSecurityEvent(first + n, message_id, event_type, tech_info, stamp, 0)
                for n, (message_id, event_type, tech_info, stamp) in enumerate(rows)
            ]
            written = self._submit_insert(queued, hold)
        return queued, written

    def submit(
        self, type: str, tech_info: str | None, timestamp: datetime, *, hold: bool = False
    ) -> tuple[QueuedSecurityEvent, concurrent.futures.Future[list[QueuedSecurityEvent]]]:
        """`submit_many` of one event, without its lists: the recorder's case, which an
        event's first send waits for."""
        message_id, event_type, info, stamp = _validated_row(type, tech_info, timestamp)
        with self._lock:
            event = QueuedSecurityEvent(self._next_seq, message_id, event_type, info, stamp, 0)
            self._next_seq += 1
            written = self._submit_insert([event], hold)
        return event, written

    def _submit_insert(
        self, queued: list[QueuedSecurityEvent], hold: bool
    ) -> concurrent.futures.Future[list[QueuedSecurityEvent]]:
        """Under the lock, so inserts reach the writer in seq order."""
        written = self._committer.submit(
            lambda: self._insert(queued), durable=self._durable == "FULL", hold=hold
        )
        self._last_enqueue = written
        return written

    def enqueue(self, type: str, tech_info: str | None, timestamp: datetime) -> QueuedSecurityEvent:
        """Persist one event; it is committed (durably) when this returns."""
        return self.enqueue_many([(type, tech_info, timestamp)])[0]

    def enqueue_many(
        self, events: Iterable[tuple[str, str | None, datetime]]
    ) -> list[QueuedSecurityEvent]:
        """Persist several events; all are durable when this returns (waits on this thread)."""
        return self.submit_many(events)[1].result()

    def release(self) -> None:
        """Hand events submitted with `hold=True` to the writer thread."""
        self._committer.release()

    async def flushed(self) -> None:
        """Until every event submitted so far is durable (raises the last one's error). Held
        events are released after the callbacks already scheduled (a send woken by the
        recorder goes first), in case their holder has not done so."""
        asyncio.get_running_loop().call_soon(self._committer.release)
        last = self._last_enqueue
        if last is not None:
            await written(last)

    async def remove(self, seqs: Iterable[int]) -> None:
        """Remove delivered (or dropped) events, committed without a sync of their own: a power
        cut may bring them back, to be sent once more (at-least-once, same message id)."""
        await written(self.submit_remove(seqs))

    def submit_remove(self, seqs: Iterable[int]) -> concurrent.futures.Future[None]:
        """`remove` without waiting."""
        rows = [(seq,) for seq in seqs]
        return self._committer.submit(lambda: self._delete(rows), durable=False)

    async def count_attempt(self, seq: int) -> int:
        """Count one failed delivery attempt; returns the attempts so far. KeyError if unknown."""
        return await written(self._committer.submit(lambda: self._attempt(seq), durable=False))

    def ack(self, seq: int) -> None:
        """Remove a delivered (or dropped) event. Unknown seq: nothing happens."""
        self.ack_many((seq,))

    def ack_many(self, seqs: Iterable[int]) -> None:
        """`remove`, waiting on this thread."""
        self.submit_remove(seqs).result()

    def record_attempt(self, seq: int) -> int:
        """`count_attempt`, waiting on this thread."""
        return self._committer.submit(lambda: self._attempt(seq), durable=False).result()

    def clear(self) -> int:
        """Drop every queued event (the `stop` command); returns how many were dropped. Waits
        on this thread for the writer (one batch)."""
        return self._committer.submit(self._delete_all).result()

    def submitted(
        self,
    ) -> tuple[int, concurrent.futures.Future[list[QueuedSecurityEvent]] | None]:
        """The seq the next submitted event gets, and the future of the last submission: once it
        resolves, every event with a lower seq is committed (or its write failed)."""
        with self._lock:
            return self._next_seq, self._last_enqueue

    # -- reads (see committed, hence durable, events only) --------------------------------------

    def oldest(self, limit: int, after: int = 0) -> list[QueuedSecurityEvent]:
        """Up to `limit` committed events with a seq above `after`, oldest first."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM security_events WHERE seq > ? ORDER BY seq LIMIT ?",
                (after, limit),
            ).fetchall()
        return [_event(row) for row in rows]

    def journal_mode(self) -> str:
        with self._reading() as conn:
            return str(conn.execute("PRAGMA journal_mode").fetchone()[0])

    def __len__(self) -> int:
        """Durable events in the store."""
        return self._count

    def close(self) -> None:
        """Write what is queued, then close."""
        self._committer.close()
        with self._lock:
            self._closed = True
            if self._reader is not None:
                self._reader.close()
            self._conn.close()

    def __enter__(self) -> SecurityEventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the writer thread ----------------------------------------------------------------------

    def _insert(self, events: list[QueuedSecurityEvent]) -> list[QueuedSecurityEvent]:
        with self._database_errors():
            self._conn.executemany(
                "INSERT INTO security_events (seq, message_id, type, tech_info, timestamp)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (e.seq, e.message_id, e.type, e.tech_info, e.timestamp.isoformat())
                    for e in events
                ],
            )
        self._count_change += len(events)
        return events

    def _delete(self, rows: list[tuple[int]]) -> None:
        with self._database_errors():
            removed = self._conn.executemany(
                "DELETE FROM security_events WHERE seq = ?", rows
            ).rowcount
        self._count_change -= removed

    def _delete_all(self) -> int:
        with self._database_errors():
            removed = int(self._conn.execute("DELETE FROM security_events").rowcount)
        self._count_change -= removed
        return removed

    def _attempt(self, seq: int) -> int:
        with self._database_errors():
            row = self._conn.execute(
                "UPDATE security_events SET attempts = attempts + 1"
                " WHERE seq = ? RETURNING attempts",
                (seq,),
            ).fetchone()
        if row is None:
            raise KeyError(f"no queued security event with seq {seq} in {self.path}")
        return int(row[0])

    def _begin(self, durable: bool) -> None:
        synchronous: Synchronous = self._durable if durable else "NORMAL"
        with self._database_errors():
            if self._synchronous != synchronous:
                self._conn.execute(f"PRAGMA synchronous = {synchronous}")
                self._synchronous = synchronous
            self._conn.execute("BEGIN IMMEDIATE")
        self._count_change = 0

    def _commit(self) -> None:
        with self._database_errors():
            self._conn.execute("COMMIT")
        self._count += self._count_change
        self._count_change = 0

    def _abort(self) -> None:
        self._count_change = 0
        if self._conn.in_transaction:
            self._conn.rollback()

    # -- internals ----------------------------------------------------------------------------

    def _query_count(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM security_events").fetchone()[0])

    def _query_next_seq(self) -> int:
        """After every seq ever given (AUTOINCREMENT's record), so ids are never reused."""
        with self._reading() as conn:
            used = conn.execute(
                "SELECT MAX(seq) FROM (SELECT seq FROM sqlite_sequence WHERE name = ?"
                " UNION ALL SELECT MAX(seq) FROM security_events)",
                ("security_events",),
            ).fetchone()[0]
        return int(used or 0) + 1

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._database_errors():
            if self._reader is None:
                if self._closed:  # not a connection of its own that nothing would close
                    raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
                self._reader = _open_existing(self.path, self._uri)
            yield self._reader

    @contextmanager
    def _database_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise SecurityStoreError(self.path, f"database error: {exc}") from exc


class _Transaction:
    """The committer's sink: one SQLite transaction per batch; its COMMIT syncs the log once
    (synchronous=FULL) when a job of the batch asked for durability."""

    def __init__(self, store: SecurityEventStore) -> None:
        self._store = store

    def begin(self, durable: bool) -> None:
        self._store._begin(durable)

    def commit(self, durable: bool) -> None:
        self._store._commit()

    def abort(self) -> None:
        self._store._abort()


def _writable_uri(path: Path) -> str:
    # Absolute, not resolved: SQLite resolves symbolic links (and a `..` after one) itself,
    # as the kernel does, so a realpath walk of our own (a stat per component) bought nothing.
    # mode=rw: never let sqlite create a fresh empty database in place of a vanished one.
    return f"{path.absolute().as_uri()}?mode=rw"


def _open_existing(path: Path, uri: str) -> sqlite3.Connection:
    """A connection (`uri`: `_writable_uri(path)`) to a store that exists: the reads' second
    connection (in WAL mode it sees committed transactions only, and never waits for the
    writer), or the writer's to a store `_create` has just written (known sound, so not
    checked again)."""
    try:
        return sqlite3.connect(
            uri,
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise SecurityStoreError(path, f"cannot open: {exc}") from exc


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
    return _message_id(), event_type, tech_info, timestamp


def _message_id() -> str:
    """A random (version 4) UUID in the text form str(uuid.uuid4()) gives, without building a
    UUID object: it is made before the event's first send, which waits for it."""
    value = int.from_bytes(os.urandom(16), "big") & _UUID4_CLEARED | _UUID4_SET
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _event(row: tuple[int, str, str, str | None, str, int]) -> QueuedSecurityEvent:
    seq, message_id, event_type, tech_info, stamp, attempts = row
    return QueuedSecurityEvent(
        seq, message_id, event_type, tech_info, datetime.fromisoformat(stamp), attempts
    )


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False)


def _create(path: Path) -> None:
    """Write an empty store to a side file, sync it and rename it into place, so a file at
    `path` is always a complete store: anything else found there later is corruption, never a
    half-made store. The bytes come from one store built by SQLite per process (a fleet
    creates a thousand: a copy is a fraction of the cost)."""
    if not path.parent.is_dir():
        raise SecurityStoreError(path, f"directory {path.parent} does not exist")
    scratch = path.with_name(f".{path.name}.creating")
    try:
        data = _empty_store()
        for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
            leftover.unlink(missing_ok=True)
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(scratch, path)
        fsync_directory(path.parent)
    except (OSError, sqlite3.Error) as exc:
        scratch.unlink(missing_ok=True)
        raise SecurityStoreError(path, f"cannot create: {exc}") from exc


_EMPTY_STORE: bytes | None = None


def _empty_store() -> bytes:
    """The bytes of an empty store (schema, application id, version, WAL mode), built once."""
    global _EMPTY_STORE
    if _EMPTY_STORE is None:
        with tempfile.TemporaryDirectory(prefix="security-store-") as directory:
            scratch = Path(directory) / "empty.sqlite"
            conn = _connect(scratch)
            try:
                # A scratch file: its bytes are read back, written and synced by _create. SQLite's
                # own syncs here (a dozen, one commit per statement) bought nothing and cost a
                # fresh charge point tens of milliseconds before its first BootNotification.
                conn.execute("PRAGMA synchronous = OFF")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute(_SCHEMA)
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
            _EMPTY_STORE = scratch.read_bytes()
    return _EMPTY_STORE


def _open_checked(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise SecurityStoreError(path, "is a directory, expected a SQLite file")
    if not os.access(path, os.R_OK | os.W_OK):
        raise SecurityStoreError(path, "not readable and writable by this process")
    try:
        conn = sqlite3.connect(
            _writable_uri(path),
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
    try:
        verdict = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise _Damaged(path, f"integrity check failed: {exc}") from exc
    if verdict != ["ok"]:
        raise _Damaged(path, "integrity check failed: " + "; ".join(verdict[:3]))


# -- damage: detection and recovery ---------------------------------------------------------------


def _open_or_recover(path: Path) -> sqlite3.Connection:
    # The log is checked before SQLite opens the store: opening checkpoints what SQLite takes
    # for the valid part and would erase the evidence of the rest.
    damage = _wal_damage(path)
    if damage is None:
        try:
            return _open_checked(path)
        except _Damaged as damaged:
            damage = damaged.reason
    _recover(path, damage)
    return _open_checked(path)


def _wal_damage(path: Path) -> str | None:
    """Why the write-ahead log of `path` loses committed transactions, or None when it is
    absent or sound. A torn tail (an uncommitted transaction cut by a crash) is not damage."""
    wal = Path(f"{path}-wal")
    try:
        data = wal.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SecurityStoreError(path, f"cannot read {wal}: {exc.strerror}") from exc
    if not data:
        return None
    if len(data) < _WAL_HEADER:
        return f"write-ahead log {wal} has a truncated header"
    magic, _, page_size, _, salt1, salt2, check1, check2 = struct.unpack(">8I", data[:32])
    order = _WAL_MAGIC.get(magic)
    if order is None or _wal_checksum(order, data[:24], (0, 0)) != (check1, check2):
        return f"write-ahead log {wal} has a damaged header: SQLite would ignore all of it"
    frame_size = _WAL_FRAME_HEADER + page_size
    checksum = (check1, check2)
    frames = [
        data[at : at + frame_size] for at in range(32, len(data) - frame_size + 1, frame_size)
    ]
    for number, frame in enumerate(frames, start=1):
        _, _, frame_salt1, frame_salt2, frame_check1, frame_check2 = struct.unpack(
            ">6I", frame[:24]
        )
        checksum = _wal_checksum(order, frame[:8], checksum)
        checksum = _wal_checksum(order, frame[24:], checksum)
        if (frame_salt1, frame_salt2) == (salt1, salt2) and checksum == (
            frame_check1,
            frame_check2,
        ):
            continue
        # SQLite stops at this frame. Committed transactions after it are lost.
        lost = sum(1 for later in frames[number:] if _commits(later, salt1, salt2))
        if lost:
            return (
                f"write-ahead log {wal}: frame {number} is damaged; {lost} committed "
                "transaction(s) after it would be lost"
            )
        return None
    return None


def _commits(frame: bytes, salt1: int, salt2: int) -> bool:
    """A commit frame of the log's current generation (older frames carry other salts)."""
    _, database_size, frame_salt1, frame_salt2 = struct.unpack(">4I", frame[:16])
    return database_size != 0 and (frame_salt1, frame_salt2) == (salt1, salt2)


def _wal_checksum(order: str, data: bytes, start: tuple[int, int]) -> tuple[int, int]:
    """SQLite's WAL checksum of `data` (a multiple of 8 bytes), continuing from `start`."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    first, second = start
    for index in range(0, len(words), 2):
        first = (first + words[index] + second) & 0xFFFFFFFF
        second = (second + words[index + 1] + first) & 0xFFFFFFFF
    return first, second


def _recover(path: Path, damage: str) -> None:
    """Replace the damaged store by one holding its readable events; the damaged files are
    kept, as found, next to it. Crash-safe: the damaged store stays in place until the new one
    is complete, so an interrupted recovery is redone on the next open."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    logger.error("security event store %s is damaged: %s", path, damage)
    rows = _readable_rows(path)
    fresh = path.with_name(f".{path.name}.recovered")
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        leftover.unlink(missing_ok=True)
    _create(fresh)
    try:
        conn = _connect(fresh)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                f"INSERT INTO security_events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows
            )
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        # The log first: a crash between the two leaves no main file beside a stale log
        # (and a main file without its log is set aside whole by the next open's check).
        wal = Path(f"{path}-wal")
        if wal.exists():
            os.replace(wal, Path(f"{aside}-wal"))
        os.replace(path, aside)
        Path(f"{path}-shm").unlink(missing_ok=True)
        os.replace(fresh, path)
        fsync_directory(path.parent)
    except (OSError, sqlite3.Error) as exc:
        raise SecurityStoreError(
            path, f"damaged ({damage}) and cannot be recovered: {exc}"
        ) from exc
    logger.error(
        "security event store %s: %d queued event(s) recovered into a new store; the damaged "
        "files are kept as %s",
        path,
        len(rows),
        aside,
    )


def _set_aside_orphans(path: Path) -> None:
    """A write-ahead log (or its index) left without its database (the file deleted by hand,
    or a crash while setting a damaged store aside) would be replayed into the new, empty
    store: its sequence numbers would clash and its rows skip every check. Set it aside."""
    for suffix in ("-wal", "-shm"):
        orphan = Path(f"{path}{suffix}")
        if orphan.exists():
            kept = orphan.with_name(f"{orphan.name}.orphaned-{int(time.time())}")
            os.replace(orphan, kept)
            logger.error(
                "security event store %s: %s was there without its database; set aside as %s",
                path,
                orphan.name,
                kept.name,
            )


def _readable_rows(path: Path) -> list[tuple[object, ...]]:
    """The events of a damaged store that can still be read, oldest first: read from a copy,
    so the damaged files stay as found."""
    copy = path.with_name(f".{path.name}.reading")
    copies = [(path, copy), (Path(f"{path}-wal"), Path(f"{copy}-wal"))]
    rows: list[tuple[object, ...]] = []
    try:
        Path(f"{copy}-shm").unlink(missing_ok=True)
        for source, target in copies:
            target.unlink(missing_ok=True)
            if source.exists():
                shutil.copyfile(source, target)
        conn = _connect(copy)
        try:
            cursor = conn.execute(f"SELECT {_COLUMNS} FROM security_events ORDER BY seq")
            while (row := cursor.fetchone()) is not None:
                rows.append(tuple(row))
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:  # Keep what was read before the damage.
        logger.error(
            "security event store %s: reading stopped after %d event(s): %s", path, len(rows), exc
        )
    finally:
        for _, target in copies:
            target.unlink(missing_ok=True)
        Path(f"{copy}-shm").unlink(missing_ok=True)
    return rows
