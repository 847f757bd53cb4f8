"""A loopback OCPP 1.6-J CSMS for the real-manager tests: accepts every charge point, answers
every call, and records what it was sent. Runs its own event loop on a thread, since the
manager tests block on the manager's log."""

from __future__ import annotations

import asyncio
import json
import queue
import threading
from datetime import UTC, datetime
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

WAIT = 30.0


def _answer(action: str) -> dict[str, Any]:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if action == "BootNotification":
        return {"status": "Accepted", "currentTime": now, "interval": 300}
    if action == "Heartbeat":
        return {"currentTime": now}
    return {}  # StatusNotification, SecurityEventNotification, ... take an empty answer


class LoopbackCsms:
    def __init__(self) -> None:
        self.calls: queue.Queue[tuple[str, str, Any]] = queue.Queue(256)  # (cp id, action, payload)
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._run(),))

    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ocpp"

    def start(self) -> None:
        self._thread.start()
        assert self._started.wait(WAIT), "the CSMS did not start"

    def close(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(WAIT)

    def wait_for(self, action: str, timeout: float = WAIT) -> tuple[str, Any]:
        """The next call of ``action`` (others are skipped): (charge point id, payload)."""
        while True:
            charge_point, seen, payload = self.calls.get(timeout=timeout)
            if seen == action:
                return charge_point, payload

    async def _run(self) -> None:
        self._stop = asyncio.Event()
        server: Server
        async with serve(self._session, "127.0.0.1", 0, subprotocols=["ocpp1.6"]) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._started.set()
            await self._stop.wait()

    async def _session(self, connection: ServerConnection) -> None:
        assert connection.request is not None
        charge_point = connection.request.path.rsplit("/", 1)[-1]
        try:
            async for frame in connection:
                message = json.loads(frame)
                if message[0] != 2:  # a CALLRESULT / CALLERROR: this CSMS sends no calls
                    continue
                _, unique_id, action, payload = message
                self.calls.put((charge_point, action, payload))
                await connection.send(json.dumps([3, unique_id, _answer(action)]))
        except ConnectionClosed:
            pass  # the charge point stopped with the manager, without a close frame
