"""One writer thread for many committers (a fleet's stores): each committer keeps its own
order, batches and syncs; closing one leaves the others running."""

from __future__ import annotations

import threading

from everest_py.ocpp16.storage import GroupCommitter, WriterThread, shared_writer

WAIT = 10.0


class LoggingSink:
    def __init__(self, log: list[str], name: str) -> None:
        self.log, self.name = log, name

    def begin(self, durable: bool) -> None:
        self.log.append(f"{self.name} begin")

    def commit(self, durable: bool) -> None:
        self.log.append(f"{self.name} commit")

    def abort(self) -> None:
        self.log.append(f"{self.name} abort")


def test_two_committers_on_one_thread_keep_their_own_order_and_batches() -> None:
    writer = WriterThread("shared-test")
    log: list[str] = []
    first = GroupCommitter(LoggingSink(log, "a"), "a", writer=writer)
    second = GroupCommitter(LoggingSink(log, "b"), "b", writer=writer)
    threads: set[str] = set()
    done: dict[str, list[int]] = {"a": [], "b": []}

    def job(name: str, n: int) -> int:
        threads.add(threading.current_thread().name)
        done[name].append(n)
        return n

    futures = []
    for n in range(200):
        futures.append(first.submit(lambda n=n: job("a", n)))
        futures.append(second.submit(lambda n=n: job("b", n)))
    assert [future.result(WAIT) for future in futures[::2]] == list(range(200))
    assert [future.result(WAIT) for future in futures[1::2]] == list(range(200))
    assert done == {"a": list(range(200)), "b": list(range(200))}
    assert threads == {"shared-test"}
    # Every batch of one committer is bracketed by its own sink, never mixed with the other's.
    for name in ("a", "b"):
        own = [entry for entry in log if entry.startswith(name)]
        assert own == [f"{name} begin", f"{name} commit"] * (len(own) // 2)
    first.close()
    assert second.submit(lambda: "still running").result(WAIT) == "still running"
    second.close()
    writer.stop()


def test_close_of_a_shared_committer_writes_its_queue_first() -> None:
    writer = WriterThread("shared-test")
    log: list[str] = []
    committer = GroupCommitter(LoggingSink(log, "a"), "a", writer=writer)
    futures = [committer.submit(lambda n=n: n) for n in range(50)]
    committer.close()
    assert all(future.done() for future in futures)
    writer.stop()


def test_shared_writer_is_the_default_only_within_its_block() -> None:
    names: list[str] = []

    def record() -> None:
        names.append(threading.current_thread().name)

    with shared_writer("fleet-test") as writer:
        inside = [GroupCommitter(LoggingSink([], str(n)), str(n)) for n in range(3)]
        for committer in inside:
            committer.submit(record).result(WAIT)
            committer.close()
        assert isinstance(writer, WriterThread)
    outside = GroupCommitter(LoggingSink([], "own"), "own")
    outside.submit(record).result(WAIT)
    outside.close()
    assert names == ["fleet-test"] * 3 + ["own-writer"]
