"""The notifications of firmware updates and log uploads on their way to the CSMS: in memory, in
order, one at a time, while the charge point is registered.

A notification that meets a lost connection stays first in line and goes again once the charge
point is registered on a new connection: a short CSMS outage loses nothing. They are not kept
across a restart (a status is stale by then; libocpp keeps them in memory too). A CALLERROR or
an invalid answer drops the notification (logged); no answer within the response timeout sends
it again, at most MAX_ATTEMPTS times. At most MAX_QUEUED wait; beyond that the oldest goes.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from typing import Any, Final

from ..background import BackgroundTask
from ..ocpp import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint

LOGGER = logging.getLogger(__name__)
MAX_QUEUED: Final = 100  # a system publishes a handful per update; this is far above
MAX_ATTEMPTS: Final = 3  # sends of one notification the CSMS does not answer


class NotificationOutbox:
    def __init__(self, endpoint: Callable[[], RpcEndpoint | None]) -> None:
        self._endpoint = endpoint
        self._queue: deque[Any] = deque()
        self._registered = False
        self._lost: RpcEndpoint | None = None  # the endpoint a send found closed
        self._wakeup = asyncio.Event()
        self._task = BackgroundTask(self._run)
        self.empty = asyncio.Event()  # set while nothing waits (tests and shutdown wait on it)
        self.empty.set()

    def put(self, payload: Any) -> None:
        """Queue an `ocpp.v16.call` payload."""
        if len(self._queue) >= MAX_QUEUED:
            dropped = self._queue.popleft()
            LOGGER.warning("%d notifications waiting: dropped %r", MAX_QUEUED, dropped)
        self._queue.append(payload)
        self.empty.clear()
        self._wakeup.set()

    def online(self, registered: bool) -> None:
        self._registered = registered
        self._wakeup.set()

    @property
    def waiting(self) -> int:
        return len(self._queue)

    def start(self) -> None:
        self._task.start()

    async def close(self) -> None:
        await self._task.stop()

    async def _run(self) -> None:
        attempts = 0
        while True:
            endpoint = self._endpoint() if self._registered else None
            if not self._queue or endpoint is None or endpoint is self._lost:
                if not self._queue:
                    self.empty.set()
                # No await between the check and clear(): a wakeup cannot be lost.
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            payload = self._queue[0]
            attempts += 1
            sent = await self._send(endpoint, payload, attempts)
            if sent is None:
                attempts = 0  # the connection is gone: all over again after the next registration
                continue
            if sent or attempts >= MAX_ATTEMPTS:
                if self._queue and self._queue[0] is payload:
                    self._queue.popleft()
                attempts = 0

    async def _send(self, endpoint: RpcEndpoint, payload: Any, attempt: int) -> bool | None:
        """True: answered (or refused: dropped); False: no answer; None: connection lost."""
        action = type(payload).__name__
        try:
            await endpoint.request(payload)
        except ConnectionLost:
            self._lost = endpoint
            return None
        except TimeoutError:
            LOGGER.warning("%s: no answer (attempt %d of %d)", action, attempt, MAX_ATTEMPTS)
            return False
        except (CallErrorReceived, InvalidResponse) as error:
            LOGGER.warning("%s dropped: %s", action, error)
        except Exception:  # e.g. refused by the outgoing schema check: never sendable
            LOGGER.exception("%s dropped", action)
        return True
