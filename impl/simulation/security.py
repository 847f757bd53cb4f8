"""The simulated station's evse_security module: a certificate store in files, as EVerest's
EvseSecurity keeps one (CA certificates per type, leaf certificates with their keys).

Layout under the store directory (every write atomic and fsynced before the answer):

- ``ca/<CaCertificateType>/<sha256>.pem``: one installed CA certificate per file
- ``verify/<CaCertificateType>.pem``: the bundle of them (``get_verify_file``)
- ``leaf/<LeafCertificateType>/<id>.pem`` (chain), ``<id>.single.pem``, ``<id>.key``
- ``pending/<LeafCertificateType>/<id>.key``: keys of CSRs not answered yet (the newest
  ``MAX_PENDING_KEYS`` are kept)

Private keys are files with mode 0600 and never appear in a log line.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from cryptography import x509

from everest_py.generated.interfaces.evse_security import (
    EvseSecurityHandler,
    EvseSecurityPublisher,
)
from everest_py.generated.types import evse_security as _security
from everest_py.runtime.hosting import ModuleContext, ModuleHooks

from ..fsutil import fsync_directory, replace_durably
from .security_pki import (
    PemError,
    fingerprint,
    hash_data,
    hash_data_matches,
    is_ca,
    is_self_signed,
    key_name,
    new_key_and_csr,
    parse_chain,
    pem,
    same_public_key,
    valid_now,
    verify_chain,
    verify_file_signature,
)

__all__ = ["DEFAULT_MAX_ENTRIES", "CertificateStore", "SimulatedEvseSecurity"]

_log = logging.getLogger(__name__)

DEFAULT_MAX_ENTRIES = 100  # CA certificates the store holds (EVerest's store has such a bound)
MAX_PENDING_KEYS = 8  # per leaf type: a CSMS triggering CSRs in a loop cannot fill the disk
MAX_LEAVES = 4  # per leaf type, the newest kept (as EVerest's store collects old ones)
Ca, Leaf = _security.CaCertificateType, _security.LeafCertificateType
Install = _security.InstallCertificateResult
Validation = _security.CertificateValidationResult
InfoStatus = _security.GetCertificateInfoStatus
T = TypeVar("T")

# Which CA type anchors which leaf type, and which CA type a CertificateType names.
_ROOT_OF_LEAF = {Leaf.CSMS: Ca.CSMS, Leaf.V2G: Ca.V2G, Leaf.MF: Ca.MF, Leaf.MO: Ca.MO}
_CA_OF_TYPE = {
    _security.CertificateType.V2GRootCertificate: Ca.V2G,
    _security.CertificateType.MORootCertificate: Ca.MO,
    _security.CertificateType.CSMSRootCertificate: Ca.CSMS,
    _security.CertificateType.MFRootCertificate: Ca.MF,
}
_TYPE_OF_CA = {ca: kind for kind, ca in _CA_OF_TYPE.items()}
_LEAF_TYPES = (Leaf.CSMS, Leaf.V2G)  # the leaves a charging station holds keys for
_INSTALL_OF_VALIDATION = {
    Validation.Expired: Install.Expired,
    Validation.InvalidSignature: Install.InvalidSignature,
    Validation.InvalidLeafSignature: Install.InvalidSignature,
    Validation.IssuerNotFound: Install.NoRootCertificateInstalled,
    Validation.InvalidChain: Install.InvalidCertificateChain,
    Validation.Unknown: Install.InvalidFormat,
}


@dataclass(frozen=True)
class _Leaf:
    chain_path: Path
    single_path: Path
    key_path: Path
    chain: list[x509.Certificate]


class CertificateStore:
    """The store's files; every method is blocking (the handler runs them in a thread)."""

    def __init__(self, directory: Path, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.directory = Path(directory)
        self.max_entries = max_entries

    # -- CA certificates ------------------------------------------------------------------

    def install_ca(self, text: str, kind: _security.CaCertificateType) -> Install:
        try:
            certificates = parse_chain(text)
        except PemError as error:
            _log.warning("install %s CA certificate: %s", kind.value, error)
            return Install.InvalidFormat
        if any(not valid_now(c) for c in certificates):
            return Install.Expired
        installed = self.cas(kind)
        problem = _ca_problem(certificates, installed)
        if problem is not None:
            return problem
        new = [c for c in certificates if fingerprint(c) not in {fingerprint(i) for i in installed}]
        if self.ca_count() + len(new) > self.max_entries:
            return Install.CertificateStoreMaxLengthExceeded
        try:
            for certificate in new:
                path = self._ca_dir(kind) / f"{fingerprint(certificate)}.pem"
                replace_durably(path, pem([certificate]).encode(), ".install-")
            self._write_bundle(kind)
        except OSError as error:
            _log.error("install %s CA certificate: cannot write: %s", kind.value, error)
            return Install.WriteError
        return Install.Accepted

    def cas(self, kind: _security.CaCertificateType) -> list[x509.Certificate]:
        return [c for _, c in self._ca_files(kind)]

    def ca_count(self) -> int:
        return sum(len(self._ca_files(kind)) for kind in Ca)

    def is_ca_installed(self, kind: _security.CaCertificateType) -> bool:
        return any(is_self_signed(c) and valid_now(c) for c in self.cas(kind))

    def verify_file(self, kind: _security.CaCertificateType) -> str:
        path = self._bundle_path(kind)
        return str(path) if self.cas(kind) and path.is_file() else ""

    def verify_location(self, kind: _security.CaCertificateType) -> str:
        # A directory of PEM files; OpenSSL's capath would also need hash-named links.
        return str(self._ca_dir(kind)) if self.cas(kind) else ""

    # -- delete and list --------------------------------------------------------------------

    def delete(
        self, wanted: _security.CertificateHashData
    ) -> tuple[_security.DeleteCertificateResult, _security.CaCertificateType | None]:
        """The result and the type of the CA certificate deleted."""
        Result = _security.DeleteCertificateResult
        for kind in Ca:
            pool = self.cas(kind)
            for path, certificate in self._ca_files(kind):
                issuer = _issuer_in(certificate, pool) or certificate
                if hash_data_matches(wanted, certificate, issuer):
                    try:
                        path.unlink()
                        fsync_directory(path.parent)
                        self._write_bundle(kind)
                    except OSError as error:
                        _log.error("delete %s CA certificate: %s", kind.value, error)
                        return Result.Failed, None
                    return Result.Accepted, kind
        for leaf_kind in _LEAF_TYPES:
            roots = self.cas(_ROOT_OF_LEAF[leaf_kind])
            for leaf in self._leaves(leaf_kind):
                pool = leaf.chain[1:] + roots
                issuer = _issuer_in(leaf.chain[0], pool) or leaf.chain[0]
                if hash_data_matches(wanted, leaf.chain[0], issuer):
                    # The charging station's own certificate may not be deleted (as EVerest's
                    # store answers): the connection may depend on it.
                    return Result.Failed, None
        return Result.NotFound, None

    def installed(
        self, kinds: list[_security.CertificateType]
    ) -> _security.GetInstalledCertificatesResult:
        chains: list[_security.CertificateHashDataChain] = []
        for kind in dict.fromkeys(kinds):
            if kind is _security.CertificateType.V2GCertificateChain:
                chains.extend(self._leaf_hash_chains(Leaf.V2G, kind))
                continue
            pool = self.cas(_CA_OF_TYPE[kind])
            for certificate in pool:
                issuer = _issuer_in(certificate, pool) or certificate
                chains.append(
                    _security.CertificateHashDataChain(
                        certificate_type=kind, certificate_hash_data=hash_data(certificate, issuer)
                    )
                )
        status = (
            _security.GetInstalledCertificatesStatus.Accepted
            if chains
            else _security.GetInstalledCertificatesStatus.NotFound
        )
        return _security.GetInstalledCertificatesResult(
            status=status, certificate_hash_data_chain=chains
        )

    def verify(self, text: str, kinds: list[_security.LeafCertificateType]) -> Validation:
        try:
            chain = parse_chain(text)
        except PemError:
            return Validation.Unknown
        trusted = [c for kind in dict.fromkeys(kinds) for c in self.cas(_ROOT_OF_LEAF[kind])]
        return verify_chain(chain, trusted)

    # -- leaf certificates and keys ---------------------------------------------------------

    def new_csr(
        self, kind: _security.LeafCertificateType, country: str, organization: str, common: str
    ) -> _security.GetCertificateSignRequestResult:
        Status = _security.GetCertificateSignRequestStatus
        if kind not in _LEAF_TYPES:
            return _security.GetCertificateSignRequestResult(status=Status.InvalidRequestedType)
        try:
            key, csr = new_key_and_csr(country, organization, common)
        except ValueError as error:
            _log.warning("CSR for %s not generated: %s", kind.value, error)
            return _security.GetCertificateSignRequestResult(status=Status.GenerationError)
        try:
            replace_durably(self._pending_dir(kind) / f"{key_name(key)}.key", key, ".key-")
            self._prune_pending(kind)
        except OSError as error:
            _log.error("CSR for %s: cannot store its key: %s", kind.value, error)
            return _security.GetCertificateSignRequestResult(status=Status.KeyGenError)
        return _security.GetCertificateSignRequestResult(status=Status.Accepted, csr=csr)

    def update_leaf(self, text: str, kind: _security.LeafCertificateType) -> Install:
        if kind not in _LEAF_TYPES:
            return Install.WriteError
        try:
            chain = parse_chain(text)
        except PemError as error:
            _log.warning("update %s leaf: %s", kind.value, error)
            return Install.InvalidFormat
        validation = self.verify(text, [kind])
        if validation is not Validation.Valid:
            _log.warning("update %s leaf: the chain is %s", kind.value, validation.value)
            return _INSTALL_OF_VALIDATION.get(validation, Install.InvalidCertificateChain)
        key_path = self._key_of(kind, chain[0])
        if key_path is None:
            _log.warning("update %s leaf: no key of ours belongs to the certificate", kind.value)
            return Install.WriteError
        name = key_path.stem
        directory = self._leaf_dir(kind)
        try:
            replace_durably(directory / f"{name}.pem", pem(chain).encode(), ".leaf-")
            replace_durably(directory / f"{name}.single.pem", pem(chain[:1]).encode(), ".leaf-")
            if key_path.parent != directory:
                os.replace(key_path, directory / f"{name}.key")
                fsync_directory(directory)
            self._prune_leaves(kind)
        except OSError as error:
            _log.error("update %s leaf: cannot write: %s", kind.value, error)
            return Install.WriteError
        return Install.Accepted

    def leaf_infos(
        self, kind: _security.LeafCertificateType
    ) -> tuple[InfoStatus, list[_security.CertificateInfo]]:
        """The valid leaves with their keys, newest first."""
        if kind not in _LEAF_TYPES:
            return InfoStatus.Rejected, []
        chains = self._leaf_chain_files(kind)
        if not chains:
            return InfoStatus.NotFound, []
        valid = [(path, chain) for path, chain in chains if valid_now(chain[0])]
        if not valid:
            return InfoStatus.NotFoundValid, []
        leaves = [leaf for leaf in self._leaves(kind) if valid_now(leaf.chain[0])]
        if not leaves:
            return InfoStatus.PrivateKeyNotFound, []
        leaves.sort(key=_age, reverse=True)
        roots = self.cas(_ROOT_OF_LEAF[kind])
        return InfoStatus.Accepted, [_info(leaf, roots) for leaf in leaves]

    def expiry_days(self, kind: _security.LeafCertificateType) -> int:
        status, infos = self.leaf_infos(kind)
        if status is not InfoStatus.Accepted:
            return 0
        leaf = parse_chain(Path(infos[0].certificate_single or "").read_text())[0]
        return max(0, (leaf.not_valid_after_utc - datetime.now(UTC)).days)

    # -- files --------------------------------------------------------------------------------

    def _ca_dir(self, kind: _security.CaCertificateType) -> Path:
        return self.directory / "ca" / kind.value

    def _bundle_path(self, kind: _security.CaCertificateType) -> Path:
        return self.directory / "verify" / f"{kind.value}.pem"

    def _leaf_dir(self, kind: _security.LeafCertificateType) -> Path:
        return self.directory / "leaf" / kind.value

    def _pending_dir(self, kind: _security.LeafCertificateType) -> Path:
        return self.directory / "pending" / kind.value

    def _ca_files(self, kind: _security.CaCertificateType) -> list[tuple[Path, x509.Certificate]]:
        files = []
        for path in sorted(self._ca_dir(kind).glob("*.pem")):
            try:
                files.append((path, parse_chain(path.read_text())[0]))
            except (PemError, OSError, UnicodeDecodeError) as error:
                _log.warning("CA store: %s skipped: %s", path, error)
        return files

    def _write_bundle(self, kind: _security.CaCertificateType) -> None:
        replace_durably(self._bundle_path(kind), pem(self.cas(kind)).encode(), ".bundle-")

    def _leaf_chain_files(
        self, kind: _security.LeafCertificateType
    ) -> list[tuple[Path, list[x509.Certificate]]]:
        chains = []
        for path in sorted(self._leaf_dir(kind).glob("*.pem")):
            if path.name.endswith(".single.pem"):
                continue
            try:
                chains.append((path, parse_chain(path.read_text())))
            except (PemError, OSError, UnicodeDecodeError) as error:
                _log.warning("leaf store: %s skipped: %s", path, error)
        return chains

    def _leaves(self, kind: _security.LeafCertificateType) -> list[_Leaf]:
        leaves = []
        for path, chain in self._leaf_chain_files(kind):
            key_path = path.with_suffix(".key")
            single = path.with_name(f"{path.stem}.single.pem")
            if key_path.is_file():
                leaves.append(_Leaf(path, single, key_path, chain))
        return leaves

    def _leaf_hash_chains(
        self, kind: _security.LeafCertificateType, as_type: _security.CertificateType
    ) -> list[_security.CertificateHashDataChain]:
        roots = self.cas(_ROOT_OF_LEAF[kind])
        result = []
        for _, chain in self._leaf_chain_files(kind):
            pool = chain[1:] + roots
            hashes = [hash_data(c, _issuer_in(c, pool) or c) for c in chain]
            result.append(
                _security.CertificateHashDataChain(
                    certificate_type=as_type,
                    certificate_hash_data=hashes[0],
                    child_certificate_hash_data=hashes[1:] or None,
                )
            )
        return result

    def _key_of(
        self, kind: _security.LeafCertificateType, certificate: x509.Certificate
    ) -> Path | None:
        candidates = [*self._pending_dir(kind).glob("*.key"), *self._leaf_dir(kind).glob("*.key")]
        for path in candidates:
            try:
                if same_public_key(certificate, path.read_bytes()):
                    return path
            except OSError:
                continue
        return None

    def _prune_leaves(self, kind: _security.LeafCertificateType) -> None:
        leaves = sorted(self._leaves(kind), key=_age)
        for stale in leaves[:-MAX_LEAVES]:
            for path in (stale.chain_path, stale.single_path, stale.key_path):
                path.unlink(missing_ok=True)

    def _prune_pending(self, kind: _security.LeafCertificateType) -> None:
        keys = sorted(self._pending_dir(kind).glob("*.key"), key=lambda p: p.stat().st_mtime_ns)
        for stale in keys[:-MAX_PENDING_KEYS]:
            stale.unlink(missing_ok=True)


def _ca_problem(
    certificates: list[x509.Certificate], installed: list[x509.Certificate]
) -> Install | None:
    """Why these CA certificates cannot be installed: each must be a self-signed root or be
    issued by one of the others or by an installed certificate of the same type."""
    pool = certificates + installed
    for certificate in certificates:
        if not is_ca(certificate):
            return Install.InvalidCertificateChain  # a CA store holds CA certificates only
        if certificate.issuer == certificate.subject:
            if not is_self_signed(certificate):
                return Install.InvalidSignature
            continue
        issuer = next((c for c in pool if c.subject == certificate.issuer), None)
        if issuer is None:
            return (
                Install.NoRootCertificateInstalled
                if not installed
                else (Install.InvalidCertificateChain)
            )
        if verify_chain([certificate], [issuer]) is not Validation.Valid:
            return Install.InvalidSignature
    return None


def _age(leaf: _Leaf) -> tuple[datetime, int]:
    """Older first: by validity start, then by when the store got it."""
    return leaf.chain[0].not_valid_before_utc, leaf.chain_path.stat().st_mtime_ns


def _issuer_in(
    certificate: x509.Certificate, pool: list[x509.Certificate]
) -> x509.Certificate | None:
    return next((c for c in pool if c.subject == certificate.issuer), None)


def _info(leaf: _Leaf, roots: list[x509.Certificate]) -> _security.CertificateInfo:
    top = leaf.chain[-1]
    root = top if is_self_signed(top) else _issuer_in(top, roots)
    return _security.CertificateInfo(
        key=str(leaf.key_path),
        certificate=str(leaf.chain_path),
        certificate_single=str(leaf.single_path),
        certificate_count=len(leaf.chain),
        certificate_root=pem([root]) if root is not None else None,
    )


class SimulatedEvseSecurity(EvseSecurityHandler):
    """evse_security over a `CertificateStore`: one command at a time, each in a thread (the
    store fsyncs), and `certificate_store_update` published after each change."""

    def __init__(self, directory: Path, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.store = CertificateStore(directory, max_entries)
        self._lock = asyncio.Lock()
        self._publisher: EvseSecurityPublisher | None = None

    def attach(self, publisher: EvseSecurityPublisher) -> None:
        self._publisher = publisher

    async def _run(self, work: Callable[..., T], *arguments: Any) -> T:
        async with self._lock:
            return await asyncio.to_thread(work, *arguments)

    def _updated(
        self,
        operation: _security.CertificateStoreUpdateOperation,
        ca: _security.CaCertificateType | None = None,
        leaf: _security.LeafCertificateType | None = None,
    ) -> None:
        if self._publisher is not None:
            self._publisher.publish_certificate_store_update(
                _security.CertificateStoreUpdate(
                    operation=operation, ca_certificate_type=ca, leaf_certificate_type=leaf
                )
            )

    async def handle_install_ca_certificate(
        self, certificate: str, certificate_type: _security.CaCertificateType
    ) -> Install:
        result = await self._run(self.store.install_ca, certificate, certificate_type)
        _log.info("install %s CA certificate: %s", certificate_type.value, result.value)
        if result is Install.Accepted:
            self._updated(_security.CertificateStoreUpdateOperation.Installed, ca=certificate_type)
        return result

    async def handle_delete_certificate(
        self, certificate_hash_data: _security.CertificateHashData
    ) -> _security.DeleteCertificateResult:
        result, kind = await self._run(self.store.delete, certificate_hash_data)
        _log.info("delete certificate %s: %s", certificate_hash_data.serial_number, result.value)
        if kind is not None:
            self._updated(_security.CertificateStoreUpdateOperation.Deleted, ca=kind)
        return result

    async def handle_update_leaf_certificate(
        self, certificate_chain: str, certificate_type: _security.LeafCertificateType
    ) -> Install:
        result = await self._run(self.store.update_leaf, certificate_chain, certificate_type)
        _log.info("update %s leaf certificate: %s", certificate_type.value, result.value)
        if result is Install.Accepted:
            self._updated(
                _security.CertificateStoreUpdateOperation.Installed, leaf=certificate_type
            )
        return result

    async def handle_verify_certificate(
        self, certificate_chain: str, certificate_types: list[_security.LeafCertificateType]
    ) -> Validation:
        return await self._run(self.store.verify, certificate_chain, certificate_types)

    async def handle_get_installed_certificates(
        self, certificate_types: list[_security.CertificateType]
    ) -> _security.GetInstalledCertificatesResult:
        return await self._run(self.store.installed, certificate_types)

    async def handle_get_v2g_ocsp_request_data(self) -> _security.OCSPRequestDataList:
        return _security.OCSPRequestDataList(ocsp_request_data_list=[])  # no V2G sub-CAs here

    async def handle_get_mo_ocsp_request_data(
        self, certificate_chain: str
    ) -> _security.OCSPRequestDataList:
        return _security.OCSPRequestDataList(ocsp_request_data_list=[])  # no OCSP responders

    async def handle_update_ocsp_cache(
        self, certificate_hash_data: _security.CertificateHashData, ocsp_response: str
    ) -> None:
        _log.info(
            "OCSP response for %s not cached (simulated)", certificate_hash_data.serial_number
        )

    async def handle_is_ca_certificate_installed(
        self, certificate_type: _security.CaCertificateType
    ) -> bool:
        return await self._run(self.store.is_ca_installed, certificate_type)

    async def handle_generate_certificate_signing_request(
        self,
        certificate_type: _security.LeafCertificateType,
        country: str,
        organization: str,
        common: str,
        use_tpm: bool,
    ) -> _security.GetCertificateSignRequestResult:
        # No TPM in the simulation: the key is a file either way.
        result = await self._run(
            self.store.new_csr, certificate_type, country, organization, common
        )
        _log.info("CSR for %s (CN %s): %s", certificate_type.value, common, result.status.value)
        return result

    async def handle_get_leaf_certificate_info(
        self,
        certificate_type: _security.LeafCertificateType,
        encoding: _security.EncodingFormat,
        include_ocsp: bool,
    ) -> _security.GetCertificateInfoResult:
        status, infos = await self._run(self.store.leaf_infos, certificate_type)
        return _security.GetCertificateInfoResult(status=status, info=infos[0] if infos else None)

    async def handle_get_all_valid_certificates_info(
        self,
        certificate_type: _security.LeafCertificateType,
        encoding: _security.EncodingFormat,
        include_ocsp: bool,
    ) -> _security.GetCertificateFullInfoResult:
        status, infos = await self._run(self.store.leaf_infos, certificate_type)
        return _security.GetCertificateFullInfoResult(status=status, info=infos)

    async def handle_get_verify_file(self, certificate_type: _security.CaCertificateType) -> str:
        return await self._run(self.store.verify_file, certificate_type)

    async def handle_get_verify_location(
        self, certificate_type: _security.CaCertificateType
    ) -> str:
        return await self._run(self.store.verify_location, certificate_type)

    async def handle_get_leaf_expiry_days_count(
        self, certificate_type: _security.LeafCertificateType
    ) -> int:
        return await self._run(self.store.expiry_days, certificate_type)

    async def handle_verify_file_signature(
        self, file_path: str, signing_certificate: str, signature: str
    ) -> bool:
        try:
            data = await asyncio.to_thread(Path(file_path).read_bytes)
        except OSError as error:
            _log.warning("verify_file_signature: cannot read %s: %s", file_path, error)
            return False
        return verify_file_signature(data, signing_certificate, signature)


class SimulatedSecurityModule(ModuleHooks):
    """Provides ``main`` (evse_security); config ``store_dir`` and ``max_entries``."""

    security: SimulatedEvseSecurity | None = None

    async def setup(self, ctx: ModuleContext) -> None:
        values = ctx.module_values
        directory = Path(str(values.get("store_dir") or "everest-py-sim-security"))
        max_entries = int(values.get("max_entries", DEFAULT_MAX_ENTRIES))
        self.security = SimulatedEvseSecurity(directory, max_entries)
        implementation = ctx.provide("main", self.security)
        self.security.attach(implementation.publisher(EvseSecurityPublisher))
