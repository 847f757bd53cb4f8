"""Start-up to BootNotification, and idle memory: our charge point process against a bare
`ocpp`-package charge point, each a fresh process.

    .venv/bin/python bench/bench_startup.py [--rounds 10]

The CSMS is the raw one of bench_fleet.py (`--serve-csms`) in a process of its own; it notes
when each BootNotification arrives on CLOCK_MONOTONIC, the clock this bench reads just before
it spawns a charge point, so "start-up" is process start (interpreter, imports, set-up,
connect) to the CSMS holding the BootNotification. Runs alternate bare/ours (the order flips
every round); each figure is the median with the range over the rounds. Memory is VmRSS of
the same processes, read 1.5 s after their BootNotification arrived (the CSMS asks for a
heartbeat every second; ours has sent its StatusNotifications by then), and so is the CPU time
(user + system) the process used until then: on a busy machine it varies less than the
start-up time, and idle it is close to it. Ours is the program
users run: `python -m everest_py.ocpp16 run --csms URL --id ID --data-dir DIR`.
Target for both: at most 1.2x the bare charge point.

Ours loads no pydantic until something speaks EVerest's types (the interface, a linked module,
GetConfiguration): `run` against a CSMS boots and idles without it (tests/test_startup.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.2
SETTLE_SECONDS = 1.5  # after the BootNotification, before memory is read


async def run_bare(url: str, charge_point_id: str) -> None:
    """The baseline: the `ocpp` package's ChargePoint over `websockets`, nothing of ours."""
    import websockets
    from ocpp.v16 import ChargePoint, call

    async with websockets.connect(f"{url}/{charge_point_id}", subprotocols=["ocpp1.6"], compression=None) as ws:  # type: ignore[list-item]
        charge_point = ChargePoint(charge_point_id, ws)
        receiver = asyncio.create_task(charge_point.start())
        boot = await charge_point.call(
            call.BootNotification(charge_point_model="M", charge_point_vendor="V")
        )
        while True:
            await asyncio.sleep(boot.interval)
            await charge_point.call(call.Heartbeat())
        receiver.cancel()


class Csms:
    """The raw CSMS process of bench_fleet.py."""

    async def __aenter__(self) -> Csms:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "bench" / "bench_fleet.py"), "--serve-csms",
            "--heartbeat", "1", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self.url: str = (await self._read())["url"]
        self.booted = 0
        return self

    async def __aexit__(self, *_: object) -> None:
        self.process.terminate()
        await self.process.wait()

    async def next_boot(self) -> float:
        """When the next charge point's BootNotification arrived (monotonic seconds)."""
        assert self.process.stdin is not None
        self.booted += 1
        self.process.stdin.write((json.dumps({"booted": self.booted}) + "\n").encode())
        return float((await self._read())["at"])

    async def _read(self) -> Any:
        assert self.process.stdout is not None
        async with asyncio.timeout(60):
            return json.loads(await self.process.stdout.readline())


ROLES = ("bare", "ours")


def command(role: str, url: str, charge_point_id: str, data_dir: str) -> list[str]:
    if role == "bare":
        return [sys.executable, __file__, "--bare", url, charge_point_id]
    return [sys.executable, "-m", "everest_py.ocpp16", "run", "--csms", url,
            "--id", charge_point_id, "--data-dir", data_dir, "--log-level", "WARNING"]  # fmt: skip


def cpu_ms(pid: int) -> float:
    """User + system CPU time of the process so far: less at the mercy of other load on the
    machine than the wall-clock start-up."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def one_run(csms: Csms, role: str, index: int, data_root: str) -> tuple[float, float, float]:
    """(seconds from spawn to BootNotification, RSS MiB once idle, CPU ms by then) of one
    fresh process."""
    charge_point_id = f"{role}-{index}"
    spawned = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        *command(role, csms.url, charge_point_id, f"{data_root}/{charge_point_id}"), cwd=ROOT
    )
    try:
        seconds = await csms.next_boot() - spawned
        await asyncio.sleep(SETTLE_SECONDS)
        return seconds, rss_mib(process.pid), cpu_ms(process.pid)
    finally:
        process.terminate()
        await process.wait()


async def measure(rounds: int) -> dict[str, dict[str, list[float]]]:
    figures: dict[str, dict[str, list[float]]] = {
        role: {"startup": [], "rss": [], "cpu": []} for role in ROLES
    }
    import tempfile  # Not at the top: the bare charge point runs this file and must not pay.

    with tempfile.TemporaryDirectory() as data_root:
        async with Csms() as csms:
            for role in ROLES:  # warm-up: file cache, bytecode
                await one_run(csms, role, -1, data_root)
            for index in range(rounds):
                order = ROLES if index % 2 == 0 else ROLES[::-1]
                for role in order:
                    seconds, rss, cpu = await one_run(csms, role, index, data_root)
                    figures[role]["startup"].append(seconds * 1000)
                    figures[role]["rss"].append(rss)
                    figures[role]["cpu"].append(cpu)
    return figures


def report(figures: dict[str, dict[str, list[float]]], rounds: int) -> None:
    import statistics  # Not at the top: the bare charge point runs this file and must not pay.

    print(f"start-up and idle memory, `ocpp16-charge-point run` vs a bare ocpp charge point "
          f"({rounds} interleaved runs each; median [min-max]):")  # fmt: skip
    for name, label, unit in (("startup", "start-up to BootNotification", "ms"),
                              ("rss", "idle RSS", "MiB"),
                              ("cpu", "CPU time until idle", "ms")):  # fmt: skip
        bare, ours = figures["bare"][name], figures["ours"][name]
        ratio = statistics.median(ours) / statistics.median(bare)
        verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
        target = f"  (target <= {TARGET_RATIO}x) {verdict}" if name != "cpu" else ""
        print(f"  {label:30s} ours {_spread(ours)} {unit}, bare {_spread(bare)} {unit}: "
              f"{ratio:.2f}x bare{target}")  # fmt: skip


def _spread(values: list[float]) -> str:
    import statistics

    return f"{statistics.median(values):6.1f} [{min(values):.1f}-{max(values):.1f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--bare", nargs=2, metavar=("URL", "ID"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.bare is not None:
        asyncio.run(run_bare(*arguments.bare))
        return
    report(asyncio.run(measure(arguments.rounds)), arguments.rounds)


if __name__ == "__main__":
    main()
