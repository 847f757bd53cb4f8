"""The simulated EVSE's `energy_sink` (external_energy_limits): the car's current follows the
limit in force, in A or W, a schedule's later entries take over when their time comes, and a
limit below 6 A pauses charging as EvseManager does (ChargingPausedEVSE, NoEnergy)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from everest_py.generated.interfaces.external_energy_limits import ExternalEnergyLimitsClient
from everest_py.generated.types import energy as _energy
from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.ocpp16.simulation import TokenResult
from everest_py.ocpp16.simulation import evse as evse_module

from .support import Bench, Event, EvseWatch, bench

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
NoEnergy = _evse_manager.PauseChargingEVSEReasonEnum.NoEnergy


def entry(
    at: datetime, amps: float | None = None, watts: float | None = None
) -> _energy.ScheduleReqEntry:
    limits = _energy.LimitsReq()
    if amps is not None:
        limits.ac_max_current_A = _energy.NumberWithSource(value=amps, source="test")
    if watts is not None:
        limits.total_power_W = _energy.NumberWithSource(value=watts, source="test")
    return _energy.ScheduleReqEntry(
        timestamp=at, limits_to_root=_energy.LimitsReq(), limits_to_leaves=limits
    )


def limits(*entries: _energy.ScheduleReqEntry) -> _energy.ExternalLimits:
    return _energy.ExternalLimits(
        schedule_import=list(entries), schedule_export=[], schedule_setpoints=[]
    )


def sink(b: Bench) -> ExternalEnergyLimitsClient:
    return b.probe.require(
        ExternalEnergyLimitsClient, module_id="sim_evse_1", impl_id="energy_sink"
    )


def last_power(watch: EvseWatch) -> float | None:
    power = watch.meter[-1].power_W if watch.meter else None
    return power.total if power is not None else None


async def charging(b: Bench) -> int:
    """Plug in and authorize EVSE 1; the index of its first event of the session."""
    watch, control = b.watch(1), b.station.evse(1)
    await watch.wait_event(Event.Enabled)
    start = len(watch.events)
    await control.plug_in()
    assert await control.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
    return start


@pytest.fixture(autouse=True)
def fixed_wall_clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The EVSE's wall clock (schedule timestamps are absolute): now[0], moved by the test."""
    now = [NOW]
    monkeypatch.setattr(evse_module, "_now", lambda: now[0])
    return now


async def test_capabilities_and_requirements() -> None:
    async with bench(connectors=2) as b:
        assert b.station.requirements()["evse_energy_sink"] == [
            ("sim_evse_1", "energy_sink"),
            ("sim_evse_2", "energy_sink"),
        ]
        capabilities = b.station.evse_handler(2).energy_sink.capabilities
        assert capabilities == _energy.CapabilityLimits(
            max_current_A=16.0, max_phase_count=3, nominal_voltage_V=230.0, total_power_W=11040.0
        )


async def test_amps_and_watts_limit_the_current_per_phase() -> None:
    async with bench() as b:
        start = await charging(b)
        watch, control = b.watch(1), b.station.evse(1)
        await watch.wait_event(Event.ChargingStarted, start)
        assert control.state.power_w == 11040.0

        await sink(b).set_external_limits(limits(entry(NOW, amps=10)))
        await watch.wait_for(lambda: last_power(watch) == 10 * 690)
        current = watch.meter[-1].current_A
        assert current is not None and current.L1 == 10.0
        # 4140 W over 3 phases at 230 V: 6 A each; the lower of A and W limits wins.
        await sink(b).set_external_limits(limits(entry(NOW, amps=10, watts=4140)))
        await watch.wait_for(lambda: last_power(watch) == 4140.0)
        assert control.state.limit_a == 6.0
        # Above what the car and the hardware take: 16 A.
        await sink(b).set_external_limits(limits(entry(NOW, amps=48)))
        await watch.wait_for(lambda: last_power(watch) == 11040.0)
        assert Event.ChargingPausedEVSE not in watch.kinds()


async def test_the_entry_in_force_follows_the_wall_clock(fixed_wall_clock: list[datetime]) -> None:
    async with bench() as b:
        start = await charging(b)
        watch = b.watch(1)
        await watch.wait_event(Event.ChargingStarted, start)
        # The first entry applies at once even though it lies ahead; the next from its time.
        schedule = limits(
            entry(NOW + timedelta(seconds=5), amps=10),
            entry(NOW + timedelta(minutes=30), amps=8),
        )
        await sink(b).set_external_limits(schedule)
        await watch.wait_for(lambda: b.station.evse(1).state.power_w == 6900.0)
        fixed_wall_clock[0] = NOW + timedelta(minutes=30)
        count = len(watch.meter)
        b.tickers[0].tick()  # the next meter interval looks at the schedule again
        reading = await watch.wait_meter(count + 1)
        assert reading.power_W is not None and reading.power_W.total == 8 * 690


async def test_below_six_amps_pauses_with_no_energy_and_a_higher_limit_resumes() -> None:
    async with bench() as b:
        start = await charging(b)
        watch = b.watch(1)
        await watch.wait_event(Event.ChargingStarted, start)
        await sink(b).set_external_limits(limits(entry(NOW, amps=0)))
        paused = await watch.wait_event(Event.ChargingPausedEVSE, start)
        assert paused.charging_paused_evse is not None
        assert paused.charging_paused_evse.reasons == [NoEnergy]
        assert b.station.evse(1).state.power_w == 0.0
        assert b.station.evse(1).state.state == "ChargingPausedEVSE"
        resumed_from = len(watch.events)
        await sink(b).set_external_limits(limits(entry(NOW, amps=12)))
        await watch.wait_event(Event.ChargingStarted, resumed_from)
        assert watch.kinds()[resumed_from:] == [Event.PrepareCharging, Event.ChargingStarted]
        assert b.station.evse(1).state.power_w == 12 * 690


async def test_a_session_authorized_without_power_waits_in_prepare_charging() -> None:
    async with bench() as b:
        await sink(b).set_external_limits(limits(entry(NOW, amps=3)))  # below 6 A
        start = await charging(b)
        watch = b.watch(1)
        await watch.wait_event(Event.PrepareCharging, start)
        assert b.station.evse(1).state.state == "PrepareCharging"
        assert Event.ChargingStarted not in watch.kinds()[start:]
        await sink(b).set_external_limits(limits(entry(NOW, amps=6)))
        await watch.wait_event(Event.ChargingStarted, start)
        assert b.station.evse(1).state.power_w == 6 * 690
