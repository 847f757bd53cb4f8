"""SetChargingProfile, ClearChargingProfile and GetCompositeSchedule end to end: the project's
schema-validating loopback CSMS against a charge point core and its Smart Charging service
(`core.smart_charging`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ocpp.v16 import call

from everest_py.ocpp16 import ChargePointCore
from everest_py.ocpp16.smart_charging import SmartCharging
from tests.impl.conftest import StartChargePoint
from tests.impl.csms import Csms


async def registered(
    csms: Csms, start_charge_point: StartChargePoint, data_dir: Path | None = None
) -> tuple[ChargePointCore, SmartCharging]:
    core = await start_charge_point(csms.url, data_dir)
    service = core.smart_charging
    await csms.wait_action("StatusNotification", 3)
    return core, service


def profile(id: int, purpose: str, stack: int, limit: float, **extra: Any) -> dict[str, Any]:
    return {
        "charging_profile_id": id,
        "stack_level": stack,
        "charging_profile_purpose": purpose,
        "charging_profile_kind": "Relative" if purpose == "TxProfile" else "Absolute",
        "charging_schedule": {
            "charging_rate_unit": extra.pop("unit", "A"),
            "charging_schedule_period": [{"start_period": 0, "limit": limit}],
            **({} if purpose == "TxProfile" else {"start_schedule": "2020-01-01T00:00:00Z"}),
        },
        **extra,
    }


async def test_set_get_and_clear_profiles(csms: Csms, start_charge_point: StartChargePoint) -> None:
    _core, service = await registered(csms, start_charge_point)
    set_ = call.SetChargingProfile
    answers = [
        (await csms.call(set_(connector_id=0, cs_charging_profiles=profile(1, "TxDefaultProfile", 0, 32)))).status,
        (await csms.call(set_(connector_id=0, cs_charging_profiles=profile(2, "ChargePointMaxProfile", 0, 7360, unit="W")))).status,
        (await csms.call(set_(connector_id=1, cs_charging_profiles=profile(3, "ChargePointMaxProfile", 0, 10)))).status,
        (await csms.call(set_(connector_id=1, cs_charging_profiles=profile(4, "TxProfile", 0, 6)))).status,
        (await csms.call(set_(connector_id=1, cs_charging_profiles=profile(5, "TxDefaultProfile", 99, 6)))).status,
    ]  # fmt: skip
    # ChargePointMax only on 0; a TxProfile needs a transaction; stack level 99 > 10.
    assert answers == ["Accepted", "Accepted", "Rejected", "Rejected", "Rejected"]

    # Connector 1 in A: min(32 A, 7360 W / (230 V * 3) = 10.67 A), floored to a tenth that
    # passes the schema's float multipleOf check: 10.6 does not (10.6 / 0.1 = 105.99999...),
    # so 10.5.
    composite = await csms.call(call.GetCompositeSchedule(connector_id=1, duration=300))
    assert composite.status == "Accepted" and composite.connector_id == 1
    schedule = composite.charging_schedule
    assert schedule["charging_rate_unit"] == "A" and schedule["duration"] == 300
    assert schedule["charging_schedule_period"] == [{"start_period": 0, "limit": 10.5}]
    assert schedule["start_schedule"] == composite.schedule_start
    # In W: min(32 A * 690 = 22080 W, 7360 W) = 7360 W.
    watts = await csms.call(
        call.GetCompositeSchedule(connector_id=1, duration=300, charging_rate_unit="W")
    )
    assert watts.charging_schedule["charging_schedule_period"] == [
        {"start_period": 0, "limit": 7360.0}
    ]
    rejected = await csms.call(call.GetCompositeSchedule(connector_id=3, duration=300))
    assert rejected.status == "Rejected" and rejected.charging_schedule is None

    clear = call.ClearChargingProfile
    assert (await csms.call(clear(id=77))).status == "Unknown"
    assert (
        await csms.call(clear(connector_id=0, charging_profile_purpose="ChargePointMaxProfile"))
    ).status == "Accepted"
    assert [p.id for p in service.profiles] == [1]
    assert (await csms.call(clear(stack_level=3))).status == "Unknown"
    assert (await csms.call(clear())).status == "Accepted"
    assert service.profiles == ()


async def test_tx_profile_for_the_running_transaction_and_restart(
    csms: Csms, start_charge_point: StartChargePoint, tmp_path: Path
) -> None:
    core, service = await registered(csms, start_charge_point, tmp_path / "one")
    # Stands in for the charging code: transaction 5 runs on connector 1 since 10 min ago.
    started = core.session.clock.now() - timedelta(minutes=10)
    service.transaction_id_of = {1: 5}.get
    service.transaction_start_of = {1: started}.get
    relative = profile(1, "TxProfile", 0, 6, transaction_id=5)
    relative["charging_schedule"]["charging_schedule_period"].append(
        {"start_period": 1200, "limit": 16}
    )
    answer = await csms.call(call.SetChargingProfile(connector_id=1, cs_charging_profiles=relative))
    assert answer.status == "Accepted"
    composite = await csms.call(call.GetCompositeSchedule(connector_id=1, duration=1800))
    # Relative to the transaction's start: 6 A until 20 min after it = about 10 min from now
    # (the clock moved on by a fraction of a second: 599 or 600 s), then 16 A.
    first, second = composite.charging_schedule["charging_schedule_period"]
    assert first == {"start_period": 0, "limit": 6.0}
    assert second["limit"] == 16.0 and second["start_period"] in (599, 600)
    default = profile(2, "TxDefaultProfile", 0, 10)
    answer = await csms.call(call.SetChargingProfile(connector_id=0, cs_charging_profiles=default))
    assert answer.status == "Accepted" and len(service.profiles) == 2
    await core.close()
    # A restart on the same data directory keeps the TxDefaultProfile but not the TxProfile:
    # the transaction ended with the process (PowerLoss), and a TxProfile ends with its
    # transaction (§3.13.1).
    again = SmartCharging(tmp_path / "one", 2, core.configuration.value, lambda: datetime.now(UTC))
    assert [(p.id, p.purpose) for p in again.profiles] == [(2, "TxDefaultProfile")]


async def test_units_outside_the_allowed_ones_are_refused(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    await start_charge_point(
        csms.url, configuration={"ChargingScheduleAllowedChargingRateUnit": "Current"}
    )
    await csms.wait_action("StatusNotification", 3)
    in_watts = profile(1, "TxDefaultProfile", 0, 11000, unit="W")
    answer = await csms.call(call.SetChargingProfile(connector_id=1, cs_charging_profiles=in_watts))
    assert answer.status == "Rejected"
    asked = call.GetCompositeSchedule(connector_id=1, duration=60, charging_rate_unit="W")
    assert (await csms.call(asked)).status == "Rejected"
    plain = await csms.call(call.GetCompositeSchedule(connector_id=0, duration=60))
    assert plain.charging_schedule["charging_rate_unit"] == "A"  # the allowed unit


async def test_the_settings_convert_watts_into_amps(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    # The core makes the composite schedule's options from `smart_charging` on first use.
    core = await start_charge_point(csms.url, smart_charging={"supply_voltage": 120, "phases": 1})
    await csms.wait_action("StatusNotification", 3)
    maximum = profile(1, "ChargePointMaxProfile", 0, 1200, unit="W")
    answer = await csms.call(call.SetChargingProfile(connector_id=0, cs_charging_profiles=maximum))
    assert answer.status == "Accepted"
    composite = await csms.call(
        call.GetCompositeSchedule(connector_id=1, duration=60, charging_rate_unit="A")
    )
    assert composite.charging_schedule["charging_schedule_period"][0]["limit"] == 10.0
    assert core.smart_charging.options.supply_voltage == 120.0
