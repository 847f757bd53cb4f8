"""GetConfiguration and ChangeConfiguration (Core profile)."""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.datatypes import KeyValue as WireKeyValue
from ocpp.v16.enums import Action

from everest_py.generated.types.ocpp import ConfigurationStatus

from ..configuration import ChangeOrigin, StateFileError
from ..ocpp import CallRefused, ErrorCode
from ..storage import deferred_saves
from .context import ActionContext
from .registry import csms_action

LOGGER = logging.getLogger(__name__)


@csms_action(Action.get_configuration)
def get_configuration(
    context: ActionContext, key: list[str] | None = None, **_: Any
) -> call_result.GetConfiguration:
    configuration = context.charge_point.configuration
    keys = key or []
    limit = configuration.integer("GetConfigurationMaxKeys")
    if len(keys) > limit:
        raise CallRefused(
            ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
            f"{len(keys)} keys requested; GetConfigurationMaxKeys is {limit}",
        )
    answer = configuration.read(keys)
    known = [WireKeyValue(k.key, k.read_only, k.value) for k in answer.configuration_keys]
    return call_result.GetConfiguration(
        configuration_key=known or None, unknown_key=answer.unknown_keys or None
    )


@csms_action(Action.change_configuration)
async def change_configuration(
    context: ActionContext, key: str, value: str, **_: Any
) -> call_result.ChangeConfiguration:
    """Answered once the change is on disk; the loop serves others while the disk works (the
    writer thread syncs many changes at once: group commit)."""
    before = context.charge_point.configuration.undo_point(key)
    with deferred_saves() as saves:
        status = context.charge_point.change_configuration(
            key, value, ChangeOrigin.CSMS, context.endpoint
        )
    try:
        await saves.commit()
    except StateFileError as error:
        # Not stored: answered Rejected, so not in effect either (§5.3), now or after a restart.
        LOGGER.error("ChangeConfiguration of %s not stored: %s", key, error)
        if before is not None:
            context.charge_point.configuration.undo(before, ChangeOrigin.CSMS)
        return call_result.ChangeConfiguration(status=ConfigurationStatus.Rejected.value)
    return call_result.ChangeConfiguration(status=status.value)
