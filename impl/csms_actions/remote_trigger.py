"""TriggerMessage (RemoteTrigger profile): the triggered message goes out after the reply.

FirmwareStatusNotification and DiagnosticsStatusNotification report the current status of the
firmware service (Idle when no update or upload is running). A trigger for a message that is
already queued or being sent is coalesced with it (Accepted,
one message goes out); when the endpoint's follow-up queue is full it is answered Rejected."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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
    send: Callable[[], Awaitable[None]]
    if requested_message == MessageTrigger.status_notification:
        # StatusNotification and MeterValues use connectorId; other messages ignore it (5.17).
        if connector_id is not None and not connectors.exists(connector_id):
            return _answer(TriggerMessageStatus.rejected)
        targets = connectors.ids() if connector_id is None else [connector_id]
        queued = connectors.report(endpoint, targets)
        return _answer(TriggerMessageStatus.accepted if queued else TriggerMessageStatus.rejected)
    if requested_message == MessageTrigger.boot_notification:

        async def send() -> None:
            await session.send_triggered_boot(endpoint)

    elif requested_message == MessageTrigger.heartbeat:

        async def send() -> None:
            await session.send_heartbeat(endpoint)

    elif requested_message == MessageTrigger.meter_values:
        if connector_id is not None and not connectors.exists(connector_id):
            return _answer(TriggerMessageStatus.rejected)
        # Read now: Accepted promises the message, so nothing to send (no reading yet, no
        # measurand configured) is Rejected.
        payloads = charge_point.charging.triggered_meter_values(connector_id)
        if not payloads:
            return _answer(TriggerMessageStatus.rejected)

        async def send() -> None:
            await charge_point.charging.send_meter_values(endpoint, payloads)

    elif requested_message == MessageTrigger.firmware_status_notification:

        async def send() -> None:
            await charge_point.firmware.send_firmware_status(endpoint)

    elif requested_message == MessageTrigger.diagnostics_status_notification:

        async def send() -> None:
            await charge_point.firmware.send_diagnostics_status(endpoint)

    else:
        return _answer(TriggerMessageStatus.not_implemented)
    # Triggers of one message coalesce; MeterValues of different connectors are different.
    per_connector = connector_id if requested_message == MessageTrigger.meter_values else None
    queued = endpoint.after_reply(send, key=("TriggerMessage", requested_message, per_connector))
    return _answer(TriggerMessageStatus.accepted if queued else TriggerMessageStatus.rejected)


def _answer(status: TriggerMessageStatus) -> call_result.TriggerMessage:
    return call_result.TriggerMessage(status=status)
