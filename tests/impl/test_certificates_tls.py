"""Security profiles 2 and 3 with the certificate store: the CSMS is verified against the
installed CentralSystemRootCertificate(s) only, and the charge point certificate from
CertificateSigned is profile 3's client certificate. Real TLS servers on loopback."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography import x509

from everest_py.generated.types import evse_security as sec
from everest_py.generated.types.ocpp import SecurityEvent
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.ocpp16.simulation.security import CertificateStore
from tests.security.certs import Authority, CertFactory, Identity, pem_text, sign_csr

WAIT = 20.0
CP_ID = "TLS-CERT-CP"
KEY = "0123456789abcdef0123"


def server_tls(identity: Identity, client_ca: Path | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(identity.cert, identity.key)
    if client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    return context


def store_of(tmp_path: Path) -> CertificateStore:
    # Where SimulatedChargePoint keeps the simulated station's certificates.
    return CertificateStore(tmp_path / "data" / "sim-security")


def install_charge_point_certificate(store: CertificateStore, root: Authority) -> None:
    csr_pem = store.new_csr(sec.LeafCertificateType.CSMS, "DE", "CPO", CP_ID).csr or ""
    chain = pem_text(sign_csr(csr_pem, root))
    assert store.update_leaf(chain, sec.LeafCertificateType.CSMS) is (
        sec.InstallCertificateResult.Accepted
    )


class Events:
    """Security events the charge point publishes, awaitable."""

    def __init__(self) -> None:
        self.types: list[str] = []
        self._changed = asyncio.Event()

    def add(self, event: SecurityEvent) -> None:
        self.types.append(event.type)
        self._changed.set()

    async def wait_for(self, event_type: str) -> None:
        async with asyncio.timeout(WAIT):
            while event_type not in self.types:
                self._changed.clear()
                await self._changed.wait()


class Running:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.servers: list[LoopbackCsms] = []
        self.charge_points: list[SimulatedChargePoint] = []

    async def server(self, tls: ssl.SSLContext, password: str | None = None) -> LoopbackCsms:
        server = LoopbackCsms(tls=tls, password=password)
        await server.start()
        self.servers.append(server)
        return server

    async def charge_point(
        self, url: str, profile: int, tls: dict[str, str] | None = None, renew_at_once: bool = False
    ) -> tuple[SimulatedChargePoint, Events]:
        configuration = {
            "SecurityProfile": str(profile),
            "WebSocketPingInterval": "0",
            "CpoName": "CPO",
        }
        if profile == 2:
            configuration["AuthorizationKey"] = KEY
        settings = build_settings(
            {
                "csms_url": url,
                "charge_point_id": CP_ID,
                "data_dir": str(self.tmp_path / "data"),
                "reconnect": {"initial_delay": 0.05, "max_delay": 0.2, "jitter": 0},
                "configuration": configuration,
                "tls": tls or {},
            },
            {},
            "test",
        )
        charge_point = SimulatedChargePoint(settings)
        events = Events()
        charge_point.app.core.security_listeners.append(events.add)
        if renew_at_once:
            charge_point.app.core.certificates.renewal.initial_delay = 0
        await charge_point.start()
        self.charge_points.append(charge_point)
        return charge_point, events


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    everything = Running(tmp_path)
    yield everything
    for charge_point in everything.charge_points:
        await charge_point.close()
    for server in everything.servers:
        await server.close()


async def test_profile_2_trusts_the_installed_csms_root(running: Running, tmp_path: Path) -> None:
    pki = CertFactory(tmp_path / "pki")
    root = pki.authority("csms-root")
    store_of(tmp_path).install_ca(root.pem.read_text(), sec.CaCertificateType.CSMS)
    csms = await running.server(server_tls(pki.server("csms", root)), password=KEY)
    await running.charge_point(csms.url, 2)  # no CA bundle configured: the store's root
    await csms.wait_for("BootNotification", timeout=WAIT)


async def test_profile_2_refuses_a_csms_of_another_root_even_one_configured(
    running: Running, tmp_path: Path
) -> None:
    pki = CertFactory(tmp_path / "pki")
    installed, other = pki.authority("csms-root"), pki.authority("other-root")
    store_of(tmp_path).install_ca(installed.pem.read_text(), sec.CaCertificateType.CSMS)
    csms = await running.server(server_tls(pki.server("csms", other)), password=KEY)
    charge_point, events = await running.charge_point(csms.url, 2, {"ca_bundle": str(other.pem)})
    await events.wait_for("InvalidCentralSystemCertificate")
    assert csms.calls("BootNotification") == []
    assert not charge_point.app.core.connected


async def test_profile_3_presents_the_charge_point_certificate_of_the_store(
    running: Running, tmp_path: Path
) -> None:
    pki = CertFactory(tmp_path / "pki")
    root = pki.authority("csms-root")
    store = store_of(tmp_path)
    store.install_ca(root.pem.read_text(), sec.CaCertificateType.CSMS)
    install_charge_point_certificate(store, root)
    csms = await running.server(server_tls(pki.server("csms", root), client_ca=root.pem))
    await running.charge_point(csms.url, 3, renew_at_once=True)  # no client cert configured
    await csms.wait_for("BootNotification", timeout=WAIT)
    # It expires within 30 days: renewed at once (libocpp waits 60 s after the boot).
    request = await csms.wait_for("SignCertificate", timeout=WAIT)
    csr = x509.load_pem_x509_csr(str(request.payload["csr"]).encode())
    assert csr.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == CP_ID
