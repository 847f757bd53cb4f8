"""The group committer: order, one sync per batch, errors to the right callers."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from everest_py.ocpp16.storage import CommitterClosed, GroupCommitter, written

WAIT = 10.0


class GatedSink:
    """Counts begin/commit; `hold` makes the next commit wait until `release` is set."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.hold = False
        self.entered = threading.Event()
        self.release = threading.Event()
        self.fail_commit: Exception | None = None

    def begin(self, durable: bool) -> None:
        self.log.append(f"begin durable={durable}")

    def commit(self, durable: bool) -> None:
        if self.hold:
            self.hold = False
            self.entered.set()
            assert self.release.wait(WAIT)
        if self.fail_commit is not None:
            raise self.fail_commit
        self.log.append("commit")

    def abort(self) -> None:
        self.log.append("abort")


@pytest.fixture
def sink() -> GatedSink:
    return GatedSink()


@pytest.fixture
def committer(sink: GatedSink) -> Iterator[GroupCommitter]:
    running = GroupCommitter(sink, "test")
    yield running
    sink.release.set()
    running.close()


def test_jobs_queued_during_a_sync_share_the_next_sync(
    sink: GatedSink, committer: GroupCommitter
) -> None:
    done: list[int] = []
    sink.hold = True
    first = committer.submit(lambda: done.append(0))
    assert sink.entered.wait(WAIT)  # the writer is syncing job 0
    later = [committer.submit(lambda n=n: done.append(n)) for n in range(1, 51)]
    assert not first.done()  # not resolved before its sync finished
    sink.release.set()
    for future in [first, *later]:
        future.result(WAIT)
    assert done == list(range(51))  # submission order
    assert committer.batches == 2  # 51 writes, two syncs
    assert sink.log.count("commit") == 2


def test_a_failing_job_fails_alone(sink: GatedSink, committer: GroupCommitter) -> None:
    sink.hold = True
    blocker = committer.submit(lambda: None)
    assert sink.entered.wait(WAIT)

    def broken() -> None:
        raise ValueError("bad job")

    good = committer.submit(lambda: "ok")
    bad = committer.submit(broken)
    sink.release.set()
    blocker.result(WAIT)
    assert good.result(WAIT) == "ok"
    with pytest.raises(ValueError, match="bad job"):
        bad.result(WAIT)


def test_a_failing_sync_fails_every_job_of_its_batch(
    sink: GatedSink, committer: GroupCommitter
) -> None:
    sink.fail_commit = OSError(5, "I/O error")
    futures = [committer.submit(lambda: None) for _ in range(3)]
    for future in futures:
        with pytest.raises(OSError, match="I/O error"):
            future.result(WAIT)
    assert "abort" in sink.log
    sink.fail_commit = None
    assert committer.submit(lambda: 7).result(WAIT) == 7  # the writer goes on


def test_non_durable_batches_say_so(sink: GatedSink, committer: GroupCommitter) -> None:
    committer.submit(lambda: None, durable=False).result(WAIT)
    assert sink.log[0] == "begin durable=False"


def test_close_writes_what_is_queued_then_refuses(sink: GatedSink) -> None:
    committer = GroupCommitter(sink, "test")
    done: list[int] = []
    futures = [committer.submit(lambda n=n: done.append(n)) for n in range(20)]
    committer.close()
    assert all(future.done() for future in futures) and done == list(range(20))
    with pytest.raises(CommitterClosed):
        committer.submit(lambda: None)


async def test_a_cancelled_waiter_leaves_the_write_and_other_waiters_alone(
    sink: GatedSink, committer: GroupCommitter
) -> None:
    sink.hold = True
    future = committer.submit(lambda: "stored")
    loop = asyncio.get_running_loop()
    assert await loop.run_in_executor(None, sink.entered.wait, WAIT)
    impatient = asyncio.ensure_future(written(future))
    patient = asyncio.ensure_future(written(future))
    await asyncio.sleep(0)  # let both start waiting
    impatient.cancel()
    sink.release.set()
    assert await asyncio.wait_for(patient, WAIT) == "stored"
    assert impatient.cancelled() and future.result() == "stored"
    assert committer.submit(lambda: 1).result(WAIT) == 1  # the writer thread lives on


def test_held_jobs_wait_for_release_and_keep_their_place(
    sink: GatedSink, committer: GroupCommitter
) -> None:
    done: list[str] = []
    held = [committer.submit(lambda n=n: done.append(f"held {n}"), hold=True) for n in range(3)]
    assert done == [] and not any(future.done() for future in held)  # the writer has none yet
    committer.release()
    for future in held:
        future.result(WAIT)
    assert done == ["held 0", "held 1", "held 2"]
    # A job submitted without hold takes the held ones along, ahead of it.
    first = committer.submit(lambda: done.append("held 3"), hold=True)
    committer.submit(lambda: done.append("plain")).result(WAIT)
    assert first.done() and done[-2:] == ["held 3", "plain"]


def test_close_writes_held_jobs(sink: GatedSink) -> None:
    committer = GroupCommitter(sink, "test")
    held = committer.submit(lambda: "kept", hold=True)
    committer.close()
    assert held.result(0) == "kept"
