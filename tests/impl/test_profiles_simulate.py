"""Issue 12's "done when" for Smart Charging and Reservation: the schema-validating loopback
CSMS alone drives SetChargingProfile, GetCompositeSchedule, ClearChargingProfile, ReserveNow and
CancelReservation against `ocpp16-charge-point run --simulate` in another process, and the
simulated car's power (MeterValues Power.Active.Import) follows the limits."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.recording import Received

WAIT = 20.0
CP_ID = "PROFILES-CP-1"
WATTS_PER_AMP = 230 * 3  # the simulated car charges on 3 phases at 230 V
CONFIG = """\
configuration:
  MeterValueSampleInterval: "1"
  MeterValuesSampledData: Energy.Active.Import.Register,Power.Active.Import
simulation:
  meter_interval: 0.2
  unplug_after_stop: null
"""


class Station:
    """The charge point process, its stdin control and the CSMS it talks to."""

    def __init__(self, csms: LoopbackCsms, process: asyncio.subprocess.Process) -> None:
        self.csms = csms
        self.process = process

    async def call(self, action: str, payload: dict[str, Any]) -> Any:
        return await self.csms.call(CP_ID, action, payload)

    async def control(self, line: str, reply_prefix: str) -> str:
        """Send one control line; the first stdout line starting with ``reply_prefix``."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()
        async with asyncio.timeout(WAIT):
            while True:
                reply = (await self.process.stdout.readline()).decode().strip()
                if reply.startswith(reply_prefix):
                    return reply

    async def status(self, connector: int, status: str, since: int = 0) -> Received:
        def matches(request: Received) -> bool:
            payload = request.payload
            return bool(payload["connectorId"] == connector and payload["status"] == status)

        return await self.csms.wait_for("StatusNotification", matches, since=since, timeout=WAIT)

    async def metered_power(self, connector: int, watts: float, since: int) -> Received:
        """The first MeterValues of ``connector`` from ``since`` on with Power ``watts``."""

        def with_power(request: Received) -> bool:
            return request.payload["connectorId"] == connector and any(
                sample.get("measurand") == "Power.Active.Import" and float(sample["value"]) == watts
                for value in request.payload["meterValue"]
                for sample in value["sampledValue"]
            )

        return await self.csms.wait_for("MeterValues", with_power, since=since, timeout=WAIT)


@pytest.fixture
async def station(tmp_path: Path) -> AsyncIterator[Station]:
    csms = LoopbackCsms()
    await csms.start()
    config = tmp_path / "charge-point.yaml"
    config.write_text(CONFIG)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "run", "--simulate",
        "--csms", csms.url, "--id", CP_ID, "--data-dir", str(tmp_path / "data"),
        "--connectors", "2", "--config", str(config),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        started = Station(csms, process)
        await csms.wait_for("BootNotification", timeout=WAIT)
        await started.status(1, "Available")
        await started.status(2, "Available")
        yield started
        assert list(csms.violations) == []
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            code = await process.wait()
        await csms.close()
    assert code == 0


def profile(profile_id: int, purpose: str, stack: int, amps: float, **extra: Any) -> dict[str, Any]:
    relative = purpose == "TxProfile"
    schedule: dict[str, Any] = {
        "chargingRateUnit": "A",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": amps}],
    }
    if not relative:
        schedule["startSchedule"] = "2020-01-01T00:00:00Z"
    return {
        "chargingProfileId": profile_id,
        "stackLevel": stack,
        "chargingProfilePurpose": purpose,
        "chargingProfileKind": "Relative" if relative else "Absolute",
        "chargingSchedule": schedule,
        **extra,
    }


async def test_smart_charging_and_reservation_against_the_cli(station: Station) -> None:
    # One process for both (its start is most of the cost): connector 1 charges under
    # profiles, connector 2 is reserved.
    await profiles_on_connector_1(station)
    await reservations_on_connector_2(station)


async def profiles_on_connector_1(station: Station) -> None:
    # A TxDefaultProfile for every connector (set on 0): 10 A.
    default = {"connectorId": 0, "csChargingProfiles": profile(1, "TxDefaultProfile", 0, 10)}
    assert await station.call("SetChargingProfile", default) == {"status": "Accepted"}
    start = {"connectorId": 1, "idTag": "PROFILE-TAG"}
    assert await station.call("RemoteStartTransaction", start) == {"status": "Accepted"}
    started = await station.csms.wait_for("StartTransaction", timeout=WAIT)
    transaction_id = station.csms.script.last_transaction_id
    await station.metered_power(1, 10 * WATTS_PER_AMP, since=started.seq)

    # A TxProfile for this transaction overrides the default: 6 A.
    tx = profile(2, "TxProfile", 1, 6, transactionId=transaction_id)
    answer = await station.call("SetChargingProfile", {"connectorId": 1, "csChargingProfiles": tx})
    assert answer == {"status": "Accepted"}
    limited = await station.metered_power(1, 6 * WATTS_PER_AMP, since=started.seq)

    composite = await station.call(
        "GetCompositeSchedule", {"connectorId": 1, "duration": 600, "chargingRateUnit": "W"}
    )
    assert (composite["status"], composite["connectorId"]) == ("Accepted", 1)
    schedule = composite["chargingSchedule"]
    assert (schedule["duration"], schedule["chargingRateUnit"]) == (600, "W")
    assert [(p["startPeriod"], p["limit"]) for p in schedule["chargingSchedulePeriod"]] == [
        (0, 6 * WATTS_PER_AMP)
    ]
    # Connector 2 has no transaction: the TxDefaultProfile alone (in A, the default unit).
    composite = await station.call("GetCompositeSchedule", {"connectorId": 2, "duration": 60})
    periods = composite["chargingSchedule"]["chargingSchedulePeriod"]
    assert [(p["startPeriod"], p["limit"]) for p in periods] == [(0, 10)]

    # Clearing the TxProfile hands back to the default; clearing everything, full power.
    assert await station.call("ClearChargingProfile", {"id": 2}) == {"status": "Accepted"}
    await station.metered_power(1, 10 * WATTS_PER_AMP, since=limited.seq)
    assert await station.call("ClearChargingProfile", {}) == {"status": "Accepted"}
    await station.metered_power(1, 16 * WATTS_PER_AMP, since=limited.seq)
    # Nothing left with id 2 (clearing everything is Accepted even then, as libocpp).
    assert await station.call("ClearChargingProfile", {"id": 2}) == {"status": "Unknown"}


def reserve(reservation_id: int, connector: int, id_tag: str) -> dict[str, Any]:
    expiry = datetime.now(UTC) + timedelta(minutes=10)
    return {
        "connectorId": connector,
        "expiryDate": expiry.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "idTag": id_tag,
        "reservationId": reservation_id,
    }


async def reservations_on_connector_2(station: Station) -> None:
    assert await station.call("ReserveNow", reserve(1, 2, "RESERVED")) == {"status": "Accepted"}
    reserved = await station.status(2, "Reserved")
    assert await station.call("CancelReservation", {"reservationId": 1}) == {"status": "Accepted"}
    await station.status(2, "Available", since=reserved.seq)

    assert await station.call("ReserveNow", reserve(2, 2, "RESERVED")) == {"status": "Accepted"}
    reserved = await station.status(2, "Reserved", since=reserved.seq)
    other = {"connectorId": 2, "idTag": "OTHER"}
    assert await station.call("RemoteStartTransaction", other) == {"status": "Rejected"}
    await station.control("plug 2", "EVSE 2")
    assert await station.control("tag OTHER 2", "tag OTHER") == "tag OTHER: Rejected"
    answer = await station.control("tag RESERVED 2", "tag RESERVED")
    assert answer == "tag RESERVED: UsedToStartTransaction"
    started = await station.csms.wait_for(
        "StartTransaction", lambda r: r.payload["connectorId"] == 2, timeout=WAIT
    )
    assert (started.payload["idTag"], started.payload["reservationId"]) == ("RESERVED", 2)
    await station.status(2, "Charging", since=reserved.seq)
    on_2 = [r for r in station.csms.calls("StartTransaction") if r.payload["connectorId"] == 2]
    assert on_2 == [started]
