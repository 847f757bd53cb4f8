"""Transaction benchmark: many short charging sessions, and an offline backlog delivered.

    .venv/bin/python bench/bench_transactions.py [--sessions 1000] [--connectors 10]
        [--rounds 5] [--transactions 100] [--meter-values 10000] [--quick]

`--quick` (100 sessions in 2 rounds, 20 transactions with 1,000 MeterValues, about 20 s) is
for trying it while developing; the defaults are the numbers to quote.

One CSMS, the project's loopback CSMS (`LoopbackCsms(validate=False)`, see csms_process.py) in a
process of its own, drives everything and timestamps arrivals (time.monotonic(), the same clock
in every process of the machine). Loopback TCP; numbers are from one run.

1. Sessions: `--sessions` consecutive short charging sessions on `--connectors` connectors,
   driven as a CSMS drives them (the CSMS process's `sessions` command): per connector, in
   parallel over the connectors (the CSMS sends one CALL at a time, as OCPP-J asks):
   RemoteStartTransaction, wait for its StartTransaction, RemoteStopTransaction, wait for its
   StopTransaction (reason Remote) and the connector's StatusNotification Available, then the
   next session; anything else (a Rejected, a wrong reason, a timeout) ends the bench. What is measured is the charge point's
   whole transaction path as a CSMS sees it: remote start through Auth to the EVSE, Authorize
   (AuthorizeRemoteTxRequests=true, the default), the connector state machine, the durable
   queue (every StartTransaction/StopTransaction on disk before it is sent), and back.
   This charge point is the process a user runs, `python -m everest_py.ocpp16 run --simulate
   --connectors N` (simulated station in-process: a RemoteStartTransaction plugs a car in, the
   car unplugs 0 s after the transaction ends, the meter publishes every 60 s,
   MeterValueSampleInterval stays 60 s so these sessions carry no MeterValues). Its own
   process, so that its resident memory (VmRSS) is its alone: read after a warm-up of
   2 sessions per connector and after every round; "growth per 100 sessions" is
   (last - first) / sessions * 100 and should be about 0 (flat).
   Baseline, measured in the same run, interleaved round by round with ours against the same
   CSMS process: a bare `ocpp` 2.1.0 charge point (its own process) doing the same OCPP
   exchange per session (Authorize, StatusNotification Preparing, StartTransaction, Charging;
   StopTransaction, Finishing, Available), once keeping nothing on disk and once with each
   StartTransaction/StopTransaction put in SQLite (WAL, synchronous=FULL) before it is sent and
   deleted (synchronous=NORMAL) after its answer, inline in its handlers (the guarantee ours
   gives, as simply as that library invites). Sessions/s are median (min-max) over `--rounds`;
   per session also its latency (RemoteStart sent -> Available seen) and the CPU time (user +
   system, /proc) the charge point process and the CSMS process spent over the measured rounds,
   which a busy machine disturbs less than the rates.

2. Offline backlog: with the CSMS away (the CSMS process's `kill`: TCP abort, port closed),
   `--transactions` transactions with `--meter-values` MeterValues in all are queued through the
   charge point's own transaction message queue (`core.transaction_messages`, the calls
   ChargingStation makes: start_transaction, enqueue MeterValues, enqueue StopTransaction;
   each returns once its message is on disk), on `--connectors` connectors in waves (the
   messages of a wave's transactions interleave as real sampling interleaves them). The
   charge point (ChargePointCore, no EVSEs: only the queue is exercised) runs in this process:
   the queue is filled through its Python API. Then the CSMS listens again (`start`) and
   everything is delivered. Printed: messages/s from `start` to the arrival of the last
   StopTransaction (the reconnect included), and per window of a tenth of the
   messages, median (min-max); the rate the queue was filled at (durable enqueue). Checked, and
   the bench fails loudly if not: every message arrived once, in the order queued, and every
   MeterValues/StopTransaction carries the transactionId the CSMS gave its StartTransaction
   (the CSMS counts ids from 100001; the charge point's local references count from 1).
   Baseline, same run, same CSMS process, before and after ours: a bare `websockets` client
   doing sequential CALL/CALLRESULT round trips of the same frames (no queue, no disk).

How to read it: sessions/s and CPU ms per session, ours vs. bare, say what the charge point's
transaction path costs over the minimum OCPP exchange (the bare `ocpp` library, as configured
by default and in bench_charge_point.py, checks every frame it sends and receives against the
JSON schemas; ours checks the CSMS's requests only); "bare, durable" is the fair
comparison for the disk work. The CSMS's CPU per session shows it is not the bottleneck. RSS
growth per 100 sessions near 0 KiB means nothing is kept per session. The backlog ratio says
how close the durable queue's delivery comes to the websocket itself (one message in flight at
a time, as OCPP-J requires, for both).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from ocpp.routing import after, on
from ocpp.v16 import ChargePoint as LibraryChargePoint
from ocpp.v16 import call, call_result
from ocpp.v16.enums import (
    Action,
    ChargePointErrorCode,
    ChargePointStatus,
    Reason,
    RemoteStartStopStatus,
)
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from csms_process import CsmsProcess  # noqa: E402  (bench/, next to this script)

_Handler = TypeVar("_Handler", bound=Callable[..., Any])
SESSION_IDS = {"bare": "TX-BARE", "bare-durable": "TX-BARE-DURABLE", "ours": "TX-OURS"}
ROLES = ("bare", "bare-durable", "ours")
BACKLOG_ID = "TX-BACKLOG"
RAW_ID = "TX-RAW"
FIRST_RAW_TRANSACTION_ID = 100_001  # the raw client does not track the ids it is given
WINDOWS = 10  # the backlog's delivery is cut into this many windows for the spread


def handles(action: Action) -> Callable[[_Handler], _Handler]:
    """`ocpp.routing.on` with its type kept (the bare processes import nothing of ours)."""
    return cast(Callable[[_Handler], _Handler], on(action))


def after_handler(action: Action) -> Callable[[_Handler], _Handler]:
    return cast(Callable[[_Handler], _Handler], after(action))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- the bare charge point (baseline), a process of its own ----------------------------------


class DurableQueue:
    """The bare charge point's minimal durable queue: each message on disk (FULL) before it is
    sent, removed (NORMAL: losing the removal only sends it again) after its answer."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.execute("CREATE TABLE q (seq INTEGER PRIMARY KEY, payload TEXT)")

    def put(self, payload: dict[str, Any]) -> int:
        self.connection.execute("PRAGMA synchronous = FULL")
        cursor = self.connection.execute(
            "INSERT INTO q (payload) VALUES (?)", (json.dumps(payload),)
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def remove(self, seq: int) -> None:
        self.connection.execute("PRAGMA synchronous = NORMAL")
        self.connection.execute("DELETE FROM q WHERE seq = ?", (seq,))


class BareChargePoint(LibraryChargePoint):  # type: ignore[misc]  # ocpp ships no type hints
    def __init__(self, cp_id: str, connection: Any, queue: DurableQueue | None) -> None:
        super().__init__(cp_id, connection)
        self.queue = queue
        self.transactions: dict[int, int] = {}  # connector -> transactionId (0: starting)
        self.changed = asyncio.Event()  # set whenever a transaction got its id

    async def _status(self, connector: int, status: ChargePointStatus) -> None:
        await self.call(
            call.StatusNotification(
                connector_id=connector,
                error_code=ChargePointErrorCode.no_error,
                status=status,
                timestamp=_now(),
            )
        )

    async def _transaction_message(self, request: Any, payload: dict[str, Any]) -> Any:
        seq = self.queue.put(payload) if self.queue is not None else None
        answer = await self.call(request)
        if self.queue is not None and seq is not None:
            self.queue.remove(seq)
        return answer

    @handles(Action.remote_start_transaction)
    def on_remote_start(self, id_tag: str, connector_id: int | None = None, **_: Any) -> Any:
        free = connector_id is not None and connector_id not in self.transactions
        status = RemoteStartStopStatus.accepted if free else RemoteStartStopStatus.rejected
        return call_result.RemoteStartTransaction(status=status)

    @after_handler(Action.remote_start_transaction)
    async def after_remote_start(
        self, id_tag: str, connector_id: int | None = None, **_: Any
    ) -> None:
        if connector_id is None or connector_id in self.transactions:
            return
        self.transactions[connector_id] = 0  # taken
        await self.call(call.Authorize(id_tag=id_tag))
        await self._status(connector_id, ChargePointStatus.preparing)
        payload = {
            "connectorId": connector_id,
            "idTag": id_tag,
            "meterStart": 0,
            "timestamp": _now(),
        }
        answer = await self._transaction_message(
            call.StartTransaction(
                connector_id=connector_id,
                id_tag=id_tag,
                meter_start=0,
                timestamp=payload["timestamp"],
            ),
            payload,
        )
        self.transactions[connector_id] = answer.transaction_id
        self.changed.set()
        await self._status(connector_id, ChargePointStatus.charging)

    def _connector_of(self, transaction_id: int) -> int | None:
        return next((c for c, t in self.transactions.items() if t == transaction_id), None)

    @handles(Action.remote_stop_transaction)
    async def on_remote_stop(self, transaction_id: int, **_: Any) -> Any:
        # The CSMS may send this right behind its StartTransaction answer: that answer has been
        # read (frames arrive in order), but the task waiting for it may not have run yet.
        try:
            async with asyncio.timeout(1):
                while self._connector_of(transaction_id) is None:
                    self.changed.clear()
                    await self.changed.wait()
        except TimeoutError:
            pass
        known = self._connector_of(transaction_id) is not None
        status = RemoteStartStopStatus.accepted if known else RemoteStartStopStatus.rejected
        return call_result.RemoteStopTransaction(status=status)

    @after_handler(Action.remote_stop_transaction)
    async def after_remote_stop(self, transaction_id: int, **_: Any) -> None:
        connector = self._connector_of(transaction_id)
        if connector is None:
            return
        payload = {"meterStop": 0, "timestamp": _now(), "transactionId": transaction_id}
        request = call.StopTransaction(
            meter_stop=0,
            timestamp=payload["timestamp"],
            transaction_id=transaction_id,
            reason=Reason.remote,
        )
        await self._transaction_message(request, payload)
        await self._status(connector, ChargePointStatus.finishing)
        del self.transactions[connector]
        await self._status(connector, ChargePointStatus.available)


async def run_bare(url: str, role: str, connectors: int) -> None:
    cp_id = SESSION_IDS[role]
    async with connect(f"{url}/{cp_id}", subprotocols=["ocpp1.6"], compression=None) as connection:  # type: ignore[list-item]
        with tempfile.TemporaryDirectory(prefix="bench-tx-") as directory:
            queue = DurableQueue(Path(directory) / "q.sqlite") if role == "bare-durable" else None
            charge_point = BareChargePoint(cp_id, connection, queue)
            receiver = asyncio.create_task(charge_point.start())
            await charge_point.call(
                call.BootNotification(charge_point_model="M", charge_point_vendor="V")
            )
            for connector in range(connectors + 1):
                await charge_point._status(connector, ChargePointStatus.available)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, sys.stdin.read)  # until EOF
            receiver.cancel()
            if queue is not None:
                queue.connection.close()


# --- 1. sessions -----------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time the process used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def _spawn_session_charge_points(
    csms: CsmsProcess, connectors: int, directory: Path
) -> dict[str, asyncio.subprocess.Process]:
    config = directory / "ours.yaml"
    config.write_text(
        "simulation:\n  unplug_after_stop: 0\n  meter_interval: 60\n"
    )  # no secrets, nothing else: defaults otherwise
    commands = {
        role: [sys.executable, __file__, "--role", role, "--url", csms.url,
               "--connectors", str(connectors)]
        for role in ("bare", "bare-durable")
    }  # fmt: skip
    commands["ours"] = [
        sys.executable, "-m", "everest_py.ocpp16", "run", "--simulate", "--csms", csms.url,
        "--id", SESSION_IDS["ours"], "--data-dir", str(directory / "ours"),
        "--connectors", str(connectors), "--config", str(config), "--log-level", "WARNING",
    ]  # fmt: skip
    processes: dict[str, asyncio.subprocess.Process] = {}
    for role in ROLES:
        processes[role] = await asyncio.create_subprocess_exec(
            *commands[role], cwd=ROOT, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
    for role in ROLES:  # every connector (and connector 0) reported Available
        await csms.send(
            "wait_call", action="StatusNotification", cp_id=SESSION_IDS[role],
            count=connectors + 1, match={"status": "Available"}, timeout=60,
        )  # fmt: skip
    return processes


async def _stop(process: asyncio.subprocess.Process, terminate: bool) -> None:
    """End of stdin ends a bare charge point; `terminate`: SIGTERM (ours: as a user stops it)."""
    if process.stdin is not None:
        process.stdin.close()
    if terminate and process.returncode is None:
        process.terminate()
    try:
        await asyncio.wait_for(process.wait(), 10)
    except TimeoutError:
        process.kill()
        await process.wait()


@dataclass
class SessionResults:
    rates: dict[str, list[float]]  # role -> sessions/s per round
    latencies_ms: dict[str, list[float]]  # role -> per session
    rss_kib: dict[str, list[int]]  # role -> after warm-up, then after each round
    sessions: int  # measured per role
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.0))
    csms_cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.0))


async def sessions(csms: CsmsProcess, total: int, connectors: int, rounds: int) -> SessionResults:
    per_round = max(connectors, total // rounds)
    results = SessionResults(
        {r: [] for r in ROLES}, {r: [] for r in ROLES}, {r: [] for r in ROLES}, per_round * rounds
    )
    with tempfile.TemporaryDirectory() as tmp:
        processes = await _spawn_session_charge_points(csms, connectors, Path(tmp))
        try:
            for role in ROLES:  # warm-up: the first sessions pay for imports and caches
                await csms.send(
                    "sessions", cp_id=SESSION_IDS[role], connectors=connectors,
                    sessions=2 * connectors, tag_prefix="W",
                )  # fmt: skip
                results.rss_kib[role].append(_rss_kib(processes[role].pid))
            for round_number in range(rounds):
                for role in ROLES:
                    pid = processes[role].pid
                    cpu = _cpu_seconds(pid), _cpu_seconds(csms.pid)
                    reply = await csms.send(
                        "sessions", cp_id=SESSION_IDS[role], connectors=connectors,
                        sessions=per_round, tag_prefix=f"R{round_number}-",
                    )  # fmt: skip
                    results.cpu[role] += _cpu_seconds(pid) - cpu[0]
                    results.csms_cpu[role] += _cpu_seconds(csms.pid) - cpu[1]
                    results.rates[role].append(reply["per_second"])
                    results.latencies_ms[role].extend(reply["latencies_ms"])
                    results.rss_kib[role].append(_rss_kib(processes[role].pid))
        finally:
            for role, process in processes.items():
                await _stop(process, terminate=role == "ours")
    return results


# --- 2. offline backlog ----------------------------------------------------------------------


@dataclass(frozen=True)
class Queued:
    """One message as queued, and what the CSMS must see of it."""

    action: str  # "StartTransaction", "MeterValues" or "StopTransaction"
    number: int  # the transaction's number in the plan
    connector: int
    payload: dict[str, Any]  # as ChargingStation queues it (no transactionId)
    mark: Any  # see csms_process._transaction_record

    @property
    def tag(self) -> str:
        return f"B{self.number}"


def _plan(transactions: int, meter_values: int, connectors: int) -> list[Queued]:
    """The messages in queue order: waves of `connectors` transactions, each wave started,
    sampled round by round (so transactions interleave), stopped. Energy readings encode
    (transaction, sample): number * 1000 + sample."""
    per_transaction = meter_values // transactions
    stamp = _now()
    plan: list[Queued] = []
    for first in range(0, transactions, connectors):
        wave = [
            (number, number - first + 1)
            for number in range(first, min(transactions, first + connectors))
        ]
        for number, connector in wave:
            start = {
                "connectorId": connector,
                "idTag": f"B{number}",
                "meterStart": number * 1000,
                "timestamp": stamp,
            }
            plan.append(Queued("StartTransaction", number, connector, start, f"B{number}"))
        for sample in range(1, per_transaction + 1):
            for number, connector in wave:
                value = str(number * 1000 + sample)
                plan.append(
                    Queued(
                        "MeterValues",
                        number,
                        connector,
                        _meter_values(connector, value, stamp),
                        value,
                    )
                )
        for number, connector in wave:
            meter_stop = number * 1000 + per_transaction + 1
            stop = {
                "meterStop": meter_stop,
                "timestamp": stamp,
                "reason": "EVDisconnected",
                "idTag": f"B{number}",
            }
            plan.append(Queued("StopTransaction", number, connector, stop, meter_stop))
    return plan


def _meter_values(connector: int, value: str, stamp: str) -> dict[str, Any]:
    """A MeterValues payload as ChargingStation samples it (default MeterValuesSampledData)."""
    sampled = {
        "value": value,
        "context": "Sample.Periodic",
        "measurand": "Energy.Active.Import.Register",
        "location": "Outlet",
        "unit": "Wh",
    }
    return {
        "connectorId": connector,
        "meterValue": [{"timestamp": stamp, "sampledValue": [sampled]}],
    }


def _check_delivery(plan: list[Queued], records: list[list[Any]], given: dict[str, int]) -> None:
    """Every message once, in queue order, with the CSMS's transactionId; SystemExit if not."""
    problems: list[str] = []
    if len(records) != len(plan):
        problems.append(f"{len(records)} transaction messages arrived, {len(plan)} were queued")
    for index, (queued, record) in enumerate(zip(plan, records, strict=False)):
        is_start = queued.action == "StartTransaction"
        wanted_id = None if is_start else given.get(queued.tag)
        if not is_start and wanted_id is None:
            problems.append(f"#{index}: the CSMS never gave {queued.tag} a transactionId")
        # StopTransaction has no connectorId.
        connector = None if queued.action == "StopTransaction" else queued.connector
        wanted = [queued.action, wanted_id, connector, queued.mark]
        if [record[0], *record[2:]] != wanted:
            problems.append(
                f"#{index}: expected {queued.action} of {queued.tag} (transactionId, connector, "
                f"mark {wanted[1:]}), got {record}"
            )
        if len(problems) >= 5:
            break
    if problems:
        raise SystemExit("offline backlog NOT delivered as queued:\n  " + "\n  ".join(problems))


def _window_rates(arrivals: list[float], start: float) -> list[float]:
    """Messages/s in each of WINDOWS consecutive slices of the arrivals (the first slice starts
    at `start`)."""
    size = max(1, len(arrivals) // WINDOWS)
    rates: list[float] = []
    previous = start
    for end in range(size, len(arrivals) + 1, size):
        rates.append(size / max(arrivals[end - 1] - previous, 1e-9))
        previous = arrivals[end - 1]
    return rates


async def raw_round_trips(csms: CsmsProcess, frames: list[str]) -> tuple[float, list[float]]:
    """A bare websockets client: the frames as sequential CALL/CALLRESULT round trips."""
    async with connect(f"{csms.url}/{RAW_ID}", subprotocols=["ocpp1.6"], compression=None) as connection:  # type: ignore[list-item]
        arrivals: list[float] = []
        start = time.perf_counter()
        for frame in frames:
            await connection.send(frame)
            answer = json.loads(await connection.recv())
            if answer[0] != 3:
                raise SystemExit(f"raw round trip answered {answer}")
            arrivals.append(time.perf_counter())
    return len(frames) / (arrivals[-1] - start), _window_rates(arrivals, start)


def _raw_frames(plan: list[Queued]) -> list[str]:
    """The backlog's frames as the CSMS receives them (own idTags: the CSMS's id map is kept
    for the charge point's)."""
    frames = []
    for index, queued in enumerate(plan):
        if queued.action == "StartTransaction":
            payload = {**queued.payload, "idTag": f"R{queued.number}"}
        else:
            payload = {**queued.payload, "transactionId": FIRST_RAW_TRANSACTION_ID}
        frames.append(json.dumps([2, f"raw-{index}", queued.action, payload]))
    return frames


@dataclass
class BacklogResults:
    messages: int
    fill_rate: float
    rate: float
    windows: list[float]
    raw_rate: list[float]  # before and after ours
    raw_windows: list[float]


async def backlog(
    csms: CsmsProcess, transactions: int, meter_values: int, connectors: int
) -> BacklogResults:
    from everest_py.ocpp16 import ChargePointCore, Registration, build_settings

    # The CSMS is away on purpose: no warning per reconnect attempt in the report.
    logging.getLogger("everest_py.ocpp16.ocpp.session").setLevel(logging.ERROR)

    plan = _plan(transactions, meter_values, connectors)
    frames = _raw_frames(plan)
    raw_before, raw_windows = await raw_round_trips(csms, frames)
    with tempfile.TemporaryDirectory() as tmp:
        settings = build_settings(
            {
                "csms_url": csms.url,
                "charge_point_id": BACKLOG_ID,
                "data_dir": tmp,
                "connectors": connectors,
                "log_level": "WARNING",
                "reconnect": {"initial_delay": 0.05, "max_delay": 0.05, "jitter": 0},
            },
            {},
            "bench",
        )
        core = ChargePointCore(settings)
        messages = core.transaction_messages
        await csms.send("record_transactions", cp_id=BACKLOG_ID)
        await core.start()
        try:
            await asyncio.wait_for(core.session.wait_registration(Registration.ACCEPTED), 30)
            await csms.send("kill")  # the CSMS is away from here on
            filled = time.perf_counter()
            local_refs: dict[int, int] = {}
            for queued in plan:
                if queued.action == "StartTransaction":
                    local_refs[queued.number] = await messages.start_transaction(queued.payload)
                elif queued.action == "MeterValues":
                    reading = (int(queued.mark), queued.payload["meterValue"][0]["timestamp"])
                    await messages.enqueue(
                        "MeterValues", local_refs[queued.number], queued.payload, reading
                    )
                else:
                    await messages.enqueue(
                        "StopTransaction", local_refs[queued.number], queued.payload
                    )
            fill_rate = len(plan) / (time.perf_counter() - filled)
            start = time.monotonic()
            await csms.send("start")
            reply = await csms.send("recorded_transactions", count=len(plan), timeout=600)
        finally:
            await core.close()
    records, given = reply["records"], reply["given"]
    _check_delivery(plan, records, given)
    arrivals = [record[1] for record in records]
    raw_after, more_windows = await raw_round_trips(csms, frames)
    return BacklogResults(
        len(plan), fill_rate, len(plan) / (arrivals[-1] - start), _window_rates(arrivals, start),
        [raw_before, raw_after], raw_windows + more_windows,
    )  # fmt: skip


# --- report ----------------------------------------------------------------------------------


def _spread(values: list[float], style: str = "{:,.0f}") -> str:
    """median (min-max)"""
    return (
        f"{style.format(statistics.median(values))} "
        f"({style.format(min(values))}–{style.format(max(values))})"
    )


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def report_sessions(results: SessionResults, connectors: int, rounds: int) -> None:
    print(
        f"1. {results.sessions:,} consecutive short sessions per charge point on {connectors} "
        f"connectors (lanes in parallel), {rounds} rounds interleaved bare / bare durable / ours; "
        "driven by the CSMS process (RemoteStart, StartTransaction, RemoteStop, "
        "StopTransaction, Available); sessions/s median (min–max) over the rounds"
    )
    print()
    print(
        "| charge point | sessions/s | session ms median / p99 | charge point CPU ms per "
        "session | CSMS CPU ms per session | RSS KiB after warm-up -> end | RSS growth per 100 "
        "sessions |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    names = {
        "bare": "bare ocpp 2.1.0, nothing on disk",
        "bare-durable": "bare ocpp 2.1.0, Start/Stop on disk first",
        "ours": "this charge point (run --simulate)",
    }
    for role in ROLES:
        rss = results.rss_kib[role]
        latencies = results.latencies_ms[role]
        growth = (rss[-1] - rss[0]) / results.sessions * 100
        print(
            f"| {names[role]} | {_spread(results.rates[role])} | "
            f"{statistics.median(latencies):.1f} / {_percentile(latencies, 0.99):.1f} | "
            f"{results.cpu[role] / results.sessions * 1e3:.2f} | "
            f"{results.csms_cpu[role] / results.sessions * 1e3:.2f} | "
            f"{rss[0]:,} -> {rss[-1]:,} | {growth:+.1f} KiB |"
        )
    ours = statistics.median(results.rates["ours"])
    print(
        f"ours / bare {ours / statistics.median(results.rates['bare']):.2f}x, ours / bare durable "
        f"{ours / statistics.median(results.rates['bare-durable']):.2f}x (medians); ours' RSS "
        f"after each round (KiB): {', '.join(f'{v:,}' for v in results.rss_kib['ours'])}"
    )


def report_backlog(results: BacklogResults, transactions: int, meter_values: int) -> None:
    print()
    print(
        f"2. offline backlog: {transactions} transactions, {meter_values:,} MeterValues, "
        f"{results.messages:,} messages queued while the CSMS was away, delivered after it came "
        "back: in order, every id remapped (checked)"
    )
    print()
    print("| | messages/s overall | per tenth of the messages, median (min–max) |")
    print("|---|---:|---:|")
    print(
        f"| this charge point: durable queue after reconnect | {results.rate:,.0f} | {_spread(results.windows)} |"
    )
    raw = ", ".join(f"{rate:,.0f}" for rate in results.raw_rate)
    print(
        f"| baseline: bare websocket round trips, same frames (before, after) | {raw} | {_spread(results.raw_windows)} |"
    )
    print(
        f"ours / raw websocket {results.rate / statistics.mean(results.raw_rate):.2f}x; queue "
        f"filled (durable enqueue, one at a time) at {results.fill_rate:,.0f} messages/s"
    )


# --- main ------------------------------------------------------------------------------------


async def compare(options: argparse.Namespace) -> None:
    async with CsmsProcess() as csms:
        results = await sessions(csms, options.sessions, options.connectors, options.rounds)
        report_sessions(results, options.connectors, options.rounds)
        backlog_results = await backlog(
            csms, options.transactions, options.meter_values, options.connectors
        )
        report_backlog(backlog_results, options.transactions, options.meter_values)
    print()
    print(
        f"loopback; CSMS = the project's LoopbackCsms (schema validation off) in its own "
        f"process; {os.cpu_count()} cores"
    )


def main() -> None:
    arguments = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    arguments.add_argument("--sessions", type=int, default=1000, help="per charge point")
    arguments.add_argument("--connectors", type=int, default=10)
    arguments.add_argument("--rounds", type=int, default=5, help="bare/ours alternations")
    arguments.add_argument("--transactions", type=int, default=100, help="offline backlog")
    arguments.add_argument("--meter-values", type=int, default=10_000, help="offline backlog")
    arguments.add_argument(
        "--quick",
        action="store_true",
        help="100 sessions, 2 rounds, 20 transactions, 1,000 MeterValues",
    )
    arguments.add_argument("--role", choices=("bare", "bare-durable"), help=argparse.SUPPRESS)
    arguments.add_argument("--url", help=argparse.SUPPRESS)
    options = arguments.parse_args()
    if options.role is not None:
        asyncio.run(run_bare(options.url, options.role, options.connectors))
        return
    if options.quick:
        options.sessions, options.rounds = 100, 2
        options.transactions, options.meter_values = 20, 1_000
    if options.meter_values % options.transactions:
        arguments.error("--meter-values must be a multiple of --transactions")
    asyncio.run(compare(options))


if __name__ == "__main__":
    main()
