"""Hardening against a hostile or broken CSMS, end to end over loopback (issue "Hardening")."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from .csms import ScriptedCsms, default_answer
from .test_e2e_faults import make_core

TAMPER = "TamperDetectionActivated"
FAR_FUTURE = "9999-12-31T23:59:59.999Z"


@pytest.fixture
async def far_future_csms() -> AsyncIterator[ScriptedCsms]:
    def answer(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str]:
        result = default_answer(action, payload)
        if isinstance(result, dict) and "currentTime" in result:
            result = {**result, "currentTime": FAR_FUTURE}
        return result

    server = ScriptedCsms(answer)
    await server.start()
    yield server
    await server.close()


async def test_an_absurd_csms_time_is_refused_once_and_events_still_flow(
    far_future_csms: ScriptedCsms, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    csms = far_future_csms
    caplog.set_level(logging.DEBUG, logger="everest_py")
    core = make_core(csms.url, tmp_path)
    await core.start()
    try:
        await csms.wait_connected()
        for _ in range(2):  # Heartbeats repeat the absurd time: still one warning.
            assert await csms.call("TriggerMessage", {"requestedMessage": "Heartbeat"}) == {
                "status": "Accepted"
            }
        await csms.wait(lambda: csms.actions.count("Heartbeat") >= 2)
        event = core.security_event(TAMPER, "after the absurd time")
        assert event.timestamp.year < 2200
        await csms.wait(lambda: "after the absurd time" in csms.infos(TAMPER))
        assert csms.accepted == 1  # never reconnected
        warnings = [
            r for r in caplog.records if r.levelno >= logging.WARNING and "9999" in r.getMessage()
        ]
        assert len(warnings) == 1, [r.getMessage() for r in warnings]
        assert not [r for r in caplog.records if r.exc_info]
    finally:
        await core.close()
