"""Durable store of the transaction messages waiting for the Central System: StartTransaction,
StopTransaction and transaction MeterValues, in the order they happened.

SQLite in WAL mode. `enqueue` commits with synchronous=FULL (the message survives a kill -9 and
a power cut once it returns); removing a delivered message commits with NORMAL: losing that to a
power cut only sends the message once more, with the same message id.

A transaction is known here by a local reference (`local_ref`), made when its StartTransaction
is queued. Its StopTransaction and MeterValues carry that reference; the transactionId the CSMS
gave (`csms_id`, stored with the answer to StartTransaction) is put in when they are sent, so a
transaction started offline gets the CSMS's id in every later message.

The store is thread-safe (one connection behind a lock): its callers run it in a worker thread.
The file is created by the first write: until then (a charge point that never charged) there is
nothing to read, and nothing is opened.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple

from ..errors import UnusableFileError

# "TXQ1" as a big-endian int: marks the file as ours, so a foreign database is refused.
APPLICATION_ID: Final = 0x54585131
_SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS messages (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT    NOT NULL UNIQUE,
        action     TEXT    NOT NULL,
        local_ref  INTEGER NOT NULL,
        payload    TEXT    NOT NULL,
        attempts   INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS transactions (
        local_ref  INTEGER PRIMARY KEY AUTOINCREMENT,
        csms_id    INTEGER,
        abandoned  INTEGER NOT NULL DEFAULT 0,
        connector  INTEGER NOT NULL,
        meter_wh   INTEGER NOT NULL,
        meter_time TEXT    NOT NULL,
        stopped    INTEGER NOT NULL DEFAULT 0
    )""",
)
Action = Literal["StartTransaction", "StopTransaction", "MeterValues"]


class TransactionStoreError(UnusableFileError):
    """The store file cannot be used; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"transaction message store {path}: {reason}")


class QueuedMessage(NamedTuple):
    """A transaction message in the store, waiting to be sent (in `seq` order)."""

    seq: int
    message_id: str
    action: Action
    local_ref: int
    payload: dict[str, Any]  # camelCase JSON, without transactionId (put in when sent)
    attempts: int


class OpenTransaction(NamedTuple):
    """A transaction whose StopTransaction was never queued (the process ended meanwhile)."""

    local_ref: int
    connector: int
    meter_wh: int  # the last meter reading queued for it
    meter_time: str


class TransactionIds(NamedTuple):
    csms_id: int | None  # None: StartTransaction not answered yet
    abandoned: bool  # StartTransaction was dropped (CALLERROR attempts used up)


class TransactionMessageStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._count = self._meter_values = 0
        # The newest message's sequence number when the store was opened (0: none).
        self.newest_seq = 0
        if self.path.exists():
            self._open()
            self._count = self._scalar("SELECT COUNT(*) FROM messages")
            self.newest_seq = self._scalar("SELECT COALESCE(MAX(seq), 0) FROM messages")
            self._meter_values = self._scalar(
                "SELECT COUNT(*) FROM messages WHERE action = 'MeterValues'"
            )

    def _open(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            try:
                self._prepare(conn)
            except BaseException:
                conn.close()
                raise
        except sqlite3.DatabaseError as error:
            raise TransactionStoreError(self.path, f"cannot open: {error}") from error
        self._conn = conn
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
        if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables):
            raise TransactionStoreError(self.path, "not a transaction message store; left alone")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    # -- writes -------------------------------------------------------------------------------

    def new_transaction(self, start_payload: dict[str, Any]) -> QueuedMessage:
        """Make a local reference and queue its StartTransaction, in one durable commit."""
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO transactions (connector, meter_wh, meter_time) VALUES (?, ?, ?)",
                (
                    start_payload["connectorId"],
                    start_payload["meterStart"],
                    start_payload["timestamp"],
                ),
            )
            local_ref = cursor.lastrowid
            assert local_ref is not None
            return self._insert(conn, "StartTransaction", local_ref, start_payload)

    def enqueue(
        self,
        action: Action,
        local_ref: int,
        payload: dict[str, Any],
        meter: tuple[int, str] | None = None,
    ) -> QueuedMessage:
        """Queue a message of transaction `local_ref`; durable when this returns. `meter`:
        the transaction's newest reading (Wh, time), kept for a stop after a power loss."""
        with self._write() as conn:
            if action == "StopTransaction":
                conn.execute(
                    "UPDATE transactions SET stopped = 1 WHERE local_ref = ?", (local_ref,)
                )
            elif meter is not None:
                conn.execute(
                    "UPDATE transactions SET meter_wh = ?, meter_time = ? WHERE local_ref = ?",
                    (*meter, local_ref),
                )
            return self._insert(conn, action, local_ref, payload)

    def answered(self, message: QueuedMessage, csms_id: int | None = None) -> None:
        """Remove a delivered message; for a StartTransaction, keep the CSMS's transactionId.
        Committed with synchronous=NORMAL (see the module's docstring)."""
        with self._write(durable=False) as conn:
            if csms_id is not None:
                conn.execute(
                    "UPDATE transactions SET csms_id = ? WHERE local_ref = ?",
                    (csms_id, message.local_ref),
                )
            self._delete(conn, message)

    def dropped(self, message: QueuedMessage) -> None:
        """Remove a message given up on; a dropped StartTransaction abandons its transaction."""
        with self._write() as conn:
            if message.action == "StartTransaction":
                conn.execute(
                    "UPDATE transactions SET abandoned = 1 WHERE local_ref = ?",
                    (message.local_ref,),
                )
            self._delete(conn, message)

    def record_attempt(self, message: QueuedMessage) -> int:
        """Count one CALLERROR answer; returns the attempts so far."""
        with self._write() as conn:
            row = conn.execute(
                "UPDATE messages SET attempts = attempts + 1 WHERE seq = ? RETURNING attempts",
                (message.seq,),
            ).fetchone()
        return int(row[0]) if row else message.attempts + 1

    # -- reads --------------------------------------------------------------------------------

    def oldest(self) -> QueuedMessage | None:
        with self._locked(opened=False) as conn:
            if conn is None:
                return None
            row = conn.execute(
                "SELECT seq, message_id, action, local_ref, payload, attempts FROM messages"
                " ORDER BY seq LIMIT 1"
            ).fetchone()
        if row is None:
            return None
        seq, message_id, action, local_ref, payload, attempts = row
        return QueuedMessage(seq, message_id, action, local_ref, json.loads(payload), attempts)

    def transaction(self, local_ref: int) -> TransactionIds:
        with self._locked(opened=False) as conn:
            if conn is None:
                return TransactionIds(None, True)
            row = conn.execute(
                "SELECT csms_id, abandoned FROM transactions WHERE local_ref = ?", (local_ref,)
            ).fetchone()
        if row is None:
            return TransactionIds(None, True)
        return TransactionIds(row[0], bool(row[1]))

    def open_transactions(self) -> list[OpenTransaction]:
        with self._locked(opened=False) as conn:
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT local_ref, connector, meter_wh, meter_time FROM transactions"
                " WHERE stopped = 0 AND abandoned = 0 ORDER BY local_ref"
            ).fetchall()
        return [OpenTransaction(*row) for row in rows]

    def __len__(self) -> int:
        return self._count

    @property
    def unwritten(self) -> bool:
        """No file was there when the store was made, and nothing was written since: the file
        is the store's own, made by its first write, so a read has nothing to find (and its
        caller needs no worker thread to learn that)."""
        return self._conn is None

    @property
    def meter_values(self) -> int:
        """Queued MeterValues (the part of the queue that is bounded)."""
        return self._meter_values

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    # -- internals ----------------------------------------------------------------------------

    def _insert(
        self, conn: sqlite3.Connection, action: Action, local_ref: int, payload: dict[str, Any]
    ) -> QueuedMessage:
        message_id = str(uuid.uuid4())
        cursor = conn.execute(
            "INSERT INTO messages (message_id, action, local_ref, payload) VALUES (?, ?, ?, ?)",
            (message_id, action, local_ref, json.dumps(payload, separators=(",", ":"))),
        )
        assert cursor.lastrowid is not None
        self._count += 1
        self._meter_values += action == "MeterValues"
        return QueuedMessage(cursor.lastrowid, message_id, action, local_ref, payload, 0)

    def _delete(self, conn: sqlite3.Connection, message: QueuedMessage) -> None:
        removed = conn.execute("DELETE FROM messages WHERE seq = ?", (message.seq,)).rowcount
        self._count -= removed
        self._meter_values -= removed if message.action == "MeterValues" else 0

    def _scalar(self, query: str) -> int:
        with self._locked() as conn:
            return int(conn.execute(query).fetchone()[0])

    @contextmanager
    def _locked(self, opened: bool = True) -> Iterator[Any]:
        """The connection under the lock; `opened=False`: None while no file exists, else
        the file is created first."""
        with self._lock:
            conn = self._conn
            if conn is None and (opened or self.path.exists()):
                conn = self._open()
            try:
                yield conn
            except sqlite3.DatabaseError as error:
                raise TransactionStoreError(self.path, f"database error: {error}") from error

    @contextmanager
    def _write(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        with self._locked() as conn:
            if not durable:
                conn.execute("PRAGMA synchronous = NORMAL")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            finally:
                if not durable:
                    conn.execute("PRAGMA synchronous = FULL")
