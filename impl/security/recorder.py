"""One call for "a security event happened": queue it if critical, log it, publish it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import NamedTuple

from .delivery import SecurityEventDelivery
from .events import SecurityEventType, is_critical, wire_event_type
from .log import SecurityLog, SecurityLogEntry, SecurityLogError
from .store import QueuedSecurityEvent, SecurityEventStore

logger = logging.getLogger(__name__)
Stored = concurrent.futures.Future[list[QueuedSecurityEvent]]


class RecordedSecurityEvent(NamedTuple):
    type: str  # whitepaper (wire) name
    tech_info: str | None
    timestamp: datetime
    critical: bool
    queued: QueuedSecurityEvent | None  # None: not critical, or OCPP stopped
    # Resolves once `queued` is on disk (delivery may send it before); None when not queued.
    stored: Stored | None = None


class SecurityEventRecorder:
    def __init__(
        self,
        store: SecurityEventStore,
        log: SecurityLog,
        delivery: SecurityEventDelivery,
        publish: Callable[[RecordedSecurityEvent], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._log = log
        self._delivery = delivery
        self._publish = publish
        self._clock = clock
        self._suspended = False

    def record(
        self,
        type: str,
        tech_info: str | None = None,
        *,
        critical: bool | None = None,
        timestamp: datetime | None = None,
    ) -> RecordedSecurityEvent:
        """Queue (critical events), log and publish one event, without waiting for the disk:
        the store's writer thread makes the event durable, in call order (`stored` resolves
        then), while delivery may already send it (sending acknowledges nothing; see
        delivery.py). Outside an event loop this waits for the disk first. On a loop, the
        writer thread gets the event, and the log line and the publication happen, after the
        callbacks already scheduled (delivery's first send among them), in call order.

        Bad arguments raise at once; a store failure is logged at ERROR (and raised by
        `stored` / the store's `flushed()`); log and publish failures are logged and do not
        stop the event from being queued.
        """
        event_type = wire_event_type(type)
        stamp = timestamp if timestamp is not None else self._clock()
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        critical_now = is_critical(event_type, critical)
        loop = _running_loop()
        queued = stored = None
        if critical_now and not self._suspended:
            queued, stored = self._queue(event_type, tech_info, stamp, loop)
        recorded = RecordedSecurityEvent(event_type, tech_info, stamp, critical_now, queued, stored)
        entry = SecurityLogEntry(event_type, tech_info, stamp, critical_now)
        if loop is None:
            self._log_now(entry)
            self._published(recorded)
        else:
            self._log.write_later(entry)
            # One callback for all the first send does not need, after delivery's step (the
            # send) and in call order: every callback that step waits behind delays the send.
            loop.call_soon(self._after_send, recorded)
        return recorded

    def _queue(
        self,
        event_type: str,
        tech_info: str | None,
        stamp: datetime,
        loop: asyncio.AbstractEventLoop | None,
    ) -> tuple[QueuedSecurityEvent, Stored]:
        """Give the event to the store and to delivery. On a loop the writer thread gets it only
        in `_after_send`: delivery's first send, in the step woken by `offer`, does not compete
        with it for the interpreter. Without a loop, wait for the disk, as it always did."""
        event, stored = self._store.submit(event_type, tech_info, stamp, hold=loop is not None)
        if loop is None:
            stored.add_done_callback(partial(_report_failure, event_type))
            stored.result()  # A synchronous caller: wait here (a failure raises).
        self._delivery.offer((event,), stored)
        return event, stored

    def _after_send(self, recorded: RecordedSecurityEvent) -> None:
        """On the loop, after the step that woke delivery: the writer thread gets the event (a
        failure to store it is reported from there), the log line is written, then the event
        is published."""
        if recorded.stored is not None:
            recorded.stored.add_done_callback(partial(_report_failure, recorded.type))
            self._store.release()
        self._log.write_pending()
        self._published(recorded)

    def _log_now(self, entry: SecurityLogEntry) -> None:
        try:
            self._log.write(entry)
        except SecurityLogError as exc:
            logger.error("security event %s not written to the security log: %s", entry.type, exc)

    def _published(self, recorded: RecordedSecurityEvent) -> None:
        if self._publish is None:
            return
        try:
            self._publish(recorded)
        except Exception:
            logger.exception("publishing security event %s failed", recorded.type)

    def stop_communication(self) -> int:
        """The `stop` command: drop the queue; events until `restart` are only logged."""
        self._suspended = True
        return self._delivery.drop_queue()

    def restart_communication(self) -> None:
        """The `restart` command: critical events are queued again."""
        self._suspended = False

    def clear_log(self) -> RecordedSecurityEvent:
        self._log.clear()
        return self.record(SecurityEventType.SECURITY_LOG_WAS_CLEARED.value)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _report_failure(event_type: str, stored: Stored) -> None:
    """Runs once the event's batch is done: on the writer thread, or at once when it was done
    before the callback was added."""
    error = None if stored.cancelled() else stored.exception()
    if error is not None:
        logger.error(
            "security event %s NOT stored (not sent again; the CSMS may have it once): %s",
            event_type,
            error,
        )
