"""The Smart Charging service: validation, replacement, clearing, the profile limit, the
profile file across a restart, and the limits handed to an EVSE."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from ocpp.v16.enums import ChargingProfileStatus, ChargingRateUnitType, ClearChargingProfileStatus

from everest_py.generated.types import energy
from everest_py.ocpp16.configuration import DEFINITIONS
from everest_py.ocpp16.smart_charging import (
    ClearFilter,
    CompositeOptions,
    LimitPublisher,
    ProfileFormatError,
    ProfileStoreError,
    SmartCharging,
    connector_limits,
    external_limits,
    parse_profile,
    schedules,
)
from everest_py.ocpp16.smart_charging.profiles import Purpose
from everest_py.ocpp16.smart_charging.store import FILE_NAME

NOW = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
ACCEPTED, REJECTED = ChargingProfileStatus.accepted, ChargingProfileStatus.rejected
DEFAULTS = {d.name: d.default for d in DEFINITIONS}


def service(
    data_dir: Path,
    transactions: dict[int, int] | None = None,
    clock: list[datetime] | None = None,
    **keys: str,
) -> SmartCharging:
    values = {**DEFAULTS, **keys}
    running = transactions or {}
    return SmartCharging(
        data_dir,
        2,
        values.get,
        lambda: (clock or [NOW])[0],
        transaction_id_of=running.get,
        transaction_start_of=lambda connector: NOW if connector in running else None,
    )


def fields(
    id: int = 1, purpose: str = "TxDefaultProfile", stack: int = 0, **changes: Any
) -> dict[str, Any]:
    schedule = {
        "charging_rate_unit": "A",
        "charging_schedule_period": [{"start_period": 0, "limit": 16.0}],
        "start_schedule": "2026-01-05T09:00:00Z",
    }
    schedule.update(changes.pop("schedule", {}))
    return {
        "charging_profile_id": id,
        "stack_level": stack,
        "charging_profile_purpose": purpose,
        "charging_profile_kind": "Absolute",
        "charging_schedule": schedule,
        **changes,
    }


async def set_(sc: SmartCharging, connector: int, **kwargs: Any) -> ChargingProfileStatus:
    return await sc.set_profile(connector, parse_profile(fields(**kwargs)))


@pytest.mark.parametrize(
    ("connector", "changes"),
    [
        (3, {}),  # no connector 3
        (1, {"stack": 11}),  # above ChargeProfileMaxStackLevel=10
        (1, {"purpose": "ChargePointMaxProfile"}),  # only on connector 0
        (0, {"purpose": "ChargePointMaxProfile", "charging_profile_kind": "Relative"}),
        (0, {"purpose": "TxProfile"}),  # never on connector 0
        (2, {"purpose": "TxProfile"}),  # no transaction on connector 2
        (1, {"purpose": "TxProfile", "transaction_id": 99}),  # 42 runs on connector 1
        (1, {"schedule": {"start_schedule": None}}),  # Absolute without startSchedule
        (1, {"charging_profile_kind": "Recurring"}),  # without recurrencyKind
        (1, {"schedule": {"charging_schedule_period": [{"start_period": 5, "limit": 1.0}]}}),
        (1, {"schedule": {"charging_schedule_period": [
            {"start_period": 0, "limit": 1.0}, {"start_period": 0, "limit": 2.0}]}}),
        (1, {"schedule": {"charging_schedule_period": [
            {"start_period": 0, "limit": -1.0}]}}),
        (1, {"schedule": {"charging_schedule_period": [
            {"start_period": 0, "limit": 1.0, "number_phases": 4}]}}),
        (1, {"schedule": {"charging_schedule_period": [
            {"start_period": i, "limit": 1.0} for i in range(25)]}}),  # > ChargingScheduleMaxPeriods
        (1, {"valid_from": "2026-01-06T00:00:00Z", "valid_to": "2026-01-05T00:00:00Z"}),
    ],
)  # fmt: skip
async def test_invalid_profiles_are_rejected(
    tmp_path: Path, connector: int, changes: dict[str, Any]
) -> None:
    sc = service(tmp_path, {1: 42})
    assert await set_(sc, connector, **changes) is REJECTED
    assert sc.profiles == ()
    assert not (tmp_path / FILE_NAME).exists()


async def test_allowed_units_key_restricts_the_unit(tmp_path: Path) -> None:
    sc = service(tmp_path, ChargingScheduleAllowedChargingRateUnit="Power")
    assert await set_(sc, 1) is REJECTED
    assert await set_(sc, 1, schedule={"charging_rate_unit": "W"}) is ACCEPTED


def test_malformed_profiles_name_the_field() -> None:
    with pytest.raises(ProfileFormatError, match="valid_from"):
        parse_profile(fields(valid_from="yesterday"))
    with pytest.raises(ProfileFormatError, match="stack_level"):
        parse_profile({k: v for k, v in fields().items() if k != "stack_level"})


async def test_tx_profile_needs_the_running_transaction(tmp_path: Path) -> None:
    sc = service(tmp_path, {1: 42})
    assert await set_(sc, 1, purpose="TxProfile", transaction_id=42) is ACCEPTED
    assert await set_(sc, 1, id=2, purpose="TxProfile", stack=1) is ACCEPTED
    await sc.transaction_ended(1)  # TxProfiles end with their transaction
    assert sc.profiles == ()


async def test_replacement_by_id_and_by_stack_level_and_purpose(tmp_path: Path) -> None:
    sc = service(tmp_path)
    assert await set_(sc, 1, id=1, stack=0) is ACCEPTED
    assert await set_(sc, 1, id=1, stack=3) is ACCEPTED  # same id: replaced
    assert [(p.id, p.stack_level) for p in sc.profiles] == [(1, 3)]
    assert await set_(sc, 1, id=2, stack=3) is ACCEPTED  # same connector/purpose/stack
    assert [p.id for p in sc.profiles] == [2]
    assert await set_(sc, 2, id=3, stack=3) is ACCEPTED  # other connector: both stay
    assert await set_(sc, 0, id=4, stack=3, purpose="ChargePointMaxProfile") is ACCEPTED
    assert sorted(p.id for p in sc.profiles) == [2, 3, 4]
    # A profile for connector 0 is one for every connector: it replaces theirs of the same
    # stack level and purpose (§3.13.2), else the older connector profile would keep winning.
    assert await set_(sc, 0, id=5, stack=3) is ACCEPTED
    assert sorted(p.id for p in sc.profiles) == [4, 5]
    # One for a connector replaces only that connector's own (here: none), not connector 0's.
    assert await set_(sc, 1, id=6, stack=3) is ACCEPTED
    assert sorted(p.id for p in sc.profiles) == [4, 5, 6]


async def test_a_new_process_starts_without_tx_profiles(tmp_path: Path) -> None:
    """No transaction outlives the process; its TxProfile must not limit the next one."""
    sc = service(tmp_path, transactions={1: 42})
    assert await set_(sc, 1, id=1, purpose="TxProfile", transaction_id=42) is ACCEPTED
    assert await set_(sc, 1, id=2) is ACCEPTED
    assert sorted(p.id for p in service(tmp_path).profiles) == [2]


async def test_max_profiles_installed_counts_what_stays(tmp_path: Path) -> None:
    clock = [NOW]
    sc = service(tmp_path, clock=clock, MaxChargingProfilesInstalled="2")
    assert await set_(sc, 1, id=1, stack=0, valid_to="2026-01-06T00:00:00Z") is ACCEPTED
    assert await set_(sc, 1, id=2, stack=1) is ACCEPTED
    assert await set_(sc, 1, id=3, stack=2) is REJECTED  # a third one
    assert await set_(sc, 1, id=3, stack=1) is ACCEPTED  # replaces id 2: still two
    # A day later id 1 has expired: it gives way to a new one.
    clock[0] = NOW + timedelta(days=1, seconds=1)
    assert await set_(sc, 2, id=5, stack=0) is ACCEPTED
    assert sorted(p.id for p in sc.profiles) == [3, 5]


async def test_clear_by_id_connector_purpose_stack_level(tmp_path: Path) -> None:
    sc = service(tmp_path)
    await set_(sc, 1, id=1, stack=0)
    await set_(sc, 2, id=2, stack=0)
    await set_(sc, 1, id=3, stack=1)
    await set_(sc, 0, id=4, stack=1, purpose="ChargePointMaxProfile")
    unknown, accepted = ClearChargingProfileStatus.unknown, ClearChargingProfileStatus.accepted
    assert await sc.clear(ClearFilter(id=9)) is unknown
    # An id decides alone (libocpp): the connector given with it is not checked.
    assert await sc.clear(ClearFilter(id=2, connector_id=1)) is accepted
    assert await sc.clear(ClearFilter(connector_id=1, stack_level=1)) is accepted
    assert [p.id for p in sc.profiles] == [1, 4]
    assert await sc.clear(ClearFilter(purpose=Purpose.tx_profile)) is unknown
    assert await sc.clear(ClearFilter(purpose=Purpose.charge_point_max_profile)) is accepted
    assert await sc.clear(ClearFilter()) is accepted  # everything
    assert sc.profiles == ()
    assert await sc.clear(ClearFilter()) is accepted  # nothing left: still Accepted


async def test_profiles_survive_a_restart(tmp_path: Path) -> None:
    first = service(tmp_path)
    await set_(first, 0, id=1, purpose="ChargePointMaxProfile", schedule={"duration": 3600})
    await set_(
        first, 1, id=2, charging_profile_kind="Recurring", recurrency_kind="Daily",
        schedule={"charging_schedule_period": [{"start_period": 0, "limit": 6.5, "number_phases": 1}]},
    )  # fmt: skip
    await first.clear(ClearFilter(id=1))
    await set_(first, 2, id=3, stack=4, valid_to="2027-01-01T00:00:00Z")
    again = service(tmp_path)
    assert again.profiles == first.profiles
    assert [(p.connector_id, p.id) for p in again.profiles] == [(1, 2), (2, 3)]
    assert again.composite(1, 60).periods[0].limit == 6.5


def test_a_broken_profile_file_is_reported_with_its_path(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(json.dumps({"version": 1, "profiles": [{"connectorId": 1}]}))
    with pytest.raises(ProfileStoreError, match=FILE_NAME):
        service(tmp_path)
    (tmp_path / FILE_NAME).write_text("{")
    with pytest.raises(ProfileStoreError, match="not JSON"):
        service(tmp_path)


async def test_a_failed_write_answers_rejected_and_changes_nothing(tmp_path: Path) -> None:
    sc = service(tmp_path / "data")
    (tmp_path / "data").write_text("")  # a file where the data directory should be
    assert await set_(sc, 1) is REJECTED
    assert sc.profiles == ()


async def test_connector_limits_and_external_limits(tmp_path: Path) -> None:
    sc = service(tmp_path, {1: 42})
    changes: list[str] = []
    sc.change_listeners.append(lambda: changes.append("changed"))
    # Connector 1: 16 A until 10:05, then 8 A; connector 2: nothing (the 48 A default).
    await set_(
        sc, 1, schedule={"charging_schedule_period": [
            {"start_period": 0, "limit": 16.0, "number_phases": 3},
            {"start_period": 3600 + 300, "limit": 8.0, "number_phases": 3}],
            "min_charging_rate": 6.0},
    )  # fmt: skip
    assert changes == ["changed"]
    now = connector_limits(sc)
    assert (now[1].limit, now[1].phases, now[1].min_rate) == (16.0, 3, 6.0)
    assert now[1].next_change == NOW + timedelta(seconds=300)
    assert (now[2].limit, now[2].next_change) == (48.0, None)
    limits = external_limits(schedules(sc)[1], "ocpp16/OCPP_set_external_limits")
    first, second = limits.schedule_import
    assert (first.timestamp, second.timestamp) == (NOW, NOW + timedelta(seconds=300))
    assert first.limits_to_leaves.ac_max_current_A is not None
    assert first.limits_to_leaves.ac_max_current_A.value == 16.0
    assert first.limits_to_leaves.ac_min_current_A is not None
    assert first.limits_to_leaves.ac_max_phase_count is not None
    assert second.limits_to_leaves.ac_max_current_A is not None
    assert second.limits_to_leaves.ac_max_current_A.value == 8.0


def test_options_made_on_first_use_are_made_once(tmp_path: Path) -> None:
    # The core hands the service what makes its CompositeOptions (from the settings): made
    # with the first schedule computed, then kept.
    made: list[CompositeOptions] = []

    def options() -> CompositeOptions:
        made.append(CompositeOptions(supply_voltage=120.0, default_phases=1))
        return made[-1]

    sc = SmartCharging(tmp_path, 1, DEFAULTS.get, lambda: NOW, options=options)
    assert made == []
    # No profile: the W default where nothing limits, then A from W over 120 V on 1 phase.
    assert sc.composite(1, 60, ChargingRateUnitType.watts).periods[0].limit == 33_120.0
    assert sc.options is made[0] and sc.options.supply_voltage == 120.0
    assert len(made) == 1
    assert service(tmp_path).options == CompositeOptions()  # none given: libocpp's


async def test_the_publisher_applies_limits_at_start_and_after_each_change(
    tmp_path: Path,
) -> None:
    sc = service(tmp_path)
    applied: list[tuple[int, float]] = []
    published: list[int] = []
    arrived = asyncio.Condition()

    async def apply(connector: int, limits: energy.ExternalLimits) -> None:
        current = limits.schedule_import[0].limits_to_leaves.ac_max_current_A
        assert current is not None
        async with arrived:
            applied.append((connector, current.value))
            arrived.notify_all()

    publisher = LimitPublisher(
        sc, apply, lambda value: published.append(len(value.schedules)), interval=0
    )
    publisher.start()
    try:
        async with asyncio.timeout(10), arrived:
            await arrived.wait_for(lambda: len(applied) == 2)
        assert applied == [(1, 48.0), (2, 48.0)]  # no profile: the default limit
        await set_(sc, 2, schedule={"charging_schedule_period": [{"start_period": 0, "limit": 13}]})
        async with asyncio.timeout(10), arrived:
            await arrived.wait_for(lambda: len(applied) == 4)
        assert applied[2:] == [(1, 48.0), (2, 13.0)]
        assert published[0] == 3  # connectors 0, 1 and 2
        # No limit for connector 0 is applied here (include_station is off): the connectors
        # share a ChargePointMaxProfile, 20 A for both, equally while neither charges.
        cap = {"charging_schedule_period": [{"start_period": 0, "limit": 20}]}
        await set_(sc, 0, id=9, purpose="ChargePointMaxProfile", schedule=cap)
        async with asyncio.timeout(10), arrived:
            await arrived.wait_for(lambda: len(applied) == 6)
        assert applied[4:] == [(1, 10.0), (2, 10.0)]
    finally:
        await publisher.close()


async def test_connector_0s_composite_is_the_connectors_sum_capped_by_the_station_maximum(
    tmp_path: Path,
) -> None:
    """§5.7: for connector 0 the charge point reports what it expects to draw from the grid:
    its connectors' schedules added up, no more than the ChargePointMaxProfile allows."""
    sc = service(tmp_path)
    assert (
        await set_(
            sc, 0, id=1, schedule={"charging_schedule_period": [{"start_period": 0, "limit": 10.0}]}
        )
        is ACCEPTED
    )  # both connectors: 10 A each
    assert [(p.start_period, p.limit) for p in sc.composite(0, 600).periods] == [(0, 20.0)]
    # The station may draw 16 A for the first 5 minutes (CSMS clock 10:00), then 30 A.
    assert (
        await set_(
            sc,
            0,
            id=2,
            purpose="ChargePointMaxProfile",
            schedule={
                "start_schedule": "2026-01-05T10:00:00Z",
                "charging_schedule_period": [
                    {"start_period": 0, "limit": 16.0},
                    {"start_period": 300, "limit": 30.0},
                ],
            },
        )
        is ACCEPTED
    )
    assert [(p.start_period, p.limit) for p in sc.composite(0, 600).periods] == [
        (0, 16.0),
        (300, 20.0),
    ]
    # A connector of its own: 4 A on connector 2 from 10:02.
    assert (
        await set_(
            sc,
            2,
            id=3,
            stack=1,
            schedule={
                "start_schedule": "2026-01-05T10:02:00Z",
                "charging_schedule_period": [{"start_period": 0, "limit": 4.0}],
            },
        )
        is ACCEPTED
    )
    # From 10:02 the connectors add up to 10 + 4 = 14 A, below either cap.
    assert [(p.start_period, p.limit) for p in sc.composite(0, 600).periods] == [
        (0, 16.0),
        (120, 14.0),
    ]


async def test_without_a_station_level_limit_the_connectors_share_the_station_maximum(
    tmp_path: Path,
) -> None:
    """§3.13.3: the ChargePointMaxProfile limits all connectors combined. A charge point with
    nobody to apply connector 0's limit (no EVSE-side limit for the whole station) gives each
    connector an equal share of it, among the connectors with a transaction."""
    running: dict[int, int] = {1: 42}
    sc = service(tmp_path, transactions=running)

    def applied() -> dict[int, list[tuple[int, float]]]:
        own = {c: sc.composite(c, 600) for c in (1, 2)}
        return {
            c: [(p.start_period, p.limit) for p in s.periods]
            for c, s in sc.station_shares(own).items()
        }

    assert applied() == {1: [(0, 48.0)], 2: [(0, 48.0)]}  # no maximum: nothing to share
    assert await set_(sc, 0, id=1, purpose="ChargePointMaxProfile", schedule={
        "start_schedule": "2026-01-05T10:00:00Z",
        "charging_schedule_period": [{"start_period": 0, "limit": 10.0}],
        "duration": 300}) is ACCEPTED  # fmt: skip
    # One transaction: it may use all 10 A (for the 5 minutes the maximum is in force).
    assert applied() == {1: [(0, 10.0), (300, 48.0)], 2: [(0, 10.0), (300, 48.0)]}
    running[2] = 43  # two: 5 A each
    assert applied() == {1: [(0, 5.0), (300, 48.0)], 2: [(0, 5.0), (300, 48.0)]}
    # Their own lower limits stay.
    assert await set_(sc, 2, id=2, schedule={
        "charging_schedule_period": [{"start_period": 0, "limit": 3.0}]}) is ACCEPTED  # fmt: skip
    assert applied()[2] == [(0, 3.0)]
