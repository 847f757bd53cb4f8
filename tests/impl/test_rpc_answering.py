"""CSMS CALLs whose handler waits (a bus command, the disk) are finished off the receive loop:
the answers to the charge point's own calls are read meanwhile, CALLs that arrive behind a slow
one are answered in order, and at most MAX_WAITING_CALLS wait before reading pauses."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ocpp.v16 import call, call_result

from everest_py.ocpp16.ocpp import RpcEndpoint
from everest_py.ocpp16.ocpp.rpc import MAX_WAITING_CALLS

WAIT = 10.0


class ScriptedConnection:
    """The CSMS side in memory: frames to deliver, frames the charge point sent."""

    def __init__(self) -> None:
        self.incoming: asyncio.Queue[str] = asyncio.Queue()
        self.sent: list[list[Any]] = []
        self.reads = 0
        self.changed = asyncio.Event()

    async def send(self, message: str) -> None:
        self.sent.append(json.loads(message))
        self.changed.set()

    def __aiter__(self) -> ScriptedConnection:
        return self

    async def __anext__(self) -> str:
        frame = await self.incoming.get()
        self.reads += 1
        self.changed.set()
        return frame

    def deliver(self, *frame: Any) -> None:
        self.incoming.put_nowait(json.dumps(list(frame)))

    def answered(self) -> list[str]:
        return [frame[1] for frame in self.sent if frame[0] in (3, 4)]

    async def wait_until(self, condition: Any) -> None:
        async with asyncio.timeout(WAIT):
            while not condition():
                self.changed.clear()
                await self.changed.wait()


class SlowDataTransfer:
    """DataTransfer waits for `release`; GetLocalListVersion answers at once."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started = asyncio.Event()

    def route(self, _endpoint: RpcEndpoint, action: str) -> Any:
        if action == "DataTransfer":
            return self.data_transfer
        if action == "GetLocalListVersion":
            return lambda **_: call_result.GetLocalListVersion(list_version=1)
        return None

    async def data_transfer(self, **_: Any) -> call_result.DataTransfer:
        self.started.set()
        await self.release.wait()
        return call_result.DataTransfer(status="Accepted")


def data_transfer(unique_id: str) -> list[Any]:
    return [2, unique_id, "DataTransfer", {"vendorId": "v"}]


async def test_our_call_is_answered_while_a_csms_call_waits_for_its_handler() -> None:
    connection, actions = ScriptedConnection(), SlowDataTransfer()
    endpoint = RpcEndpoint("CP", connection, route=actions.route)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("csms-1"))
    await asyncio.wait_for(actions.started.wait(), WAIT)
    heartbeat = asyncio.create_task(endpoint.request(call.Heartbeat(), timeout=WAIT))
    await connection.wait_until(lambda: any(frame[0] == 2 for frame in connection.sent))
    ours = next(frame for frame in connection.sent if frame[0] == 2)
    connection.deliver(3, ours[1], {"currentTime": "2026-01-01T00:00:00Z"})
    result = await asyncio.wait_for(heartbeat, WAIT)  # read while DataTransfer still waits
    assert result.current_time == "2026-01-01T00:00:00Z"
    assert connection.answered() == []
    actions.release.set()
    await connection.wait_until(lambda: connection.answered() == ["csms-1"])
    serving.cancel()


async def test_calls_behind_a_waiting_one_are_answered_in_arrival_order() -> None:
    connection, actions = ScriptedConnection(), SlowDataTransfer()
    endpoint = RpcEndpoint("CP", connection, route=actions.route)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("a"))
    connection.deliver(2, "b", "GetLocalListVersion", {})
    connection.deliver(*data_transfer("c"))
    connection.deliver(2, "d", "Unknown", {})
    await connection.wait_until(lambda: connection.reads == 4)
    assert connection.answered() == []  # nothing overtakes the waiting DataTransfer
    actions.release.set()
    await connection.wait_until(lambda: len(connection.answered()) == 4)
    assert connection.answered() == ["a", "b", "c", "d"]
    serving.cancel()


async def test_reading_pauses_once_the_waiting_calls_reach_the_bound() -> None:
    connection, actions = ScriptedConnection(), SlowDataTransfer()
    endpoint = RpcEndpoint("CP", connection, route=actions.route)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("slow"))
    extra = MAX_WAITING_CALLS + 4
    for n in range(extra):
        connection.deliver(2, f"q{n}", "GetLocalListVersion", {})
    # The slow call, the waiting ones, and the one that found the queue full.
    await connection.wait_until(lambda: connection.reads == MAX_WAITING_CALLS + 2)
    for _ in range(50):  # the loop runs on and reads nothing more
        await asyncio.sleep(0)
    assert connection.reads == MAX_WAITING_CALLS + 2
    assert connection.incoming.qsize() == extra - MAX_WAITING_CALLS - 1
    actions.release.set()
    await connection.wait_until(lambda: len(connection.answered()) == extra + 1)
    assert connection.answered() == ["slow"] + [f"q{n}" for n in range(extra)]
    serving.cancel()


async def test_a_failing_waiting_handler_is_answered_internal_error() -> None:
    connection = ScriptedConnection()

    async def broken(**_: Any) -> call_result.DataTransfer:
        await asyncio.sleep(0)
        raise RuntimeError("boom")

    endpoint = RpcEndpoint("CP", connection, route=lambda _e, _a: broken)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("x"))
    await connection.wait_until(lambda: connection.answered() == ["x"])
    assert connection.sent[-1][:3] == [4, "x", "InternalError"]
    serving.cancel()


async def test_a_closing_connection_lets_a_waiting_handler_finish() -> None:
    """A drop must not stop a handler between two steps (stopped, but never unlocked)."""
    connection, actions = ScriptedConnection(), SlowDataTransfer()
    endpoint = RpcEndpoint("CP", connection, route=actions.route)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("cut"))
    connection.deliver(2, "behind", "GetLocalListVersion", {})
    await asyncio.wait_for(actions.started.wait(), WAIT)
    await connection.wait_until(lambda: connection.reads == 2)
    endpoint.close_pending()  # what the end of the receive loop does
    actions.release.set()
    await connection.wait_until(lambda: connection.answered() == ["cut"])
    serving.cancel()


async def test_a_reply_that_cannot_be_built_does_not_stop_the_calls_behind_it() -> None:
    connection, actions = ScriptedConnection(), SlowDataTransfer()

    async def not_a_reply(**_: Any) -> object:
        await actions.release.wait()
        return object()  # not a call_result: answered InternalError

    def route(_endpoint: RpcEndpoint, action: str) -> Any:
        return not_a_reply if action == "DataTransfer" else actions.route(_endpoint, action)

    endpoint = RpcEndpoint("CP", connection, route=route)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("bad"))
    connection.deliver(2, "next", "GetLocalListVersion", {})
    await connection.wait_until(lambda: connection.reads == 2)
    actions.release.set()
    await connection.wait_until(lambda: connection.answered() == ["bad", "next"])
    assert connection.sent[0][2] == "InternalError"
    serving.cancel()


async def test_a_call_that_cannot_be_answered_costs_only_itself() -> None:
    connection, actions = ScriptedConnection(), SlowDataTransfer()

    def observer(direction: str, text: str) -> None:
        if direction == "send" and '"b"' in text:
            raise OSError("frame log: disk full")

    endpoint = RpcEndpoint("CP", connection, route=actions.route, observer=observer)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("a"))
    for unique_id in ("b", "c", "d"):
        connection.deliver(2, unique_id, "GetLocalListVersion", {})
    await connection.wait_until(lambda: connection.reads == 4)
    actions.release.set()
    await connection.wait_until(lambda: len(connection.answered()) == 3)
    assert connection.answered() == ["a", "c", "d"]
    serving.cancel()


async def test_reading_resumes_as_soon_as_one_waiting_call_is_taken() -> None:
    """Not only once all are answered: the answers to our own calls are read meanwhile."""
    connection = ScriptedConnection()
    gates: dict[str, asyncio.Event] = {}

    async def gated(**_: Any) -> call_result.DataTransfer:
        gate = gates.setdefault(f"g{len(gates)}", asyncio.Event())
        connection.changed.set()  # wakes the test's wait_until
        await gate.wait()
        return call_result.DataTransfer(status="Accepted")

    endpoint = RpcEndpoint("CP", connection, route=lambda _e, _a: gated)
    serving = asyncio.create_task(endpoint.serve())
    for n in range(MAX_WAITING_CALLS + 3):
        connection.deliver(*data_transfer(f"c{n}"))
    await connection.wait_until(lambda: connection.reads == MAX_WAITING_CALLS + 2)
    await connection.wait_until(lambda: len(gates) == 1)
    gates["g0"].set()  # the first call is answered, the next one is taken on (and waits)
    await connection.wait_until(lambda: connection.reads == MAX_WAITING_CALLS + 3)
    assert connection.answered() == ["c0"]
    serving.cancel()


async def test_answered_waits_for_the_call_being_answered() -> None:
    """What the session's stop() awaits before the charge point closes its stores."""
    connection, actions = ScriptedConnection(), SlowDataTransfer()
    endpoint = RpcEndpoint("CP", connection, route=actions.route)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("slow"))
    await asyncio.wait_for(actions.started.wait(), WAIT)
    endpoint.close_pending()
    assert endpoint.answering
    waiting = asyncio.create_task(endpoint.answered(WAIT))
    await asyncio.sleep(0)  # a yield, not a wait: answered() is now waiting for the handler
    assert not waiting.done()
    actions.release.set()
    await asyncio.wait_for(waiting, WAIT)
    assert connection.answered() == ["slow"] and not endpoint.answering
    serving.cancel()


async def test_answered_cancels_a_handler_that_outlives_the_grace() -> None:
    connection, actions = ScriptedConnection(), SlowDataTransfer()
    endpoint = RpcEndpoint("CP", connection, route=actions.route)
    serving = asyncio.create_task(endpoint.serve())
    connection.deliver(*data_transfer("stuck"))
    await asyncio.wait_for(actions.started.wait(), WAIT)
    await asyncio.wait_for(endpoint.answered(0.01), WAIT)
    assert not endpoint.answering and connection.answered() == []
    serving.cancel()
