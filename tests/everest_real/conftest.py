"""Fixtures for the real-manager tests (``make test-everest``; deselected from ``make test``)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from everest_py.runtime.everest.environment import (
    TcpBroker,
    UnixSocketBroker,
    read_module_environment,
)
from everest_py.runtime.everest.protocol import WireVersion
from tests.support.mosquitto import MosquittoBroker, mosquitto_broker

from .csms import ThreadedCsms
from .managed import ManagedSystem
from .manager import MODULE_ID, Installation, RealManager
from .raw_module import RawModule
from .socket_broker import UnixSocketMosquitto
from .station import CHARGING_CONFIG

__all__ = ["mosquitto_broker"]


def _versions() -> list[WireVersion]:
    """EVEREST_VERSIONS=2025 (or 2026) runs against one manager only."""
    chosen = os.environ.get("EVEREST_VERSIONS", "2025 2026").split()
    return [WireVersion.parse(v) for v in chosen]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked ``only_wire_version(V)`` runs against that manager only: the others are
    deselected (not skipped: nothing is left undone for them)."""
    kept, dropped = [], []
    for item in items:
        marker = item.get_closest_marker("only_wire_version")
        callspec = getattr(item, "callspec", None)
        version = callspec.params.get("installation") if callspec is not None else None
        wrong = marker is not None and version is not None and version is not marker.args[0]
        (dropped if wrong else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(params=_versions(), ids=lambda v: f"everest-{v.value}")
def installation(request: pytest.FixtureRequest) -> Installation:
    version: WireVersion = request.param
    return Installation.of(version)


@pytest.fixture
def manager_args() -> tuple[str, ...]:
    return ()


@pytest.fixture
def broker(request: pytest.FixtureRequest) -> Iterator[TcpBroker | UnixSocketBroker]:
    """Where the manager and our module meet: loopback TCP, or with
    ``@pytest.mark.parametrize("broker", ["unix"], indirect=True)`` a Unix socket."""
    if getattr(request, "param", "tcp") == "unix":
        mosquitto = UnixSocketMosquitto()
        mosquitto.start()
        try:
            yield UnixSocketBroker(mosquitto.socket_path)
        finally:
            mosquitto.close()
        return
    tcp: MosquittoBroker = request.getfixturevalue("mosquitto_broker")
    yield TcpBroker(tcp.host, tcp.port)


@pytest.fixture
def manager(
    installation: Installation, broker: TcpBroker | UnixSocketBroker, manager_args: tuple[str, ...]
) -> Iterator[RealManager]:
    real = RealManager(installation, broker, *manager_args)
    try:
        real.start()
        yield real
    finally:
        real.close()


@pytest.fixture
def module_environment(broker: TcpBroker | UnixSocketBroker) -> dict[str, str]:
    """What the manager would set for this module (it does not start standalone ones)."""
    environment = {
        "EV_MODULE": MODULE_ID,
        "EV_MQTT_EVEREST_PREFIX": "everest/",
        "EV_MQTT_EXTERNAL_PREFIX": "",
    }
    if isinstance(broker, UnixSocketBroker):
        return environment | {"EV_MQTT_BROKER_SOCKET_PATH": str(broker.path)}
    return environment | {
        "EV_MQTT_BROKER_HOST": broker.host,
        "EV_MQTT_BROKER_PORT": str(broker.port),
    }


@pytest.fixture
def raw_module(manager: RealManager, module_environment: dict[str, str]) -> Iterator[RawModule]:
    module = RawModule(read_module_environment(module_environment))
    module.connect()
    try:
        yield module
    finally:
        module.close()


@pytest.fixture
def csms() -> Iterator[ThreadedCsms]:
    server = ThreadedCsms()
    server.start()
    try:
        yield server
    finally:
        server.close()  # fails the test on any schema violation the charge point sent


@pytest.fixture
def station(
    installation: Installation, broker: TcpBroker | UnixSocketBroker, csms: ThreadedCsms
) -> Iterator[ManagedSystem]:
    """The charge point and the simulated station of examples/everest-charging.yaml, under
    the manager (not started yet: ``station.booted(station, csms)`` starts it)."""
    args = ("--graceful-shutdown",) if installation.version is WireVersion.V2026 else ()
    managed = ManagedSystem(installation, broker, csms.url(), *args, source=CHARGING_CONFIG)
    try:
        yield managed
    finally:
        managed.close()
