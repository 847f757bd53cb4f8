"""Security events as one service: record → security log, publish, and (critical ones) a durable
queue delivered to the CSMS once it has accepted the charge point. How an event goes on the wire
is the OCPP layer's business: it hands in `send` (see ocpp/security_notification.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .delivery import SecurityEventDelivery, Send
from .log import SecurityLog
from .recorder import RecordedSecurityEvent, SecurityEventRecorder
from .store import SecurityEventStore

LOGGER = logging.getLogger(__name__)


class SecurityEvents:
    """Durable security events: record → log, publish, and (critical ones) deliver as
    SecurityEventNotification once the CSMS has accepted the charge point."""

    def __init__(
        self,
        data_dir: Path,
        send: Send,
        attempts: Callable[[], int],
        retry_interval: Callable[[], float],
        publish: Callable[[RecordedSecurityEvent], None],
        clock: Callable[[], datetime],
    ) -> None:
        self._store = SecurityEventStore(data_dir / "security-events.sqlite")
        self._delivery = SecurityEventDelivery(
            self._store, send, attempts=attempts, retry_interval=retry_interval
        )
        self._log = SecurityLog(data_dir / "security-log")
        self._recorder = SecurityEventRecorder(
            self._store, self._log, self._delivery, publish, clock
        )
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(
            self._delivery.run(), name="security-event-delivery"
        )
        self._task.add_done_callback(self._delivery_ended)

    async def close(self) -> None:
        self._closing = True
        await self._delivery.stop()
        # Writes what is still queued (one batch): waited for off the loop.
        await asyncio.get_running_loop().run_in_executor(None, self._store.close)
        self._log.close()

    def _delivery_ended(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return  # The event loop is shutting down.
        error = task.exception()
        if error is not None:
            LOGGER.error(
                "security event delivery ended: %r; queued events wait for the next start",
                error,
                exc_info=error,
            )
        elif not self._closing:
            LOGGER.error(
                "security event delivery ended unexpectedly; queued events wait for the next start"
            )

    def record(
        self, event_type: str, tech_info: str | None, critical: bool | None = None
    ) -> RecordedSecurityEvent:
        return self._recorder.record(event_type, tech_info, critical=critical)

    def online(self, accepted: bool) -> None:
        self._delivery.online(accepted)

    def stop_communication(self) -> None:
        self._delivery.online(False)
        self._recorder.stop_communication()

    def restart_communication(self) -> None:
        self._recorder.restart_communication()

    async def durable(self) -> None:
        """Until every event recorded so far is on disk (raises a store failure)."""
        await self._store.flushed()

    @property
    def queued(self) -> int:
        return len(self._store)

    async def wait_idle(self) -> None:
        """Until delivery waits for work: offline, or every queued event answered and removed."""
        await self._delivery.idle.wait()
