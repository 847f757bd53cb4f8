"""A writer thread that stops finishes the work scheduled before, even the batches a committer
re-queued behind the stop, and refuses what comes after: no future is left unresolved and no
close() waits for ever."""

from __future__ import annotations

import threading

import pytest

from everest_py.ocpp16.storage.committer import CommitterClosed, GroupCommitter, WriterThread

WAIT = 10.0


class SlowSink:
    """Each commit waits until the test lets it go: the stop lands while batches remain."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.committed = 0

    def begin(self, durable: bool) -> None:
        pass

    def commit(self, durable: bool) -> None:
        self.go.wait(WAIT)
        self.committed += 1

    def abort(self) -> None:
        pass


def test_batches_requeued_behind_the_stop_are_written() -> None:
    sink, writer = SlowSink(), WriterThread("t")
    committer = GroupCommitter(sink, "c", max_batch=1, writer=writer)
    futures = [committer.submit(lambda n=n: n) for n in range(3)]
    stopping = threading.Thread(target=writer.stop)
    stopping.start()  # its marker is queued while the first batch waits
    sink.go.set()
    stopping.join(WAIT)
    assert not stopping.is_alive()
    assert [future.result(WAIT) for future in futures] == [0, 1, 2]


def test_every_write_after_the_stop_is_refused_and_close_returns() -> None:
    sink, writer = SlowSink(), WriterThread("t")
    sink.go.set()
    committer = GroupCommitter(sink, "c", writer=writer)
    assert committer.submit(lambda: 1).result(WAIT) == 1
    writer.stop()
    for _ in range(2):
        with pytest.raises(CommitterClosed):
            committer.submit(lambda: 2)
    held = committer.submit(lambda: 3, hold=True)
    committer.release()  # the writer is gone: the held job fails instead of waiting
    with pytest.raises(CommitterClosed):
        held.result(WAIT)
    closing = threading.Thread(target=committer.close)
    closing.start()
    closing.join(WAIT)
    assert not closing.is_alive()
