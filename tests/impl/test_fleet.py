"""Fleet mode: many charge points in one process (and in worker processes) against one CSMS.

The fleets here run against real loopback websocket servers on OS-chosen ports; every wait is
on a condition with an upper bound, never a sleep."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request as HttpRequest

from everest_py.ocpp16 import SettingsError
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.script import utc_now
from everest_py.ocpp16.fleet import (
    Fleet,
    FleetPlan,
    IdPatternError,
    IdRange,
    MemberSpec,
    Snapshot,
    create_member,
    final_report,
    split,
    summary_line,
)
from tests.impl.csms import WAIT

ROOT = Path(__file__).resolve().parents[2]
FLEET_SIZE = 100
# Loose: the target of the issue; a charge point costs about 0.3 MiB (bench/bench_fleet.py
# measures it properly).
MAX_MIB_PER_CHARGE_POINT = 2.0
# Threads do not grow with the members: the loop, the shared writers, the build pool, executors.
MAX_THREADS = 40
SUMMARY = re.compile(
    r"^fleet \d+\.\ds: connected (\d+)/(\d+) booted (\d+)/(\d+) pending \d+ errors \d+"
    r"( failed \d+)? msg/s \d+\.\d$"
)


def spec_for(url: str, data_root: Path, **document: Any) -> MemberSpec:
    # Statuses are not needed to boot; a long heartbeat keeps the fleet quiet once booted.
    return MemberSpec(document, {"csms_url": url}, data_root)


@pytest.fixture
async def loopback_csms() -> AsyncIterator[LoopbackCsms]:
    async with LoopbackCsms(connection_limit=2 * FLEET_SIZE) as csms:
        yield csms


async def run_in_background(fleet: Fleet, reports: list[Snapshot] | None = None) -> Any:
    stop = asyncio.Event()
    task = asyncio.create_task(fleet.run(stop, (reports if reports is not None else []).append))
    return stop, task


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


# --- a fleet in this process ----------------------------------------------------------------


async def test_a_hundred_charge_points_boot_and_stop_cleanly(
    loopback_csms: LoopbackCsms, tmp_path: Path
) -> None:
    ids = IdRange("CP{n:05d}", 1, FLEET_SIZE)
    fleet = Fleet(FleetPlan(spec_for(loopback_csms.url, tmp_path), ids.ids(), interval=3600))
    before = rss_kib()
    stop, task = await run_in_background(fleet)
    async with asyncio.timeout(6 * WAIT):
        await fleet.wait_booted()
    grown_mib = (rss_kib() - before) / 1024
    assert threading.active_count() < MAX_THREADS
    snapshot = fleet.snapshot()
    assert (snapshot.booted, snapshot.connected, snapshot.failed) == (FLEET_SIZE, FLEET_SIZE, 0)
    assert snapshot.all_booted_after is not None
    assert grown_mib / FLEET_SIZE < MAX_MIB_PER_CHARGE_POINT
    booted = {call.cp_id for call in loopback_csms.calls("BootNotification")}
    assert booted == set(ids.ids())
    assert sorted(p.name for p in tmp_path.iterdir()) == ids.ids()  # one directory per id
    assert not loopback_csms.violations

    stop.set()
    async with asyncio.timeout(WAIT):
        last = await task
    assert last.booted == FLEET_SIZE and last.errors == 0
    assert all(member.core.session.stopped for member in fleet.members)
    await loopback_csms.wait_until(lambda: not any(c.open for c in loopback_csms.connections))


async def test_a_simulated_fleet_charges_on_remote_start(
    loopback_csms: LoopbackCsms, tmp_path: Path
) -> None:
    # --simulate: every member has a simulated station of its own; the CSMS drives a session
    # on one member while the others stay idle.
    spec = MemberSpec({}, {"csms_url": loopback_csms.url, "simulate": True}, tmp_path)
    fleet = Fleet(FleetPlan(spec, ["S1", "S2", "S3"], interval=3600))
    stop, task = await run_in_background(fleet)
    try:
        async with asyncio.timeout(WAIT):
            await fleet.wait_booted()
        start = {"connectorId": 1, "idTag": "FLEET-TAG"}
        assert await loopback_csms.call("S2", "RemoteStartTransaction", start) == {
            "status": "Accepted"
        }
        started = await loopback_csms.wait_for("StartTransaction", timeout=WAIT)
        assert (started.cp_id, started.payload["idTag"]) == ("S2", "FLEET-TAG")
        assert {m.charge_point_id for m in fleet.members if m.simulated is not None} == {
            "S1",
            "S2",
            "S3",
        }
        assert not loopback_csms.violations
    finally:
        stop.set()
        async with asyncio.timeout(WAIT):
            await task


async def test_the_reporter_gets_snapshots_that_make_summary_lines(
    loopback_csms: LoopbackCsms, tmp_path: Path
) -> None:
    fleet = Fleet(FleetPlan(spec_for(loopback_csms.url, tmp_path), ["A", "B"], interval=0.01))
    reported = asyncio.Event()
    reports: list[Snapshot] = []

    def report(snapshot: Snapshot) -> None:
        reports.append(snapshot)
        if snapshot.booted == 2:
            reported.set()

    stop = asyncio.Event()
    task = asyncio.create_task(fleet.run(stop, report))
    async with asyncio.timeout(WAIT):
        await reported.wait()
    stop.set()
    await task
    line = summary_line(reports[-1], reports[0] if len(reports) > 1 else None)
    match = SUMMARY.match(line)
    assert match is not None, line
    assert match.group(3, 4) == ("2", "2")


async def test_one_hostile_csms_connection_does_not_hold_up_the_others(tmp_path: Path) -> None:
    """One charge point's handshake never completes, another's BootNotification is never
    answered (and nothing it sends is read): every other member boots all the same."""
    stalled, silent = "STALLED", "SILENT"
    never = asyncio.Event()  # set only to let the server close

    async def process_request(connection: ServerConnection, request: HttpRequest) -> None:
        if request.path.endswith("/" + stalled):
            await never.wait()  # The opening handshake hangs.

    async def handle(connection: ServerConnection) -> None:
        assert connection.request is not None
        if connection.request.path.endswith("/" + silent):
            await never.wait()  # Accepted, then never read from again.
        async for text in connection:
            message = json.loads(text)
            if message[0] == 2:
                await connection.send(json.dumps([3, message[1], _answer(message[2])]))

    ids = [f"N{n}" for n in range(10)]
    ids[3], ids[6] = stalled, silent
    async with serve(handle, "127.0.0.1", 0, process_request=process_request, subprotocols=["ocpp1.6"]) as server:  # type: ignore[list-item]
        port = server.sockets[0].getsockname()[1]
        spec = spec_for(f"ws://127.0.0.1:{port}/ocpp", tmp_path)
        fleet = Fleet(FleetPlan(spec, ids, interval=3600))
        stop, task = await run_in_background(fleet)
        try:
            async with asyncio.timeout(WAIT):
                await fleet.wait_booted(len(ids) - 2)
            by_id = {member.charge_point_id: member for member in fleet.members}
            assert not by_id[stalled].booted and not by_id[silent].booted
            assert by_id[silent].counter.pending == 1  # its BootNotification, unanswered
        finally:
            stop.set()
            async with asyncio.timeout(WAIT):
                await task
            never.set()


async def test_a_fleet_whose_settings_are_bad_raises_instead_of_waiting(tmp_path: Path) -> None:
    fleet = Fleet(FleetPlan(spec_for("http://127.0.0.1:9/ocpp", tmp_path), ["A", "B"]))
    async with asyncio.timeout(WAIT):
        with pytest.raises(SettingsError, match="must be a ws:// or wss:// URL"):
            await fleet.run(asyncio.Event(), lambda _: None)
    assert fleet.members == []


def _answer(action: str) -> dict[str, Any]:
    if action == "BootNotification":
        return {"status": "Accepted", "currentTime": utc_now(), "interval": 3600}
    if action == "Heartbeat":
        return {"currentTime": utc_now()}
    return {}


# --- the command line, with worker processes -----------------------------------------------


async def test_two_worker_processes_share_the_ids_and_stop_on_sigterm(
    loopback_csms: LoopbackCsms, tmp_path: Path
) -> None:
    count = 6
    config = tmp_path / "fleet.yaml"  # applied to every charge point
    config.write_text("identity: {vendor: FleetVendor}\ncharge_point_id: ignored\n")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "fleet", "--csms", loopback_csms.url,
        "--count", str(count), "--id-pattern", "W-{n}", "--first", "10", "--processes", "2",
        "--data-dir", str(tmp_path / "data"), "--summary-interval", "0.05",
        "--config", str(config),
        stdout=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        async with asyncio.timeout(6 * WAIT):
            while True:
                line = (await process.stdout.readline()).decode()
                assert line, "the fleet ended early"
                match = SUMMARY.match(line.strip())
                assert match is not None, line
                if match.group(3) == str(count):
                    break
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            rest = (await process.stdout.read()).decode()
            assert await process.wait() == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert f"all {count} booted" in rest
    boots = loopback_csms.calls("BootNotification")
    assert sorted(call.cp_id for call in boots) == [f"W-{n}" for n in range(10, 10 + count)]
    assert {call.payload["chargePointVendor"] for call in boots} == {"FleetVendor"}


def test_fleet_flags_that_cannot_make_a_fleet_exit_with_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from everest_py.ocpp16.cli import main

    common = ["fleet", "--csms", "ws://127.0.0.1:9/ocpp", "--data-dir", str(tmp_path)]
    assert main([*common, "--count", "3", "--id-pattern", "CP"]) == 2
    assert "every id is the same" in capsys.readouterr().err
    assert main([*common, "--count", "3", "--id-pattern", "CP{x}"]) == 2
    assert "use the field n" in capsys.readouterr().err
    assert main(["fleet", "--csms", "http://x", "--count", "2"]) == 2
    assert "csms_url (--csms): must be a ws:// or wss:// URL" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing was started


# --- ids and reports ------------------------------------------------------------------------


@given(count=st.integers(0, 5000), parts=st.integers(1, 64))
def test_worker_slices_are_disjoint_complete_and_even(count: int, parts: int) -> None:
    slices = split(count, parts)
    assert [index for piece in slices for index in piece] == list(range(count))
    assert all(len(piece) > 0 for piece in slices)
    assert len(slices) <= parts
    if slices:
        assert max(map(len, slices)) - min(map(len, slices)) <= 1


def test_ids_of_two_machines_with_disjoint_ranges_do_not_overlap() -> None:
    first = IdRange("CP{n:05d}", 1, 500)
    second = IdRange("CP{n:05d}", 501, 500)
    assert first.ids()[-1] == "CP00500" and second.ids()[0] == "CP00501"
    assert not set(first.ids()) & set(second.ids())
    assert first.ids(498, 500) == ["CP00499", "CP00500"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [("CP", "every id is the same"), ("CP{m}", "use the field n"), ("a/{n}", "without '/'"),
     ("{n}" + "x" * 60, "not 1..48 characters")],
)  # fmt: skip
def test_bad_id_patterns_are_refused_with_the_reason(pattern: str, message: str) -> None:
    with pytest.raises(IdPatternError, match=re.escape(message)):
        IdRange(pattern, 1, 5)


@pytest.mark.parametrize("pattern", [".", ".."])
def test_an_id_that_names_no_folder_of_its_own_is_refused(pattern: str) -> None:
    # A fleet of one: its data folder would be data-root/.. and its URL segment "..".
    with pytest.raises(IdPatternError, match=re.escape("must not be '.' or '..'")):
        IdRange(pattern, 1, 1)


def test_summary_line_and_final_report() -> None:
    before = Snapshot(5.0, 1000, 1000, 0, 990, 980, 3, 1, 2000, 2000)
    now = Snapshot(10.0, 1000, 1000, 0, 1000, 1000, 0, 1, 3000, 3000, all_booted_after=7.25)
    assert summary_line(now, before) == (
        "fleet 10.0s: connected 1000/1000 booted 1000/1000 pending 0 errors 1 msg/s 400.0"
    )
    assert final_report(now).splitlines() == [
        "fleet stopped after 10.0s: 1000 charge points, all 1000 booted 7.25s after the start",
        "fleet messages: 3000 sent, 3000 received (600.0/s on average), errors 1, "
        "failed to start 0",
    ]
    assert Snapshot.sum([before, now], 11.0).count == 2000
    assert Snapshot.sum([before, now], 11.0).all_booted_after is None  # one had not


async def test_a_member_that_cannot_start_is_closed_at_once(
    loopback_csms: LoopbackCsms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its stores and threads are released now, not left to a garbage collection."""
    from everest_py.ocpp16.fleet import member as member_module

    closed: list[str] = []
    all_closed = asyncio.Event()

    async def refuse(self: member_module.FleetMember) -> None:
        raise RuntimeError("cannot start")

    close = member_module.FleetMember.close

    async def counted_close(self: member_module.FleetMember) -> None:
        closed.append("closed")
        await close(self)
        if len(closed) == 2:
            all_closed.set()

    monkeypatch.setattr(member_module.FleetMember, "start", refuse)
    monkeypatch.setattr(member_module.FleetMember, "close", counted_close)
    fleet = Fleet(FleetPlan(spec_for(loopback_csms.url, tmp_path), ["A", "B"], interval=3600))
    stop = asyncio.Event()
    running = asyncio.create_task(fleet.run(stop, report=lambda _: None))
    await asyncio.wait_for(all_closed.wait(), WAIT)
    stop.set()
    snapshot = await asyncio.wait_for(running, WAIT)
    assert snapshot.failed == 2 and fleet.members == []


async def test_without_a_ramp_members_are_built_in_batches_and_each_batch_starts_together(
    loopback_csms: LoopbackCsms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is built on one build thread, in order, and none of it starts before all of it
    is built (the loop then serves its members together); one member that cannot be built
    fails alone."""
    from everest_py.ocpp16.fleet import member as member_module
    from everest_py.ocpp16.fleet import runner as runner_module

    steps: list[tuple[str, str, int]] = []
    create, start = runner_module.create_member, member_module.FleetMember.start

    def recording_create(spec: MemberSpec, charge_point_id: str, *args: Any) -> Any:
        steps.append(("built", charge_point_id, threading.get_ident()))
        if charge_point_id == "B":
            raise RuntimeError("B cannot be built")
        return create(spec, charge_point_id, *args)

    async def recording_start(self: member_module.FleetMember) -> None:
        steps.append(("started", self.charge_point_id, threading.get_ident()))
        await start(self)

    monkeypatch.setattr(runner_module, "START_BATCH", 3)
    monkeypatch.setattr(runner_module, "BUILD_THREADS", 2)  # five members: batches of three
    monkeypatch.setattr(runner_module, "create_member", recording_create)
    monkeypatch.setattr(member_module.FleetMember, "start", recording_start)
    ids = ["A", "B", "C", "D", "E"]
    fleet = Fleet(FleetPlan(spec_for(loopback_csms.url, tmp_path), ids, interval=3600))
    stop, task = await run_in_background(fleet)
    try:
        await asyncio.wait_for(fleet.wait_booted(4), WAIT)
        built = {cp: (index, thread) for index, (what, cp, thread) in enumerate(steps)
                 if what == "built"}  # fmt: skip
        started = {cp: index for index, (what, cp, _) in enumerate(steps) if what == "started"}
        for batch in (["A", "B", "C"], ["D", "E"]):
            assert len({built[cp][1] for cp in batch}) == 1  # one build thread
            assert [built[cp][0] for cp in batch] == sorted(built[cp][0] for cp in batch)
            last_built = max(built[cp][0] for cp in batch)
            assert all(started[cp] > last_built for cp in batch if cp != "B")
        assert "B" not in started and fleet.failed == 1
        assert sorted(m.charge_point_id for m in fleet.members) == ["A", "C", "D", "E"]
    finally:
        stop.set()
        await asyncio.wait_for(task, WAIT)


def test_batches_leave_no_build_thread_idle_and_stay_within_start_batch() -> None:
    from everest_py.ocpp16.fleet.runner import BUILD_THREADS, START_BATCH, _batch_size

    assert _batch_size(1000) == START_BATCH  # 32: a thousand members make 32 batches
    assert _batch_size(100) == 7  # 15 batches of 7 for 16 threads, not 4 of 32
    assert _batch_size(BUILD_THREADS) == 1
    assert _batch_size(1) == _batch_size(0) == 1


async def test_with_a_ramp_each_member_is_built_and_started_on_its_own(
    loopback_csms: LoopbackCsms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from everest_py.ocpp16.fleet import member as member_module
    from everest_py.ocpp16.fleet import runner as runner_module

    steps: list[tuple[str, str]] = []
    create, start = runner_module.create_member, member_module.FleetMember.start

    def recording_create(spec: MemberSpec, charge_point_id: str, *args: Any) -> Any:
        steps.append(("built", charge_point_id))
        return create(spec, charge_point_id, *args)

    async def recording_start(self: member_module.FleetMember) -> None:
        steps.append(("started", self.charge_point_id))
        await start(self)

    monkeypatch.setattr(runner_module, "create_member", recording_create)
    monkeypatch.setattr(member_module.FleetMember, "start", recording_start)
    plan = FleetPlan(spec_for(loopback_csms.url, tmp_path), ["A", "B"], ramp=0.05, interval=3600)
    fleet = Fleet(plan)
    stop, task = await run_in_background(fleet)
    try:
        await asyncio.wait_for(fleet.wait_booted(), WAIT)
        assert steps == [("built", "A"), ("started", "A"), ("built", "B"), ("started", "B")]
    finally:
        stop.set()
        await asyncio.wait_for(task, WAIT)


async def test_a_fleet_stopped_while_a_batch_is_built_closes_what_the_batch_built(
    loopback_csms: LoopbackCsms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build thread ends its batch at the member it is building when the fleet stops:
    the members built never joined the fleet and are closed all the same (their stores are
    not left open), and the rest of the batch is not built at all."""
    from everest_py.ocpp16.fleet import member as member_module
    from everest_py.ocpp16.fleet import runner as runner_module

    building, release = threading.Event(), threading.Event()
    create, close = runner_module.create_member, member_module.FleetMember.close
    build_batch = runner_module._build_batch
    created: list[str] = []
    closed: list[str] = []
    stops: list[threading.Event] = []

    def held_create(spec: MemberSpec, charge_point_id: str, *args: Any) -> Any:
        created.append(charge_point_id)
        if charge_point_id == "B":
            building.set()
            release.wait(WAIT)
        return create(spec, charge_point_id, *args)

    def seen_build_batch(*args: Any) -> Any:
        stops.append(args[-1])  # the event that ends the batch early
        return build_batch(*args)

    async def recording_close(self: member_module.FleetMember) -> None:
        closed.append(self.charge_point_id)
        await close(self)

    monkeypatch.setattr(runner_module, "create_member", held_create)
    monkeypatch.setattr(runner_module, "_build_batch", seen_build_batch)
    monkeypatch.setattr(runner_module, "BUILD_THREADS", 1)  # [A, B, C]: one batch
    monkeypatch.setattr(member_module.FleetMember, "close", recording_close)
    ids = ["A", "B", "C"]
    fleet = Fleet(FleetPlan(spec_for(loopback_csms.url, tmp_path), ids, interval=3600))
    stop, task = await run_in_background(fleet)
    try:
        assert await asyncio.to_thread(building.wait, WAIT)
        stop.set()  # cancels the starting while the batch [A, B, C] is being built
        assert await asyncio.to_thread(stops[0].wait, WAIT)
        release.set()
        snapshot = await asyncio.wait_for(task, WAIT)
        assert sorted(closed) == ["A", "B"] and fleet.members == []
        assert created == ["A", "B"]  # C: never built
        assert snapshot.started == 0
    finally:
        release.set()


async def test_a_fleet_member_closes_once(loopback_csms: LoopbackCsms, tmp_path: Path) -> None:
    # A stopping fleet may close a member a cancelled start closed already.
    member = create_member(spec_for(loopback_csms.url, tmp_path), "ONCE")
    closes: list[None] = []
    real_close = member.core.close

    async def counted_close() -> None:
        closes.append(None)
        await real_close()

    member.core.close = counted_close  # type: ignore[method-assign]
    await member.close()
    await member.close()
    assert len(closes) == 1 and member.closed


@pytest.mark.parametrize(("ramp", "collected_while_building"), [(0.0, False), (0.02, True)])
async def test_the_collector_pauses_while_a_fleet_starts_at_once(
    loopback_csms: LoopbackCsms,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ramp: float,
    collected_while_building: bool,
) -> None:
    """Without a ramp, building the members runs without garbage collection; it runs again
    once they are started. With a ramp it is never paused."""
    import gc

    from everest_py.ocpp16.fleet import runner as runner_module

    seen: list[bool] = []
    create = runner_module.create_member

    def recording_create(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return create(*args)

    monkeypatch.setattr(runner_module, "create_member", recording_create)
    plan = FleetPlan(spec_for(loopback_csms.url, tmp_path), ["A", "B", "C"], ramp, interval=3600)
    fleet = Fleet(plan)
    stop, task = await run_in_background(fleet)
    try:
        await asyncio.wait_for(fleet.wait_booted(), WAIT)
        assert seen == [collected_while_building] * 3
        assert gc.isenabled()
    finally:
        stop.set()
        await asyncio.wait_for(task, WAIT)


async def test_a_fleet_stopped_while_it_starts_turns_the_collector_back_on(
    loopback_csms: LoopbackCsms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from everest_py.ocpp16.fleet import runner as runner_module

    building, release = threading.Event(), threading.Event()
    create = runner_module.create_member

    def held_create(*args: Any) -> Any:
        building.set()
        release.wait(WAIT)
        return create(*args)

    monkeypatch.setattr(runner_module, "create_member", held_create)
    fleet = Fleet(FleetPlan(spec_for(loopback_csms.url, tmp_path), ["A", "B"], interval=3600))
    stop, task = await run_in_background(fleet)
    try:
        assert await asyncio.to_thread(building.wait, WAIT)
        assert not gc.isenabled()  # paused while the members are built
        stop.set()  # cancels the starting half-way
        release.set()
        await asyncio.wait_for(task, WAIT)
        assert gc.isenabled()
    finally:
        release.set()
        gc.enable()  # never leave the test process without a collector


# --- up-front checks, bad inputs and exit codes -----------------------------------------------


def _fleet_main(monkeypatch: pytest.MonkeyPatch, *flags: str) -> int:
    """`main` for a fleet that must be refused before it runs (running fails the test)."""
    from everest_py.ocpp16.cli import main
    from everest_py.ocpp16.fleet import command

    def must_not_run(*_: Any, **__: Any) -> int:
        raise AssertionError("the fleet started")

    monkeypatch.setattr(command, "run_here", must_not_run)
    monkeypatch.setattr(command, "supervise", must_not_run)
    return main(["fleet", "--csms", "ws://127.0.0.1:9/ocpp", *flags])


@pytest.mark.parametrize(
    ("config", "data_dir", "message"),
    [
        ("configuration: {HeartbeatInterval: abc}\n", "data",
         "fleet.yaml: configuration: HeartbeatInterval: 'abc' is not an integer"),
        ("configuration: {Nope: 1}\n", "data", "fleet.yaml: configuration: unknown key 'Nope'"),
        ("{}\n", "a-file", "a-file/CP00001: cannot create the data directory: Not a directory"),
        ("data_dir: 5\n", None, "data_dir (--data-dir): input is not a valid path"),
        ("data_dir: [a, b]\n", None, "data_dir (--data-dir): input is not a valid path"),
    ],
)  # fmt: skip
def test_the_first_member_is_checked_fully_before_anything_starts(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: str,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: str | None,
    message: str,
) -> None:
    (tmp_path / "a-file").write_text("")
    (tmp_path / "fleet.yaml").write_text(config)
    flags = ["--count", "3", "--config", str(tmp_path / "fleet.yaml")]
    if data_dir is not None:
        flags += ["--data-dir", str(tmp_path / data_dir)]
    assert _fleet_main(monkeypatch, *flags) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert err.startswith("ocpp16-charge-point fleet: ") and "Traceback" not in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file", "fleet.yaml"]


@pytest.mark.parametrize(
    ("pattern", "count", "message"),
    [("CP{n.x}", 3, "AttributeError"), ("CP{n[0]}", 3, "TypeError"),
     ("CP{n!s:.1}", 20, "n=1 and n=10 both give 'CP1'; every id must differ")],
)  # fmt: skip
def test_id_patterns_that_fail_or_repeat_an_id_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pattern: str,
    count: int,
    message: str,
) -> None:
    flags = ["--count", str(count), "--id-pattern", pattern, "--data-dir", str(tmp_path)]
    assert _fleet_main(monkeypatch, *flags) == 2
    err = capsys.readouterr().err
    assert f"id pattern {pattern!r}" in err and message in err, err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [("--summary-interval", "0", "must be more than 0 seconds"),
     ("--summary-interval", "-1", "0 or more"), ("--processes", "-1", "must be 0 or more")],
)  # fmt: skip
def test_a_zero_interval_and_negative_processes_are_refused(
    capsys: pytest.CaptureFixture[str], flag: str, value: str, message: str
) -> None:
    from everest_py.ocpp16.cli import parser

    with pytest.raises(SystemExit) as exited:  # parsing only: nothing runs, even without a check
        parser().parse_args(["fleet", "--count", "2", flag, value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {flag}: {value}: " in err and message in err, err


def test_the_config_files_log_level_applies_unless_the_flag_overrides_it(tmp_path: Path) -> None:
    from everest_py.ocpp16.cli import parser
    from everest_py.ocpp16.fleet.command import fleet_options

    config = tmp_path / "fleet.yaml"
    config.write_text("log_level: info\n")
    common = ["fleet", "--csms", "ws://127.0.0.1:9/ocpp", "--count", "2"]

    def level(*flags: str) -> str:
        return fleet_options(parser().parse_args([*common, *flags])).log_level

    assert level("--config", str(config)) == "INFO"
    assert level("--config", str(config), "--log-level", "error") == "ERROR"
    assert level() == "WARNING"


def test_a_fleet_whose_members_all_fail_to_start_ends_with_code_1(tmp_path: Path) -> None:
    """The check passes (flags and config are fine), but every member's state file is damaged:
    the fleet ends by itself, reports it, and exits non-zero."""
    for name in ("CP00001", "CP00002"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "charge-point-state.json").write_text("{broken")
    done = subprocess.run(
        [sys.executable, "-m", "everest_py.ocpp16", "fleet", "--csms", "ws://127.0.0.1:9/ocpp",
         "--count", "2", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=6 * WAIT, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "failed to start 2" in done.stdout
    assert "none of the 2 charge points could start" in done.stderr


# --- worker processes: the supervisor's totals, a lost worker, a lost supervisor --------------


def _children(pid: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


async def _start_supervisor(url: str, data: Path, count: int, processes: int) -> Any:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "fleet", "--csms", url,
        "--count", str(count), "--processes", str(processes), "--data-dir", str(data),
        "--summary-interval", "0.05",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip


async def _summary_until(process: Any, wanted: Any) -> re.Match[str]:
    """Summary lines until one `wanted(match)` accepts; every one of them counts all ids."""
    while True:
        line = (await process.stdout.readline()).decode()
        assert line, "the fleet ended early"
        match = SUMMARY_LOST.match(line.strip())
        assert match is not None, line
        if wanted(match):
            return match


SUMMARY_LOST = re.compile(
    r"^fleet \d+\.\ds: connected (\d+)/(\d+) booted (\d+)/(\d+) pending \d+ errors \d+"
    r"( failed \d+)?( lost (\d+))? msg/s \d+\.\d$"
)


async def test_a_killed_worker_counts_its_members_lost_and_the_fleet_exits_1(
    loopback_csms: LoopbackCsms, tmp_path: Path
) -> None:
    process = await _start_supervisor(loopback_csms.url, tmp_path / "data", 4, 2)
    try:
        async with asyncio.timeout(6 * WAIT):
            # Every line counts the fleet's 4, reported or not.
            first = await _summary_until(process, lambda _: True)
            assert (first.group(2), first.group(4)) == ("4", "4")
            await _summary_until(process, lambda m: m.group(3) == "4")
            workers = _children(process.pid)
            assert len(workers) == 2
            os.kill(workers[0], signal.SIGKILL)
            lost = await _summary_until(process, lambda m: m.group(7) is not None)
            assert (lost.group(1), lost.group(3), lost.group(7)) == ("2", "2", "2")
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            rest, stderr = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 1
    assert "not all booted (2/4 at the end)" in rest.decode()
    assert "lost with their worker process 2" in rest.decode()
    assert f"worker {workers[0]} (charge points 1..2 of the fleet) ended with code -9" in (
        stderr.decode()
    )


async def test_workers_stop_when_their_supervisor_is_killed(
    loopback_csms: LoopbackCsms, tmp_path: Path
) -> None:
    process = await _start_supervisor(loopback_csms.url, tmp_path / "data", 2, 2)
    watched: list[int] = []
    try:
        async with asyncio.timeout(6 * WAIT):
            await _summary_until(process, lambda m: m.group(3) == "2")
        workers = _children(process.pid)
        assert len(workers) == 2
        watched = [os.pidfd_open(pid) for pid in workers]
        process.kill()
        await process.wait()
        loop = asyncio.get_running_loop()
        for descriptor in watched:  # readable once that process has ended
            ended = loop.create_future()
            loop.add_reader(descriptor, ended.set_result, None)
            try:
                async with asyncio.timeout(3 * WAIT):
                    await ended
            finally:
                loop.remove_reader(descriptor)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        for descriptor in watched:  # a worker left behind (without the fix) is killed
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(descriptor, signal.SIGKILL)
            os.close(descriptor)
