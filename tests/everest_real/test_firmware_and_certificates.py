"""Firmware Management, diagnostics and certificates under the real 2025 and 2026 managers:
the charge point of examples/everest-charging.yaml reaches SimSystem (``system``) and
SimSecurity (``security``) over MQTT, as EVerest's OCPP module reaches System and EvseSecurity.

A firmware update downloads from a loopback HTTP server and its statuses travel SimSystem →
``firmware_update_status`` → the charge point → FirmwareStatusNotification; a GetDiagnostics
file is PUT to that server; CA certificates are installed, listed and deleted in SimSecurity's
store, and a CSR it makes is signed by the CSMS into the charge point certificate.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from tests.impl.firmware_support import make_root
from tests.security.certs import Authority, CertFactory, pem_text, sign_csr

from .csms import ThreadedCsms
from .file_server import FileServer
from .managed import ManagedSystem
from .station import booted, stopped_cleanly

pytestmark = pytest.mark.everest_real

FIRMWARE = b"everest-py simulated firmware image\n" * 64
CSMS_ROOT = "CentralSystemRootCertificate"
CHARGE_POINT_ID = "CP001"  # examples/everest-charging.yaml
CPO = "Example CPO"


@pytest.fixture
def files() -> Iterator[FileServer]:
    with FileServer({"/firmware/image.bin": FIRMWARE}) as server:
        yield server


@pytest.fixture
def pki(tmp_path: Path) -> CertFactory:
    return CertFactory(tmp_path / "pki")


def _now_text() -> str:
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return now.replace("+00:00", "Z")


def _statuses_in_order(
    csms: ThreadedCsms, action: str, statuses: tuple[str, ...], after: int
) -> int:
    """Wait for each of ``statuses`` of ``action`` after the one before; the last position."""
    for status in statuses:
        after, _ = csms.wait_call(action, lambda p, s=status: p["status"] == s, after=after)
    return after


def test_a_firmware_update_and_a_diagnostics_upload_under_the_real_manager(
    station: ManagedSystem, csms: ThreadedCsms, files: FileServer
) -> None:
    log, after = booted(station, csms)

    update = {"location": files.url("/firmware/image.bin"), "retrieveDate": _now_text()}
    assert csms.call("UpdateFirmware", update) == {}
    installed = _statuses_in_order(
        csms,
        "FirmwareStatusNotification",
        ("Downloading", "Downloaded", "Installing", "Installed"),
        after,
    )
    assert ("GET", "/firmware/image.bin") in files.requests
    # A plain update does not reboot: no second boot.
    assert not [a for _, a, _ in csms.log[after:installed] if a == "BootNotification"]

    answer = csms.call("GetDiagnostics", {"location": files.url("/diagnostics/")})
    file_name = answer["fileName"]
    assert file_name.startswith("diagnostics-")
    path, body = files.wait_upload()
    assert path == f"/diagnostics/{file_name}"
    report = json.loads(body)
    # The system's report knows the firmware it just installed.
    assert report["installed_firmware"] == hashlib.sha256(FIRMWARE).hexdigest()
    _statuses_in_order(csms, "DiagnosticsStatusNotification", ("Uploading", "Uploaded"), after)
    stopped_cleanly(station, log)


def test_a_signed_update_and_get_log_under_the_real_manager(
    station: ManagedSystem, csms: ThreadedCsms, files: FileServer
) -> None:
    """SimSecurity checks the signing certificate against the installed manufacturer root,
    SimSystem the signature; every status carries the CSMS's request id."""
    log, after = booted(station, csms)
    manufacturer = make_root()
    install = {
        "certificateType": "ManufacturerRootCertificate",
        "certificate": manufacturer.certificate.public_bytes(serialization.Encoding.PEM).decode(),
    }
    assert csms.call("InstallCertificate", install) == {"status": "Accepted"}
    signer = manufacturer.issue()
    firmware = {
        "location": files.url("/firmware/image.bin"),
        "retrieveDateTime": _now_text(),
        "signingCertificate": signer.certificate_pem,
        "signature": signer.sign(FIRMWARE),
    }
    update = {"requestId": 7, "retries": 0, "firmware": firmware}
    assert csms.call("SignedUpdateFirmware", update) == {"status": "Accepted"}
    # InstallRebooting last: SimSystem records the Hard reset; under the manager nobody
    # restarts the station, so no second boot follows.
    steps = ("Downloading", "Downloaded", "SignatureVerified", "Installing", "Installed")
    _statuses_in_order(
        csms, "SignedFirmwareStatusNotification", (*steps, "InstallRebooting"), after
    )

    # A certificate of no installed manufacturer root is refused before SimSystem hears of it.
    stranger = make_root("Stranger Root").issue()
    forged = firmware | {
        "signingCertificate": stranger.certificate_pem,
        "signature": stranger.sign(FIRMWARE),
    }
    refused = csms.call("SignedUpdateFirmware", {"requestId": 8, "firmware": forged})
    assert refused == {"status": "InvalidCertificate"}

    request = {
        "logType": "SecurityLog",
        "requestId": 11,
        "log": {"remoteLocation": files.url("/logs/")},
    }
    answer = csms.call("GetLog", request)
    assert answer["status"] == "Accepted"
    path, _ = files.wait_upload()
    assert path == f"/logs/{answer['filename']}"
    uploaded = _statuses_in_order(csms, "LogStatusNotification", ("Uploading", "Uploaded"), after)
    assert csms.log[uploaded][2]["requestId"] == 11
    # Request 8 never reached SimSystem: every firmware status is request 7's.
    signed = [p for _, a, p in csms.log[after:] if a == "SignedFirmwareStatusNotification"]
    assert {p["requestId"] for p in signed} == {7}
    stopped_cleanly(station, log)


def _install(csms: ThreadedCsms, authority: Authority) -> object:
    request = {"certificateType": CSMS_ROOT, "certificate": authority.pem.read_text()}
    return csms.call("InstallCertificate", request)


def _store(station: ManagedSystem) -> Path:
    return station.run_dir / "cp-data" / "sim-security"


def test_certificates_through_sim_security_under_the_real_manager(
    station: ManagedSystem, csms: ThreadedCsms, pki: CertFactory
) -> None:
    log, after = booted(station, csms)
    ids = {"certificateType": CSMS_ROOT}
    assert csms.call("GetInstalledCertificateIds", ids) == {"status": "NotFound"}

    # Install, list, delete: the store answers every step over MQTT.
    root = pki.authority("csms-root")
    assert _install(csms, root) == {"status": "Accepted"}
    # In this run's store (managed_config's store_dir), not the manifest's relative default.
    assert len(list((_store(station) / "ca" / "CSMS").glob("*.pem"))) == 1
    listed = csms.call("GetInstalledCertificateIds", ids)
    assert listed["status"] == "Accepted"
    [hash_data] = listed["certificateHashData"]
    assert hash_data["serialNumber"] == format(root.cert.serial_number, "x")
    deleted = csms.call("DeleteCertificate", {"certificateHashData": hash_data})
    assert deleted == {"status": "Accepted"}
    assert csms.call("GetInstalledCertificateIds", ids) == {"status": "NotFound"}
    again = csms.call("DeleteCertificate", {"certificateHashData": hash_data})
    assert again == {"status": "NotFound"}

    # The charge point certificate: the store makes the CSR, the CSMS signs it with its root.
    trigger = {"requestedMessage": "SignChargePointCertificate"}
    assert csms.call("ExtendedTriggerMessage", trigger) == {"status": "Rejected"}  # no CpoName
    assert csms.call("ChangeConfiguration", {"key": "CpoName", "value": CPO}) == {
        "status": "Accepted"
    }
    assert _install(csms, root) == {"status": "Accepted"}
    assert csms.call("ExtendedTriggerMessage", trigger) == {"status": "Accepted"}
    _, request = csms.wait_call("SignCertificate", after=after)
    csr = x509.load_pem_x509_csr(request["csr"].encode())
    assert csr.is_signature_valid
    organization = csr.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    common_name = csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert (organization[0].value, common_name[0].value) == (CPO, CHARGE_POINT_ID)
    signed = csms.call("CertificateSigned", {"certificateChain": pem_text(sign_csr(csr, root))})
    assert signed == {"status": "Accepted"}
    stopped_cleanly(station, log)
