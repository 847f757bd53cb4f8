"""Whether a SetChargingProfile.req may be accepted (OCPP 1.6 §3.13, §5.16 and the Smart
Charging keys), checked as libocpp checks it; stricter where noted."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ocpp.v16.datatypes import ChargingProfile
from ocpp.v16.enums import ChargingRateUnitType, RecurrencyKind

from .profiles import Kind, Purpose, parse_time

MAX_PHASES = 3
# ChargingScheduleAllowedChargingRateUnit names units as the spec does.
UNIT_NAMES = {"Current": ChargingRateUnitType.amps, "Power": ChargingRateUnitType.watts}
TransactionIdOf = Callable[[int], int | None]
TransactionRunning = Callable[[int], bool]


class ProfileRejected(ValueError):
    """The profile may not be installed; the message says why (logged, answered Rejected)."""


@dataclass(frozen=True)
class ProfileLimits:
    """The Smart Charging keys' values and the number of connectors."""

    connectors: int
    max_stack_level: int
    allowed_units: frozenset[ChargingRateUnitType]
    max_periods: int
    max_installed: int


def allowed_units(value: str | None) -> frozenset[ChargingRateUnitType]:
    """ChargingScheduleAllowedChargingRateUnit ("Current,Power") as units."""
    names = [item.strip() for item in (value or "").split(",") if item.strip()]
    return frozenset(UNIT_NAMES[name] for name in names if name in UNIT_NAMES)


def check_profile(
    profile: ChargingProfile,
    connector_id: int,
    limits: ProfileLimits,
    transaction_id_of: TransactionIdOf,
    transaction_running: TransactionRunning,
) -> None:
    """Raise ProfileRejected unless `profile` may be set on `connector_id` (the number of
    installed profiles is checked by the service, which knows what a profile replaces).
    `transaction_id_of`: the CSMS's id of the connector's transaction (None before its
    StartTransaction.conf); `transaction_running`: whether one runs there at all."""
    _check_form(profile, connector_id, limits)
    _check_purpose(profile, connector_id, transaction_id_of, transaction_running)


def check_remote_start_profile(
    profile: ChargingProfile, connector_id: int, limits: ProfileLimits
) -> None:
    """Raise ProfileRejected unless `profile`, the chargingProfile of a RemoteStartTransaction
    on `connector_id`, can be installed for the transaction it starts: OCPP 1.6 §5.11 says its
    purpose SHALL be TxProfile (libocpp answers Rejected otherwise). Checked before the answer,
    so an Accepted is never followed by a profile that cannot be installed."""
    if Purpose(profile.charging_profile_purpose) is not Purpose.tx_profile:
        raise ProfileRejected(
            f"a RemoteStartTransaction chargingProfile must be a TxProfile, not a "
            f"{profile.charging_profile_purpose}"
        )
    if connector_id == 0:
        raise ProfileRejected("a TxProfile cannot be set on connector 0")
    _check_form(profile, connector_id, limits)


def _check_form(profile: ChargingProfile, connector_id: int, limits: ProfileLimits) -> None:
    """What any profile must satisfy, with or without a transaction to belong to."""
    if not 0 <= connector_id <= limits.connectors:
        raise ProfileRejected(f"connector {connector_id} does not exist")
    if not 0 <= profile.stack_level <= limits.max_stack_level:
        raise ProfileRejected(
            f"stackLevel {profile.stack_level} is outside 0..ChargeProfileMaxStackLevel="
            f"{limits.max_stack_level}"
        )
    _check_kind(profile)
    _check_schedule(profile, limits)
    _check_validity(profile)


def _check_kind(profile: ChargingProfile) -> None:
    kind = Kind(profile.charging_profile_kind)
    start = profile.charging_schedule.start_schedule
    if kind is Kind.absolute and start is None:
        raise ProfileRejected("an Absolute profile needs chargingSchedule.startSchedule")
    if kind is Kind.recurring:
        if profile.recurrency_kind is None:
            raise ProfileRejected("a Recurring profile needs recurrencyKind")
        if start is None:
            raise ProfileRejected("a Recurring profile needs chargingSchedule.startSchedule")


def _check_schedule(profile: ChargingProfile, limits: ProfileLimits) -> None:
    schedule = profile.charging_schedule
    periods = schedule.charging_schedule_period
    if not periods:
        raise ProfileRejected("chargingSchedulePeriod is empty")
    if len(periods) > limits.max_periods:
        raise ProfileRejected(
            f"{len(periods)} periods exceed ChargingScheduleMaxPeriods={limits.max_periods}"
        )
    if ChargingRateUnitType(schedule.charging_rate_unit) not in limits.allowed_units:
        raise ProfileRejected(
            f"chargingRateUnit {schedule.charging_rate_unit} is not allowed by "
            "ChargingScheduleAllowedChargingRateUnit"
        )
    if schedule.duration is not None and schedule.duration < 0:
        raise ProfileRejected(f"duration {schedule.duration} is negative")
    minimum = schedule.min_charging_rate
    if minimum is not None and (not math.isfinite(minimum) or minimum < 0):
        raise ProfileRejected(f"minChargingRate {minimum} is not a non-negative number")
    # Stricter than libocpp, which accepts these and skips the bad periods when computing.
    if periods[0].start_period != 0:
        raise ProfileRejected("the first period must have startPeriod 0")
    for index, period in enumerate(periods):
        where = f"chargingSchedulePeriod[{index}]"
        if index and period.start_period <= periods[index - 1].start_period:
            raise ProfileRejected(f"{where}: startPeriod values must increase")
        if not math.isfinite(period.limit) or period.limit < 0:
            raise ProfileRejected(f"{where}: limit {period.limit} is not a non-negative number")
        phases = period.number_phases
        if phases is not None and not 1 <= phases <= MAX_PHASES:
            raise ProfileRejected(f"{where}: numberPhases {phases} is outside 1..{MAX_PHASES}")


def _check_validity(profile: ChargingProfile) -> None:
    if profile.valid_from is None or profile.valid_to is None:
        return
    if parse_time(profile.valid_to, "validTo") <= parse_time(profile.valid_from, "validFrom"):
        raise ProfileRejected("validTo is not after validFrom")


def _check_purpose(
    profile: ChargingProfile,
    connector_id: int,
    transaction_id_of: TransactionIdOf,
    transaction_running: TransactionRunning,
) -> None:
    purpose = Purpose(profile.charging_profile_purpose)
    if purpose is Purpose.charge_point_max_profile:
        if connector_id != 0:
            raise ProfileRejected("a ChargePointMaxProfile can only be set on connector 0")
        if Kind(profile.charging_profile_kind) is Kind.relative:
            raise ProfileRejected("a ChargePointMaxProfile cannot be Relative")
    if purpose is Purpose.tx_profile:
        if connector_id == 0:
            raise ProfileRejected("a TxProfile cannot be set on connector 0")
        # §3.13.1: discarded only when no transaction is active on the connector. One that
        # waits for its StartTransaction.conf is active; its id is not known yet, so a
        # `transactionId` cannot be checked until then (the profile applies once it matches).
        if not transaction_running(connector_id):
            raise ProfileRejected(f"a TxProfile needs a transaction on connector {connector_id}")
        running = transaction_id_of(connector_id)
        if running is not None and profile.transaction_id not in (None, running):
            raise ProfileRejected(
                f"transactionId {profile.transaction_id} is not the transaction {running} "
                f"running on connector {connector_id}"
            )


def capped_duration(profile: ChargingProfile) -> ChargingProfile:
    """A Recurring schedule's duration cut to its recurrence (a day or a week), as libocpp does."""
    schedule = profile.charging_schedule
    if Kind(profile.charging_profile_kind) is not Kind.recurring or schedule.duration is None:
        return profile
    daily = RecurrencyKind(profile.recurrency_kind) is RecurrencyKind.daily
    longest = 86_400 if daily else 7 * 86_400
    if schedule.duration > longest:
        schedule.duration = longest
    return profile
