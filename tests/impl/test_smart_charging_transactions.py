"""TxProfiles and the transactions they belong to (OCPP 1.6 §3.13.1, §5.11): a
RemoteStartTransaction's profile limits its own transaction from the start, before the CSMS
has answered the StartTransaction, and never another idTag's transaction; a TxProfile may be
set while a transaction waits for its StartTransaction.conf; limits are recomputed when a
transaction starts and ends. The schema-validating loopback CSMS against
`SimulatedChargePoint`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.types import powermeter as _powermeter
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.recording import Received
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.runtime import Module

WAIT = 20.0
CP_ID = "TX-PROFILE-CP"
FULL_POWER = 16 * 230 * 3  # W: the simulated car's 16 A on 3 phases at 230 V
SIX_AMPS = 6 * 230 * 3


@dataclass
class Watched:
    """A value list some callback appends to, and a wait for a condition on it."""

    values: list[Any] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def add(self, value: Any) -> None:
        async with self.changed:
            self.values.append(value)
            self.changed.notify_all()

    async def wait(self, condition: Callable[[list[Any]], bool]) -> None:
        async with asyncio.timeout(WAIT), self.changed:
            await self.changed.wait_for(lambda: condition(self.values))


@dataclass
class Station:
    charge_point: SimulatedChargePoint
    power: Watched  # what sim_evse_1's powermeter publishes: total W


Start = Callable[..., Awaitable[Station]]


def tx_profile(profile_id: int, limit: float) -> dict[str, Any]:
    return {
        "chargingProfileId": profile_id,
        "stackLevel": 0,
        "chargingProfilePurpose": "TxProfile",
        "chargingProfileKind": "Relative",
        "chargingSchedule": {
            "chargingRateUnit": "A",
            "chargingSchedulePeriod": [{"startPeriod": 0, "limit": limit}],
        },
    }


def tx_default(
    profile_id: int,
    periods: list[tuple[int, float]],
    *,
    kind: str = "Absolute",
    unit: str = "A",
    start: str = "2020-01-01T00:00:00Z",
) -> dict[str, Any]:
    """A TxDefaultProfile: (startPeriod, limit) periods; an Absolute one from `start`."""
    schedule: dict[str, Any] = {
        "chargingRateUnit": unit,
        "chargingSchedulePeriod": [{"startPeriod": at, "limit": limit} for at, limit in periods],
    }
    if kind == "Absolute":
        schedule["startSchedule"] = start
    return {
        "chargingProfileId": profile_id,
        "stackLevel": 0,
        "chargingProfilePurpose": "TxDefaultProfile",
        "chargingProfileKind": kind,
        "chargingSchedule": schedule,
    }


async def set_profile(csms: LoopbackCsms, profile: dict[str, Any]) -> None:
    request = {"connectorId": 1, "csChargingProfiles": profile}
    assert await csms.call(CP_ID, "SetChargingProfile", request) == {"status": "Accepted"}


async def charging(csms: LoopbackCsms, station: Station, full_power: float) -> None:
    """A remote start on connector 1, until the car draws `full_power`."""
    since = csms.recording.next_seq
    remote = {"connectorId": 1, "idTag": "TAG"}
    assert await csms.call(CP_ID, "RemoteStartTransaction", remote) == {"status": "Accepted"}
    await status(csms, "Charging", since)
    await station.power.wait(lambda values: values[-1:] == [full_power])


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    try:
        yield server
        assert list(server.violations) == []
    finally:
        await server.close()


@pytest.fixture
async def start(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[Start]:
    started: list[tuple[SimulatedChargePoint, Module]] = []

    async def start_station(
        configuration: dict[str, str] | None = None, **simulation: Any
    ) -> Station:
        settings = build_settings(
            {
                "csms_url": csms.url,
                "charge_point_id": CP_ID,
                "data_dir": str(tmp_path),
                "connectors": 1,
                "validate_outgoing": True,
                "configuration": configuration or {},
                "simulation": {"unplug_after_stop": None, **simulation},
            },
            {},
            "test",
        )
        charge_point = SimulatedChargePoint(settings)
        power = Watched()
        probe = Module("probe", charge_point.bus.transport())
        evse = probe.require(EvseManagerClient, module_id="sim_evse_1", impl_id="evse")

        async def on_meter(value: _powermeter.Powermeter) -> None:
            await power.add(value.power_W.total if value.power_W else 0.0)

        evse.subscribe_powermeter(on_meter)
        await probe.start()
        await charge_point.start()
        started.append((charge_point, probe))
        await status(csms, "Available")
        return Station(charge_point, power)

    yield start_station
    for charge_point, probe in started:
        await charge_point.close()
        await probe.stop()


async def status(csms: LoopbackCsms, wanted: str, since: int = 0) -> Received:
    def on_connector_1(request: Received) -> bool:
        return bool(request.payload["connectorId"] == 1 and request.payload["status"] == wanted)

    return await csms.wait_for("StatusNotification", on_connector_1, since=since, timeout=WAIT)


async def test_the_remote_start_profile_limits_from_the_start_before_the_conf(
    csms: LoopbackCsms, start: Start
) -> None:
    # The CSMS does not answer the StartTransaction (a slow backend, or the link is down):
    # the transaction runs without its CSMS id, and must still keep to the profile (§5.11).
    csms.script.ignore("StartTransaction", once=True)
    station = await start()
    since = csms.recording.next_seq
    remote = {"connectorId": 1, "idTag": "REMOTE-TAG", "chargingProfile": tx_profile(11, 6.0)}
    assert await csms.call(CP_ID, "RemoteStartTransaction", remote) == {"status": "Accepted"}
    await csms.wait_for("StartTransaction", since=since, timeout=WAIT)
    # The car draws 6 A on 3 phases, not its full 16 A, while no .conf has come (nor the
    # Charging StatusNotification, which waits for the StartTransaction it follows).
    await station.power.wait(lambda values: values[-1:] == [SIX_AMPS])
    core = station.charge_point.app.core
    assert core.charging.transaction_id_of(1) is None
    assert [(p.id, p.purpose) for p in core.smart_charging.profiles] == [(11, "TxProfile")]
    assert FULL_POWER not in station.power.values
    # §3.13.1: a TxProfile is discarded only when no transaction is active; this one waits
    # for its .conf, and a new TxProfile (no transactionId) for it is Accepted.
    answer = await csms.call(
        CP_ID, "SetChargingProfile", {"connectorId": 1, "csChargingProfiles": tx_profile(12, 8.0)}
    )
    assert answer == {"status": "Accepted"}


async def test_a_remote_start_profile_is_not_given_to_another_idtags_transaction(
    csms: LoopbackCsms, start: Start
) -> None:
    # Nobody plugs in after the remote start: the authorization times out (ConnectionTimeOut,
    # at least 10 s), and a driver with another idTag charges later on that connector.
    station = await start({"ConnectionTimeOut": "10"}, auto_plug_on_remote_start=False)
    since = csms.recording.next_seq
    remote = {"connectorId": 1, "idTag": "REMOTE-TAG", "chargingProfile": tx_profile(11, 6.0)}
    assert await csms.call(CP_ID, "RemoteStartTransaction", remote) == {"status": "Accepted"}
    preparing = await status(csms, "Preparing", since)
    await status(csms, "Available", preparing.seq)  # the plug-in timeout
    since = csms.recording.next_seq
    await station.charge_point.station.evse(1).plug_in()
    await station.charge_point.station.present_tag("RFID-TAG", 1)
    started = await csms.wait_for("StartTransaction", since=since, timeout=WAIT)
    assert started.payload["idTag"] == "RFID-TAG"
    await status(csms, "Charging", since)
    await station.power.wait(lambda values: values[-1:] == [FULL_POWER])
    assert station.charge_point.app.core.smart_charging.profiles == ()


@pytest.mark.parametrize("relative", [True, False])
async def test_limits_are_recomputed_when_a_transaction_starts_gets_its_id_and_ends(
    csms: LoopbackCsms, start: Start, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    """A Relative schedule runs from the transaction's start (a TxProfile may name the
    transactionId, applying once the id is known): the limits must not wait for the next
    tick. Without such a profile nothing is recomputed: it would cost every session the
    schedules of every connector."""
    station = await start()
    core = station.charge_point.app.core
    if relative:
        await set_profile(csms, tx_default(5, [(0, 16.0)], kind="Relative"))
    recomputed = Watched()
    recompute = core.limit_publisher.recompute

    def counted() -> None:
        recompute()
        asyncio.get_running_loop().create_task(recomputed.add(core.charging.transaction_id_of(1)))

    monkeypatch.setattr(core.limit_publisher, "recompute", counted)
    since = csms.recording.next_seq
    remote = {"connectorId": 1, "idTag": "TAG"}
    assert await csms.call(CP_ID, "RemoteStartTransaction", remote) == {"status": "Accepted"}
    await status(csms, "Charging", since)  # sent after the StartTransaction was answered
    transaction_id = core.charging.transaction_id_of(1)
    stop = {"transactionId": transaction_id}
    since = csms.recording.next_seq
    assert await csms.call(CP_ID, "RemoteStopTransaction", stop) == {"status": "Accepted"}
    await status(csms, "Finishing", since)
    if relative:
        # At the start (no id yet), once the .conf gave the id, and at the end.
        await recomputed.wait(lambda values: len(values) >= 3)
        assert recomputed.values[0] is None and recomputed.values[1] is not None
    else:
        assert recomputed.values == []


async def test_limits_reach_the_evse_on_the_machines_clock_when_the_csms_clock_differs(
    csms: LoopbackCsms, start: Start
) -> None:
    """Schedules are computed on the charge point's clock (the CSMS's time it adopted); the
    EVSE reads its limits' timestamps on this machine's clock, as EVerest's energy manager
    does. With the CSMS an hour behind, a step due in 2 minutes must not apply now."""
    behind = timedelta(hours=-1)

    def csms_time() -> str:
        moment = datetime.now(UTC) + behind
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    csms.script.answer(
        "BootNotification",
        lambda _: {"status": "Accepted", "currentTime": csms_time(), "interval": 300},
    )
    station = await start()
    await charging(csms, station, FULL_POWER)
    await set_profile(csms, tx_default(7, [(0, 6.0), (120, 16.0)], start=csms_time()))
    # 6 A now; on the CSMS's clock read as this machine's, the 16 A step would be an hour old.
    await station.power.wait(lambda values: values[-1:] == [SIX_AMPS])


async def test_watt_limits_convert_with_the_stations_own_voltage_and_phases(
    csms: LoopbackCsms, start: Start
) -> None:
    """A one-phase station: 1840 W is 8 A at 230 V. Converted as if it had three phases it
    would be 2.7 A, below the 6 A a car needs, and charging would pause."""
    station = await start(phases=1)
    one_phase_full = 16 * 230
    await charging(csms, station, one_phase_full)
    await set_profile(csms, tx_default(3, [(0, one_phase_full / 2)], unit="W"))
    await station.power.wait(lambda values: values[-1:] == [one_phase_full / 2])
    assert station.charge_point.station.evse(1).state.limit_a == 8.0
