"""The installed profiles on disk: one JSON document in the data directory, replaced
atomically (temporary file, fsync, rename, fsync of the directory), written off the event
loop. A broken file is reported with its path and left alone."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ..errors import UnusableFileError
from ..fsutil import replace_durably

# Profiles load with a profile file to read (or a profile to keep): a charge point that starts
# with none has no use for them (start-up time).
if TYPE_CHECKING:
    from .profiles import InstalledProfile

FILE_NAME: Final = "charging-profiles.json"
FORMAT_VERSION: Final = 1


class ProfileStoreError(UnusableFileError):
    """The profile file cannot be read or written; the message names the file."""


class ProfileStore:
    """`{"version": 1, "profiles": [{"connectorId": n, "csChargingProfiles": {...}}, ...]}`."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        # One writer at a time: the file always holds the last state handed to save().
        self._lock = asyncio.Lock()

    def load(self) -> list[InstalledProfile]:
        """The profiles in the file; none when it does not exist (a first start)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as error:
            raise ProfileStoreError(f"{self.path}: cannot read: {error}") from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ProfileStoreError(f"{self.path}: not JSON: {error}") from None
        if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
            raise ProfileStoreError(f"{self.path}: not a version {FORMAT_VERSION} profile file")
        entries = document.get("profiles")
        if not isinstance(entries, list):
            raise ProfileStoreError(f"{self.path}: 'profiles' is not a list")
        from .profiles import ProfileFormatError, from_json

        try:
            return [from_json(entry) for entry in entries if isinstance(entry, dict)]
        except ProfileFormatError as error:
            raise ProfileStoreError(f"{self.path}: {error}") from None

    async def save(self, profiles: Sequence[InstalledProfile]) -> None:
        """Durably replace the file's content with `profiles` (ProfileStoreError on failure)."""
        text = json.dumps(
            {"version": FORMAT_VERSION, "profiles": [p.to_json() for p in profiles]}, indent=1
        )
        async with self._lock:
            await asyncio.to_thread(self._write, text)

    def _write(self, text: str) -> None:
        try:
            replace_durably(self.path, text.encode("utf-8"), prefix=".profiles-")
        except OSError as error:
            raise ProfileStoreError(f"{self.path}: cannot write: {error.strerror}") from None
