"""What OCPP 1.6 §4.2 allows while the registration is not Accepted, and how the charge point
reconnects to a CSMS that drops it: the loopback CSMS answering BootNotification as told."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from ocpp.v16 import call

from everest_py.ocpp16 import Registration
from everest_py.ocpp16.charging import ChargingStation
from everest_py.ocpp16.ocpp import Backoff
from tests.impl.charging_fakes import station
from tests.impl.csms import WAIT, Csms


@pytest.mark.parametrize("status", ["Pending", "Rejected"])
async def test_no_clock_aligned_meter_values_before_the_registration_is_accepted(
    csms: Csms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    """§4.2: Pending, the charge point sends no request of its own unless triggered;
    Rejected, no message at all until the interval has passed."""
    csms.boot_answers = [(status, 30), ("Accepted", 3600)]
    boundaries = asyncio.Condition()
    passed = [0]
    send = ChargingStation._send_clock_aligned

    async def counted(self: ChargingStation, stamp: str) -> None:
        await send(self, stamp)
        async with boundaries:
            passed[0] += 1
            boundaries.notify_all()

    monkeypatch.setattr(ChargingStation, "_send_clock_aligned", counted)
    configuration = {"ClockAlignedDataInterval": "1"}
    async with station(csms.url, tmp_path, configuration=configuration) as site:
        await site.core.session.wait_registration(Registration(status))
        site.evses[0].publish_meter(10)
        async with asyncio.timeout(WAIT), boundaries:
            await boundaries.wait_for(lambda: passed[0] >= 2)
        assert csms.actions("MeterValues") == []
        if status == "Pending":  # once Accepted (a triggered boot), they go out
            await csms.call(call.TriggerMessage(requested_message="BootNotification"))
            await csms.wait_action("MeterValues")


async def test_remote_start_and_stop_are_rejected_while_pending(csms: Csms, tmp_path: Path) -> None:
    """§4.2: "While in pending state, the following Central System initiated messages are not
    allowed: RemoteStartTransaction.req and RemoteStopTransaction.req" (libocpp: Rejected)."""
    csms.boot_answers = [("Pending", 30)]
    async with station(csms.url, tmp_path) as site:
        await site.core.session.wait_registration(Registration.PENDING)
        start = call.RemoteStartTransaction(id_tag="TAG1", connector_id=1)
        assert (await csms.call(start)).status == "Rejected"
        stop = call.RemoteStopTransaction(transaction_id=1)
        assert (await csms.call(stop)).status == "Rejected"
        assert all(name != "stop_transaction" for name, _ in site.evses[0].commands)
        assert site.auth.tokens == []


async def test_a_triggered_boot_goes_out_before_any_boot_was_answered(
    csms: Csms, tmp_path: Path
) -> None:
    """The first BootNotification got a CALLERROR: the registration is none yet, and the
    boot loop waits its retry interval. TriggerMessage(BootNotification) is Accepted, so the
    BootNotification goes out now (§5.17: accepted messages SHOULD be sent)."""
    csms.loopback.script.fail("BootNotification", "InternalError", once=True)
    async with station(csms.url, tmp_path, boot_retry_interval=600) as site:
        await csms.wait_action("BootNotification")
        assert site.core.session.registration is Registration.NONE
        trigger = call.TriggerMessage(requested_message="BootNotification")
        assert (await csms.call(trigger)).status == "Accepted"
        await csms.wait_action("BootNotification", 2)
        await site.core.session.wait_registration(Registration.ACCEPTED)


async def test_the_back_off_grows_when_the_csms_drops_each_connection_at_once(
    csms: Csms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSMS that accepts the websocket and closes it right away is not reconnected to at
    the first back-off step each time: a connection that did not hold counts as a failure."""
    steps: list[int] = []
    delay = Backoff.delay

    def recorded(self: Backoff, failures: int) -> float:
        steps.append(failures)
        return 0.0 if failures < 4 else delay(self, failures)

    monkeypatch.setattr(Backoff, "delay", recorded)
    csms.loopback.script.drop_on("BootNotification")
    async with station(csms.url, tmp_path):
        await csms.wait_action("BootNotification", 4)
        assert steps[:3] == [0, 1, 2]
