"""Reset (Core profile), as libocpp does it: the `system` module is asked whether the reset is
allowed (Rejected if not); after the Accepted reply every running transaction is stopped with
reason SoftReset/HardReset (their StopTransaction is queued on disk), then `system.reset`
reboots. Without a `system` module there is nothing to reboot: the reset starts a new OCPP
session with a BootNotification (after stopping the transactions all the same)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Final

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, ResetStatus

from everest_py.generated.types.system import ResetType

from ..charging import TransactionMessages
from ..security import SecurityEventType
from .context import ActionContext
from .registry import csms_action

LOGGER = logging.getLogger(__name__)
SYSTEM_CALL_TIMEOUT: Final = 10.0  # seconds for is_reset_allowed
STOP_TIMEOUT: Final = 30.0  # seconds the transactions get to end before the reset
DELIVERY_TIMEOUT: Final = 10.0  # seconds their messages get to reach the CSMS before it


@csms_action(Action.reset)
async def reset(context: ActionContext, type: str, **_: Any) -> call_result.Reset:
    charge_point, endpoint = context.charge_point, context.endpoint
    system = charge_point.charging.links.system
    kind = ResetType.Hard if type == "Hard" else ResetType.Soft
    if system is not None:
        try:
            allowed = await system.is_reset_allowed(kind, timeout=SYSTEM_CALL_TIMEOUT)
        except Exception as error:
            LOGGER.warning("system.is_reset_allowed failed: %s", error)
            allowed = False
        if not allowed:
            return call_result.Reset(status=ResetStatus.rejected)
    LOGGER.info("%s reset requested by the CSMS", type)
    # Imported on use: the EVSE types are not loaded by a charge point that never needs them.
    from everest_py.generated.types.evse_manager import StopTransactionReason

    reason = (
        StopTransactionReason.HardReset
        if kind is ResetType.Hard
        else (StopTransactionReason.SoftReset)
    )

    async def carry_out() -> None:
        try:
            charge_point.security.record(
                SecurityEventType.RESET_OR_REBOOT.value, f"{type} reset requested by the CSMS"
            )
        finally:  # An Accepted reset happens even when the event cannot be stored.
            await charge_point.charging.stop_all(reason, STOP_TIMEOUT)
            if system is not None:
                await _deliver_first(charge_point.transaction_messages)
                await system.reset(kind, False, timeout=SYSTEM_CALL_TIMEOUT)
            else:
                await endpoint.finish_calls(charge_point.settings.response_timeout)
                charge_point.session.reconnect(boot=True)

    async def start() -> None:
        # On the charge point's own task: a CSMS that hangs up after Reset.conf must not
        # cancel the reset it accepted.
        charge_point.detach(carry_out())

    if not endpoint.after_reply(start):
        return call_result.Reset(status=ResetStatus.rejected)
    return call_result.Reset(status=ResetStatus.accepted)


async def _deliver_first(messages: TransactionMessages) -> None:
    """Give the StopTransactions a chance to reach the CSMS before the reboot (they are on
    disk either way and go out after it otherwise)."""
    try:
        async with asyncio.timeout(DELIVERY_TIMEOUT):
            await messages.settled()
    except TimeoutError:
        LOGGER.warning("transaction messages not delivered before the reset; sent after it")
