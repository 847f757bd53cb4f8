"""ExtendedTriggerMessage for every requestedMessage, against a schema-validating loopback CSMS
and the simulated station: the message goes out after the answer; connectorId rules as libocpp
applies them; the firmware area's messages report its last status."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.simulated import SimulatedChargePoint

WAIT = 20.0
CP_ID = "XTRIGGER-CP-1"


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    yield server
    assert not server.violations, [v.problem for v in server.violations]
    await server.close()


@pytest.fixture
async def charge_point(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[SimulatedChargePoint]:
    settings = build_settings(
        {
            "csms_url": csms.url,
            "charge_point_id": CP_ID,
            "data_dir": str(tmp_path),
            "connectors": 2,
            "configuration": {"CpoName": "Example CPO", "WebSocketPingInterval": "0"},
        },
        {},
        "test",
    )
    simulated = SimulatedChargePoint(settings)
    await simulated.start()
    # Booted, and the first StatusNotifications (0, 1, 2) are out.
    await csms.wait_for("StatusNotification", count=3, timeout=WAIT)
    yield simulated
    await simulated.close()


async def trigger(csms: LoopbackCsms, message: str, connector: int | None = None) -> str:
    payload: dict[str, Any] = {"requestedMessage": message}
    if connector is not None:
        payload["connectorId"] = connector
    answer = await csms.call(CP_ID, "ExtendedTriggerMessage", payload)
    return str(answer["status"])


@pytest.mark.parametrize(
    ("message", "connector", "sent"),
    [
        ("BootNotification", None, "BootNotification"),
        ("Heartbeat", None, "Heartbeat"),
        ("MeterValues", 2, "MeterValues"),
        ("StatusNotification", 1, "StatusNotification"),
        ("SignChargePointCertificate", None, "SignCertificate"),
    ],
)
async def test_each_message_goes_out_after_the_answer(
    csms: LoopbackCsms, charge_point: SimulatedChargePoint, message: str, connector: int | None,
    sent: str,
) -> None:  # fmt: skip
    since = len(csms.received)
    assert await trigger(csms, message, connector) == "Accepted"
    request = await csms.wait_for(sent, since=since, timeout=WAIT)
    if connector is not None:
        assert request.payload["connectorId"] == connector


async def test_status_notification_without_connector_reports_every_connector(
    csms: LoopbackCsms, charge_point: SimulatedChargePoint
) -> None:
    since = len(csms.received)
    assert await trigger(csms, "StatusNotification") == "Accepted"
    await csms.wait_for("StatusNotification", since=since, count=3, timeout=WAIT)
    connectors = [r.payload["connectorId"] for r in csms.calls("StatusNotification")]
    assert sorted(connectors[-3:]) == [0, 1, 2]


@pytest.mark.parametrize("message", ["Heartbeat", "StatusNotification", "MeterValues"])
async def test_a_connector_that_does_not_exist_is_rejected(
    csms: LoopbackCsms, charge_point: SimulatedChargePoint, message: str
) -> None:
    assert await trigger(csms, message, 3) == "Rejected"
    assert await trigger(csms, message, -1) == "Rejected"


@pytest.mark.parametrize(
    ("message", "sent_as"),
    [
        ("FirmwareStatusNotification", "SignedFirmwareStatusNotification"),
        ("LogStatusNotification", "LogStatusNotification"),
    ],
)
async def test_the_firmware_areas_messages_report_their_last_status(
    csms: LoopbackCsms, charge_point: SimulatedChargePoint, message: str, sent_as: str
) -> None:
    assert await trigger(csms, message) == "Accepted"
    sent = await csms.wait_for(sent_as, timeout=WAIT)
    assert sent.payload["status"] == "Idle"  # nothing has run: Idle, as the whitepaper says
