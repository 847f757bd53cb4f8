"""StatusNotification.req for every status change of a connector, while registered.

With `MinimumStatusDuration` 0 every change is reported, in order (Preparing is reported even
when Charging follows a moment later). Above 0 a status is reported once it has lasted that
many seconds (one that flips back within that time is never reported). Changes while offline
are not queued: after the next accepted BootNotification every connector is reported (after a
reconnect without a boot, those whose status differs from what the CSMS was last told).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Final

from ..background import BackgroundTask
from ..connectors import Connectors, Report, Snapshot
from ..ocpp import ConnectionLost, RpcEndpoint

LOGGER = logging.getLogger(__name__)
MAX_WAITING_REPORTS: Final = 1000  # the oldest go first when a flood of changes exceeds it


class StatusReporter:
    def __init__(
        self,
        connectors: Connectors,
        endpoint: Callable[[], RpcEndpoint | None],
        minimum_duration: Callable[[], int],
        before_sending: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """`before_sending`: awaited before each StatusNotification (the transaction message
        queue's `settled`: a status never overtakes the transaction message that caused it,
        e.g. Charging after its StartTransaction, as with libocpp's one message queue)."""
        self._connectors = connectors
        self._before_sending = before_sending
        self._endpoint = endpoint
        self._minimum_duration = minimum_duration
        self._queue: deque[tuple[int, Snapshot]] = deque(maxlen=MAX_WAITING_REPORTS)
        self._due: dict[int, float] = {}  # connector -> loop time its report is due
        self._latest: dict[int, Report] = {}  # the newest status queued per connector
        self._registered = False
        self._wakeup = asyncio.Event()
        self._task = BackgroundTask(self._run)
        connectors.listeners.append(self.changed)

    def changed(self, connector: int) -> None:
        if not self._registered:
            return  # reported after the next registration if it still differs
        duration = self._minimum_duration()
        if duration <= 0:
            self._enqueue(connector)
        else:
            self._due[connector] = asyncio.get_running_loop().time() + duration
        self._wakeup.set()

    def registered(self, registered: bool, first: bool = False) -> None:
        """Registration accepted (`first`: after a BootNotification) or lost."""
        self._registered = registered
        self._queue.clear()
        self._due.clear()
        self._latest = dict(self._connectors.reported)
        if registered:
            if first:
                self._connectors.reported.clear()  # after a boot the CSMS is told everything
                self._latest.clear()
            for connector in self._connectors.ids():
                self._enqueue(connector)
        self._wakeup.set()

    async def report_registered(self, endpoint: RpcEndpoint, first: bool) -> None:
        """Registration accepted: send what is due before anything else goes out."""
        self.registered(True, first)
        await self._send_queued(endpoint)

    def start(self) -> None:
        self._task.start()

    async def close(self) -> None:
        await self._task.stop()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self._wakeup.clear()
            endpoint = self._endpoint() if self._registered else None
            if endpoint is None or not (self._queue or self._due):
                await self._wakeup.wait()
                continue
            await self._send_queued(endpoint)
            now = loop.time()
            for connector in sorted(c for c, due in self._due.items() if due <= now):
                del self._due[connector]
                self._enqueue(connector)
            if self._queue:
                continue
            if self._due:
                await self._sleep(min(self._due.values()) - now)

    def _enqueue(self, connector: int) -> None:
        """Queue `connector`'s status unless it is what was last queued or reported."""
        snapshot = self._connectors.snapshot(connector)
        report = (snapshot[0], snapshot[1].code)
        if self._latest.get(connector) != report:
            self._latest[connector] = report
            self._queue.append((connector, snapshot))

    async def _send_queued(self, endpoint: RpcEndpoint) -> None:
        while self._queue and self._registered:
            if self._before_sending is not None:
                await self._before_sending()
                if not (self._queue and self._registered):
                    return
            connector, snapshot = self._queue.popleft()
            try:
                await self._connectors.send_status(endpoint, connector, snapshot)
            except ConnectionLost:
                self._registered = False
                return
            except Exception:
                LOGGER.exception("StatusNotification for connector %d failed", connector)

    async def _sleep(self, seconds: float) -> None:
        try:
            async with asyncio.timeout(seconds):
                await self._wakeup.wait()
        except TimeoutError:
            pass
