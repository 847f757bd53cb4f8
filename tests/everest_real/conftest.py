"""Fixtures for the real-manager tests (``make test-everest``; deselected from ``make test``)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from everest_py.runtime.everest.environment import read_module_environment
from everest_py.runtime.everest.protocol import WireVersion
from tests.support.mosquitto import MosquittoBroker, mosquitto_broker

from .manager import MODULE_ID, Installation, RealManager
from .raw_module import RawModule

__all__ = ["mosquitto_broker"]


def _versions() -> list[WireVersion]:
    """EVEREST_VERSIONS=2025 (or 2026) runs against one manager only."""
    chosen = os.environ.get("EVEREST_VERSIONS", "2025 2026").split()
    return [WireVersion.parse(v) for v in chosen]


@pytest.fixture(params=_versions(), ids=lambda v: f"everest-{v.value}")
def installation(request: pytest.FixtureRequest) -> Installation:
    version: WireVersion = request.param
    return Installation.of(version)


@pytest.fixture
def manager_args() -> tuple[str, ...]:
    return ()


@pytest.fixture
def manager(
    installation: Installation, mosquitto_broker: MosquittoBroker, manager_args: tuple[str, ...]
) -> Iterator[RealManager]:
    real = RealManager(installation, mosquitto_broker.port, *manager_args)
    try:
        real.start()
        yield real
    finally:
        real.close()


@pytest.fixture
def module_environment(mosquitto_broker: MosquittoBroker) -> dict[str, str]:
    """What the manager would set for this module (it does not start standalone ones)."""
    return {
        "EV_MODULE": MODULE_ID,
        "EV_MQTT_EVEREST_PREFIX": "everest/",
        "EV_MQTT_EXTERNAL_PREFIX": "",
        "EV_MQTT_BROKER_HOST": mosquitto_broker.host,
        "EV_MQTT_BROKER_PORT": str(mosquitto_broker.port),
    }


@pytest.fixture
def raw_module(manager: RealManager, module_environment: dict[str, str]) -> Iterator[RawModule]:
    module = RawModule(read_module_environment(module_environment))
    module.connect()
    try:
        yield module
    finally:
        module.close()
