"""A StatusNotification never overtakes a transaction message queued before the status changed,
also when both waited for a reconnect or a boot (Charging after its StartTransaction, Finishing
after its StopTransaction); a status with nothing queued before it is not held back, and a
transaction message that keeps failing holds the statuses behind it for its first try only."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from ocpp.v16.enums import ChargePointStatus

from everest_py.generated.types.evse_manager import StopTransactionReason
from tests.impl.charging_fakes import Station, station
from tests.impl.csms import WAIT, Csms, Received


async def status_is(site: Station, connector: int, status: ChargePointStatus) -> None:
    """Wait until the charge point holds `connector` in `status` (reported or not)."""
    connectors = site.core.connectors
    changed = asyncio.Event()
    listener = lambda _connector: changed.set()  # noqa: E731
    connectors.listeners.append(listener)
    try:
        async with asyncio.timeout(WAIT):
            while connectors.status(connector) != status:
                changed.clear()
                await changed.wait()
    finally:
        connectors.listeners.remove(listener)


async def offline(csms: Csms, site: Station) -> None:
    lost = asyncio.Event()
    site.core.connected_listeners.append(lambda connected: None if connected else lost.set())
    await csms.loopback.kill()
    if site.core.connected:
        async with asyncio.timeout(WAIT):
            await lost.wait()


def is_status(connector: int, status: str | None = None) -> Callable[[Received], bool]:
    def matches(received: Received) -> bool:
        payload = received.payload
        return payload["connectorId"] == connector and status in (None, payload["status"])

    return matches


def statuses_since(csms: Csms, since: int, connector: int) -> list[Received]:
    return [
        r for r in csms.loopback.calls("StatusNotification")
        if r.seq >= since and r.payload["connectorId"] == connector
    ]  # fmt: skip


async def test_a_session_started_offline_reports_charging_after_its_start_transaction(
    csms: Csms, tmp_path: Path
) -> None:
    # The first StartTransaction after the reconnect stays unanswered (30 s response timeout).
    csms.loopback.script.ignore("StartTransaction", once=True)
    async with station(csms.url, tmp_path, connectors=2, response_timeout=30) as site:
        await csms.wait_action("StatusNotification", 3)
        await offline(csms, site)
        site.evses[1].plug_in()  # connector 2: Preparing, with nothing queued before it
        await status_is(site, 2, ChargePointStatus.preparing)
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("OFFLINE")
        await site.queued(1)
        await status_is(site, 1, ChargePointStatus.charging)
        seen = csms.loopback.recording.next_seq
        await csms.loopback.start()
        await csms.loopback.wait_for("StartTransaction", since=seen)
        await csms.loopback.wait_for("StatusNotification", is_status(2, "Preparing"), since=seen)
        # Connector 2 went at once; connector 1's Charging waits for its StartTransaction.
        assert statuses_since(csms, seen, 1) == []

        # The CSMS hangs up: the StartTransaction goes again, answered now, then Charging.
        again = csms.loopback.recording.next_seq
        await csms.drop_connections()
        start = await csms.loopback.wait_for("StartTransaction", since=again)
        charging = await csms.loopback.wait_for(
            "StatusNotification", is_status(1, "Charging"), since=seen
        )
        assert charging.seq > start.seq
        assert [r.payload["status"] for r in statuses_since(csms, seen, 1)] == ["Charging"]


async def test_finishing_follows_a_stop_transaction_sent_again_after_a_dropped_connection(
    csms: Csms, tmp_path: Path
) -> None:
    async with station(csms.url, tmp_path) as site:
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("T1")
        await csms.loopback.wait_for("StatusNotification", is_status(1, "Charging"))
        csms.loopback.script.drop_on("StopTransaction", once=True)
        seen = csms.loopback.recording.next_seq
        evse.finish(StopTransactionReason.Local)
        resent = await csms.loopback.wait_for("StopTransaction", count=2, since=seen)
        finishing = await csms.loopback.wait_for(
            "StatusNotification", is_status(1, "Finishing"), since=seen
        )
        assert finishing.seq > resent.seq


async def stopped_with_messages_queued(csms: Csms, data: Path, finished: bool) -> int:
    """A run that goes offline, starts a transaction (and with `finished` ends it) and stops
    with its messages still queued; the CSMS listens again. Returns the recording's position
    from which the next run's frames count."""
    async with station(csms.url, data) as site:
        await csms.wait_action("StatusNotification", 2)
        await offline(csms, site)
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("TAG")
        if finished:
            evse.finish(StopTransactionReason.Local)
        await site.queued(2 if finished else 1)  # StartTransaction (and StopTransaction)
    seen: int = csms.loopback.recording.next_seq
    await csms.loopback.start()
    return seen


@pytest.mark.parametrize(("finished", "reason"), [(False, "PowerLoss"), (True, "Local")])
async def test_after_a_restart_the_boot_statuses_follow_the_queued_transaction_messages(
    csms: Csms, tmp_path: Path, finished: bool, reason: str
) -> None:
    # A transaction left running is stopped at start (PowerLoss, not resumed); one that ended
    # offline has its StopTransaction queued: either way the statuses come after.
    data = tmp_path / "data"
    seen = await stopped_with_messages_queued(csms, data, finished)
    async with station(csms.url, data):
        boot = await csms.loopback.wait_for("BootNotification", since=seen)
        start = await csms.loopback.wait_for("StartTransaction", since=seen)
        stop = await csms.loopback.wait_for("StopTransaction", since=seen)
        assert stop.payload["reason"] == reason
        for connector in (0, 1):
            status = await csms.loopback.wait_for(
                "StatusNotification", is_status(connector), since=seen
            )
            assert boot.seq < start.seq < stop.seq < status.seq


async def test_a_failing_start_transaction_holds_charging_for_its_first_try_only(
    csms: Csms, tmp_path: Path
) -> None:
    config = {"TransactionMessageAttempts": "3", "TransactionMessageRetryInterval": "60"}
    async with station(csms.url, tmp_path, configuration=config) as site:
        await csms.wait_action("StatusNotification", 2)
        await offline(csms, site)
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("REFUSED")
        await site.queued(1)
        await status_is(site, 1, ChargePointStatus.charging)
        csms.loopback.script.fail("StartTransaction", "InternalError")
        seen = csms.loopback.recording.next_seq
        await csms.loopback.start()
        charging = await csms.loopback.wait_for(
            "StatusNotification", is_status(1, "Charging"), since=seen
        )
        starts = [r for r in csms.loopback.calls("StartTransaction") if r.seq >= seen]
        # Sent once and refused; its next attempt is a minute away: Charging did not wait.
        assert len(starts) == 1 and starts[0].seq < charging.seq
