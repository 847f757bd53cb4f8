"""Deferred saves: code that calls a store's synchronous `save()` (which waits for the disk)
can be run inside `with deferred_saves() as saves:`; each `save()` then only queues its write,
and `await saves.commit()` waits until all of them are durable, without blocking the loop.

A context variable carries the scope, so the code in between needs no change: this is how a
ChangeConfiguration is answered only after its change is on disk while the loop serves others.
"""

from __future__ import annotations

import concurrent.futures
import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .committer import written


class DeferredSaves:
    def __init__(self) -> None:
        self._pending: list[concurrent.futures.Future[Any]] = []

    def add(self, write: concurrent.futures.Future[Any]) -> None:
        self._pending.append(write)

    async def commit(self) -> None:
        """Until every deferred write is durable; raises the first write's error."""
        pending, self._pending = self._pending, []
        for write in pending:
            await written(write)


_SCOPE: contextvars.ContextVar[DeferredSaves | None] = contextvars.ContextVar(
    "deferred_saves", default=None
)


@contextmanager
def deferred_saves() -> Iterator[DeferredSaves]:
    saves = DeferredSaves()
    token = _SCOPE.set(saves)
    try:
        yield saves
    finally:
        _SCOPE.reset(token)


def saves_deferred() -> DeferredSaves | None:
    """The active scope, or None: `save()` then waits for the disk itself."""
    return _SCOPE.get()
