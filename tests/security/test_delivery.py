from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from everest_py.ocpp16.security import SecurityEvents
from everest_py.ocpp16.security.delivery import (
    ACK_BATCH,
    STORE_FAILURE_BACKOFF,
    DeliveryResult,
    SecurityEventDelivery,
)
from everest_py.ocpp16.security.store import (
    QueuedSecurityEvent,
    SecurityEventStore,
    SecurityStoreError,
)

T0 = datetime(2025, 1, 1, tzinfo=UTC)
WAIT = 10.0  # generous upper bound for awaited conditions; never a sleep

Decide = Callable[[QueuedSecurityEvent, int], DeliveryResult]


class FakeCsms:
    """`send` whose answer per call is decided by a function of (event, nth call for it)."""

    def __init__(self, decide: Decide | None = None) -> None:
        self.decide: Decide = decide or (lambda event, nth: DeliveryResult.DELIVERED)
        self.calls: list[QueuedSecurityEvent] = []
        self.gate: asyncio.Event | None = None  # when set: each send waits for it
        self._changed = asyncio.Condition()

    async def send(self, event: QueuedSecurityEvent) -> DeliveryResult:
        nth = sum(1 for call in self.calls if call.seq == event.seq) + 1
        self.calls.append(event)
        async with self._changed:
            self._changed.notify_all()
        if self.gate is not None:
            await self.gate.wait()
        return self.decide(event, nth)

    async def wait_calls(self, count: int) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.calls) >= count), WAIT)

    def infos(self) -> list[str | None]:
        return [call.tech_info for call in self.calls]


class FakeSleep:
    """Records each requested delay; returns at once, or waits for `release` when gated."""

    def __init__(self, gated: bool = False) -> None:
        self.delays: list[float] = []
        self.release = asyncio.Event()
        if not gated:
            self.release.set()
        self.entered = asyncio.Event()

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        self.entered.set()
        await self.release.wait()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SecurityEventStore]:
    with SecurityEventStore(tmp_path / "events.sqlite") as opened:
        yield opened


class Harness:
    def __init__(
        self,
        store: SecurityEventStore,
        csms: FakeCsms,
        sleep: FakeSleep,
        attempts: int = 3,
        interval: float = 10.0,
        batch_size: int = 200,
    ) -> None:
        self.store = store
        self.csms = csms
        self.sleep = sleep
        self.settings = {"attempts": attempts, "interval": interval}
        self.delivery = SecurityEventDelivery(
            store,
            csms.send,
            attempts=lambda: int(self.settings["attempts"]),
            retry_interval=lambda: float(self.settings["interval"]),
            batch_size=batch_size,
            sleep=sleep,
        )
        self.task: asyncio.Task[None] | None = None

    def enqueue(self, *infos: str) -> list[QueuedSecurityEvent]:
        events = [
            self.store.enqueue("StartupOfTheDevice", info, T0 + timedelta(seconds=n))
            for n, info in enumerate(infos)
        ]
        self.delivery.notify()
        return events

    def start(self) -> None:
        self.task = asyncio.create_task(self.delivery.run())

    async def quiescent(self) -> None:
        """Wait until run() found nothing it may do (offline, or the queue is empty)."""
        await asyncio.wait_for(self.delivery.idle.wait(), WAIT)

    async def close(self) -> None:
        await self.delivery.stop()
        if self.task is not None:
            await asyncio.wait_for(self.task, WAIT)


@pytest.fixture
async def make(store: SecurityEventStore) -> AsyncIterator[Callable[..., Harness]]:
    harnesses: list[Harness] = []

    def factory(
        csms: FakeCsms | None = None, sleep: FakeSleep | None = None, **kw: float
    ) -> Harness:
        harness = Harness(store, csms or FakeCsms(), sleep or FakeSleep(), **kw)  # type: ignore[arg-type]
        harnesses.append(harness)
        return harness

    yield factory
    for harness in harnesses:
        await harness.close()


async def test_nothing_is_sent_before_boot_is_accepted(make: Callable[..., Harness]) -> None:
    h = make()
    h.enqueue("a", "b")
    h.start()
    await h.quiescent()
    h.delivery.online(False)  # connected but BootNotification not (yet) Accepted
    await h.quiescent()
    assert h.csms.calls == []
    assert len(h.store) == 2


async def test_delivers_in_order_once_online(make: Callable[..., Harness]) -> None:
    h = make(batch_size=2)  # several batches
    queued = h.enqueue("a", "b", "c", "d", "e")
    h.start()
    h.delivery.online(True)
    await h.csms.wait_calls(5)
    await h.quiescent()
    assert h.csms.calls == queued
    assert len(h.store) == 0
    assert h.delivery.delivered == 5


async def test_events_enqueued_while_online_go_out(make: Callable[..., Harness]) -> None:
    h = make()
    h.start()
    h.delivery.online(True)
    await h.quiescent()
    h.enqueue("late")
    await h.csms.wait_calls(1)
    assert h.csms.infos() == ["late"]


async def test_connection_lost_keeps_event_and_resends_same_message_id(
    make: Callable[..., Harness],
) -> None:
    def decide(event: QueuedSecurityEvent, nth: int) -> DeliveryResult:
        lost = event.tech_info == "b" and nth == 1
        return DeliveryResult.CONNECTION_LOST if lost else DeliveryResult.DELIVERED

    h = make(FakeCsms(decide))
    a, b, c = h.enqueue("a", "b", "c")
    h.start()
    h.delivery.online(True)
    await h.csms.wait_calls(2)
    await h.quiescent()
    assert len(h.store) == 2  # b and c kept
    assert not h.delivery.is_online  # waits for the next accepted boot
    h.delivery.online(True)
    await h.csms.wait_calls(4)
    assert h.csms.infos() == ["a", "b", "b", "c"]
    assert h.csms.calls[1].message_id == h.csms.calls[2].message_id == b.message_id
    assert [call.message_id for call in h.csms.calls] == [
        a.message_id,
        b.message_id,
        b.message_id,
        c.message_id,
    ]


async def test_call_error_retries_with_backoff_then_drops_with_log(
    make: Callable[..., Harness], caplog: pytest.LogCaptureFixture
) -> None:
    def decide(event: QueuedSecurityEvent, nth: int) -> DeliveryResult:
        failing = event.tech_info == "bad"
        return DeliveryResult.CALL_ERROR if failing else DeliveryResult.DELIVERED

    h = make(FakeCsms(decide), attempts=3, interval=7.5)
    bad, _good = h.enqueue("bad", "good")
    h.start()
    h.delivery.online(True)
    with caplog.at_level(logging.ERROR, logger="everest_py.ocpp16.security.delivery"):
        await h.csms.wait_calls(4)
        await h.quiescent()
    assert h.csms.infos() == ["bad", "bad", "bad", "good"]
    assert {call.message_id for call in h.csms.calls[:3]} == {bad.message_id}
    assert h.sleep.delays == [7.5, 15.0]  # interval × attempt number, none after the last
    assert len(h.store) == 0
    assert h.delivery.dropped == 1
    assert any(
        "dropped" in r.message and bad.message_id in r.message and "3 time(s)" in r.message
        for r in caplog.records
    )


async def test_call_error_then_success_is_delivered(make: Callable[..., Harness]) -> None:
    def decide(event: QueuedSecurityEvent, nth: int) -> DeliveryResult:
        return DeliveryResult.CALL_ERROR if nth == 1 else DeliveryResult.DELIVERED

    h = make(FakeCsms(decide), attempts=5, interval=2.0)
    h.enqueue("a")
    h.start()
    h.delivery.online(True)
    await h.csms.wait_calls(2)
    await h.quiescent()
    assert h.sleep.delays == [2.0]
    assert (h.delivery.delivered, h.delivery.dropped) == (1, 0)


async def test_attempts_are_read_live_and_at_least_one(make: Callable[..., Harness]) -> None:
    h = make(FakeCsms(lambda event, nth: DeliveryResult.CALL_ERROR), attempts=0)
    h.enqueue("a", "b")
    h.start()
    h.delivery.online(True)
    await h.csms.wait_calls(2)
    await h.quiescent()
    assert h.csms.infos() == ["a", "b"]  # TransactionMessageAttempts 0 still sends once
    assert h.sleep.delays == []


async def test_not_implemented_drops_event_and_backs_off_without_tight_loop(
    make: Callable[..., Harness],
) -> None:
    sleep = FakeSleep(gated=True)
    h = make(FakeCsms(lambda event, nth: DeliveryResult.NOT_IMPLEMENTED), sleep=sleep, interval=3)
    h.enqueue("a", "b", "c")
    h.start()
    h.delivery.online(True)
    await asyncio.wait_for(sleep.entered.wait(), WAIT)
    # While backing off, more events and wake-ups must not trigger sends.
    h.enqueue("d")
    h.delivery.online(True)
    for _ in range(100):
        await asyncio.sleep(0)  # give a runaway loop every chance to show itself
    assert h.csms.infos() == ["a"]
    assert len(h.store) == 3  # "a" dropped as permanently rejected
    sleep.release.set()
    await h.csms.wait_calls(4)
    await h.quiescent()
    assert h.csms.infos() == ["a", "b", "c", "d"]  # each once: no retries of a rejection
    assert sleep.delays == [3.0, 6.0, 12.0, 24.0]  # doubling per consecutive NotImplemented
    assert h.delivery.dropped == 4


async def test_not_implemented_backoff_has_a_floor(make: Callable[..., Harness]) -> None:
    h = make(FakeCsms(lambda event, nth: DeliveryResult.NOT_IMPLEMENTED), interval=0)
    h.enqueue("a")
    h.start()
    h.delivery.online(True)
    await h.csms.wait_calls(1)
    await h.quiescent()
    assert h.sleep.delays == [1.0]


async def test_drop_queue_discards_queued_events(make: Callable[..., Harness]) -> None:
    h = make()
    h.enqueue("a", "b")
    h.start()
    assert h.delivery.drop_queue() == 2
    h.delivery.online(True)
    await h.quiescent()
    assert h.csms.calls == []


async def test_drop_queue_during_a_send_sends_nothing_more(make: Callable[..., Harness]) -> None:
    csms = FakeCsms(lambda event, nth: DeliveryResult.CALL_ERROR)
    csms.gate = asyncio.Event()
    h = make(csms)
    h.enqueue("a", "b")
    h.start()
    h.delivery.online(True)
    await csms.wait_calls(1)
    h.delivery.drop_queue()
    csms.gate.set()
    await h.quiescent()
    assert csms.infos() == ["a"]
    assert h.sleep.delays == []  # no retry of a dropped event


async def test_send_that_raises_is_retried_not_fatal(make: Callable[..., Harness]) -> None:
    def decide(event: QueuedSecurityEvent, nth: int) -> DeliveryResult:
        if nth == 1:
            raise RuntimeError("session bug")
        return DeliveryResult.DELIVERED

    h = make(FakeCsms(decide))
    h.enqueue("a")
    h.start()
    h.delivery.online(True)
    await h.csms.wait_calls(2)
    await h.quiescent()
    assert len(h.store) == 0
    assert h.task is not None and not h.task.done()


async def test_stop_keeps_the_in_flight_event(make: Callable[..., Harness]) -> None:
    csms = FakeCsms()
    csms.gate = asyncio.Event()  # never answers
    h = make(csms)
    (event,) = h.enqueue("a")
    h.start()
    h.delivery.online(True)
    await csms.wait_calls(1)
    await h.delivery.stop()
    assert h.task is not None
    await asyncio.wait_for(h.task, WAIT)  # run() returned normally
    assert h.store.oldest(1) == [event]


async def test_queue_survives_restart_and_is_delivered_in_order(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite"
    with SecurityEventStore(path) as first:
        queued = [first.enqueue("ResetOrReboot", str(n), T0) for n in range(20)]
    with SecurityEventStore(path) as second:
        h = Harness(second, FakeCsms(), FakeSleep())
        h.start()
        h.delivery.online(True)
        await h.csms.wait_calls(20)
        await h.quiescent()
        await h.close()
        assert h.csms.calls == queued


async def test_run_twice_is_refused(make: Callable[..., Harness]) -> None:
    h = make()
    h.start()
    await h.quiescent()
    with pytest.raises(RuntimeError, match="already running"):
        await h.delivery.run()


@pytest.mark.parametrize("method", ["oldest", "count_attempt", "submit_remove"])
async def test_a_failing_store_is_logged_and_delivery_goes_on(
    make: Callable[..., Harness],
    store: SecurityEventStore,
    method: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    original = getattr(store, method)
    failures: list[str] = []

    def fails_once(*args: object) -> object:
        if not failures:
            failures.append(method)
            raise SecurityStoreError(store.path, "database error: disk I/O error")
        return original(*args)

    monkeypatch.setattr(store, method, fails_once)
    # A CALLERROR first, so count_attempt runs too.
    first_fails = FakeCsms(
        lambda event, nth: DeliveryResult.CALL_ERROR if nth == 1 else DeliveryResult.DELIVERED
    )
    h = make(csms=first_fails)
    h.enqueue("a")
    h.start()
    h.delivery.online(True)
    await h.quiescent()
    assert failures == [method]
    assert len(store) == 0 and h.delivery.delivered == 1
    assert {call.tech_info for call in first_fails.calls} == {"a"}
    assert STORE_FAILURE_BACKOFF in h.sleep.delays
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert any("disk I/O error" in (r.exc_text or "") for r in errors)


async def test_an_unexpected_end_of_delivery_is_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    events = SecurityEvents(
        tmp_path,
        send=_never_connected,
        attempts=lambda: 3,
        retry_interval=lambda: 1.0,
        publish=lambda recorded: None,
        clock=lambda: T0,
    )

    async def broken_run() -> None:
        raise RuntimeError("a bug in the delivery loop")

    monkeypatch.setattr(events._delivery, "run", broken_run)
    events.start()
    assert events._task is not None
    await asyncio.wait({events._task}, timeout=WAIT)
    await events.close()
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "security event delivery ended" in record.getMessage()
    assert "a bug in the delivery loop" in record.getMessage()


async def test_answered_events_leave_the_store_in_batches_and_on_stop(
    store: SecurityEventStore,
) -> None:
    total = 2 * ACK_BATCH + 5
    held_back = str(2 * ACK_BATCH + 1)  # the CSMS never answers this one
    reached = asyncio.Event()

    async def send(event: QueuedSecurityEvent) -> DeliveryResult:
        if event.tech_info == held_back:
            reached.set()
            await asyncio.Event().wait()
        return DeliveryResult.DELIVERED

    for n in range(total):
        store.enqueue("StartupOfTheDevice", str(n), T0)
    delivery = SecurityEventDelivery(store, send, attempts=lambda: 3, retry_interval=lambda: 1.0)
    task = asyncio.create_task(delivery.run())
    delivery.online(True)
    await asyncio.wait_for(reached.wait(), WAIT)
    answered = 2 * ACK_BATCH + 1
    # On disk (another connection): the first batch is gone for sure (one removal is written at
    # a time), the second perhaps not yet, so a process killed now would send at most
    # 2 × ACK_BATCH answered events again.
    with SecurityEventStore(store.path) as on_disk:
        assert total - 2 * ACK_BATCH <= len(on_disk) <= total - ACK_BATCH
    await delivery.stop()
    await asyncio.wait_for(task, WAIT)
    with SecurityEventStore(store.path) as on_disk:
        remaining = [event.tech_info for event in on_disk.oldest(total)]
    assert remaining == [str(n) for n in range(answered, total)]  # the unanswered one stays


async def _never_connected(event: QueuedSecurityEvent) -> DeliveryResult:
    return DeliveryResult.CONNECTION_LOST


async def test_a_timeout_is_not_an_answer_the_event_is_resent_with_backoff_never_dropped(
    make: Callable[..., Harness],
) -> None:
    # The first event goes unanswered ten times, far beyond TransactionMessageAttempts (3).
    def decide(event: QueuedSecurityEvent, nth: int) -> DeliveryResult:
        silent = event.tech_info == "a" and nth <= 10
        return DeliveryResult.NO_ANSWER if silent else DeliveryResult.DELIVERED

    h = make(FakeCsms(decide), attempts=3, interval=10.0)
    a, b = h.enqueue("a", "b")
    h.start()
    h.delivery.online(True)
    await h.csms.wait_calls(12)
    await h.quiescent()
    assert h.csms.calls == [a] * 11 + [b]  # resent in place, the later event waits behind
    assert h.delivery.dropped == 0 and h.delivery.delivered == 2
    assert len(h.store) == 0
    # Growing pauses, bounded.
    assert h.sleep.delays[:4] == [10.0, 20.0, 40.0, 80.0]
    assert max(h.sleep.delays) <= 3600.0
    assert h.sleep.delays == sorted(h.sleep.delays)


async def test_a_pause_after_a_timeout_ends_when_the_csms_accepts_a_new_connection(
    make: Callable[..., Harness],
) -> None:
    def decide(event: QueuedSecurityEvent, nth: int) -> DeliveryResult:
        return DeliveryResult.NO_ANSWER if nth == 1 else DeliveryResult.DELIVERED

    sleep = FakeSleep(gated=True)  # the pause would never end by itself
    h = make(FakeCsms(decide), sleep, interval=3600.0)
    (a,) = h.enqueue("a")
    h.start()
    h.delivery.online(True)
    await asyncio.wait_for(sleep.entered.wait(), WAIT)
    h.delivery.online(False)  # the silent connection dies ...
    h.delivery.online(True)  # ... and the next one is accepted
    await h.csms.wait_calls(2)
    await h.quiescent()
    assert h.csms.calls == [a, a] and len(h.store) == 0
