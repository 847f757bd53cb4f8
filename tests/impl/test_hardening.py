"""Hardening of the charge point against CSMS behaviour (issue "Hardening")."""

from __future__ import annotations

import asyncio

from ocpp.v16 import call

from everest_py.ocpp16 import Registration
from everest_py.ocpp16.ocpp.rpc import MAX_FOLLOW_UPS, RpcEndpoint
from tests.impl.conftest import StartChargePoint
from tests.impl.csms import WAIT, Csms


async def test_change_availability_while_pending_sends_no_status_notification(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    csms.boot_answers = [("Pending", 3600), ("Accepted", 3600)]
    core = await start_charge_point(csms.url)
    await asyncio.wait_for(core.session.wait_registration(Registration.PENDING), WAIT)
    answer = await csms.call(call.ChangeAvailability(connector_id=1, type="Inoperative"))
    assert answer.status == "Accepted"
    # A triggered Heartbeat queues behind anything the ChangeAvailability started: once it has
    # arrived, an unsolicited StatusNotification would have too.
    heartbeat = call.TriggerMessage(requested_message="Heartbeat")
    assert (await csms.call(heartbeat)).status == "Accepted"
    await csms.wait_action("Heartbeat")
    assert not csms.actions("StatusNotification")  # OCPP 1.6 4.2: nothing untriggered
    # Once accepted, the statuses of every connector report the change.
    assert (await csms.call(call.TriggerMessage(requested_message="BootNotification"))).status
    await csms.wait_action("StatusNotification", 3)
    statuses = {r.payload["connectorId"]: r.payload["status"] for r in csms.received
                if r.action == "StatusNotification"}  # fmt: skip
    assert statuses == {0: "Available", 1: "Unavailable", 2: "Available"}


class _QuietConnection:
    async def send(self, message: str) -> None:
        pass

    async def recv(self) -> str:
        raise AssertionError("not read in this test")

    def __aiter__(self) -> _QuietConnection:
        return self


async def test_follow_ups_coalesce_by_key_and_are_bounded() -> None:
    endpoint = RpcEndpoint("CP", _QuietConnection(), route=lambda _endpoint, _action: None)

    async def work() -> None:
        pass

    assert endpoint.after_reply(work, key="Heartbeat")
    assert endpoint.after_reply(work, key="Heartbeat")  # coalesced: takes no room
    for _ in range(MAX_FOLLOW_UPS - 1):
        assert endpoint.after_reply(work)
    assert not endpoint.after_reply(work)  # full: the caller refuses the request
    assert not endpoint.after_reply(work, key="BootNotification")
    assert endpoint.after_reply(work, key="Heartbeat")  # already queued: still coalesced
