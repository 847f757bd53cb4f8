"""Test central systems on loopback: one built on the `ocpp` package's v16 ChargePoint (the
central-system side), and a raw websocket server for hand-written frames."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import websockets
from ocpp.v16.enums import RegistrationStatus
from websockets.asyncio.server import Server, ServerConnection

from everest_py.ocpp16.demo_csms import DemoCsms, utc_now

WAIT = 10.0  # upper bound for awaited conditions; never a sleep


@dataclass
class Received:
    action: str
    payload: dict[str, Any]
    connection: int  # 1-based number of the connection it arrived on
    at: float = field(default_factory=time.monotonic)  # the event loop's clock


class CsmsSide(DemoCsms):
    """The central system's end of one connection."""

    def __init__(self, server: Csms, number: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._server = server
        self.number = number

    async def _handle_call(self, msg: Any) -> Any:
        await self._server.record(Received(msg.action, msg.payload, self.number))
        return await super()._handle_call(msg)

    def boot_answer(self) -> tuple[str, int]:
        if self._server.boot_answers:
            return self._server.boot_answers.pop(0)
        return RegistrationStatus.accepted, self._server.heartbeat_interval


@dataclass
class Csms:
    heartbeat_interval: int = 3600
    boot_answers: list[tuple[str, int]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    connections: list[CsmsSide] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    authorizations: list[str | None] = field(default_factory=list)
    subprotocols: list[str | None] = field(default_factory=list)
    select_subprotocol: bool = True
    _server: Server | None = None
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def start(self) -> None:
        async def handle(connection: ServerConnection) -> None:
            self.paths.append(connection.request.path if connection.request else "")
            headers = connection.request.headers if connection.request else {}
            self.authorizations.append(headers.get("Authorization"))
            self.subprotocols.append(connection.subprotocol)
            side = CsmsSide(self, len(self.connections) + 1, "cp", connection)
            self.connections.append(side)
            await self.record(None)
            try:
                await side.start()
            except websockets.ConnectionClosed:
                pass

        self._server = await websockets.serve(
            handle,
            "127.0.0.1",
            0,
            subprotocols=[websockets.Subprotocol("ocpp1.6")] if self.select_subprotocol else None,
        )

    @property
    def url(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}/ocpp"

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def drop_connections(self) -> None:
        for side in self.connections:
            await side._connection.close()

    async def record(self, item: Received | None) -> None:
        async with self._changed:
            if item is not None:
                self.received.append(item)
            self._changed.notify_all()

    def actions(self, action: str) -> list[Received]:
        return [item for item in self.received if item.action == action]

    async def wait_for(
        self, predicate: Callable[[], bool], timeout: float = WAIT, what: str = "condition"
    ) -> None:
        async def wait() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        try:
            await asyncio.wait_for(wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"timed out waiting for {what}; received {[r.action for r in self.received]}"
            ) from None

    async def wait_action(self, action: str, count: int = 1, timeout: float = WAIT) -> Received:
        await self.wait_for(lambda: len(self.actions(action)) >= count, timeout, action)
        return self.actions(action)[count - 1]

    async def wait_connections(self, count: int) -> CsmsSide:
        await self.wait_for(lambda: len(self.connections) >= count, what=f"{count} connections")
        return self.connections[count - 1]

    async def call(self, payload: Any, connection: int | None = None, timeout: float = WAIT) -> Any:
        side = self.connections[-1 if connection is None else connection - 1]
        return await asyncio.wait_for(side.call(payload, suppress=False), timeout)


class RawCsms:
    """Sends hand-written frames; answers BootNotification/StatusNotification/Heartbeat and
    SecurityEventNotification CALLs so the charge point gets registered."""

    def __init__(self) -> None:
        self._server: Server | None = None
        self.connection: ServerConnection | None = None
        self.replies: asyncio.Queue[list[Any]] = asyncio.Queue()
        self.calls: asyncio.Queue[list[Any]] = asyncio.Queue()
        self.connected = asyncio.Event()
        self.registered = asyncio.Event()
        self.connection_count = 0
        self.calls_seen: list[list[Any]] = []
        self.frames: list[list[Any]] = []  # everything the charge point sent, in order
        self._changed = asyncio.Condition()

    async def start(self) -> None:
        async def handle(connection: ServerConnection) -> None:
            self.connection = connection
            async with self._changed:
                self.connection_count += 1
                self._changed.notify_all()
            self.connected.set()
            async for raw in connection:
                message = json.loads(raw)
                async with self._changed:
                    self.frames.append(message)
                    self._changed.notify_all()
                if message[0] != 2:
                    await self.replies.put(message)
                    continue
                await self.calls.put(message)
                self.calls_seen.append(message)
                answers = {
                    "BootNotification": {
                        "currentTime": utc_now(),
                        "interval": 3600,
                        "status": "Accepted",
                    },
                    "Heartbeat": {"currentTime": utc_now()},
                }
                await connection.send(json.dumps([3, message[1], answers.get(message[2], {})]))
                if message[2] == "StatusNotification":
                    self.registered.set()

        self._server = await websockets.serve(
            handle, "127.0.0.1", 0, subprotocols=[websockets.Subprotocol("ocpp1.6")], max_size=None
        )

    @property
    def url(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}/ocpp"

    async def wait_connections(self, count: int) -> None:
        async def wait() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: self.connection_count >= count)

        await asyncio.wait_for(wait(), WAIT)

    async def wait_frames(self, predicate: Callable[[list[list[Any]]], bool]) -> None:
        async def wait() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: predicate(self.frames))

        await asyncio.wait_for(wait(), WAIT)

    async def send(self, frame: str | bytes) -> None:
        assert self.connection is not None
        await self.connection.send(frame)

    async def reply(self) -> list[Any]:
        return await asyncio.wait_for(self.replies.get(), WAIT)

    async def exchange(self, frame: str | bytes) -> list[Any]:
        await self.send(frame)
        return await self.reply()

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
