"""DataTransfer (Core profile): answered from the `data_transfer` setting (vendorId ->
messageId -> data; messageId "" matches any message id); what the setting does not know goes to
the module on the `data_transfer` requirement when one is connected (as EVerest's OCPP module
asks its module after libocpp's own handlers), else UnknownVendorId/UnknownMessageId.

Forwarding waits for the module before the reply, since the CSMS needs its answer in it (the
endpoint finishes the reply off its receive loop; later CALLs wait their turn), bounded by
`IncomingDataTransfer.timeout`, kept well below the CSMS's response timeout."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, DataTransferStatus

from .context import ActionContext
from .registry import csms_action


@csms_action(Action.data_transfer)
async def data_transfer(
    context: ActionContext,
    vendor_id: str,
    message_id: str | None = None,
    data: str | None = None,
    **_: Any,
) -> call_result.DataTransfer:
    configured = _configured_answer(context, vendor_id, message_id)
    if configured.status == DataTransferStatus.accepted:
        return configured
    forwarded = await context.charge_point.data_transfer.forward(vendor_id, message_id, data)
    if forwarded is None:
        return configured
    status, answer_data = forwarded
    return call_result.DataTransfer(status=status, data=answer_data)


def _configured_answer(
    context: ActionContext, vendor_id: str, message_id: str | None
) -> call_result.DataTransfer:
    messages = context.charge_point.settings.data_transfer.get(vendor_id)
    if messages is None:
        return call_result.DataTransfer(status=DataTransferStatus.unknown_vendor_id)
    for candidate in (message_id, ""):
        if candidate is not None and candidate in messages:
            return call_result.DataTransfer(
                status=DataTransferStatus.accepted, data=messages[candidate]
            )
    return call_result.DataTransfer(status=DataTransferStatus.unknown_message_id)
