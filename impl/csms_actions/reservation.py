"""ReserveNow and CancelReservation (Reservation profile), carried out by the required
`reservation` module (EVerest's Auth), as EVerest's OCPP module does. The reserved connector's
Reserved status follows from the EVSE's ReservationStart / ReservationEnd events."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Final

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, CancelReservationStatus, ReservationStatus

from everest_py.runtime.errors import CommandError

from ..ocpp import CsmsClock
from .context import ActionContext
from .registry import csms_action

LOGGER = logging.getLogger(__name__)

# Seconds for the reservation module to answer: well below the CSMS's response timeout.
RESERVATION_CALL_TIMEOUT: Final = 10.0

# Each answer of the reservation module (its ReservationResult, a string enum) as OCPP 1.6
# names it. Keyed by value: the reservation types load with the reservation link, not before.
_STATUS: Final[dict[str, ReservationStatus]] = {
    "Accepted": ReservationStatus.accepted,
    "Faulted": ReservationStatus.faulted,
    "Occupied": ReservationStatus.occupied,
    "Rejected": ReservationStatus.rejected,
    "Unavailable": ReservationStatus.unavailable,
}


@csms_action(Action.reserve_now)
async def reserve_now(
    context: ActionContext,
    connector_id: int,
    expiry_date: str,
    id_tag: str,
    reservation_id: int,
    parent_id_tag: str | None = None,
    **_: Any,
) -> call_result.ReserveNow:
    charge_point = context.charge_point
    client = charge_point.charging.links.reservation
    if client is None or not _connector_allowed(context, connector_id):
        return call_result.ReserveNow(status=ReservationStatus.rejected)
    from everest_py.generated.types import reservation as _reservation  # loaded with the link

    try:
        request = _reservation.Reservation(
            evse_id=connector_id if connector_id != 0 else None,
            reservation_id=reservation_id,
            id_token=id_tag,
            expiry_time=_on_system_clock(charge_point.session.clock, expiry_date),
            parent_id_token=parent_id_tag,
        )
    except ValueError as error:  # e.g. an expiryDate without a time zone
        LOGGER.warning("ReserveNow %d rejected: %s", reservation_id, error)
        return call_result.ReserveNow(status=ReservationStatus.rejected)
    try:
        result = await client.reserve_now(request=request, timeout=RESERVATION_CALL_TIMEOUT)
    except CommandError as error:  # the module's failure is the CSMS's Rejected, not a CallError
        LOGGER.warning("ReserveNow %d: the reservation module failed: %s", reservation_id, error)
        return call_result.ReserveNow(status=ReservationStatus.rejected)
    return call_result.ReserveNow(status=_STATUS[result])


@csms_action(Action.cancel_reservation)
async def cancel_reservation(
    context: ActionContext, reservation_id: int, **_: Any
) -> call_result.CancelReservation:
    client = context.charge_point.charging.links.reservation
    cancelled = False
    if client is not None:
        try:
            cancelled = await client.cancel_reservation(
                reservation_id=reservation_id, timeout=RESERVATION_CALL_TIMEOUT
            )
        except CommandError as error:
            LOGGER.warning("CancelReservation %d failed: %s", reservation_id, error)
    status = CancelReservationStatus.accepted if cancelled else CancelReservationStatus.rejected
    return call_result.CancelReservation(status=status)


def _on_system_clock(clock: CsmsClock, expiry_date: str) -> str:
    """The CSMS's expiryDate on the clock the reservation module compares it with (this
    machine's; the charge point follows the CSMS's). ValueError: no RFC 3339 date-time with a
    time zone."""
    moment = datetime.fromisoformat(expiry_date.replace("z", "Z"))
    if moment.tzinfo is None:
        raise ValueError(f"expiryDate {expiry_date!r} has no time zone")
    local = clock.to_system(moment).astimezone(UTC)
    return local.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _connector_allowed(context: ActionContext, connector_id: int) -> bool:
    if connector_id == 0:
        value = context.charge_point.configuration.value("ReserveConnectorZeroSupported")
        return (value or "").lower() == "true"
    return context.charge_point.connectors.exists(connector_id)
