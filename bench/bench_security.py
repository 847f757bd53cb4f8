"""Security event delivery benchmark (loopback, one run, numbers side by side).

One CSMS for all four: the project's loopback CSMS (`LoopbackCsms(validate=False)`, see
csms_process.py) in a process of its own; arrival times are its time.monotonic() (the same
clock as this process's, CLOCK_MONOTONIC).

Prints:
  1. delivery rate of 10,000 security events queued while offline, once the CSMS is reachable
     (events/s), for the charge point (ChargePointCore in this process, real websocket to the
     CSMS process, which is killed while the events are queued and listens again to start),
     for the security library alone (SecurityEventDelivery + a bare JSON sender), for the
     floor (what any charge point must do before it sends: event type, message id, timestamp,
     JSON; no store, no queue) and the baseline: bare websocket round trips of the same frames;
  2. latency from the `security_event` command to the CSMS receiving it while online
     (median and p99), for the same four, samples interleaved after a few warm-up rounds in
     an order shuffled every round (what one leaves running, a sync or a log write, slows
     whichever comes next), and each one's overhead over the bare websocket as the median of
     the per-round differences (a round's samples share the machine's state of the moment, so
     its noise cancels out better than in a difference of medians);
  3. what `security_event` costs the event loop (the disk work is on the writer thread): the
     call itself, and the call with the callbacks it schedules for right after its step;
  4. the cost of durability: enqueue() per event with synchronous=FULL (the default) vs NORMAL.

Run: .venv/bin/python bench/bench_security.py [--events 10000] [--latency-samples 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from csms_process import CsmsProcess

from everest_py.ocpp16.security.delivery import DeliveryResult, SecurityEventDelivery
from everest_py.ocpp16.security.store import QueuedSecurityEvent, SecurityEventStore, Synchronous

EVENT = "TamperDetectionActivated"  # critical: goes to the CSMS


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


async def _track(csms: CsmsProcess) -> None:
    """From now on the CSMS process notes when each event arrives, by techInfo."""
    await csms.send("track", action="SecurityEventNotification", field="techInfo")


async def _arrived(csms: CsmsProcess, tech_info: str) -> float:
    """When (time.monotonic(), the CSMS process's clock) that event reached the CSMS. Asked
    only once the event was answered: no traffic to the CSMS process while one is timed."""
    return float((await csms.send("wait_tracked", value=tech_info, timeout=30))["at"])


async def _all_arrived(csms: CsmsProcess, count: int) -> float:
    """When the last of `count` tracked events reached the CSMS."""
    return float((await csms.send("wait_tracked", count=count, timeout=600))["at"])


# Latency rounds whose samples are left out, for all three alike: the first sends of each run
# through code paths (and caches) not warmed up yet.
WARMUP_ROUNDS = 20


def _latency(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1e3:7.3f} ms   p99 {p99 * 1e3:7.3f} ms"


# Each measure returns its delivery rate and a function that issues one event and returns the
# command -> CSMS latency (s); the latency samples of the three are taken interleaved.
Probe = Callable[[str], Awaitable[float]]
Setup = tuple[float, Probe, Callable[[], Awaitable[None]]]  # rate, probe, close


# -- baseline: bare websocket ---------------------------------------------------------------


async def bare(csms: CsmsProcess, events: int) -> Setup:
    await _track(csms)
    connection = await connect(csms.url + "/BARE", subprotocols=["ocpp1.6"], compression=None)  # type: ignore[list-item]
    sender = BareSender(connection)
    start = time.perf_counter()
    for n in range(events):
        await sender.call(f"b{n}", str(n))
    rate = events / (time.perf_counter() - start)

    async def probe(tech_info: str) -> float:
        sent = time.monotonic()
        await sender.call(f"l-{tech_info}", tech_info)
        return await _arrived(csms, tech_info) - sent

    return rate, probe, connection.close


# -- the floor: what any charge point does before its first send ----------------------------


async def floor(csms: CsmsProcess, events: int) -> Setup:
    """A sender that keeps nothing: per event the checks and the frame a charge point must
    build (wire event type, criticality, a fresh message id, the timestamp, the JSON), then the
    bare websocket. No store, no delivery queue, no OCPP session: below this no charge point
    can go with this websocket library and this CSMS."""
    from everest_py.ocpp16.security.events import is_critical, wire_event_type
    from everest_py.ocpp16.security.store import _message_id

    await _track(csms)
    connection = await connect(csms.url + "/FLOOR", subprotocols=["ocpp1.6"], compression=None)  # type: ignore[list-item]

    async def send(tech_info: str) -> None:
        event_type = wire_event_type(EVENT)
        is_critical(event_type, None)
        payload = {"type": event_type, "timestamp": datetime.now(UTC).isoformat(),
                   "techInfo": tech_info}  # fmt: skip
        unique_id = _message_id()
        await connection.send(json.dumps([2, unique_id, "SecurityEventNotification", payload]))
        answer = json.loads(await connection.recv())
        assert answer[0] == 3 and answer[1] == unique_id, answer

    start = time.perf_counter()
    for n in range(events):
        await send(str(n))
    rate = events / (time.perf_counter() - start)

    async def probe(tech_info: str) -> float:
        sent = time.monotonic()
        await send(tech_info)
        return await _arrived(csms, tech_info) - sent

    return rate, probe, connection.close


# -- the security library alone ---------------------------------------------------------------


async def library(csms: CsmsProcess, events: int, directory: Path) -> Setup:
    await _track(csms)
    store = SecurityEventStore(directory / "library.sqlite")
    now = datetime.now(UTC)
    for start_n in range(0, events, 1000):
        store.enqueue_many((EVENT, str(n), now) for n in range(start_n, start_n + 1000))
    connection = await connect(csms.url + "/LIB", subprotocols=["ocpp1.6"], compression=None)  # type: ignore[list-item]
    sender = BareSender(connection)

    async def send(event: QueuedSecurityEvent) -> DeliveryResult:
        await sender.call(event.message_id, event.tech_info or "")
        return DeliveryResult.DELIVERED

    delivery = SecurityEventDelivery(store, send, attempts=lambda: 3, retry_interval=lambda: 1.0)
    task = asyncio.create_task(delivery.run())
    start = time.monotonic()
    delivery.online(True)  # "after reconnect": the queue was filled while offline
    rate = events / (await _all_arrived(csms, events) - start)

    async def probe(tech_info: str) -> float:
        issued = time.monotonic()
        # What the recorder does: hand over to delivery at once, to the writer thread after.
        queued, stored = store.submit(EVENT, tech_info, datetime.now(UTC), hold=True)
        delivery.offer((queued,), stored)  # clears `idle`
        asyncio.get_running_loop().call_soon(store.release)
        await delivery.idle.wait()  # answered (and removed): it is at the CSMS
        await asyncio.wrap_future(stored)  # on disk too: no sync left running for the next probe
        return await _arrived(csms, tech_info) - issued

    async def close() -> None:
        await delivery.stop()
        await task
        await connection.close()
        store.close()

    return rate, probe, close


# -- the real charge point, in-process --------------------------------------------------------


async def charge_point(csms: CsmsProcess, events: int, directory: Path) -> Setup:
    from everest_py.ocpp16 import ChargePointCore, build_settings
    from everest_py.ocpp16.interface import ChargePointInterface

    await _track(csms)
    await csms.send("kill")  # offline while the events are queued; same port afterwards
    settings = build_settings(
        {
            "csms_url": csms.url,
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
    await core.security.durable()
    await core.start()
    start = time.monotonic()
    await csms.send("start")
    rate = events / (await _all_arrived(csms, events + 1) - start)  # + StartupOfTheDevice

    interface = ChargePointInterface(core)

    async def probe(tech_info: str) -> float:
        issued = time.monotonic()
        # The interface's command, as a bus client calls it: returns once the event is on disk.
        await interface.handle_security_event(EVENT, tech_info)
        await core.security.wait_idle()  # answered (and removed): it is at the CSMS
        return await _arrived(csms, tech_info) - issued

    return rate, probe, core.close


@dataclass
class CommandCost:
    """Seconds per `security_event` on the event loop."""

    mean: float  # the call itself (what earlier versions of this bench printed)
    median: float  # the call itself
    with_callbacks: float  # median: the call and the callbacks it scheduled, less an empty step


async def command_cost(directory: Path, count: int = 2000) -> CommandCost:
    """Time `security_event` takes on the event loop (the disk work is the writer thread's).

    The callbacks it schedules for after its step (the writer thread's hand-over, the log line,
    the publication) run on the loop too: `with_callbacks` times the call plus one yield to
    the loop, which runs them before this task goes on, minus the median of an empty yield
    (measured interleaved, so both see the same machine)."""
    from everest_py.ocpp16 import ChargePointCore, build_settings

    settings = build_settings(
        {
            "csms_url": "ws://127.0.0.1:9/",
            "charge_point_id": "COST",
            "data_dir": str(directory / "cost"),
        },
        {},
        "bench",
    )
    core = ChargePointCore(settings)
    calls: list[float] = []
    with_callbacks: list[float] = []
    empty_steps: list[float] = []
    for n in range(count):
        start = time.perf_counter()
        core.security_event(EVENT, str(n))
        called = time.perf_counter()
        await asyncio.sleep(0)  # the callbacks scheduled by the call run before this returns
        calls.append(called - start)
        with_callbacks.append(time.perf_counter() - start)
        start = time.perf_counter()
        await asyncio.sleep(0)
        empty_steps.append(time.perf_counter() - start)
        if n % 50 == 0:
            await core.security.durable()  # keep the writer's backlog like the probes'
    await core.security.durable()
    await core.close()
    return CommandCost(
        mean=statistics.fmean(calls),
        median=statistics.median(calls),
        with_callbacks=statistics.median(with_callbacks) - statistics.median(empty_steps),
    )


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
    names = (
        "charge point (in-process)",
        "security library alone",
        "floor: no store, no queue",
        "baseline: bare websocket",
    )
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        async with CsmsProcess() as csms:
            setups = [
                await charge_point(csms, events, directory),
                await library(csms, events, directory),
                await floor(csms, events),
                await bare(csms, events),
            ]
            await _track(csms)
            latencies: list[list[float]] = [[] for _ in setups]
            # Interleaved: one event of each per round, in an order shuffled every round (seeded),
            # so each setup follows each other one as often: what one leaves running (a log
            # write, a removal) slows whichever comes next.
            shuffler = random.Random(13)
            order = list(range(len(setups)))
            for n in range(WARMUP_ROUNDS + samples):
                shuffler.shuffle(order)
                for index in order:
                    latency = await setups[index][1](f"lat{index}-{n}")
                    if n >= WARMUP_ROUNDS:
                        latencies[index].append(latency)
            for _, _, close in setups:
                await close()
        costs = enqueue_cost(directory)
        on_loop = await command_cost(directory)

    print(
        f"{events:,} queued security events delivered after reconnect; "
        f"command -> CSMS latency over {samples} events each while online, interleaved, after "
        f"{WARMUP_ROUNDS} warm-up rounds (loopback; CSMS = the project's LoopbackCsms, schema "
        "validation off, in its own process)"
    )
    print(f"{'':28} {'events/s':>10}   latency{'':38}over bare (median of rounds)")
    for name, (rate, _, _), samples_of in zip(names, setups, latencies, strict=True):
        over = [ours - bare for ours, bare in zip(samples_of, latencies[-1], strict=True)]
        print(
            f"{name:28} {rate:10,.0f}   {_latency(samples_of)}"
            f"   {statistics.median(over) * 1e3:+7.3f} ms"
        )
    median = statistics.median(latencies[0]) * 1e3
    verdict = "ok" if median < 0.2 else "MISSED"
    print(
        f"charge point command -> CSMS latency median {median:.3f} ms (target < 0.2 ms) "
        f"{verdict}; the floor, a sender that stores nothing, "
        f"{statistics.median(latencies[2]) * 1e3:.3f} ms; the first send does not wait for the "
        "store's sync (the command's return does)"
    )
    print(
        f"security_event on the event loop: {on_loop.mean * 1e6:.1f} us per event (mean; median "
        f"{on_loop.median * 1e6:.1f} us; with the callbacks it schedules "
        f"{on_loop.with_callbacks * 1e6:.1f} us, median); the disk work runs on the store's "
        "writer thread"
    )
    print(
        "enqueue() waiting for the disk, per event: "
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
