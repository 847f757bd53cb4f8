"""ClearCache (Core profile) and the Local Auth List Management profile: GetLocalListVersion and
SendLocalList, answered by the charge point's `Authorization` (docs/authorization.md). Each
waits only for the disk (on the store's writer thread), never for an outgoing call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, ClearCacheStatus

from ..authorization import AuthorizationStoreError
from ..ocpp import CallRefused, ErrorCode
from .context import ActionContext
from .registry import csms_action


@csms_action(Action.clear_cache)
async def clear_cache(context: ActionContext, **_: Any) -> call_result.ClearCache:
    try:
        cleared = await context.charge_point.authorization.clear_cache()
    except AuthorizationStoreError as error:
        # As libocpp: a cache that could not be cleared is an error, not a refusal.
        raise CallRefused(ErrorCode.INTERNAL_ERROR, "the cache could not be cleared") from error
    return call_result.ClearCache(
        status=ClearCacheStatus.accepted if cleared else ClearCacheStatus.rejected
    )


@csms_action(Action.get_local_list_version)
def get_local_list_version(context: ActionContext, **_: Any) -> call_result.GetLocalListVersion:
    version = context.charge_point.authorization.local_list_version()
    return call_result.GetLocalListVersion(list_version=version)


@csms_action(Action.send_local_list)
async def send_local_list(
    context: ActionContext,
    list_version: int,
    update_type: str,
    local_authorization_list: Sequence[Mapping[str, Any]] | None = None,
    **_: Any,
) -> call_result.SendLocalList:
    status = await context.charge_point.authorization.send_local_list(
        update_type, list_version, local_authorization_list
    )
    return call_result.SendLocalList(status=status)
