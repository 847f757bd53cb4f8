"""The test suite's central systems: thin adapters over the loopback CSMS
(everest_py.ocpp16.demo.csms) that keep the API these tests were written against.

`Csms` takes and returns the `ocpp` package's v16 dataclasses (call.X in, call_result.X out,
OCPPError for a CALLERROR) and fails at close if the charge point broke an OCPP 1.6 schema;
`RawCsms` exchanges hand-written frames."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from ocpp.charge_point import (
    camel_to_snake_case,
    remove_nones,
    serialize_as_dict,
    snake_to_camel_case,
)
from ocpp.messages import CallError as LibraryCallError
from ocpp.v16 import call_result

from everest_py.ocpp16.demo.csms import (
    Answer,
    CallFailed,
    CsmsConnection,
    LoopbackCsms,
    Received,
    Request,
    Script,
)
from everest_py.ocpp16.demo.script import Reaction

__all__ = ["WAIT", "Csms", "RawCsms", "Received"]

WAIT = 10.0  # upper bound for awaited conditions; never a sleep
MAX_UNREAD_REPLIES = 1000  # RawCsms: answers nobody read yet; the oldest go first


class Csms:
    def __init__(self, heartbeat_interval: int = 3600, select_subprotocol: bool = True) -> None:
        self.heartbeat_interval = heartbeat_interval
        self.boot_answers: list[tuple[str, int]] = []  # (status, interval), one per boot
        self.loopback = LoopbackCsms(subprotocols=("ocpp1.6",) if select_subprotocol else ())
        self.loopback.script.default = self._react

    def _react(self, request: Request) -> Reaction:
        if request.action == "BootNotification" and self.boot_answers:
            status, interval = self.boot_answers.pop(0)
            return Answer(self._boot_answer(status, interval))
        if request.action == "BootNotification":
            return Answer(self._boot_answer("Accepted", self.heartbeat_interval))
        return self.loopback.script.default_reaction(request)

    def _boot_answer(self, status: str, interval: int) -> dict[str, Any]:
        answer = self.loopback.script.default_answer(Request("", "BootNotification", {}))
        assert answer is not None
        return {**answer, "status": status, "interval": interval}

    async def start(self) -> None:
        await self.loopback.start()

    @property
    def url(self) -> str:
        return self.loopback.url

    async def close(self) -> None:
        await self.loopback.close()
        problems = [violation.problem for violation in self.loopback.violations]
        assert not problems, f"the charge point broke OCPP 1.6: {problems}"

    @property
    def received(self) -> list[Received]:
        """Every CALL from the charge point, in order."""
        return self.loopback.calls()

    @property
    def connections(self) -> list[CsmsConnection]:
        return self.loopback.connections

    @property
    def paths(self) -> list[str]:
        return [connection.path for connection in self.connections]

    @property
    def authorizations(self) -> list[str | None]:
        return [connection.authorization for connection in self.connections]

    @property
    def subprotocols(self) -> list[str | None]:
        return [connection.subprotocol for connection in self.connections]

    async def drop_connections(self) -> None:
        for connection in self.connections:
            await connection.close()

    def actions(self, action: str) -> list[Received]:
        return self.loopback.calls(action)

    def statuses(self, connector: int, since: int = 0) -> list[str]:
        """The statuses reported for `connector`, from recording position `since` on."""
        return [
            r.payload["status"]
            for r in self.actions("StatusNotification")
            if r.seq >= since and r.payload["connectorId"] == connector
        ]

    def status_is(self, connector: int, status: str, since: int = 0) -> bool:
        return self.statuses(connector, since)[-1:] == [status]

    async def wait_for(
        self, predicate: Callable[[], bool], timeout: float = WAIT, what: str = "condition"
    ) -> None:
        try:
            await self.loopback.wait_until(predicate, timeout)
        except TimeoutError:
            seen = [r.action for r in self.received]
            raise AssertionError(f"timed out waiting for {what}; received {seen}") from None

    async def wait_action(self, action: str, count: int = 1, timeout: float = WAIT) -> Received:
        await self.wait_for(lambda: len(self.actions(action)) >= count, timeout, action)
        return self.actions(action)[count - 1]

    async def wait_connections(self, count: int) -> CsmsConnection:
        await self.wait_for(lambda: len(self.connections) >= count, what=f"{count} connections")
        return self.connections[count - 1]

    async def call(self, payload: Any, connection: int | None = None, timeout: float = WAIT) -> Any:
        """Send an `ocpp.v16.call` dataclass on the newest (or the numbered) connection; the
        matching `call_result` dataclass, OCPPError for a CALLERROR, TimeoutError."""
        side = self.connections[-1 if connection is None else connection - 1]
        action = type(payload).__name__
        body = remove_nones(snake_to_camel_case(serialize_as_dict(payload)))
        try:
            result = await side.call(action, body, timeout)
        except CallFailed as failed:
            error = failed.error
            library_error = LibraryCallError(
                error.unique_id, error.code, error.description, error.details
            )
            raise library_error.to_exception() from None
        return getattr(call_result, action)(**camel_to_snake_case(result))


class _Condition:
    """`await x.wait()` until a condition of the CSMS holds (the old asyncio.Event attributes)."""

    def __init__(self, wait: Callable[[], Any]) -> None:
        self._wait = wait

    async def wait(self) -> None:
        await self._wait()


class RawCsms:
    """Sends hand-written frames; answers the charge point's CALLs with the loopback CSMS's
    default answers (BootNotification Accepted, interval 3600)."""

    def __init__(self) -> None:
        self.loopback = LoopbackCsms(script=Script(heartbeat_interval=3600))
        self.replies: asyncio.Queue[list[Any]] = asyncio.Queue(MAX_UNREAD_REPLIES)
        self.frames: list[list[Any]] = []  # everything the charge point sent, in order
        self.connected = _Condition(lambda: self.loopback.wait_connection(timeout=WAIT))
        self.registered = _Condition(
            lambda: self.loopback.wait_for("StatusNotification", timeout=WAIT)
        )
        self.loopback.recording.listen(self._on_frame)

    def _on_frame(self, received: Received) -> None:
        frame = json.loads(received.text)
        self.frames.append(frame)
        if received.kind == "call":
            return
        if self.replies.full():
            self.replies.get_nowait()
        self.replies.put_nowait(frame)

    async def start(self) -> None:
        await self.loopback.start()

    @property
    def url(self) -> str:
        return self.loopback.url

    @property
    def connection_count(self) -> int:
        return self.loopback.connection_count

    @property
    def calls_seen(self) -> list[list[Any]]:
        return [frame for frame in self.frames if frame[0] == 2]

    async def wait_connections(self, count: int) -> None:
        await self.loopback.wait_connection(count, timeout=WAIT)

    async def wait_frames(self, predicate: Callable[[list[list[Any]]], bool]) -> None:
        await self.loopback.wait_until(lambda: predicate(self.frames), WAIT)

    async def send(self, frame: str | bytes) -> None:
        await self.loopback.send_raw(None, frame)

    async def reply(self) -> list[Any]:
        return await asyncio.wait_for(self.replies.get(), WAIT)

    async def exchange(self, frame: str | bytes) -> list[Any]:
        await self.send(frame)
        return await self.reply()

    async def close(self) -> None:
        await self.loopback.close()
