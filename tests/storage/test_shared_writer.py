"""Writer threads shared by many committers (a fleet's stores): each committer keeps its own
order, batches and syncs; closing one leaves the others running."""

from __future__ import annotations

import threading

from everest_py.ocpp16.storage import GroupCommitter, WriterThread, shared_writers

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


def test_shared_writers_are_the_default_only_within_their_block() -> None:
    names: list[str] = []

    def record() -> None:
        names.append(threading.current_thread().name)

    with shared_writers("fleet-test", threads=2) as pool:
        inside = [GroupCommitter(LoggingSink([], str(n)), str(n)) for n in range(4)]
        for committer in inside:
            committer.submit(record).result(WAIT)
            committer.close()
        assert len(pool.threads) == 2
    outside = GroupCommitter(LoggingSink([], "own"), "own")
    outside.submit(record).result(WAIT)
    outside.close()
    # Committers take the pool's threads in turn; one made outside has its own thread.
    assert names == ["fleet-test-0", "fleet-test-1"] * 2 + ["own-writer"]
