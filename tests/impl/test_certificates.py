"""Certificate management end to end: a schema-validating loopback CSMS drives
ExtendedTriggerMessage(SignChargePointCertificate) → SignCertificate.req → CertificateSigned,
InstallCertificate, GetInstalledCertificateIds and DeleteCertificate on a charge point whose
evse_security is the simulated station's certificate store."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509

from everest_py.generated.types import evse_security as sec
from everest_py.generated.types.ocpp import SecurityEvent
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.simulated import SimulatedChargePoint
from tests.security.certs import Authority, CertFactory, pem_text, sign_csr

WAIT = 20.0
CP_ID = "CERT-CP-1"
CPO = "Example CPO"
CSMS_ROOT = "CentralSystemRootCertificate"
MF_ROOT = "ManufacturerRootCertificate"


@dataclasses.dataclass
class Setup:
    csms: LoopbackCsms
    charge_point: SimulatedChargePoint
    pki: CertFactory

    async def call(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        return await self.csms.call(CP_ID, action, payload)

    async def install(self, use: str, authority: Authority) -> str:
        answer = await self.call(
            "InstallCertificate", {"certificateType": use, "certificate": authority.pem.read_text()}
        )
        return str(answer["status"])

    async def csr(self) -> x509.CertificateSigningRequest:
        since = len(self.csms.received)
        trigger = {"requestedMessage": "SignChargePointCertificate"}
        assert await self.call("ExtendedTriggerMessage", trigger) == {"status": "Accepted"}
        request = await self.csms.wait_for("SignCertificate", since=since, timeout=WAIT)
        return x509.load_pem_x509_csr(str(request.payload["csr"]).encode())

    async def security_event(self, event_type: str) -> dict[str, Any]:
        found = await self.csms.wait_for(
            "SecurityEventNotification",
            lambda r: r.payload["type"] == event_type,
            timeout=WAIT,
        )
        return found.payload


async def started(
    csms: LoopbackCsms,
    tmp_path: Path,
    configuration: dict[str, str],
    identity: dict[str, str] | None = None,
) -> SimulatedChargePoint:
    settings = build_settings(
        {
            "csms_url": csms.url,
            "charge_point_id": CP_ID,
            "data_dir": str(tmp_path / "data"),
            "configuration": configuration,
            **({"identity": identity} if identity else {}),
        },
        {},
        "test",
    )
    charge_point = SimulatedChargePoint(settings)
    await charge_point.start()
    await csms.wait_for("BootNotification", timeout=WAIT)
    await csms.wait_until(lambda: charge_point.app.core.session.registration.value == "Accepted")
    return charge_point


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    yield server
    assert not server.violations, [v.problem for v in server.violations]
    await server.close()


@pytest.fixture
async def setup(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[Setup]:
    keys = {"CpoName": CPO, "CertificateStoreMaxLength": "3", "WebSocketPingInterval": "0"}
    charge_point = await started(csms, tmp_path, keys)
    yield Setup(csms, charge_point, CertFactory(tmp_path / "pki"))
    await charge_point.close()


async def test_a_csr_signed_by_the_csms_root_becomes_the_charge_point_certificate(
    setup: Setup,
) -> None:
    root = setup.pki.authority("csms-root")
    assert await setup.install(CSMS_ROOT, root) == "Accepted"
    csr = await setup.csr()
    assert csr.is_signature_valid
    subject = {attribute.oid: attribute.value for attribute in csr.subject}
    assert subject[x509.NameOID.COMMON_NAME] == CP_ID
    assert subject[x509.NameOID.ORGANIZATION_NAME] == CPO
    answer = await setup.call(
        "CertificateSigned", {"certificateChain": pem_text(sign_csr(csr, root))}
    )
    assert answer == {"status": "Accepted"}
    store = setup.charge_point.station.security.store
    status, infos = store.leaf_infos(sec.LeafCertificateType.CSMS)
    assert status is sec.GetCertificateInfoStatus.Accepted and len(infos) == 1
    # The certificate is the client certificate a profile 3 connection would use.
    files = setup.charge_point.app.core.certificates.tls.files()
    assert files.client_cert == Path(infos[0].certificate or "")
    # And the installed root is what a profile 2 or 3 connection verifies the CSMS with.
    assert files.ca_bundle is not None
    assert x509.load_pem_x509_certificates(files.ca_bundle.read_bytes()) == [root.cert]


async def test_a_certificate_for_another_key_is_rejected_with_a_security_event(
    setup: Setup,
) -> None:
    root = setup.pki.authority("csms-root")
    assert await setup.install(CSMS_ROOT, root) == "Accepted"
    await setup.csr()
    stranger = setup.pki.client("stranger", root, common_name=CP_ID)
    answer = await setup.call("CertificateSigned", {"certificateChain": stranger.cert.read_text()})
    assert answer == {"status": "Rejected"}
    event = await setup.security_event("InvalidChargePointCertificate")
    assert "WriteError" in event.get("techInfo", "")


async def test_a_certificate_of_an_unknown_root_is_rejected(setup: Setup) -> None:
    csr = await setup.csr()
    other = setup.pki.authority("other-root")
    answer = await setup.call(
        "CertificateSigned", {"certificateChain": pem_text(sign_csr(csr, other))}
    )
    assert answer == {"status": "Rejected"}
    await setup.security_event("InvalidChargePointCertificate")


async def test_a_chain_over_certificate_signed_max_chain_size_is_rejected(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    keys = {"CpoName": CPO, "CertificateSignedMaxChainSize": "300"}
    charge_point = await started(csms, tmp_path, keys)
    try:
        pki = CertFactory(tmp_path / "pki")
        root = pki.authority("csms-root")
        setup = Setup(csms, charge_point, pki)
        assert await setup.install(CSMS_ROOT, root) == "Accepted"
        chain = pem_text(sign_csr(await setup.csr(), root))
        assert len(chain) > 300
        assert await setup.call("CertificateSigned", {"certificateChain": chain}) == {
            "status": "Rejected"
        }
        event = await setup.security_event("InvalidChargePointCertificate")
        assert "CertificateSignedMaxChainSize" in event["techInfo"]
        store = charge_point.station.security.store
        assert store.leaf_infos(sec.LeafCertificateType.CSMS)[0] is (
            sec.GetCertificateInfoStatus.NotFound
        )
    finally:
        await charge_point.close()


async def test_install_list_and_delete_roots(setup: Setup) -> None:
    ids = {"certificateType": MF_ROOT}
    assert await setup.call("GetInstalledCertificateIds", ids) == {"status": "NotFound"}
    mf_root = setup.pki.authority("mf-root")
    assert await setup.install(MF_ROOT, mf_root) == "Accepted"
    listed = await setup.call("GetInstalledCertificateIds", ids)
    assert listed["status"] == "Accepted"
    [hash_data] = listed["certificateHashData"]
    assert hash_data["serialNumber"] == format(mf_root.cert.serial_number, "x")
    assert hash_data["hashAlgorithm"] == "SHA256"
    csms_ids = {"certificateType": CSMS_ROOT}
    assert await setup.call("GetInstalledCertificateIds", csms_ids) == {"status": "NotFound"}
    deleted = await setup.call("DeleteCertificate", {"certificateHashData": hash_data})
    assert deleted == {"status": "Accepted"}
    assert await setup.call("GetInstalledCertificateIds", ids) == {"status": "NotFound"}
    again = await setup.call("DeleteCertificate", {"certificateHashData": hash_data})
    assert again == {"status": "NotFound"}


async def test_bad_roots_are_rejected_and_a_full_store_refuses_more(setup: Setup) -> None:
    events: list[SecurityEvent] = []
    setup.charge_point.app.core.security_listeners.append(events.append)
    bad = {"certificateType": CSMS_ROOT, "certificate": "not a certificate"}
    assert await setup.call("InstallCertificate", bad) == {"status": "Rejected"}
    # Not critical: in the security log and on `security_event`, not sent to the CSMS.
    assert [(e.type, e.info) for e in events] == [
        ("InvalidCentralSystemCertificate", "InvalidFormat")
    ]
    for name in ("a", "b", "c"):  # CertificateStoreMaxLength is 3
        assert await setup.install(MF_ROOT, setup.pki.authority(name)) == "Accepted"
    assert await setup.install(CSMS_ROOT, setup.pki.authority("d")) == "Rejected"
    listed = await setup.call("GetInstalledCertificateIds", {"certificateType": MF_ROOT})
    assert len(listed["certificateHashData"]) == 3
    assert await setup.call("GetInstalledCertificateIds", {"certificateType": CSMS_ROOT}) == {
        "status": "NotFound"
    }


async def test_without_cpo_name_no_csr_is_asked_for(csms: LoopbackCsms, tmp_path: Path) -> None:
    charge_point = await started(csms, tmp_path, {})
    try:
        trigger = {"requestedMessage": "SignChargePointCertificate"}
        assert await csms.call(CP_ID, "ExtendedTriggerMessage", trigger) == {"status": "Rejected"}
        assert csms.calls("SignCertificate") == []
    finally:
        await charge_point.close()


async def test_the_whole_flow_under_run_simulate(csms: LoopbackCsms, tmp_path: Path) -> None:
    data = tmp_path / "data"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "run", "--simulate",
        "--csms", csms.url, "--id", CP_ID, "--data-dir", str(data),
        stdin=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        setup = Setup(csms, None, CertFactory(tmp_path / "pki"))  # type: ignore[arg-type]
        root = setup.pki.authority("csms-root")
        assert await setup.install(CSMS_ROOT, root) == "Accepted"
        change = {"key": "CpoName", "value": CPO}
        assert await setup.call("ChangeConfiguration", change) == {"status": "Accepted"}
        answer = await setup.call(
            "CertificateSigned", {"certificateChain": pem_text(sign_csr(await setup.csr(), root))}
        )
        assert answer == {"status": "Accepted"}
        listed = await setup.call("GetInstalledCertificateIds", {"certificateType": CSMS_ROOT})
        assert listed["status"] == "Accepted" and len(listed["certificateHashData"]) == 1
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            code = await process.wait()
    assert code == 0
    # The simulated station's store is in the data directory: it outlives the process.
    assert list((data / "sim-security" / "leaf" / "CSMS").glob("*.key"))


async def test_a_root_installed_by_another_module_reaches_the_tls_files(setup: Setup) -> None:
    # Not through OCPP: the store publishes certificate_store_update, the charge point asks
    # for the files again.
    certificates = setup.charge_point.app.core.certificates
    assert certificates.tls.files().ca_bundle is None
    root = setup.pki.authority("csms-root")
    security = setup.charge_point.station.security
    installed = await security.handle_install_ca_certificate(
        root.pem.read_text(), sec.CaCertificateType.CSMS
    )
    assert installed is sec.InstallCertificateResult.Accepted
    await certificates.settled()
    bundle = certificates.tls.files().ca_bundle
    assert bundle is not None
    assert x509.load_pem_x509_certificates(bundle.read_bytes()) == [root.cert]


async def test_the_csr_names_the_serial_number_when_one_is_configured(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    """CN: the charge point's serial number (whitepaper, libocpp), else its id (above)."""
    keys = {"CpoName": CPO, "WebSocketPingInterval": "0"}
    charge_point = await started(csms, tmp_path, keys, {"serial_number": "SN-0042"})
    try:
        csr = await Setup(csms, charge_point, CertFactory(tmp_path / "pki")).csr()
        subject = {attribute.oid: attribute.value for attribute in csr.subject}
        assert subject[x509.NameOID.COMMON_NAME] == "SN-0042"
    finally:
        await charge_point.close()
