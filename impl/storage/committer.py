"""Group commit: write jobs run in submission order on a writer thread; after each batch the
sink makes the batch durable once (one fsync for many writes), and only then are the jobs'
futures resolved. The event loop never waits for the disk: it awaits the futures.

A batch is everything queued while the previous one was being written, up to `max_batch`. A
job that raises gets its own exception (the others of its batch are still committed); a failed
sync fails every job of the batch that had succeeded.

By default each committer has a writer thread of its own. A `WriterThread` handed in serves many
committers on one thread, taking their batches in turn; within `shared_writers()` committers are
spread over a few such threads: a fleet of a thousand charge points runs a handful of writer
threads, not thousands, and still syncs several stores' files at once (a disk serves parallel
fsyncs about three times as fast as serial ones). Each committer stays on one thread: its order,
batches and durability are its own.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import itertools
import logging
import queue
import threading
from collections.abc import Callable, Iterator
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
    """One write for the writer thread, and the future its caller waits on."""

    write: Callable[[], T]
    durable: bool
    future: concurrent.futures.Future[T] = field(default_factory=concurrent.futures.Future)


_DRAINED: Final = object()  # queued by close(): every job before it is written


class WriterThread:
    """One thread running the batches of the committers that have work, one batch of each in
    turn (fair: a busy committer does not starve the others). Started by the first job."""

    def __init__(self, name: str = "storage-writer") -> None:
        self._name = name
        self._ready: queue.SimpleQueue[GroupCommitter | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def schedule(self, committer: GroupCommitter) -> None:
        """`committer` has jobs (called once until its `_run_batch` says it has none left)."""
        with self._lock:
            if self._stopped:
                raise CommitterClosed(f"{self._name}: stopped")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
        self._ready.put(committer)

    def stop(self) -> None:
        """End the thread once the work scheduled so far is done (close committers first)."""
        with self._lock:
            self._stopped = True
            thread = self._thread
        if thread is not None:
            self._ready.put(None)
            if thread is not threading.current_thread():
                thread.join()

    def _run(self) -> None:
        while True:
            committer = self._ready.get()
            if committer is None:
                if self._ready.empty():
                    return
                # A committer with more work went back in line behind the stop: finish it.
                self._ready.put(None)
                continue
            if committer._run_batch():
                self._ready.put(committer)  # more work: after the others waiting


class WriterPool:
    """A few writer threads; each committer made within `shared_writers()` gets one of them,
    in turn."""

    def __init__(self, name: str, threads: int) -> None:
        if threads < 1:
            raise ValueError(f"a writer pool needs at least one thread, not {threads}")
        self.threads = [WriterThread(f"{name}-{n}") for n in range(threads)]
        self._next = itertools.cycle(self.threads)
        self._lock = threading.Lock()

    def assign(self) -> WriterThread:
        with self._lock:
            return next(self._next)

    def stop(self) -> None:
        for writer in self.threads:
            writer.stop()


_shared: WriterPool | None = None


@contextlib.contextmanager
def shared_writers(name: str = "storage-writer", threads: int = 8) -> Iterator[WriterPool]:
    """Within the block, committers made without a writer share `threads` writer threads (a
    fleet's members); they stop when the block ends, after what was scheduled on them."""
    global _shared
    pool = WriterPool(name, threads)
    previous, _shared = _shared, pool
    try:
        yield pool
    finally:
        _shared = previous
        pool.stop()


class GroupCommitter:
    def __init__(
        self,
        sink: Sink,
        name: str,
        max_batch: int = MAX_BATCH,
        writer: WriterThread | None = None,
    ) -> None:
        """`writer`: the thread to write on (default: one of the `shared_writers()` of the
        moment, else a thread of this committer's own)."""
        self._sink = sink
        self._name = name
        self._max_batch = max_batch
        if writer is None and _shared is not None:
            writer = _shared.assign()
        self._own_writer = writer is None
        self._writer = writer or WriterThread(f"{name}-writer")
        self._jobs: collections.deque[Any] = collections.deque()
        self._scheduled = False  # on the writer's ready queue, or being written
        self._lock = threading.Lock()
        self._held: list[_Job[Any]] = []  # submitted with hold=True, not yet released
        self._closed = False
        self._drained = threading.Event()
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
            self._hand_over_held()
            self._jobs.append(job)
            self._schedule()
        return job.future

    def release(self) -> None:
        """Hand the held jobs to the writer thread (a stopped one fails their futures)."""
        with self._lock:
            if self._held:
                self._hand_over_held()
                with contextlib.suppress(CommitterClosed):
                    self._schedule()

    def close(self) -> None:
        """Write what is queued (held jobs included), then end the writer thread (when it is
        this committer's own)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._hand_over_held()
            idle = not self._jobs and not self._scheduled
            if not idle:
                self._jobs.append(_DRAINED)
                try:
                    self._schedule()
                except CommitterClosed:
                    idle = True  # the writer is gone: the queued jobs failed, none waits
        if not idle:
            self._drained.wait()
        if self._own_writer:
            self._writer.stop()

    def _schedule(self) -> None:
        """Under the lock: the writer will come for the queued jobs. When the writer has
        stopped, every queued job fails with CommitterClosed (none is left waiting for ever)
        and CommitterClosed is raised."""
        if self._scheduled:
            return
        try:
            self._writer.schedule(self)
        except CommitterClosed as error:
            for item in self._jobs:
                if item is not _DRAINED and not item.future.done():
                    item.future.set_exception(error)
            self._jobs.clear()
            raise
        self._scheduled = True

    def _hand_over_held(self) -> None:
        """Under the lock: held jobs go first, in the order they were submitted."""
        self._jobs.extend(self._held)
        self._held.clear()

    def _run_batch(self) -> bool:
        """On the writer thread: write and commit one batch; True when more jobs wait."""
        batch: list[_Job[Any]] = []
        drained = False
        with self._lock:
            while self._jobs and len(batch) < self._max_batch:
                item = self._jobs.popleft()
                if item is _DRAINED:
                    drained = True
                    break
                batch.append(item)
        if batch:
            self._commit(batch)
        if drained:
            self._drained.set()
        with self._lock:
            self._scheduled = bool(self._jobs) and not drained
            return self._scheduled

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
