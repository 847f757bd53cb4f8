"""Persistence of the charge point's state (configuration key values, connector availability) as
one JSON document in the data directory, written atomically.

A broken file is reported with its path and never overwritten: the operator decides what to do.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Final

from ..fsutil import fsync_directory

FILE_NAME: Final = "charge-point-state.json"
FORMAT_VERSION: Final = 1


class StateFileError(Exception):
    """The state file cannot be read or written; the message names the file."""


class StateFile:
    """`{"version": 1, "configuration": {key: value}, "availability": {connector: status}}`."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self.configuration: dict[str, str | None] = {}
        self.availability: dict[str, str] = {}

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
        """Read the file if it exists; a missing file means a first start."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as error:
            raise StateFileError(f"{self.path}: cannot read: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise StateFileError(f"{self.path}: not UTF-8 text (byte {error.start})") from None
        document = _parse(self.path, text)
        self.configuration = _string_map(document, "configuration", self.path, allow_null=True)
        self.availability = {
            key: value
            for key, value in _string_map(document, "availability", self.path).items()
            if value is not None
        }

    def save(self) -> None:
        """Write the whole document: temp file in the same directory, fsync, rename."""
        document = {
            "version": FORMAT_VERSION,
            "configuration": self.configuration,
            "availability": self.availability,
        }
        data = json.dumps(document, indent=2, sort_keys=True).encode("utf-8")
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
            descriptor, temp_name = tempfile.mkstemp(prefix=".state-", dir=directory)
            try:
                with os.fdopen(descriptor, "wb") as temp:
                    temp.write(data)
                    temp.flush()
                    os.fsync(temp.fileno())
                os.replace(temp_name, self.path)
            except BaseException:
                Path(temp_name).unlink(missing_ok=True)
                raise
            fsync_directory(directory)
        except OSError as error:
            raise StateFileError(f"{self.path}: cannot write: {error}") from error


def _parse(path: Path, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise StateFileError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); fix or remove the file"
        ) from None
    except RecursionError:
        raise StateFileError(f"{path}: nested too deeply; fix or remove the file") from None
    except ValueError:  # Python's limit on integer digits (4300)
        raise StateFileError(
            f"{path}: holds an integer with too many digits; fix or remove the file"
        ) from None


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
