"""The project's loopback CSMS for the real-manager tests, on a thread of its own: those tests
block on the manager's log, so the CSMS needs its own event loop. It accepts every charge point,
answers with the CSMS's defaults, checks every frame against the OCPP 1.6 schemas, and hands the
calls it receives to the test through a bounded queue (``wait_for``) and a bounded log
(``wait_call``: search by predicate, order kept), and sends CALLs for the test (``call``)."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from typing import Any

from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.recording import Received

WAIT = 30.0
LOG_LIMIT = 10_000  # calls kept for wait_call; a longer test would need a cursor-based trim

Call = tuple[str, str, Any]  # (charge point id, action, payload)


class ThreadedCsms:
    def __init__(self) -> None:
        # (charge point id, action, payload); full means the test stopped reading: drop, and
        # let wait_for time out with a clear message rather than block the CSMS.
        self.calls: queue.Queue[tuple[str, str, Any]] = queue.Queue(256)
        self._loop = asyncio.new_event_loop()
        self._csms = LoopbackCsms()
        self._csms.recording.listen(self._on_frame)
        self.log: list[Call] = []  # every call received, in order (up to LOG_LIMIT)
        self._logged = threading.Condition()
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

    def wait_call(
        self,
        action: str,
        predicate: Callable[[Any], bool] = lambda payload: True,
        *,
        after: int = 0,
        timeout: float = WAIT,
    ) -> tuple[int, Any]:
        """The first call of ``action`` at log position >= ``after`` whose payload satisfies
        ``predicate``, once it arrived: (its position, its payload)."""
        with self._logged:
            found = self._find(action, predicate, after)
            if found is None:
                self._logged.wait_for(
                    lambda: self._find(action, predicate, after) is not None, timeout
                )
                found = self._find(action, predicate, after)
            if found is None:
                seen = [seen_action for _, seen_action, _ in self.log[after:]][-20:]
                raise TimeoutError(f"no matching {action} within {timeout} s; last seen {seen}")
            return found

    def _find(
        self, action: str, predicate: Callable[[Any], bool], after: int
    ) -> tuple[int, Any] | None:
        for position in range(after, len(self.log)):
            _, seen, payload = self.log[position]
            if seen == action and predicate(payload):
                return position, payload
        return None

    def call(self, action: str, payload: dict[str, Any], timeout: float = WAIT) -> Any:
        """Send a CALL to the (one) connected charge point; its CALLRESULT payload."""
        future = asyncio.run_coroutine_threadsafe(
            self._csms.call(None, action, payload, timeout), self._loop
        )
        return future.result(timeout + 1)

    @property
    def last_transaction_id(self) -> int | None:
        """The transactionId this CSMS handed out last (StartTransaction.conf)."""
        return self._csms.script.last_transaction_id

    def _on_frame(self, received: Received) -> None:
        if received.kind == "call" and received.action is not None:
            with self._logged:
                if len(self.log) < LOG_LIMIT:
                    self.log.append((received.cp_id, received.action, received.payload))
                self._logged.notify_all()
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
