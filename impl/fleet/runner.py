"""Runs a fleet in this process: builds the members (create_member), starts them along the
ramp, reports a Snapshot every interval, and stops them all when told to."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..settings import Settings
from ..storage import shared_writers
from .member import FleetMember, MemberSpec, create_member, member_settings
from .stats import Snapshot

LOGGER = logging.getLogger(__name__)
# Members are built (state file, SQLite security store: several fsyncs each, ~80 ms on a
# virtual disk) on this many threads: off the event loop, so the members already started keep
# being served, and side by side, so the file system commits their fsyncs together (measured
# on ext4: 87 ms per store on one thread, 8 ms with 16).
BUILD_THREADS = 16
# Started all at once (no ramp), the members are built and started this many at a time: a
# build thread builds a batch, then the event loop starts the whole batch in one go. Their
# connections, BootNotifications and store writes then come in bursts that the loop and the
# writer threads serve together (one wake-up each for many members), not one member per
# wake-up: a fleet started one member at a time spent about half as much CPU again on those
# wake-ups (the loop's polls, its self-pipe, the writer threads' sleeps and wakes).
START_BATCH = 32
# Writer threads all members' stores share: enough to keep several fsyncs in flight on a disk.
WRITER_THREADS = 8
# Members closed at once when the fleet stops (each closes its connection and its store).
CLOSE_BATCH = 100
# The objects of this many more members are moved out of the garbage collector's sight
# (gc.freeze): a member lives as long as the fleet, and a full collection of a thousand
# members' objects took 0.8 s each, five times while they started (4 s of 11 s of CPU) and
# again every so often while idle. Unfrozen when the fleet has stopped.
FREEZE_EVERY = 20

Report = Callable[[Snapshot], None]


@dataclass(frozen=True)
class FleetPlan:
    """The members this process runs, and how: `ramp` seconds from the first start to the
    last (0: all at once), a Snapshot to `report` every `interval` seconds."""

    spec: MemberSpec
    ids: Sequence[str]
    ramp: float = 0.0
    interval: float = 5.0


class Fleet:
    def __init__(self, plan: FleetPlan, started_at: float | None = None) -> None:
        """`started_at`: the fleet's start on the monotonic clock (a worker process gets its
        supervisor's, the same clock on Linux; default: when run() begins)."""
        self.plan = plan
        self.members: list[FleetMember] = []
        self.failed = 0  # members that could not be built or started (logged)
        self.started_at = started_at if started_at is not None else time.monotonic()
        self._epoch_given = started_at is not None
        self._tasks: set[asyncio.Task[None]] = set()
        self.booted_once = 0  # members whose BootNotification was accepted at least once
        self._boot_waiters: list[tuple[int, asyncio.Future[None]]] = []

    async def run(self, stop: asyncio.Event, report: Report) -> Snapshot:
        """Until `stop` is set, or at once when every member failed to start; returns the last
        snapshot (taken before the members close).
        Raises what stopped the starting of members (e.g. SettingsError), after closing those
        already started."""
        if not self._epoch_given:
            self.started_at = time.monotonic()
        # Every member's stores write on these few threads (not three threads per member).
        try:
            with shared_writers("fleet-storage-writer", WRITER_THREADS):
                return await self._run(stop, report)
        finally:
            gc.unfreeze()  # The members are gone: their objects may be collected again.

    async def _run(self, stop: asyncio.Event, report: Report) -> Snapshot:
        reporter = asyncio.create_task(self._report_every_interval(report), name="fleet-report")
        starter = asyncio.create_task(self._start_all(), name="fleet-start")
        stopping = asyncio.create_task(stop.wait(), name="fleet-stop")
        try:
            await asyncio.wait({stopping, starter}, return_when=asyncio.FIRST_COMPLETED)
            if not stopping.done():
                starter.result()  # Raises when starting failed; else all started: wait on.
                if self.failed < len(self.plan.ids):
                    await stopping
                else:  # Nothing to run: every member failed to start (each logged).
                    LOGGER.error("none of the %d charge points could start", self.failed)
        finally:
            stopping.cancel()
            last = self.snapshot()
            for task in (starter, reporter):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await self.close()
        return last

    def snapshot(self) -> Snapshot:
        members = self.members
        booted_at = [member.booted_at for member in members]
        everyone = (
            max(booted_at) - self.started_at  # type: ignore[type-var, operator]
            if len(members) == len(self.plan.ids) and None not in booted_at
            else None
        )
        return Snapshot(
            elapsed=time.monotonic() - self.started_at,
            count=len(self.plan.ids),
            started=len(members),
            failed=self.failed,
            connected=sum(member.connected for member in members),
            booted=sum(member.booted for member in members),
            pending=sum(member.counter.pending for member in members),
            errors=sum(member.counter.errors for member in members),
            sent=sum(member.counter.sent for member in members),
            received=sum(member.counter.received for member in members),
            all_booted_after=everyone,
        )

    async def close(self) -> None:
        # Lost connections from here on are the fleet stopping, not errors: counted before.
        for task in list(self._tasks):
            task.cancel()
        members = self.members
        for start in range(0, len(members), CLOSE_BATCH):
            batch = members[start : start + CLOSE_BATCH]
            results = await asyncio.gather(
                *(member.close() for member in batch), return_exceptions=True
            )
            for member, result in zip(batch, results, strict=True):
                if isinstance(result, Exception):
                    LOGGER.error("%s: close failed: %r", member.charge_point_id, result)

    async def _start_all(self) -> None:
        ids = self.plan.ids
        # Member i starts at i * step after the fleet's start: `ramp` spans first to last.
        step = self.plan.ramp / (len(ids) - 1) if len(ids) > 1 else 0.0
        # Started all at once, the members are built in one burst of objects that all live on:
        # the collector's passes over them cost CPU and find nothing (they are frozen after).
        # With a ramp the start is spread out and may last long: the collector keeps running.
        collecting = gc.isenabled()
        if step == 0.0:
            gc.disable()
        try:
            await self._start_members(step)
        finally:  # However starting ended (done, failed, cancelled).
            if collecting:
                gc.enable()

    async def _start_members(self, step: float) -> None:
        ids = self.plan.ids
        # Validated once; every member's settings are a copy with its id and directory.
        template = member_settings(self.plan.spec, ids[0]) if ids else None
        # A ramp starts each member at its own time; without one, batches (see START_BATCH),
        # small enough that every build thread gets one (their fsyncs overlap on a disk).
        size = _batch_size(len(ids)) if step == 0.0 else 1
        stop_building = threading.Event()  # set when starting is cancelled: batches end early
        building = asyncio.Semaphore(BUILD_THREADS)
        starting: set[asyncio.Task[None]] = set()
        with ThreadPoolExecutor(BUILD_THREADS, thread_name_prefix="fleet-build") as threads:
            try:
                for first in range(0, len(ids), size):
                    wait = self.started_at + first * step - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    await building.acquire()
                    batch = ids[first : first + size]
                    task = asyncio.create_task(
                        self._build_and_start(threads, batch, template, building, stop_building)
                    )
                    starting.add(task)
                    task.add_done_callback(starting.discard)
                await asyncio.gather(*starting)
                gc.freeze()
            finally:
                stop_building.set()  # (each batch's task sets it too, when it is cancelled)
                for task in starting:
                    task.cancel()
                await asyncio.gather(*starting, return_exceptions=True)

    async def _build_and_start(
        self,
        threads: ThreadPoolExecutor,
        batch: Sequence[str],
        template: Settings | None,
        building: asyncio.Semaphore,
        stop_building: threading.Event,
    ) -> None:
        """Build the members of `batch` on a build thread, then start them all at once."""
        loop = asyncio.get_running_loop()
        try:
            build = loop.run_in_executor(
                threads, _build_batch, self.plan.spec, batch, template, stop_building
            )
            try:
                built = await asyncio.shield(build)
            except asyncio.CancelledError:
                # The fleet stops: the thread ends the batch at the member it is building;
                # close what it built, its stores now rather than at some collection.
                stop_building.set()
                await asyncio.wait({build})
                if not build.cancelled() and build.exception() is None:
                    await _close_quietly(m for _, m in build.result() if isinstance(m, FleetMember))
                raise
            try:
                await asyncio.gather(*(self._start_member(id_, member) for id_, member in built))
            except asyncio.CancelledError:
                # A start cancelled before its first step never ran, and closed nothing: close
                # every member of the batch the fleet does not hold (close() runs once).
                held = {id(member) for member in self.members}
                await _close_quietly(
                    m for _, m in built if isinstance(m, FleetMember) and id(m) not in held
                )
                raise
        finally:
            building.release()

    async def _start_member(self, charge_point_id: str, member: FleetMember | Exception) -> None:
        """Start one built member, or count the one that could not be built."""
        if isinstance(member, Exception):
            self._cannot_start(charge_point_id, member)
            return
        try:
            await member.start()
        except Exception as error:  # One member's bad state must not stop the others.
            self._cannot_start(charge_point_id, error)
            await _close_quietly((member,))
            return
        except asyncio.CancelledError:  # The fleet stops: it closes only members it holds.
            await _close_quietly((member,))
            raise
        self.members.append(member)
        if len(self.members) % FREEZE_EVERY == 0:
            gc.freeze()
        self._watch_boot(member)

    def _cannot_start(self, charge_point_id: str, error: Exception) -> None:
        LOGGER.error("%s: cannot start: %s", charge_point_id, error)
        self.failed += 1

    async def wait_booted(self, count: int | None = None) -> None:
        """Until `count` members (default: all) have been accepted at least once."""
        wanted = len(self.plan.ids) if count is None else count
        if self.booted_once >= wanted:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._boot_waiters.append((wanted, waiter))
        try:
            await waiter
        finally:
            self._boot_waiters.remove((wanted, waiter))

    def _watch_boot(self, member: FleetMember) -> None:
        async def watch() -> None:
            await member.wait_booted()
            self.booted_once += 1
            if self.booted_once == len(self.plan.ids):
                gc.freeze()  # What booting made lives on too (connections, timers, frames).
            for wanted, waiter in self._boot_waiters:
                if self.booted_once >= wanted and not waiter.done():
                    waiter.set_result(None)

        task = asyncio.create_task(watch(), name=f"boot-{member.charge_point_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _report_every_interval(self, report: Report) -> None:
        while True:
            await asyncio.sleep(self.plan.interval)
            report(self.snapshot())


async def _close_quietly(members: Iterable[FleetMember]) -> None:
    """Close members that never joined the fleet (their stores and threads now)."""
    for member in members:
        with contextlib.suppress(Exception):
            await member.close()


def _batch_size(count: int) -> int:
    """Members per batch for a fleet of `count` started at once: START_BATCH, or fewer so that
    each of the BUILD_THREADS gets a batch."""
    return max(1, min(START_BATCH, math.ceil(count / BUILD_THREADS)))


def _build_batch(
    spec: MemberSpec, batch: Sequence[str], template: Settings | None, stop: threading.Event
) -> list[tuple[str, FleetMember | Exception]]:
    """On a build thread: each member of `batch`, or what building it raised (the others are
    built all the same); none after `stop` is set (the fleet stops while it starts)."""
    built: list[tuple[str, FleetMember | Exception]] = []
    for charge_point_id in batch:
        if stop.is_set():
            break
        try:
            built.append((charge_point_id, create_member(spec, charge_point_id, template)))
        except Exception as error:
            built.append((charge_point_id, error))
    return built
