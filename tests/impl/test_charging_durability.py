"""Transaction messages are never lost: a session while the CSMS is away is delivered in order
with the CSMS's transactionId put in, unanswered messages are sent again (same message id),
CALLERRORs count against TransactionMessageAttempts, and a kill -9 loses nothing."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from everest_py.generated.types.evse_manager import StopTransactionReason
from tests.impl.charging_fakes import Station, station
from tests.impl.csms import WAIT, Csms

REPO = Path(__file__).resolve().parents[2]


async def drained(site: Station) -> None:
    """Wait until the queue is empty (every message answered or given up)."""
    messages = site.core.transaction_messages
    async with asyncio.timeout(WAIT):
        while len(messages.store):
            messages.idle.clear()
            await messages.idle.wait()


async def disconnected(site: Station) -> None:
    lost = asyncio.Event()
    site.core.connected_listeners.append(lambda connected: None if connected else lost.set())
    if site.core.connected:
        async with asyncio.timeout(WAIT):
            await lost.wait()


def unique_id(text: str | bytes) -> str:
    return str(json.loads(text)[1])


async def test_a_session_while_the_csms_is_away(csms: Csms, tmp_path: Path) -> None:
    csms.loopback.script.answer(
        "StartTransaction", {"idTagInfo": {"status": "Accepted"}, "transactionId": 4242}
    )
    config = {"MeterValueSampleInterval": "1"}
    async with station(csms.url, tmp_path, configuration=config) as site:
        evse = site.evses[0]
        await csms.wait_action("StatusNotification", 2)
        await csms.loopback.kill()
        await disconnected(site)
        evse.plug_in()
        evse.start_transaction("OFFLINE")
        await site.queued(1)
        evse.publish_meter(add_wh=100)
        await site.queued(3)  # StartTransaction and two sampled MeterValues
        evse.finish(StopTransactionReason.Local)
        evse.unplug()
        await site.queued(4)
        seen = len(csms.received)
        await csms.loopback.start()
        stop = await csms.loopback.wait_for("StopTransaction", since=seen)
        delivered = [r for r in csms.loopback.calls() if r.seq >= seen and r.action in (
            "StartTransaction", "MeterValues", "StopTransaction")]  # fmt: skip
        actions = [r.action for r in delivered]
        assert actions[0] == "StartTransaction" and actions[-1] == "StopTransaction"
        assert set(actions[1:-1]) == {"MeterValues"} and len(actions) >= 4
        assert all(r.payload["transactionId"] == 4242 for r in delivered[1:])
        assert delivered[0].payload["idTag"] == "OFFLINE"
        assert stop.payload["reason"] == "Local"
        await drained(site)


async def test_an_unanswered_start_is_sent_again_with_its_message_id(
    csms: Csms, tmp_path: Path
) -> None:
    csms.loopback.script.ignore("StartTransaction", once=True)
    config = {"TransactionMessageRetryInterval": "1", "TransactionMessageAttempts": "1"}
    async with station(csms.url, tmp_path, response_timeout=1, configuration=config) as site:
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("SLOW", charge=False)
        second = await csms.wait_action("StartTransaction", 2)
        first = csms.actions("StartTransaction")[0]
        assert unique_id(first.text) == unique_id(second.text)
        evse.finish(StopTransactionReason.Local)
        stop = await csms.wait_action("StopTransaction")
        assert stop.payload["transactionId"] == 1  # a timeout never counts as an attempt


async def test_callerrors_count_and_a_given_up_start_takes_its_messages_along(
    csms: Csms, tmp_path: Path
) -> None:
    csms.loopback.script.fail("StartTransaction", "InternalError")
    config = {"TransactionMessageRetryInterval": "1", "TransactionMessageAttempts": "2"}
    async with station(csms.url, tmp_path, configuration=config) as site:
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("ERR", charge=False)
        evse.finish(StopTransactionReason.Local)
        await csms.wait_action("StartTransaction", 2)
        await drained(site)
        assert len(csms.actions("StartTransaction")) == 2
        assert csms.actions("StopTransaction") == []


CHILD = """
import asyncio, sys
from pathlib import Path
from tests.impl.charging_fakes import station

async def main() -> None:
    url, data = sys.argv[1], Path(sys.argv[2])
    config = {"MeterValueSampleInterval": "1"}
    async with station(url, data, response_timeout=30, configuration=config) as site:
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("KILLED")
        messages = site.core.transaction_messages
        while len(messages.store) < 3:
            messages.queued.clear()
            await messages.queued.wait()
        print("QUEUED", flush=True)
        await asyncio.Event().wait()

asyncio.run(main())
"""


async def test_kill_9_during_a_transaction_loses_nothing(csms: Csms, tmp_path: Path) -> None:
    csms.loopback.script.ignore("StartTransaction")  # nothing answered before the kill
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD))
    data = tmp_path / "data"
    child = await asyncio.create_subprocess_exec(
        sys.executable, str(script), csms.url, str(data),
        cwd=REPO, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert child.stdout is not None
    async with asyncio.timeout(30):
        line = await child.stdout.readline()
    assert line.strip() == b"QUEUED"
    child.send_signal(signal.SIGKILL)
    await child.wait()
    before = await csms.wait_action("StartTransaction")
    csms.loopback.script.forget("StartTransaction")
    seen = len(csms.received)
    async with station(csms.url, data) as site:
        start = await csms.loopback.wait_for("StartTransaction", since=seen)
        assert unique_id(start.text) == unique_id(before.text)
        assert start.payload["idTag"] == "KILLED"
        meter_values = await csms.loopback.wait_for("MeterValues", count=2, since=seen)
        assert meter_values.payload["transactionId"] == 1
        # Not resumed: stopped as after a power loss, with the last reading queued.
        stop = await csms.loopback.wait_for("StopTransaction", since=seen)
        assert (stop.payload["transactionId"], stop.payload["reason"]) == (1, "PowerLoss")
        assert stop.payload["meterStop"] == 1000
        await drained(site)
