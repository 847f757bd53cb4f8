"""The task that delivers queued security events to the Central System.

Contract: events go out oldest first, one at a time, at least once (a retry reuses the event's
message id), and only while `online(True)` holds — i.e. after BootNotification was Accepted on
the current connection. An event leaves the store only when the CSMS answered it (CALLRESULT),
when its CALLERROR retries are used up, when the CSMS answered NotImplemented, or on
`drop_queue()`. A lost connection never drops anything, and neither does a missing answer (a
timeout is not an answer): the same event is sent again after a growing pause, later events
wait behind it.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable
from typing import Final

from .store import QueuedSecurityEvent, SecurityEventStore

logger = logging.getLogger(__name__)

# Upper bound for the pause after NotImplemented answers (doubling per consecutive answer).
NOT_IMPLEMENTED_MAX_BACKOFF: Final = 3600.0
# Lower bound for that pause, so a zero TransactionMessageRetryInterval cannot make a tight loop.
NOT_IMPLEMENTED_MIN_BACKOFF: Final = 1.0
# Upper bound for the pause after unanswered attempts (TransactionMessageRetryInterval doubling
# per consecutive timeout of the same event).
NO_ANSWER_MAX_BACKOFF: Final = 3600.0
# Pause after the store failed (disk full, I/O error) before delivery tries again.
STORE_FAILURE_BACKOFF: Final = 5.0
# Delivered events are removed from the store this many at a time (and whenever delivery pauses):
# one SQLite transaction per answered event was about a fifth of the delivery time. A process
# killed in between sends at most this many answered events once more, with their message ids.
ACK_BATCH: Final = 32


class DeliveryResult(enum.Enum):
    DELIVERED = "delivered"  # CALLRESULT received
    CALL_ERROR = "call_error"  # CALLERROR (other than NotImplemented) or no valid answer
    NOT_IMPLEMENTED = "not_implemented"  # CALLERROR NotImplemented: the CSMS lacks the action
    CONNECTION_LOST = "connection_lost"  # no answer because the connection went away
    NO_ANSWER = "no_answer"  # no answer within the response timeout: sent again, never dropped


Send = Callable[[QueuedSecurityEvent], Awaitable[DeliveryResult]]
Sleep = Callable[[float], Awaitable[None]]


class SecurityEventDelivery:
    def __init__(
        self,
        store: SecurityEventStore,
        send: Send,
        *,
        attempts: Callable[[], int],
        retry_interval: Callable[[], float],
        batch_size: int = 200,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """`attempts`/`retry_interval` read TransactionMessageAttempts/RetryInterval live."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self._store = store
        self._send = send
        self._attempts = attempts
        self._retry_interval = retry_interval
        self._batch_size = batch_size
        self._sleep = sleep
        self._online = False
        self._wakeup = asyncio.Event()
        # Set by every online(True): ends a pause after unanswered attempts, since a timeout
        # usually means a dead connection and a new one deserves an attempt at once.
        self._accepted_again = asyncio.Event()
        self._generation = 0  # bumped by drop_queue(): in-flight work of an older one is void
        self._not_implemented_streak = 0
        self._task: asyncio.Task[None] | None = None
        self._answered: list[int] = []  # seqs delivered, not yet removed from the store
        # Set while run() waits for work (offline or empty queue): lets callers observe quiescence.
        self.idle = asyncio.Event()
        self._stopping = False
        self.delivered = 0
        self.dropped = 0

    # -- called by the session ----------------------------------------------------------------

    def online(self, accepted: bool) -> None:
        """True after BootNotification.conf Accepted on a live connection; False when it closes."""
        self._online = bool(accepted)
        if self._online:
            self._accepted_again.set()
        self.idle.clear()
        self._wakeup.set()

    @property
    def is_online(self) -> bool:
        return self._online

    def notify(self) -> None:
        """An event is in the store, on disk (call from the event loop's thread)."""
        self.idle.clear()
        self._wakeup.set()

    def drop_queue(self) -> int:
        """The `stop` command: forget everything queued, including an event being sent."""
        self._generation += 1
        self._answered.clear()
        dropped = self._store.clear()
        if dropped:
            logger.warning("security event queue dropped by stop: %d event(s) discarded", dropped)
        return dropped

    async def run(self) -> None:
        """The delivery loop; returns after `stop()`."""
        if self._task is not None:
            raise RuntimeError("SecurityEventDelivery.run() is already running")
        self._task = asyncio.current_task()
        try:
            while True:
                try:
                    # Before the queue is read or looks empty, answered events leave it.
                    await self._remove_answered()
                    await self._wait_until_deliverable()
                    for event in self._store.oldest(self._batch_size):
                        if not await self._deliver(event):
                            break
                except Exception:
                    # The store failed: nothing is lost (an event leaves it only by ack), so
                    # wait and try again rather than end delivery.
                    logger.exception(
                        "security event delivery failed; trying again in %.0f s",
                        STORE_FAILURE_BACKOFF,
                    )
                    await self._sleep(STORE_FAILURE_BACKOFF)
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if self._stopping and task is not None:
                task.uncancel()
                return
            raise
        finally:
            self._task = None
            if self._answered:
                # Queued, not awaited (the task ends): the store writes it before it closes.
                # Lost to a crash, they are sent once more after the next start.
                self._store.submit_remove(self._answered)
                self._answered = []

    async def stop(self) -> None:
        """End `run()`. An event being sent stays queued and is sent again after a restart."""
        task = self._task
        if task is None or task.done():
            return
        self._stopping = True
        try:
            task.cancel()
            await asyncio.wait({task})
        finally:
            self._stopping = False

    # -- internals ----------------------------------------------------------------------------

    async def _wait_until_deliverable(self) -> None:
        while not (self._online and len(self._store) > 0):
            self._wakeup.clear()
            self.idle.set()
            try:
                await self._wakeup.wait()
            finally:
                self.idle.clear()

    async def _deliver(self, event: QueuedSecurityEvent) -> bool:
        """Send one event until it leaves the queue. False: stop the batch (offline/dropped)."""
        generation = self._generation
        unanswered = 0  # consecutive timeouts of this event
        while True:
            if not self._online or generation != self._generation:
                return False
            result = await self._send_guarded(event)
            if generation != self._generation:
                return False  # drop_queue() ran while the CSMS was answering
            if result is DeliveryResult.DELIVERED:
                self._not_implemented_streak = 0
                self._answered.append(event.seq)
                self.delivered += 1
                if len(self._answered) >= ACK_BATCH:
                    await self._remove_answered()
                return True
            if result is DeliveryResult.CONNECTION_LOST:
                # Keep the event; wait for the next accepted boot on a new connection.
                self._online = False
                return False
            if result is DeliveryResult.NOT_IMPLEMENTED:
                await self._drop_not_implemented(event)
                return True
            if result is DeliveryResult.NO_ANSWER:
                unanswered += 1
                await self._wait_after_no_answer(event, unanswered)
                continue
            if not await self._retry_after_call_error(event):
                return True

    async def _remove_answered(self) -> None:
        if self._answered:
            await self._store.remove(list(self._answered))
            self._answered.clear()  # Only once removed: a failed attempt is tried again.

    async def _send_guarded(self, event: QueuedSecurityEvent) -> DeliveryResult:
        try:
            result = await self._send(event)
        except asyncio.CancelledError:
            raise
        except Exception:
            # A bug or an unexpected answer must not end delivery: count it as a CALLERROR.
            logger.exception(
                "sending security event %s (seq %d, message id %s) raised",
                event.type,
                event.seq,
                event.message_id,
            )
            return DeliveryResult.CALL_ERROR
        if not isinstance(result, DeliveryResult):
            logger.error("send returned %r, not a DeliveryResult: treating as CALLERROR", result)
            return DeliveryResult.CALL_ERROR
        return result

    async def _retry_after_call_error(self, event: QueuedSecurityEvent) -> bool:
        """Back off before the next try; False when the event has used up its attempts."""
        failed = await self._store.count_attempt(event.seq)
        allowed = max(1, _int_setting(self._attempts, "TransactionMessageAttempts", 3))
        if failed >= allowed:
            await self._store.remove((event.seq,))
            self.dropped += 1
            logger.error(
                "security event %s (seq %d, message id %s) dropped: CSMS answered CALLERROR "
                "%d time(s), TransactionMessageAttempts is %d",
                event.type,
                event.seq,
                event.message_id,
                failed,
                allowed,
            )
            return False
        interval = max(0.0, _float_setting(self._retry_interval, "TransactionMessageRetryInterval"))
        delay = interval * failed
        logger.warning(
            "security event %s (seq %d) got CALLERROR (attempt %d of %d), retrying in %.1f s",
            event.type,
            event.seq,
            failed,
            allowed,
            delay,
        )
        await self._sleep(delay)
        return True

    async def _wait_after_no_answer(self, event: QueuedSecurityEvent, unanswered: int) -> None:
        """Back off before sending the event again; its attempts are not counted (only an
        answer counts), so it is never dropped for a CSMS that is slow or silent."""
        base = max(
            NOT_IMPLEMENTED_MIN_BACKOFF,
            _float_setting(self._retry_interval, "TransactionMessageRetryInterval"),
        )
        delay = min(NO_ANSWER_MAX_BACKOFF, base * 2 ** min(unanswered - 1, 32))
        logger.warning(
            "security event %s (seq %d, message id %s) got no answer (%d time(s) in a row); "
            "sending it again in %.1f s, later events wait",
            event.type,
            event.seq,
            event.message_id,
            unanswered,
            delay,
        )
        self._accepted_again.clear()
        pause = asyncio.ensure_future(self._sleep(delay))
        accepted = asyncio.ensure_future(self._accepted_again.wait())
        try:
            await asyncio.wait({pause, accepted}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in (pause, accepted):
                waiting.cancel()

    async def _drop_not_implemented(self, event: QueuedSecurityEvent) -> None:
        await self._store.remove((event.seq,))
        self.dropped += 1
        self._not_implemented_streak += 1
        base = max(
            NOT_IMPLEMENTED_MIN_BACKOFF,
            _float_setting(self._retry_interval, "TransactionMessageRetryInterval"),
        )
        delay = min(NOT_IMPLEMENTED_MAX_BACKOFF, base * 2 ** (self._not_implemented_streak - 1))
        logger.error(
            "security event %s (seq %d, message id %s) dropped: CSMS answered NotImplemented "
            "for SecurityEventNotification; next security event in %.0f s",
            event.type,
            event.seq,
            event.message_id,
            delay,
        )
        await self._sleep(delay)


def _int_setting(read: Callable[[], int], name: str, default: int) -> int:
    try:
        return int(read())
    except (TypeError, ValueError):
        logger.error("%s is not an integer: using %d", name, default)
        return default


def _float_setting(read: Callable[[], float], name: str) -> float:
    try:
        value = float(read())
    except (TypeError, ValueError):
        logger.error("%s is not a number: using 0", name)
        return 0.0
    return value if value == value else 0.0  # NaN → 0
