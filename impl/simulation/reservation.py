"""The station's reservations behind the generated ``ReservationHandler``, as EVerest's Auth
module keeps them: one reservation per EVSE, plus reservations for any EVSE (no evse id) that
hold back as many free EVSEs as there are such reservations. Reserving, cancelling and expiring
call the EVSE's ``reserve`` / ``cancel_reservation``, so the EVSE tells ReservationStart / End.

Every change is kept (``reservation_file.py``) before it is acknowledged; ``restore`` places
the kept reservations again when Auth starts, as EVerest's Auth loads them from its ``kvs``: one
that cannot be placed again is dropped with ``Removed``, as there; one whose expiry time passed
while the station was down ends with ``Expired`` (EVerest's Auth says ``Removed`` for these
too: ours names why)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Protocol

from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.interfaces.reservation import ReservationHandler, ReservationPublisher
from everest_py.generated.types import reservation as _reservation
from everest_py.runtime.errors import CommandError

from ..waiting import wait_event
from .reservation_file import KeptReservations, ReservationFileError

__all__ = ["ReservableEvse", "SimulatedReservations"]

_log = logging.getLogger(__name__)

Result = _reservation.ReservationResult
CheckStatus = _reservation.ReservationCheckStatus
UpdateStatus = _reservation.ReservationUpdateStatusReservationStatus
Clock = Callable[[], datetime]

# The EVSE's reservation id while it is held back for a reservation of no EVSE in particular.
ANY_EVSE_RESERVATION = -1

# Seconds a request that arrives before Auth's start (EVSE ids not yet known, kept reservations
# not yet placed) waits for it; well below the charge point's 10 s for the whole call.
READY_TIMEOUT = 5.0


class ReservableEvse(Protocol):
    """What the reservations need of an EVSE (Auth's view of it)."""

    evse_id: int
    client: EvseManagerClient
    plugged_in: bool
    occupied: bool
    unavailable: bool
    faulted: bool


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.lower() == b.lower()


def _for_token(
    reservation: _reservation.Reservation, id_token: str, parent_id_token: str | None
) -> bool:
    return _same(reservation.id_token, id_token) or _same(
        reservation.parent_id_token, parent_id_token
    )


class SimulatedReservations(ReservationHandler):
    """Serve as ``reservation`` of ``sim_auth``. ``now`` is the clock expiry is measured by;
    ``expire_due`` ends every reservation whose expiry time has passed (a timer calls it);
    ``kept`` holds them while Auth is down (memory only when not given)."""

    def __init__(
        self,
        evses: Sequence[ReservableEvse],
        *,
        now: Clock = _utc_now,
        kept: KeptReservations | None = None,
    ) -> None:
        self._evses = evses
        self.now = now
        self.kept = kept if kept is not None else KeptReservations()
        self._publisher: ReservationPublisher | None = None
        self._by_evse: dict[int, _reservation.Reservation] = {}
        self._any_evse: list[_reservation.Reservation] = []
        self._held_back: set[int] = set()  # EVSEs reserved for the reservations of any EVSE
        self._timers: dict[int, asyncio.TimerHandle] = {}
        # Set once ``restore`` ran: the EVSEs' ids are known and the kept reservations placed.
        # The manager may route a CSMS's ReserveNow here before that (Auth's ready is slower
        # than the EVSEs'); answering it then would reject a reservation that is fine.
        self._ready = asyncio.Event()

    def attach(self, publisher: ReservationPublisher) -> None:
        self._publisher = publisher

    def stop(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

    # -- ReservationHandler ---------------------------------------------------------------

    async def handle_reserve_now(self, request: _reservation.Reservation) -> Result:
        if not await self._until_ready(f"reservation {request.reservation_id}"):
            return Result.Rejected
        if self._expiry(request) <= self.now():
            return Result.Rejected
        # A reservation id made again replaces the reservation (whether or not this one works).
        replaced = await self._end(request.reservation_id, None)
        result = await self._place(request)
        if result is not Result.Accepted:
            if replaced:
                await self._persist()
            return result
        if not await self._persist():
            await self._end(request.reservation_id, UpdateStatus.Removed)  # not kept: not made
            return Result.Rejected
        return result

    async def restore(self) -> None:
        """Place the kept reservations again (Auth's start, once the EVSEs' ids are known);
        from then on requests are served (not when this failed: as Auth's tokens, they are then
        refused after READY_TIMEOUT)."""
        await self._place_kept()
        self._ready.set()

    async def _until_ready(self, what: str) -> bool:
        """Wait (at most READY_TIMEOUT) for ``restore``; False, logged, when it did not come."""
        if await wait_event(self._ready, READY_TIMEOUT):
            return True
        _log.warning(
            "%s: refused, Auth has not started within %.0f s (EVSE ids unknown)",
            what,
            READY_TIMEOUT,
        )
        return False

    async def _place_kept(self) -> None:
        now = self.now()
        for reservation in await self.kept.load():
            reservation_id = reservation.reservation_id
            if self._expiry(reservation) <= now:
                _log.info("reservation %d expired while the station was down", reservation_id)
                self._publish(reservation_id, UpdateStatus.Expired)
            elif await self._place(reservation) is not Result.Accepted:
                _log.warning("reservation %d cannot be placed again: removed", reservation_id)
                self._publish(reservation_id, UpdateStatus.Removed)
        await self._persist()

    async def _place(self, request: _reservation.Reservation) -> Result:
        evse_id = request.evse_id if request.evse_id else None
        result = self._any_evse_result() if evse_id is None else self._evse_result(evse_id)
        if result is not Result.Accepted:
            return result
        if evse_id is None:
            self._any_evse.append(request)
        else:
            evse = self._evse(evse_id)
            assert evse is not None
            if not await self._call_reserve(evse, request.reservation_id):
                return Result.Rejected
            self._by_evse[evse_id] = request
        self._set_timer(request)
        await self._hold_back()
        self._publish(request.reservation_id, UpdateStatus.Placed)
        _log.info("reservation %d placed (evse %s)", request.reservation_id, evse_id or "any")
        return Result.Accepted

    async def handle_cancel_reservation(self, reservation_id: int) -> bool:
        # Asked from outside (the CSMS): no reservation_update, as EVerest's Auth.
        if not await self._until_ready(f"cancelling reservation {reservation_id}"):
            return False
        cancelled = await self._end(reservation_id, None)
        if cancelled:
            await self._persist()
        return cancelled

    async def handle_exists_reservation(
        self, request: _reservation.ReservationCheck
    ) -> _reservation.ReservationCheckStatus:
        if not await self._until_ready("a reservation check"):
            return CheckStatus.NotReserved
        if self.match(request.id_token, request.evse_id, request.group_id_token) is not None:
            return CheckStatus.ReservedForToken
        if request.evse_id is None or not self.is_reserved(request.evse_id):
            return CheckStatus.NotReserved
        reservation = self._by_evse.get(request.evse_id)
        if request.group_id_token is None and any(
            r.parent_id_token is not None
            for r in ([reservation] if reservation is not None else self._any_evse)
        ):
            return CheckStatus.ReservedForOtherTokenAndHasParentToken
        return CheckStatus.ReservedForOtherToken

    # -- what Auth asks -------------------------------------------------------------------

    def match(
        self, id_token: str, evse_id: int | None, parent_id_token: str | None = None
    ) -> int | None:
        """The reservation ``id_token`` (or its parent) may use at ``evse_id``, if any."""
        reservation = self._by_evse.get(evse_id) if evse_id else None
        if reservation is not None:
            matches = _for_token(reservation, id_token, parent_id_token)
            return reservation.reservation_id if matches else None
        for reservation in self._any_evse:
            if _for_token(reservation, id_token, parent_id_token):
                return reservation.reservation_id
        return None

    def is_reserved(self, evse_id: int) -> bool:
        return evse_id in self._by_evse or evse_id in self._held_back

    def allows(self, evse_id: int, id_token: str, parent_id_token: str | None) -> bool:
        """Whether a token may charge at ``evse_id``: a reserved EVSE only for its token."""
        if not self.is_reserved(evse_id):
            return True
        return self.match(id_token, evse_id, parent_id_token) is not None

    async def used(self, reservation_id: int, evse_id: int) -> None:
        """The reservation's token was authorized at ``evse_id``: the reservation is over. That
        EVSE keeps its reserved state until the transaction starts, so that it reports the
        reservation id (no reservation_update, as EVerest's Auth)."""
        self._drop(reservation_id)
        self._held_back.discard(evse_id)
        await self._hold_back()
        await self._persist()

    async def evse_ended_reservation(self, evse_id: int) -> None:
        """The EVSE ended its reservation itself (disabled, faulted): one still kept for it
        ends too (Cancelled), as EVerest's Auth does. Otherwise the connector would show
        Available while refusing every other token, and a new ReserveNow find it Occupied.
        Nothing happens for reservations already over (used, cancelled, expired)."""
        reservation = self._by_evse.get(evse_id)
        if reservation is not None and await self._end(
            reservation.reservation_id, UpdateStatus.Cancelled
        ):
            await self._persist()

    async def evses_changed(self) -> None:
        """An EVSE was plugged, unplugged, enabled, disabled or faulted."""
        await self._hold_back()

    async def expire_due(self) -> list[int]:
        """End the reservations whose expiry time has passed; their ids."""
        now = self.now()
        due = [
            r.reservation_id
            for r in [*self._by_evse.values(), *self._any_evse]
            if self._expiry(r) <= now
        ]
        for reservation_id in due:
            _log.info("reservation %d expired", reservation_id)
            await self._end(reservation_id, UpdateStatus.Expired)
        if due:
            await self._persist()
        return due

    # -- helpers ------------------------------------------------------------------------

    def in_force(self) -> list[_reservation.Reservation]:
        """Every reservation in force: those of an EVSE (by EVSE id), then those of any."""
        return [self._by_evse[n] for n in sorted(self._by_evse)] + list(self._any_evse)

    async def _persist(self) -> bool:
        """Keep what is in force now; False (logged) when the file cannot be written."""
        try:
            await self.kept.save(self.in_force())
        except ReservationFileError as error:
            _log.error("reservations not kept: %s", error)
            return False
        return True

    def _evse_result(self, evse_id: int) -> Result:
        evse = self._evse(evse_id)
        if evse is None:
            _log.warning("reservation for EVSE %d refused: no such EVSE", evse_id)
            return Result.Rejected
        if evse.faulted:
            return Result.Faulted
        if evse.unavailable:
            return Result.Unavailable
        if evse.plugged_in or evse.occupied or self.is_reserved(evse_id):
            return Result.Occupied
        return Result.Accepted

    def _any_evse_result(self) -> Result:
        results = [self._evse_result(e.evse_id) for e in self._evses]
        free = results.count(Result.Accepted)
        if free > len(self._any_evse):
            return Result.Accepted
        for answer in (Result.Occupied, Result.Faulted):
            if answer in results:
                return answer
        return Result.Unavailable

    async def _hold_back(self) -> None:
        """Reserve the free EVSEs while reservations of any EVSE need all of them; release
        them when one more is free than needed. A car plugged in without a transaction leaves
        its EVSE free (as Auth's connector states), so it cannot take a held-back EVSE."""
        free = [
            e
            for e in self._evses
            if e.evse_id not in self._by_evse and not (e.occupied or e.faulted or e.unavailable)
        ]
        needed = bool(self._any_evse) and len(free) <= len(self._any_evse)
        wanted = {e.evse_id for e in free} if needed else set()
        for evse in self._evses:
            if evse.evse_id in wanted and evse.evse_id not in self._held_back:
                if await self._call_reserve(evse, ANY_EVSE_RESERVATION):
                    self._held_back.add(evse.evse_id)
            elif evse.evse_id in self._held_back and evse.evse_id not in wanted:
                self._held_back.discard(evse.evse_id)
                if not evse.occupied:
                    await self._call_cancel(evse)

    async def _end(self, reservation_id: int, update: UpdateStatus | None) -> bool:
        evse_id = next(
            (n for n, r in self._by_evse.items() if r.reservation_id == reservation_id), None
        )
        if not self._drop(reservation_id):
            return False
        if evse_id is not None:
            evse = self._evse(evse_id)
            if evse is not None:
                await self._call_cancel(evse)
        await self._hold_back()
        if update is not None:
            self._publish(reservation_id, update)
        return True

    def _drop(self, reservation_id: int) -> bool:
        timer = self._timers.pop(reservation_id, None)
        if timer is not None:
            timer.cancel()
        for evse_id, reservation in list(self._by_evse.items()):
            if reservation.reservation_id == reservation_id:
                del self._by_evse[evse_id]
                return True
        for reservation in self._any_evse:
            if reservation.reservation_id == reservation_id:
                self._any_evse.remove(reservation)
                return True
        return False

    def _set_timer(self, reservation: _reservation.Reservation) -> None:
        delay = max(0.0, (self._expiry(reservation) - self.now()).total_seconds())
        loop = asyncio.get_running_loop()

        def due() -> None:
            self._timers.pop(reservation.reservation_id, None)
            task = loop.create_task(self.expire_due())
            _TASKS.add(task)
            task.add_done_callback(_TASKS.discard)

        self._timers[reservation.reservation_id] = loop.call_later(delay, due)

    @staticmethod
    def _expiry(reservation: _reservation.Reservation) -> datetime:
        moment = datetime.fromisoformat(str(reservation.expiry_time))
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

    def _evse(self, evse_id: int) -> ReservableEvse | None:
        return next((e for e in self._evses if e.evse_id == evse_id), None)

    async def _call_reserve(self, evse: ReservableEvse, reservation_id: int) -> bool:
        try:
            return await evse.client.reserve(reservation_id=reservation_id)
        except CommandError as error:
            _log.warning("EVSE %d: reserve failed: %s", evse.evse_id, error)
            return False

    async def _call_cancel(self, evse: ReservableEvse) -> None:
        try:
            await evse.client.cancel_reservation()
        except CommandError as error:
            _log.warning("EVSE %d: cancel_reservation failed: %s", evse.evse_id, error)

    def _publish(self, reservation_id: int, status: UpdateStatus) -> None:
        if self._publisher is not None:
            self._publisher.publish_reservation_update(
                _reservation.ReservationUpdateStatus(
                    reservation_id=reservation_id, reservation_status=status
                )
            )


_TASKS: set[asyncio.Task[list[int]]] = set()  # expiries under way, kept from the collector
