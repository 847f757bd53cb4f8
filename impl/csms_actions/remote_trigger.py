"""TriggerMessage (RemoteTrigger profile): the triggered message goes out after the reply."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, MessageTrigger, TriggerMessageStatus

from .context import ActionContext
from .registry import csms_action


@csms_action(Action.trigger_message)
def trigger_message(
    context: ActionContext, requested_message: str, connector_id: int | None = None, **_: Any
) -> call_result.TriggerMessage:
    charge_point, endpoint = context.charge_point, context.endpoint
    session, connectors = charge_point.session, charge_point.connectors
    if requested_message == MessageTrigger.boot_notification:

        async def boot() -> None:
            await session.send_triggered_boot(endpoint)

        endpoint.after_reply(boot)
    elif requested_message == MessageTrigger.heartbeat:

        async def heartbeat() -> None:
            await session.send_heartbeat(endpoint)

        endpoint.after_reply(heartbeat)
    elif requested_message == MessageTrigger.status_notification:
        # Only here is connectorId relevant; other messages ignore it (5.17).
        if connector_id is not None and not connectors.exists(connector_id):
            return call_result.TriggerMessage(status=TriggerMessageStatus.rejected)
        targets = connectors.ids() if connector_id is None else [connector_id]

        async def statuses() -> None:
            await connectors.send_statuses(endpoint, targets)

        endpoint.after_reply(statuses)
    else:
        return call_result.TriggerMessage(status=TriggerMessageStatus.not_implemented)
    return call_result.TriggerMessage(status=TriggerMessageStatus.accepted)
