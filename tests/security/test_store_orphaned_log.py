"""A write-ahead log left without its database (the file deleted by hand, a crash while a damaged
store was set aside) is set aside, loudly, before a new store is made: replayed into the new
file it would clash with its sequence numbers and every later enqueue would fail."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from everest_py.ocpp16.security.store import SecurityEventStore


def test_a_log_without_its_database_is_set_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "security.sqlite"
    store = SecurityEventStore(path)
    for n in range(3):
        store.enqueue("StartupOfTheDevice", f"old-{n}", datetime.now(UTC))
    shutil.copyfile(f"{path}-wal", tmp_path / "saved-wal")  # the log as a crash leaves it
    store.close()
    path.unlink()
    Path(f"{path}-shm").unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "saved-wal", f"{path}-wal")

    with caplog.at_level(logging.ERROR):
        fresh = SecurityEventStore(path)
    try:
        assert len(fresh) == 0
        assert fresh.oldest(10) == []
        queued = fresh.enqueue("StartupOfTheDevice", "new", datetime.now(UTC))
        assert queued.seq == 1
        assert [event.tech_info for event in fresh.oldest(10)] == ["new"]
    finally:
        fresh.close()
    assert "without its database" in caplog.text
    assert list(tmp_path.glob("security.sqlite-wal.orphaned-*"))
