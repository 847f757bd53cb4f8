"""ChangeAvailability and UnlockConnector (Core profile), carried out through the EVSEs'
`evse_manager` (enable_disable, force_unlock)."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, AvailabilityStatus, UnlockStatus

from ..storage import deferred_saves
from .context import ActionContext
from .registry import csms_action


@csms_action(Action.change_availability)
async def change_availability(
    context: ActionContext, connector_id: int, type: str, **_: Any
) -> call_result.ChangeAvailability:
    charge_point, endpoint = context.charge_point, context.endpoint
    if not charge_point.connectors.exists(connector_id):
        return call_result.ChangeAvailability(status=AvailabilityStatus.rejected)
    # The status change is reported by the connectors' status reporter (after this reply,
    # once registered: OCPP 1.6 4.2). Answered once the new availability is on disk; the
    # write waits on the state file's writer thread, not on the event loop.
    with deferred_saves() as saves:
        status = charge_point.charging.change_availability(connector_id, type)
    await saves.commit()
    targets = list(charge_point.connectors.ids()) if connector_id == 0 else [connector_id]

    async def tell_evses() -> None:
        await charge_point.charging.enable_disable(targets)

    async def start() -> None:
        charge_point.detach(tell_evses())  # outlives the connection, as the change does

    if not endpoint.after_reply(start):
        charge_point.detach(tell_evses())  # stored already: the EVSEs must follow
    return call_result.ChangeAvailability(status=AvailabilityStatus(status))


@csms_action(Action.unlock_connector)
async def unlock_connector(
    context: ActionContext, connector_id: int, **_: Any
) -> call_result.UnlockConnector:
    # Awaited before the reply, as the answer says whether the connector unlocked; the EVSE
    # command is bounded by EVSE_CALL_TIMEOUT.
    status = await context.charge_point.charging.unlock(connector_id)
    return call_result.UnlockConnector(status=UnlockStatus(status))
