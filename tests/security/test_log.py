from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from everest_py.ocpp16.security.log import (
    MAX_LOGGED_TECH_INFO,
    TRUNCATION_MARK,
    SecurityLog,
    SecurityLogEntry,
    SecurityLogError,
)

T0 = datetime(2025, 5, 6, 7, 8, 9, tzinfo=UTC)
MAX_BYTES = 4 * MAX_LOGGED_TECH_INFO


def _entry(n: int, info: str | None = None, critical: bool = False) -> SecurityLogEntry:
    return SecurityLogEntry(
        "InvalidMessages", info or f"event {n}", T0 + timedelta(seconds=n), critical
    )


def test_every_event_is_one_json_line(tmp_path: Path) -> None:
    log = SecurityLog(tmp_path)
    log.write(_entry(0, "line one\nline two", critical=True))
    log.write(SecurityLogEntry("StartupOfTheDevice", None, T0, False))
    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0]) == {
        "timestamp": T0.isoformat(),
        "type": "InvalidMessages",
        "critical": True,
        "techInfo": "line one\nline two",
    }
    assert list(log.entries())[1] == SecurityLogEntry("StartupOfTheDevice", None, T0, False)


def test_rotation_bounds_the_size_and_keeps_the_newest(tmp_path: Path) -> None:
    log = SecurityLog(tmp_path, max_bytes=MAX_BYTES, backups=2)
    for n in range(2_000):
        log.write(_entry(n))
    assert len(log.files()) == 3
    for path in log.files():
        assert path.stat().st_size <= MAX_BYTES
    entries = list(log.entries())
    assert entries[-1] == _entry(1_999)
    numbers = [int((e.tech_info or "").split()[1]) for e in entries]
    assert numbers == list(range(numbers[0], 2_000))  # contiguous, newest kept, oldest dropped
    assert numbers[0] > 0


def test_huge_tech_info_is_truncated_in_the_log(tmp_path: Path) -> None:
    log = SecurityLog(tmp_path, max_bytes=MAX_BYTES, backups=1)
    log.write(_entry(0, "x" * 100_000))
    (entry,) = log.entries()
    assert entry.tech_info == "x" * MAX_LOGGED_TECH_INFO + TRUNCATION_MARK
    assert log.path.stat().st_size <= MAX_BYTES


def test_clear_removes_all_files(tmp_path: Path) -> None:
    log = SecurityLog(tmp_path, max_bytes=MAX_BYTES, backups=2)
    for n in range(500):
        log.write(_entry(n))
    files_before = len(list(tmp_path.iterdir()))
    assert files_before == 3
    assert log.clear() == files_before
    assert list(tmp_path.iterdir()) == []
    assert list(log.entries()) == []


def test_corrupt_line_names_file_and_line(tmp_path: Path) -> None:
    log = SecurityLog(tmp_path)
    log.write(_entry(0))
    with log.path.open("a") as file:
        file.write("{not json\n")
    with pytest.raises(SecurityLogError, match=r"security\.log:2: not a security log entry"):
        list(log.entries())


def test_log_directory_is_created_but_not_its_parents(tmp_path: Path) -> None:
    SecurityLog(tmp_path / "security-log").write(_entry(0))
    assert (tmp_path / "security-log" / "security.log").is_file()
    with pytest.raises(SecurityLogError, match="cannot create security log directory"):
        SecurityLog(tmp_path / "missing" / "security-log")
    assert not (tmp_path / "missing").exists()


def test_file_in_place_of_the_directory_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "security-log").write_text("x")
    with pytest.raises(SecurityLogError, match="security-log is not a directory"):
        SecurityLog(tmp_path / "security-log")


def test_unwritable_log_is_a_clear_error(tmp_path: Path) -> None:
    log = SecurityLog(tmp_path)
    log.path.mkdir()  # a directory where the file should be
    with pytest.raises(SecurityLogError, match="cannot write security log"):
        log.write(_entry(0))


async def test_on_an_event_loop_the_line_is_written_after_the_step_in_order(
    tmp_path: Path,
) -> None:
    log = SecurityLog(tmp_path)
    log.write(_entry(0))
    log.write(_entry(1))
    assert not log.path.exists()  # the step's other work (a first send) goes first ...
    step_ended = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(step_ended.set_result, None)  # queued after the write
    await step_ended
    assert [e.tech_info for e in SecurityLog(tmp_path).entries()] == ["event 0", "event 1"]
    log.write(_entry(2))
    assert [e.tech_info for e in log.entries()] == [
        "event 0",
        "event 1",
        "event 2",
    ]  # ... own reads see it
    log.close()


def test_a_line_taken_for_later_is_written_by_write_pending_and_read_at_once(
    tmp_path: Path,
) -> None:
    log = SecurityLog(tmp_path)
    log.write_later(_entry(0))
    log.write_later(_entry(1))
    assert not log.path.exists()  # the taker writes it, after its step
    assert [e.tech_info for e in log.entries()] == ["event 0", "event 1"]  # own reads see it
    log.write_later(_entry(2))
    log.write_pending()
    assert [e.tech_info for e in SecurityLog(tmp_path).entries()] == [
        "event 0",
        "event 1",
        "event 2",
    ]
    log.close()


async def test_a_failed_write_after_the_step_is_logged_with_the_event_types(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = SecurityLog(tmp_path)
    log.path.mkdir()  # a directory where the file should be
    with caplog.at_level(logging.ERROR):
        log.write(_entry(0))
        log.close()
    (record,) = caplog.records
    assert "InvalidMessages" in record.getMessage() and "security.log" in record.getMessage()
