"""StatusNotification.req for every status change of a connector, while registered.

With `MinimumStatusDuration` 0 every change is reported, in order (Preparing is reported even
when Charging follows a moment later). Above 0 a status is reported once it has lasted that
many seconds (one that flips back within that time is never reported). Changes while offline
are not queued: after the next accepted BootNotification every connector is reported (after a
reconnect without a boot, those whose status differs from what the CSMS was last told).

A status never overtakes a transaction message queued before it changed (Charging follows its
StartTransaction, Finishing its StopTransaction), also when both wait for a reconnect: each
change notes where the transaction message queue was (`MessageOrder.mark`), and its report
waits until the queue has tried every message up to there. Statuses with nothing to wait for
go at once, the others as soon as their messages were tried.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from typing import Final, Protocol

from ..background import BackgroundTask
from ..connectors import Connectors, Report, Snapshot
from ..ocpp import ConnectionLost, RpcEndpoint

LOGGER = logging.getLogger(__name__)
MAX_WAITING_REPORTS: Final = 1000  # the oldest go first when a flood of changes exceeds it


class MessageOrder(Protocol):
    """The transaction message queue, as far as statuses wait for it (TransactionMessages)."""

    def mark(self) -> int: ...
    def settled_through(self, mark: int) -> bool: ...
    async def settled(self, mark: int | None = None) -> None: ...


class StatusReporter:
    def __init__(
        self,
        connectors: Connectors,
        endpoint: Callable[[], RpcEndpoint | None],
        minimum_duration: Callable[[], int],
        order: MessageOrder | None = None,
    ) -> None:
        """`order`: the transaction message queue; a status is sent once the messages queued
        before it changed were tried (as with libocpp's one message queue)."""
        self._connectors = connectors
        self._order = order
        self._endpoint = endpoint
        self._minimum_duration = minimum_duration
        # (connector, status, mark of the transaction messages it comes after)
        self._queue: deque[tuple[int, Snapshot, int]] = deque(maxlen=MAX_WAITING_REPORTS)
        self._due: dict[int, float] = {}  # connector -> loop time its report is due
        self._latest: dict[int, Report] = {}  # the newest status queued per connector
        # connector -> its status when it last changed, and the queue's mark then
        self._changes: dict[int, tuple[Report, int]] = {}
        self._registered = False
        self._wakeup = asyncio.Event()
        self._task = BackgroundTask(self._run)
        connectors.listeners.append(self.changed)

    def changed(self, connector: int) -> None:
        self._note(connector)
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
            # Those with fewer transaction messages to wait for first (the others in order).
            for connector in sorted(self._connectors.ids(), key=self._mark):
                self._enqueue(connector)
        self._wakeup.set()

    async def report_registered(self, endpoint: RpcEndpoint, first: bool) -> None:
        """Registration accepted: send what is due before anything else goes out; a status
        that waits for transaction messages goes later (from the reporter's own task)."""
        self.registered(True, first)
        await self._send_queued(endpoint, wait=False)

    def start(self) -> None:
        """Start reporting; the statuses as they are now come after the transaction messages
        queued so far (those of an earlier run included)."""
        for connector in self._connectors.ids():
            self._note(connector)
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
            for connector in sorted(
                (c for c, due in self._due.items() if due <= now), key=self._mark
            ):
                del self._due[connector]
                self._enqueue(connector)
            if self._queue:
                continue
            if self._due:
                await self._sleep(min(self._due.values()) - now)

    def _note(self, connector: int) -> None:
        """Note where the transaction messages are when `connector`'s status changes."""
        if self._order is None:
            return
        report = self._connectors.current(connector)
        noted = self._changes.get(connector)
        if noted is None or noted[0] != report:
            self._changes[connector] = (report, self._order.mark())

    def _mark(self, connector: int) -> int:
        noted = self._changes.get(connector)
        return 0 if noted is None else noted[1]

    def _enqueue(self, connector: int) -> None:
        """Queue `connector`'s status unless it is what was last queued or reported."""
        snapshot = self._connectors.snapshot(connector)
        report = (snapshot[0], snapshot[1].code)
        if self._latest.get(connector) != report:
            self._latest[connector] = report
            self._queue.append((connector, snapshot, self._mark(connector)))

    async def _send_queued(self, endpoint: RpcEndpoint, wait: bool = True) -> None:
        """Send the queued statuses in order, each once the transaction messages before it
        were tried; `wait=False`: only as long as none has to wait."""
        while self._queue and self._registered:
            mark = self._queue[0][2]
            if self._order is not None and not self._order.settled_through(mark):
                if not wait:
                    return
                await self._order.settled(mark)
                continue  # the queue may have changed meanwhile (registration lost)
            connector, snapshot, _ = self._queue.popleft()
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
