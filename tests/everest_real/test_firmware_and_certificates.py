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
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from tests.security.certs import Authority, CertFactory

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


def _install(csms: ThreadedCsms, authority: Authority) -> object:
    request = {"certificateType": CSMS_ROOT, "certificate": authority.pem.read_text()}
    return csms.call("InstallCertificate", request)


def _sign(csr: x509.CertificateSigningRequest, issuer: Authority) -> str:
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(issuer.cert.subject)
        .public_key(csr.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(issuer.key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def test_certificates_through_sim_security_under_the_real_manager(
    station: ManagedSystem, csms: ThreadedCsms, pki: CertFactory
) -> None:
    log, after = booted(station, csms)
    ids = {"certificateType": CSMS_ROOT}
    assert csms.call("GetInstalledCertificateIds", ids) == {"status": "NotFound"}

    # Install, list, delete: the store answers every step over MQTT.
    root = pki.authority("csms-root")
    assert _install(csms, root) == {"status": "Accepted"}
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
    signed = csms.call("CertificateSigned", {"certificateChain": _sign(csr, root)})
    assert signed == {"status": "Accepted"}
    stopped_cleanly(station, log)
