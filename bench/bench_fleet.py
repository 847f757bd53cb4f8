"""A fleet of charge points in one process against a raw CSMS in another.

    .venv/bin/python bench/bench_fleet.py [--count 1000] [--idle 20] [--heartbeat 10]

The CSMS is a few lines of raw `websockets` (this file run with `--serve-csms`): it answers
BootNotification (Accepted, heartbeat every `--heartbeat` s), Heartbeat and every other CALL,
and notes when each charge point's first BootNotification arrived. It validates nothing, so the
figures are the charge points'. The fleet is the program users run:
`python -m everest_py.ocpp16 fleet --csms URL --count N` (one process, no ramp). Printed:
- time from spawning the fleet process to the CSMS holding every BootNotification (target 10 s),
  and the same with one worker process per core (`--processes 0`);
- resident memory of the fleet process divided by N, once every charge point has sent its
  StatusNotifications and its StartupOfTheDevice security event (target 2 MiB); also the same
  less the RSS of a fleet of one; its threads and open files then;
- CPU time of the fleet process per second and per charge point while idle (heartbeats only),
  over `--idle` seconds from `--settle` seconds after that (target 0.05 ms/s): the end of the
  boot (the CSMS's last answers taken in, the security events removed from their stores) is not
  idle, and a fleet that boots all at once ends its boot all at once.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_BOOT_SECONDS = 10.0
TARGET_RSS_MIB = 2.0
TARGET_IDLE_MS = 0.05
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Each charge point creates a SQLite store and fsyncs its first security event: on a virtual
# disk that is tens of ms each, and the bench measures charge points, not the disk. A fleet for
# load tests belongs on tmpfs too (docs/fleet.md). --data-root picks another place.
DEFAULT_DATA_ROOT = "/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir()


# --- the raw CSMS process ----------------------------------------------------------------


async def serve_csms(heartbeat: int) -> None:
    from websockets.asyncio.server import ServerConnection, serve
    from websockets.exceptions import ConnectionClosed

    booted: dict[str, float] = {}
    counts = {"calls": 0, "statuses": 0, "security_events": 0}
    boot_answer = {"status": "Accepted", "interval": heartbeat}

    async def handle(connection: ServerConnection) -> None:
        charge_point_id = (connection.request.path if connection.request else "").rsplit("/", 1)[-1]
        with contextlib.suppress(ConnectionClosed):  # a charge point that stops, as a CSMS sees it
            await answer_calls(connection, charge_point_id)

    async def answer_calls(connection: ServerConnection, charge_point_id: str) -> None:
        async for text in connection:
            message = json.loads(text)
            if message[0] != 2:
                continue
            action = message[2]
            counts["calls"] += 1
            if action == "BootNotification":
                booted.setdefault(charge_point_id, time.monotonic())
                answer: dict[str, Any] = {**boot_answer, "currentTime": _now()}
            elif action == "Heartbeat":
                answer = {"currentTime": _now()}
            else:
                counts["statuses"] += action == "StatusNotification"
                counts["security_events"] += action == "SecurityEventNotification"
                answer = {}
            await connection.send(json.dumps([3, message[1], answer]))

    async with serve(handle, "127.0.0.1", 0, subprotocols=["ocpp1.6"], backlog=4096) as server:  # type: ignore[list-item]
        port = server.sockets[0].getsockname()[1]
        print(json.dumps({"url": f"ws://127.0.0.1:{port}/ocpp"}), flush=True)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while line := await reader.readline():
            command = json.loads(line)
            wanted = command["booted"]
            while (
                len(booted) < wanted
                or counts["statuses"] < command.get("statuses", 0)
                or counts["security_events"] < command.get("security_events", 0)
            ):
                await asyncio.sleep(0.05)
            print(json.dumps({"at": max(booted.values()), **counts}), flush=True)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


# --- the bench ----------------------------------------------------------------------------


class Csms:
    async def __aenter__(self) -> Csms:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--serve-csms", "--heartbeat", str(ARGS.heartbeat),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self.url: str = (await self._read(30))["url"]
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.terminate()
        await self.process.wait()

    async def wait_booted(
        self, count: int, statuses: int = 0, security_events: int = 0, timeout: float = 120
    ) -> Any:
        assert self.process.stdin is not None
        wanted = {"booted": count, "statuses": statuses, "security_events": security_events}
        self.process.stdin.write((json.dumps(wanted) + "\n").encode())
        return await self._read(timeout)

    async def _read(self, timeout: float) -> Any:
        assert self.process.stdout is not None
        async with asyncio.timeout(timeout):
            return json.loads(await self.process.stdout.readline())


async def start_fleet(
    url: str, count: int, data_dir: str, processes: int = 1
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "fleet", "--csms", url, "--count", str(count),
        "--data-dir", data_dir, "--summary-interval", "3600", "--processes", str(processes),
        cwd=ROOT, stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def stop(process: asyncio.subprocess.Process) -> None:
    process.terminate()
    await process.wait()


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def threads_and_files(pid: int) -> tuple[int, int]:
    threads = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("Threads:")
    )
    return threads, len(os.listdir(f"/proc/{pid}/fd"))


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


async def measure(count: int, idle: float) -> dict[str, float]:
    statuses = 2  # connectors 0 and 1 of each charge point
    with tempfile.TemporaryDirectory(dir=ARGS.data_root) as data:
        async with Csms() as csms:
            one = await start_fleet(csms.url, 1, f"{data}/one")
            await csms.wait_booted(1, statuses)
            base = rss_mib(one.pid)
            await stop(one)
        async with Csms() as csms:
            spawned = time.monotonic()
            fleet = await start_fleet(csms.url, count, f"{data}/fleet")
            try:
                booted = await csms.wait_booted(count)
                boot_seconds = booted["at"] - spawned
                boot_cpu = cpu_seconds(fleet.pid)
                # Idle means heartbeats only: each member's boot has ended with its
                # StatusNotifications and its StartupOfTheDevice security event.
                await csms.wait_booted(count, statuses * count, security_events=count)
                rss = rss_mib(fleet.pid)
                threads, files = threads_and_files(fleet.pid)
                # The CSMS's last answers are still being taken in (e.g. the security events'
                # removal from their stores): not idle yet.
                await asyncio.sleep(ARGS.settle)
                before, started = cpu_seconds(fleet.pid), time.monotonic()
                await asyncio.sleep(idle)
                cpu = cpu_seconds(fleet.pid) - before
                seconds = time.monotonic() - started
            finally:
                await stop(fleet)
        async with Csms() as csms:
            spawned = time.monotonic()
            fleet = await start_fleet(csms.url, count, f"{data}/every-core", processes=0)
            try:
                every_core = (await csms.wait_booted(count))["at"] - spawned
            finally:
                await stop(fleet)
    return {
        "boot_seconds_every_core": every_core,
        "boot_seconds": boot_seconds,
        "boot_cpu_ms_per_cp": boot_cpu * 1000 / count,
        "rss_total": rss,
        "rss_per_cp": rss / count,
        "rss_marginal": (rss - base) / max(count - 1, 1),
        "threads": threads,
        "files": files,
        "idle_ms_per_s_per_cp": cpu * 1000 / seconds / count,
    }


def report(count: int, idle: float, figures: dict[str, float]) -> None:
    def verdict(value: float, target: float) -> str:
        return "ok" if value <= target else "MISSED"

    print(f"fleet of {count} charge points, one process, raw CSMS in another process:")
    boot = figures["boot_seconds"]
    print(f"  all booted after   {boot:8.2f} s            target <= {TARGET_BOOT_SECONDS:g} s"
          f"   {verdict(boot, TARGET_BOOT_SECONDS)}  (fleet process CPU "
          f"{figures['boot_cpu_ms_per_cp']:.1f} ms per CP until then; data in {ARGS.data_root})")  # fmt: skip
    print(f"  with --processes {os.cpu_count()} (one per core): all booted after "
          f"{figures['boot_seconds_every_core']:.2f} s")  # fmt: skip
    per_cp = figures["rss_per_cp"]
    print(f"  RSS per CP         {per_cp:8.2f} MiB          target <= {TARGET_RSS_MIB:g} MiB"
          f"  {verdict(per_cp, TARGET_RSS_MIB)}  (total {figures['rss_total']:.0f} MiB; "
          f"{figures['rss_marginal']:.2f} MiB each beyond a fleet of one)")  # fmt: skip
    print(f"  threads {figures['threads']:.0f}, open files {figures['files']:.0f} in the fleet "
          "process")  # fmt: skip
    idle_cpu = figures["idle_ms_per_s_per_cp"]
    print(f"  idle CPU per CP    {idle_cpu:8.4f} ms/s         target <= {TARGET_IDLE_MS:g} ms/s"
          f" {verdict(idle_cpu, TARGET_IDLE_MS)}  (heartbeat every {ARGS.heartbeat} s, "
          f"over {idle:g} s)")  # fmt: skip


def main() -> None:
    if ARGS.serve_csms:
        asyncio.run(serve_csms(ARGS.heartbeat))
        return
    report(ARGS.count, ARGS.idle, asyncio.run(measure(ARGS.count, ARGS.idle)))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle measurement")
    parser.add_argument("--heartbeat", type=int, default=10, help="heartbeat interval, seconds")
    parser.add_argument(
        "--settle", type=float, default=2.0, help="seconds from the last boot message to idle"
    )
    parser.add_argument("--data-root", default=DEFAULT_DATA_ROOT, help="where the stores go")
    parser.add_argument("--serve-csms", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


ARGS = _arguments()

if __name__ == "__main__":
    main()
