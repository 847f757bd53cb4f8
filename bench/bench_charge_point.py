"""Charge point throughput and memory, side by side with a bare `ocpp`-package charge point.

    .venv/bin/python bench/bench_charge_point.py [--calls 2000]

One CSMS (the `ocpp` package's central-system side, in this process) on loopback; each charge
point runs in its own process:
- GetConfiguration (10 keys) round trips/s, CSMS -> charge point, sequential;
- Heartbeat round trips/s, charge point -> CSMS, sequential (ours through its session/RPC stack,
  the bare one through ChargePoint.call);
- resident memory (VmRSS) of the idle charge point process: the process a user runs
  (`python -m everest_py.ocpp16 run`) against a bare `ocpp` charge point doing the same idle work
  (BootNotification, StatusNotification for connectors 0 and 1, Heartbeat at the interval the
  CSMS sets), both measured at the same moment: right after the CSMS answered their third
  Heartbeat and they answered a one-key GetConfiguration sent after it (proof that they read
  the Heartbeat answer).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

import websockets
from ocpp.routing import on
from ocpp.v16 import ChargePoint as LibraryChargePoint
from ocpp.v16 import call, call_result
from ocpp.v16.datatypes import KeyValue
from ocpp.v16.enums import (
    Action,
    ChargePointErrorCode,
    ChargePointStatus,
    RegistrationStatus,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

IDLE_HEARTBEAT_INTERVAL = 1  # seconds, set by the CSMS while memory is measured
IDLE_HEARTBEATS = 3  # RSS is read right after the CSMS answered this many
_Handler = TypeVar("_Handler", bound=Callable[..., Any])


def handles(action: Action) -> Callable[[_Handler], _Handler]:
    """`ocpp.routing.on` with its type kept (the bare processes import nothing of ours)."""
    return cast(Callable[[_Handler], _Handler], on(action))


KEYS = [
    "HeartbeatInterval", "MeterValueSampleInterval", "NumberOfConnectors",
    "ConnectionTimeOut", "ResetRetries", "LocalPreAuthorize", "WebSocketPingInterval",
    "MeterValuesSampledData", "SupportedFeatureProfiles", "TransactionMessageAttempts",
]  # fmt: skip


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


# --- the charge point processes --------------------------------------------------------------


class BareChargePoint(LibraryChargePoint):  # type: ignore[misc]  # ocpp ships no type hints
    values: ClassVar[dict[str, str]] = {key: "60" for key in KEYS}

    @handles(Action.get_configuration)
    def on_get_configuration(self, key: list[str] | None = None, **_: Any) -> Any:
        return call_result.GetConfiguration(
            configuration_key=[KeyValue(k, False, self.values[k]) for k in key or KEYS]
        )


async def _heartbeats(send: Any, count: int) -> float:
    for _ in range(50):
        await send()
    started = time.perf_counter()
    for _ in range(count):
        await send()
    return count / (time.perf_counter() - started)


async def run_bare(url: str) -> None:
    async with websockets.connect(url + "/BARE", subprotocols=["ocpp1.6"]) as connection:  # type: ignore[list-item]
        charge_point = BareChargePoint("BARE", connection)
        receiver = asyncio.create_task(charge_point.start())
        await charge_point.call(
            call.BootNotification(charge_point_model="M", charge_point_vendor="V")
        )
        await _serve_commands(lambda: charge_point.call(call.Heartbeat()))
        receiver.cancel()


async def run_bare_idle(url: str) -> None:
    """The bare charge point doing what ours does when idle: boot, statuses, heartbeats."""
    async with websockets.connect(url + "/BARE", subprotocols=["ocpp1.6"]) as connection:  # type: ignore[list-item]
        charge_point = BareChargePoint("BARE", connection)
        receiver = asyncio.create_task(charge_point.start())
        boot = await charge_point.call(
            call.BootNotification(charge_point_model="M", charge_point_vendor="V")
        )
        for connector in (0, 1):
            await charge_point.call(
                call.StatusNotification(
                    connector_id=connector,
                    error_code=ChargePointErrorCode.no_error,
                    status=ChargePointStatus.available,
                )
            )
        while True:
            await asyncio.sleep(boot.interval)
            await charge_point.call(call.Heartbeat())
        receiver.cancel()


async def run_ours(url: str) -> None:
    from everest_py.ocpp16 import ChargePointApp, Registration, build_settings

    with tempfile.TemporaryDirectory() as data_dir:
        settings = build_settings(
            {
                "csms_url": url,
                "charge_point_id": "OURS",
                "data_dir": data_dir,
                "log_level": "WARNING",
            },
            {},
            "bench",
        )
        app = ChargePointApp(settings)
        await app.start()
        await asyncio.wait_for(app.core.session.wait_registration(Registration.ACCEPTED), 30)
        await _serve_commands(lambda: app.core.session.request(call.Heartbeat()))
        await app.close()


async def _serve_commands(heartbeat: Any) -> None:
    """Lines on stdin: 'heartbeats N' -> prints the rate; EOF ends the process."""
    print(json.dumps({"ready": True}), flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        count = int(line.split()[1])
        rate = await _heartbeats(heartbeat, count)
        print(json.dumps({"heartbeats_per_second": rate}), flush=True)


# --- the CSMS side and the comparison --------------------------------------------------------


class BenchCsms(LibraryChargePoint):  # type: ignore[misc]
    """Sets `booted` on the BootNotification and `started_up` on the StartupOfTheDevice security
    event: the last of this charge point's start-up traffic (statuses come before it)."""

    def __init__(self, charge_point_id: str, connection: Any) -> None:
        super().__init__(charge_point_id, connection)
        self.booted = asyncio.Event()
        self.started_up = asyncio.Event()

    @handles(Action.boot_notification)
    def on_boot(self, **_: Any) -> Any:
        self.booted.set()
        return call_result.BootNotification(
            current_time=_now(), interval=3600, status=RegistrationStatus.accepted
        )

    @handles(Action.heartbeat)
    def on_heartbeat(self, **_: Any) -> Any:
        return call_result.Heartbeat(current_time=_now())

    @handles(Action.status_notification)
    def on_status(self, **_: Any) -> Any:
        return call_result.StatusNotification()

    @handles(Action.security_event_notification)
    def on_security_event(self, type: str, **_: Any) -> Any:
        if type == "StartupOfTheDevice":
            self.started_up.set()
        return call_result.SecurityEventNotification()


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class _Csms:
    """A CSMS on 127.0.0.1 (OS-chosen port) that hands each connection to a ``side_type``."""

    def __init__(self, side_type: type[BenchCsms]) -> None:
        self.side_type = side_type
        self.sides: list[Any] = []
        self.connected = asyncio.Event()
        self.server: Any = None
        self.url = ""

    async def __aenter__(self) -> _Csms:
        self.server = await websockets.serve(self._serve, "127.0.0.1", 0, subprotocols=["ocpp1.6"])  # type: ignore[list-item]
        port = next(iter(self.server.sockets)).getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/ocpp"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def _serve(self, connection: Any) -> None:
        side = self.side_type("bench", connection)
        self.sides.append(side)
        self.connected.set()
        try:
            await side.start()
        except websockets.ConnectionClosed:
            pass

    async def side(self) -> Any:
        """The charge point's side, once it has connected."""
        await asyncio.wait_for(self.connected.wait(), 30)
        return self.sides[-1]


async def measure(role: str, calls: int) -> dict[str, float]:
    async with _Csms(BenchCsms) as csms:
        return await _measure_with(csms, role, calls)


async def _measure_with(csms: _Csms, role: str, calls: int) -> dict[str, float]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--role", role, "--url", csms.url,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        json.loads(await asyncio.wait_for(process.stdout.readline(), 30))
        side = await csms.side()
        # Start-up traffic done: the bare one only boots; ours also sends its statuses and
        # then the StartupOfTheDevice security event.
        await asyncio.wait_for((side.booted if role == "bare" else side.started_up).wait(), 30)
        request = call.GetConfiguration(key=KEYS)
        for _ in range(50):
            await side.call(request)
        started = time.perf_counter()
        for _ in range(calls):
            result = await side.call(request)
        get_configuration = calls / (time.perf_counter() - started)
        assert result is not None and len(result.configuration_key) == len(KEYS)
        process.stdin.write(f"heartbeats {calls}\n".encode())
        await process.stdin.drain()
        heartbeats = json.loads(await process.stdout.readline())["heartbeats_per_second"]
        return {"get_configuration": get_configuration, "heartbeat": heartbeats}
    finally:
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


class IdleCsms(BenchCsms):
    """Sets a short heartbeat interval and reports when the charge point has sent enough."""

    def __init__(self, charge_point_id: str, connection: Any) -> None:
        super().__init__(charge_point_id, connection)
        self.heartbeats = 0
        self.heartbeats_seen = asyncio.Event()

    @handles(Action.boot_notification)
    def on_boot(self, **_: Any) -> Any:
        return call_result.BootNotification(
            current_time=_now(),
            interval=IDLE_HEARTBEAT_INTERVAL,
            status=RegistrationStatus.accepted,
        )

    @handles(Action.heartbeat)
    def on_heartbeat(self, **_: Any) -> Any:
        self.heartbeats += 1
        if self.heartbeats == IDLE_HEARTBEATS:
            asyncio.get_running_loop().call_soon(self.heartbeats_seen.set)
        return call_result.Heartbeat(current_time=_now())


async def idle_rss(command: list[str]) -> float:
    """VmRSS (MiB) of ``command`` (a charge point for URL) once it has booted and heartbeats."""
    async with _Csms(IdleCsms) as csms:
        with tempfile.TemporaryDirectory() as data_dir:
            return await _idle_rss_with(csms, command, data_dir)


async def _idle_rss_with(csms: _Csms, command: list[str], data_dir: str) -> float:
    process = await asyncio.create_subprocess_exec(
        *(part.format(url=csms.url, data_dir=data_dir) for part in command),
        stdout=asyncio.subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    try:
        side = await csms.side()
        await asyncio.wait_for(side.heartbeats_seen.wait(), 30)
        # Frames are read in order: once the charge point answered a call sent after the
        # Heartbeat answer, it has read that answer.
        await asyncio.wait_for(side.call(call.GetConfiguration(key=KEYS[:1])), 30)
        return _rss_mib(process.pid)
    finally:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


IDLE_BARE = [sys.executable, __file__, "--role", "bare-idle", "--url", "{url}"]
IDLE_OURS = [
    sys.executable, "-m", "everest_py.ocpp16", "run", "--csms", "{url}", "--id", "OURS",
    "--data-dir", "{data_dir}", "--log-level", "WARNING",
]  # fmt: skip


async def compare(calls: int) -> None:
    bare = await measure("bare", calls)
    ours = await measure("ours", calls)
    bare["rss"] = await idle_rss(IDLE_BARE)
    ours["rss"] = await idle_rss(IDLE_OURS)
    print(f"loopback, {calls} sequential calls each, CSMS = ocpp 2.1.0 central side (default "
          f"validation), one process per charge point, {os.cpu_count()} cores")  # fmt: skip
    print()
    print("| measure | bare ocpp 2.1.0 charge point | this charge point | this / bare |")
    print("|---|---:|---:|---:|")
    rows = (
        ("GetConfiguration (10 keys) CSMS->CP round trips/s", "get_configuration", "{:,.0f}"),
        ("Heartbeat CP->CSMS round trips/s", "heartbeat", "{:,.0f}"),
        (
            f"idle charge point resident memory (MiB, after {IDLE_HEARTBEATS} heartbeats)",
            "rss",
            "{:.1f}",
        ),
    )
    for title, key, style in rows:
        print(
            f"| {title} | {style.format(bare[key])} | {style.format(ours[key])} | "
            f"{ours[key] / bare[key]:.2f}x |"
        )


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--calls", type=int, default=2000)
    arguments.add_argument("--role", choices=("bare", "bare-idle", "ours"), help=argparse.SUPPRESS)
    arguments.add_argument("--url", help=argparse.SUPPRESS)
    options = arguments.parse_args()
    if options.role == "bare":
        asyncio.run(run_bare(options.url))
    elif options.role == "bare-idle":
        asyncio.run(run_bare_idle(options.url))
    elif options.role == "ours":
        asyncio.run(run_ours(options.url))
    else:
        asyncio.run(compare(options.calls))


if __name__ == "__main__":
    main()
