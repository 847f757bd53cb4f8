"""The composite schedule of a connector: pure functions of the installed profiles, the
transaction's start and an injected `now` (OCPP 1.6 §3.13.2-3.13.4, combined as libocpp does).

Each profile is unrolled into timed entries (one per schedule period and occurrence). At every
instant, per purpose, the entry of the highest stack level wins; the TxProfile's winner
overrides the TxDefaultProfile's; the result is capped by the ChargePointMaxProfile's winner.
Limits in A and in W are kept apart until the end, where the other unit is converted with
`supply_voltage * phases` and the lower one is taken (libocpp's rule).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeAlias

from ocpp.v16.datatypes import ChargingProfile
from ocpp.v16.enums import ChargingRateUnitType, RecurrencyKind

from .profiles import InstalledProfile, Kind, Purpose, parse_time

Unit: TypeAlias = ChargingRateUnitType
DAY = 86_400
WEEK = 7 * DAY
FOREVER = 2**62  # seconds: "no end" that still orders and adds like a number
# Longest composite schedule computed (longer requests are cut, as libocpp cuts at its
# MaxCompositeScheduleDuration): bounds the work a CSMS can ask for.
MAX_DURATION = 31 * DAY


@dataclass(frozen=True)
class CompositeOptions:
    """What libocpp assumes where a profile says nothing (its defaults: 230 V, 3 phases, and
    48 A / 33120 W where no profile limits at all)."""

    supply_voltage: float = 230.0
    default_phases: int = 3
    default_amps: float = 48.0
    default_watts: float = 33_120.0


@dataclass(frozen=True)
class Entry:
    """One schedule period of one occurrence of a profile, in whole epoch seconds."""

    start: int
    end: int
    stack_level: int
    specific: bool  # set on this connector, not on connector 0
    unit: Unit
    limit: float
    phases: int | None
    min_rate: float | None


@dataclass(frozen=True)
class CompositePeriod:
    """One period of a composite schedule: its limit from `start_period` on."""

    start_period: int  # seconds after the schedule's start
    limit: float
    number_phases: int | None = None
    min_rate: float | None = None  # of the profile that set the limit, in the schedule's unit


@dataclass(frozen=True)
class CompositeSchedule:
    """A connector's composite schedule: from `start`, for `duration` seconds, in `unit`."""

    start: datetime
    duration: int
    unit: Unit
    periods: tuple[CompositePeriod, ...]

    @property
    def min_charging_rate(self) -> float | None:
        """The schedule's minChargingRate: that of the first period (one value per schedule
        in OCPP 1.6)."""
        return self.periods[0].min_rate if self.periods else None

    def period_at(self, moment: datetime) -> tuple[CompositePeriod, datetime | None]:
        """The period in force at `moment` and when the next one starts (None: not within
        the schedule)."""
        offset = int((moment - self.start).total_seconds())
        current = self.period_in_force(offset)
        following = next((p for p in self.periods if p.start_period > offset), None)
        change = (
            None if following is None else self.start + timedelta(seconds=following.start_period)
        )
        return current, change

    def period_in_force(self, offset: int) -> CompositePeriod:
        """The period in force `offset` seconds after the start (the first before it)."""
        current = self.periods[0]
        for period in self.periods:
            if period.start_period > offset:
                break
            current = period
        return current

    def to_ocpp(self) -> dict[str, Any]:
        """The chargingSchedule of GetCompositeSchedule.conf (snake_case; the endpoint writes
        camelCase). Limits are floored to the 0.1 steps the schema demands."""
        schedule: dict[str, Any] = {
            "duration": self.duration,
            "start_schedule": timestamp(self.start),
            "charging_rate_unit": self.unit.value,
            "charging_schedule_period": [
                {
                    "start_period": period.start_period,
                    "limit": tenths(period.limit),
                    "number_phases": period.number_phases,
                }
                for period in self.periods
            ],
        }
        if self.min_charging_rate is not None:
            schedule["min_charging_rate"] = tenths(self.min_charging_rate)
        return schedule


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def tenths(value: float) -> float:
    """`value` floored to a multiple of 0.1 that passes JSON Schema's float `multipleOf: 0.1`
    check (quotient an integer), as the schema-checking peers apply it: 0.3 fails it
    (0.3 / 0.1 = 2.9999999999999996), so the next lower tenth that passes is taken (at most
    0.2 lower; a limit is never rounded up)."""
    steps = max(math.floor(round(value * 10, 6)), 0)
    while steps > 0 and not _passes_multiple_of(steps / 10):
        steps -= 1
    return steps / 10


def _passes_multiple_of(number: float) -> bool:
    quotient = number / 0.1
    return int(quotient) == quotient


def seconds(moment: datetime) -> int:
    return math.floor(moment.timestamp())


# --- unrolling one profile into entries -------------------------------------------------------


def occurrence_starts(
    profile: ChargingProfile, window_start: int, window_end: int, session_start: int | None
) -> list[int]:
    """When the schedule starts: startSchedule (Absolute), the transaction's start or else the
    window's start (Relative), each day/week from startSchedule (Recurring)."""
    schedule = profile.charging_schedule
    anchor = None if schedule.start_schedule is None else _epoch(schedule.start_schedule)
    kind = Kind(profile.charging_profile_kind)
    if kind is Kind.absolute:
        valid_from = None if profile.valid_from is None else _epoch(profile.valid_from)
        return [anchor if anchor is not None else valid_from or window_start]
    if kind is Kind.relative:
        return [session_start if session_start is not None else window_start]
    if anchor is None or profile.recurrency_kind is None:
        return []
    step = DAY if RecurrencyKind(profile.recurrency_kind) is RecurrencyKind.daily else WEEK
    start = window_start - (window_start - anchor) % step
    starts = []
    while start <= window_end:
        # Our choice (libocpp also repeats backwards): no occurrence before startSchedule.
        if start >= anchor:
            starts.append(start)
        start += step
    return starts


def profile_entries(
    installed: InstalledProfile,
    connector_id: int,
    window_start: int,
    window_end: int,
    session_start: int | None,
) -> list[Entry]:
    profile = installed.profile
    schedule = profile.charging_schedule
    periods = schedule.charging_schedule_period
    valid_from = None if profile.valid_from is None else _epoch(profile.valid_from)
    valid_to = None if profile.valid_to is None else _epoch(profile.valid_to)
    starts = occurrence_starts(profile, window_start, window_end, session_start)
    entries = []
    for occurrence, origin in enumerate(starts):
        for index, period in enumerate(periods):
            start = origin + period.start_period
            end = origin + (
                periods[index + 1].start_period if index + 1 < len(periods) else FOREVER
            )
            if schedule.duration is not None:
                end = min(end, origin + schedule.duration)
            if occurrence + 1 < len(starts):
                end = min(end, starts[occurrence + 1])
            if valid_to is not None:
                end = min(end, valid_to)
            if valid_from is not None:
                start = max(start, valid_from)
            if end <= start or end <= window_start or start > window_end:
                continue
            entries.append(
                Entry(
                    start=start,
                    end=end,
                    stack_level=profile.stack_level,
                    specific=installed.connector_id == connector_id != 0,
                    unit=Unit(schedule.charging_rate_unit),
                    limit=period.limit,
                    phases=period.number_phases,
                    min_rate=schedule.min_charging_rate,
                )
            )
    return entries


def _epoch(text: str) -> int:
    return seconds(parse_time(text, "profile"))


# --- combining ------------------------------------------------------------------------------


class _Sweep:
    """The entries in force as time moves forward: the entry of the highest stack level wins;
    at equal stack levels one set on the connector itself beats one set on connector 0 (our
    choice: the more specific). At most one entry per profile is active at a time, so each
    step costs the number of profiles, not of entries."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._pending = sorted(entries, key=lambda entry: entry.start, reverse=True)
        self._active: list[Entry] = []

    def winner(self, moment: int) -> Entry | None:
        """Call with increasing moments."""
        while self._pending and self._pending[-1].start <= moment:
            self._active.append(self._pending.pop())
        self._active = [entry for entry in self._active if entry.end > moment]
        return max(
            self._active, key=lambda entry: (entry.stack_level, entry.specific), default=None
        )


@dataclass(frozen=True)
class _Slot:
    """The limits in force during one stretch of time, per unit, with the entries that set them."""

    amps: Entry | None
    watts: Entry | None
    phases: int | None


def _lowest(entries: Sequence[Entry | None]) -> _Slot:
    present = [entry for entry in entries if entry is not None]
    amps = min((e for e in present if e.unit is Unit.amps), key=lambda e: e.limit, default=None)
    watts = min((e for e in present if e.unit is Unit.watts), key=lambda e: e.limit, default=None)
    phase_counts = [entry.phases for entry in present if entry.phases is not None]
    return _Slot(amps, watts, min(phase_counts, default=None))


def _period(slot: _Slot, offset: int, unit: Unit, options: CompositeOptions) -> CompositePeriod:
    if slot.amps is None and slot.watts is None:
        default = options.default_amps if unit is Unit.amps else options.default_watts
        return CompositePeriod(offset, default)
    factor = options.supply_voltage * (slot.phases or options.default_phases)
    candidates: list[tuple[float, float | None]] = []  # (limit, min rate) in `unit`
    for entry in (slot.amps, slot.watts):
        if entry is None:
            continue
        scale = 1.0 if entry.unit is unit else factor if unit is Unit.watts else 1 / factor
        minimum = None if entry.min_rate is None else entry.min_rate * scale
        candidates.append((entry.limit * scale, minimum))
    limit, minimum = min(candidates, key=lambda candidate: candidate[0])
    return CompositePeriod(
        offset, limit, slot.phases, None if minimum is None else min(minimum, limit)
    )


def composite_schedule(
    profiles: Iterable[InstalledProfile],
    connector_id: int,
    now: datetime,
    duration: int,
    unit: Unit,
    *,
    session_start: datetime | None = None,
    transaction_id: int | None = None,
    options: CompositeOptions = CompositeOptions(),
) -> CompositeSchedule:
    """The composite schedule of `connector_id` (0: the ChargePointMaxProfile alone; the
    service adds the connectors' up for connector 0, see `summed`) from `now`
    (floored to the second) for `duration` seconds, in `unit`.

    As libocpp (and its GetCompositeSchedule), TxDefaultProfiles count whether or not a
    transaction runs; a TxProfile counts if it names no transaction or the running one;
    a Relative schedule starts at `session_start`, or at `now` without a transaction.
    """
    window_start = seconds(now)
    window_end = window_start + min(max(duration, 0), MAX_DURATION)
    session = None if session_start is None else seconds(session_start)
    by_purpose: dict[Purpose, list[Entry]] = {purpose: [] for purpose in Purpose}
    for installed in profiles:
        if not _applies(installed, connector_id, transaction_id):
            continue
        by_purpose[Purpose(installed.purpose)].extend(
            profile_entries(installed, connector_id, window_start, window_end, session)
        )
    boundaries = {window_start}
    for entries in by_purpose.values():
        for entry in entries:
            boundaries.update(t for t in (entry.start, entry.end) if window_start < t < window_end)
    sweeps = {purpose: _Sweep(entries) for purpose, entries in by_purpose.items()}
    periods: list[CompositePeriod] = []
    for moment in sorted(boundaries):
        tx = sweeps[Purpose.tx_profile].winner(moment)
        tx_default = sweeps[Purpose.tx_default_profile].winner(moment)
        maximum = sweeps[Purpose.charge_point_max_profile].winner(moment)
        slot = _lowest([tx if tx is not None else tx_default, maximum])
        period = _period(slot, moment - window_start, unit, options)
        if not periods or _differs(periods[-1], period):
            periods.append(period)
    start = datetime.fromtimestamp(window_start, UTC)
    return CompositeSchedule(start, window_end - window_start, unit, tuple(periods))


def summed(parts: Sequence[CompositeSchedule], cap: CompositeSchedule) -> CompositeSchedule:
    """Connector 0's composite schedule: what the charge point as a whole expects to draw
    (§5.7), the connectors' schedules added up, and no more than `cap` (connector 0's own,
    the ChargePointMaxProfile). All share `cap`'s start, duration and unit. A period's phase
    count is the cap's where the cap decides, else the connectors' when they all agree."""
    offsets = sorted({p.start_period for schedule in (*parts, cap) for p in schedule.periods})
    periods: list[CompositePeriod] = []
    for offset in offsets:
        at = [schedule.period_in_force(offset) for schedule in parts]
        total = sum(period.limit for period in at)
        limit = cap.period_in_force(offset)
        if limit.limit <= total:
            period = CompositePeriod(offset, limit.limit, limit.number_phases)
        else:
            phases = {p.number_phases for p in at}
            period = CompositePeriod(offset, total, phases.pop() if len(phases) == 1 else None)
        if not periods or _differs(periods[-1], period):
            periods.append(period)
    return CompositeSchedule(cap.start, cap.duration, cap.unit, tuple(periods))


def shared(schedule: CompositeSchedule, cap: CompositeSchedule, share: int) -> CompositeSchedule:
    """`schedule` (one connector's) kept to a `share`-th of `cap` (the charge point's limit
    for all connectors together) wherever that is lower; same start, duration and unit."""
    offsets = sorted({p.start_period for s in (schedule, cap) for p in s.periods})
    periods: list[CompositePeriod] = []
    for offset in offsets:
        own = schedule.period_in_force(offset)
        limit = min(own.limit, cap.period_in_force(offset).limit / share)
        min_rate = None if own.min_rate is None else min(own.min_rate, limit)
        period = CompositePeriod(offset, limit, own.number_phases, min_rate)
        if not periods or _differs(periods[-1], period):
            periods.append(period)
    return dataclasses.replace(schedule, periods=tuple(periods))


def _applies(installed: InstalledProfile, connector_id: int, transaction_id: int | None) -> bool:
    purpose = Purpose(installed.purpose)
    if purpose is Purpose.charge_point_max_profile:
        return True
    if connector_id == 0 or installed.connector_id not in (0, connector_id):
        return False
    if purpose is Purpose.tx_profile:
        wanted = installed.profile.transaction_id
        return wanted is None or wanted == transaction_id
    return True


def _differs(previous: CompositePeriod, period: CompositePeriod) -> bool:
    return (previous.limit, previous.number_phases, previous.min_rate) != (
        period.limit,
        period.number_phases,
        period.min_rate,
    )
