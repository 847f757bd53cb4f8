"""Where the simulated Auth keeps its reservations while it is down, as EVerest's Auth keeps
them in its ``kvs``: always in memory (a simulated reboot keeps them), and with a path also in
one JSON file, replaced atomically and durably off the event loop (a restart of the process
keeps them). The file holds every reservation in force, an empty list included (a cancelled
reservation must not come back)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from everest_py.generated.types import reservation as _reservation

from ..fsutil import replace_durably

__all__ = ["FILE_NAME", "KeptReservations", "ReservationFileError"]

_log = logging.getLogger(__name__)

FILE_NAME: Final = "reservations.json"
FORMAT_VERSION: Final = 1
MAX_FILE_BYTES: Final = 1 << 20  # far above what 128 EVSEs' reservations take


class ReservationFileError(Exception):
    """The reservation file cannot be read or written; the message names the file."""


class KeptReservations:
    """``{"version": 1, "reservations": [<Reservation as on the wire>, ...]}`` in ``path``
    (None: memory only). ``load`` and ``save`` run the file work in a worker thread."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._kept: tuple[_reservation.Reservation, ...] = ()
        self._loaded = path is None  # memory only: nothing to read
        # One writer at a time, in call order (asyncio.Lock is FIFO): the file ends up with
        # the state handed to the last save().
        self._lock = asyncio.Lock()

    async def load(self) -> list[_reservation.Reservation]:
        """What was kept: from the file at the first load, from memory afterwards. A broken
        file is logged with its path and counts as empty (the next save replaces it)."""
        if not self._loaded:
            self._loaded = True
            try:
                self._kept = tuple(await asyncio.to_thread(self._read))
            except ReservationFileError as error:
                _log.error("reservations not restored: %s", error)
        return list(self._kept)

    async def save(self, reservations: Sequence[_reservation.Reservation]) -> None:
        """Keep ``reservations``; with a file, durably on disk when this returns
        (ReservationFileError otherwise: memory holds them all the same)."""
        self._kept = tuple(reservations)
        if self.path is None:
            return
        text = json.dumps(
            {"version": FORMAT_VERSION, "reservations": [_wire(r) for r in reservations]},
            indent=1,
        )
        async with self._lock:
            write = asyncio.ensure_future(asyncio.to_thread(self._write, text))
            try:
                await asyncio.shield(write)
            except asyncio.CancelledError:
                # Keep the lock until the thread is done: an older list must never be written
                # after a newer one.
                await asyncio.wait([write])
                raise

    def _read(self) -> list[_reservation.Reservation]:
        assert self.path is not None
        try:
            with self.path.open("rb") as file:
                raw = file.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return []
        except OSError as error:
            raise ReservationFileError(f"{self.path}: cannot read: {error.strerror}") from None
        if len(raw) > MAX_FILE_BYTES:
            raise ReservationFileError(f"{self.path}: larger than {MAX_FILE_BYTES} bytes")
        try:
            document = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ReservationFileError(f"{self.path}: not JSON: {error}") from None
        if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
            raise ReservationFileError(f"{self.path}: not a version {FORMAT_VERSION} file")
        entries = document.get("reservations")
        if not isinstance(entries, list):
            raise ReservationFileError(f"{self.path}: 'reservations' is not a list")
        kept = []
        for index, entry in enumerate(entries):
            try:
                kept.append(_reservation.Reservation.model_validate(entry))
            except ValidationError as error:
                # One bad entry costs that reservation only.
                _log.error("%s: reservations[%d] dropped: %s", self.path, index, error)
        return kept

    def _write(self, text: str) -> None:
        assert self.path is not None
        try:
            replace_durably(self.path, text.encode("utf-8"), prefix=".reservations-")
        except OSError as error:
            raise ReservationFileError(f"{self.path}: cannot write: {error.strerror}") from None


def _wire(reservation: _reservation.Reservation) -> Any:
    return reservation.model_dump(mode="json", by_alias=True, exclude_none=True)
