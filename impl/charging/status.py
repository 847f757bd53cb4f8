"""StatusNotification.req for every status change of a connector, while registered.

A change is reported once it has lasted `MinimumStatusDuration` seconds (a status that flips
back within that time is never reported). Offline changes are reported after the next accepted
BootNotification: the connectors whose status differs from what the CSMS was last told.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from ..connectors import Connectors
from ..ocpp import ConnectionLost, RpcEndpoint

LOGGER = logging.getLogger(__name__)


class StatusReporter:
    def __init__(
        self,
        connectors: Connectors,
        endpoint: Callable[[], RpcEndpoint | None],
        minimum_duration: Callable[[], int],
    ) -> None:
        self._connectors = connectors
        self._endpoint = endpoint
        self._minimum_duration = minimum_duration
        self._due: dict[int, float] = {}  # connector -> loop time its report is due
        self._registered = False
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        connectors.listeners.append(self.changed)

    def changed(self, connector: int) -> None:
        loop = asyncio.get_running_loop()
        self._due[connector] = loop.time() + self._minimum_duration()
        self._wakeup.set()

    def registered(self, registered: bool, first: bool = False) -> None:
        """Registration accepted (`first`: the first time since start) or lost."""
        self._registered = registered
        if registered:
            if first:
                self._connectors.reported.clear()  # after a boot the CSMS is told everything
            now = asyncio.get_running_loop().time()
            for connector in self._connectors.ids():
                stale = self._connectors.reported.get(connector) != self._connectors.current(
                    connector
                )
                if first or stale:
                    self._due[connector] = now
        self._wakeup.set()

    async def report_registered(self, endpoint: RpcEndpoint, first: bool) -> None:
        """Registration accepted: send what is due now before anything else goes out."""
        self.registered(True, first)
        await self._send_ready(endpoint)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self._wakeup.clear()
            endpoint = self._endpoint() if self._registered else None
            if endpoint is None or not self._due:
                await self._wakeup.wait()
                continue
            now = loop.time()
            if not any(due <= now for due in self._due.values()):
                await self._sleep(min(self._due.values()) - now)
                continue
            await self._send_ready(endpoint)

    async def _send_ready(self, endpoint: RpcEndpoint) -> None:
        now = asyncio.get_running_loop().time()
        for connector in sorted(c for c, due in self._due.items() if due <= now):
            if self._due.pop(connector, None) is None:
                continue  # sent meanwhile
            if self._connectors.reported.get(connector) == self._connectors.current(connector):
                continue  # flipped back, or already told (a triggered report)
            try:
                await self._connectors.send_status(endpoint, connector)
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
