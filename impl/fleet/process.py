"""A fleet as processes: one process runs its members (`run_here`, printing summary lines or,
as a worker, JSON lines), or a supervisor splits the ids between worker processes of this same
program (`supervise`) and prints the sums of what they report."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .ids import IdRange, split
from .member import MemberSpec
from .runner import Fleet, FleetPlan
from .stats import Snapshot, final_report, summary_line

LOGGER = logging.getLogger(__name__)
EXIT_WORKER_FAILED = 1
# A worker that has not ended this long after SIGTERM is killed.
WORKER_STOP_TIMEOUT = 30.0
# Each worker's stdout is JSON lines of snapshots: bounded line length for the reader.
MAX_WORKER_LINE = 2**16


@dataclass(frozen=True)
class FleetOptions:
    spec: MemberSpec
    ids: IdRange
    ramp: float = 0.0
    interval: float = 5.0
    processes: int = 1


def run_here(
    options: FleetOptions, indexes: range, started_at: float | None, as_worker: bool
) -> int:
    """Run the members of `indexes` in this process until SIGINT/SIGTERM."""
    plan = FleetPlan(options.spec, options.ids.ids(indexes.start, indexes.stop), options.ramp,
                     options.interval)  # fmt: skip
    printer = _JsonLines() if as_worker else _SummaryLines()
    raise_open_file_limit()
    last = asyncio.run(_run_until_signal(Fleet(plan, started_at), printer.snapshot))
    printer.final(last)
    return 0


async def _run_until_signal(fleet: Fleet, report: Callable[[Snapshot], None]) -> Snapshot:
    stop = asyncio.Event()
    _on_stop_signals(stop.set)
    return await fleet.run(stop, report)


def _on_stop_signals(callback: Callable[[], None]) -> None:
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, callback)


class _SummaryLines:
    def __init__(self) -> None:
        self._before: Snapshot | None = None

    def snapshot(self, now: Snapshot) -> None:
        print(summary_line(now, self._before), flush=True)
        self._before = now

    def final(self, last: Snapshot) -> None:
        print(final_report(last), flush=True)


class _JsonLines:
    def snapshot(self, now: Snapshot) -> None:
        print(json.dumps({"snapshot": now.to_json()}), flush=True)

    def final(self, last: Snapshot) -> None:
        print(json.dumps({"final": last.to_json()}), flush=True)


# --- the supervisor --------------------------------------------------------------------------


def supervise(options: FleetOptions, worker_command: Sequence[str]) -> int:
    """Run `options.processes` workers, each `worker_command` + `--worker START:STOP --epoch T`,
    summing what they report; SIGINT/SIGTERM stops them all (SIGTERM to each)."""
    return asyncio.run(_supervise(options, worker_command))


async def _supervise(options: FleetOptions, worker_command: Sequence[str]) -> int:
    started_at = time.monotonic()
    slices = split(options.ids.count, options.processes)
    epoch = ["--epoch", repr(started_at)]
    workers = [
        await _Worker.spawn([*worker_command, "--worker", f"{piece.start}:{piece.stop}", *epoch])
        for piece in slices
    ]
    stop = asyncio.Event()
    _on_stop_signals(stop.set)
    readers = [asyncio.create_task(worker.read()) for worker in workers]
    ended = asyncio.create_task(_all_done(readers))
    summary = _SummaryLines()
    try:
        while not stop.is_set() and not ended.done():
            waiting = asyncio.create_task(stop.wait())
            await asyncio.wait({waiting, ended}, timeout=options.interval,
                               return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
            waiting.cancel()
            reported = any(worker.latest is not None for worker in workers)
            if reported and not stop.is_set() and not ended.done():
                summary.snapshot(_sum(workers, started_at, final=False))
    finally:
        for worker in workers:
            worker.terminate()
        await ended
    summary.final(_sum(workers, started_at, final=True))
    failed = [worker for worker in workers if worker.returncode not in (0, -signal.SIGTERM)]
    for worker in failed:
        print(f"fleet: worker {worker.pid} ended with code {worker.returncode}", file=sys.stderr)
    return EXIT_WORKER_FAILED if failed else 0


async def _all_done(readers: list[asyncio.Task[None]]) -> None:
    await asyncio.gather(*readers)


def _sum(workers: list[_Worker], started_at: float, final: bool) -> Snapshot:
    parts = [worker.final or worker.latest if final else worker.latest for worker in workers]
    return Snapshot.sum([part for part in parts if part is not None], time.monotonic() - started_at)


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.latest: Snapshot | None = None
        self.final: Snapshot | None = None

    @classmethod
    async def spawn(cls, command: Sequence[str]) -> _Worker:
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, limit=MAX_WORKER_LINE
        )
        return cls(process)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    async def read(self) -> None:
        """Take the worker's JSON lines until it ends."""
        stdout = self.process.stdout
        assert stdout is not None
        while line := await stdout.readline():
            try:
                message = json.loads(line)
            except ValueError:
                LOGGER.warning("worker %s: not a JSON line: %r", self.pid, line[:200])
                continue
            if "snapshot" in message:
                self.latest = Snapshot.from_json(message["snapshot"])
            elif "final" in message:
                self.final = Snapshot.from_json(message["final"])
        await self.process.wait()

    def terminate(self) -> None:
        if self.process.returncode is None:
            try:
                self.process.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                return
            asyncio.get_running_loop().call_later(WORKER_STOP_TIMEOUT, self._kill)

    def _kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()


def raise_open_file_limit() -> None:
    """Each member holds a socket and its store's files open: allow as many as permitted."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError) as error:
            LOGGER.warning("cannot raise the open file limit (%s): %s", soft, error)


def default_processes() -> int:
    """Every core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
