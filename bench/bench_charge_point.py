"""Charge point throughput and memory, side by side with a bare `ocpp`-package charge point.

    .venv/bin/python bench/bench_charge_point.py [--calls 2000] [--rounds 4]

One CSMS, the project's loopback CSMS (`LoopbackCsms(validate=False)`, see csms_process.py) in
a process of its own; each charge point runs in its own process too, and both face that same
CSMS process. Every rate alternates bare/ours `--rounds` times (calls / rounds each):
- GetConfiguration (10 keys) round trips/s, CSMS -> charge point, sequential;
- TriggerMessage (Heartbeat) round trips/s, CSMS -> charge point, sequential (both then send
  the triggered Heartbeat, after the reply);
- ChangeConfiguration (MeterValueSampleInterval, a new value each call) round trips/s, CSMS ->
  charge point: ours validates the value and answers once it is on disk; against the bare one
  keeping it in a dict, and against the bare one persisting each change before answering
  (whole document replaced atomically and durably, inline in its handler);
- Heartbeat round trips/s, charge point -> CSMS, sequential (ours through its session/RPC stack,
  the bare one through ChargePoint.call);
- resident memory (VmRSS) of the idle charge point process: the process a user runs
  (`python -m everest_py.ocpp16 run`) against a bare `ocpp` charge point doing the same idle work
  (BootNotification, StatusNotification for connectors 0 and 1, Heartbeat at the interval the
  CSMS sets), both started together and each measured right after the CSMS answered its third
  Heartbeat and it answered a one-key GetConfiguration sent after it (proof that it read the
  Heartbeat answer).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

import websockets
from ocpp.routing import after, on
from ocpp.v16 import ChargePoint as LibraryChargePoint
from ocpp.v16 import call, call_result
from ocpp.v16.datatypes import KeyValue
from ocpp.v16.enums import (
    Action,
    ChargePointErrorCode,
    ChargePointStatus,
    ConfigurationStatus,
    MessageTrigger,
    TriggerMessageStatus,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from csms_process import CsmsProcess  # noqa: E402  (bench/, next to this script)

IDLE_HEARTBEAT_INTERVAL = 1  # seconds, set by the CSMS while memory is measured
IDLE_HEARTBEATS = 3  # RSS is read right after the CSMS answered this many
_Handler = TypeVar("_Handler", bound=Callable[..., Any])


def handles(action: Action) -> Callable[[_Handler], _Handler]:
    """`ocpp.routing.on` with its type kept (the bare processes import nothing of ours)."""
    return cast(Callable[[_Handler], _Handler], on(action))


def after_handler(action: Action) -> Callable[[_Handler], _Handler]:
    """`ocpp.routing.after` with its type kept."""
    return cast(Callable[[_Handler], _Handler], after(action))


KEYS = [
    "HeartbeatInterval", "MeterValueSampleInterval", "NumberOfConnectors",
    "ConnectionTimeOut", "ResetRetries", "LocalPreAuthorize", "WebSocketPingInterval",
    "MeterValuesSampledData", "SupportedFeatureProfiles", "TransactionMessageAttempts",
]  # fmt: skip


# --- the charge point processes --------------------------------------------------------------


class BareChargePoint(LibraryChargePoint):  # type: ignore[misc]  # ocpp ships no type hints
    values: ClassVar[dict[str, str]] = {key: "60" for key in KEYS}

    @handles(Action.get_configuration)
    def on_get_configuration(self, key: list[str] | None = None, **_: Any) -> Any:
        return call_result.GetConfiguration(
            configuration_key=[KeyValue(k, False, self.values[k]) for k in key or KEYS]
        )

    @handles(Action.change_configuration)
    def on_change_configuration(self, key: str, value: str, **_: Any) -> Any:
        if key not in self.values:
            return call_result.ChangeConfiguration(status=ConfigurationStatus.not_supported)
        self.values[key] = value
        return call_result.ChangeConfiguration(status=ConfigurationStatus.accepted)

    @handles(Action.trigger_message)
    def on_trigger_message(self, requested_message: str, **_: Any) -> Any:
        if requested_message != MessageTrigger.heartbeat:
            return call_result.TriggerMessage(status=TriggerMessageStatus.not_implemented)
        return call_result.TriggerMessage(status=TriggerMessageStatus.accepted)

    @after_handler(Action.trigger_message)
    async def after_trigger_message(self, requested_message: str, **_: Any) -> None:
        # As ours does: the triggered message goes out after the reply.
        if requested_message == MessageTrigger.heartbeat:
            await self.call(call.Heartbeat())


class PersistingBareChargePoint(BareChargePoint):
    """The bare charge point that also stores every change before it answers, as simply as
    that library invites: inline in the handler, with the guarantee ours gives (the whole
    document atomically replaced, durable: temp file, fsync, rename, directory fsync)."""

    directory: ClassVar[Path] = Path(".")

    @handles(Action.change_configuration)
    def on_change_configuration(self, key: str, value: str, **_: Any) -> Any:
        if key not in self.values:
            return call_result.ChangeConfiguration(status=ConfigurationStatus.not_supported)
        self.values[key] = value
        temp = self.directory / "state.json.tmp"
        with temp.open("wb") as file:
            file.write(json.dumps(self.values).encode())
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, self.directory / "state.json")
        descriptor = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        return call_result.ChangeConfiguration(status=ConfigurationStatus.accepted)


async def _heartbeats(send: Any, count: int) -> float:
    for _ in range(50):
        await send()
    started = time.perf_counter()
    for _ in range(count):
        await send()
    return count / (time.perf_counter() - started)


async def run_bare(url: str, role: str = "bare") -> None:
    async with websockets.connect(url + "/" + CP_IDS[role], subprotocols=["ocpp1.6"], compression=None) as connection:  # type: ignore[list-item]
        if role == "bare-fsync":
            data_dir = tempfile.mkdtemp(prefix="bench-bare-")
            PersistingBareChargePoint.directory = Path(data_dir)
            charge_point: BareChargePoint = PersistingBareChargePoint(CP_IDS[role], connection)
        else:
            charge_point = BareChargePoint(CP_IDS[role], connection)
        receiver = asyncio.create_task(charge_point.start())
        await charge_point.call(
            call.BootNotification(charge_point_model="M", charge_point_vendor="V")
        )
        await _serve_commands(lambda: charge_point.call(call.Heartbeat()))
        receiver.cancel()


async def run_bare_idle(url: str) -> None:
    """The bare charge point doing what ours does when idle: boot, statuses, heartbeats."""
    cp_id = IDLE_IDS["bare"]
    async with websockets.connect(f"{url}/{cp_id}", subprotocols=["ocpp1.6"], compression=None) as connection:  # type: ignore[list-item]
        charge_point = BareChargePoint(cp_id, connection)
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
                "charge_point_id": CP_IDS["ours"],
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


# --- the comparison: one CSMS process, both charge points ------------------------------------


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def _spawn(command: list[str], **streams: Any) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(*command, cwd=ROOT, **streams)


async def _stop(process: asyncio.subprocess.Process, terminate: bool = False) -> None:
    if process.stdin is not None:
        process.stdin.close()
    if terminate and process.returncode is None:
        process.terminate()
    try:
        await asyncio.wait_for(process.wait(), 10)
    except TimeoutError:
        process.kill()
        await process.wait()


async def _started(csms: CsmsProcess, role: str) -> None:
    """Start-up traffic done: the bare one only boots; ours also sends its statuses and then
    the StartupOfTheDevice security event."""
    if role != "ours":
        await csms.send("wait_call", action="BootNotification", cp_id=CP_IDS[role])
    else:
        await csms.send(
            "wait_call",
            action="SecurityEventNotification",
            cp_id=CP_IDS[role],
            match={"type": "StartupOfTheDevice"},
        )


# CSMS -> charge point calls measured, by row key: (action, payload)
CSMS_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "get_configuration": ("GetConfiguration", {"key": KEYS}),
    "trigger_message": ("TriggerMessage", {"requestedMessage": "Heartbeat"}),
    "change_configuration": (
        "ChangeConfiguration",
        {"key": "MeterValueSampleInterval", "value": "60"},
    ),
}
# Every call changes the value (an unchanged value is not stored again), so each is persisted.
CYCLES: dict[str, dict[str, list[str]]] = {"change_configuration": {"value": ["61", "62"]}}
# Who is measured on what: the persisting bare charge point only where persistence matters.
MEASURED: dict[str, tuple[str, ...]] = {
    "get_configuration": ("bare", "ours"),
    "trigger_message": ("bare", "ours"),
    "change_configuration": ("bare", "bare-fsync", "ours"),
    "heartbeat": ("bare", "ours"),
}
Rates = dict[str, dict[str, list[float]]]  # role -> measure -> one rate per round


async def measure(csms: CsmsProcess, calls: int, rounds: int) -> Rates:
    """Round trips/s of the charge points, per round: each measure alternates between them
    `rounds` times (calls / rounds each), all connected to the same CSMS process throughout."""
    await csms.send("heartbeat_interval", seconds=3600)
    processes: dict[str, asyncio.subprocess.Process] = {}
    rates: Rates = {role: {key: [] for key in MEASURED} for role in ROLES}
    per_round = max(1, calls // rounds)
    try:
        for role in ROLES:
            processes[role] = await _spawn(
                [sys.executable, __file__, "--role", role, "--url", csms.url],
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            )  # fmt: skip
            stdout = processes[role].stdout
            assert stdout is not None
            json.loads(await asyncio.wait_for(stdout.readline(), 30))
            await _started(csms, role)
        for _ in range(rounds):
            for key, (action, payload) in CSMS_CALLS.items():
                for role in MEASURED[key]:
                    reply = await csms.send(
                        "calls", cp_id=CP_IDS[role], action=action, payload=payload,
                        count=per_round, cycle=CYCLES.get(key),
                    )  # fmt: skip
                    if key == "get_configuration":
                        assert len(reply["result"]["configurationKey"]) == len(KEYS), reply
                    else:
                        assert reply["result"]["status"] == "Accepted", (role, key, reply)
                    rates[role][key].append(reply["per_second"])
            for role in MEASURED["heartbeat"]:
                process = processes[role]
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write(f"heartbeats {per_round}\n".encode())
                await process.stdin.drain()
                rate = json.loads(await process.stdout.readline())["heartbeats_per_second"]
                rates[role]["heartbeat"].append(rate)
    finally:
        for process in processes.values():
            await _stop(process)
    return rates


async def idle_rss(csms: CsmsProcess) -> dict[str, float]:
    """VmRSS (MiB) of both idle charge point processes, started together against the CSMS
    process, each read right after its third Heartbeat and a one-key GetConfiguration."""
    await csms.send("heartbeat_interval", seconds=IDLE_HEARTBEAT_INTERVAL)
    rss: dict[str, float] = {}
    processes: dict[str, asyncio.subprocess.Process] = {}
    with tempfile.TemporaryDirectory() as data_dir:
        try:
            for role, command in (("bare", IDLE_BARE), ("ours", IDLE_OURS)):
                processes[role] = await _spawn(
                    [part.format(url=csms.url, data_dir=data_dir) for part in command],
                    stdout=asyncio.subprocess.DEVNULL,
                )
            for role in ("bare", "ours"):
                cp_id = IDLE_IDS[role]
                await csms.send("wait_call", action="Heartbeat", cp_id=cp_id, count=IDLE_HEARTBEATS)
                # Frames are read in order: once the charge point answered a call sent after
                # the Heartbeat answer, it has read that answer.
                await csms.send(
                    "calls", cp_id=cp_id, action="GetConfiguration", payload={"key": KEYS[:1]},
                    count=1, warmup=0,
                )  # fmt: skip
                rss[role] = _rss_mib(processes[role].pid)
        finally:
            for process in processes.values():
                await _stop(process, terminate=True)
    return rss


ROLES = ("bare", "bare-fsync", "ours")
CP_IDS = {"bare": "BARE", "bare-fsync": "BARE-FSYNC", "ours": "OURS"}
IDLE_IDS = {"bare": "BARE-IDLE", "ours": "OURS-IDLE"}
IDLE_BARE = [sys.executable, __file__, "--role", "bare-idle", "--url", "{url}"]
IDLE_OURS = [
    sys.executable, "-m", "everest_py.ocpp16", "run", "--csms", "{url}", "--id", "OURS-IDLE",
    "--data-dir", "{data_dir}", "--log-level", "WARNING",
]  # fmt: skip


def _spread(values: list[float], style: str) -> str:
    """median (min–max over the rounds)"""
    return (
        f"{style.format(statistics.median(values))} "
        f"({style.format(min(values))}–{style.format(max(values))})"
    )


async def compare(calls: int, rounds: int) -> None:
    async with CsmsProcess() as csms:
        rates = await measure(csms, calls, rounds)
        rss = await idle_rss(csms)
    bare, ours = rates["bare"], rates["ours"]
    print(f"loopback, {calls} sequential calls each, interleaved in {rounds} rounds; "
          "CSMS = the project's LoopbackCsms (schema validation off) in its own process, "
          f"one process per charge point, {os.cpu_count()} cores; round trips/s as median "
          "(min–max) over the rounds")  # fmt: skip
    print()
    print("| measure | bare ocpp 2.1.0 charge point | this charge point | this / bare (medians) |")
    print("|---|---:|---:|---:|")
    rows = (
        ("GetConfiguration (10 keys) CSMS->CP round trips/s", "get_configuration"),
        ("TriggerMessage (Heartbeat) CSMS->CP round trips/s", "trigger_message"),
        (
            "ChangeConfiguration CSMS->CP round trips/s (bare: kept in a dict)",
            "change_configuration",
        ),
        ("Heartbeat CP->CSMS round trips/s", "heartbeat"),
    )
    for title, key in rows:
        print(
            f"| {title} | {_spread(bare[key], '{:,.0f}')} | {_spread(ours[key], '{:,.0f}')} | "
            f"{statistics.median(ours[key]) / statistics.median(bare[key]):.2f}x |"
        )
    persisting = rates["bare-fsync"]["change_configuration"]
    ratio = statistics.median(ours["change_configuration"]) / statistics.median(persisting)
    print(
        "| ChangeConfiguration CSMS->CP round trips/s, bare persisting each change "
        f"(temp file, fsync, rename, dir fsync) | {_spread(persisting, '{:,.0f}')} | "
        f"{_spread(ours['change_configuration'], '{:,.0f}')} | {ratio:.2f}x (target >= 1.5x) |"
    )
    print(
        f"| idle charge point resident memory (MiB, after {IDLE_HEARTBEATS} heartbeats) | "
        f"{rss['bare']:.1f} | {rss['ours']:.1f} | {rss['ours'] / rss['bare']:.2f}x |"
    )


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--calls", type=int, default=2000)
    arguments.add_argument("--rounds", type=int, default=4, help="bare/ours alternations")
    arguments.add_argument(
        "--role", choices=("bare", "bare-fsync", "bare-idle", "ours"), help=argparse.SUPPRESS
    )
    arguments.add_argument("--url", help=argparse.SUPPRESS)
    options = arguments.parse_args()
    if options.role in ("bare", "bare-fsync"):
        asyncio.run(run_bare(options.url, options.role))
    elif options.role == "bare-idle":
        asyncio.run(run_bare_idle(options.url))
    elif options.role == "ours":
        asyncio.run(run_ours(options.url))
    else:
        asyncio.run(compare(options.calls, options.rounds))


if __name__ == "__main__":
    main()
