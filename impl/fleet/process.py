"""A fleet as processes: one process runs its members (`run_here`, printing summary lines or,
as a worker, JSON lines), or a supervisor splits the ids between worker processes of this same
program (`supervise`) and prints the sums of what they report."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import resource
import signal
import stat
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from everest_py.runtime import stop_signals

from .ids import IdRange, split
from .member import MemberSpec
from .runner import Fleet, FleetPlan
from .stats import Snapshot, final_report, summary_line

LOGGER = logging.getLogger(__name__)
EXIT_WORKER_FAILED = 1
EXIT_NONE_STARTED = 1  # every charge point failed to start
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
    log_level: str = "WARNING"


def run_here(
    options: FleetOptions, indexes: range, started_at: float | None, as_worker: bool
) -> int:
    """Run the members of `indexes` in this process until SIGINT/SIGTERM (or until every one
    of them failed to start: then exit code 1, 0 for a worker, whose supervisor decides). A
    worker also stops when its standard input (the pipe from its supervisor) ends."""
    plan = FleetPlan(options.spec, options.ids.ids(indexes.start, indexes.stop), options.ramp,
                     options.interval)  # fmt: skip
    printer = _JsonLines() if as_worker else _SummaryLines()
    raise_open_file_limit()
    last = asyncio.run(_run_until_signal(Fleet(plan, started_at), printer.snapshot, as_worker))
    printer.final(last)
    if not as_worker and _none_started(last):  # a worker's supervisor decides
        return EXIT_NONE_STARTED
    return 0


def _none_started(last: Snapshot) -> bool:
    """True, and said on stderr, when every charge point of the fleet failed to start."""
    if last.failed != last.count:
        return False
    print(f"fleet: none of the {last.count} charge points could start", file=sys.stderr)
    return True


async def _run_until_signal(
    fleet: Fleet, report: Callable[[Snapshot], None], as_worker: bool = False
) -> Snapshot:
    stop = asyncio.Event()
    with stop_signals(stop.set):
        if as_worker:
            _stop_when_stdin_ends(stop.set)
        return await fleet.run(stop, report)


def _stop_when_stdin_ends(callback: Callable[[], None]) -> None:
    """A worker's stdin is a pipe its supervisor never writes to: its end means the supervisor
    is gone (killed without passing a signal on), and the worker stops instead of living on."""
    try:
        descriptor = sys.stdin.fileno()
        if not stat.S_ISFIFO(os.fstat(descriptor).st_mode):
            return  # not started by a supervisor (e.g. by hand): nothing to watch
    except (AttributeError, OSError, ValueError):
        return
    loop = asyncio.get_running_loop()

    def readable() -> None:
        try:
            data = os.read(descriptor, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            loop.remove_reader(descriptor)
            LOGGER.warning("the supervisor is gone (its pipe closed): stopping")
            callback()

    os.set_blocking(descriptor, False)
    loop.add_reader(descriptor, readable)


class _SummaryLines:
    def __init__(self) -> None:
        self._before: Snapshot | None = None

    def snapshot(self, now: Snapshot) -> None:
        print(summary_line(now, self._before), flush=True)
        self._before = now

    def final(self, last: Snapshot) -> None:
        print(final_report(last), flush=True)


class _JsonLines:
    def __init__(self) -> None:
        self._reader_gone = False

    def snapshot(self, now: Snapshot) -> None:
        self._print({"snapshot": now.to_json()})

    def final(self, last: Snapshot) -> None:
        self._print({"final": last.to_json()})

    def _print(self, message: dict[str, object]) -> None:
        if self._reader_gone:
            return
        try:
            print(json.dumps(message), flush=True)
        except BrokenPipeError:  # the supervisor is gone: nobody reads these any more
            self._reader_gone = True
            # What is still buffered would fail again when Python flushes stdout at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)


# --- the supervisor --------------------------------------------------------------------------


def supervise(options: FleetOptions, worker_command: Sequence[str]) -> int:
    """Run `options.processes` workers, each `worker_command` + `--worker START:STOP --epoch T`,
    summing what they report; SIGINT/SIGTERM stops them all (SIGTERM to each)."""
    return asyncio.run(_supervise(options, worker_command))


async def _supervise(options: FleetOptions, worker_command: Sequence[str]) -> int:
    started_at = time.monotonic()
    slices = split(options.ids.count, options.processes)
    epoch = ["--epoch", repr(started_at)]
    stop = asyncio.Event()
    workers = [
        await _Worker.spawn(
            [*worker_command, "--worker", f"{piece.start}:{piece.stop}", *epoch], piece, stop
        )
        for piece in slices
    ]
    with stop_signals(stop.set):
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
            stop.set()  # Workers ending from here on were stopped, not lost.
            for worker in workers:
                worker.terminate()
            await ended
        last = _sum(workers, started_at, final=True)
        summary.final(last)
        failed = [worker for worker in workers if worker.broke]
        for worker in failed:
            ids = f"charge points {worker.indexes.start + 1}..{worker.indexes.stop} of the fleet"
            when = " before the fleet stopped" if worker.ended_early else ""
            print(f"fleet: worker {worker.pid} ({ids}) ended with code {worker.returncode}{when}",
                  file=sys.stderr)  # fmt: skip
        none_started = _none_started(last)
        return EXIT_WORKER_FAILED if failed or none_started else 0


async def _all_done(readers: list[asyncio.Task[None]]) -> None:
    await asyncio.gather(*readers)


def _sum(workers: list[_Worker], started_at: float, final: bool) -> Snapshot:
    """The fleet's snapshot: every worker's part, each counted for all of its ids."""
    parts = [worker.part(final) for worker in workers]
    return Snapshot.sum(parts, time.monotonic() - started_at)


class _Worker:
    def __init__(
        self, process: asyncio.subprocess.Process, indexes: range, stopping: asyncio.Event
    ) -> None:
        self.process = process
        self.indexes = indexes  # the ids it runs (indexes into the fleet's IdRange)
        self.latest: Snapshot | None = None
        self.final: Snapshot | None = None
        self._stopping = stopping  # set once the supervisor stops the fleet
        self.ended_early = False  # it ended while the fleet was meant to run on

    @classmethod
    async def spawn(
        cls, command: Sequence[str], indexes: range, stopping: asyncio.Event
    ) -> _Worker:
        # stdin: a pipe never written to; the worker stops when it ends (this process died).
        process = await asyncio.create_subprocess_exec(
            *command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            limit=MAX_WORKER_LINE,
        )  # fmt: skip
        return cls(process, indexes, stopping)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    @property
    def broke(self) -> bool:
        """Ended with a failure code, or ended before the fleet stopped with members that had
        not all failed to start (a worker whose members all failed ends by itself)."""
        if self.returncode is None:
            return False
        if self.returncode not in (0, -signal.SIGTERM):
            return True
        return self.ended_early and self._lost() > 0

    def part(self, final: bool) -> Snapshot:
        """This worker's share of the fleet's snapshot: what it reported, counted for all its
        ids; nothing yet: none connected or booted; ended early: its members lost (none
        connected or booted)."""
        size = len(self.indexes)
        reported = (self.final or self.latest) if final else self.latest
        if reported is None:
            reported = Snapshot(0.0, size, 0, 0, 0, 0, 0, 0, 0, 0)
        if self.ended_early:
            reported = dataclasses.replace(
                reported, connected=0, booted=0, pending=0, lost=self._lost(),
                all_booted_after=None,
            )  # fmt: skip
        elif final and self.final is None and self.returncode not in (None, 0, -signal.SIGTERM):
            # Killed while stopping, without its final report: what it ran is lost.
            reported = dataclasses.replace(reported, lost=size - reported.failed,
                                           all_booted_after=None)  # fmt: skip
        return dataclasses.replace(reported, count=size)

    def _lost(self) -> int:
        reported = self.final or self.latest
        return len(self.indexes) - (reported.failed if reported is not None else 0)

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
        if not self._stopping.is_set():
            self.ended_early = True
            LOGGER.error("worker %s ended (code %s) while the fleet runs", self.pid,
                         self.process.returncode)  # fmt: skip

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
