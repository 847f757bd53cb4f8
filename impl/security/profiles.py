"""Security profiles 0–3 of "Improved security for OCPP 1.6-J": what a connection needs.

0: ws, no authentication. 1: ws + HTTP Basic auth. 2: wss (server certificate verified against a
configured CA bundle, hostname checked) + HTTP Basic auth. 3: wss + client certificate.
TLS is at least 1.2; for TLS 1.2 only the whitepaper's cipher suites are offered.
"""

from __future__ import annotations

import base64
import ssl
from pathlib import Path
from typing import Final, Literal, NamedTuple
from urllib.parse import quote, urlsplit, urlunsplit

from .failures import (
    ConnectionFailure,
    FailureKind,
    classify_connection_failure,
    classify_tls_failure,
)

__all__ = [
    "PROFILES",
    "TLS12_CIPHERS",
    "ConnectionFailure",
    "ConnectionSecurity",
    "FailureKind",
    "SecurityProfileError",
    "SecurityProfileSwitch",
    "TlsFiles",
    "basic_auth_header",
    "classify_connection_failure",
    "classify_tls_failure",
    "connection_security",
    "validate_profile_change",
]

PROFILES: Final = (0, 1, 2, 3)
# TLS 1.2 suites allowed by the whitepaper (OpenSSL names); TLS 1.3 suites are all acceptable.
TLS12_CIPHERS: Final = ":".join(
    (
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "AES128-GCM-SHA256",
        "AES256-GCM-SHA384",
    )
)


class SecurityProfileError(ValueError):
    """A profile cannot be used as configured; the message names the missing/bad material."""


class TlsFiles(NamedTuple):
    """The files profiles 2 and 3 need: the CA bundle (a PEM file, or a directory of them), and
    (3) the client certificate and key (with its password when encrypted)."""

    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    client_key_password: str | None = None

    def __repr__(self) -> str:
        # Without the key's password: a TlsFiles may end up in a log line or a traceback.
        return (
            f"TlsFiles(ca_bundle={self.ca_bundle!r}, client_cert={self.client_cert!r}, "
            f"client_key={self.client_key!r})"
        )


class ConnectionSecurity(NamedTuple):
    """What a connection attempt with one security profile needs: the URL scheme, the TLS
    context (None for ws) and the HTTP headers (Basic auth)."""

    profile: int
    scheme: Literal["ws", "wss"]
    ssl: ssl.SSLContext | None
    headers: list[tuple[str, str]]

    def __repr__(self) -> str:
        # Without the headers: the Authorization header is the AuthorizationKey, base64-encoded.
        return (
            f"ConnectionSecurity(profile={self.profile}, scheme={self.scheme!r}, ssl={self.ssl!r})"
        )

    def url(self, csms_url: str, cp_id: str) -> str:
        """The URL to connect to: `csms_url` with this profile's scheme and `/<cp_id>` appended.

        ws→wss is an upgrade and is applied; a wss URL with profile 0/1 would be a silent
        downgrade of what the operator configured, so it is refused.
        """
        parts = urlsplit(csms_url)
        if parts.scheme not in ("ws", "wss") or not parts.netloc:
            raise SecurityProfileError("the CSMS URL is not a ws:// or wss:// URL")
        if parts.scheme == "wss" and self.scheme == "ws":
            raise SecurityProfileError(
                f"the CSMS URL is wss:// but security profile {self.profile} is plain ws; "
                "set SecurityProfile to 2 or 3 for TLS"
            )
        path = parts.path.rstrip("/") + "/" + quote(cp_id, safe="")
        return urlunsplit((self.scheme, parts.netloc, path, parts.query, ""))


def basic_auth_header(cp_id: str, authorization_key: str) -> tuple[str, str]:
    if ":" in cp_id:
        raise SecurityProfileError(
            f"charge point id {cp_id!r} contains ':', which HTTP Basic auth cannot carry"
        )
    token = base64.b64encode(f"{cp_id}:{authorization_key}".encode()).decode("ascii")
    return ("Authorization", f"Basic {token}")


def connection_security(
    profile: int,
    cp_id: str,
    authorization_key: str | None,
    ca_bundle: Path | None,
    client_cert: Path | None,
    client_key: Path | None,
    client_key_password: str | None = None,
) -> ConnectionSecurity:
    if isinstance(profile, bool) or not isinstance(profile, int) or profile not in PROFILES:
        raise SecurityProfileError(f"SecurityProfile must be one of 0, 1, 2, 3, got {profile!r}")
    if not cp_id:
        raise SecurityProfileError("charge point id is empty")
    if profile == 0:
        return ConnectionSecurity(0, "ws", None, [])
    if profile in (1, 2) and not authorization_key:
        raise SecurityProfileError(
            f"security profile {profile} needs AuthorizationKey (HTTP Basic auth password), "
            "which is not set"
        )
    headers = [basic_auth_header(cp_id, authorization_key or "")] if profile in (1, 2) else []
    if profile == 1:
        return ConnectionSecurity(1, "ws", None, headers)
    context = _tls_context(profile, ca_bundle)
    if profile == 3:
        _load_client_identity(context, client_cert, client_key, client_key_password)
    return ConnectionSecurity(profile, "wss", context, headers)


def validate_profile_change(current: int, new: int) -> bool:
    """Whether SecurityProfile may change from `current` to `new` (never to a lower one)."""
    if isinstance(new, bool) or not isinstance(new, int) or new not in PROFILES:
        return False
    return new >= current


class SecurityProfileSwitch:
    """Tracks a SecurityProfile raise until a connection with it succeeds.

    ChangeConfiguration(SecurityProfile): `request(new)` → Accepted/Rejected. The session then
    reconnects with `target`; on success `connected()` makes it the active profile (persist it
    then), on failure `failed()` returns the profile to fall back to.
    """

    def __init__(self, active: int) -> None:
        if active not in PROFILES:
            raise SecurityProfileError(f"SecurityProfile must be one of 0, 1, 2, 3, got {active!r}")
        self.active = active
        self.pending: int | None = None

    @property
    def target(self) -> int:
        return self.pending if self.pending is not None else self.active

    def request(self, new: int) -> bool:
        if not validate_profile_change(self.active, new):
            return False
        self.pending = new if new != self.active else None
        return True

    def connected(self) -> int:
        if self.pending is not None:
            self.active, self.pending = self.pending, None
        return self.active

    def failed(self) -> int:
        self.pending = None
        return self.active


def _tls_context(profile: int, ca_bundle: Path | None) -> ssl.SSLContext:
    if ca_bundle is None:
        raise SecurityProfileError(
            f"security profile {profile} needs a CA bundle to verify the CSMS certificate; "
            "none is configured"
        )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED + check_hostname
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    try:
        if Path(ca_bundle).is_dir():
            # A directory of PEM files (evse_security's verify location): capath would need
            # OpenSSL's hash-named links, so the files are read.
            context.load_verify_locations(cadata=_pem_files(Path(ca_bundle)))
        else:
            _require_file(ca_bundle, "CA bundle")
            context.load_verify_locations(cafile=str(ca_bundle))
    except OSError as exc:
        raise SecurityProfileError(f"CA bundle {ca_bundle} cannot be read: {exc}") from exc
    except (ssl.SSLError, ValueError) as exc:
        raise SecurityProfileError(
            f"CA bundle {ca_bundle} holds no usable certificate: {exc}"
        ) from exc
    if not context.get_ca_certs():
        raise SecurityProfileError(f"CA bundle {ca_bundle} holds no CA certificate")
    return context


def _pem_files(directory: Path) -> str:
    texts = [path.read_text() for path in sorted(directory.glob("*.pem")) if path.is_file()]
    if not texts:
        raise SecurityProfileError(f"CA directory {directory} holds no .pem file")
    return "".join(texts)


def _load_client_identity(
    context: ssl.SSLContext,
    client_cert: Path | None,
    client_key: Path | None,
    password: str | None = None,
) -> None:
    if client_cert is None or client_key is None:
        missing = " and ".join(
            name
            for name, value in (("client certificate", client_cert), ("client key", client_key))
            if value is None
        )
        raise SecurityProfileError(f"security profile 3 needs a {missing}; none is configured")
    _require_file(client_cert, "client certificate")
    _require_file(client_key, "client key")
    try:
        context.load_cert_chain(
            certfile=str(client_cert), keyfile=str(client_key), password=password
        )
    except ssl.SSLError as exc:
        raise SecurityProfileError(
            f"client certificate {client_cert} and key {client_key} cannot be loaded "
            f"(not PEM, or the key does not match the certificate): {exc}"
        ) from exc


def _require_file(path: Path, what: str) -> None:
    if not Path(path).is_file():
        raise SecurityProfileError(f"{what} {path} does not exist or is not a file")
    try:
        with Path(path).open("rb"):
            pass
    except OSError as exc:
        raise SecurityProfileError(f"{what} {path} cannot be read: {exc}") from exc
