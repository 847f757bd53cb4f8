"""Security events the charge point raises itself: SettingSystemTime when it adopts a clock that
differs from its own, InvalidMessages (rate-limited) on malformed frames from the CSMS."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from everest_py.generated.types.ocpp import SecurityEvent
from everest_py.ocpp16 import Registration
from everest_py.ocpp16.ocpp import InvalidMessageReporter
from everest_py.ocpp16.security.log import SecurityLog

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


async def test_clock_noise_raises_nothing_and_a_jump_of_an_hour_raises_once(
    servers: list[ScriptedCsms], tmp_path: Path
) -> None:
    jump = timedelta(0)
    answers = 0

    def noisy_clock(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str]:
        nonlocal answers
        answer = default_answer(action, payload)
        if isinstance(answer, dict) and "currentTime" in answer:
            answers += 1
            # Truncated to the second, and every other answer 2 s late (a slow round trip):
            # consecutive adoptions differ by 1-3 s, all of it noise.
            late = timedelta(seconds=2 if answers % 2 else 0)
            then = datetime.now(UTC).replace(microsecond=0) - late + jump
            answer["currentTime"] = then.isoformat().replace("+00:00", "Z")
        return answer

    csms = ScriptedCsms(noisy_clock)
    await csms.start()
    servers.append(csms)
    core = make_core(csms.url, tmp_path)
    events: list[SecurityEvent] = []
    core.security_listeners.append(events.append)
    await core.start()
    try:
        await asyncio.wait_for(core.session.wait_registration(Registration.ACCEPTED), 10)
        endpoint = core.session.endpoint
        assert endpoint is not None
        for _ in range(6):
            await core.session.send_heartbeat(endpoint)
        assert answers == 7
        assert [e for e in events if e.type == SETTING_TIME] == []
        jump = timedelta(hours=1)
        for _ in range(4):
            await core.session.send_heartbeat(endpoint)
        (event,) = [e for e in events if e.type == SETTING_TIME]
        assert event.info is not None and "Heartbeat" in event.info and "+36" in event.info
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
