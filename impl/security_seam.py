"""The one place the charge point touches `impl.security`: security events (store, log,
delivery) and the connection security of a profile."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ocpp.v16 import call

from .rpc import CallErrorReceived, ConnectionLost, InvalidResponse, OcppRpc
from .security.delivery import DeliveryResult, SecurityEventDelivery
from .security.log import SecurityLog
from .security.profiles import (
    ConnectionFailure,
    ConnectionSecurity,
    SecurityProfileError,
    SecurityProfileSwitch,
    classify_connection_failure,
    connection_security,
)
from .security.recorder import RecordedSecurityEvent, SecurityEventRecorder
from .security.store import QueuedSecurityEvent, SecurityEventStore

LOGGER = logging.getLogger(__name__)

__all__ = [
    "ConnectionFailure",
    "ConnectionSecurity",
    "RecordedSecurityEvent",
    "SecurityEvents",
    "SecurityProfileError",
    "SecurityProfileSwitch",
    "TlsFiles",
    "classify_connection_failure",
    "connection_security",
]


@dataclass(frozen=True)
class TlsFiles:
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None


class SecurityEvents:
    """Durable security events: record → log, publish, and (critical ones) deliver as
    SecurityEventNotification once the CSMS has accepted the charge point."""

    def __init__(
        self,
        data_dir: Path,
        endpoint: Callable[[], OcppRpc | None],
        attempts: Callable[[], int],
        retry_interval: Callable[[], float],
        publish: Callable[[RecordedSecurityEvent], None],
        clock: Callable[[], datetime],
    ) -> None:
        self._endpoint = endpoint
        self._store = SecurityEventStore(data_dir / "security-events.sqlite")
        self._delivery = SecurityEventDelivery(
            self._store, self._send, attempts=attempts, retry_interval=retry_interval
        )
        self._recorder = SecurityEventRecorder(
            self._store, SecurityLog(data_dir / "security-log"), self._delivery, publish, clock
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
        self._store.close()

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

    @property
    def queued(self) -> int:
        return len(self._store)

    async def wait_idle(self) -> None:
        """Until delivery waits for work: offline, or every queued event answered and removed."""
        await self._delivery.idle.wait()

    async def _send(self, event: QueuedSecurityEvent) -> DeliveryResult:
        endpoint = self._endpoint()
        if endpoint is None:
            return DeliveryResult.CONNECTION_LOST
        request = call.SecurityEventNotification(
            type=event.type,
            timestamp=event.timestamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            tech_info=event.tech_info,  # None is stripped before sending
        )
        try:
            await endpoint.request(request, unique_id=event.message_id)
        except CallErrorReceived as error:
            LOGGER.warning("SecurityEventNotification answered %s", error)
            if error.code in ("NotImplemented", "NotSupported"):
                return DeliveryResult.NOT_IMPLEMENTED
            return DeliveryResult.CALL_ERROR
        except (InvalidResponse, TimeoutError) as error:
            LOGGER.warning("SecurityEventNotification: %s", error)
            return DeliveryResult.CALL_ERROR
        except ConnectionLost:
            return DeliveryResult.CONNECTION_LOST
        return DeliveryResult.DELIVERED
