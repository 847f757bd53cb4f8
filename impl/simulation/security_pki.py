"""X.509 work of the simulated evse_security module (pure functions over `cryptography`): PEM
chains, OCPP's certificate hash data, chain verification, keys and CSRs, file signatures."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import NameOID

from everest_py.generated.types import evse_security as _security

__all__ = [
    "PemError",
    "fingerprint",
    "hash_data",
    "hash_data_matches",
    "is_self_signed",
    "new_key_and_csr",
    "parse_chain",
    "pem",
    "same_public_key",
    "signed_by",
    "verify_chain",
    "verify_file_signature",
]

_HASHES: dict[_security.HashAlgorithm, type[hashes.HashAlgorithm]] = {
    _security.HashAlgorithm.SHA256: hashes.SHA256,
    _security.HashAlgorithm.SHA384: hashes.SHA384,
    _security.HashAlgorithm.SHA512: hashes.SHA512,
}
MAX_CHAIN = 8  # certificates one PEM text may hold (a leaf, sub-CAs and a root)
_Result = _security.CertificateValidationResult


class PemError(ValueError):
    """Not a PEM certificate (chain); the message says what is wrong."""


def parse_chain(text: str) -> list[x509.Certificate]:
    """The certificates of a PEM text, in order (the leaf first for a chain)."""
    if not isinstance(text, str) or "-----BEGIN CERTIFICATE-----" not in text:
        raise PemError("no PEM certificate in the text")
    try:
        certificates = x509.load_pem_x509_certificates(text.encode())
    except ValueError as error:
        raise PemError(f"not a PEM certificate: {error}") from None
    if len(certificates) > MAX_CHAIN:
        raise PemError(f"{len(certificates)} certificates, at most {MAX_CHAIN}")
    return certificates


def pem(certificates: Sequence[x509.Certificate]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certificates)


def fingerprint(certificate: x509.Certificate) -> str:
    return certificate.fingerprint(hashes.SHA256()).hex()


def is_ca(certificate: x509.Certificate) -> bool:
    """Whether the certificate may issue others: basicConstraints CA:TRUE, and keyCertSign when
    it has a keyUsage (RFC 5280 4.2.1.9, 4.2.1.3)."""
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    if not constraints.value.ca:
        return False
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    except x509.ExtensionNotFound:
        return True
    return bool(usage.value.key_cert_sign)


def is_self_signed(certificate: x509.Certificate) -> bool:
    return certificate.issuer == certificate.subject and signed_by(certificate, certificate)


def signed_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether `issuer` (by name and signature) issued `certificate`."""
    if certificate.issuer != issuer.subject:
        return False
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def valid_now(certificate: x509.Certificate, now: datetime | None = None) -> bool:
    moment = now or datetime.now(UTC)
    return certificate.not_valid_before_utc <= moment <= certificate.not_valid_after_utc


def hash_data(
    certificate: x509.Certificate,
    issuer: x509.Certificate,
    algorithm: _security.HashAlgorithm = _security.HashAlgorithm.SHA256,
) -> _security.CertificateHashData:
    """OCPP's CertificateHashData: hashes of the issuer's name and key (as in an OCSP CertID)
    and the serial number in hex without leading zeroes."""
    request = (
        ocsp.OCSPRequestBuilder().add_certificate(certificate, issuer, _HASHES[algorithm]()).build()
    )
    return _security.CertificateHashData(
        hash_algorithm=algorithm,
        issuer_name_hash=request.issuer_name_hash.hex(),
        issuer_key_hash=request.issuer_key_hash.hex(),
        serial_number=format(certificate.serial_number, "x"),
    )


def hash_data_matches(
    wanted: _security.CertificateHashData, certificate: x509.Certificate, issuer: x509.Certificate
) -> bool:
    mine = hash_data(certificate, issuer, wanted.hash_algorithm)
    return (
        mine.issuer_name_hash == wanted.issuer_name_hash.lower()
        and mine.issuer_key_hash == wanted.issuer_key_hash.lower()
        and mine.serial_number == (wanted.serial_number.lower().lstrip("0") or "0")
    )


def verify_chain(
    chain: Sequence[x509.Certificate],
    trusted: Sequence[x509.Certificate],
    now: datetime | None = None,
) -> _security.CertificateValidationResult:
    """Whether chain[0] leads, through the other certificates of `chain`, to one in `trusted`
    (self-signed certificates in `chain` are not trusted for that)."""
    if not trusted:
        return _Result.IssuerNotFound
    untrusted = [c for c in chain[1:] if not is_self_signed(c)]
    current, seen = chain[0], 0
    while seen <= MAX_CHAIN:
        seen += 1
        if not valid_now(current, now):
            return _Result.Expired
        anchor = next((c for c in trusted if c.subject == current.issuer), None)
        if anchor is not None:
            if not is_ca(anchor):
                return _Result.InvalidChain  # an end-entity certificate issues nothing
            if not signed_by(current, anchor):
                return _Result.InvalidLeafSignature if seen == 1 else _Result.InvalidSignature
            return _Result.Valid if valid_now(anchor, now) else _Result.Expired
        parent = next((c for c in untrusted if c.subject == current.issuer), None)
        if parent is None:
            return _Result.IssuerNotFound
        if not is_ca(parent):
            return _Result.InvalidChain
        if not signed_by(current, parent):
            return _Result.InvalidLeafSignature if seen == 1 else _Result.InvalidSignature
        current = parent
    return _Result.InvalidChain


def same_public_key(certificate: x509.Certificate, key_pem: bytes) -> bool:
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return False
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return bool(
        certificate.public_key().public_bytes(*spki) == key.public_key().public_bytes(*spki)
    )


def new_key_and_csr(country: str, organization: str, common: str) -> tuple[bytes, str]:
    """A new EC P-256 key (PEM, PKCS#8, unencrypted) and a CSR for it naming C, O and CN.
    Raises ValueError when a name part cannot go into a certificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [
        (NameOID.COUNTRY_NAME, country),
        (NameOID.ORGANIZATION_NAME, organization),
        (NameOID.COMMON_NAME, common),
    ]
    subject = x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes if value])
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, csr.public_bytes(serialization.Encoding.PEM).decode()


def verify_file_signature(data: bytes, signing_certificate: str, signature: str) -> bool:
    """Whether `signature` (base64) is the signing certificate's SHA-256 signature of `data`."""
    try:
        certificate = parse_chain(signing_certificate)[0]
        raw = base64.b64decode(signature, validate=True)
    except (PemError, binascii.Error, ValueError):
        return False
    key = certificate.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(raw, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(raw, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except InvalidSignature:
        return False
    return True


def key_name(key_pem: bytes) -> str:
    """A file name for a key that does not reveal it: a digest of its public half."""
    key = serialization.load_pem_private_key(key_pem, password=None)
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(public).hexdigest()[:32]
