"""Security event delivery benchmark (loopback, one run, numbers side by side).

Prints:
  1. delivery rate of 10,000 security events queued while offline, once the CSMS is reachable
     (events/s), for the charge point (ChargePointCore in-process, real websocket to a loopback
     CSMS), for the security library alone (SecurityEventDelivery + a bare JSON sender), and the
     baseline: bare websocket round trips of the same frames with no store at all;
  2. latency from the `security_event` command to the CSMS receiving it while online
     (median and p99), charge point vs. library vs. bare websocket;
  3. the cost of durability: enqueue() per event with synchronous=FULL (the default) vs NORMAL.

Run: .venv/bin/python bench/bench_security.py [--events 10000] [--latency-samples 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import ServerConnection, serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from everest_py.ocpp16.security.delivery import DeliveryResult, SecurityEventDelivery
from everest_py.ocpp16.security.store import QueuedSecurityEvent, SecurityEventStore, Synchronous

EVENT = "TamperDetectionActivated"  # critical: goes to the CSMS


@dataclass
class BenchCsms:
    """Answers every CALL; counts SecurityEventNotifications and notes when each arrived."""

    received: dict[str, float] = field(default_factory=dict)  # techInfo -> perf_counter
    target: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)
    arrival: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def handler(self, connection: ServerConnection) -> None:
        async for text in connection:
            message = json.loads(text)
            if message[0] != 2:
                continue
            _, unique_id, action, payload = message
            if action == "SecurityEventNotification":
                self.received[str(payload.get("techInfo"))] = time.perf_counter()
                if len(self.received) >= self.target:
                    self.done.set()
                async with self.arrival:
                    self.arrival.notify_all()
            await connection.send(json.dumps([3, unique_id, _answer(action)]))

    async def wait_for(self, tech_info: str) -> float:
        async with self.arrival:
            await asyncio.wait_for(self.arrival.wait_for(lambda: tech_info in self.received), 30)
        return self.received[tech_info]


def _answer(action: str) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    if action == "BootNotification":
        return {"status": "Accepted", "currentTime": now, "interval": 3600}
    if action == "Heartbeat":
        return {"currentTime": now}
    return {}


def _frame(unique_id: str, tech_info: str) -> str:
    payload = {"type": EVENT, "timestamp": "2025-01-01T00:00:00Z", "techInfo": tech_info}
    return json.dumps([2, unique_id, "SecurityEventNotification", payload])


class BareSender:
    """One CALL in flight at a time over a plain websocket, as OCPP-J requires."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    async def call(self, unique_id: str, tech_info: str) -> None:
        await self.connection.send(_frame(unique_id, tech_info))
        answer = json.loads(await self.connection.recv())
        assert answer[0] == 3 and answer[1] == unique_id, answer


async def _csms() -> tuple[BenchCsms, Any, str]:
    csms = BenchCsms()
    server = await serve(csms.handler, "127.0.0.1", 0, subprotocols=["ocpp1.6"])  # type: ignore[list-item]
    port = server.sockets[0].getsockname()[1]
    return csms, server, f"ws://127.0.0.1:{port}"


def _latency(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1e3:7.3f} ms   p99 {p99 * 1e3:7.3f} ms"


# -- baseline: bare websocket ---------------------------------------------------------------


async def bare(events: int, samples: int) -> tuple[float, list[float]]:
    csms, server, url = await _csms()
    csms.target = events
    async with connect(url + "/BARE", subprotocols=["ocpp1.6"]) as connection:  # type: ignore[list-item]
        sender = BareSender(connection)
        start = time.perf_counter()
        for n in range(events):
            await sender.call(f"b{n}", str(n))
        rate = events / (time.perf_counter() - start)
        latencies = []
        for n in range(samples):
            tech_info = f"lat{n}"
            sent = time.perf_counter()
            await sender.call(f"l{n}", tech_info)
            latencies.append(csms.received[tech_info] - sent)
    server.close()
    await server.wait_closed()
    return rate, latencies


# -- the security library alone ---------------------------------------------------------------


async def library(events: int, samples: int, directory: Path) -> tuple[float, list[float]]:
    csms, server, url = await _csms()
    csms.target = events
    store = SecurityEventStore(directory / "library.sqlite")
    now = datetime.now(UTC)
    for start_n in range(0, events, 1000):
        store.enqueue_many((EVENT, str(n), now) for n in range(start_n, start_n + 1000))
    async with connect(url + "/LIB", subprotocols=["ocpp1.6"]) as connection:  # type: ignore[list-item]
        sender = BareSender(connection)

        async def send(event: QueuedSecurityEvent) -> DeliveryResult:
            await sender.call(event.message_id, event.tech_info or "")
            return DeliveryResult.DELIVERED

        delivery = SecurityEventDelivery(
            store, send, attempts=lambda: 3, retry_interval=lambda: 1.0
        )
        task = asyncio.create_task(delivery.run())
        start = time.perf_counter()
        delivery.online(True)  # "after reconnect": the queue was filled while offline
        await asyncio.wait_for(csms.done.wait(), 600)
        rate = events / (time.perf_counter() - start)
        latencies = []
        for n in range(samples):
            tech_info = f"lat{n}"
            issued = time.perf_counter()
            store.enqueue(EVENT, tech_info, datetime.now(UTC))  # what the command does
            delivery.notify()
            latencies.append(await csms.wait_for(tech_info) - issued)
        await delivery.stop()
        await task
    store.close()
    server.close()
    await server.wait_closed()
    return rate, latencies


# -- the real charge point, in-process --------------------------------------------------------


async def charge_point(events: int, samples: int, directory: Path) -> tuple[float, list[float]]:
    from everest_py.ocpp16 import ChargePointCore, build_settings

    csms, server, url = await _csms()
    server.close()  # offline while the events are queued
    await server.wait_closed()
    port = int(url.rsplit(":", 1)[1])
    settings = build_settings(
        {
            "csms_url": url,
            "charge_point_id": "BENCH",
            "data_dir": str(directory / "cp"),
            "reconnect": {"initial_delay": 0.05, "max_delay": 0.05, "jitter": 0},
        },
        {},
        "bench",
    )
    core = ChargePointCore(settings)
    for n in range(events):
        core.security_event(EVENT, str(n))
    csms.target = events + 1  # + StartupOfTheDevice
    await core.start()
    start = time.perf_counter()
    server = await serve(csms.handler, "127.0.0.1", port, subprotocols=["ocpp1.6"])  # type: ignore[list-item]
    await asyncio.wait_for(csms.done.wait(), 600)
    rate = events / (time.perf_counter() - start)
    latencies = []
    for n in range(samples):
        tech_info = f"lat{n}"
        issued = time.perf_counter()
        core.security_event(EVENT, tech_info)
        latencies.append(await csms.wait_for(tech_info) - issued)
    await core.close()
    server.close()
    await server.wait_closed()
    return rate, latencies


def enqueue_cost(directory: Path, count: int = 2000) -> dict[str, float]:
    costs: dict[str, float] = {}
    modes: tuple[Synchronous, ...] = ("FULL", "NORMAL")
    for mode in modes:
        path = directory / f"enqueue-{mode}.sqlite"
        with SecurityEventStore(path, enqueue_synchronous=mode) as s:
            now = datetime.now(UTC)
            start = time.perf_counter()
            for n in range(count):
                s.enqueue(EVENT, str(n), now)
            costs[mode] = (time.perf_counter() - start) / count
    return costs


async def _run(events: int, samples: int) -> None:
    rows: list[tuple[str, float | None, list[float] | None, str]] = []

    async def measure(name: str, job: Callable[[], Awaitable[tuple[float, list[float]]]]) -> None:
        try:
            rate, latencies = await job()
            rows.append((name, rate, latencies, ""))
        except Exception as error:  # the charge point may not be integrated yet
            rows.append((name, None, None, f"not measured: {type(error).__name__}: {error}"))

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        await measure("charge point (in-process)", lambda: charge_point(events, samples, directory))
        await measure("security library alone", lambda: library(events, samples, directory))
        await measure("baseline: bare websocket", lambda: bare(events, samples))
        costs = enqueue_cost(directory)

    print(
        f"{events:,} queued security events delivered after reconnect; "
        f"command -> CSMS latency over {samples} events while online (loopback)"
    )
    print(f"{'':28} {'events/s':>10}   latency")
    for name, rate, latencies, note in rows:
        if rate is None or latencies is None:
            print(f"{name:28} {'-':>10}   {note}")
        else:
            print(f"{name:28} {rate:10,.0f}   {_latency(latencies)}")
    print(
        "enqueue() durability cost per event: "
        f"synchronous=FULL {costs['FULL'] * 1e6:7.1f} us (default, survives power loss)   "
        f"NORMAL {costs['NORMAL'] * 1e6:7.1f} us (survives a process kill only)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--latency-samples", type=int, default=500)
    arguments = parser.parse_args()
    asyncio.run(_run(arguments.events, arguments.latency_samples))


if __name__ == "__main__":
    main()
