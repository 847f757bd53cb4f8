"""What the firmware and diagnostics tests share: a loopback HTTP server (firmware files to GET,
uploads to PUT, attempts counted), certificates and signatures made here, an evse_security test
double that checks a signing certificate against a manufacturer root it was given, and a
simulated charge point with that double linked as `security`."""

from __future__ import annotations

import base64
import dataclasses
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from everest_py.generated.interfaces.evse_security import EvseSecurityHandler
from everest_py.generated.types import evse_security as _security
from everest_py.generated.types.system import ResetType
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.app import ChargePointApp
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.settings import Settings
from everest_py.ocpp16.simulation import SimulatedStation
from everest_py.runtime import InProcessBus, Module

WAIT = 20.0
SECURITY_MODULE_ID = "test_security"
GATE_WAIT = 10.0  # seconds a held request waits for the test to release it


# -- HTTP --------------------------------------------------------------------------------------


class FileServer:
    """GET serves `files` (404 for others), PUT stores into `uploads` (or answers
    `put_status`); `requests` counts (method, path). `hold_puts`: PUTs wait until it is set."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.uploads: dict[str, bytes] = {}
        self.requests: Counter[tuple[str, str]] = Counter()
        self.authorizations: list[str | None] = []  # each GET's Authorization header
        self.put_status = 201
        self.hold_puts: threading.Event | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits for the next poll.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def count(self, method: str, path: str) -> int:
        with self._lock:
            return self.requests[(method, path)]

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        if self.hold_puts is not None:
            self.hold_puts.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(WAIT)


def _handler(owner: FileServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with owner._lock:
                owner.requests[("GET", self.path)] += 1
                owner.authorizations.append(self.headers.get("Authorization"))
                body = owner.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if owner.hold_puts is not None:
                owner.hold_puts.wait(GATE_WAIT)
            with owner._lock:
                owner.requests[("PUT", self.path)] += 1
                status = owner.put_status
                if status < 300:
                    owner.uploads[self.path] = body
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the tests assert what arrived

    return Handler


@contextmanager
def file_server() -> Iterator[FileServer]:
    server = FileServer()
    server.start()
    try:
        yield server
    finally:
        server.close()


# -- certificates and signatures -----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Signer:
    """A firmware signing certificate and its key, issued by `root`."""

    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()

    def sign(self, image: bytes) -> str:
        if isinstance(self.key, rsa.RSAPrivateKey):
            raw = self.key.sign(image, padding.PKCS1v15(), hashes.SHA256())
        else:
            raw = self.key.sign(image, ec.ECDSA(hashes.SHA256()))
        return base64.b64encode(raw).decode()


@dataclasses.dataclass(frozen=True)
class Root:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    def issue(self, name: str = "Firmware Signer", use_rsa: bool = False) -> Signer:
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
        if use_rsa:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        else:
            key = ec.generate_private_key(ec.SECP256R1())
        certificate = _certificate(name, key.public_key(), self.certificate.subject, self.key)
        return Signer(key, certificate)


def make_root(name: str = "Manufacturer Root") -> Root:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    return Root(key, _certificate(name, key.public_key(), subject, key, ca=True))


def _certificate(
    name: str, public_key: Any, issuer: x509.Name, issuer_key: Any, ca: bool = False
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return builder.sign(issuer_key, hashes.SHA256())


class ManufacturerRootSecurity(EvseSecurityHandler):
    """evse_security's verify_certificate against one installed MF root (the test double the
    simulated evse_security replaces); every other command is not needed here."""

    def __init__(self, root: Root) -> None:
        self.root = root
        self.asked: list[list[_security.LeafCertificateType]] = []

    async def handle_verify_certificate(
        self, certificate_chain: str, certificate_types: list[_security.LeafCertificateType]
    ) -> _security.CertificateValidationResult:
        self.asked.append(certificate_types)
        result = _security.CertificateValidationResult
        try:
            leaf = x509.load_pem_x509_certificates(certificate_chain.encode())[0]
        except ValueError:
            return result.Unknown
        if leaf.issuer != self.root.certificate.subject:
            return result.IssuerNotFound
        try:
            leaf.verify_directly_issued_by(self.root.certificate)
        except Exception:
            return result.InvalidSignature
        if leaf.not_valid_after_utc < datetime.now(UTC):
            return result.Expired
        return result.Valid


def _not_needed(name: str) -> Any:
    async def command(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{name}: not part of the firmware tests")

    return command


for _name in sorted(ManufacturerRootSecurity.__abstractmethods__):
    setattr(ManufacturerRootSecurity, _name, _not_needed(_name))
ManufacturerRootSecurity.__abstractmethods__ = frozenset()


# -- the charge point -----------------------------------------------------------------------


def settings_for(csms: LoopbackCsms, cp_id: str, data_dir: Path) -> Settings:
    return build_settings(
        {"csms_url": csms.url, "charge_point_id": cp_id, "data_dir": str(data_dir)}, {}, "test"
    )


class FirmwareChargePoint:
    """As `SimulatedChargePoint` (the charge point and a simulated station on one bus), plus the
    evse_security double as requirement `security` when a root is given."""

    def __init__(self, settings: Settings, root: Root | None = None) -> None:
        self.bus = InProcessBus()
        self.station = SimulatedStation(self.bus, settings.connectors)
        requirements = dict(self.station.requirements())
        self.security: ManufacturerRootSecurity | None = None
        self._security_module: Module | None = None
        if root is not None:
            self.security = ManufacturerRootSecurity(root)
            self._security_module = Module(SECURITY_MODULE_ID, self.bus.transport())
            self._security_module.provide("main", self.security)
            requirements["security"] = [(SECURITY_MODULE_ID, "main")]
        self.app = ChargePointApp(settings, bus=self.bus, requirements=requirements)
        self.station.on_reboot = self._rebooted
        system = self.station.system
        system.default_retry_interval = 0.0
        system.transfer_timeout = 5.0

    @property
    def system(self) -> Any:
        return self.station.system

    async def start(self) -> None:
        await self.station.setup()
        if self._security_module is not None:
            await self._security_module.start()
        await self.app.start()
        await self.station.ready()

    async def close(self) -> None:
        await self.app.close()
        await self.station.stop()
        if self._security_module is not None:
            await self._security_module.stop()

    async def _rebooted(self, reset: ResetType) -> None:
        self.app.core.session.reconnect(boot=True)


def statuses(csms: LoopbackCsms, action: str, since: int = 0) -> list[str]:
    return [str(r.payload["status"]) for r in csms.calls(action) if r.seq >= since]


async def reported(csms: LoopbackCsms, action: str, last: str, since: int = 0) -> list[str]:
    """The statuses of `action` since `since`, once the last of them is `last`."""
    await csms.wait_until(lambda: statuses(csms, action, since)[-1:] == [last], WAIT)
    return statuses(csms, action, since)


def without_a_resend(sequence: list[str]) -> list[str]:
    """`sequence` with a repeated status collapsed, when there is at most one. A signed update
    ends in a reboot, which drops the connection: the notification in flight then (the CSMS may
    have it, its answer is lost) is sent again after the new boot. That is OCPP's at-least-once;
    more than one repeat is not."""
    collapsed = [status for n, status in enumerate(sequence) if n == 0 or status != sequence[n - 1]]
    assert len(sequence) - len(collapsed) <= 1, sequence
    return collapsed


def now_text(offset: timedelta = timedelta()) -> str:
    return (datetime.now(UTC) + offset).replace(microsecond=0).isoformat().replace("+00:00", "Z")
