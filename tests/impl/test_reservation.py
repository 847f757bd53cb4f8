"""Reservation end to end: a schema-validating loopback CSMS drives ReserveNow and
CancelReservation on a charge point whose `reservation` is the simulated station's Auth."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.ocpp16.simulation.auth import TokenResult
from everest_py.runtime.errors import CmdTimeout

WAIT = 20.0
CP_ID = "RESERVE-CP-1"
START_ANSWER = {"idTagInfo": {"status": "Accepted"}, "transactionId": 77}
NOW = datetime.now(UTC).replace(microsecond=0)


class MovableClock:
    def __init__(self) -> None:
        self.moment = NOW

    def __call__(self) -> datetime:
        return self.moment


@dataclasses.dataclass
class Setup:
    csms: LoopbackCsms
    charge_point: SimulatedChargePoint
    clock: MovableClock

    async def call(self, action: str, payload: dict[str, object]) -> dict[str, object]:
        return await self.csms.call(CP_ID, action, payload)

    def statuses(self, connector: int) -> list[str]:
        return [
            r.payload["status"]
            for r in self.csms.calls("StatusNotification")
            if r.payload["connectorId"] == connector
        ]

    async def status_becomes(self, connector: int, status: str) -> None:
        await self.csms.wait_until(lambda: self.statuses(connector)[-1:] == [status], WAIT)


def reserve(
    reservation_id: int, connector: int, id_tag: str = "GOOD", minutes: int = 10, **extra: object
) -> dict[str, object]:
    expiry = (NOW + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")
    return {
        "connectorId": connector,
        "expiryDate": expiry,
        "idTag": id_tag,
        "reservationId": reservation_id,
        **extra,
    }


async def started(csms: LoopbackCsms, connectors: int, tmp_path: Path) -> Setup:
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path),
         "connectors": connectors},
        {}, "test",
    )  # fmt: skip
    charge_point = SimulatedChargePoint(settings)
    await charge_point.start()
    clock = MovableClock()
    charge_point.station.auth.reservations.now = clock
    setup = Setup(csms, charge_point, clock)
    for connector in range(1, connectors + 1):
        await setup.status_becomes(connector, "Available")
    return setup


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    server.script.answer("StartTransaction", START_ANSWER)
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def one(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[Setup]:
    setup = await started(csms, 1, tmp_path)
    yield setup
    await setup.charge_point.close()


@pytest.fixture
async def two(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[Setup]:
    setup = await started(csms, 2, tmp_path)
    yield setup
    await setup.charge_point.close()


async def test_a_reserved_connector_is_only_for_its_tag(two: Setup) -> None:
    assert await two.call("ReserveNow", reserve(1, 1)) == {"status": "Accepted"}
    await two.status_becomes(1, "Reserved")
    evse = two.charge_point.station.evse(1)
    await evse.plug_in()
    assert await evse.present_tag("OTHER") is TokenResult.REJECTED
    assert not evse.state.authorized
    assert two.csms.calls("StartTransaction") == []
    assert await evse.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
    start = await two.csms.wait_for("StartTransaction", timeout=WAIT)
    assert (start.payload["connectorId"], start.payload["idTag"]) == (1, "GOOD")
    assert start.payload["reservationId"] == 1
    assert two.statuses(2) == ["Available"]
    # The reservation was used up: after the session the connector is free, not Reserved.
    stop = {"transactionId": START_ANSWER["transactionId"]}
    assert await two.call("RemoteStopTransaction", stop) == {"status": "Accepted"}
    await two.csms.wait_for("StopTransaction", timeout=WAIT)
    await evse.unplug()
    await two.status_becomes(1, "Available")
    assert "Reserved" not in two.statuses(1)[two.statuses(1).index("Charging") :]


async def test_other_tags_at_the_station_reader_go_to_a_free_connector(two: Setup) -> None:
    assert await two.call("ReserveNow", reserve(2, 1)) == {"status": "Accepted"}
    await two.status_becomes(1, "Reserved")
    await two.charge_point.station.evse(1).plug_in()
    assert await two.charge_point.station.present_tag("OTHER") is (
        TokenResult.USED_TO_START_TRANSACTION
    )
    assert two.charge_point.station.evse(2).state.authorized
    await two.charge_point.station.evse(2).plug_in()
    start = await two.csms.wait_for("StartTransaction", timeout=WAIT)
    assert start.payload["connectorId"] == 2
    assert "reservationId" not in start.payload


async def test_cancel_reservation_frees_the_connector(one: Setup) -> None:
    assert await one.call("ReserveNow", reserve(3, 1)) == {"status": "Accepted"}
    await one.status_becomes(1, "Reserved")
    assert await one.call("CancelReservation", {"reservationId": 3}) == {"status": "Accepted"}
    await one.status_becomes(1, "Available")
    assert await one.call("CancelReservation", {"reservationId": 3}) == {"status": "Rejected"}
    assert await one.call("CancelReservation", {"reservationId": 999}) == {"status": "Rejected"}


async def test_a_reservation_expires(one: Setup) -> None:
    assert await one.call("ReserveNow", reserve(4, 1, minutes=5)) == {"status": "Accepted"}
    await one.status_becomes(1, "Reserved")
    # A little past: the expiryDate moves by the charge point's clock offset from the CSMS's
    # (milliseconds here) on its way to the module (test_the_expiry_date_is_read_on_the_csms_clock).
    one.clock.moment = NOW + timedelta(minutes=5, seconds=2)
    assert await one.charge_point.station.auth.reservations.expire_due() == [4]
    await one.status_becomes(1, "Available")
    assert await one.call("CancelReservation", {"reservationId": 4}) == {"status": "Rejected"}


async def test_the_expiry_date_is_read_on_the_csms_clock(one: Setup) -> None:
    # The charge point follows the CSMS's clock, an hour behind this machine's here; the
    # reservation module keeps this machine's: the expiryDate is converted on the way.
    clock = one.charge_point.app.core.session.clock
    clock.adopt((datetime.now(UTC) - timedelta(hours=1)).isoformat())
    expiry = NOW - timedelta(hours=1) + timedelta(minutes=10)
    payload = {**reserve(12, 1), "expiryDate": expiry.isoformat().replace("+00:00", "Z")}
    assert await one.call("ReserveNow", payload) == {"status": "Accepted"}
    reservations = one.charge_point.station.auth.reservations
    one.clock.moment = NOW + timedelta(minutes=9)
    assert await reservations.expire_due() == []
    one.clock.moment = NOW + timedelta(minutes=11)
    assert await reservations.expire_due() == [12]


async def test_reserve_now_answers_occupied_rejected_and_for_a_past_expiry(one: Setup) -> None:
    assert await one.call("ReserveNow", reserve(5, 1)) == {"status": "Accepted"}
    assert await one.call("ReserveNow", reserve(6, 1, "OTHER")) == {"status": "Occupied"}
    assert await one.call("ReserveNow", reserve(7, 2)) == {"status": "Rejected"}
    assert await one.call("ReserveNow", reserve(8, 1, minutes=-1)) == {"status": "Rejected"}


async def test_connector_zero_holds_back_the_last_free_connector(one: Setup) -> None:
    assert await one.call("ReserveNow", reserve(9, 0)) == {"status": "Accepted"}
    await one.status_becomes(1, "Reserved")
    evse = one.charge_point.station.evse(1)
    await evse.plug_in()
    assert await evse.present_tag("OTHER") is TokenResult.REJECTED
    assert await evse.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
    start = await one.csms.wait_for("StartTransaction", timeout=WAIT)
    assert start.payload["reservationId"] == 9


async def test_connector_zero_only_when_the_key_allows_it(one: Setup) -> None:
    one.charge_point.app.core.configuration.restore("ReserveConnectorZeroSupported", "false")
    assert await one.call("ReserveNow", reserve(10, 0)) == {"status": "Rejected"}
    answer = await one.call("GetConfiguration", {"key": ["ReserveConnectorZeroSupported"]})
    assert answer["configurationKey"] == [
        {"key": "ReserveConnectorZeroSupported", "readonly": True, "value": "false"}
    ]


async def test_a_tag_of_the_reservations_parent_may_use_it(one: Setup) -> None:
    one.csms.script.answer(
        "Authorize", {"idTagInfo": {"status": "Accepted", "parentIdTag": "FLEET"}}
    )
    reservation = reserve(11, 1, parentIdTag="FLEET")
    assert await one.call("ReserveNow", reservation) == {"status": "Accepted"}
    evse = one.charge_point.station.evse(1)
    await evse.plug_in()
    assert await evse.present_tag("CHILD") is TokenResult.USED_TO_START_TRANSACTION
    start = await one.csms.wait_for("StartTransaction", timeout=WAIT)
    assert (start.payload["idTag"], start.payload["reservationId"]) == ("CHILD", 11)


async def test_without_a_reservation_module_reserve_now_is_rejected(one: Setup) -> None:
    charging = one.charge_point.app.core.charging
    charging.links = charging.links._replace(reservation=None)
    assert await one.call("ReserveNow", reserve(12, 1)) == {"status": "Rejected"}
    assert await one.call("CancelReservation", {"reservationId": 12}) == {"status": "Rejected"}
    assert (
        "Reservation"
        in (await one.call("GetConfiguration", {"key": ["SupportedFeatureProfiles"]}))[
            "configurationKey"
        ][0]["value"]
    )


async def test_a_remote_start_on_a_reserved_connector_only_for_its_tag(two: Setup) -> None:
    # As libocpp: RemoteStartTransaction on a Reserved connector is Rejected unless the
    # reservation is for the idTag; the reserved tag's charges with the reservation's id.
    assert await two.call("ReserveNow", reserve(13, 1)) == {"status": "Accepted"}
    await two.status_becomes(1, "Reserved")
    other = {"connectorId": 1, "idTag": "OTHER"}
    assert await two.call("RemoteStartTransaction", other) == {"status": "Rejected"}
    good = {"connectorId": 1, "idTag": "GOOD"}
    assert await two.call("RemoteStartTransaction", good) == {"status": "Accepted"}
    start = await two.csms.wait_for("StartTransaction", timeout=WAIT)
    assert (start.payload["connectorId"], start.payload["reservationId"]) == (1, 13)


async def test_a_reservation_module_that_does_not_answer_is_rejected_in_time(
    one: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bus calls are bounded (RESERVATION_CALL_TIMEOUT), well below the CSMS's timeout."""
    from everest_py.ocpp16.csms_actions import reservation as action

    monkeypatch.setattr(action, "RESERVATION_CALL_TIMEOUT", 0.2)
    never = asyncio.Event()
    timeouts: list[float] = []

    class SilentModule:
        """Answers nothing: the client gives up after the caller's timeout."""

        async def reserve_now(self, request: object, timeout: float = 300.0) -> object:
            return await self._silence(timeout)

        async def cancel_reservation(self, reservation_id: int, timeout: float = 300.0) -> bool:
            return bool(await self._silence(timeout))

        async def _silence(self, timeout: float) -> object:
            timeouts.append(timeout)
            try:
                async with asyncio.timeout(timeout):
                    await never.wait()
            except TimeoutError:
                raise CmdTimeout("reserve_now", "no answer") from None
            raise AssertionError("unreachable")

    charging = one.charge_point.app.core.charging
    silent = charging.links._replace(reservation=SilentModule())  # type: ignore[arg-type]
    monkeypatch.setattr(charging, "links", silent)
    assert await one.call("ReserveNow", reserve(9, 1)) == {"status": "Rejected"}
    assert await one.call("CancelReservation", {"reservationId": 9}) == {"status": "Rejected"}
    assert timeouts == [0.2, 0.2]


async def test_a_remote_start_for_a_tag_of_the_reservations_parent_is_rejected(
    one: Setup,
) -> None:
    """The remote start's idTag would reach Auth prevalidated, without the parent the group
    check needs: Accepted, it would start nothing. At the reader the same idTag charges."""
    one.csms.script.answer(
        "Authorize", {"idTagInfo": {"status": "Accepted", "parentIdTag": "FLEET"}}
    )
    assert await one.call("ReserveNow", reserve(14, 1, parentIdTag="FLEET")) == {
        "status": "Accepted"
    }
    await one.status_becomes(1, "Reserved")
    child = {"connectorId": 1, "idTag": "CHILD"}
    assert await one.call("RemoteStartTransaction", child) == {"status": "Rejected"}


async def test_a_reservation_the_evse_ended_when_disabled_is_over_in_auth_too(
    one: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ChangeAvailability Inoperative ends the reservation at the EVSE (ReservationEnd); Auth
    ends it too, as EVerest's Auth does: once Operative again the connector is Available
    for anyone, and a new reservation can be made."""
    reservations = one.charge_point.station.auth.reservations
    ended = asyncio.Event()
    end = reservations.evse_ended_reservation

    async def ending(evse_id: int) -> None:
        await end(evse_id)
        ended.set()

    monkeypatch.setattr(reservations, "evse_ended_reservation", ending)
    assert await one.call("ReserveNow", reserve(15, 1)) == {"status": "Accepted"}
    await one.status_becomes(1, "Reserved")
    inoperative = {"connectorId": 1, "type": "Inoperative"}
    assert await one.call("ChangeAvailability", inoperative) == {"status": "Accepted"}
    await one.status_becomes(1, "Unavailable")
    async with asyncio.timeout(WAIT):
        await ended.wait()
    assert reservations.in_force() == []
    operative = {"connectorId": 1, "type": "Operative"}
    assert await one.call("ChangeAvailability", operative) == {"status": "Accepted"}
    await one.status_becomes(1, "Available")
    assert await one.call("ReserveNow", reserve(16, 1, id_tag="NEW")) == {"status": "Accepted"}
    await one.status_becomes(1, "Reserved")
    assert await one.call("CancelReservation", {"reservationId": 15}) == {"status": "Rejected"}
