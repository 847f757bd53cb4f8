"""RemoteStartTransaction and RemoteStopTransaction (Core profile)."""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, RemoteStartStopStatus

from ..ocpp import Registration
from .context import ActionContext
from .registry import csms_action

LOGGER = logging.getLogger(__name__)


@csms_action(Action.remote_start_transaction)
async def remote_start_transaction(
    context: ActionContext,
    id_tag: str,
    connector_id: int | None = None,
    charging_profile: dict[str, Any] | None = None,
    **_: Any,
) -> call_result.RemoteStartTransaction:
    if _pending(context, "RemoteStartTransaction"):
        return call_result.RemoteStartTransaction(status=RemoteStartStopStatus.rejected)
    charging = context.charge_point.charging
    connector = await charging.remote_start_connector(connector_id, id_tag)
    if connector is not None and charging_profile is not None:
        problem = context.charge_point.smart_charging.remote_start_problem(
            connector, charging_profile
        )
        if problem is not None:
            LOGGER.warning("RemoteStartTransaction rejected: %s", problem)
            return call_result.RemoteStartTransaction(status=RemoteStartStopStatus.rejected)
    if connector is None or not context.endpoint.after_reply(
        lambda: charging.remote_start(id_tag, connector, charging_profile)
    ):
        return call_result.RemoteStartTransaction(status=RemoteStartStopStatus.rejected)
    return call_result.RemoteStartTransaction(status=RemoteStartStopStatus.accepted)


@csms_action(Action.remote_stop_transaction)
def remote_stop_transaction(
    context: ActionContext, transaction_id: int, **_: Any
) -> call_result.RemoteStopTransaction:
    if _pending(context, "RemoteStopTransaction"):
        return call_result.RemoteStopTransaction(status=RemoteStartStopStatus.rejected)
    charging = context.charge_point.charging
    evse = charging.transaction_connector(transaction_id)
    if evse is None or not context.endpoint.after_reply(lambda: charging.remote_stop(evse)):
        return call_result.RemoteStopTransaction(status=RemoteStartStopStatus.rejected)
    return call_result.RemoteStopTransaction(status=RemoteStartStopStatus.accepted)


def _pending(context: ActionContext, action: str) -> bool:
    """OCPP 1.6 §4.2: while the registration is Pending, RemoteStartTransaction and
    RemoteStopTransaction are not allowed (libocpp answers them Rejected)."""
    if context.charge_point.session.registration is not Registration.PENDING:
        return False
    LOGGER.warning("%s rejected: the BootNotification is Pending", action)
    return True
