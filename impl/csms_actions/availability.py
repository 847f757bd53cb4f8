"""ChangeAvailability and UnlockConnector (Core profile)."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, AvailabilityStatus, UnlockStatus

from .context import ActionContext
from .registry import csms_action


@csms_action(Action.change_availability)
def change_availability(
    context: ActionContext, connector_id: int, type: str, **_: Any
) -> call_result.ChangeAvailability:
    connectors, endpoint = context.charge_point.connectors, context.endpoint
    if not connectors.exists(connector_id):
        return call_result.ChangeAvailability(status=AvailabilityStatus.rejected)
    changed = connectors.set_availability(connector_id, type)
    if changed:

        async def report() -> None:
            await connectors.send_statuses(endpoint, changed)

        endpoint.after_reply(report)
    return call_result.ChangeAvailability(status=AvailabilityStatus.accepted)


@csms_action(Action.unlock_connector)
def unlock_connector(
    context: ActionContext, connector_id: int, **_: Any
) -> call_result.UnlockConnector:
    # No connector lock hardware is attached.
    return call_result.UnlockConnector(status=UnlockStatus.not_supported)
