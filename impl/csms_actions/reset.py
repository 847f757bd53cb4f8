"""Reset (Core profile): this charge point has no hardware to reboot, so a reset of either kind
starts a new OCPP session with a BootNotification."""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, ResetStatus

from ..security import SecurityEventType
from .context import ActionContext
from .registry import csms_action

LOGGER = logging.getLogger(__name__)


@csms_action(Action.reset)
def reset(context: ActionContext, type: str, **_: Any) -> call_result.Reset:
    charge_point, endpoint = context.charge_point, context.endpoint
    LOGGER.info("%s reset requested by the CSMS: new session with BootNotification", type)

    async def restart_session() -> None:
        try:
            charge_point.security.record(
                SecurityEventType.RESET_OR_REBOOT.value, f"{type} reset requested by the CSMS"
            )
        finally:  # An Accepted reset happens even when the event cannot be stored.
            await endpoint.finish_calls(charge_point.settings.response_timeout)
            charge_point.session.reconnect(boot=True)

    endpoint.after_reply(restart_session)
    return call_result.Reset(status=ResetStatus.accepted)
