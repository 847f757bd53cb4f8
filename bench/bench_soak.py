"""Bounded soak: CSMS calls at a fixed rate plus EVerest interface calls over MQTT, for a while.

    .venv/bin/python bench/bench_soak.py [--seconds 60] [--rate 200] [--mqtt-rate 20] [--quick]

The charge point is the process a user runs (`python -m everest_py.ocpp16 run --mqtt ...`);
the CSMS is the project's `LoopbackCsms` (schema validation off) in a process of its own
(csms_process.py); mosquitto runs on 127.0.0.1 (tests/support/mosquitto.py). For `--seconds`:
- the CSMS starts a call every 1/`--rate` s, whether or not the previous one was answered:
  ChangeConfiguration with a new value each time (each answered only once stored, fsync) and
  GetConfiguration, alternating;
- this process calls the interface over MQTT at `--mqtt-rate`/s: get_configuration_key,
  set_configuration_key (stored), security_event (a critical one: stored, then delivered).
Prints p50/p99 latency of both kinds of call, how many security events reached the CSMS, and
the charge point's resident memory (VmRSS) at the start and the end, and as the baseline of the
same run the disk's own latency: an append + fdatasync every 50 ms in the same directory.
Targets: p99 < 20 ms, memory flat. `--quick` (5 s at the same rates) is for CI.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from csms_process import CsmsProcess  # noqa: E402

from everest_py.generated.interfaces.ocpp_1_6_charge_point import (  # noqa: E402
    Ocpp16ChargePointClient,
)
from everest_py.runtime import Module, MqttTransport  # noqa: E402
from tests.support.mosquitto import MosquittoBroker  # noqa: E402

CP_ID = "SOAK"
MODULE_ID = "soak_cp"
TARGET_P99_MS = 20.0
EVENT = "TamperDetectionActivated"


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _percentiles(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered)) - 1))]
    verdict = "meets" if p99 < TARGET_P99_MS else "MISSES"
    return (
        f"{len(ordered):6d} times   p50 {statistics.median(ordered):7.2f} ms   "
        f"p99 {p99:7.2f} ms   max {ordered[-1]:7.2f} ms   ({verdict} p99 < {TARGET_P99_MS:.0f} ms)"
    )


class DiskProbe:
    """The baseline in the same run: one append + fdatasync every 50 ms in the charge point's
    data directory, on a thread of this process. A charge point that answers only after an
    fsync cannot have a p99 below the disk's."""

    def __init__(self, directory: str) -> None:
        self._path = Path(directory) / "disk-probe"
        self._stop = threading.Event()
        self.latencies: list[float] = []
        self._thread = threading.Thread(target=self._run, name="disk-probe", daemon=True)

    def __enter__(self) -> DiskProbe:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        descriptor = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while not self._stop.wait(0.05):
                begun = time.perf_counter()
                os.write(descriptor, b"probe line of about the size of a journal line\n")
                os.fdatasync(descriptor)
                self.latencies.append((time.perf_counter() - begun) * 1000)
        finally:
            os.close(descriptor)


async def _mqtt_calls(
    client: Ocpp16ChargePointClient, per_second: float, seconds: float
) -> list[float]:
    """Interface calls started at a fixed rate; each one's latency in ms."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    latencies: list[float] = []
    count = int(per_second * seconds)

    async def one(n: int) -> None:
        begun = time.perf_counter()
        kind = n % 3
        if kind == 0:
            await client.get_configuration_key(["HeartbeatInterval", "MeterValueSampleInterval"])
        elif kind == 1:
            await client.set_configuration_key("LightIntensity", str(10 + n % 50))
        else:
            await client.security_event(EVENT, f"soak {n}")
        latencies.append((time.perf_counter() - begun) * 1000)

    tasks = []
    for n in range(count):
        delay = start + n / per_second - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(n)))
    await asyncio.gather(*tasks)
    return latencies


async def soak(seconds: float, rate: float, mqtt_rate: float) -> None:
    broker = MosquittoBroker()
    broker.start()
    try:
        async with CsmsProcess() as csms:
            await csms.send("track", action="SecurityEventNotification", field="techInfo")
            with tempfile.TemporaryDirectory() as data_dir:
                charge_point = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "everest_py.ocpp16", "run", "--csms", csms.url,
                    "--id", CP_ID, "--data-dir", data_dir, "--log-level", "WARNING",
                    "--mqtt", f"{broker.host}:{broker.port}", "--module-id", MODULE_ID,
                    cwd=ROOT,
                )  # fmt: skip
                try:
                    with DiskProbe(data_dir) as probe:
                        await _run(csms, broker, charge_point.pid, seconds, rate, mqtt_rate)
                    print(f"baseline: append + fdatasync   {_percentiles(probe.latencies)}")
                finally:
                    charge_point.terminate()
                    await charge_point.wait()
    finally:
        broker.stop()


async def _run(
    csms: CsmsProcess,
    broker: MosquittoBroker,
    pid: int,
    seconds: float,
    rate: float,
    mqtt_rate: float,
) -> None:
    await csms.send(
        "wait_call", action="SecurityEventNotification", cp_id=CP_ID,
        match={"type": "StartupOfTheDevice"},
    )  # fmt: skip
    user = Module("soak_user", MqttTransport(broker.host, broker.port), call_timeout=30)
    client = user.require(Ocpp16ChargePointClient, module_id=MODULE_ID, impl_id="main")
    await user.start()
    try:
        await client.get_configuration_key([])  # the interface answers: warmed up
        rss_start = _rss_mib(pid)
        calls = [
            {"action": "ChangeConfiguration",
             "payload": {"key": "MeterValueSampleInterval", "value": "61"}},
            {"action": "GetConfiguration", "payload": {"key": ["HeartbeatInterval"]}},
            {"action": "ChangeConfiguration",
             "payload": {"key": "MeterValueSampleInterval", "value": "62"}},
            {"action": "GetConfiguration", "payload": {"key": ["HeartbeatInterval"]}},
        ]  # fmt: skip
        csms_reply, mqtt_latencies = await asyncio.gather(
            csms.send("rate", cp_id=CP_ID, calls=calls, per_second=rate, seconds=seconds),
            _mqtt_calls(client, mqtt_rate, seconds),
        )
        csms_latencies = csms_reply["latencies_ms"]
        events = sum(1 for n in range(int(mqtt_rate * seconds)) if n % 3 == 2)
        # + StartupOfTheDevice, tracked too (its techInfo is empty)
        arrived = await csms.send("wait_tracked", count=events + 1, timeout=60)
        rss_end = _rss_mib(pid)
    finally:
        await user.stop()
    every = csms_latencies["ChangeConfiguration"] + csms_latencies["GetConfiguration"]
    print(
        f"soak {seconds:.0f} s: CSMS calls at {rate:.0f}/s, ChangeConfiguration (a new value "
        "each, answered once stored) and GetConfiguration alternating (LoopbackCsms in its own "
        f"process); interface calls over mosquitto at {mqtt_rate:.0f}/s"
    )
    print(f"CSMS -> charge point, all   {_percentiles(every)}")
    for action in ("ChangeConfiguration", "GetConfiguration"):
        print(f"  {action:25} {_percentiles(csms_latencies[action])}")
    print(f"interface over MQTT         {_percentiles(mqtt_latencies)}")
    print(
        f"security events from the interface delivered to the CSMS: {arrived['count'] - 1} of {events}"
    )
    print(f"charge point VmRSS: start {rss_start:.1f} MiB, end {rss_end:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rate", type=float, default=200.0, help="CSMS calls per second")
    parser.add_argument("--mqtt-rate", type=float, default=20.0, help="interface calls/s")
    parser.add_argument("--quick", action="store_true", help="5 s, for CI")
    arguments = parser.parse_args()
    seconds = 5.0 if arguments.quick else arguments.seconds
    asyncio.run(soak(seconds, arguments.rate, arguments.mqtt_rate))


if __name__ == "__main__":
    main()
