"""ClearCache (Core profile). Later: Authorize-related CSMS actions (local list, RemoteStart)."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, ClearCacheStatus

from .context import ActionContext
from .registry import csms_action


@csms_action(Action.clear_cache)
def clear_cache(context: ActionContext, **_: Any) -> call_result.ClearCache:
    # The charge point keeps no authorization cache, so it is always clear.
    return call_result.ClearCache(status=ClearCacheStatus.accepted)
