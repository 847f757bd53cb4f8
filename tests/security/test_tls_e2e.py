"""Security profiles 1–3 through the real charge point core against a loopback CSMS with its own
CA and certificates: Basic auth, server and client certificates, bad TLS, the profile raise with
fallback, and the security events each failure raises."""

from __future__ import annotations

import asyncio
import base64
import logging
import ssl
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from everest_py.generated.types.ocpp import SecurityEvent
from everest_py.ocpp16 import ChargePointCore, build_settings
from everest_py.ocpp16.configuration import StateFile
from everest_py.ocpp16.security.log import SecurityLog

from .certs import Identity, Pki, build_test_pki
from .csms import ScriptedCsms
from .mux import SchemeMux

CP_ID = "CP_TLS"
KEY = "0123456789abcdef0123"
WAIT = 20.0
INVALID_CERT = "InvalidCentralSystemCertificate"
FAILED_AUTH = "FailedToAuthenticateAtCentralSystem"
RECONFIGURATION = "ReconfigurationOfSecurityParameters"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return build_test_pki(tmp_path_factory.mktemp("pki"), CP_ID)


def server_tls(identity: Identity, client_ca: Path | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(identity.cert, identity.key)
    if client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    return context


class Published:
    """Security events the core publishes on `security_event`, awaitable."""

    def __init__(self, core: ChargePointCore) -> None:
        self.records: list[SecurityEvent] = []
        self._changed = asyncio.Event()
        core.security_listeners.append(self._on)

    def _on(self, record: SecurityEvent) -> None:
        self.records.append(record)
        self._changed.set()

    def of(self, event_type: str) -> list[SecurityEvent]:
        return [record for record in self.records if record.type == event_type]

    async def wait(self, event_type: str) -> SecurityEvent:
        async def until() -> None:
            while not self.of(event_type):
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), WAIT)
        return self.of(event_type)[0]


class Cores:
    def __init__(self, tmp_path: Path, pki: Pki) -> None:
        self.tmp_path = tmp_path
        self.pki = pki
        self.started: list[ChargePointCore] = []

    async def start(
        self, url: str, profile: int, *, key: str = KEY, **tls: Path
    ) -> tuple[ChargePointCore, Published]:
        configuration = {"WebSocketPingInterval": "0", "SecurityProfile": str(profile)}
        if profile in (1, 2):
            configuration["AuthorizationKey"] = key
        files = {"ca_bundle": self.pki.ca.pem, **tls}
        if profile == 3:
            files = {
                "client_cert": self.pki.client.cert,
                "client_key": self.pki.client.key,
                **files,
            }
        settings = build_settings(
            {
                "csms_url": url,
                "charge_point_id": CP_ID,
                "data_dir": str(self.tmp_path / "data"),
                "reconnect": {"initial_delay": 0.05, "max_delay": 0.2, "jitter": 0},
                "response_timeout": 5,
                "connect_timeout": 5,
                "configuration": configuration,
                "tls": {name: str(path) for name, path in files.items()},
            },
            {},
            "test",
        )
        core = ChargePointCore(settings)
        published = Published(core)
        await core.start()
        self.started.append(core)
        return core, published

    def security_log(self) -> list[str]:
        return [entry.type for entry in SecurityLog(self.tmp_path / "data/security-log").entries()]

    def stored_profile(self) -> str | None:
        state = StateFile(self.tmp_path / "data")  # snapshot + journal, as a restart reads them
        state.load()
        return state.configuration.get("SecurityProfile")


@pytest.fixture
async def cores(tmp_path: Path, pki: Pki) -> AsyncIterator[Cores]:
    running = Cores(tmp_path, pki)
    yield running
    for core in running.started:
        await core.close()


@pytest.fixture
async def servers() -> AsyncIterator[list[ScriptedCsms]]:
    started: list[ScriptedCsms] = []
    yield started
    for server in started:
        await server.close()


async def serving(servers: list[ScriptedCsms], **options: Any) -> ScriptedCsms:
    server = ScriptedCsms(**options)
    await server.start()
    servers.append(server)
    return server


class ErrorLog(logging.Handler):
    """ERROR lines of the charge point (logger `impl`), awaitable."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []
        self._changed = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
        self._changed.set()

    def having(self, text: str) -> list[str]:
        return [line for line in self.lines if text in line]

    async def wait(self, text: str, count: int = 1) -> list[str]:
        async def until() -> None:
            while len(self.having(text)) < count:
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), WAIT)
        return self.having(text)


@pytest.fixture
def error_log() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logger = logging.getLogger("everest_py.ocpp16")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


# -- the profiles connect -------------------------------------------------------------------


async def test_profile_1_basic_auth_is_checked_by_the_csms(
    cores: Cores, servers: list[ScriptedCsms]
) -> None:
    csms = await serving(servers, password=KEY)
    await cores.start(csms.url, 1)
    await csms.wait_connected()
    sent = csms.authorizations[0]
    assert sent is not None
    assert base64.b64decode(sent.removeprefix("Basic ")).decode() == f"{CP_ID}:{KEY}"


async def test_profile_2_wss_with_basic_auth_and_the_configured_ca(
    cores: Cores, servers: list[ScriptedCsms], pki: Pki
) -> None:
    csms = await serving(servers, tls=server_tls(pki.server), password=KEY)
    assert csms.url.startswith("wss://")
    core, _ = await cores.start(csms.url, 2)
    await csms.wait_connected()
    await csms.wait(lambda: "StatusNotification" in csms.actions)
    answer = await csms.call("GetConfiguration", {"key": ["SecurityProfile"]})
    assert answer["configurationKey"][0]["value"] == "2"
    assert core.connected


async def test_profile_2_upgrades_a_ws_url_to_wss(
    cores: Cores, servers: list[ScriptedCsms], pki: Pki
) -> None:
    csms = await serving(servers, tls=server_tls(pki.server), password=KEY)
    await cores.start(csms.url.replace("wss://", "ws://"), 2)
    await csms.wait_connected()


async def test_profile_3_presents_the_client_certificate_the_csms_requires(
    cores: Cores, servers: list[ScriptedCsms], pki: Pki
) -> None:
    csms = await serving(servers, tls=server_tls(pki.server, client_ca=pki.ca.pem))
    await cores.start(csms.url, 3)
    await csms.wait_connected()
    assert csms.client_subjects == [CP_ID]
    assert csms.authorizations[0] is None  # no Basic auth with a client certificate


# -- bad TLS: a clear error, an event, never a downgrade ------------------------------------


@pytest.mark.parametrize(
    ("bad", "detail"),
    [
        ("server_other_ca", "unable to get local issuer certificate"),
        ("server_expired", "certificate has expired"),
        ("server_wrong_host", "IP address mismatch"),
    ],
)
async def test_bad_server_certificate_fails_with_an_event_and_never_downgrades(
    cores: Cores,
    servers: list[ScriptedCsms],
    pki: Pki,
    error_log: ErrorLog,
    bad: str,
    detail: str,
) -> None:
    tls_csms = await serving(servers, tls=server_tls(getattr(pki, bad)), password=KEY)
    plain_csms = await serving(servers, password=KEY)
    mux = SchemeMux(plain_csms.port, tls_csms.port)
    await mux.start()
    try:
        core, published = await cores.start(mux.url("wss"), 2)
        event = await published.wait(INVALID_CERT)
        assert event.info is not None and detail in event.info
        lines = await error_log.wait(detail, count=2)
        assert "CSMS certificate rejected" in lines[0]
        # Several failed attempts, one event; nothing ever reached either CSMS over HTTP.
        assert len(published.of(INVALID_CERT)) == 1
        assert set(mux.kinds) == {"tls"} and len(mux.kinds) >= 2
        assert tls_csms.authorizations == [] and plain_csms.authorizations == []
        assert not core.connected
        # Not critical in the whitepaper: logged and published, not sent to the CSMS.
        assert INVALID_CERT in cores.security_log()

        # The CSMS gets a good certificate: the charge point connects with TLS.
        await tls_csms.kill()
        tls_csms.tls = server_tls(pki.server)
        await tls_csms.start()
        await tls_csms.wait_connected()
        assert set(mux.kinds) == {"tls"}
        assert INVALID_CERT not in [event.type for event in tls_csms.events]
    finally:
        await mux.close()


async def test_wrong_authorization_key_raises_failed_to_authenticate(
    cores: Cores, servers: list[ScriptedCsms], error_log: ErrorLog
) -> None:
    csms = await serving(servers, password=KEY)
    _, published = await cores.start(csms.url, 1, key="not-the-right-key-0000")
    event = await published.wait(FAILED_AUTH)
    assert event.info is not None and "HTTP 401" in event.info
    await error_log.wait("rejected the charge point's credentials", count=2)
    assert len(published.of(FAILED_AUTH)) == 1
    assert "BootNotification" not in csms.actions
    assert FAILED_AUTH in cores.security_log()


async def test_unusable_profile_material_keeps_the_session_retrying(
    cores: Cores, servers: list[ScriptedCsms], pki: Pki, error_log: ErrorLog
) -> None:
    ca_copy = cores.tmp_path / "ca-copy.pem"
    ca_copy.write_bytes(pki.ca.pem.read_bytes())
    csms = await serving(servers, tls=server_tls(pki.server), password=KEY)
    core, _ = await cores.start(csms.url, 2, ca_bundle=ca_copy)
    await csms.wait_connected()
    ca_copy.unlink()  # the CA bundle vanishes while running
    await csms.kill()
    await csms.start()
    lines = await error_log.wait(str(ca_copy), count=2)
    assert "security profile 2 cannot be used" in lines[0]
    ca_copy.write_bytes(pki.ca.pem.read_bytes())
    await csms.wait_accepted(2)
    assert core.profile.active == 2


# -- raising the profile ---------------------------------------------------------------------


@pytest.fixture
async def mux_pair(
    servers: list[ScriptedCsms], pki: Pki, request: pytest.FixtureRequest
) -> AsyncIterator[tuple[SchemeMux, ScriptedCsms, ScriptedCsms]]:
    """A plain CSMS (profile 1) and a TLS one on the same port; the TLS certificate is the
    fixture parameter (a Pki attribute)."""
    plain = await serving(servers, password=KEY)
    tls = await serving(servers, tls=server_tls(getattr(pki, request.param)), password=KEY)
    mux = SchemeMux(plain.port, tls.port)
    await mux.start()
    yield mux, plain, tls
    await mux.close()


@pytest.mark.parametrize("mux_pair", ["server"], indirect=True)
async def test_raise_from_1_to_2_reconnects_with_tls_and_stores_it(
    cores: Cores, mux_pair: tuple[SchemeMux, ScriptedCsms, ScriptedCsms]
) -> None:
    mux, plain, tls = mux_pair
    core, published = await cores.start(mux.url("ws"), 1)
    await plain.wait(lambda: "StatusNotification" in plain.actions)
    answer = await plain.call("ChangeConfiguration", {"key": "SecurityProfile", "value": "2"})
    assert answer == {"status": "Accepted"}
    await tls.wait_accepted(1)
    reading = await tls.call("GetConfiguration", {"key": ["SecurityProfile"]})
    assert reading["configurationKey"][0]["value"] == "2"
    assert core.profile.active == 2 and cores.stored_profile() == "2"
    assert published.of(RECONFIGURATION)
    # Lowering is refused.
    lower = await tls.call("ChangeConfiguration", {"key": "SecurityProfile", "value": "1"})
    assert lower == {"status": "Rejected"}


@pytest.mark.parametrize("mux_pair", ["server_other_ca"], indirect=True)
async def test_failed_raise_from_1_to_2_falls_back_to_1(
    cores: Cores,
    mux_pair: tuple[SchemeMux, ScriptedCsms, ScriptedCsms],
    error_log: ErrorLog,
) -> None:
    mux, plain, tls = mux_pair
    core, published = await cores.start(mux.url("ws"), 1)
    await plain.wait(lambda: "StatusNotification" in plain.actions)
    answer = await plain.call("ChangeConfiguration", {"key": "SecurityProfile", "value": "2"})
    assert answer == {"status": "Accepted"}
    await plain.wait_accepted(2)  # back on profile 1, plain ws with Basic auth
    reading = await plain.call("GetConfiguration", {"key": ["SecurityProfile"]})
    assert reading["configurationKey"][0]["value"] == "1"
    assert core.profile.active == 1 and core.profile.pending is None
    assert cores.stored_profile() in (None, "1")
    assert mux.kinds == ["plain", "tls", "plain"]
    assert tls.authorizations == []  # the unverified server never saw the password
    await published.wait(INVALID_CERT)
    fallback = [r for r in published.of(RECONFIGURATION) if r.info and "fell back" in r.info]
    assert fallback and "from 2 to 1" in (fallback[0].info or "")
    assert error_log.having("falling back to profile 1")
    assert plain.authorizations[-1] == plain.authorizations[0]  # same Basic auth again


def optional_client_tls(identity: Identity, client_ca: Path) -> ssl.SSLContext:
    """A server that lets a client without a certificate in (profile 2, Basic auth) but checks
    any certificate presented against `client_ca` and refuses the handshake if it fails."""
    context = server_tls(identity, client_ca)
    context.verify_mode = ssl.CERT_OPTIONAL
    return context


async def test_raise_from_2_to_3_presents_the_client_certificate_and_stores_it(
    cores: Cores, servers: list[ScriptedCsms], pki: Pki
) -> None:
    profile_2 = await serving(servers, tls=server_tls(pki.server), password=KEY)
    profile_3 = await serving(servers, tls=server_tls(pki.server, client_ca=pki.ca.pem))
    # Same URL before and after the raise; the mux sends TLS connections where tls_port says.
    mux = SchemeMux(plain_port=profile_2.port, tls_port=profile_2.port)
    await mux.start()
    try:
        core, published = await cores.start(
            mux.url("wss"), 2, client_cert=pki.client.cert, client_key=pki.client.key
        )
        await profile_2.wait(lambda: "StatusNotification" in profile_2.actions)
        assert profile_2.client_subjects == []  # profile 2: no client certificate
        mux.tls_port = profile_3.port  # from now on only a client certificate gets in
        answer = await profile_2.call(
            "ChangeConfiguration", {"key": "SecurityProfile", "value": "3"}
        )
        assert answer == {"status": "Accepted"}
        await profile_3.wait_accepted(1)  # a reconnect, not a new boot
        assert profile_3.client_subjects == [CP_ID]
        assert profile_3.authorizations == [None]  # no Basic auth with a client certificate
        reading = await profile_3.call("GetConfiguration", {"key": ["SecurityProfile"]})
        assert reading["configurationKey"][0]["value"] == "3"
        assert core.profile.active == 3 and cores.stored_profile() == "3"
        assert published.of(RECONFIGURATION)
    finally:
        await mux.close()


async def test_raise_from_2_to_3_with_a_refused_client_certificate_falls_back_to_2(
    cores: Cores, servers: list[ScriptedCsms], pki: Pki, error_log: ErrorLog
) -> None:
    # Trusts only client certificates of the other CA: ours is refused in the handshake.
    csms = await serving(
        servers, tls=optional_client_tls(pki.server, pki.other_ca.pem), password=KEY
    )
    core, published = await cores.start(
        csms.url, 2, client_cert=pki.client.cert, client_key=pki.client.key
    )
    await csms.wait(lambda: "StatusNotification" in csms.actions)
    answer = await csms.call("ChangeConfiguration", {"key": "SecurityProfile", "value": "3"})
    assert answer == {"status": "Accepted"}
    await csms.wait_accepted(2)  # back on profile 2: server certificate and Basic auth
    reading = await csms.call("GetConfiguration", {"key": ["SecurityProfile"]})
    assert reading["configurationKey"][0]["value"] == "2"
    assert core.profile.active == 2 and core.profile.pending is None
    assert cores.stored_profile() in (None, "2")
    assert csms.client_subjects == []  # the refused certificate never got a connection
    assert csms.authorizations[-1] == csms.authorizations[0]  # same Basic auth again
    fallback = [r for r in published.of(RECONFIGURATION) if r.info and "fell back" in r.info]
    assert fallback and "from 3 to 2" in (fallback[0].info or "")
    assert error_log.having("falling back to profile 2")
    assert error_log.having("client certificate")  # the log line says what was refused


class PlainHttpServer:
    """A server without TLS that answers whatever arrives with HTTP 400 and closes, as a ws://
    server or an HTTP proxy does for a request it cannot parse."""

    def __init__(self) -> None:
        self.connections = 0
        self.port = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._answer, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            await reader.read(65536)
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            await reader.read(65536)  # until the client gives up: a graceful close, no reset
        except ConnectionError:
            pass
        finally:
            writer.close()


async def test_tls_to_a_server_without_tls_is_a_connection_failure_without_an_event(
    cores: Cores, pki: Pki, error_log: ErrorLog
) -> None:
    plain = PlainHttpServer()
    await plain.start()
    try:
        core, published = await cores.start(f"wss://127.0.0.1:{plain.port}/ocpp", 2)
        lines = await error_log.wait("CSMS did not answer in TLS", count=2)  # retried
        assert "WRONG_VERSION_NUMBER" in lines[0] and "plain ws://" in lines[0]
        assert not core.connected and plain.connections >= 2
        assert published.of("InvalidTLSVersion") == []
        assert [r.type for r in published.records] == ["StartupOfTheDevice"]
        assert cores.security_log() == ["StartupOfTheDevice"]
    finally:
        await plain.close()
