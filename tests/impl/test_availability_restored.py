"""Unavailable persists a reboot (OCPP 1.6 §5.2): the EVSEs are told the stored availability
again at start and after the station rebooted them, and a ChangeAvailability answered
Scheduled is stored with it, so a restart mid-transaction still applies it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ocpp.v16 import call

from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.configuration import StateFile
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.ocpp16.simulation.auth import TokenResult
from tests.impl.charging_fakes import charging_with_inoperative_scheduled, station
from tests.impl.csms import WAIT, Csms


async def test_the_stored_availability_is_told_to_the_evses_at_start(
    csms: Csms, tmp_path: Path
) -> None:
    async with station(csms.url, tmp_path, connectors=3) as site:
        await csms.wait_action("StatusNotification", 4)
        for connector, kind in ((1, "Inoperative"), (2, "Inoperative"), (2, "Operative")):
            answer = await csms.call(call.ChangeAvailability(connector_id=connector, type=kind))
            assert answer.status == "Accepted"
        assert await site.evses[0].wait_command("enable_disable") == "Disable"
        assert await site.evses[1].wait_command("enable_disable", 2) == "Enable"
    seen = csms.loopback.recording.next_seq
    async with station(csms.url, tmp_path, connectors=3) as site:
        # Told before the charge point even connects: nothing charges on connector 1.
        assert site.evses[0].commands == [("enable_disable", "Disable")]
        assert site.evses[1].commands == [("enable_disable", "Enable")]
        assert site.evses[2].commands == []  # never changed: left alone
        await csms.wait_for(lambda: csms.status_is(3, "Available", seen), what="statuses")
        assert csms.statuses(1, seen) == ["Unavailable"]
        assert csms.statuses(2, seen) == ["Available"]


async def test_a_scheduled_change_survives_a_restart_mid_transaction(
    csms: Csms, tmp_path: Path
) -> None:
    async with station(csms.url, tmp_path, connectors=2) as site:
        await charging_with_inoperative_scheduled(csms, site)
        # The process ends here, its transaction still running.
    seen = csms.loopback.recording.next_seq
    async with station(csms.url, tmp_path, connectors=2) as site:
        # The transaction was stopped (PowerLoss) and the change applied before the EVSEs
        # were told their availability.
        assert site.evses[0].commands == [("enable_disable", "Disable")]
        assert site.evses[1].commands == [("enable_disable", "Disable")]
        stop = await csms.wait_action("StopTransaction")
        assert stop.payload["reason"] == "PowerLoss"
        await csms.wait_for(lambda: csms.status_is(1, "Unavailable", seen), what="statuses")
        assert csms.statuses(1, seen) == ["Unavailable"]
    stored = StateFile(tmp_path)
    stored.load()
    assert stored.availability == {"0": "Inoperative", "1": "Inoperative", "2": "Inoperative"}
    assert stored.scheduled_availability == {}


def test_scheduled_availability_is_kept_in_the_state_file(tmp_path: Path) -> None:
    state = StateFile(tmp_path)
    state.load()
    state.availability["0"] = "Inoperative"
    state.save()  # the first write of a process: a snapshot
    state.scheduled_availability["1"] = "Inoperative"
    state.save()  # a journal line
    state.close()
    again = StateFile(tmp_path)
    again.load()
    assert again.scheduled_availability == {"1": "Inoperative"}
    again.scheduled_availability["2"] = "Operative"
    again.save()  # the snapshot of this process holds it
    del again.scheduled_availability["1"]
    again.save()  # a journal line removing "1"
    again.close()
    last = StateFile(tmp_path)
    last.load()
    assert last.scheduled_availability == {"2": "Operative"}
    assert last.availability == {"0": "Inoperative"}
    last.close()


async def test_an_inoperative_connector_stays_disabled_across_a_reset(tmp_path: Path) -> None:
    csms = LoopbackCsms()
    await csms.start()
    cp_id = "SIM-RESET"
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": cp_id, "data_dir": str(tmp_path),
         "connectors": 2},
        {}, "test",
    )  # fmt: skip
    charge_point = SimulatedChargePoint(settings)
    await charge_point.start()
    # Set once the charge point's own reboot hook has done its work.
    own_hook, rebooted = charge_point.station.on_reboot, asyncio.Event()
    assert own_hook is not None

    async def on_reboot(reset: object) -> None:
        await own_hook(reset)  # type: ignore[arg-type]
        rebooted.set()

    charge_point.station.on_reboot = on_reboot
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        answer = await csms.call(
            cp_id, "ChangeAvailability", {"connectorId": 2, "type": "Inoperative"}
        )
        assert answer == {"status": "Accepted"}
        assert await csms.call(cp_id, "Reset", {"type": "Soft"}) == {"status": "Accepted"}
        async with asyncio.timeout(WAIT):
            await rebooted.wait()
        assert charge_point.station.reboots == 1
        assert not charge_point.station.evse(2).state.enabled
        assert charge_point.station.evse(1).state.enabled
        inoperative = charge_point.station.evse(2)
        await inoperative.plug_in()
        assert await inoperative.present_tag("DRIVER") is TokenResult.NO_CONNECTOR_AVAILABLE
        assert csms.calls("StartTransaction") == []
    finally:
        await charge_point.close()
        await csms.close()
