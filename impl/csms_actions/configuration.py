"""GetConfiguration and ChangeConfiguration (Core profile)."""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.datatypes import KeyValue as WireKeyValue
from ocpp.v16.enums import Action

from ..configuration import ChangeOrigin
from ..ocpp import CallRefused, ErrorCode
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
    selected, unknown = configuration.select(keys)
    known = [WireKeyValue(key.name, key.read_only, value) for key, value in selected]
    return call_result.GetConfiguration(
        configuration_key=known or None, unknown_key=unknown or None
    )


@csms_action(Action.change_configuration)
async def change_configuration(
    context: ActionContext, key: str, value: str, **_: Any
) -> call_result.ChangeConfiguration:
    """Answered once the change is on disk; the loop serves others while the disk works (the
    writer thread syncs many changes at once: group commit)."""
    status = await context.charge_point.stored_configuration_change(
        key, value, ChangeOrigin.CSMS, context.endpoint
    )
    return call_result.ChangeConfiguration(status=status.value)
