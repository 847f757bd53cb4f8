"""The firmware notifications' outbox against a loopback CSMS that drops the connection, answers
with a CALLERROR or not at all: nothing is lost on an outage, a refused one is not repeated."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from everest_py.generated.types import system as _system
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms

from .firmware_support import WAIT, FirmwareChargePoint, statuses

CP_ID = "FW-OUTBOX-1"
ACTION = "FirmwareStatusNotification"
State = _system.FirmwareUpdateStatusEnum


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def cp(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[FirmwareChargePoint]:
    # A short response timeout: the unanswered notification is sent again soon.
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path),
         "response_timeout": 0.3},
        {}, "test",
    )  # fmt: skip
    charge_point = FirmwareChargePoint(settings)
    await charge_point.start()
    await csms.wait_for("StatusNotification", timeout=WAIT)
    yield charge_point
    await charge_point.close()


def publish(cp: FirmwareChargePoint, *states: State) -> None:
    for state in states:
        cp.app.core.firmware.firmware_status_changed(
            _system.FirmwareUpdateStatus(firmware_update_status=state, request_id=-1)
        )


async def delivered(cp: FirmwareChargePoint) -> None:
    async with asyncio.timeout(WAIT):
        await cp.app.core.firmware.outbox.empty.wait()


async def test_a_notification_cut_off_by_a_lost_connection_goes_again(
    csms: LoopbackCsms, cp: FirmwareChargePoint
) -> None:
    csms.script.drop_on(ACTION, once=True)
    publish(cp, State.Downloading, State.Downloaded)
    await csms.wait_until(lambda: statuses(csms, ACTION)[-1:] == ["Downloaded"], WAIT)
    await delivered(cp)
    # The first Downloading met the drop; after the reconnect it went again, then Downloaded.
    assert statuses(csms, ACTION) == ["Downloading", "Downloading", "Downloaded"]
    assert csms.connection_count >= 2
    assert list(csms.violations) == []


async def test_a_refused_notification_is_not_repeated(
    csms: LoopbackCsms, cp: FirmwareChargePoint
) -> None:
    csms.script.fail(ACTION, "InternalError", once=True)
    publish(cp, State.Downloading, State.Downloaded)
    await csms.wait_until(lambda: statuses(csms, ACTION)[-1:] == ["Downloaded"], WAIT)
    await delivered(cp)
    assert statuses(csms, ACTION) == ["Downloading", "Downloaded"]


async def test_an_unanswered_notification_is_sent_again(
    csms: LoopbackCsms, cp: FirmwareChargePoint
) -> None:
    csms.script.ignore(ACTION, once=True)
    publish(cp, State.Downloading)
    await csms.wait_until(lambda: len(statuses(csms, ACTION)) == 2, WAIT)
    await delivered(cp)
    assert statuses(csms, ACTION) == ["Downloading", "Downloading"]
