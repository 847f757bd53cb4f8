"""The project's loopback CSMS in a process of its own, driven over JSON lines, for the benches.

    python bench/csms_process.py

starts `LoopbackCsms(validate=False)` (everest_py.ocpp16.demo.csms) on 127.0.0.1 and prints
`{"url": ...}` on one line. Schema validation is OFF: the benches measure charge points, and
checking every frame against the JSON schemas would make the CSMS the bottleneck and squeeze
the bare/ours ratios towards 1 (the tests keep validation on). Both charge points of a
comparison face this same process, as a user's charge point faces a CSMS in another process.

Then one command per stdin line, a JSON object, one JSON reply line on stdout each, in order
(`{"error": ...}` when a command fails). Times are `time.monotonic()` (CLOCK_MONOTONIC on
Linux: the same clock in every process of the machine, so a bench can subtract its own).

- `{"cmd": "calls", "cp_id", "action", "payload", "count", "warmup", "cycle"?}`: `warmup` then
  `count` sequential CSMS -> charge point calls (`cycle`: {field: [values]} taken round robin);
  `{"seconds", "per_second", "result"}` (last result).
- `{"cmd": "rate", "cp_id", "calls": [{"action", "payload"}], "per_second", "seconds"}`: calls
  started at a fixed rate (not waiting for the previous answer), round robin from `calls`;
  `{"latencies_ms": {action: [...]}}`, each from the moment the call was due (at the CSMS's
  bound of unanswered calls the next ones wait, and the wait counts).
- `{"cmd": "wait_call", "action", "cp_id"?, "count"?, "match"?, "timeout"?}`: until the
  `count`-th CALL of `action` (whose payload contains every item of `match`) arrived; `{"at"}`.
- `{"cmd": "track", "action", "field"}`: from now on note when each CALL of `action` arrives,
  by the value of its payload's `field` (all of them, not bounded by the recording).
- `{"cmd": "wait_tracked", "value"?, "count"?, "timeout"?}`: until that value (or `count`
  tracked values) arrived; `{"at", "count"}`; "at" is the arrival of the value / the last one.
- `{"cmd": "heartbeat_interval", "seconds"}`: what BootNotification answers from now on.
- `{"cmd": "kill"}` / `{"cmd": "start"}`: vanish (TCP abort) / listen again on the same port.
- `{"cmd": "sessions", "cp_id", "connectors", "sessions", "tag_prefix"?, "timeout"?}`: charging
  sessions driven as a CSMS drives them, one lane per connector 1..`connectors`, lanes in
  parallel (one CALL at a time to the charge point, as OCPP-J asks), `sessions` in all:
  RemoteStartTransaction, wait for its StartTransaction,
  RemoteStopTransaction, wait for its StopTransaction (reason Remote) and the connector's
  StatusNotification Available; `{"seconds", "per_second", "latencies_ms"}` (per session).
- `{"cmd": "record_transactions", "cp_id"}`: from now on note every StartTransaction, MeterValues
  and StopTransaction CALL of `cp_id`, in arrival order (all of them, not bounded by the
  recording); `{"cmd": "recorded_transactions", "count", "timeout"?}`: once `count` arrived,
  `{"records": [[action, at, transactionId, connectorId, mark], ...], "given": {idTag: id}}`
  (mark: a StartTransaction's idTag, a StopTransaction's meterStop, a MeterValues' first
  sampled value; given: the transactionId the CSMS answered each StartTransaction's idTag with).

StartTransaction is answered Accepted with transactionIds counted from 100001 (not from 1, so a
charge point's own transaction numbers cannot pass for the CSMS's).
- EOF on stdin: close and exit.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Only for type hints here: the CSMS process imports it in serve(). A bench's charge point
# processes import CsmsProcess from this file too, and must not pay for the project's imports
# (the bare charge point's memory is the baseline).
if TYPE_CHECKING:
    from everest_py.ocpp16.demo.csms import LoopbackCsms, Received
    from everest_py.ocpp16.demo.script import Request

Reply = dict[str, Any]
FIRST_TRANSACTION_ID = 100_001
MAX_GIVEN_IDS = 100_000  # idTag -> transactionId kept, newest
TRANSACTION_ACTIONS = ("StartTransaction", "MeterValues", "StopTransaction")


class Driver:
    def __init__(self, csms: LoopbackCsms) -> None:
        self.csms = csms
        self.tracked_action: str | None = None
        self.tracked_field = ""
        self.arrivals: dict[str, float] = {}
        self.last_arrival = 0.0
        self.transaction_ids = itertools.count(FIRST_TRANSACTION_ID)
        self.given: OrderedDict[str, int] = OrderedDict()  # idTag -> transactionId answered
        self.transactions_of: str | None = None  # cp_id whose transaction messages are noted
        self.transaction_records: list[list[Any]] = []
        csms.script.answer("StartTransaction", self._start_transaction)
        csms.recording.listen(self._on_frame)

    def _on_frame(self, received: Received) -> None:
        if received.kind != "call":
            return
        if received.action == self.tracked_action:
            self.arrivals[str(received.payload.get(self.tracked_field))] = received.at
            self.last_arrival = received.at
        if received.cp_id == self.transactions_of and received.action in TRANSACTION_ACTIONS:
            self.transaction_records.append(_transaction_record(received))

    def _start_transaction(self, request: Request) -> dict[str, Any]:
        transaction_id = next(self.transaction_ids)
        self.given[str(request.payload.get("idTag"))] = transaction_id
        while len(self.given) > MAX_GIVEN_IDS:
            self.given.popitem(last=False)
        return {"idTagInfo": {"status": "Accepted"}, "transactionId": transaction_id}

    async def run(self, command: dict[str, Any]) -> Reply:
        name = command.pop("cmd")
        handler = getattr(self, f"cmd_{name}", None)
        if handler is None:
            raise ValueError(f"unknown command {name!r}")
        reply: Reply = await handler(**command)
        return reply

    async def cmd_calls(
        self,
        cp_id: str,
        action: str,
        payload: dict[str, Any],
        count: int,
        warmup: int = 50,
        cycle: dict[str, list[Any]] | None = None,
    ) -> Reply:
        """`cycle` ({field: [values]}): the n-th call sends the n-th value (round robin), e.g.
        a ChangeConfiguration value that differs from the previous one, so it is stored."""
        connection = self.csms.connection(cp_id)
        result: dict[str, Any] = {}
        payloads = _cycled(payload, cycle or {})
        for n in range(warmup):
            await connection.call(action, payloads[n % len(payloads)], 30)
        started = time.perf_counter()
        for n in range(count):
            result = await connection.call(action, payloads[n % len(payloads)], 30)
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "per_second": count / seconds, "result": result}

    async def cmd_rate(
        self, cp_id: str, calls: list[dict[str, Any]], per_second: float, seconds: float
    ) -> Reply:
        """Calls started at a fixed rate, not waiting for the previous answer (a busy CSMS with
        several things to say), taken round robin from `calls` ([{"action", "payload"}]); the
        latency of each in ms, by action, from the moment it was due: when the charge point
        stalls and the CSMS's bound on unanswered calls is reached, the next calls wait for a
        slot, and that wait is in their latency (a stall shows as latency; it neither aborts
        the run nor goes unmeasured)."""
        from everest_py.ocpp16.demo.csms import MAX_PENDING_CALLS

        connection = self.csms.connection(cp_id)
        count = int(per_second * seconds)
        loop = asyncio.get_running_loop()
        start = loop.time()
        latencies: dict[str, list[float]] = {call["action"]: [] for call in calls}
        slots = asyncio.Semaphore(MAX_PENDING_CALLS)

        async def one(action: str, payload: dict[str, Any], due: float) -> None:
            async with slots:
                await connection.call(action, payload, 30)
            latencies[action].append((loop.time() - due) * 1000)

        tasks = []
        for n in range(count):
            due = start + n / per_second
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            chosen = calls[n % len(calls)]
            tasks.append(asyncio.create_task(one(chosen["action"], chosen["payload"], due)))
        await asyncio.gather(*tasks)
        return {"latencies_ms": latencies}

    async def cmd_wait_call(
        self,
        action: str,
        cp_id: str | None = None,
        count: int = 1,
        match: dict[str, Any] | None = None,
        timeout: float = 30,
    ) -> Reply:
        wanted = match or {}

        def matches(received: Received) -> bool:
            return all(received.payload.get(k) == v for k, v in wanted.items())

        found = await self.csms.wait_for(action, matches, count=count, cp_id=cp_id, timeout=timeout)
        return {"at": found.at}

    async def cmd_track(self, action: str, field: str) -> Reply:
        self.tracked_action, self.tracked_field = action, field
        self.arrivals.clear()
        return {}

    async def cmd_wait_tracked(
        self, value: str | None = None, count: int | None = None, timeout: float = 30
    ) -> Reply:
        if value is not None:
            await self.csms.wait_until(lambda: value in self.arrivals, timeout)
            return {"at": self.arrivals[value], "count": len(self.arrivals)}
        assert count is not None
        await self.csms.wait_until(lambda: len(self.arrivals) >= count, timeout)
        return {"at": self.last_arrival, "count": len(self.arrivals)}

    async def cmd_heartbeat_interval(self, seconds: int) -> Reply:
        self.csms.script.heartbeat_interval = seconds
        return {}

    async def cmd_kill(self) -> Reply:
        await self.csms.kill()
        return {}

    async def cmd_start(self) -> Reply:
        await self.csms.start()
        return {"url": self.csms.url}

    async def cmd_sessions(
        self,
        cp_id: str,
        connectors: int,
        sessions: int,
        tag_prefix: str = "S",
        timeout: float = 30,
    ) -> Reply:
        numbers = iter(range(sessions))  # shared by the lanes: each takes the next number
        latencies: list[float] = []
        one_call = asyncio.Lock()  # OCPP-J: one CALL at a time to a charge point

        async def lane(connector: int) -> None:
            for number in numbers:
                begun = time.perf_counter()
                tag = f"{tag_prefix}{number}"
                await self._session(cp_id, connector, tag, timeout, one_call)
                latencies.append((time.perf_counter() - begun) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(lane(connector) for connector in range(1, connectors + 1)))
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "per_second": sessions / seconds, "latencies_ms": latencies}

    async def _session(
        self, cp_id: str, connector: int, tag: str, timeout: float, one_call: asyncio.Lock
    ) -> None:
        """One session on `connector`, driven as a CSMS drives it; raises if anything in it is
        not what OCPP 1.6 asks for."""
        csms = self.csms
        since = csms.recording.next_seq
        start_request = {"connectorId": connector, "idTag": tag}
        async with one_call:
            answer = await csms.call(cp_id, "RemoteStartTransaction", start_request, timeout)
        if answer.get("status") != "Accepted":
            raise RuntimeError(f"RemoteStartTransaction {start_request}: {answer}")
        await csms.wait_for(
            "StartTransaction",
            lambda r: r.payload.get("idTag") == tag and r.payload.get("connectorId") == connector,
            cp_id=cp_id, since=since, timeout=timeout,
        )  # fmt: skip
        transaction_id = self.given.pop(tag)
        stop_request = {"transactionId": transaction_id}
        async with one_call:
            answer = await csms.call(cp_id, "RemoteStopTransaction", stop_request, timeout)
        if answer.get("status") != "Accepted":
            raise RuntimeError(f"RemoteStopTransaction {stop_request}: {answer}")
        stop = await csms.wait_for(
            "StopTransaction",
            lambda r: r.payload.get("transactionId") == transaction_id,
            cp_id=cp_id, since=since, timeout=timeout,
        )  # fmt: skip
        if stop.payload.get("reason") != "Remote":
            raise RuntimeError(f"StopTransaction of {tag}: reason {stop.payload.get('reason')}")
        await csms.wait_for(
            "StatusNotification",
            lambda r: r.payload.get("connectorId") == connector
            and r.payload.get("status") == "Available",
            cp_id=cp_id, since=stop.seq, timeout=timeout,
        )  # fmt: skip

    async def cmd_record_transactions(self, cp_id: str) -> Reply:
        self.transactions_of = cp_id
        self.transaction_records = []
        return {}

    async def cmd_recorded_transactions(self, count: int, timeout: float = 600) -> Reply:
        await self.csms.wait_until(lambda: len(self.transaction_records) >= count, timeout)
        return {"records": self.transaction_records, "given": dict(self.given)}


def _transaction_record(received: Received) -> list[Any]:
    """[action, arrival, transactionId, connectorId, mark] of a transaction message."""
    payload = received.payload
    mark: Any = None
    if received.action == "StartTransaction":
        mark = payload.get("idTag")
    elif received.action == "StopTransaction":
        mark = payload.get("meterStop")
    else:
        values = payload.get("meterValue") or [{}]
        mark = (values[0].get("sampledValue") or [{}])[0].get("value")
    return [
        received.action,
        received.at,
        payload.get("transactionId"),
        payload.get("connectorId"),
        mark,
    ]


def _cycled(payload: dict[str, Any], cycle: dict[str, list[Any]]) -> list[dict[str, Any]]:
    if not cycle:
        return [payload]
    length = max(len(values) for values in cycle.values())
    return [
        {**payload, **{k: values[n % len(values)] for k, values in cycle.items()}}
        for n in range(length)
    ]


async def serve() -> None:
    from everest_py.ocpp16.demo.csms import LoopbackCsms

    csms = LoopbackCsms(validate=False, record_limit=1_000)
    await csms.start()
    driver = Driver(csms)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**24)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    print(json.dumps({"url": csms.url}), flush=True)
    try:
        while line := await reader.readline():
            try:
                reply = await driver.run(json.loads(line))
            except Exception as error:
                reply = {"error": f"{type(error).__name__}: {error}"}
            print(json.dumps(reply), flush=True)
    finally:
        await csms.close()


class CsmsProcess:
    """The bench's handle on a CSMS process: `async with CsmsProcess() as csms: csms.url`,
    `await csms.send("calls", cp_id=..., ...)`."""

    def __init__(self) -> None:
        self.url = ""
        self._process: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> CsmsProcess:
        self._process = await asyncio.create_subprocess_exec(
            sys.executable, __file__, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, cwd=ROOT, limit=2**24,  # long replies (latencies)
        )  # fmt: skip
        self.url = (await self._read(30))["url"]
        return self

    @property
    def pid(self) -> int:
        """The CSMS process's id (a bench may read its CPU time)."""
        assert self._process is not None
        return self._process.pid

    async def __aexit__(self, *_: object) -> None:
        process = self._process
        assert process is not None and process.stdin is not None
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()

    async def send(self, cmd: str, timeout: float = 660, **arguments: Any) -> Reply:
        process = self._process
        assert process is not None and process.stdin is not None
        process.stdin.write((json.dumps({"cmd": cmd, **arguments}) + "\n").encode())
        await process.stdin.drain()
        reply = await self._read(timeout)
        if "error" in reply:
            raise RuntimeError(f"CSMS process: {cmd}: {reply['error']}")
        return reply

    async def _read(self, timeout: float) -> Reply:
        assert self._process is not None and self._process.stdout is not None
        line = await asyncio.wait_for(self._process.stdout.readline(), timeout)
        if not line:
            raise RuntimeError("the CSMS process ended")
        reply: Reply = json.loads(line)
        return reply


if __name__ == "__main__":
    asyncio.run(serve())
