"""The authorization data on disk: one SQLite file in the charge point's data directory holding
the local authorization list (with its version) and the authorization cache.

All disk work runs on a writer thread (`everest_py.storage`: the store's own, or the one a fleet
shares), in the order it was asked for, so the event loop never waits on the disk. The file is
created by the first write: a charge point that never gets a local list or caches an idTag has
none (reading a missing file gives the empty list, version 0, and an empty cache). Local list changes are awaited: they are committed (WAL, synchronous=FULL:
fsynced) before the caller answers the CSMS. Cache changes are written in the background,
coalesced per idTag; losing the last of them in a crash costs one more Authorize.req."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from pathlib import Path
from typing import Final, NamedTuple, TypeVar

from ocpp.v16.enums import AuthorizationStatus

from ..errors import UnusableFileError
from ..storage import GroupCommitter, written
from .entries import AuthEntry, BadEntry, format_time, parse_time

LOGGER = logging.getLogger(__name__)
FILE_NAME: Final = "authorization.sqlite"
_T = TypeVar("_T")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS local_list ("
    " id_tag TEXT PRIMARY KEY, status TEXT NOT NULL, expiry TEXT, parent_id_tag TEXT)",
    "CREATE TABLE IF NOT EXISTS local_list_version ("
    " singleton INTEGER PRIMARY KEY CHECK (singleton = 0), version INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cache ("
    " id_tag TEXT PRIMARY KEY, status TEXT NOT NULL, expiry TEXT, parent_id_tag TEXT,"
    " used INTEGER NOT NULL)",
)
# A cache change waiting for the writer: the entry and its use counter, or None for a removal.
CacheChange = tuple[AuthEntry, int] | None


class AuthorizationStoreError(UnusableFileError):
    """The authorization database cannot be opened or read; the message names the file."""


class StoredState(NamedTuple):
    """What the database holds, as read at start: the local list, its version and the cache."""

    list_version: int
    local_list: dict[str, AuthEntry]
    # (idTag, entry, use counter), least recently used first.
    cache: list[tuple[str, AuthEntry, int]]


class AuthStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        # Each job commits its own SQLite transaction: the committer only orders them.
        self._writer = GroupCommitter(_EachJobCommits(), f"authorization {self.path}")
        self._connection: sqlite3.Connection | None = None  # used on the writer thread only
        self._pending_lock = threading.Lock()
        self._pending_cache: dict[str, CacheChange] = {}
        self._flush_queued = False
        self._closed = False

    # --- called from the event loop ---------------------------------------------------------

    def load(self) -> StoredState:
        """Read everything (nothing when the file does not exist yet); blocks: call it at
        start-up."""
        if not self.path.exists():
            return StoredState(0, {}, [])
        try:
            return self._writer.submit(self._load).result()
        except BaseException:
            self._closed = True
            self._writer.close()
            raise

    async def replace_local_list(self, version: int, entries: Mapping[str, AuthEntry]) -> None:
        await self._run(lambda db: self._replace_local_list(db, version, entries))

    async def update_local_list(
        self, version: int, changes: Mapping[str, AuthEntry | None]
    ) -> None:
        await self._run(lambda db: self._update_local_list(db, version, changes))

    async def clear_cache(self) -> None:
        with self._pending_lock:
            self._pending_cache.clear()  # The writes still waiting would bring entries back.
        await self._run(lambda db: db.execute("DELETE FROM cache"))

    def cache_changed(self, id_tag: str, change: CacheChange) -> None:
        """Write (or remove, with None) a cache entry in the background."""
        if self._closed:
            LOGGER.warning("authorization cache change after close not stored")
            return
        with self._pending_lock:
            self._pending_cache[id_tag] = change
            if self._flush_queued:
                return
            self._flush_queued = True
        self._writer.submit(self._flush_cache, durable=False).add_done_callback(_log_failure)

    async def close(self) -> None:
        """Write what is pending and close the file (again: nothing)."""
        if self._closed:
            return
        self._closed = True
        await written(self._writer.submit(self._close))
        await asyncio.to_thread(self._writer.close)

    # --- on the writer thread ----------------------------------------------------------------

    async def _run(self, work: Callable[[sqlite3.Connection], object]) -> None:
        await written(self._writer.submit(lambda: self._in_transaction(work)))

    def _in_transaction(self, work: Callable[[sqlite3.Connection], object]) -> None:
        db = self._db()
        try:
            with db:  # one transaction: committed (and fsynced) or rolled back as a whole
                work(db)
        except sqlite3.Error as error:
            raise AuthorizationStoreError(f"{self.path}: {error}") from error

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            try:
                connection = sqlite3.connect(self.path, isolation_level="DEFERRED")
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=FULL")
                with connection:
                    for statement in _SCHEMA:
                        connection.execute(statement)
            except sqlite3.Error as error:
                raise AuthorizationStoreError(f"{self.path}: {error}") from error
            self._connection = connection
        return self._connection

    def _load(self) -> StoredState:
        db = self._db()
        try:
            row = db.execute("SELECT version FROM local_list_version").fetchone()
            local = {
                id_tag: _entry(status, expiry, parent)
                for id_tag, status, expiry, parent in db.execute(
                    "SELECT id_tag, status, expiry, parent_id_tag FROM local_list"
                )
            }
            cache = [
                (id_tag, _entry(status, expiry, parent), used)
                for id_tag, status, expiry, parent, used in db.execute(
                    "SELECT id_tag, status, expiry, parent_id_tag, used FROM cache ORDER BY used"
                )
            ]
        except (sqlite3.Error, BadEntry) as error:
            raise AuthorizationStoreError(f"{self.path}: {error}") from error
        return StoredState(0 if row is None else int(row[0]), local, cache)

    @staticmethod
    def _replace_local_list(
        db: sqlite3.Connection, version: int, entries: Mapping[str, AuthEntry]
    ) -> None:
        db.execute("DELETE FROM local_list")
        _set_version(db, version)
        db.executemany(
            "INSERT INTO local_list VALUES (?, ?, ?, ?)",
            [(id_tag, *_columns(entry)) for id_tag, entry in entries.items()],
        )

    @staticmethod
    def _update_local_list(
        db: sqlite3.Connection, version: int, changes: Mapping[str, AuthEntry | None]
    ) -> None:
        _set_version(db, version)
        for id_tag, entry in changes.items():
            # Case does not count (an idTag is a CiString): this also drops a row an older run
            # stored in another case.
            db.execute("DELETE FROM local_list WHERE id_tag = ? COLLATE NOCASE", (id_tag,))
            if entry is not None:
                db.execute("INSERT INTO local_list VALUES (?, ?, ?, ?)", (id_tag, *_columns(entry)))

    def _flush_cache(self) -> None:
        with self._pending_lock:
            changes, self._pending_cache = self._pending_cache, {}
            self._flush_queued = False
        if not changes:
            return
        db = self._db()
        with db:
            for id_tag, change in changes.items():
                # As in the local list: any case, also an older run's.
                db.execute("DELETE FROM cache WHERE id_tag = ? COLLATE NOCASE", (id_tag,))
                if change is not None:
                    entry, used = change
                    db.execute(
                        "INSERT INTO cache VALUES (?, ?, ?, ?, ?)",
                        (id_tag, *_columns(entry), used),
                    )

    def _close(self) -> None:
        self._flush_cache()
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class _EachJobCommits:
    """The committer's sink: nothing to bracket, every job is its own transaction."""

    def begin(self, durable: bool) -> None:
        pass

    def commit(self, durable: bool) -> None:
        pass

    def abort(self) -> None:
        pass


def _set_version(db: sqlite3.Connection, version: int) -> None:
    db.execute("INSERT OR REPLACE INTO local_list_version VALUES (0, ?)", (version,))


def _columns(entry: AuthEntry) -> tuple[str, str | None, str | None]:
    expiry = None if entry.expiry is None else format_time(entry.expiry)
    return entry.status.value, expiry, entry.parent_id_tag


def _entry(status: str, expiry: str | None, parent: str | None) -> AuthEntry:
    try:
        parsed = AuthorizationStatus(status)
    except ValueError:
        raise BadEntry(f"stored status {status!r} is unknown") from None
    return AuthEntry(parsed, None if expiry is None else parse_time(expiry), parent)


def _log_failure(future: Future[None]) -> None:
    error = future.exception()
    if error is not None:
        LOGGER.error("writing the authorization cache failed: %s", error)
