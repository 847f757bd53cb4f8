"""Persistence of the charge point's state (configuration key values, connector availability,
availability changes scheduled for the end of a transaction):
a snapshot (one JSON document, replaced atomically) plus a journal of the changes since it.

Durability: a change is durable once its journal line is synced (one `fdatasync` of an append,
shared by every change of a batch: group commit, on a writer thread, see `everest_py.storage`).
The snapshot is rewritten (temp file, fsync, rename, directory fsync) on the first write of a
process and whenever the journal holds `COMPACT_AFTER` lines. Both carry a generation: a journal
whose generation is not the snapshot's is older than it and ignored, so a crash between the two
steps of a rewrite loses nothing. A torn last journal line (a crash during its append, never
acknowledged) is dropped; any other damage is reported with the file's path and never
overwritten: the operator decides what to do.

Two ways to store: `await commit()` (the event loop keeps running while the disk works), and
`save()`, which waits on the calling thread (it is what existing synchronous callers use; inside
`everest_py.storage.deferred_saves()` it only queues and the scope's `commit()` waits).
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import os
from pathlib import Path
from typing import Any, Final

from ..fsutil import fsync_directory, replace_durably
from ..storage import GroupCommitter, saves_deferred, written

FILE_NAME: Final = "charge-point-state.json"
JOURNAL_NAME: Final = "charge-point-state.journal"
FORMAT_VERSION: Final = 1
JOURNAL_VERSION: Final = 1
# Journal lines before the snapshot is rewritten: bounds the journal (and the load time).
COMPACT_AFTER: Final = 1000
SECTIONS: Final = ("configuration", "availability", "scheduled_availability")

LOGGER = logging.getLogger(__name__)
State = dict[str, dict[str, Any]]


class StateFileError(Exception):
    """The state file cannot be read or written; the message names the file."""


class StateFile:
    """Snapshot `{"version": 1, "generation": n, "configuration": {key: value},
    "availability": {connector: status}, "scheduled_availability": {connector: status}}`
    (the last: ChangeAvailability answered Scheduled, applied when the connector's transaction
    ends; absent in files written before it existed); journal: a header line
    `{"journal": 1, "generation": n}`, then one line per stored change
    `{"configuration": {...}, "availability": {...}, "scheduled_availability": {...},
    "removed": {section: [keys]}}`."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self.journal_path = data_dir / JOURNAL_NAME
        self.configuration: dict[str, str | None] = {}
        self.availability: dict[str, str] = {}
        self.scheduled_availability: dict[str, str] = {}
        self._generation = 0
        # Written by the writer thread only, after load():
        self._on_disk: State = {section: {} for section in SECTIONS}
        self._journal: int | None = None  # descriptor, opened by the first write
        self._journal_lines = 0
        self._committer = GroupCommitter(_JournalSync(self), f"state {self.path.name}")

    def create_directory(self) -> None:
        """Create the data directory unless it exists (StateFileError naming it)."""
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # e.g. a read-only file system: one line, no traceback
            raise StateFileError(
                f"{directory}: cannot create the data directory: {error.strerror}"
            ) from None

    def load(self) -> None:
        """Read the snapshot and replay the journal; a missing snapshot means a first start."""
        text = _read_text(self.path)
        if text is None:
            # No snapshot: a first start, or one removed (as its error message suggests). A
            # journal left beside it belongs to the removed one: the next snapshot takes a
            # generation after it, so its lines are never replayed over the new state.
            self._generation = _journal_generation(self.journal_path)
            return
        document = _parse(self.path, text)
        self.configuration = _string_map(document, "configuration", self.path, allow_null=True)
        assert isinstance(document, dict)  # checked by _string_map
        self.availability = _strings(document, "availability", self.path)
        self.scheduled_availability = _strings(document, "scheduled_availability", self.path)
        generation = document.get("generation", 0)
        if not isinstance(generation, int) or isinstance(generation, bool):
            raise StateFileError(f"{self.path}: 'generation' must be an integer")
        self._generation = generation
        self._replay_journal()
        self._on_disk = self._captured()

    # -- storing ------------------------------------------------------------------------------

    async def commit(self) -> None:
        """Store the current state; returns once it is durable. The loop keeps running."""
        await written(self._submit())

    def save(self) -> None:
        """Store the current state and wait (on this thread) until it is durable; inside
        `deferred_saves()` only queue it (the scope's `commit()` waits). StateFileError."""
        written = self._submit()
        scope = saves_deferred()
        if scope is not None:
            scope.add(written)
        else:
            written.result()

    def close(self) -> None:
        """Write what is queued and end the writer thread."""
        self._committer.close()
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    @property
    def syncs(self) -> int:
        """Journal syncs so far (each one made a batch of changes durable)."""
        return self._committer.batches

    def _captured(self) -> State:
        return {
            "configuration": dict(self.configuration),
            "availability": dict(self.availability),
            "scheduled_availability": dict(self.scheduled_availability),
        }

    def _submit(self) -> concurrent.futures.Future[None]:
        state = self._captured()  # on the caller's thread: the writer never reads live dicts
        return self._committer.submit(lambda: self._write(state))

    # -- the writer thread --------------------------------------------------------------------

    def _write(self, state: State) -> None:
        try:
            if self._journal is None or self._journal_lines >= COMPACT_AFTER:
                self._write_snapshot(state)
            else:
                self._append(state)
        except OSError as error:
            # The journal may end in part of a line now: the next write starts afresh.
            self._journal_lines = COMPACT_AFTER
            raise StateFileError(f"{self.path}: cannot write: {error}") from error

    def _append(self, state: State) -> None:
        change: dict[str, Any] = {}
        removed: dict[str, list[str]] = {}
        for section in SECTIONS:
            old, new = self._on_disk[section], state[section]
            changed = {key: value for key, value in new.items() if old.get(key, ...) != value}
            if changed:
                change[section] = changed
            gone = [key for key in old if key not in new]
            if gone:
                removed[section] = gone
        if removed:
            change["removed"] = removed
        if not change:
            return
        assert self._journal is not None
        _write_all(self._journal, _line(change))
        self._journal_lines += 1
        self._on_disk = state

    def _write_snapshot(self, state: State) -> None:
        """New generation: snapshot first (atomic, durable), then an empty journal for it."""
        generation = self._generation + 1
        document = {"version": FORMAT_VERSION, "generation": generation, **state}
        data = json.dumps(document, indent=2, sort_keys=True).encode("utf-8")
        replace_durably(self.path, data, prefix=".state-")
        self._generation = generation
        if self._journal is None:
            self._journal = os.open(self.journal_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            # The journal's directory entry on disk too: later changes sync only the file.
            fsync_directory(self.journal_path.parent)
        os.ftruncate(self._journal, 0)
        _write_all(self._journal, _line({"journal": JOURNAL_VERSION, "generation": generation}))
        self._journal_lines = 0
        self._on_disk = state
        # The header reaches the disk with the batch's sync (or the next one): a journal with
        # a missing or torn header holds no change, and the snapshot alone is the state.

    def _sync(self) -> None:
        if self._journal is not None:
            try:
                os.fdatasync(self._journal)
            except OSError as error:
                self._journal_lines = COMPACT_AFTER  # Unknown what reached the disk: start afresh.
                raise StateFileError(f"{self.journal_path}: cannot sync: {error}") from error

    # -- loading ------------------------------------------------------------------------------

    def _replay_journal(self) -> None:
        text = _read_text(self.journal_path)
        if not text:
            return
        lines = text.split("\n")
        if lines[-1]:
            LOGGER.warning(
                "%s: dropping a torn last line (a write cut short, never acknowledged)",
                self.journal_path,
            )
        complete = lines[:-1]
        if not complete:
            return
        header = _parse(self.journal_path, complete[0])
        if not isinstance(header, dict) or header.get("journal") != JOURNAL_VERSION:
            raise StateFileError(f"{self.journal_path}: line 1 is not a journal header")
        if header.get("generation") != self._generation:
            return  # Older than the snapshot, which already holds all of it.
        for number, line in enumerate(complete[1:], start=2):
            self._apply(_parse(self.journal_path, line, number), number)

    def _apply(self, change: object, number: int) -> None:
        where = f"{self.journal_path}: line {number}"
        if not isinstance(change, dict):
            raise StateFileError(f"{where}: expected a JSON object")
        doc = {"configuration": change.get("configuration", {})}
        configuration = _string_map(doc, "configuration", Path(where), allow_null=True)
        availability = _strings(change, "availability", Path(where))
        scheduled = _strings(change, "scheduled_availability", Path(where))
        removed = change.get("removed", {})
        if not isinstance(removed, dict):
            raise StateFileError(f"{where}: 'removed' must be an object")
        self.configuration.update(configuration)
        self.availability.update(availability)
        self.scheduled_availability.update(scheduled)
        for section, keys in removed.items():
            if section not in SECTIONS or not isinstance(keys, list):
                raise StateFileError(f"{where}: 'removed.{section}' is not a known section list")
            target: dict[str, Any] = getattr(self, section)
            for key in keys:
                if isinstance(key, str):
                    target.pop(key, None)


class _JournalSync:
    """The committer's sink: one `fdatasync` of the journal per batch."""

    def __init__(self, state: StateFile) -> None:
        self._state = state

    def begin(self, durable: bool) -> None:
        pass

    def commit(self, durable: bool) -> None:
        self._state._sync()

    def abort(self) -> None:
        pass


def _line(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StateFileError(f"{path}: is a directory, expected a file") from None
    except OSError as error:
        raise StateFileError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise StateFileError(f"{path}: not UTF-8 text (byte {error.start})") from None


def _parse(path: Path, text: str, line: int | None = None) -> object:
    where = f"{path}: line {line}" if line is not None else str(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        position = f"line {error.lineno}, column {error.colno}" if line is None else "here"
        raise StateFileError(
            f"{where}: not valid JSON ({position}: {error.msg}); fix or remove the file"
        ) from None
    except RecursionError:
        raise StateFileError(f"{where}: nested too deeply; fix or remove the file") from None
    except ValueError:  # Python's limit on integer digits (4300)
        raise StateFileError(
            f"{where}: holds an integer with too many digits; fix or remove the file"
        ) from None


def _strings(document: dict[str, Any], section: str, path: Path) -> dict[str, str]:
    """The `section` of `document` (a JSON object of strings; null values are left out)."""
    values = _string_map({section: document.get(section, {})}, section, path)
    return {key: value for key, value in values.items() if value is not None}


def _string_map(
    document: object, section: str, path: Path, allow_null: bool = False
) -> dict[str, str | None]:
    if not isinstance(document, dict):
        raise StateFileError(f"{path}: expected a JSON object at the top level")
    if document.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise StateFileError(f"{path}: unsupported version {document.get('version')!r}")
    values = document.get(section, {})
    if not isinstance(values, dict):
        raise StateFileError(f"{path}: {section!r} must be an object")
    result: dict[str, str | None] = {}
    for key, value in values.items():
        if isinstance(value, str) or (allow_null and value is None):
            result[key] = value
        else:
            raise StateFileError(
                f"{path}: {section}.{key} must be a string, got {type(value).__name__}"
            )
    return result


def _journal_generation(path: Path) -> int:
    """The generation a journal's header names; 0 when there is no journal or no readable
    header (such a journal is never replayed: no snapshot of generation 0 is written)."""
    try:
        with path.open("rb") as journal:
            first = journal.readline(4096)
        header = json.loads(first)
    except (OSError, ValueError):
        return 0
    generation = header.get("generation") if isinstance(header, dict) else None
    if not isinstance(generation, int) or isinstance(generation, bool) or generation < 0:
        return 0
    return generation
