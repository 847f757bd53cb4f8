"""A fleet's storage: every member's stores write on a few shared writer threads, yet each member
keeps its own data (apart from the others', across a restart and a kill -9); the stores a
member never needed are never created."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.fleet import Fleet, FleetPlan, MemberSpec
from everest_py.ocpp16.fleet.runner import WRITER_THREADS
from tests.impl.csms import WAIT

REPO = Path(__file__).resolve().parents[2]
IDS = ["A", "B", "C"]
TAMPER = "TamperDetectionActivated"  # critical: queued for the CSMS
NOTIFICATION = "SecurityEventNotification"

# A fleet whose CSMS never answers SecurityEventNotification: each member records an event
# naming itself, says QUEUED once every event is on disk, and waits to be killed.
CHILD = """
import asyncio, sys
from pathlib import Path
from everest_py.ocpp16.fleet import Fleet, FleetPlan, MemberSpec

async def main() -> None:
    spec = MemberSpec({}, {"csms_url": sys.argv[1]}, Path(sys.argv[2]))
    fleet = Fleet(FleetPlan(spec, sys.argv[3].split(","), interval=3600))
    running = asyncio.create_task(fleet.run(asyncio.Event(), lambda snapshot: None))
    await fleet.wait_booted()
    for member in fleet.members:
        member.core.security_event("TamperDetectionActivated", "from " + member.charge_point_id)
    for member in fleet.members:
        await member.core.security.durable()
    print("QUEUED", flush=True)
    await running

asyncio.run(main())
"""


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    async with LoopbackCsms() as running:
        yield running


async def run_fleet(
    csms: LoopbackCsms, data: Path, ids: list[str]
) -> tuple[Fleet, asyncio.Event, asyncio.Task[object]]:
    fleet = Fleet(FleetPlan(MemberSpec({}, {"csms_url": csms.url}, data), ids, interval=3600))
    stop = asyncio.Event()
    task: asyncio.Task[object] = asyncio.create_task(fleet.run(stop, lambda snapshot: None))
    async with asyncio.timeout(WAIT):
        await fleet.wait_booted()
    return fleet, stop, task


async def test_members_write_on_shared_threads_and_create_only_the_stores_they_need(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    ids = [f"CP{n}" for n in range(20)]
    threads_before = threading.active_count()
    _, stop, task = await run_fleet(csms, tmp_path, ids)
    try:
        await csms.wait_until(lambda: len(csms.calls(NOTIFICATION)) == len(ids))
        shared = [t for t in threading.enumerate() if t.name.startswith("fleet-storage-writer-")]
        assert 0 < len(shared) <= WRITER_THREADS
        # A few shared threads (and the loop's executor), not three per member.
        assert threading.active_count() - threads_before < len(ids)
        assert not [t for t in threading.enumerate() if str(tmp_path) in t.name]
        for charge_point_id in ids:
            files = {path.name for path in (tmp_path / charge_point_id).iterdir()}
            assert "security-events.sqlite" in files
            # No local list, no cached idTag, no transaction: nothing to keep yet.
            assert "authorization.sqlite" not in files and "transactions.sqlite" not in files
    finally:
        stop.set()
        async with asyncio.timeout(WAIT):
            await task


async def test_each_member_keeps_its_own_queue_across_a_kill_9(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    csms.script.ignore(NOTIFICATION)  # nothing delivered (removed) before the kill
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD))
    data = tmp_path / "data"
    child = await asyncio.create_subprocess_exec(
        sys.executable, str(script), csms.url, str(data), ",".join(IDS),
        cwd=REPO, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert child.stdout is not None
    try:
        async with asyncio.timeout(30):
            line = await child.stdout.readline()
        assert line.strip() == b"QUEUED"
    finally:
        child.send_signal(signal.SIGKILL)
        await child.wait()
    csms.script.forget(NOTIFICATION)
    seen = len(csms.received)

    _, stop, task = await run_fleet(csms, data, IDS)
    try:
        for charge_point_id in IDS:
            # Queued by the killed fleet: its start-up and its tamper event, then this start-up.
            await csms.wait_for(NOTIFICATION, count=3, cp_id=charge_point_id, since=seen)
        for charge_point_id in IDS:
            delivered = [
                call.payload
                for call in csms.calls(NOTIFICATION, cp_id=charge_point_id)
                if call.seq >= seen
            ]
            tampers = [p["techInfo"] for p in delivered if p["type"] == TAMPER]
            assert tampers == [f"from {charge_point_id}"]  # its own event, no other member's
            assert delivered[-1]["type"] == "StartupOfTheDevice"
            assert delivered[1]["type"] == TAMPER  # in the order recorded
    finally:
        stop.set()
        async with asyncio.timeout(WAIT):
            await task
