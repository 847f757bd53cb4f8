"""Security profiles against the project's loopback CSMS (everest_py.ocpp16.demo.csms) on a real
websocket (TLS for profiles 2 and 3)."""

from __future__ import annotations

import asyncio
import base64
import json
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus
from websockets.typing import Subprotocol

from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.security.profiles import (
    TLS12_CIPHERS,
    ConnectionSecurity,
    FailureKind,
    SecurityProfileError,
    SecurityProfileSwitch,
    TlsFiles,
    classify_connection_failure,
    classify_tls_failure,
    connection_security,
    validate_profile_change,
)

from .certs import LOOPBACK, Identity, Pki, build_test_pki

CP_ID = "CP_0042"
KEY = "0123456789abcdef0123"
OPEN_TIMEOUT = 10.0
OCPP16 = Subprotocol("ocpp1.6")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return build_test_pki(tmp_path_factory.mktemp("pki"), CP_ID)


def authorizations(csms: LoopbackCsms) -> list[str | None]:
    """The Authorization header of every HTTP request the CSMS saw, before any check."""
    return [headers.get("Authorization") for headers in csms.http_requests]


def tls_requests(csms: LoopbackCsms) -> list[bool]:
    """Per websocket connection: did it come over TLS?"""
    return [
        connection.websocket.transport.get_extra_info("ssl_object") is not None
        for connection in csms.connections
    ]


def client_subjects(csms: LoopbackCsms) -> list[str]:
    """commonName of the client certificate, per connection that presented one."""
    return [c.client_subject for c in csms.connections if c.client_subject]


def server_tls(identity: Identity, client_ca: Path | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(identity.cert, identity.key)
    if client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    return context


@asynccontextmanager
async def running_csms(
    tls: ssl.SSLContext | None, *, password: str | None = None
) -> AsyncIterator[LoopbackCsms]:
    """The project's loopback CSMS; with `password` it checks HTTP Basic auth (user = charge
    point id) before the websocket handshake and answers 401 to wrong credentials."""
    async with LoopbackCsms(host=LOOPBACK, tls=tls, password=password) as csms:
        yield csms


async def open_with(security: ConnectionSecurity, csms: LoopbackCsms) -> list[Any]:
    """Connects as the charge point would and makes one Heartbeat round trip; its answer."""
    async with connect(
        security.url(csms.url, CP_ID),
        ssl=security.ssl,
        additional_headers=security.headers,
        subprotocols=[OCPP16],
        open_timeout=OPEN_TIMEOUT,
    ) as connection:
        await connection.send(json.dumps([2, "hb-1", "Heartbeat", {}]))
        answer: list[Any] = json.loads(await asyncio.wait_for(connection.recv(), OPEN_TIMEOUT))
        return answer


def answered(reply: list[Any]) -> bool:
    """A CALLRESULT to the Heartbeat: the CSMS accepted the connection and spoke OCPP-J."""
    return reply[:2] == [3, "hb-1"] and "currentTime" in reply[2]


def profile(number: int, pki: Pki, **overrides: object) -> ConnectionSecurity:
    arguments: dict[str, object] = {
        "authorization_key": KEY,
        "ca_bundle": pki.ca.pem,
        "client_cert": pki.client.cert,
        "client_key": pki.client.key,
    }
    arguments.update(overrides)
    return connection_security(number, CP_ID, **arguments)  # type: ignore[arg-type]


# -- profiles 0 and 1: plain ws ---------------------------------------------------------------


async def test_profile_0_is_plain_ws_without_credentials(pki: Pki) -> None:
    security = profile(0, pki)
    assert (security.scheme, security.ssl, security.headers) == ("ws", None, [])
    async with running_csms(None) as csms:
        assert answered(await open_with(security, csms))
    assert authorizations(csms) == [None]


async def test_profile_1_sends_basic_auth_the_server_accepts(pki: Pki) -> None:
    security = profile(1, pki)
    assert security.scheme == "ws" and security.ssl is None
    async with running_csms(None, password=KEY) as csms:
        assert answered(await open_with(security, csms))
    (sent,) = authorizations(csms)
    assert sent is not None
    assert base64.b64decode(sent.removeprefix("Basic ")).decode() == f"{CP_ID}:{KEY}"
    assert tls_requests(csms) == [False]


async def test_profile_1_wrong_key_is_failed_authentication(pki: Pki) -> None:
    security = profile(1, pki, authorization_key="wrong-key-0000000000")
    async with running_csms(None, password=KEY) as csms:
        with pytest.raises(InvalidStatus) as info:
            await open_with(security, csms)
    failure = classify_connection_failure(info.value, 1)
    assert failure is not None
    assert failure.kind is FailureKind.CREDENTIALS_REJECTED
    assert failure.security_event == "FailedToAuthenticateAtCentralSystem"
    assert "HTTP 401" in failure.message


# -- profile 2: wss + Basic auth, server certificate verified ---------------------------------


async def test_profile_2_verifies_server_and_sends_basic_auth(pki: Pki) -> None:
    security = profile(2, pki)
    assert security.scheme == "wss"
    async with running_csms(server_tls(pki.server), password=KEY) as csms:
        assert answered(await open_with(security, csms))
    assert tls_requests(csms) == [True]


@pytest.mark.parametrize(
    ("server", "detail"),
    [
        ("server_other_ca", "unable to get local issuer certificate"),
        ("server_expired", "certificate has expired"),
        ("server_wrong_host", "IP address mismatch"),
    ],
)
@pytest.mark.parametrize("number", [2, 3])
async def test_bad_server_certificate_fails_before_any_request(
    pki: Pki, server: str, detail: str, number: int
) -> None:
    security = profile(number, pki)
    async with running_csms(server_tls(getattr(pki, server)), password=KEY) as csms:
        with pytest.raises(ssl.SSLCertVerificationError) as info:
            await open_with(security, csms)
    # No HTTP request (and so no password) ever reached the unverified server.
    assert authorizations(csms) == []
    failure = classify_connection_failure(info.value, number)
    assert failure is not None
    assert failure.kind is FailureKind.SERVER_CERTIFICATE_INVALID
    assert failure.security_event == "InvalidCentralSystemCertificate"
    assert detail in failure.message


async def test_profile_2_wrong_key_over_tls_is_failed_authentication(pki: Pki) -> None:
    security = profile(2, pki, authorization_key="not-the-key-00000000")
    async with running_csms(server_tls(pki.server), password=KEY) as csms:
        with pytest.raises(InvalidStatus) as info:
            await open_with(security, csms)
    failure = classify_connection_failure(info.value, 2)
    assert failure is not None and failure.kind is FailureKind.CREDENTIALS_REJECTED


# -- profile 3: wss + client certificate -------------------------------------------------------


async def test_profile_3_presents_the_client_certificate(pki: Pki) -> None:
    security = profile(3, pki)
    assert security.headers == []  # no Basic auth with client certificates
    async with running_csms(server_tls(pki.server, client_ca=pki.ca.pem)) as csms:
        assert answered(await open_with(security, csms))
    assert client_subjects(csms) == [CP_ID]
    assert authorizations(csms) == [None]


@pytest.mark.parametrize("client", ["none", "other_ca"])
async def test_profile_3_server_refuses_missing_or_untrusted_client_cert(
    pki: Pki, client: str
) -> None:
    if client == "none":
        security = profile(2, pki)  # same TLS setup, no client certificate
    else:
        security = profile(
            3, pki, client_cert=pki.client_other_ca.cert, client_key=pki.client_other_ca.key
        )
    async with running_csms(server_tls(pki.server, client_ca=pki.ca.pem)) as csms:
        with pytest.raises(Exception) as info:
            await open_with(security, csms)
    assert authorizations(csms) == []
    failure = classify_connection_failure(info.value, 3)
    assert failure is not None
    assert failure.kind is FailureKind.CLOSED_DURING_HANDSHAKE
    assert "client certificate" in failure.message


# -- TLS settings and never downgrading --------------------------------------------------------


@pytest.mark.parametrize("number", [2, 3])
def test_tls_context_requires_verification_and_tls_1_2(pki: Pki, number: int) -> None:
    context = profile(number, pki).ssl
    assert context is not None
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname is True
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2
    allowed = set(TLS12_CIPHERS.split(":"))
    tls12 = {c["name"] for c in context.get_ciphers() if c["protocol"] == "TLSv1.2"}
    assert tls12 and tls12 <= allowed


def test_url_upgrades_ws_for_tls_profiles_and_never_downgrades(pki: Pki) -> None:
    assert profile(2, pki).url("ws://csms.example:9000/ocpp/", "CP 1") == (
        "wss://csms.example:9000/ocpp/CP%201"
    )
    assert profile(0, pki).url("ws://h/ocpp", CP_ID) == f"ws://h/ocpp/{CP_ID}"
    for number in (0, 1):
        with pytest.raises(SecurityProfileError, match="wss:// but security profile"):
            profile(number, pki).url("wss://csms.example/ocpp", CP_ID)
    with pytest.raises(SecurityProfileError, match="not a ws:// or wss:// URL"):
        profile(0, pki).url("http://csms.example", CP_ID)


# -- configuration errors name what is missing -------------------------------------------------


@pytest.mark.parametrize(
    ("number", "overrides", "message"),
    [
        (1, {"authorization_key": None}, "profile 1 needs AuthorizationKey"),
        (2, {"authorization_key": ""}, "profile 2 needs AuthorizationKey"),
        (2, {"ca_bundle": None}, "needs a CA bundle"),
        (3, {"ca_bundle": None}, "needs a CA bundle"),
        (2, {"ca_bundle": Path("/nonexistent/ca.pem")}, "CA bundle /nonexistent/ca.pem does not"),
        (3, {"client_cert": None}, "needs a client certificate; none"),
        (3, {"client_key": None}, "needs a client key; none"),
        (3, {"client_cert": None, "client_key": None}, "client certificate and client key"),
        (3, {"client_key": Path("/nonexistent/k.pem")}, "client key /nonexistent/k.pem"),
        (4, {}, "must be one of 0, 1, 2, 3"),
        (-1, {}, "must be one of 0, 1, 2, 3"),
    ],
)
def test_missing_material_is_named(
    pki: Pki, number: int, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(SecurityProfileError, match=message):
        profile(number, pki, **overrides)


def test_unusable_files_are_named(pki: Pki, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    with pytest.raises(SecurityProfileError, match=f"CA bundle {junk}"):
        profile(2, pki, ca_bundle=junk)
    with pytest.raises(SecurityProfileError, match="key does not match"):
        profile(3, pki, client_key=pki.client_other_ca.key)


def test_colon_in_charge_point_id_is_refused(pki: Pki) -> None:
    with pytest.raises(SecurityProfileError, match="contains ':'"):
        connection_security(1, "CP:1", KEY, None, None, None)


def test_the_client_key_password_is_not_in_the_tls_files_repr() -> None:
    files = TlsFiles(Path("ca.pem"), Path("cp.pem"), Path("cp.key"), "s3cret-password")
    assert "s3cret" not in repr(files) and "s3cret" not in str(files)
    assert "cp.key" in repr(files)


def test_the_authorization_header_is_not_in_the_connection_securitys_repr() -> None:
    security = connection_security(1, "CP1", KEY, None, None, None)
    token = base64.b64encode(f"CP1:{KEY}".encode()).decode()
    assert security.headers and token in security.headers[0][1]  # it is there to be sent
    assert token not in repr(security) and KEY not in repr(security)


# -- profile changes -----------------------------------------------------------------------------


@pytest.mark.parametrize("current", [0, 1, 2, 3])
@pytest.mark.parametrize("new", [0, 1, 2, 3])
def test_lower_profile_is_rejected(current: int, new: int) -> None:
    assert validate_profile_change(current, new) is (new >= current)


@pytest.mark.parametrize("new", [4, -1, True])
def test_invalid_profile_value_is_rejected(new: int) -> None:
    assert validate_profile_change(0, new) is False


def test_profile_switch_falls_back_after_failed_upgrade() -> None:
    switch = SecurityProfileSwitch(1)
    assert switch.request(0) is False
    assert switch.target == 1
    assert switch.request(3) is True
    assert (switch.active, switch.target) == (1, 3)
    assert switch.failed() == 1
    assert (switch.active, switch.pending) == (1, None)
    assert switch.request(2) is True
    assert switch.connected() == 2
    assert (switch.active, switch.target) == (2, 2)
    assert switch.request(1) is False


# -- classification of TLS errors asyncio does not let a loopback test produce ---------------


@pytest.mark.parametrize(
    ("reason", "kind", "event"),
    [
        ("TLSV1_ALERT_PROTOCOL_VERSION", FailureKind.TLS_VERSION_REJECTED, "InvalidTLSVersion"),
        ("NO_SHARED_CIPHER", FailureKind.TLS_CIPHER_SUITE_REJECTED, "InvalidTLSCipherSuite"),
        (
            "TLSV13_ALERT_CERTIFICATE_REQUIRED",
            FailureKind.CLIENT_CERTIFICATE_REJECTED,
            "FailedToAuthenticateAtCentralSystem",
        ),
        ("WRONG_VERSION_NUMBER", FailureKind.SERVER_NOT_TLS, None),
        ("RECORD_LAYER_FAILURE", FailureKind.SERVER_NOT_TLS, None),
        ("SOMETHING_ELSE", FailureKind.TLS_ERROR, None),
    ],
)
def test_ssl_error_reasons_are_classified(
    reason: str, kind: FailureKind, event: str | None
) -> None:
    error = ssl.SSLError(1, f"[SSL: {reason}] handshake failed")
    error.reason = reason
    wrapped = OSError("connect failed")
    wrapped.__cause__ = error
    failure = classify_tls_failure(wrapped)
    assert failure is not None
    assert (failure.kind, failure.security_event) == (kind, event)


def test_ordinary_network_failure_is_not_classified() -> None:
    assert classify_connection_failure(ConnectionRefusedError(111, "refused"), 2) is None
    assert classify_connection_failure(TimeoutError(), 3) is None
