"""Local security log: every security event, one JSON object per line, size-bounded by rotation.

`security.log` is the live file; when the next line would push it past `max_bytes` it becomes
`security.log.1` (older ones shift up) and the oldest beyond `backups` is deleted, so the log
never takes more than about (backups + 1) × max_bytes on disk.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import Iterator
from datetime import datetime
from io import FileIO
from pathlib import Path
from typing import Any, Final, NamedTuple

LOG_NAME: Final = "security.log"
logger = logging.getLogger(__name__)
# Longer tech_info is cut (and marked) so one event cannot blow the size bound.
MAX_LOGGED_TECH_INFO: Final = 4000
TRUNCATION_MARK: Final = "…[truncated]"


class SecurityLogError(Exception):
    """The security log cannot be written or read; the message names the file."""


class SecurityLogEntry(NamedTuple):
    type: str
    tech_info: str | None
    timestamp: datetime
    critical: bool


class SecurityLog:
    def __init__(self, directory: Path, *, max_bytes: int = 1_000_000, backups: int = 4) -> None:
        if max_bytes < 4 * MAX_LOGGED_TECH_INFO:
            raise ValueError(
                f"max_bytes must be at least {4 * MAX_LOGGED_TECH_INFO}, got {max_bytes}"
            )
        if backups < 1:
            raise ValueError(f"backups must be at least 1, got {backups}")
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise SecurityLogError(f"security log directory {self.directory} is not a directory")
        try:
            # Only the last level is created: a missing data directory is a configuration error.
            self.directory.mkdir(exist_ok=True)
        except OSError as exc:
            raise SecurityLogError(
                f"cannot create security log directory {self.directory}: {exc}"
            ) from exc
        self.path = self.directory / LOG_NAME
        self.max_bytes = max_bytes
        self.backups = backups
        self._lock = threading.Lock()
        self._file: FileIO | None = None  # the live file, kept open between writes
        self._pending: list[SecurityLogEntry] = []  # written at the end of the loop's step

    def write(self, entry: SecurityLogEntry) -> None:
        """Append one line (no sync: the log is a record for people; the queue of critical
        events is what survives power cuts). Without an event loop it is written now and a
        failure raises SecurityLogError. On a loop it is written at the end of the loop's
        current step, in order, so the step's other work (a critical event's first send)
        goes first; a failure is then logged at ERROR. Reads through this object see it."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._append([entry])
            return
        self.write_later(entry)
        if len(self._pending) == 1:
            loop.call_soon(self.write_pending)

    def write_later(self, entry: SecurityLogEntry) -> None:
        """Take the line now, write it at the next `write_pending()`: for a caller that has a
        callback of its own scheduled for after the loop's step, and calls it from there (one
        callback less before that step). Reads through this object see it at once."""
        self._pending.append(entry)

    def write_pending(self) -> None:
        """Write the lines taken so far; a failure is logged at ERROR with the event types."""
        entries, self._pending = self._pending, []
        if not entries:
            return
        try:
            self._append(entries)
        except SecurityLogError as exc:
            logger.error(
                "%d security event(s) (%s) not written to the security log: %s",
                len(entries),
                ", ".join(sorted({entry.type for entry in entries})),
                exc,
            )

    def _append(self, entries: list[SecurityLogEntry]) -> None:
        with self._lock:
            try:
                file, size = self._opened()
                for entry in entries:
                    line = (_encode(entry) + "\n").encode("utf-8")
                    if size and size + len(line) > self.max_bytes:
                        self._rotate()
                        file, size = self._opened()
                    file.write(line)
                    size += len(line)
            except OSError as exc:
                self._close_file()  # Opened afresh next time (the file may be back by then).
                raise SecurityLogError(f"cannot write security log {self.path}: {exc}") from exc

    def close(self) -> None:
        self.write_pending()
        with self._lock:
            self._close_file()

    def files(self) -> list[Path]:
        """Log files, oldest first."""
        self.write_pending()
        return self._files()

    def _files(self) -> list[Path]:
        rotated = [self._rotated(n) for n in range(self.backups, 0, -1)]
        return [path for path in [*rotated, self.path] if path.exists()]

    def entries(self) -> Iterator[SecurityLogEntry]:
        """All entries, oldest first. A line that does not parse raises naming file and line."""
        for path in self.files():
            try:
                with path.open("r", encoding="utf-8") as file:
                    for number, line in enumerate(file, start=1):
                        yield _decode(line, path, number)
            except OSError as exc:
                raise SecurityLogError(f"cannot read security log {path}: {exc}") from exc

    def clear(self) -> int:
        """Delete every log file; returns how many files were removed."""
        self.write_pending()  # Entries of events before the clear go with it.
        with self._lock:
            self._close_file()
            removed = 0
            for path in self._files():
                path.unlink(missing_ok=True)
                removed += 1
            return removed

    def _rotated(self, number: int) -> Path:
        return self.path.with_name(f"{LOG_NAME}.{number}")

    def _opened(self) -> tuple[FileIO, int]:
        """The live file and its size; opened on first use, and again once it was deleted."""
        if self._file is not None:
            status = os.fstat(self._file.fileno())  # lines others appended count too
            if status.st_nlink > 0:
                return self._file, status.st_size
            self._close_file()
        file = self._file = self.path.open("ab", buffering=0)
        return file, os.fstat(file.fileno()).st_size

    def _close_file(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            file.close()

    def _rotate(self) -> None:
        self._close_file()
        self._rotated(self.backups).unlink(missing_ok=True)
        for number in range(self.backups - 1, 0, -1):
            older = self._rotated(number)
            if older.exists():
                os.replace(older, self._rotated(number + 1))
        os.replace(self.path, self._rotated(1))


def _encode(entry: SecurityLogEntry) -> str:
    tech_info = entry.tech_info
    if tech_info is not None and len(tech_info) > MAX_LOGGED_TECH_INFO:
        tech_info = tech_info[:MAX_LOGGED_TECH_INFO] + TRUNCATION_MARK
    record: dict[str, Any] = {
        "timestamp": entry.timestamp.isoformat(),
        "type": entry.type,
        "critical": entry.critical,
        "techInfo": tech_info,
    }
    # json escapes newlines in tech_info, so each entry stays on one line.
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _decode(line: str, path: Path, number: int) -> SecurityLogEntry:
    try:
        record = json.loads(line)
        return SecurityLogEntry(
            type=str(record["type"]),
            tech_info=None if record["techInfo"] is None else str(record["techInfo"]),
            timestamp=datetime.fromisoformat(record["timestamp"]),
            critical=bool(record["critical"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise SecurityLogError(f"{path}:{number}: not a security log entry ({exc})") from exc
