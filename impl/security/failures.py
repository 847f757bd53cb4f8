"""Classify why a connection to the CSMS failed, and which security event that raises.

The session calls `classify_connection_failure(exc, profile)` with what `websockets.connect`
raised; `None` means an ordinary network failure (refused, unreachable, timeout): reconnect with
the same profile. Anything else is logged with `failure.message` and, where
`failure.security_event` is set, raised as that security event. Never retry a TLS failure
without TLS: that would be a silent downgrade.
"""

from __future__ import annotations

import enum
import ssl
from collections.abc import Iterator
from typing import Final, NamedTuple

from websockets.exceptions import InvalidMessage, InvalidStatus

from .events import SecurityEventType


class FailureKind(enum.Enum):
    SERVER_CERTIFICATE_INVALID = "server certificate invalid"
    TLS_VERSION_REJECTED = "TLS version rejected"
    TLS_CIPHER_SUITE_REJECTED = "TLS cipher suite rejected"
    CLIENT_CERTIFICATE_REJECTED = "client certificate rejected"
    CREDENTIALS_REJECTED = "HTTP authentication rejected"
    CLOSED_DURING_HANDSHAKE = "closed during handshake"
    SERVER_NOT_TLS = "server did not speak TLS"
    TLS_ERROR = "TLS error"


class ConnectionFailure(NamedTuple):
    kind: FailureKind
    security_event: str | None  # whitepaper name to raise, or None
    message: str  # one clear log line


_VERSION_REASONS: Final = frozenset(
    {
        "UNSUPPORTED_PROTOCOL",
        "TLSV1_ALERT_PROTOCOL_VERSION",
        "WRONG_SSL_VERSION",
        "NO_PROTOCOLS_AVAILABLE",
        "VERSION_TOO_LOW",
    }
)
# What the first bytes of a server that answers in plain text (an HTTP 400 from a ws:// server or
# a proxy) look like as a TLS record: no TLS version at all, not an old one.
_NOT_TLS_REASONS: Final = frozenset({"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE"})
_CIPHER_REASONS: Final = frozenset(
    {"NO_SHARED_CIPHER", "NO_CIPHERS_AVAILABLE", "NO_CIPHER_MATCH", "SSLV3_ALERT_HANDSHAKE_FAILURE"}
)
_CLIENT_CERTIFICATE_REASONS: Final = frozenset(
    {
        "TLSV13_ALERT_CERTIFICATE_REQUIRED",
        "SSLV3_ALERT_BAD_CERTIFICATE",
        "SSLV3_ALERT_CERTIFICATE_EXPIRED",
        "SSLV3_ALERT_CERTIFICATE_REVOKED",
        "SSLV3_ALERT_CERTIFICATE_UNKNOWN",
        "TLSV1_ALERT_UNKNOWN_CA",
        "TLSV1_ALERT_ACCESS_DENIED",
    }
)


def classify_tls_failure(exc: BaseException) -> ConnectionFailure | None:
    """The TLS part of `classify_connection_failure`: only ssl errors, anywhere in the chain."""
    for error in _chain(exc):
        if isinstance(error, ssl.SSLCertVerificationError):
            return ConnectionFailure(
                FailureKind.SERVER_CERTIFICATE_INVALID,
                SecurityEventType.INVALID_CENTRAL_SYSTEM_CERTIFICATE.value,
                f"CSMS certificate rejected: {error.verify_message or error.reason} "
                "(check the CA bundle, the certificate's validity dates and its host names); "
                "not connecting",
            )
        if isinstance(error, ssl.SSLError):
            return _classify_ssl_error(error)
    return None


def classify_connection_failure(exc: BaseException, profile: int) -> ConnectionFailure | None:
    tls = classify_tls_failure(exc)
    if tls is not None:
        return tls
    for error in _chain(exc):
        if isinstance(error, InvalidStatus) and error.response.status_code in (401, 403):
            status = error.response.status_code
            return ConnectionFailure(
                FailureKind.CREDENTIALS_REJECTED,
                SecurityEventType.FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM.value,
                f"CSMS rejected the charge point's credentials (HTTP {status}) with security "
                f"profile {profile}; check the charge point id and AuthorizationKey",
            )
    if profile == 3 and _closed_during_handshake(exc):
        # asyncio's TLS layer does not surface the server's alert, so this is the only trace of
        # a refused client certificate; a CSMS that dies mid-handshake looks the same.
        return ConnectionFailure(
            FailureKind.CLOSED_DURING_HANDSHAKE,
            None,
            "CSMS closed the connection during the opening handshake with security profile 3; "
            "it most likely rejected the client certificate",
        )
    return None


def _classify_ssl_error(error: ssl.SSLError) -> ConnectionFailure:
    reason = str(error.reason or "")
    if reason in _NOT_TLS_REASONS:
        # A connection failure, not a security event: nothing about the CSMS's TLS is known.
        return ConnectionFailure(
            FailureKind.SERVER_NOT_TLS,
            None,
            f"CSMS did not answer in TLS ({reason}): the server at this address looks like a "
            "plain ws:// one; check the CSMS URL's port. Never connecting without TLS",
        )
    if reason in _VERSION_REASONS:
        return ConnectionFailure(
            FailureKind.TLS_VERSION_REJECTED,
            SecurityEventType.INVALID_TLS_VERSION.value,
            f"CSMS offers no TLS version of 1.2 or newer ({reason}); not connecting",
        )
    if reason in _CIPHER_REASONS:
        return ConnectionFailure(
            FailureKind.TLS_CIPHER_SUITE_REJECTED,
            SecurityEventType.INVALID_TLS_CIPHER_SUITE.value,
            f"CSMS and charge point share no allowed TLS cipher suite ({reason}); not connecting",
        )
    if reason in _CLIENT_CERTIFICATE_REASONS:
        return ConnectionFailure(
            FailureKind.CLIENT_CERTIFICATE_REJECTED,
            SecurityEventType.FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM.value,
            f"CSMS rejected the charge point's client certificate ({reason})",
        )
    return ConnectionFailure(
        FailureKind.TLS_ERROR, None, f"TLS connection to the CSMS failed: {error}"
    )


def _closed_during_handshake(exc: BaseException) -> bool:
    return any(
        isinstance(error, InvalidMessage | ConnectionResetError | EOFError | ssl.SSLEOFError)
        for error in _chain(exc)
    )


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__
