"""GetDiagnostics and GetLog end to end: a schema-validating loopback CSMS asks, the simulated
system PUTs its file to a loopback HTTP server, and DiagnosticsStatusNotification /
LogStatusNotification report each step; TriggerMessage reports the current status."""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from everest_py.ocpp16.app import ChargePointApp
from everest_py.ocpp16.demo.csms import CallFailed, LoopbackCsms
from everest_py.runtime import InProcessBus

from .firmware_support import (
    WAIT,
    FileServer,
    FirmwareChargePoint,
    file_server,
    reported,
    settings_for,
)

CP_ID = "DIAG-CP-1"
DIAGNOSTICS = "DiagnosticsStatusNotification"
TRIGGER_DIAGNOSTICS = {"requestedMessage": "DiagnosticsStatusNotification"}


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
def http() -> Iterator[FileServer]:
    with file_server() as server:
        yield server


@pytest.fixture
async def cp(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[FirmwareChargePoint]:
    charge_point = FirmwareChargePoint(settings_for(csms, CP_ID, tmp_path))
    await charge_point.start()
    await csms.wait_for("StatusNotification", timeout=WAIT)
    yield charge_point
    await charge_point.close()


async def test_get_diagnostics_uploads_the_file_it_names(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    request = {"location": http.url("/uploads/"), "startTime": "2026-01-01T00:00:00Z"}
    answer = await csms.call(CP_ID, "GetDiagnostics", request)
    file_name = str(answer["fileName"])
    assert file_name.startswith("diagnostics-") and file_name.endswith(".json")
    assert await reported(csms, DIAGNOSTICS, "Uploaded") == ["Uploading", "Uploaded"]
    report = json.loads(http.uploads[f"/uploads/{file_name}"])
    assert report["type"] == "Diagnostics"
    assert report["oldest_timestamp"].startswith("2026-01-01T00:00:00")
    assert list(csms.violations) == []


async def test_a_trigger_reports_uploading_while_it_lasts_and_idle_after(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    http.hold_puts = threading.Event()
    await csms.call(CP_ID, "GetDiagnostics", {"location": http.url("/held/")})
    await reported(csms, DIAGNOSTICS, "Uploading")
    seen = csms.recording.next_seq
    assert await csms.call(CP_ID, "TriggerMessage", TRIGGER_DIAGNOSTICS) == {"status": "Accepted"}
    assert await reported(csms, DIAGNOSTICS, "Uploading", seen) == ["Uploading"]
    http.hold_puts.set()
    await reported(csms, DIAGNOSTICS, "Uploaded")
    seen = csms.recording.next_seq
    assert await csms.call(CP_ID, "TriggerMessage", TRIGGER_DIAGNOSTICS) == {"status": "Accepted"}
    assert await reported(csms, DIAGNOSTICS, "Idle", seen) == ["Idle"]
    assert list(csms.violations) == []


async def test_a_refused_upload_is_retried_then_reported_failed(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    http.put_status = 500
    location = http.url("/refused")
    request = {"location": location, "retries": 1, "retryInterval": 0}
    answer = await csms.call(CP_ID, "GetDiagnostics", request)
    assert "fileName" in answer
    assert await reported(csms, DIAGNOSTICS, "UploadFailed") == ["Uploading", "UploadFailed"]
    assert http.count("PUT", "/refused") == 2  # the first attempt and one retry
    assert http.uploads == {}
    assert list(csms.violations) == []


async def test_an_ftp_location_fails_at_once(csms: LoopbackCsms, cp: FirmwareChargePoint) -> None:
    await csms.call(CP_ID, "GetDiagnostics", {"location": "ftp://127.0.0.1/diagnostics/"})
    assert await reported(csms, DIAGNOSTICS, "UploadFailed") == ["UploadFailed"]


async def test_get_log_reports_with_its_request_id(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    request = {
        "logType": "SecurityLog",
        "requestId": 31,
        "log": {"remoteLocation": http.url("/logs/security.json")},
    }
    answer = await csms.call(CP_ID, "GetLog", request)
    assert answer["status"] == "Accepted"
    assert str(answer["filename"]).startswith("security-log-")
    assert await reported(csms, "LogStatusNotification", "Uploaded") == ["Uploading", "Uploaded"]
    assert {r.payload["requestId"] for r in csms.calls("LogStatusNotification")} == {31}
    assert json.loads(http.uploads["/logs/security.json"])["type"] == "SecurityLog"
    # Plain diagnostics heard nothing of it.
    assert csms.calls(DIAGNOSTICS) == []
    assert list(csms.violations) == []


async def test_without_a_system_get_diagnostics_is_not_supported(
    csms: LoopbackCsms, http: FileServer, tmp_path: Path
) -> None:
    app = ChargePointApp(settings_for(csms, CP_ID, tmp_path), bus=InProcessBus())
    await app.start()
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        with pytest.raises(CallFailed, match="NotSupported"):
            await csms.call(CP_ID, "GetDiagnostics", {"location": http.url("/x/")})
        log = {"logType": "DiagnosticsLog", "requestId": 1, "log": {"remoteLocation": "http://x/"}}
        assert (await csms.call(CP_ID, "GetLog", log))["status"] == "Rejected"
    finally:
        await app.close()


async def test_a_get_diagnostics_upload_replaced_by_a_get_log_ends_upload_failed(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    """The system cancels the running upload for the new one: the CSMS hears that the
    GetDiagnostics upload failed, and a trigger no longer reports it Uploading."""
    http.hold_puts = threading.Event()
    await csms.call(CP_ID, "GetDiagnostics", {"location": http.url("/held/")})
    await reported(csms, DIAGNOSTICS, "Uploading")
    request = {
        "logType": "SecurityLog",
        "requestId": 32,
        "log": {"remoteLocation": http.url("/logs/security.json")},
    }
    answer = await csms.call(CP_ID, "GetLog", request)
    http.hold_puts.set()
    assert answer["status"] == "AcceptedCanceled"
    assert await reported(csms, DIAGNOSTICS, "UploadFailed") == ["Uploading", "UploadFailed"]
    seen = csms.recording.next_seq
    assert await csms.call(CP_ID, "TriggerMessage", TRIGGER_DIAGNOSTICS) == {"status": "Accepted"}
    assert await reported(csms, DIAGNOSTICS, "Idle", seen) == ["Idle"]
    assert list(csms.violations) == []
