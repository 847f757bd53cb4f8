"""Only CA certificates issue: a chain through an end-entity certificate is not valid (it would
let any leaf under the manufacturer root sign "firmware signing certificates"), and a CA store
refuses a self-signed certificate that is not a CA."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from everest_py.generated.types import evse_security as sec
from everest_py.ocpp16.simulation.security import SimulatedEvseSecurity
from everest_py.ocpp16.simulation.security_pki import verify_chain

Key = ec.EllipticCurvePrivateKey


def certificate(subject: str, issuer: str, key: Key, issuer_key: Key, ca: bool) -> x509.Certificate:
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def keys(count: int) -> list[Key]:
    return [ec.generate_private_key(ec.SECP256R1()) for _ in range(count)]


def test_a_chain_through_an_end_entity_certificate_is_not_valid() -> None:
    root_key, leaf_key, signer_key = keys(3)
    root = certificate("MF root", "MF root", root_key, root_key, ca=True)
    end_entity = certificate("end entity", "MF root", leaf_key, root_key, ca=False)
    forged = certificate("signer", "end entity", signer_key, leaf_key, ca=False)
    assert verify_chain([end_entity], [root]) is sec.CertificateValidationResult.Valid
    result = verify_chain([forged, end_entity], [root])
    assert result is sec.CertificateValidationResult.InvalidChain


def test_an_anchor_that_is_not_a_ca_validates_nothing() -> None:
    anchor_key, leaf_key = keys(2)
    anchor = certificate("not a CA", "not a CA", anchor_key, anchor_key, ca=False)
    leaf = certificate("leaf", "not a CA", leaf_key, anchor_key, ca=False)
    assert verify_chain([leaf], [anchor]) is sec.CertificateValidationResult.InvalidChain


async def test_the_store_refuses_a_self_signed_certificate_that_is_not_a_ca(
    tmp_path: Path,
) -> None:
    (key,) = keys(1)
    not_ca = certificate("self", "self", key, key, ca=False)
    store = SimulatedEvseSecurity(tmp_path / "store")
    text = not_ca.public_bytes(serialization.Encoding.PEM).decode()
    result = await store.handle_install_ca_certificate(text, sec.CaCertificateType.MF)
    assert result is sec.InstallCertificateResult.InvalidCertificateChain
