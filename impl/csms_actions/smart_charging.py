"""SetChargingProfile, ClearChargingProfile and GetCompositeSchedule (Smart Charging profile).
The service is the core's `smart_charging` attribute; without it each answer is NotSupported."""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import (
    Action,
    ChargingProfilePurposeType,
    ChargingProfileStatus,
    ChargingRateUnitType,
    GetCompositeScheduleStatus,
)

from ..smart_charging import ClearFilter, ProfileFormatError, parse_profile
from .context import ActionContext
from .registry import csms_action

LOGGER = logging.getLogger(__name__)


@csms_action(Action.set_charging_profile)
async def set_charging_profile(
    context: ActionContext, connector_id: int, cs_charging_profiles: dict[str, Any], **_: Any
) -> call_result.SetChargingProfile:
    service = context.charge_point.smart_charging
    try:
        profile = parse_profile(cs_charging_profiles)
    except ProfileFormatError as error:
        LOGGER.warning("SetChargingProfile rejected: %s", error)
        return call_result.SetChargingProfile(status=ChargingProfileStatus.rejected)
    # Answered only once the profile is on disk (the service awaits the fsync).
    status = await service.set_profile(connector_id, profile)
    return call_result.SetChargingProfile(status=status)


@csms_action(Action.clear_charging_profile)
async def clear_charging_profile(
    context: ActionContext,
    id: int | None = None,
    connector_id: int | None = None,
    charging_profile_purpose: str | None = None,
    stack_level: int | None = None,
    **_: Any,
) -> call_result.ClearChargingProfile:
    service = context.charge_point.smart_charging
    purpose = (
        None
        if charging_profile_purpose is None
        else ChargingProfilePurposeType(charging_profile_purpose)
    )
    status = await service.clear(ClearFilter(id, connector_id, purpose, stack_level))
    return call_result.ClearChargingProfile(status=status)


@csms_action(Action.get_composite_schedule)
async def get_composite_schedule(
    context: ActionContext,
    connector_id: int,
    duration: int,
    charging_rate_unit: str | None = None,
    **_: Any,
) -> call_result.GetCompositeSchedule:
    service = context.charge_point.smart_charging
    unit = None if charging_rate_unit is None else ChargingRateUnitType(charging_rate_unit)
    if not 0 <= connector_id <= service.connectors or (
        unit is not None and unit not in service.allowed_units()
    ):
        return call_result.GetCompositeSchedule(status=GetCompositeScheduleStatus.rejected)
    schedule = (await service.composite_off_loop(connector_id, duration, unit)).to_ocpp()
    return call_result.GetCompositeSchedule(
        status=GetCompositeScheduleStatus.accepted,
        connector_id=connector_id,
        schedule_start=schedule["start_schedule"],
        charging_schedule=schedule,
    )
