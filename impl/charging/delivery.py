"""The transaction message queue: StartTransaction, StopTransaction and transaction MeterValues
go to disk first (store.py, in a worker thread, one write at a time so the order holds) and
then to the CSMS, oldest first, one at a time, while the charge point is registered.

A message leaves the queue when the CSMS answered it, or when `TransactionMessageAttempts`
CALLERRORs were answered (`TransactionMessageRetryInterval` x attempts between them). No
answer within the response timeout is not an answer: the same message (same message id) goes
again after a growing pause, never counted, never dropped. A lost connection keeps everything.

Bound: at most MAX_QUEUED_METER_VALUES MeterValues wait; beyond that new ones are not queued
(logged). StartTransaction and StopTransaction are always queued: they are what a CSMS bills.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Final

from ocpp.v16 import call

from ..background import BackgroundTask
from ..ocpp import (
    CallErrorReceived,
    ConnectionLost,
    InvalidResponse,
    RpcEndpoint,
    to_keyword_arguments,
)
from .store import Action, QueuedMessage, TransactionMessageStore

LOGGER = logging.getLogger(__name__)
MAX_QUEUED_METER_VALUES: Final = 100_000
NO_ANSWER_MAX_BACKOFF: Final = 300.0  # seconds, the cap of the doubling pause after timeouts
STORE_FAILURE_BACKOFF: Final = 5.0

# Called with the message and the CSMS's answer (a call_result dataclass).
AnswerHook = Callable[[QueuedMessage, Any], Awaitable[None]]


class TransactionMessages:
    def __init__(
        self,
        path: Path,
        endpoint: Callable[[], RpcEndpoint | None],
        *,
        attempts: Callable[[], int],
        retry_interval: Callable[[], float],
        on_answer: AnswerHook,
    ) -> None:
        self.store = TransactionMessageStore(path)
        self._endpoint = endpoint
        self._attempts = attempts
        self._retry_interval = retry_interval
        self._on_answer = on_answer
        # Told (synchronously, as soon as the answer is read) the transactionId the CSMS gave
        # a transaction: CSMS requests naming it may follow right behind the answer.
        self.on_transaction_id: Callable[[int, int], None] = lambda _local, _csms: None
        self._write_lock = asyncio.Lock()  # FIFO: writes reach the disk in call order
        self._online = False
        self._wakeup = asyncio.Event()
        self._task = BackgroundTask(self._run)
        self.idle = asyncio.Event()  # set while nothing can be delivered (empty or offline)
        # Sequence numbers: the newest message put on disk, and the newest whose delivery was
        # attempted (answered, refused, timed out or dropped). `settled` waits for the latter
        # to catch up, so a StatusNotification does not overtake a StartTransaction.
        # What was on disk at start counts as written: a status of this run comes after it.
        self._newest_written = self.store.newest_seq
        self._newest_settled = 0
        self._settled_changed = asyncio.Event()
        self.queued = asyncio.Event()  # set by every message put on disk (observers clear it)

    # -- queueing (each returns once the message is on disk) -------------------------------

    async def start_transaction(self, payload: dict[str, Any]) -> int:
        """Queue a StartTransaction; returns the transaction's local reference."""
        async with self._write_lock:
            message = await _finish_even_if_cancelled(self.store.new_transaction, payload)
        self._written(message)
        return message.local_ref

    async def enqueue(
        self,
        action: Action,
        local_ref: int,
        payload: dict[str, Any],
        meter: tuple[int, str] | None = None,
    ) -> bool:
        """Queue a StopTransaction or MeterValues of `local_ref`; False if over the bound.
        `meter` (Wh, time): the transaction's newest reading, for a stop after a power loss."""
        if action == "MeterValues" and self.store.meter_values >= MAX_QUEUED_METER_VALUES:
            LOGGER.warning("%d MeterValues queued: this one is not", MAX_QUEUED_METER_VALUES)
            return False
        async with self._write_lock:
            message = await _finish_even_if_cancelled(
                self.store.enqueue, action, local_ref, payload, meter
            )
        self._written(message)
        return True

    async def stop_open_transactions(self) -> int:
        """Queue StopTransaction (reason PowerLoss, the last reading queued) for transactions
        the process could not stop (it was killed or lost power): they are not resumed."""
        # Without a file there is nothing to stop: no worker thread (a fleet starts thousands).
        opened = (
            [] if self.store.unwritten else await asyncio.to_thread(self.store.open_transactions)
        )
        for transaction in opened:
            LOGGER.warning(
                "transaction %d was left open: stopped (PowerLoss)", transaction.local_ref
            )
            payload = {
                "meterStop": transaction.meter_wh,
                "timestamp": transaction.meter_time,
                "reason": "PowerLoss",
            }
            await self.enqueue("StopTransaction", transaction.local_ref, payload)
        return len(opened)

    # -- life cycle ---------------------------------------------------------------------------

    def mark(self) -> int:
        """Where the queue is now: `settled_through(mark)` becomes true once every message
        queued so far has been tried."""
        return self._newest_written

    def settled_through(self, mark: int) -> bool:
        """Every message up to `mark` has been tried at least once (answered, refused, timed
        out or dropped), or the charge point is offline (nothing goes out before them then).
        A message that keeps failing counts as tried after its first attempt."""
        return not self._online or self._newest_settled >= mark

    async def settled(self, mark: int | None = None) -> None:
        """Returns once `settled_through(mark)` (default: every message queued before the
        call); at once while offline."""
        target = self._newest_written if mark is None else mark
        while not self.settled_through(target):
            self._settled_changed.clear()
            await self._settled_changed.wait()

    def online(self, registered: bool) -> None:
        self._online = registered
        self.idle.clear()
        self._wakeup.set()
        self._settled_changed.set()

    def start(self) -> None:
        self._task.start()

    async def close(self) -> None:
        await self._task.stop()
        async with self._write_lock:
            self.store.close()

    # -- delivery -----------------------------------------------------------------------------

    def _written(self, message: QueuedMessage) -> None:
        self._newest_written = max(self._newest_written, message.seq)
        self._notify()

    def _settle(self, message: QueuedMessage) -> None:
        self._settle_through(message.seq)

    def _settle_through(self, seq: int) -> None:
        if seq > self._newest_settled:
            self._newest_settled = seq
            self._settled_changed.set()

    def _notify(self) -> None:
        self.queued.set()
        self.idle.clear()
        self._wakeup.set()

    async def _run(self) -> None:
        while True:
            try:
                message = await self._next()
                await self._deliver(message)
            except asyncio.CancelledError:
                raise
            except Exception:
                LOGGER.exception("transaction message delivery failed; again shortly")
                await asyncio.sleep(STORE_FAILURE_BACKOFF)

    async def _next(self) -> QueuedMessage:
        while True:
            written = self._newest_written
            message = await self._oldest() if self._online else None
            if message is not None:
                return message
            if self._online:
                # Nothing left that was on disk before the look: all of it was tried.
                self._settle_through(written)
            self._wakeup.clear()
            self.idle.set()
            await self._wakeup.wait()

    async def _oldest(self) -> QueuedMessage | None:
        if self.store.unwritten:
            return None  # Nothing on disk: every registration of a fleet asks this at once.
        return await asyncio.to_thread(self.store.oldest)

    async def _deliver(self, message: QueuedMessage) -> None:
        unanswered = 0
        while self._online:
            payload = await asyncio.to_thread(self._with_transaction_id, message)
            if payload is None:
                LOGGER.warning(
                    "%s of transaction %d dropped: its StartTransaction was given up",
                    message.action,
                    message.local_ref,
                )
                await asyncio.to_thread(self.store.dropped, message)
                self._settle(message)
                return
            endpoint = self._endpoint()
            if endpoint is None:
                self._online = False
                return
            request = getattr(call, message.action)(**to_keyword_arguments(payload))
            try:
                answer = await endpoint.request(request, unique_id=message.message_id)
            except TimeoutError:
                self._settle(message)
                unanswered += 1  # not an answer: sent again, never counted
                await self._pause(
                    min(self._retry_interval() * 2 ** (unanswered - 1), NO_ANSWER_MAX_BACKOFF)
                )
                continue
            except ConnectionLost:
                self._online = False
                return
            except (CallErrorReceived, InvalidResponse) as error:
                self._settle(message)
                if await self._give_up_after(message, error):
                    return
                message = _with_attempt(message)
                await self._pause(self._retry_interval() * message.attempts)
                continue
            csms_id = _transaction_id(answer) if message.action == "StartTransaction" else None
            if csms_id is not None:
                self.on_transaction_id(message.local_ref, csms_id)  # before any await: see rpc
            await asyncio.to_thread(self.store.answered, message, csms_id)
            await self._answered(message, answer)
            self._settle(message)
            return

    async def _give_up_after(self, message: QueuedMessage, error: Exception) -> bool:
        attempts = await asyncio.to_thread(self.store.record_attempt, message)
        LOGGER.warning("%s answered %s (attempt %d)", message.action, error, attempts)
        if attempts < self._attempts():
            return False
        LOGGER.error("%s dropped after %d attempts", message.action, attempts)
        await asyncio.to_thread(self.store.dropped, message)
        return True

    async def _answered(self, message: QueuedMessage, answer: Any) -> None:
        try:
            await self._on_answer(message, answer)
        except Exception:
            LOGGER.exception("handling the answer to %s failed", message.action)

    async def _pause(self, seconds: float) -> None:
        """Wait `seconds`, or less when the connection is lost meanwhile (checked by caller)."""
        self._wakeup.clear()
        try:
            async with asyncio.timeout(seconds):
                while self._online:
                    await self._wakeup.wait()
                    self._wakeup.clear()
        except TimeoutError:
            pass

    def _with_transaction_id(self, message: QueuedMessage) -> dict[str, Any] | None:
        if message.action == "StartTransaction":
            return message.payload
        ids = self.store.transaction(message.local_ref)
        if ids.abandoned or ids.csms_id is None:
            # Order guarantees the StartTransaction went first: no id means it was given up.
            return None
        return {**message.payload, "transactionId": ids.csms_id}


def _transaction_id(answer: Any) -> int | None:
    value = getattr(answer, "transaction_id", None)
    return int(value) if isinstance(value, int) else None


def _with_attempt(message: QueuedMessage) -> QueuedMessage:
    return QueuedMessage(
        message.seq,
        message.message_id,
        message.action,
        message.local_ref,
        message.payload,
        message.attempts + 1,
    )


async def _finish_even_if_cancelled(
    write: Callable[..., QueuedMessage], *args: Any
) -> QueuedMessage:
    """Run a store write on a worker thread; a cancelled caller (e.g. the sampler a
    TransactionFinished stops) still waits for it, so the write lock is not released while
    the write runs and the next message cannot overtake it on disk."""
    work = asyncio.ensure_future(asyncio.to_thread(write, *args))
    try:
        return await asyncio.shield(work)
    except asyncio.CancelledError:
        await work
        raise
