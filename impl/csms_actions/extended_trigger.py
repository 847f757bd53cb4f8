"""ExtendedTriggerMessage (security whitepaper): the messages TriggerMessage can trigger are
sent by TriggerMessage's own senders (remote_trigger.py), SignChargePointCertificate sends
SignCertificate.req with a new CSR. As libocpp answers: a connectorId that names no connector is
Rejected for every message, SignChargePointCertificate is Rejected while CpoName is not set (or
no evse_security module is linked). FirmwareStatusNotification and LogStatusNotification resend
the firmware area's last status."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, MessageTrigger, TriggerMessageStatus

from ..ocpp import RpcEndpoint
from . import remote_trigger
from .certificates import send_sign_certificate
from .context import ActionContext, ChargePointServices
from .registry import csms_action

# Sends one triggered message on the endpoint the trigger came in on.
TriggeredSender = Callable[[ChargePointServices, RpcEndpoint], Awaitable[None]]


async def _signed_firmware_status(charge_point: ChargePointServices, endpoint: RpcEndpoint) -> None:
    await charge_point.firmware.send_signed_firmware_status(endpoint)


async def _log_status(charge_point: ChargePointServices, endpoint: RpcEndpoint) -> None:
    await charge_point.firmware.send_log_status(endpoint)


# The firmware area's (impl/firmware/) last statuses: FirmwareStatusNotification is sent as
# SignedFirmwareStatusNotification.req (Idle when nothing runs), LogStatusNotification as is.
FIRMWARE_AREA_SENDERS: dict[str, TriggeredSender] = {
    MessageTrigger.firmware_status_notification.value: _signed_firmware_status,
    MessageTrigger.log_status_notification.value: _log_status,
}

# Triggered exactly as TriggerMessage triggers them.
_AS_TRIGGER_MESSAGE = frozenset(
    {
        MessageTrigger.boot_notification,
        MessageTrigger.heartbeat,
        MessageTrigger.meter_values,
        MessageTrigger.status_notification,
    }
)


@csms_action(Action.extended_trigger_message)
def extended_trigger_message(
    context: ActionContext, requested_message: str, connector_id: int | None = None, **_: Any
) -> call_result.ExtendedTriggerMessage:
    charge_point = context.charge_point
    if connector_id is not None and not charge_point.connectors.exists(connector_id):
        return _answer(TriggerMessageStatus.rejected)
    if requested_message in _AS_TRIGGER_MESSAGE:
        answer = remote_trigger.trigger_message(context, requested_message, connector_id)
        return _answer(TriggerMessageStatus(answer.status))
    if requested_message == MessageTrigger.sign_charge_point_certificate:
        if not charge_point.certificates.can_sign():
            return _answer(TriggerMessageStatus.rejected)
        return _queued(context, send_sign_certificate, requested_message)
    sender = FIRMWARE_AREA_SENDERS.get(requested_message)
    if sender is None:
        return _answer(TriggerMessageStatus.not_implemented)
    return _queued(context, sender, requested_message)


def _queued(
    context: ActionContext, sender: TriggeredSender, requested_message: str
) -> call_result.ExtendedTriggerMessage:
    charge_point, endpoint = context.charge_point, context.endpoint

    async def send() -> None:
        await sender(charge_point, endpoint)

    queued = endpoint.after_reply(send, key=("ExtendedTriggerMessage", requested_message))
    return _answer(TriggerMessageStatus.accepted if queued else TriggerMessageStatus.rejected)


def _answer(status: TriggerMessageStatus) -> call_result.ExtendedTriggerMessage:
    return call_result.ExtendedTriggerMessage(status=status)
