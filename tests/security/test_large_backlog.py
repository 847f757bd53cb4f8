"""100,000 security events queued while the CSMS is offline.

All 100,000 are delivered at the store + delivery level (the library's delivery task sending
OCPP-J CALLs over a real websocket to a loopback CSMS): through the whole charge point this
would take about 45 s at its measured ~2,300 events/s (bench/bench_security.py), too long for
the suite. The charge point itself is shown to start with such a backlog and deliver it from the
oldest event on, in order.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

from websockets.asyncio.client import connect

from impl.security.delivery import DeliveryResult, SecurityEventDelivery
from impl.security.store import QueuedSecurityEvent, SecurityEventStore

from .csms import ScriptedCsms
from .test_e2e_faults import make_core

TAMPER = "TamperDetectionActivated"
BACKLOG = 100_000
WAIT = 90.0


def fill(store: SecurityEventStore, count: int) -> None:
    now = datetime.now(UTC)
    for start in range(0, count, 10_000):
        store.enqueue_many((TAMPER, str(n), now) for n in range(start, start + 10_000))


async def test_100000_events_queued_offline_are_all_delivered_in_order(tmp_path: Path) -> None:
    csms = ScriptedCsms()
    await csms.start()
    await csms.kill()  # offline while the events are queued
    store = SecurityEventStore(tmp_path / "events.sqlite")
    fill(store, BACKLOG)
    assert len(store) == BACKLOG
    await csms.start()
    try:
        async with connect(csms.url + "/CP_BULK", subprotocols=["ocpp1.6"]) as link:  # type: ignore[list-item]

            async def send(event: QueuedSecurityEvent) -> DeliveryResult:
                payload = {
                    "type": event.type,
                    "timestamp": event.timestamp.isoformat(),
                    "techInfo": event.tech_info,
                }
                await link.send(
                    json.dumps([2, event.message_id, "SecurityEventNotification", payload])
                )
                answer = json.loads(await link.recv())
                return DeliveryResult.DELIVERED if answer[0] == 3 else DeliveryResult.CALL_ERROR

            delivery = SecurityEventDelivery(
                store, send, attempts=lambda: 3, retry_interval=lambda: 1.0
            )
            task = asyncio.create_task(delivery.run())
            delivery.online(True)
            await csms.wait(lambda: len(csms.events) >= BACKLOG, WAIT)
            await asyncio.wait_for(delivery.idle.wait(), WAIT)
            await delivery.stop()
            await task
        assert [event.tech_info for event in csms.events] == [str(n) for n in range(BACKLOG)]
        assert len(store) == 0
    finally:
        store.close()
        await csms.close()


async def test_the_charge_point_starts_with_a_100000_event_backlog_and_sends_oldest_first(
    tmp_path: Path,
) -> None:
    with SecurityEventStore(tmp_path / "security-events.sqlite") as store:
        fill(store, BACKLOG)
    csms = ScriptedCsms()
    await csms.start()
    core = make_core(csms.url, tmp_path)
    assert core.security.queued == BACKLOG
    await core.start()
    try:
        await csms.wait(lambda: len(csms.infos(TAMPER)) >= 1_000)
        assert csms.infos(TAMPER)[:1_000] == [str(n) for n in range(1_000)]
        assert core.security.queued < BACKLOG + 1  # + StartupOfTheDevice, queued last
    finally:
        await core.close()
        await csms.close()
