"""Issue 12's "the resulting limit applied to the simulated EVSE": a charging profile the CSMS
sets reaches the simulated EVSE through `evse_energy_sink` (external_energy_limits), the car's
power follows it (the powermeter publication and the CSMS's MeterValues), a 0 A limit pauses
charging (SuspendedEVSE) and clearing the profile restores it. The schema-validating loopback
CSMS against `SimulatedChargePoint`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.interfaces.external_energy_limits import ExternalEnergyLimitsClient
from everest_py.generated.types import energy as _energy
from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.generated.types import powermeter as _powermeter
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.recording import Received
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.runtime import Module

WAIT = 20.0
CP_ID = "LIMITS-CP-1"
FULL_POWER = 16 * 230 * 3  # W: the simulated car's 16 A on 3 phases at 230 V
SIX_AMPS = 6 * 230 * 3


def tx_default(profile_id: int, limit: float) -> dict[str, Any]:
    return {
        "connectorId": 1,
        "csChargingProfiles": {
            "chargingProfileId": profile_id,
            "stackLevel": 0,
            "chargingProfilePurpose": "TxDefaultProfile",
            "chargingProfileKind": "Absolute",
            "chargingSchedule": {
                "startSchedule": "2020-01-01T00:00:00Z",
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": limit}],
            },
        },
    }


@dataclass
class Observed:
    """What sim_evse_1 publishes, seen by another module on the bus."""

    power: list[float] = field(default_factory=list)
    events: list[_evse_manager.SessionEvent] = field(default_factory=list)
    capabilities: list[_energy.CapabilityLimits] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def record(self, target: list[Any], value: Any) -> None:
        async with self.changed:
            target.append(value)
            self.changed.notify_all()

    async def wait(self, condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT), self.changed:
            await self.changed.wait_for(condition)


@dataclass
class Station:
    csms: LoopbackCsms
    charge_point: SimulatedChargePoint
    observed: Observed

    def power_w(self) -> float:
        return self.charge_point.station.evse(1).state.power_w

    async def status(self, status: str, since: int = 0) -> Received:
        def on_connector_1(request: Received) -> bool:
            payload = request.payload
            return bool(payload["connectorId"] == 1 and payload["status"] == status)

        return await self.csms.wait_for(
            "StatusNotification", on_connector_1, since=since, timeout=WAIT
        )

    async def metered_power(self, watts: float, since: int) -> Received:
        """The first MeterValues from `since` on whose Power.Active.Import is `watts`."""

        def with_power(request: Received) -> bool:
            return any(
                sample.get("measurand") == "Power.Active.Import" and float(sample["value"]) == watts
                for value in request.payload["meterValue"]
                for sample in value["sampledValue"]
            )

        return await self.csms.wait_for("MeterValues", with_power, since=since, timeout=WAIT)

    async def charging(self) -> None:
        start = {"connectorId": 1, "idTag": "LIMIT-TAG"}
        assert await self.csms.call(CP_ID, "RemoteStartTransaction", start) == {
            "status": "Accepted"
        }
        await self.status("Charging")
        await self.observed.wait(lambda: self.observed.power[-1:] == [FULL_POWER])


@pytest.fixture
async def station(tmp_path: Path) -> AsyncIterator[Station]:
    csms = LoopbackCsms()
    await csms.start()
    settings = build_settings(
        {
            "csms_url": csms.url,
            "charge_point_id": CP_ID,
            "data_dir": str(tmp_path),
            "connectors": 1,
            "validate_outgoing": True,
            "configuration": {
                "MeterValueSampleInterval": "1",
                "MeterValuesSampledData": "Energy.Active.Import.Register,Power.Active.Import",
            },
            "simulation": {"unplug_after_stop": None},
        },
        {},
        "test",
    )
    charge_point = SimulatedChargePoint(settings)
    observed = Observed()
    probe = Module("probe", charge_point.bus.transport())
    evse = probe.require(EvseManagerClient, module_id="sim_evse_1", impl_id="evse")
    sink = probe.require(ExternalEnergyLimitsClient, module_id="sim_evse_1", impl_id="energy_sink")

    async def on_meter(value: _powermeter.Powermeter) -> None:
        await observed.record(observed.power, value.power_W.total if value.power_W else 0.0)

    evse.subscribe_powermeter(on_meter)
    evse.subscribe_session_event(lambda event: observed.record(observed.events, event))
    sink.subscribe_capabilities(lambda value: observed.record(observed.capabilities, value))
    await probe.start()
    await charge_point.start()
    try:
        started = Station(csms, charge_point, observed)
        await started.status("Available")
        yield started
        assert list(csms.violations) == []
    finally:
        await charge_point.close()
        await probe.stop()
        await csms.close()


async def test_the_car_follows_a_6_amp_profile_and_full_power_returns_when_cleared(
    station: Station,
) -> None:
    await station.observed.wait(lambda: bool(station.observed.capabilities))
    capabilities = station.observed.capabilities[0]
    assert (capabilities.max_current_A, capabilities.max_phase_count) == (16.0, 3)
    assert capabilities.total_power_W == FULL_POWER
    await station.charging()
    assert station.power_w() == FULL_POWER

    since = station.csms.recording.next_seq
    answer = await station.csms.call(CP_ID, "SetChargingProfile", tx_default(7, 6.0))
    assert answer == {"status": "Accepted"}
    await station.observed.wait(lambda: station.observed.power[-1:] == [SIX_AMPS])
    assert station.power_w() == SIX_AMPS
    assert station.charge_point.station.evse(1).state.limit_a == 6.0
    await station.metered_power(SIX_AMPS, since)
    # A lower limit is not a pause: the connector keeps charging.
    assert [r.payload["status"] for r in station.csms.calls("StatusNotification")][-1] == "Charging"

    since = station.csms.recording.next_seq
    assert await station.csms.call(CP_ID, "ClearChargingProfile", {"id": 7}) == {
        "status": "Accepted"
    }
    await station.observed.wait(lambda: station.observed.power[-1:] == [FULL_POWER])
    await station.metered_power(FULL_POWER, since)


async def test_a_zero_amp_profile_pauses_charging_and_its_removal_resumes_it(
    station: Station,
) -> None:
    await station.charging()
    since = station.csms.recording.next_seq
    answer = await station.csms.call(CP_ID, "SetChargingProfile", tx_default(8, 0.0))
    assert answer == {"status": "Accepted"}
    await station.status("SuspendedEVSE", since)
    assert station.power_w() == 0.0
    paused = [
        e for e in station.observed.events if e.event is _evse_manager.SessionEventEnum.ChargingPausedEVSE
    ]  # fmt: skip
    assert paused[-1].charging_paused_evse is not None
    assert paused[-1].charging_paused_evse.reasons == [
        _evse_manager.PauseChargingEVSEReasonEnum.NoEnergy
    ]
    await station.metered_power(0.0, since)

    since = station.csms.recording.next_seq
    assert await station.csms.call(CP_ID, "ClearChargingProfile", {"id": 8}) == {
        "status": "Accepted"
    }
    await station.status("Charging", since)
    await station.observed.wait(lambda: station.observed.power[-1:] == [FULL_POWER])
    assert station.charge_point.station.evse(1).state.transaction_active
    # One transaction throughout: pausing is not stopping.
    assert len(station.csms.calls("StartTransaction")) == 1
    assert station.csms.calls("StopTransaction") == []
