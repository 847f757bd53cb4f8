"""Composite schedule vectors. Every expected schedule is derived by hand in the comments
(times in UTC; `+N` is N seconds after the requested start)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ocpp.v16.enums import ChargingProfileStatus, ChargingRateUnitType

from everest_py.ocpp16.configuration import DEFINITIONS
from everest_py.ocpp16.smart_charging import (
    CompositeOptions,
    InstalledProfile,
    SmartCharging,
    composite_schedule,
    parse_profile,
)
from everest_py.ocpp16.smart_charging.composite import tenths

A, W = ChargingRateUnitType.amps, ChargingRateUnitType.watts
MONDAY = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)  # a Monday


def at(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def profile(
    connector: int,
    id: int,
    purpose: str,
    stack: int,
    periods: list[tuple[int, float] | tuple[int, float, int]],
    *,
    kind: str = "Absolute",
    unit: str = "A",
    start: datetime | None = MONDAY,
    **extra: Any,
) -> InstalledProfile:
    schedule: dict[str, Any] = {
        "charging_rate_unit": unit,
        "charging_schedule_period": [
            {"start_period": p[0], "limit": p[1], "number_phases": p[2] if len(p) > 2 else None}
            for p in periods
        ],
    }
    if start is not None and kind != "Relative":
        schedule["start_schedule"] = at(start)
    for key in ("duration", "min_charging_rate"):
        if key in extra:
            schedule[key] = extra.pop(key)
    fields = {
        "charging_profile_id": id,
        "stack_level": stack,
        "charging_profile_purpose": purpose,
        "charging_profile_kind": kind,
        "charging_schedule": schedule,
        **extra,
    }
    return InstalledProfile(connector, parse_profile(fields))


def limits(
    profiles: list[InstalledProfile],
    now: datetime,
    duration: int,
    unit: ChargingRateUnitType = A,
    connector: int = 1,
    **options: Any,
) -> list[tuple[int, float]]:
    schedule = composite_schedule(profiles, connector, now, duration, unit, **options)
    assert schedule.start == now and schedule.duration == duration
    return [(period.start_period, period.limit) for period in schedule.periods]


def test_no_profile_gives_libocpps_default_limit() -> None:
    assert limits([], MONDAY, 600) == [(0, 48.0)]
    assert limits([], MONDAY, 600, W) == [(0, 33120.0)]


def test_the_highest_stack_level_wins_where_profiles_overlap() -> None:
    base = profile(0, 1, "TxDefaultProfile", 0, [(0, 32)])  # all day from 10:00: 32 A
    # Stack level 1 on connector 1, from 10:10 for 1200 s: 16 A, from 10:20 on 10 A.
    upper = profile(
        1, 2, "TxDefaultProfile", 1, [(0, 16), (600, 10)],
        start=MONDAY + timedelta(minutes=10), duration=1200,
    )  # fmt: skip
    # +0..+600 only level 0 (32); +600..+1200 level 1's first period (16);
    # +1200..+1800 its second (10); its duration ends at 10:30 = +1800: back to 32.
    assert limits([base, upper], MONDAY, 3600) == [(0, 32), (600, 16), (1200, 10), (1800, 32)]
    # Level 1 below level 0 in value still wins: stack level, not the lower limit, decides.
    low_base = profile(0, 1, "TxDefaultProfile", 0, [(0, 8)])
    assert limits([low_base, upper], MONDAY, 3600) == [(0, 8), (600, 16), (1200, 10), (1800, 8)]


def test_daily_recurrence_across_midnight() -> None:
    base = profile(0, 1, "TxDefaultProfile", 0, [(0, 32)], start=MONDAY - timedelta(days=30))
    # Every day 22:00 to 02:00 (duration 4 h): 10 A for the first hour, then 6 A.
    night = profile(
        1, 2, "TxDefaultProfile", 1, [(0, 10), (3600, 6)], kind="Recurring",
        recurrency_kind="Daily", start=datetime(2026, 1, 1, 22, tzinfo=UTC), duration=4 * 3600,
    )  # fmt: skip
    # From Monday 21:30 for 6 h (to Tuesday 03:30): 21:30 base 32; 22:00 (+1800) 10;
    # 23:00 (+5400) 6; 02:00 (+16200) the occurrence ends: 32.
    evening = datetime(2026, 1, 5, 21, 30, tzinfo=UTC)
    assert limits([base, night], evening, 6 * 3600) == [(0, 32), (1800, 10), (5400, 6), (16200, 32)]
    # From Tuesday 01:00 for 2 h: still Monday's 22:00 occurrence (3 h in: 6 A) until 02:00.
    after_midnight = datetime(2026, 1, 6, 1, tzinfo=UTC)
    assert limits([base, night], after_midnight, 7200) == [(0, 6), (3600, 32)]


def test_weekly_recurrence_and_nothing_before_start_schedule() -> None:
    # Every Monday from 10:00 (first one: 2026-01-12) for 1 h: 12 A.
    weekly = profile(
        1, 1, "TxDefaultProfile", 0, [(0, 12)], kind="Recurring", recurrency_kind="Weekly",
        start=MONDAY + timedelta(days=7), duration=3600,
    )  # fmt: skip
    # On Monday 2026-01-05 the first occurrence is still a week ahead: default 48 A throughout
    # (libocpp would repeat it backwards too; we do not).
    assert limits([weekly], MONDAY, 7200) == [(0, 48)]
    # On Monday 2026-01-19 09:30: 48 until 10:00 (+1800), 12 until 11:00 (+5400), then 48.
    later = datetime(2026, 1, 19, 9, 30, tzinfo=UTC)
    assert limits([weekly], later, 7200) == [(0, 48), (1800, 12), (5400, 48)]


def test_a_profile_expiring_mid_session_hands_over_to_the_next() -> None:
    default = profile(0, 1, "TxDefaultProfile", 0, [(0, 32)])
    # A TxProfile of 16 A valid until 10:15: expires 900 s into the schedule.
    tx = profile(
        1, 2, "TxProfile", 0, [(0, 16)], kind="Relative",
        valid_to=at(MONDAY + timedelta(seconds=900)),
    )  # fmt: skip
    assert limits([default, tx], MONDAY, 3600, session_start=MONDAY) == [(0, 16), (900, 32)]
    # validFrom later than the start: the TxProfile only from 10:05 (+300).
    late = profile(1, 3, "TxProfile", 0, [(0, 16)], valid_from=at(MONDAY + timedelta(seconds=300)))
    assert limits([default, late], MONDAY, 3600) == [(0, 32), (300, 16)]


def test_relative_schedule_is_anchored_at_the_transaction_start() -> None:
    # 6 A for the first 30 min of the transaction, then 16 A.
    relative = profile(1, 1, "TxProfile", 0, [(0, 6), (1800, 16)], kind="Relative")
    # The transaction began 10 min before: 6 A until 20 min from now (+1200), then 16.
    started = MONDAY - timedelta(minutes=10)
    assert limits([relative], MONDAY, 3600, session_start=started) == [(0, 6), (1200, 16)]
    # Without a transaction (GetCompositeSchedule "as if one started now"): 16 A from +1800.
    assert limits([relative], MONDAY, 3600) == [(0, 6), (1800, 16)]


def test_tx_profile_overrides_tx_default_whatever_their_stack_levels() -> None:
    default = profile(0, 1, "TxDefaultProfile", 5, [(0, 10)])
    tx = profile(1, 2, "TxProfile", 0, [(0, 20)], transaction_id=7)
    # The TxProfile names transaction 7: it applies only while 7 runs.
    assert limits([default, tx], MONDAY, 600, transaction_id=7) == [(0, 20)]
    assert limits([default, tx], MONDAY, 600, transaction_id=8) == [(0, 10)]


def test_charge_point_max_caps_the_result() -> None:
    default = profile(0, 1, "TxDefaultProfile", 0, [(0, 32)])
    cap = profile(0, 2, "ChargePointMaxProfile", 0, [(0, 40), (600, 16)])
    # min(32, 40) = 32 for +0..+600, then min(32, 16) = 16.
    assert limits([default, cap], MONDAY, 1200) == [(0, 32), (600, 16)]
    # Connector 0 is the charge point itself: only the ChargePointMaxProfile.
    assert limits([default, cap], MONDAY, 1200, connector=0) == [(0, 40), (600, 16)]


def test_limits_in_the_other_unit_are_converted_with_voltage_and_phases() -> None:
    # 11000 W on 3 phases asked in A: 11000 / (230 V * 3) = 15.942 A -> 15.9 on the wire.
    watts = profile(1, 1, "TxDefaultProfile", 0, [(0, 11000, 3)], unit="W")
    schedule = composite_schedule([watts], 1, MONDAY, 600, A)
    assert abs(schedule.periods[0].limit - 11000 / 690) < 1e-9
    assert schedule.to_ocpp()["charging_schedule_period"] == [
        {"start_period": 0, "limit": 15.9, "number_phases": 3}
    ]
    # 16 A on 1 phase asked in W: 16 * 230 * 1 = 3680 W.
    amps = profile(1, 1, "TxDefaultProfile", 0, [(0, 16, 1)])
    assert limits([amps], MONDAY, 600, W) == [(0, 3680)]
    # A 7360 W cap over a 16 A default (phases unknown: libocpp's 3): the cap is
    # 7360 / 690 = 10.67 A, lower than 16 A, so it wins.
    cap = profile(0, 2, "ChargePointMaxProfile", 0, [(0, 7360)], unit="W")
    default = profile(0, 3, "TxDefaultProfile", 0, [(0, 16)])
    (only,) = composite_schedule([cap, default], 1, MONDAY, 600, A).periods
    assert abs(only.limit - 7360 / 690) < 1e-9
    # Another supply voltage (e.g. 120 V): 16 A * 120 V * 3 = 5760 W.
    assert limits([default], MONDAY, 600, W, options=CompositeOptions(supply_voltage=120)) == [
        (0, 5760)
    ]


def test_min_charging_rate_and_phases_travel_with_the_limit() -> None:
    tx = profile(1, 1, "TxDefaultProfile", 0, [(0, 16, 1)], min_charging_rate=6.0)
    schedule = composite_schedule([tx], 1, MONDAY, 600, A)
    assert schedule.min_charging_rate == 6.0
    assert schedule.periods[0].number_phases == 1
    assert schedule.to_ocpp()["min_charging_rate"] == 6.0


def test_tenths_always_pass_the_schemas_multiple_of() -> None:
    for value in (0.3, 15.94, 10.666, 7.0, 0.05, 33120.0):
        rounded = tenths(value)
        # Floored, by at most 0.3 (a tenth, plus up to two tenths the float check refuses).
        assert rounded <= value and value - rounded < 0.3 + 1e-9
        assert int(rounded / 0.1) == rounded / 0.1
    assert tenths(15.94) == 15.9 and tenths(0.3) == 0.2


def test_charge_point_max_caps_a_tx_profile_in_either_unit() -> None:
    default = profile(0, 1, "TxDefaultProfile", 0, [(0, 32)])
    # The transaction's own profile: 20 A from its start (MONDAY) on, for transaction 7.
    tx = profile(1, 2, "TxProfile", 3, [(0, 20)], kind="Relative", transaction_id=7)
    # The station's cap: 40 A for 10 min, then 11040 W (= 16 A at 230 V * 3 phases).
    cap = profile(0, 3, "ChargePointMaxProfile", 0, [(0, 40)], duration=600)
    cap_w = profile(
        0, 4, "ChargePointMaxProfile", 1, [(0, 11040)], unit="W",
        start=MONDAY + timedelta(seconds=600),
    )  # fmt: skip
    running = {"session_start": MONDAY, "transaction_id": 7}
    # +0..+600: the TxProfile (20 A) replaces the default (32 A); min(20, cap 40) = 20.
    # +600 on: min(20 A, 11040 W / 690 = 16 A) = 16: the cap wins over the TxProfile.
    assert limits([default, tx, cap, cap_w], MONDAY, 1200, **running) == [(0, 20), (600, 16)]
    # Asked in W: 20 A * 690 = 13800 W, then min(13800, 11040) = 11040 W.
    assert limits([default, tx, cap, cap_w], MONDAY, 1200, W, **running) == [
        (0, 13800),
        (600, 11040),
    ]
    # A cap above the TxProfile leaves it alone: 40 A over 20 A is 20 A.
    assert limits([tx, cap], MONDAY, 600, **running) == [(0, 20)]


def test_the_lower_number_of_phases_converts_both_units() -> None:
    # A TxProfile of 16 A on 1 phase under a 6900 W cap without phases: the period's phases are
    # the lower of those given (1), as libocpp merges them, so the cap is 6900 / 230 = 30 A and
    # the TxProfile's 16 A stays; in W that is 16 * 230 * 1 = 3680 W.
    tx = profile(1, 1, "TxProfile", 0, [(0, 16, 1)], kind="Relative")
    cap = profile(0, 2, "ChargePointMaxProfile", 0, [(0, 6900)], unit="W")
    assert limits([tx, cap], MONDAY, 600, session_start=MONDAY) == [(0, 16)]
    assert limits([tx, cap], MONDAY, 600, W, session_start=MONDAY) == [(0, 3680)]


def test_weekly_recurrence_across_the_week_boundary() -> None:
    # Every Sunday 23:00 for 2 h (into Monday 01:00): 8 A. First Sunday: 2026-01-04.
    weekly = profile(
        1, 1, "TxDefaultProfile", 0, [(0, 8)], kind="Recurring", recurrency_kind="Weekly",
        start=datetime(2026, 1, 4, 23, tzinfo=UTC), duration=7200,
    )  # fmt: skip
    # From Sunday 2026-01-11 22:30 for 3 h: 48 (no profile) until 23:00 (+1800), 8 until
    # Monday 01:00 (+9000), then 48 again.
    sunday = datetime(2026, 1, 11, 22, 30, tzinfo=UTC)
    assert limits([weekly], sunday, 3 * 3600) == [(0, 48), (1800, 8), (9000, 48)]
    # From Monday 00:30 for a week and an hour (+608400): 8 until 01:00 (+1800), 48 until the
    # next Sunday 23:00 (+6 d 22 h 30 min = 599400), 8 until Monday 01:00 (+2 h = 606600),
    # then 48.
    monday = datetime(2026, 1, 12, 0, 30, tzinfo=UTC)
    week = 7 * 86400 + 3600
    assert limits([weekly], monday, week) == [(0, 8), (1800, 48), (599400, 8), (606600, 48)]


def test_a_relative_profile_with_a_duration_hands_back_to_the_default() -> None:
    default = profile(0, 1, "TxDefaultProfile", 0, [(0, 32)])
    # 6 A for 20 min (duration 1200) from the transaction's start, 10 min before now:
    # 6 A until +600, then the default's 32 A.
    relative = profile(1, 2, "TxProfile", 0, [(0, 6)], kind="Relative", duration=1200)
    started = MONDAY - timedelta(minutes=10)
    assert limits([default, relative], MONDAY, 1800, session_start=started) == [(0, 6), (600, 32)]


def test_a_daily_profile_expiring_mid_session() -> None:
    # Every day from 08:00 for 12 h: 10 A, stack level 1, valid until Monday 12:30; under it a
    # default of 32 A. From Monday 10:00 for 4 h: 10 A until validTo (+9000), then 32.
    daily = profile(
        1, 1, "TxDefaultProfile", 1, [(0, 10)], kind="Recurring", recurrency_kind="Daily",
        start=datetime(2026, 1, 1, 8, tzinfo=UTC), duration=12 * 3600,
        valid_to=at(datetime(2026, 1, 5, 12, 30, tzinfo=UTC)),
    )  # fmt: skip
    default = profile(0, 2, "TxDefaultProfile", 0, [(0, 32)])
    assert limits([daily, default], MONDAY, 4 * 3600) == [(0, 10), (9000, 32)]


def test_at_equal_stack_levels_the_connectors_own_profile_wins() -> None:
    # TxDefaultProfiles at stack level 2: 10 A on connector 0 (every connector), 20 A on
    # connector 1. Connector 1 gets its own 20 A, connector 2 the 10 A of connector 0.
    everyone = profile(0, 1, "TxDefaultProfile", 2, [(0, 10)])
    own = profile(1, 2, "TxDefaultProfile", 2, [(0, 20)])
    assert limits([everyone, own], MONDAY, 600, connector=1) == [(0, 20)]
    assert limits([everyone, own], MONDAY, 600, connector=2) == [(0, 10)]


async def test_the_allowed_unit_key_decides_the_unit_of_the_composite(tmp_path: Path) -> None:
    keys = {d.name: d.default for d in DEFINITIONS}
    service = SmartCharging(tmp_path, 1, keys.get, lambda: MONDAY)
    # Installed while both units are allowed: a 16 A default and a 7360 W cap.
    default = profile(0, 1, "TxDefaultProfile", 0, [(0, 16)]).profile
    cap = profile(0, 2, "ChargePointMaxProfile", 0, [(0, 7360)], unit="W").profile
    assert await service.set_profile(0, default) == ChargingProfileStatus.accepted
    assert await service.set_profile(0, cap) == ChargingProfileStatus.accepted
    # "Current,Power": the first allowed unit, A (as libocpp); the cap is 7360 / 690 = 10.67 A.
    composite = service.composite(1, 600)
    assert composite.unit is A and abs(composite.periods[0].limit - 7360 / 690) < 1e-9
    # "Power" only: in W; the default is 16 * 690 = 11040 W, so the cap's 7360 W is lower.
    keys["ChargingScheduleAllowedChargingRateUnit"] = "Power"
    composite = service.composite(1, 600)
    assert (composite.unit, composite.periods[0].limit) == (W, 7360)
    # "Current" only: in A again. A unit the CSMS asks for wins over the key.
    keys["ChargingScheduleAllowedChargingRateUnit"] = "Current"
    assert service.composite(1, 600).unit is A
    assert service.composite(1, 600, W).periods[0].limit == 7360
