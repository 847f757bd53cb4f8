"""Security events the charge point raises itself: SettingSystemTime when it adopts a clock that
differs from its own, InvalidMessages (rate-limited) on malformed frames from the CSMS."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from impl.invalid_messages import InvalidMessageReporter
from impl.security.log import SecurityLog

from .csms import ScriptedCsms, default_answer
from .test_e2e_faults import make_core

SETTING_TIME = "SettingSystemTime"


def csms_clock_off_by(offset: timedelta) -> Any:
    def answer(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str]:
        if action == "BootNotification":
            then = datetime.now(UTC) + offset
            return {
                "status": "Accepted",
                "currentTime": then.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "interval": 3600,
            }
        return default_answer(action, payload)

    return answer


@pytest.fixture
async def servers() -> AsyncIterator[list[ScriptedCsms]]:
    started: list[ScriptedCsms] = []
    yield started
    for server in started:
        await server.close()


async def test_adopting_a_clock_an_hour_off_raises_setting_system_time(
    servers: list[ScriptedCsms], tmp_path: Path
) -> None:
    csms = ScriptedCsms(csms_clock_off_by(timedelta(hours=1)))
    await csms.start()
    servers.append(csms)
    core = make_core(csms.url, tmp_path)
    await core.start()
    try:
        await csms.wait(lambda: bool(csms.infos(SETTING_TIME)))
        (info,) = csms.infos(SETTING_TIME)
        assert info is not None and "+3600" in info and "BootNotification" in info
        # Critical: queued before boot was accepted, delivered after it.
        assert csms.actions.index("BootNotification") < csms.actions.index(
            "SecurityEventNotification"
        )
    finally:
        await core.close()


async def test_a_clock_that_already_agrees_raises_nothing(
    servers: list[ScriptedCsms], tmp_path: Path
) -> None:
    csms = ScriptedCsms()  # answers with the current time
    await csms.start()
    servers.append(csms)
    core = make_core(csms.url, tmp_path)
    await core.start()
    try:
        await csms.wait(lambda: bool(csms.infos("StartupOfTheDevice")))
        core.security_event("TamperDetectionActivated", "marker")
        await csms.wait(lambda: bool(csms.infos("TamperDetectionActivated")))
        assert csms.infos(SETTING_TIME) == []
    finally:
        await core.close()


async def test_malformed_frames_raise_one_invalid_messages_event_per_minute(
    servers: list[ScriptedCsms], tmp_path: Path
) -> None:
    csms = ScriptedCsms()
    await csms.start()
    servers.append(csms)
    core = make_core(csms.url, tmp_path)
    published: list[str | None] = []
    core.security_listeners.append(
        lambda record: published.append(record.info) if record.type == "InvalidMessages" else None
    )
    await core.start()
    try:
        connection = await csms.wait_connected()
        for n in range(20):
            await connection.send("{not json" if n % 2 else json.dumps([2, f"x{n}", 7, {}]))
        answer = await csms.call("GetConfiguration", {"key": ["HeartbeatInterval"]})
        assert answer["configurationKey"][0]["key"] == "HeartbeatInterval"
        assert len(published) == 1 and published[0] is not None
        assert "malformed message from the CSMS" in published[0]
        logged = [e.type for e in SecurityLog(tmp_path / "security-log").entries()]
        assert logged.count("InvalidMessages") == 1
        assert "InvalidMessages" not in [e.type for e in csms.events]  # not critical
    finally:
        await core.close()


def test_invalid_message_reporter_counts_what_it_held_back() -> None:
    now = [0.0]
    recorded: list[tuple[str, str | None]] = []
    reporter = InvalidMessageReporter(
        lambda kind, info: recorded.append((kind, info)), interval=60, clock=lambda: now[0]
    )
    for _ in range(5):
        reporter.report("bad")
    now[0] = 59.9
    reporter.report("bad")
    assert len(recorded) == 1
    now[0] = 60.0
    reporter.report("worse")
    assert recorded[1] == (
        "InvalidMessages",
        "malformed message from the CSMS: worse (5 more since the last report)",
    )
