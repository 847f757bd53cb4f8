"""Group commit: write jobs run in submission order on one writer thread; after each batch the
sink makes the batch durable once (one fsync for many writes), and only then are the jobs'
futures resolved. The event loop never waits for the disk: it awaits the futures.

A batch is everything queued while the previous one was being written, up to `max_batch`. A
job that raises gets its own exception (the others of its batch are still committed); a failed
sync fails every job of the batch that had succeeded.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Generic, Protocol, TypeVar

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
# Jobs written before one sync at most: bounds the time the first job of a batch waits.
MAX_BATCH: Final = 512


class CommitterClosed(RuntimeError):
    """A job was submitted after `close()`."""


class Sink(Protocol):
    """What a store gives the committer: bracket a batch of writes."""

    def begin(self, durable: bool) -> None:
        """Before the batch's first write; `durable` is false when no job asked for a sync."""

    def commit(self, durable: bool) -> None:
        """Make every write since `begin` durable (fsync); raise when that failed."""

    def abort(self) -> None:
        """`commit` failed: forget the batch's writes if the sink can."""


@dataclass
class _Job(Generic[T]):
    write: Callable[[], T]
    durable: bool
    future: concurrent.futures.Future[T] = field(default_factory=concurrent.futures.Future)


_STOP: Final = object()


class GroupCommitter:
    def __init__(self, sink: Sink, name: str, max_batch: int = MAX_BATCH) -> None:
        self._sink = sink
        self._name = name
        self._max_batch = max_batch
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._held: list[_Job[Any]] = []  # submitted with hold=True, not yet released
        self._closed = False
        self.batches = 0  # how many syncs so far (tests and benches read it)

    def submit(
        self, write: Callable[[], T], durable: bool = True, *, hold: bool = False
    ) -> concurrent.futures.Future[T]:
        """Queue `write` (run on the writer thread); the future resolves after its batch is
        committed. `durable=False`: the batch is committed without a sync unless another job
        of it asked for one (e.g. a delivered event's removal, which may be lost to a crash).

        `hold=True`: the job waits, in order, until `release()` (or the next job submitted
        without it, or `close()`) hands it to the writer thread. An event loop uses this to
        finish the step it is in (e.g. a send) before the writer thread wakes and competes
        with it for the interpreter; whoever holds a job must see to its release."""
        job: _Job[T] = _Job(write, durable)
        with self._lock:
            if self._closed:
                raise CommitterClosed(f"{self._name}: closed")
            if hold:
                self._held.append(job)
                return job.future
            self._start()
            self._hand_over_held()
            self._jobs.put(job)
        return job.future

    def release(self) -> None:
        """Hand the held jobs to the writer thread."""
        with self._lock:
            if self._held:
                self._start()
                self._hand_over_held()

    def close(self) -> None:
        """Write what is queued (held jobs included), then end the writer thread."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._held:
                self._start()
                self._hand_over_held()
            thread = self._thread
            self._jobs.put(_STOP)
        if thread is not None:
            thread.join()

    def _start(self) -> None:
        """Under the lock: the writer thread runs."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name=f"{self._name}-writer", daemon=True
            )
            self._thread.start()

    def _hand_over_held(self) -> None:
        """Under the lock: held jobs go first, in the order they were submitted."""
        for job in self._held:
            self._jobs.put(job)
        self._held.clear()

    def _run(self) -> None:
        while True:
            batch: list[_Job[Any]] = []
            item = self._jobs.get()
            stop = item is _STOP
            if not stop:
                batch.append(item)
            while not stop and len(batch) < self._max_batch:
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                else:
                    batch.append(item)
            if batch:
                self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[_Job[Any]]) -> None:
        durable = any(job.durable for job in batch)
        done: list[tuple[_Job[Any], Any]] = []
        try:
            self._sink.begin(durable)
        except BaseException as error:
            for job in batch:
                _fail(job.future, error)
            return
        for job in batch:
            try:
                done.append((job, job.write()))
            except BaseException as error:
                _fail(job.future, error)
        try:
            self._sink.commit(durable)
        except BaseException as error:
            LOGGER.error("%s: commit of %d write(s) failed: %s", self._name, len(done), error)
            try:
                self._sink.abort()
            except Exception:
                LOGGER.exception("%s: abort after a failed commit failed", self._name)
            for job, _ in done:
                _fail(job.future, error)
            return
        self.batches += 1
        for job, result in done:
            if not job.future.cancelled():  # A cancelled caller's write is done all the same.
                job.future.set_result(result)


def _fail(future: concurrent.futures.Future[Any], error: BaseException) -> None:
    if not future.cancelled():
        future.set_exception(error)


async def written(future: concurrent.futures.Future[T]) -> T:
    """Await a job's future from the event loop. A cancelled waiter leaves the future alone:
    others may wait for it too, and the write happens anyway."""
    return await asyncio.shield(asyncio.wrap_future(future))
