"""The project's loopback CSMS for the real-manager tests, on a thread of its own: those tests
block on the manager's log, so the CSMS needs its own event loop. It accepts every charge point,
answers with the CSMS's defaults, checks every frame against the OCPP 1.6 schemas, and hands the
calls it receives to the test through a bounded queue."""

from __future__ import annotations

import asyncio
import queue
import threading
from typing import Any

from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.recording import Received

WAIT = 30.0


class ThreadedCsms:
    def __init__(self) -> None:
        # (charge point id, action, payload); full means the test stopped reading: drop, and
        # let wait_for time out with a clear message rather than block the CSMS.
        self.calls: queue.Queue[tuple[str, str, Any]] = queue.Queue(256)
        self._loop = asyncio.new_event_loop()
        self._csms = LoopbackCsms()
        self._csms.recording.listen(self._on_frame)
        self._started = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._run(),))

    def url(self) -> str:
        return self._csms.url

    def start(self) -> None:
        self._thread.start()
        assert self._started.wait(WAIT), "the CSMS did not start"

    def close(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(WAIT)
        assert not self._csms.violations, f"schema violations: {list(self._csms.violations)}"

    def wait_for(self, action: str, timeout: float = WAIT) -> tuple[str, Any]:
        """The next call of ``action`` (others are skipped): (charge point id, payload)."""
        while True:
            charge_point, seen, payload = self.calls.get(timeout=timeout)
            if seen == action:
                return charge_point, payload

    def _on_frame(self, received: Received) -> None:
        if received.kind == "call" and received.action is not None:
            try:
                self.calls.put_nowait((received.cp_id, received.action, received.payload))
            except queue.Full:
                pass

    async def _run(self) -> None:
        self._stop = asyncio.Event()
        await self._csms.start()
        self._started.set()
        try:
            await self._stop.wait()
        finally:
            await self._csms.close()
