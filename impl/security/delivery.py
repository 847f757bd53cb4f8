"""The task that delivers queued security events to the Central System.

Contract: events go out oldest first, one at a time, at least once (a retry reuses the event's
message id), and only while `online(True)` holds — i.e. after BootNotification was Accepted on
the current connection. An event leaves the store only when the CSMS answered it (CALLRESULT),
when its CALLERROR retries are used up, when the CSMS answered NotImplemented, or on
`drop_queue()`. A lost connection never drops anything, and neither does a missing answer (a
timeout is not an answer): the same event is sent again after a growing pause, later events
wait behind it.

Where events come from: the recorder hands each new event over in memory (`offer`) as soon as
it is recorded, so its first send does not wait for the disk; it is committed meanwhile on the
store's writer thread. Sending acknowledges nothing to anyone (the `security_event` command
waits for the commit itself), and the event's removal is queued on the same in-order writer
after its insert, so it leaves the store only after both its commit and the CSMS's answer.
Events the hand-off lacks (queued before this process, added to the store directly with
`notify()`, or beyond the hand-off's bound) are read from the store, which shows committed
events only; delivery waits for the commit of such older events before it moves past them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import enum
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Final

from ..storage import written
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
# Delivered events are removed from the store this many at a time (and whenever delivery has
# nothing to send), one removal at a time on the writer thread, not waited for by the next send.
# A process killed in between sends at most 2 × ACK_BATCH answered events once more, with their
# message ids.
ACK_BATCH: Final = 32
# Recorded events waiting in memory for their first send; more than this and the hand-off is
# emptied: delivery reads them back from the store, so memory stays bounded under any backlog.
HANDOFF_LIMIT: Final = 1024

Stored = concurrent.futures.Future[Any]


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
        self._answered: list[int] = []  # seqs delivered, removal not yet queued
        self._removal: tuple[list[int], Stored] | None = None  # the removal being written
        # Everything with a seq up to here was answered or dropped: never sent again.
        self._cursor = 0
        # Recorded events, seq order, with the future of their insert (see `offer`).
        self._handoff: deque[tuple[QueuedSecurityEvent, Stored]] = deque()
        # The hand-off holds every not yet handled event from this seq on; None: unknown (at
        # start, after notify() or an overflow), the store is read first.
        self._complete_from: int | None = None
        # Resolves once every event below `_complete_from` is committed (or failed).
        self._older_stored: Stored | None = None
        # Set while run() waits for work (offline or empty queue): lets callers observe quiescence.
        self.idle = asyncio.Event()
        self._stopping = False
        self.delivered = 0
        self.dropped = 0

    # -- called by the session and the recorder ----------------------------------------------

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

    def offer(self, events: Sequence[QueuedSecurityEvent], stored: Stored) -> None:
        """Events just given to the store (in seq order), perhaps not yet committed: they may be
        sent at once. `stored` resolves with their commit; when it failed they are not sent (or
        not again). Call from the event loop's thread."""
        if len(self._handoff) + len(events) > HANDOFF_LIMIT:
            self._handoff.clear()  # Read back from the store instead: memory stays bounded.
            self._complete_from = None
        elif events:
            if self._complete_from is None:
                # The hand-off starts here and gets every later event. Earlier ones are in the
                # store, committed once these are (one writer, in submission order).
                self._complete_from, self._older_stored = events[0].seq, stored
            self._handoff.extend((event, stored) for event in events)
        self.idle.clear()
        self._wakeup.set()

    def notify(self) -> None:
        """Events were put in the store without `offer` and are committed: read the store
        (call from the event loop's thread)."""
        self._complete_from = None
        self.idle.clear()
        self._wakeup.set()

    def drop_queue(self) -> int:
        """The `stop` command: forget everything queued, including an event being sent."""
        self._generation += 1
        self._answered.clear()
        self._handoff.clear()
        self._complete_from = None
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
                    self._wakeup.clear()  # Whatever arrives from here on wakes the wait below.
                    events = await self._next_events() if self._online else []
                    if not events:
                        await self._wait_for_work()
                    for event in events:
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

    # -- internals: what to send next ---------------------------------------------------------

    async def _next_events(self) -> list[QueuedSecurityEvent]:
        """The next events to send, oldest first; empty when there is none now."""
        while True:
            while self._handoff and self._handoff[0][0].seq <= self._cursor:
                self._handoff.popleft()
            if self._complete_from is not None and self._cursor + 1 >= self._complete_from:
                return self._handoff_head()
            if self._complete_from is None:
                # From now on the hand-off holds every new event; older ones are in the store.
                self._complete_from, self._older_stored = self._store.submitted()
            complete_from, older_stored = self._complete_from, self._older_stored
            settled = older_stored is None or older_stored.done()  # before reading: no race
            older = [
                event
                for event in self._store.oldest(self._batch_size, self._cursor)
                if event.seq < complete_from
            ]
            if older:
                return older
            if older_stored is not None and not settled:
                await _settled(older_stored)  # older events are being committed: then read
                continue
            self._cursor = max(self._cursor, complete_from - 1)

    def _handoff_head(self) -> list[QueuedSecurityEvent]:
        while self._handoff:
            event, stored = self._handoff[0]
            if not stored.done() or stored.cancelled() or stored.exception() is None:
                return [event]
            # Never stored (the recorder logged why): not sent, not acknowledged to anyone.
            self._handoff.popleft()
            self._cursor = max(self._cursor, event.seq)
        return []

    async def _wait_for_work(self) -> None:
        """Nothing to send now: queue the removal of answered events (it does not hold up new
        work), then wait to be woken; `idle` is set while nothing is left to remove either."""
        if self._removal_settled():
            self._start_removal()
        if self._removal is not None:
            await self._wakeup.wait()  # the removal's end wakes us too
            return
        self.idle.set()
        try:
            await self._wakeup.wait()
        finally:
            self.idle.clear()

    # -- internals: removal of answered events ------------------------------------------------

    def _start_removal(self) -> None:
        """Queue the removal of the answered events on the writer thread, after their inserts."""
        if not self._answered or self._removal is not None:
            return
        seqs = list(self._answered)
        future = self._store.submit_remove(seqs)
        self._answered.clear()
        self._removal = (seqs, future)
        loop = asyncio.get_running_loop()
        future.add_done_callback(lambda _: _call_soon(loop, self._wakeup.set))

    def _removal_settled(self) -> bool:
        """True when no removal is being written; a failed one is queued again and raised."""
        if self._removal is None:
            return True
        seqs, future = self._removal
        if not future.done():
            return False
        self._removal = None
        error = None if future.cancelled() else future.exception()
        if error is not None:
            self._answered[:0] = seqs  # Tried again after the back-off.
            raise error
        return True

    async def _one_removal_at_a_time(self) -> None:
        """Wait for the removal being written, so answered events not yet removed stay bounded."""
        if self._removal is not None:
            await _settled(self._removal[1])
        self._removal_settled()
        self._start_removal()

    # -- internals: sending one event ---------------------------------------------------------

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
                self._cursor = max(self._cursor, event.seq)
                self._answered.append(event.seq)
                self.delivered += 1
                if len(self._answered) >= ACK_BATCH:
                    await self._one_removal_at_a_time()
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
            self._cursor = max(self._cursor, event.seq)
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
        self._cursor = max(self._cursor, event.seq)
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


async def _settled(future: Stored) -> None:
    """Until `future` is done, whatever its outcome (a failed write is reported elsewhere)."""
    try:
        await written(future)
    except Exception:
        pass


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    """Run `callback` on `loop` from any thread; nothing when the loop is closed."""
    try:
        loop.call_soon_threadsafe(callback)
    except RuntimeError:
        pass
