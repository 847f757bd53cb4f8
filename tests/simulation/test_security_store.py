"""The simulated evse_security store: CA installs (roots, sub-CAs, bad input, the bound),
hash data round trips, CSR → leaf with the key check, chain verification, TLS file paths."""

from __future__ import annotations

import base64
import datetime
import stat
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from everest_py.generated.interfaces.evse_security import EvseSecurityClient, EvseSecurityPublisher
from everest_py.generated.types import evse_security as sec
from everest_py.ocpp16.simulation import everest_modules
from everest_py.ocpp16.simulation.security import (
    MAX_LEAVES,
    MAX_PENDING_KEYS,
    SimulatedEvseSecurity,
)
from everest_py.runtime import InProcessBus, Module
from tests.security.certs import Authority, CertFactory, pem_text, sign_csr

Ca, Leaf, Install = sec.CaCertificateType, sec.LeafCertificateType, sec.InstallCertificateResult


def text(authority: Authority) -> str:
    return authority.pem.read_text()


def sub_ca(factory_dir: Path, name: str, issuer: Authority) -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(issuer.key, hashes.SHA256())
    )
    path = factory_dir / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Authority(name, key, cert, path)


@pytest.fixture
def pki(tmp_path: Path) -> CertFactory:
    return CertFactory(tmp_path / "pki")


@pytest.fixture
def security(tmp_path: Path) -> SimulatedEvseSecurity:
    return SimulatedEvseSecurity(tmp_path / "store", max_entries=3)


async def test_a_root_installs_and_lists_and_deletes_by_its_hash_data(
    security: SimulatedEvseSecurity, pki: CertFactory
) -> None:
    root = pki.authority("csms-root")
    assert await security.handle_install_ca_certificate(text(root), Ca.CSMS) is Install.Accepted
    assert await security.handle_is_ca_certificate_installed(Ca.CSMS)
    assert not await security.handle_is_ca_certificate_installed(Ca.MF)
    listed = await security.handle_get_installed_certificates(
        [sec.CertificateType.CSMSRootCertificate]
    )
    assert listed.status is sec.GetInstalledCertificatesStatus.Accepted
    [entry] = listed.certificate_hash_data_chain
    assert entry.certificate_hash_data.serial_number == format(root.cert.serial_number, "x")
    none = await security.handle_get_installed_certificates([sec.CertificateType.MFRootCertificate])
    assert none.status is sec.GetInstalledCertificatesStatus.NotFound
    hash_data = entry.certificate_hash_data
    deleted = await security.handle_delete_certificate(hash_data)
    assert deleted is sec.DeleteCertificateResult.Accepted
    again = await security.handle_delete_certificate(hash_data)
    assert again is sec.DeleteCertificateResult.NotFound
    assert not await security.handle_is_ca_certificate_installed(Ca.CSMS)
    assert await security.handle_get_verify_file(Ca.CSMS) == ""


async def test_bad_certificates_are_refused_with_their_reason(
    security: SimulatedEvseSecurity, pki: CertFactory, tmp_path: Path
) -> None:
    assert await security.handle_install_ca_certificate("junk", Ca.CSMS) is Install.InvalidFormat
    truncated = text(pki.authority("cut"))[:200] + "\n-----END CERTIFICATE-----\n"
    assert await security.handle_install_ca_certificate(truncated, Ca.CSMS) is Install.InvalidFormat
    root = pki.authority("root")
    orphan = sub_ca(tmp_path, "orphan", root)
    result = await security.handle_install_ca_certificate(orphan.pem.read_text(), Ca.MF)
    assert result is Install.NoRootCertificateInstalled
    expired = pki.server("expired", root, expired=True)
    result = await security.handle_install_ca_certificate(expired.cert.read_text(), Ca.MF)
    assert result is Install.Expired
    assert security.store.ca_count() == 0


async def test_a_sub_ca_of_an_installed_root_installs_and_the_store_has_a_bound(
    security: SimulatedEvseSecurity, pki: CertFactory, tmp_path: Path
) -> None:
    root = pki.authority("mf-root")
    assert await security.handle_install_ca_certificate(text(root), Ca.MF) is Install.Accepted
    sub = sub_ca(tmp_path, "mf-sub", root)
    assert await security.handle_install_ca_certificate(sub.pem.read_text(), Ca.MF) is (
        Install.Accepted
    )
    # The same certificate again is no new entry.
    assert await security.handle_install_ca_certificate(text(root), Ca.MF) is Install.Accepted
    assert await security.handle_install_ca_certificate(text(pki.authority("c")), Ca.CSMS) is (
        Install.Accepted
    )
    full = await security.handle_install_ca_certificate(text(pki.authority("d")), Ca.CSMS)
    assert full is Install.CertificateStoreMaxLengthExceeded


async def test_csr_then_signed_leaf_is_installed_only_with_our_key(
    security: SimulatedEvseSecurity, pki: CertFactory, tmp_path: Path
) -> None:
    root = pki.authority("csms-root")
    await security.handle_install_ca_certificate(text(root), Ca.CSMS)
    result = await security.handle_generate_certificate_signing_request(
        Leaf.CSMS, "DE", "Example CPO", "CP-1", False
    )
    assert result.status is sec.GetCertificateSignRequestStatus.Accepted and result.csr
    csr = x509.load_pem_x509_csr(result.csr.encode())
    assert csr.is_signature_valid
    names = {a.oid: a.value for a in csr.subject}
    assert names[x509.NameOID.COMMON_NAME] == "CP-1"
    assert names[x509.NameOID.ORGANIZATION_NAME] == "Example CPO"
    info = await security.handle_get_leaf_certificate_info(Leaf.CSMS, sec.EncodingFormat.PEM, False)
    assert info.status is sec.GetCertificateInfoStatus.NotFound
    # A certificate for a key the store never made is refused.
    stranger = pki.client("stranger", root, common_name="CP-1")
    refused = await security.handle_update_leaf_certificate(stranger.cert.read_text(), Leaf.CSMS)
    assert refused is Install.WriteError
    # Signed by a root that is not installed: refused.
    other = pki.authority("other-root")
    wrong_root = pem_text(sign_csr(result.csr, other))
    refused = await security.handle_update_leaf_certificate(wrong_root, Leaf.CSMS)
    assert refused is Install.NoRootCertificateInstalled
    leaf = sign_csr(result.csr, root)
    assert await security.handle_update_leaf_certificate(pem_text(leaf), Leaf.CSMS) is (
        Install.Accepted
    )
    info = await security.handle_get_leaf_certificate_info(Leaf.CSMS, sec.EncodingFormat.PEM, False)
    assert info.status is sec.GetCertificateInfoStatus.Accepted and info.info is not None
    key_path = Path(info.info.key)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert x509.load_pem_x509_certificate(Path(info.info.certificate or "").read_bytes()) == leaf
    assert await security.handle_get_leaf_expiry_days_count(Leaf.CSMS) in (28, 29, 30)
    # The charge point's own certificate may not be deleted.
    hashes_ = await security.handle_get_installed_certificates(
        [sec.CertificateType.CSMSRootCertificate]
    )
    assert len(hashes_.certificate_hash_data_chain) == 1


async def test_verify_certificate_against_the_roots_of_a_type(
    security: SimulatedEvseSecurity, pki: CertFactory, tmp_path: Path
) -> None:
    mf_root = pki.authority("mf-root")
    signer = pki.client("signer", mf_root, common_name="firmware")
    chain = signer.cert.read_text()
    assert await security.handle_verify_certificate(chain, [Leaf.MF]) is (
        sec.CertificateValidationResult.IssuerNotFound
    )
    await security.handle_install_ca_certificate(text(mf_root), Ca.MF)
    assert await security.handle_verify_certificate(chain, [Leaf.MF]) is (
        sec.CertificateValidationResult.Valid
    )
    assert await security.handle_verify_certificate(chain, [Leaf.CSMS]) is (
        sec.CertificateValidationResult.IssuerNotFound
    )
    # Through a sub-CA carried in the chain.
    sub = sub_ca(tmp_path, "mf-sub", mf_root)
    deep = pki.client("deep", sub, common_name="firmware")
    assert (
        await security.handle_verify_certificate(
            deep.cert.read_text() + sub.pem.read_text(), [Leaf.MF]
        )
        is sec.CertificateValidationResult.Valid
    )
    expired = pki.server("old", mf_root, expired=True)
    assert await security.handle_verify_certificate(expired.cert.read_text(), [Leaf.MF]) is (
        sec.CertificateValidationResult.Expired
    )
    assert await security.handle_verify_certificate("nope", [Leaf.MF]) is (
        sec.CertificateValidationResult.Unknown
    )


async def test_file_signature(
    security: SimulatedEvseSecurity, pki: CertFactory, tmp_path: Path
) -> None:
    root = pki.authority("mf-root")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "fw")]))
        .issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(root.key, hashes.SHA256())
    )
    firmware = tmp_path / "fw.bin"
    firmware.write_bytes(b"firmware image")
    signature = base64.b64encode(key.sign(b"firmware image", ec.ECDSA(hashes.SHA256()))).decode()
    assert await security.handle_verify_file_signature(str(firmware), pem_text(cert), signature)
    firmware.write_bytes(b"tampered image")
    assert not await security.handle_verify_file_signature(str(firmware), pem_text(cert), signature)
    assert not await security.handle_verify_file_signature(
        str(tmp_path / "none"), pem_text(cert), signature
    )


async def test_served_on_a_bus_it_publishes_store_updates(tmp_path: Path, pki: CertFactory) -> None:
    bus = InProcessBus()
    security = SimulatedEvseSecurity(tmp_path / "store")
    provider = Module("sim_security", bus.transport())
    provider.provide("main", security)
    security.attach(provider.publisher(EvseSecurityPublisher, "main"))
    user = Module("user", bus.transport())
    client = user.require(EvseSecurityClient, module_id="sim_security", impl_id="main")
    updates: list[sec.CertificateStoreUpdate] = []
    client.subscribe_certificate_store_update(updates.append)
    await provider.start()
    await user.start()
    try:
        root = pki.authority("root")
        assert await client.install_ca_certificate(text(root), Ca.CSMS) is Install.Accepted
        bundle = await client.get_verify_file(Ca.CSMS)
        assert x509.load_pem_x509_certificates(Path(bundle).read_bytes()) == [root.cert]
        assert updates and updates[-1].ca_certificate_type is Ca.CSMS
    finally:
        await user.stop()
        await provider.stop()


def test_the_sim_security_manifest_matches_the_module() -> None:
    manifests = Path(__file__).resolve().parents[2] / "impl" / "simulation" / "manifests"
    manifest = yaml.safe_load((manifests / "SimSecurity" / "manifest.yaml").read_text())
    assert {impl["interface"] for impl in manifest["provides"].values()} == {"evse_security"}
    assert set(manifest["config"]) == {"store_dir", "max_entries"}  # what setup() reads
    assert "SimSecurity" in everest_modules._MAINS


async def test_keys_and_leaves_are_bounded(
    security: SimulatedEvseSecurity, pki: CertFactory
) -> None:
    root = pki.authority("csms-root")
    await security.handle_install_ca_certificate(text(root), Ca.CSMS)
    store = security.store.directory
    csrs = []
    for _ in range(MAX_PENDING_KEYS + 3):
        result = await security.handle_generate_certificate_signing_request(
            Leaf.CSMS, "DE", "CPO", "CP-1", False
        )
        csrs.append(result.csr or "")
    assert len(list((store / "pending" / "CSMS").glob("*.key"))) == MAX_PENDING_KEYS
    installed = [
        await security.handle_update_leaf_certificate(pem_text(sign_csr(csr, root)), Leaf.CSMS)
        for csr in csrs[-(MAX_LEAVES + 2) :]
    ]
    assert installed == [Install.Accepted] * (MAX_LEAVES + 2)
    assert len(list((store / "leaf" / "CSMS").glob("*.key"))) == MAX_LEAVES
    # The newest is kept, and is the one in use.
    info = await security.handle_get_leaf_certificate_info(Leaf.CSMS, sec.EncodingFormat.PEM, False)
    newest = x509.load_pem_x509_csr(csrs[-1].encode()).public_key()
    assert info.info is not None
    in_use = x509.load_pem_x509_certificate(Path(info.info.certificate_single or "").read_bytes())
    assert in_use.public_key() == newest
