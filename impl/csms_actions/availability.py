"""ChangeAvailability and UnlockConnector (Core profile)."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, AvailabilityStatus, UnlockStatus

from ..ocpp import Registration
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
    # OCPP 1.6 4.2: until accepted, only BootNotification (and triggered messages) go out; the
    # statuses sent after the accepted boot report the change.
    if changed and context.charge_point.session.registration is Registration.ACCEPTED:
        # No room for the report (a flooding CSMS): the change stands; TriggerMessage asks again.
        connectors.report(endpoint, changed)
    return call_result.ChangeAvailability(status=AvailabilityStatus.accepted)


@csms_action(Action.unlock_connector)
def unlock_connector(
    context: ActionContext, connector_id: int, **_: Any
) -> call_result.UnlockConnector:
    # No connector lock hardware is attached.
    return call_result.UnlockConnector(status=UnlockStatus.not_supported)
