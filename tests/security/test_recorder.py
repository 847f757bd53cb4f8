from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from everest_py.ocpp16.security.delivery import DeliveryResult, SecurityEventDelivery
from everest_py.ocpp16.security.log import SecurityLog
from everest_py.ocpp16.security.recorder import RecordedSecurityEvent, SecurityEventRecorder
from everest_py.ocpp16.security.store import QueuedSecurityEvent, SecurityEventStore

T0 = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


async def _never_called(event: QueuedSecurityEvent) -> DeliveryResult:
    raise AssertionError("delivery is not running in these tests")


class Parts:
    def __init__(self, tmp_path: Path) -> None:
        self.store = SecurityEventStore(tmp_path / "events.sqlite")
        self.log = SecurityLog(tmp_path)
        self.delivery = SecurityEventDelivery(
            self.store, _never_called, attempts=lambda: 3, retry_interval=lambda: 1.0
        )
        self.published: list[RecordedSecurityEvent] = []
        self.recorder = SecurityEventRecorder(
            self.store, self.log, self.delivery, self.published.append, clock=lambda: T0
        )


@pytest.fixture
def parts(tmp_path: Path) -> Iterator[Parts]:
    made = Parts(tmp_path)
    yield made
    made.store.close()


def test_critical_event_is_queued_logged_and_published(parts: Parts) -> None:
    recorded = parts.recorder.record("StartupOfTheDevice", "boot")
    assert recorded.critical and recorded.queued is not None
    assert parts.store.oldest(10) == [recorded.queued]
    assert [e.type for e in parts.log.entries()] == ["StartupOfTheDevice"]
    assert parts.published == [recorded]
    assert recorded.timestamp == T0


def test_non_critical_event_is_only_logged_and_published(parts: Parts) -> None:
    recorded = parts.recorder.record("InvalidMessages", "bad frame")
    assert not recorded.critical and recorded.queued is None
    assert len(parts.store) == 0
    assert [e.tech_info for e in parts.log.entries()] == ["bad frame"]
    assert parts.published == [recorded]


def test_override_and_everest_spelling(parts: Parts) -> None:
    recorded = parts.recorder.record("InvalidCsmsCertificate", "x", critical=True)
    assert recorded.type == "InvalidCentralSystemCertificate"
    assert recorded.queued is not None and recorded.queued.type == recorded.type
    assert parts.recorder.record("StartupOfTheDevice", critical=False).queued is None


def test_stop_drops_queue_and_queues_nothing_until_restart(parts: Parts) -> None:
    parts.recorder.record("ResetOrReboot")
    assert parts.recorder.stop_communication() == 1
    stopped = parts.recorder.record("ResetOrReboot", "while stopped")
    assert stopped.queued is None and len(parts.store) == 0
    parts.recorder.restart_communication()
    assert parts.recorder.record("ResetOrReboot", "after restart").queued is not None
    assert len(list(parts.log.entries())) == 3  # the log has every event


def test_log_failure_does_not_lose_the_event(
    parts: Parts, caplog: pytest.LogCaptureFixture
) -> None:
    parts.log.path.mkdir()  # the log cannot be written
    with caplog.at_level(logging.ERROR):
        recorded = parts.recorder.record("TamperDetectionActivated", "lid")
    assert recorded.queued is not None and len(parts.store) == 1
    assert any("not written to the security log" in r.message for r in caplog.records)


def test_publish_failure_does_not_lose_the_event(tmp_path: Path) -> None:
    parts = Parts(tmp_path)

    def broken(event: RecordedSecurityEvent) -> None:
        raise RuntimeError("bus down")

    recorder = SecurityEventRecorder(parts.store, parts.log, parts.delivery, broken)
    assert recorder.record("MemoryExhaustion").queued is not None
    parts.store.close()


def test_clear_log_raises_security_log_was_cleared(parts: Parts) -> None:
    parts.recorder.record("InvalidMessages")
    recorded = parts.recorder.clear_log()
    assert recorded.type == "SecurityLogWasCleared" and recorded.queued is not None
    assert [e.type for e in parts.log.entries()] == ["SecurityLogWasCleared"]
