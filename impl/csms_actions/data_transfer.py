"""DataTransfer (Core profile): answered from the `data_transfer` setting
(vendorId -> messageId -> data; messageId "" matches any message id)."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, DataTransferStatus

from .context import ActionContext
from .registry import csms_action


@csms_action(Action.data_transfer)
def data_transfer(
    context: ActionContext,
    vendor_id: str,
    message_id: str | None = None,
    data: str | None = None,
    **_: Any,
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
