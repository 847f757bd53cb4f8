"""The simulated Auth's reservations: placing, answers, expiry, who may charge at a reserved EVSE."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from everest_py.generated.interfaces.reservation import ReservationClient
from everest_py.generated.types import authorization as _authorization
from everest_py.generated.types import reservation as _reservation
from everest_py.ocpp16.simulation import TokenResult
from everest_py.ocpp16.simulation import reservation as reservation_module
from everest_py.ocpp16.simulation.reservation import SimulatedReservations

from .support import Bench, Event, bench

Result = _reservation.ReservationResult
CheckStatus = _reservation.ReservationCheckStatus
UpdateStatus = _reservation.ReservationUpdateStatusReservationStatus
START = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


class MovableClock:
    def __init__(self) -> None:
        self.moment = START

    def __call__(self) -> datetime:
        return self.moment


def reservation(
    reservation_id: int,
    evse_id: int | None,
    id_token: str = "GOOD",
    parent: str | None = None,
    minutes: int = 10,
) -> _reservation.Reservation:
    expiry = (START + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")
    return _reservation.Reservation(
        evse_id=evse_id,
        reservation_id=reservation_id,
        id_token=id_token,
        expiry_time=expiry,
        parent_id_token=parent,
    )


def client(b: Bench) -> ReservationClient:
    return b.probe.require(ReservationClient, module_id="sim_auth", impl_id="reservation")


def clocked(b: Bench) -> MovableClock:
    clock = MovableClock()
    b.station.auth.reservations.now = clock
    return clock


async def test_a_reservation_reserves_the_evse_and_is_published_placed() -> None:
    async with bench(connectors=2) as b:
        clocked(b)
        updates: list[_reservation.ReservationUpdateStatus] = []
        reservations = client(b)
        reservations.subscribe_reservation_update(updates.append)
        assert await reservations.reserve_now(request=reservation(7, 2)) is Result.Accepted
        await b.watch(2).wait_event(Event.ReservationStart)
        assert b.station.evse(2).state.reservation_id == 7
        assert b.station.evse(1).state.reservation_id is None
        assert [(u.reservation_id, u.reservation_status) for u in updates] == [
            (7, UpdateStatus.Placed)
        ]


async def test_answers_for_a_reserved_plugged_unknown_or_past_evse() -> None:
    async with bench(connectors=2) as b:
        clocked(b)
        reservations = client(b)
        await b.station.evse(1).plug_in()
        assert await reservations.reserve_now(request=reservation(1, 1)) is Result.Occupied
        assert await reservations.reserve_now(request=reservation(2, 2)) is Result.Accepted
        assert await reservations.reserve_now(request=reservation(3, 2, "OTHER")) is Result.Occupied
        assert await reservations.reserve_now(request=reservation(4, 9)) is Result.Rejected
        assert await reservations.reserve_now(request=reservation(5, 2, minutes=-1)) is (
            Result.Rejected
        )


async def test_a_faulted_evse_answers_faulted() -> None:
    async with bench() as b:
        clocked(b)
        await b.station.evse(1).inject_fault()
        await b.watch(1).wait_for(lambda: b.station.auth.reservations._evses[0].faulted)
        assert await client(b).reserve_now(request=reservation(1, 1)) is Result.Faulted


async def test_cancelling_ends_the_reservation_and_unknown_ids_are_false() -> None:
    async with bench() as b:
        clocked(b)
        reservations = client(b)
        await reservations.reserve_now(request=reservation(4, 1))
        assert await reservations.cancel_reservation(reservation_id=4) is True
        await b.watch(1).wait_event(Event.ReservationEnd)
        assert b.station.evse(1).state.reservation_id is None
        assert await reservations.cancel_reservation(reservation_id=4) is False


async def test_a_reservation_expires_at_its_expiry_time() -> None:
    async with bench() as b:
        clock = clocked(b)
        updates: list[_reservation.ReservationUpdateStatus] = []
        reservations = client(b)
        reservations.subscribe_reservation_update(updates.append)
        await reservations.reserve_now(request=reservation(5, 1, minutes=10))
        clock.moment = START + timedelta(minutes=9)
        assert await b.station.auth.reservations.expire_due() == []
        clock.moment = START + timedelta(minutes=10)
        assert await b.station.auth.reservations.expire_due() == [5]
        await b.watch(1).wait_event(Event.ReservationEnd)
        assert updates[-1].reservation_status is UpdateStatus.Expired


async def test_a_reserved_evse_takes_only_its_token() -> None:
    async with bench(accepted={"GOOD", "OTHER"}) as b:
        clocked(b)
        await client(b).reserve_now(request=reservation(8, 1, "GOOD"))
        await b.station.evse(1).plug_in()
        assert await b.station.evse(1).present_tag("OTHER") is TokenResult.REJECTED
        assert not b.station.evse(1).state.authorized
        assert await b.station.evse(1).present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        started = await b.watch(1).wait_event(Event.TransactionStarted)
        assert started.transaction_started is not None
        assert started.transaction_started.reservation_id == 8


async def test_a_token_with_the_reservations_parent_may_use_it() -> None:
    async with bench() as b:
        clocked(b)
        await client(b).reserve_now(request=reservation(9, 1, "GOOD", parent="FLEET"))
        await b.station.evse(1).plug_in()
        # A token of the same group (as a CSMS's remote start names it, already validated).
        b.provider.publish_provided_token(
            _authorization.ProvidedIdToken(
                id_token=_authorization.IdToken(
                    value="CHILD", type=_authorization.IdTokenType.Central
                ),
                authorization_type=_authorization.AuthorizationType.OCPP,
                connectors=[1],
                prevalidated=True,
                parent_id_token=_authorization.IdToken(
                    value="fleet", type=_authorization.IdTokenType.Central
                ),
            )
        )
        started = await b.watch(1).wait_event(Event.TransactionStarted)
        assert started.transaction_started is not None
        assert started.transaction_started.reservation_id == 9


async def test_a_reservation_for_any_evse_holds_back_the_last_free_one() -> None:
    async with bench(connectors=2, accepted={"GOOD", "OTHER"}) as b:
        clocked(b)
        reservations = client(b)
        assert await reservations.reserve_now(request=reservation(10, None)) is Result.Accepted
        assert b.station.evse(1).state.reservation_id is None
        await b.station.evse(1).plug_in()
        assert await b.station.evse(1).present_tag("OTHER") is (
            TokenResult.USED_TO_START_TRANSACTION
        )
        await b.watch(2).wait_event(Event.ReservationStart)
        assert await reservations.reserve_now(request=reservation(11, None)) is Result.Occupied
        check = _reservation.ReservationCheck(evse_id=2, id_token="OTHER")
        assert await reservations.exists_reservation(request=check) is (
            CheckStatus.ReservedForOtherToken
        )
        assert await b.station.evse(2).present_tag("OTHER") is TokenResult.REJECTED
        await b.station.evse(2).plug_in()
        assert await b.station.evse(2).present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        started = await b.watch(2).wait_event(Event.TransactionStarted)
        assert started.transaction_started is not None
        assert started.transaction_started.reservation_id == 10


async def test_the_same_reservation_id_again_replaces_the_reservation() -> None:
    async with bench(connectors=2) as b:
        clocked(b)
        reservations = client(b)
        assert await reservations.reserve_now(request=reservation(12, 1)) is Result.Accepted
        assert await reservations.reserve_now(request=reservation(12, 2)) is Result.Accepted
        await b.watch(1).wait_event(Event.ReservationEnd)
        assert b.station.evse(1).state.reservation_id is None
        assert b.station.evse(2).state.reservation_id == 12


async def test_exists_reservation_tells_whose_reservation_it_is() -> None:
    async with bench(connectors=2) as b:
        clocked(b)
        reservations = client(b)
        await reservations.reserve_now(request=reservation(13, 1, "GOOD", parent="FLEET"))

        async def check(evse_id: int, token: str, group: str | None = None) -> CheckStatus:
            request = _reservation.ReservationCheck(
                evse_id=evse_id, id_token=token, group_id_token=group
            )
            return await reservations.exists_reservation(request=request)

        assert await check(1, "good") is CheckStatus.ReservedForToken
        assert await check(1, "CHILD", "FLEET") is CheckStatus.ReservedForToken
        assert await check(1, "CHILD") is CheckStatus.ReservedForOtherTokenAndHasParentToken
        assert await check(1, "CHILD", "OTHERS") is CheckStatus.ReservedForOtherToken
        assert await check(2, "GOOD") is CheckStatus.NotReserved


class _EarlyEvse:
    """An EVSE as Auth sees it before its start: id not yet known (0), reserving works."""

    def __init__(self) -> None:
        self.evse_id = 0
        self.plugged_in = self.occupied = self.unavailable = self.faulted = False
        self.reserved: list[int] = []
        self.client = self

    async def reserve(self, reservation_id: int, **_: object) -> bool:
        self.reserved.append(reservation_id)
        return True

    async def cancel_reservation(self, **_: object) -> None:
        self.reserved.clear()


async def test_a_reservation_before_auths_start_waits_for_it() -> None:
    # Under the real manager a CSMS's ReserveNow can reach Auth before its ready learnt the
    # EVSE ids: it is served once they are known, not refused as an unknown EVSE.
    evse = _EarlyEvse()
    reservations = SimulatedReservations([evse], now=MovableClock())
    asking = asyncio.create_task(reservations.handle_reserve_now(reservation(21, 2)))
    for _ in range(5):
        await asyncio.sleep(0)  # let it run as far as it can: it must wait
    assert not asking.done() and evse.reserved == []
    evse.evse_id = 2
    await reservations.restore()
    async with asyncio.timeout(5):
        assert await asking is Result.Accepted
    assert evse.reserved == [21]


async def test_a_request_is_refused_with_a_reason_when_auth_never_starts(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(reservation_module, "READY_TIMEOUT", 0.01)
    reservations = SimulatedReservations([_EarlyEvse()], now=MovableClock())
    assert await reservations.handle_reserve_now(reservation(22, 2)) is Result.Rejected
    assert await reservations.handle_cancel_reservation(22) is False
    assert "reservation 22: refused, Auth has not started" in caplog.text
