"""`python -m everest_py.ocpp16 demo`: the loopback CSMS, the charge point with its simulated
station against it in-process, a whole charging session driven by the CSMS, every interface
command driven through the generated Client, and a transcript of what happened."""

from __future__ import annotations

import asyncio
import functools
import logging
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from everest_py.generated.interfaces.ocpp_1_6_charge_point import Ocpp16ChargePointClient
from everest_py.runtime import Module

from .. import ChargePointApp, Registration, build_settings
from ..simulated import SimulatedChargePoint
from .csms import LoopbackCsms
from .recording import Received

WAIT = 10.0
CP_ID = "DEMO-CP-1"
LIMITED_POWER = 8 * 230 * 3  # W: the demo's 8 A TxProfile on the simulated car's 3 phases


class Transcript:
    def __init__(self, progress: Progress, width: int = 150) -> None:
        self.width = width
        self.frames = 0
        self._progress = progress

    def frame(self, direction: str, text: str) -> None:
        self.frames += 1
        arrow = "CP   -> CSMS" if direction == "send" else "CSMS -> CP  "
        shown = text if len(text) <= self.width else text[: self.width - 3] + "..."
        print(f"    {arrow}  {shown}")
        self._progress.notify()

    @staticmethod
    def step(text: str) -> None:
        print(f"\n== {text}")

    @staticmethod
    def result(text: str) -> None:
        print(f"    result: {text}")


class Progress:
    """Woken by everything the demo waits for (a frame, a published value), so a wait re-checks
    its condition only when something happened."""

    def __init__(self) -> None:
        self._changed = asyncio.Event()

    def notify(self, *_: object) -> None:
        # Wake every waiter, then start a fresh event for the next change.
        self._changed.set()
        self._changed = asyncio.Event()

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        async def wait() -> None:
            while not condition():
                await self._changed.wait()

        try:
            await asyncio.wait_for(wait(), WAIT)
        except TimeoutError:
            raise RuntimeError(f"demo: timed out waiting for {what}") from None


async def _registered(app: ChargePointApp) -> None:
    try:
        await asyncio.wait_for(app.core.session.wait_registration(Registration.ACCEPTED), WAIT)
    except TimeoutError:
        raise RuntimeError("demo: timed out waiting for registration") from None


async def run_demo(data_dir: Path) -> None:
    progress = Progress()
    transcript = Transcript(progress)
    csms = LoopbackCsms()
    await csms.start()
    url = csms.url
    settings = build_settings(
        {
            "csms_url": url,
            "charge_point_id": CP_ID,
            "data_dir": str(data_dir),
            "connectors": 2,
            "identity": {"vendor": "EVerest-py", "model": "Demo", "serial_number": "DEMO-0001"},
            # A short session: the car unplugs half a second after the transaction ends.
            "simulation": {"unplug_after_stop": 0.5},
        },
        {},
        "demo",
    )
    charge_point = SimulatedChargePoint(settings, observer=transcript.frame)
    app = charge_point.app
    user = Module("demo_user", charge_point.bus.transport())
    client = user.require(Ocpp16ChargePointClient, module_id=app.module_id, impl_id=app.impl_id)
    connected: list[bool] = []
    published_keys: list[Any] = []

    def on_connected(value: bool) -> None:
        connected.append(value)
        progress.notify()

    def on_configuration_key(value: Any) -> None:
        published_keys.append(value)
        progress.notify()

    client.subscribe_is_connected(on_connected)
    client.subscribe_configuration_key(on_configuration_key)
    print(f"demo CSMS listening on {url}; charge point {CP_ID}, data in {data_dir}")
    try:
        await user.start()
        transcript.step("start: connect, BootNotification, StatusNotification per connector")
        await charge_point.start()
        await _registered(app)
        await progress.until(lambda: transcript.frames >= 10, "the status notifications")
        transcript.result(f"is_connected published: {connected}")
        await _charging_session(csms, transcript)

        async def command(title: str, action: Callable[[], Awaitable[Any]]) -> Any:
            transcript.step(title)
            value = await action()
            transcript.result(
                repr(value) if not hasattr(value, "model_dump") else value.model_dump()
            )
            return value

        everything = await command(
            "get_configuration_key([]) -> every key", lambda: client.get_configuration_key([])
        )
        print(f"    ({len(everything.configuration_keys)} keys)")
        await command(
            "get_configuration_key(['HeartbeatInterval', 'NoSuchKey'])",
            lambda: client.get_configuration_key(["HeartbeatInterval", "NoSuchKey"]),
        )
        for key, value in (
            ("HeartbeatInterval", "120"),
            ("NumberOfConnectors", "4"),
            ("NoSuchKey", "1"),
            ("WebSocketPingInterval", "-5"),
        ):
            await command(
                f"set_configuration_key({key!r}, {value!r})",
                functools.partial(client.set_configuration_key, key, value),
            )
        await command(
            "monitor_configuration_keys(['MeterValueSampleInterval'])",
            lambda: client.monitor_configuration_keys(["MeterValueSampleInterval"]),
        )
        transcript.step("the CSMS changes the monitored key (ChangeConfiguration)")
        answer = await csms.call(
            CP_ID, "ChangeConfiguration", {"key": "MeterValueSampleInterval", "value": "30"}
        )
        transcript.result(f"CSMS got {answer}")
        await progress.until(lambda: bool(published_keys), "configuration_key")
        transcript.result(f"configuration_key published: {published_keys[-1].model_dump()}")
        transcript.step("the CSMS asks for two keys and one unknown (GetConfiguration)")
        answer = await csms.call(
            CP_ID, "GetConfiguration", {"key": ["HeartbeatInterval", "AuthorizationKey", "Foo"]}
        )
        transcript.result(f"CSMS got {answer}")
        transcript.step("the CSMS sends an action the charge point does not know")
        frames_before = transcript.frames
        await csms.send_raw(CP_ID, '[2,"demo-1","MakeCoffee",{}]')
        await progress.until(lambda: transcript.frames >= frames_before + 2, "the CALLERROR")
        frames_before = transcript.frames
        await command(
            "security_event('TamperDetectionActivated', 'demo: cover opened')",
            lambda: client.security_event("TamperDetectionActivated", "demo: cover opened"),
        )
        await progress.until(
            lambda: transcript.frames >= frames_before + 2, "SecurityEventNotification"
        )
        await command("stop()", lambda: client.stop())
        await progress.until(lambda: connected[-1] is False, "is_connected false")
        transcript.result(f"is_connected published: {connected}")
        await command("stop() again", lambda: client.stop())
        await command("restart()", lambda: client.restart())
        await progress.until(lambda: connected[-1] is True, "is_connected true")
        transcript.result(f"is_connected published: {connected} (reconnected, no new boot)")
        await command("restart() again", lambda: client.restart())
        transcript.step("done")
        transcript.result(f"OCPP 1.6 schema violations seen by the CSMS: {len(csms.violations)}")
    finally:
        await charge_point.close()
        await user.stop()
        await csms.close()


async def _charging_session(csms: LoopbackCsms, transcript: Transcript) -> None:
    """The CSMS alone drives a session on the simulated station: RemoteStartTransaction plugs a
    simulated car in, the car charges, a TxProfile limits it (the car's power follows),
    RemoteStopTransaction ends it and the car unplugs."""
    transcript.step("charging: the CSMS samples energy and power every second")
    for key, value in (
        ("MeterValueSampleInterval", "1"),
        ("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import"),
    ):
        setting = {"key": key, "value": value}
        transcript.result(f"CSMS got {await csms.call(CP_ID, 'ChangeConfiguration', setting)}")
    transcript.step("charging: RemoteStartTransaction on connector 1 (a simulated car plugs in)")
    start_request = {"connectorId": 1, "idTag": "DEMO-TAG"}
    transcript.result(f"CSMS got {await csms.call(CP_ID, 'RemoteStartTransaction', start_request)}")
    await csms.wait_for("StartTransaction", timeout=WAIT)
    full = await csms.wait_for("MeterValues", count=2, timeout=WAIT)
    transcript.result(f"the car draws {_power(full)} W (16 A on 3 phases at 230 V)")
    await _limit_the_car(csms, transcript)
    transcript.step("charging: RemoteStopTransaction")
    stop_request = {"transactionId": csms.script.last_transaction_id}
    transcript.result(f"CSMS got {await csms.call(CP_ID, 'RemoteStopTransaction', stop_request)}")
    stop = await csms.wait_for("StopTransaction", timeout=WAIT)

    def available(request: Received) -> bool:
        return request.payload.get("connectorId") == 1 and request.payload["status"] == "Available"

    await csms.wait_for("StatusNotification", available, since=stop.seq, timeout=WAIT)


async def _limit_the_car(csms: LoopbackCsms, transcript: Transcript) -> None:
    """Smart Charging: a TxProfile of 8 A for the running transaction reaches the simulated EVSE
    as its external limit; the next MeterValues show the power following it."""
    transcript.step("smart charging: SetChargingProfile, a TxProfile of 8 A for the transaction")
    request = {
        "connectorId": 1,
        "csChargingProfiles": {
            "chargingProfileId": 1,
            "transactionId": csms.script.last_transaction_id,
            "stackLevel": 0,
            "chargingProfilePurpose": "TxProfile",
            "chargingProfileKind": "Relative",
            "chargingSchedule": {
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 8}],
            },
        },
    }
    since = csms.recording.next_seq
    transcript.result(f"CSMS got {await csms.call(CP_ID, 'SetChargingProfile', request)}")
    limited = await csms.wait_for(
        "MeterValues", lambda r: _power(r) == LIMITED_POWER, since=since, timeout=WAIT
    )
    transcript.result(
        f"the car follows the limit: MeterValues Power.Active.Import {_power(limited)} W"
    )


def _power(meter_values: Received) -> float | None:
    """Power.Active.Import of a MeterValues.req (the first sample that has it)."""
    for value in meter_values.payload["meterValue"]:
        for sample in value["sampledValue"]:
            if sample.get("measurand") == "Power.Active.Import":
                return float(sample["value"])
    return None


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="    log: %(levelname)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="ocpp16-demo-") as directory:
        asyncio.run(run_demo(Path(directory)))
    return 0
