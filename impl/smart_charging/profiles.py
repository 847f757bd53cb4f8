"""Charging profiles as the charge point keeps them: the `ocpp.v16.datatypes.ChargingProfile`
of a SetChargingProfile.req plus the connector it was set on, read from and written to the
JSON wire form (camelCase) used on the wire and in the profile file, and ClearChargingProfile's
choice of them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeAlias

from ocpp.v16.datatypes import ChargingProfile, ChargingSchedule, ChargingSchedulePeriod
from ocpp.v16.enums import (
    ChargingProfileKindType,
    ChargingProfilePurposeType,
    ChargingRateUnitType,
    RecurrencyKind,
)

from ..ocpp import to_json_payload, to_keyword_arguments

Purpose: TypeAlias = ChargingProfilePurposeType
Kind: TypeAlias = ChargingProfileKindType


class ProfileFormatError(ValueError):
    """A profile (from the CSMS or the profile file) is not a well-formed ChargingProfile; the
    message names the field."""


@dataclass(frozen=True)
class InstalledProfile:
    """A profile as installed: the ChargingProfile and the connector it was set on."""

    connector_id: int
    profile: ChargingProfile

    @property
    def id(self) -> int:
        return int(self.profile.charging_profile_id)

    @property
    def purpose(self) -> Purpose:
        return Purpose(self.profile.charging_profile_purpose)

    @property
    def stack_level(self) -> int:
        return int(self.profile.stack_level)

    def to_json(self) -> dict[str, Any]:
        return {"connectorId": self.connector_id, "csChargingProfiles": profile_json(self.profile)}


@dataclass(frozen=True)
class ClearFilter:
    """ClearChargingProfile.req's fields; all None clears every profile."""

    id: int | None = None
    connector_id: int | None = None
    purpose: Purpose | None = None
    stack_level: int | None = None

    def matches(self, installed: InstalledProfile) -> bool:
        if self.id is not None:  # an id alone decides, as in libocpp
            return installed.id == self.id
        return (
            (self.connector_id is None or installed.connector_id == self.connector_id)
            and (self.purpose is None or installed.purpose == self.purpose)
            and (self.stack_level is None or installed.stack_level == self.stack_level)
        )


def profile_json(profile: ChargingProfile) -> dict[str, Any]:
    """The camelCase JSON object of a profile, as SetChargingProfile.req carries it."""
    document: dict[str, Any] = to_json_payload(profile)
    return document


def parse_time(value: str, where: str) -> datetime:
    """An RFC 3339 date-time as an aware UTC datetime (a missing offset is read as UTC)."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise ProfileFormatError(f"{where}: {value!r} is not an RFC 3339 date-time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_profile(fields: Mapping[str, Any]) -> ChargingProfile:
    """A ChargingProfile from its snake_case fields (as an action receives them)."""
    try:
        schedule = fields["charging_schedule"]
        profile = ChargingProfile(
            charging_profile_id=_integer(fields["charging_profile_id"], "chargingProfileId"),
            stack_level=_integer(fields["stack_level"], "stackLevel"),
            charging_profile_purpose=Purpose(fields["charging_profile_purpose"]),
            charging_profile_kind=Kind(fields["charging_profile_kind"]),
            charging_schedule=_parse_schedule(schedule),
            transaction_id=_optional_integer(fields.get("transaction_id"), "transactionId"),
            recurrency_kind=(
                None
                if fields.get("recurrency_kind") is None
                else RecurrencyKind(fields["recurrency_kind"])
            ),
            valid_from=fields.get("valid_from"),
            valid_to=fields.get("valid_to"),
        )
    except KeyError as missing:
        raise ProfileFormatError(f"csChargingProfiles: {missing.args[0]} is missing") from None
    except (TypeError, ValueError) as error:
        if isinstance(error, ProfileFormatError):
            raise
        raise ProfileFormatError(f"csChargingProfiles: {error}") from None
    for name in ("valid_from", "valid_to"):
        value = getattr(profile, name)
        if value is not None:
            parse_time(value, name)
    if profile.charging_schedule.start_schedule is not None:
        parse_time(profile.charging_schedule.start_schedule, "chargingSchedule.startSchedule")
    return profile


def _parse_schedule(fields: Mapping[str, Any]) -> ChargingSchedule:
    periods = [
        ChargingSchedulePeriod(
            start_period=_integer(period["start_period"], f"chargingSchedulePeriod[{index}]"),
            limit=_number(period["limit"], f"chargingSchedulePeriod[{index}].limit"),
            number_phases=_optional_integer(
                period.get("number_phases"), f"chargingSchedulePeriod[{index}].numberPhases"
            ),
        )
        for index, period in enumerate(fields["charging_schedule_period"])
    ]
    min_rate = fields.get("min_charging_rate")
    return ChargingSchedule(
        charging_rate_unit=ChargingRateUnitType(fields["charging_rate_unit"]),
        charging_schedule_period=periods,
        duration=_optional_integer(fields.get("duration"), "chargingSchedule.duration"),
        start_schedule=fields.get("start_schedule"),
        min_charging_rate=None if min_rate is None else _number(min_rate, "minChargingRate"),
    )


def from_json(document: Mapping[str, Any]) -> InstalledProfile:
    """An installed profile from its entry in the profile file (camelCase)."""
    fields = to_keyword_arguments(dict(document))
    return InstalledProfile(
        _integer(fields.get("connector_id"), "connectorId"),
        parse_profile(fields.get("cs_charging_profiles") or {}),
    )


def _integer(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProfileFormatError(f"{where}: {value!r} is not an integer")
    return value


def _optional_integer(value: object, where: str) -> int | None:
    return None if value is None else _integer(value, where)


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ProfileFormatError(f"{where}: {value!r} is not a finite number")
    return float(value)
