"""Firmware updates end to end: a schema-validating loopback CSMS sends UpdateFirmware and
SignedUpdateFirmware to a charge point whose `system` is the simulated one, which downloads
from a loopback HTTP server; every status reaches the CSMS."""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from everest_py.generated.types import system as _system
from everest_py.generated.types.ocpp import SecurityEvent
from everest_py.ocpp16.demo.csms import CallFailed, LoopbackCsms

from .firmware_support import (
    WAIT,
    FileServer,
    FirmwareChargePoint,
    Root,
    file_server,
    make_root,
    now_text,
    reported,
    settings_for,
    statuses,
    without_a_resend,
)

CP_ID = "FW-CP-1"
IMAGE = b"simulated firmware image " * 64
PLAIN_SEQUENCE = ["Downloading", "Downloaded", "Installing", "Installed"]


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
def http() -> Iterator[FileServer]:
    with file_server() as server:
        server.files["/fw.bin"] = IMAGE
        yield server


@pytest.fixture
def root() -> Root:
    return make_root()


async def started(csms: LoopbackCsms, tmp_path: Path, root: Root | None) -> FirmwareChargePoint:
    charge_point = FirmwareChargePoint(settings_for(csms, CP_ID, tmp_path), root)
    await charge_point.start()
    await csms.wait_for("BootNotification", timeout=WAIT)
    await csms.wait_for("StatusNotification", timeout=WAIT)
    return charge_point


@pytest.fixture
async def cp(csms: LoopbackCsms, tmp_path: Path, root: Root) -> AsyncIterator[FirmwareChargePoint]:
    charge_point = await started(csms, tmp_path, root)
    yield charge_point
    await charge_point.close()


async def test_update_firmware_reports_every_step_and_a_trigger_then_idle(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    request = {"location": http.url("/fw.bin"), "retrieveDate": now_text()}
    assert await csms.call(CP_ID, "UpdateFirmware", request) == {}
    assert await reported(csms, "FirmwareStatusNotification", "Installed") == PLAIN_SEQUENCE
    assert http.count("GET", "/fw.bin") == 1
    installed = cp.system.installed
    assert installed.sha256 == hashlib.sha256(IMAGE).hexdigest()
    assert installed.request_id == -1
    # Nothing is happening any more: a triggered FirmwareStatusNotification says Idle.
    seen = csms.recording.next_seq
    answer = await csms.call(
        CP_ID, "TriggerMessage", {"requestedMessage": "FirmwareStatusNotification"}
    )
    assert answer == {"status": "Accepted"}
    assert await reported(csms, "FirmwareStatusNotification", "Idle", seen) == ["Idle"]
    assert list(csms.violations) == []


async def test_a_failed_download_is_retried_then_reported_failed(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    request = {
        "location": http.url("/missing.bin"),
        "retrieveDate": now_text(),
        "retries": 2,
        "retryInterval": 0,
    }
    assert await csms.call(CP_ID, "UpdateFirmware", request) == {}
    sequence = await reported(csms, "FirmwareStatusNotification", "DownloadFailed")
    assert sequence == ["Downloading", "DownloadFailed"]
    assert http.count("GET", "/missing.bin") == 3  # the first attempt and two retries
    assert cp.system.installed is None
    assert list(csms.violations) == []


async def test_an_ftp_location_fails_at_once_with_download_failed(
    csms: LoopbackCsms, cp: FirmwareChargePoint
) -> None:
    request = {"location": "ftp://127.0.0.1/fw.bin", "retrieveDate": now_text()}
    assert await csms.call(CP_ID, "UpdateFirmware", request) == {}
    assert await reported(csms, "FirmwareStatusNotification", "DownloadFailed") == [
        "DownloadFailed"
    ]


def signed_request(
    http: FileServer, certificate: str, signature: str, request_id: int = 7
) -> dict[str, object]:
    return {
        "requestId": request_id,
        "retries": 0,
        "firmware": {
            "location": http.url("/fw.bin"),
            "retrieveDateTime": now_text(),
            "signingCertificate": certificate,
            "signature": signature,
        },
    }


def registered_after_a_boot(cp: FirmwareChargePoint) -> asyncio.Event:
    """Set once the firmware service hears of a registration after a BootNotification."""
    firmware = cp.app.core.firmware
    told, event = firmware.online, asyncio.Event()

    def online(registered: bool, first: bool = False) -> None:
        told(registered, first)
        if registered and first:
            event.set()

    firmware.online = online  # type: ignore[method-assign]
    return event


def recorded_events(cp: FirmwareChargePoint) -> list[SecurityEvent]:
    events: list[SecurityEvent] = []
    cp.app.core.security_listeners.append(events.append)
    return events


def security_events(csms: LoopbackCsms) -> list[str]:
    return [str(r.payload["type"]) for r in csms.calls("SecurityEventNotification")]


async def test_a_signed_update_is_verified_installed_and_reboots(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint, root: Root
) -> None:
    booted_again = registered_after_a_boot(cp)
    signer = root.issue(use_rsa=True)
    request = signed_request(http, signer.certificate_pem, signer.sign(IMAGE))
    assert await csms.call(CP_ID, "SignedUpdateFirmware", request) == {"status": "Accepted"}
    assert cp.security is not None and cp.security.asked == [["MF"]]
    sequence = await reported(csms, "SignedFirmwareStatusNotification", "InstallRebooting")
    assert without_a_resend(sequence) == [
        "Downloading",
        "Downloaded",
        "SignatureVerified",
        "Installing",
        "Installed",
        "InstallRebooting",
    ]
    assert {r.payload["requestId"] for r in csms.calls("SignedFirmwareStatusNotification")} == {7}
    # The simulated system rebooted the station: the charge point boots again.
    async with asyncio.timeout(WAIT):
        await booted_again.wait()
    assert len(csms.calls("BootNotification")) == 2
    assert cp.system.boot_reason is _system.BootReason.FirmwareUpdate
    await csms.wait_until(lambda: "FirmwareUpdated" in security_events(csms), WAIT)
    seen = csms.recording.next_seq
    # After the reboot nothing is happening: the security whitepaper's trigger reports Idle.
    await cp.app.core.firmware.send_signed_firmware_status(cp.app.core.session.endpoint)
    idle = [r.payload for r in csms.calls("SignedFirmwareStatusNotification") if r.seq >= seen]
    assert idle == [{"status": "Idle", "requestId": 7}]
    assert list(csms.violations) == []


async def test_a_certificate_of_another_root_is_an_invalid_certificate(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    recorded = recorded_events(cp)
    stranger = make_root("Someone Else").issue()
    request = signed_request(http, stranger.certificate_pem, stranger.sign(IMAGE))
    answer = await csms.call(CP_ID, "SignedUpdateFirmware", request)
    assert answer == {"status": "InvalidCertificate"}
    # Recorded before the answer; not critical, so (as in libocpp) not sent to the CSMS.
    assert [e.type for e in recorded] == ["InvalidFirmwareSigningCertificate"]
    assert http.count("GET", "/fw.bin") == 0  # the system never heard of it
    assert csms.calls("SignedFirmwareStatusNotification") == []
    assert list(csms.violations) == []


async def test_an_invalid_signature_is_reported_with_its_security_event(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint, root: Root
) -> None:
    signer = root.issue()
    request = signed_request(http, signer.certificate_pem, signer.sign(b"another image"), 9)
    assert await csms.call(CP_ID, "SignedUpdateFirmware", request) == {"status": "Accepted"}
    sequence = await reported(csms, "SignedFirmwareStatusNotification", "InvalidSignature")
    assert sequence == ["Downloading", "Downloaded", "InvalidSignature"]
    await csms.wait_until(lambda: "InvalidFirmwareSignature" in security_events(csms), WAIT)
    assert cp.system.installed is None
    assert list(csms.violations) == []


async def test_without_evse_security_a_signed_update_is_an_invalid_certificate(
    csms: LoopbackCsms, http: FileServer, tmp_path: Path, root: Root
) -> None:
    charge_point = await started(csms, tmp_path, None)
    try:
        signer = root.issue()
        request = signed_request(http, signer.certificate_pem, signer.sign(IMAGE))
        answer = await csms.call(CP_ID, "SignedUpdateFirmware", request)
        assert answer == {"status": "InvalidCertificate"}
        assert http.count("GET", "/fw.bin") == 0
    finally:
        await charge_point.close()


async def test_statuses_published_while_the_csms_is_away_arrive_after_it_returns(
    csms: LoopbackCsms, cp: FirmwareChargePoint
) -> None:
    await csms.kill()
    firmware = cp.app.core.firmware
    state = _system.FirmwareUpdateStatusEnum
    for step in (state.Downloading, state.Downloaded):
        firmware.firmware_status_changed(
            _system.FirmwareUpdateStatus(firmware_update_status=step, request_id=-1)
        )
    seen = csms.recording.next_seq
    await csms.start()
    sequence = await reported(csms, "FirmwareStatusNotification", "Downloaded", seen)
    assert sequence == ["Downloading", "Downloaded"]
    async with asyncio.timeout(WAIT):
        await firmware.outbox.empty.wait()  # both answered: nothing is sent twice
    assert statuses(csms, "FirmwareStatusNotification", seen) == ["Downloading", "Downloaded"]
    assert list(csms.violations) == []


async def test_update_firmware_through_the_command_line(
    csms: LoopbackCsms, http: FileServer, tmp_path: Path
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "run", "--simulate",
        "--csms", csms.url, "--id", CP_ID, "--data-dir", str(tmp_path / "data"),
        stdin=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        await csms.wait_for("StatusNotification", timeout=WAIT)
        request = {"location": http.url("/fw.bin"), "retrieveDate": now_text(timedelta(-1))}
        assert await csms.call(CP_ID, "UpdateFirmware", request) == {}
        assert await reported(csms, "FirmwareStatusNotification", "Installed") == PLAIN_SEQUENCE
        assert http.count("GET", "/fw.bin") == 1
        assert list(csms.violations) == []
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            code = await process.wait()
    assert code == 0


async def test_a_retrieve_date_without_a_time_zone_is_refused_with_the_reason(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint
) -> None:
    request = {"location": http.url("/fw.bin"), "retrieveDate": "2026-12-01T10:00:00"}
    with pytest.raises(CallFailed) as refused:
        await csms.call(CP_ID, "UpdateFirmware", request)
    assert refused.value.error.code == "PropertyConstraintViolation"  # as every bad format
    assert "retrieveDate" in refused.value.error.description
    assert http.count("GET", "/fw.bin") == 0


async def test_a_signed_update_or_get_log_with_request_id_minus_1_is_rejected(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint, root: Root
) -> None:
    """-1 marks the unsigned messages on EVerest's `system` interface: a signed update with it
    would be installed without its signature checked, its statuses sent as unsigned ones."""
    signer = root.issue()
    request = signed_request(http, signer.certificate_pem, signer.sign(b"another image"), -1)
    assert await csms.call(CP_ID, "SignedUpdateFirmware", request) == {"status": "Rejected"}
    log = {"logType": "SecurityLog", "requestId": -1, "log": {"remoteLocation": http.url("/l")}}
    assert await csms.call(CP_ID, "GetLog", log) == {"status": "Rejected"}
    # Both refused before the system heard of them: it downloads and uploads nothing.
    assert http.count("GET", "/fw.bin") == 0 and http.uploads == {}
    assert cp.system.installed is None
    assert list(csms.violations) == []


async def test_an_unsigned_update_replaced_by_a_signed_one_ends_download_failed(
    csms: LoopbackCsms, http: FileServer, cp: FirmwareChargePoint, root: Root
) -> None:
    """The unsigned update waits between download attempts when a signed one replaces it: the
    CSMS hears how it ended, and a trigger no longer reports it Downloading."""
    plain = {"location": http.url("/missing.bin"), "retrieveDate": now_text(),
             "retries": 3, "retryInterval": 600}  # fmt: skip
    assert await csms.call(CP_ID, "UpdateFirmware", plain) == {}
    await reported(csms, "FirmwareStatusNotification", "Downloading")
    signer = root.issue()
    request = signed_request(http, signer.certificate_pem, signer.sign(IMAGE), 8)
    assert await csms.call(CP_ID, "SignedUpdateFirmware", request) == {"status": "AcceptedCanceled"}
    assert await reported(csms, "FirmwareStatusNotification", "DownloadFailed") == [
        "Downloading",
        "DownloadFailed",
    ]
    seen = csms.recording.next_seq
    trigger = {"requestedMessage": "FirmwareStatusNotification"}
    assert await csms.call(CP_ID, "TriggerMessage", trigger) == {"status": "Accepted"}
    assert await reported(csms, "FirmwareStatusNotification", "Idle", seen) == ["Idle"]
    assert list(csms.violations) == []
