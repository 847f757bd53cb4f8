"""Test certificate factory: CAs, server and client certificates as PEM files (EC P-256)."""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Authority:
    name: str
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    pem: Path


@dataclass(frozen=True)
class Identity:
    cert: Path
    key: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class CertFactory:
    """Writes every certificate it makes into `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def authority(self, name: str) -> Authority:
        key = ec.generate_private_key(ec.SECP256R1())
        now = _now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        pem = self.directory / f"{name}.pem"
        pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return Authority(name, key, cert, pem)

    def server(
        self,
        name: str,
        issuer: Authority,
        *,
        hosts: tuple[str, ...] = (LOOPBACK, "localhost"),
        expired: bool = False,
    ) -> Identity:
        alt_names: list[x509.GeneralName] = []
        for host in hosts:
            try:
                alt_names.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                alt_names.append(x509.DNSName(host))
        return self._leaf(
            name,
            issuer,
            common_name=hosts[0],
            usage=ExtendedKeyUsageOID.SERVER_AUTH,
            alt_names=alt_names,
            expired=expired,
        )

    def client(self, name: str, issuer: Authority, *, common_name: str) -> Identity:
        return self._leaf(
            name, issuer, common_name=common_name, usage=ExtendedKeyUsageOID.CLIENT_AUTH
        )

    def _leaf(
        self,
        name: str,
        issuer: Authority,
        *,
        common_name: str,
        usage: x509.ObjectIdentifier,
        alt_names: list[x509.GeneralName] | None = None,
        expired: bool = False,
    ) -> Identity:
        key = ec.generate_private_key(ec.SECP256R1())
        now = _now()
        if expired:
            not_before, not_after = now - datetime.timedelta(days=60), now - datetime.timedelta(
                days=1
            )
        else:
            not_before, not_after = now - datetime.timedelta(days=1), now + datetime.timedelta(
                days=30
            )
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(issuer.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
                critical=False,
            )
        )
        if alt_names:
            builder = builder.add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        cert = builder.sign(issuer.key, hashes.SHA256())
        cert_path = self.directory / f"{name}.crt"
        key_path = self.directory / f"{name}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return Identity(cert_path, key_path)


@dataclass(frozen=True)
class Pki:
    """Everything the profile tests need."""

    ca: Authority
    other_ca: Authority
    server: Identity
    server_wrong_host: Identity
    server_expired: Identity
    server_other_ca: Identity
    client: Identity
    client_other_ca: Identity


def build_test_pki(directory: Path, cp_id: str) -> Pki:
    factory = CertFactory(directory)
    ca = factory.authority("test-ca")
    other_ca = factory.authority("other-ca")
    return Pki(
        ca=ca,
        other_ca=other_ca,
        server=factory.server("server", ca),
        server_wrong_host=factory.server("server-wrong-host", ca, hosts=("csms.invalid",)),
        server_expired=factory.server("server-expired", ca, expired=True),
        server_other_ca=factory.server("server-other-ca", other_ca),
        client=factory.client("client", ca, common_name=cp_id),
        client_other_ca=factory.client("client-other-ca", other_ca, common_name=cp_id),
    )


def sign_csr(
    csr: x509.CertificateSigningRequest | str, issuer: Authority, days: int = 30
) -> x509.Certificate:
    """The certificate `issuer` signs for a CSR (parsed or PEM text): the CSR's subject and key,
    valid from yesterday for `days` days."""
    if isinstance(csr, str):
        csr = x509.load_pem_x509_csr(csr.encode())
    now = _now()
    return (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(issuer.cert.subject)
        .public_key(csr.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .sign(issuer.key, hashes.SHA256())
    )


def pem_text(*certificates: x509.Certificate) -> str:
    """A PEM chain of `certificates`, in order."""
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certificates)
