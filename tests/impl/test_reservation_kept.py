"""Reservations outlive a simulated reboot (Reset) and a restart of the process: the simulated
Auth keeps them in <data dir>/simulation/reservations.json and places them again when it starts,
as EVerest's Auth reloads them from its kvs; one whose expiry passed while down ends Expired.
The schema-validating loopback CSMS against `SimulatedChargePoint`."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from everest_py.generated.interfaces.reservation import ReservationClient
from everest_py.generated.types import reservation as _reservation
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.ocpp16.simulation.auth import TokenResult
from everest_py.ocpp16.simulation.everest_modules import kept_reservations_from_config
from everest_py.ocpp16.simulation.reservation_file import KeptReservations
from everest_py.runtime import Module
from tests.impl.test_reservation import NOW, START_ANSWER, WAIT, MovableClock, reserve

CP_ID = "KEPT-CP-1"


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    server.script.answer("StartTransaction", START_ANSWER)
    await server.start()
    yield server
    await server.close()


def charge_point(csms: LoopbackCsms, data_dir: Path, clock: MovableClock) -> SimulatedChargePoint:
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(data_dir),
         "connectors": 2},
        {}, "test",
    )  # fmt: skip
    made = SimulatedChargePoint(settings)
    made.station.now = clock  # Auth is made at setup, with this clock
    return made


def statuses(csms: LoopbackCsms, connector: int, since: int = 0) -> list[str]:
    return [
        r.payload["status"]
        for r in csms.calls("StatusNotification")
        if r.seq >= since and r.payload["connectorId"] == connector
    ]


async def status_becomes(csms: LoopbackCsms, connector: int, status: str, since: int = 0) -> None:
    await csms.wait_until(lambda: statuses(csms, connector, since)[-1:] == [status], WAIT)


def kept_ids(data_dir: Path) -> list[int]:
    document = json.loads((data_dir / "simulation" / "reservations.json").read_text())
    return [entry["reservation_id"] for entry in document["reservations"]]


async def test_reservations_outlive_a_restart_and_expire_while_down(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    clock = MovableClock()
    first = charge_point(csms, tmp_path, clock)
    await first.start()
    try:
        await status_becomes(csms, 2, "Available")
        assert await csms.call(CP_ID, "ReserveNow", reserve(21, 1)) == {"status": "Accepted"}
        assert await csms.call(CP_ID, "ReserveNow", reserve(22, 2, "SHORT", minutes=5)) == {
            "status": "Accepted"
        }
        await status_becomes(csms, 2, "Reserved")
    finally:
        await first.close()
    assert kept_ids(tmp_path) == [21, 22]  # on disk before ReserveNow was answered

    clock.moment = NOW + timedelta(minutes=6)  # 22 expired while the station was down
    second = charge_point(csms, tmp_path, clock)
    updates: list[_reservation.ReservationUpdateStatus] = []
    probe = Module("probe", second.bus.transport())
    client = probe.require(ReservationClient, module_id="sim_auth", impl_id="reservation")
    client.subscribe_reservation_update(updates.append)
    await probe.start()
    since = csms.recording.next_seq
    await second.start()
    try:
        await status_becomes(csms, 1, "Reserved", since)
        await status_becomes(csms, 2, "Available", since)
        assert [(u.reservation_id, u.reservation_status.value) for u in updates] == [
            (21, "Placed"),
            (22, "Expired"),
        ]
        assert kept_ids(tmp_path) == [21]
        assert await csms.call(CP_ID, "CancelReservation", {"reservationId": 22}) == {
            "status": "Rejected"
        }
        # 21 is in force again: only its tag charges at connector 1.
        evse = second.station.evse(1)
        await evse.plug_in()
        assert await evse.present_tag("OTHER") is TokenResult.REJECTED
        assert await evse.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        start = await csms.wait_for("StartTransaction", timeout=WAIT)
        assert start.payload["reservationId"] == 21
        assert kept_ids(tmp_path) == []  # used up: gone from the file too
        assert list(csms.violations) == []
    finally:
        await second.close()
        await probe.stop()


async def test_a_reservation_outlives_a_simulated_reboot(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    clock = MovableClock()
    rebooting = charge_point(csms, tmp_path, clock)
    await rebooting.start()
    try:
        await status_becomes(csms, 1, "Available")
        assert await csms.call(CP_ID, "ReserveNow", reserve(31, 1)) == {"status": "Accepted"}
        await status_becomes(csms, 1, "Reserved")
        assert await csms.call(CP_ID, "Reset", {"type": "Soft"}) == {"status": "Accepted"}
        second_boot = await csms.wait_for("BootNotification", count=2, timeout=WAIT)
        await status_becomes(csms, 1, "Reserved", second_boot.seq)
        assert rebooting.station.evse(1).state.reservation_id == 31
        answer = await csms.call(CP_ID, "CancelReservation", {"reservationId": 31})
        assert answer == {"status": "Accepted"}
        await status_becomes(csms, 1, "Available", second_boot.seq)
        assert kept_ids(tmp_path) == []
    finally:
        await rebooting.close()


async def test_a_reservation_that_cannot_be_kept_is_not_made(
    csms: LoopbackCsms, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = MovableClock()
    station = charge_point(csms, tmp_path, clock)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    station.station.kept_reservations = KeptReservations(blocker / "reservations.json")
    await station.start()
    try:
        await status_becomes(csms, 1, "Available")
        with caplog.at_level(logging.ERROR):
            answer = await csms.call(CP_ID, "ReserveNow", reserve(41, 1))
        assert answer == {"status": "Rejected"}
        assert "not-a-folder/reservations.json: cannot write" in caplog.text
        assert station.station.auth.reservations.in_force() == []
        assert station.station.evse(1).state.reservation_id is None
    finally:
        await station.close()


async def test_a_broken_file_is_reported_and_counts_as_empty(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "reservations.json"
    path.write_text("{not json")
    with caplog.at_level(logging.ERROR):
        assert await KeptReservations(path).load() == []
    assert f"{path}: not JSON" in caplog.text
    # One bad entry costs only itself.
    good = {"reservation_id": 1, "id_token": "A", "expiry_time": "2030-01-01T00:00:00Z"}
    path.write_text(json.dumps({"version": 1, "reservations": [good, {"reservation_id": "x"}]}))
    assert [r.reservation_id for r in await KeptReservations(path).load()] == [1]


def test_the_sim_auth_module_keeps_them_where_its_config_says(tmp_path: Path) -> None:
    kept = kept_reservations_from_config({"data_dir": str(tmp_path)})
    assert kept.path == tmp_path / "reservations.json"
    assert kept_reservations_from_config({"data_dir": ""}).path is None
    assert kept_reservations_from_config({}).path is None
