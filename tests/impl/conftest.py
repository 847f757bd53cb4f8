from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from everest_py.ocpp16 import ChargePointCore, Settings, build_settings
from tests.impl.csms import Csms, RawCsms
from tests.support.mosquitto import mosquitto_broker

__all__ = ["mosquitto_broker"]

# Reconnects within a fifth of a second, so tests of reconnecting are quick.
FAST_RECONNECT = {"initial_delay": 0.05, "max_delay": 0.2, "jitter": 0.5}


def settings_for(url: str, data_dir: Path, **changes: Any) -> Settings:
    document: dict[str, Any] = {
        "csms_url": url,
        "charge_point_id": "CP-1",
        "data_dir": str(data_dir),
        "connectors": 2,
        "identity": {"vendor": "TestVendor", "model": "TestModel", "serial_number": "SN1"},
        "response_timeout": 5,
        "boot_retry_interval": 0.2,
        "validate_outgoing": True,  # every message the charge point sends is schema-checked
        "reconnect": FAST_RECONNECT,
    }
    document.update(changes)
    return build_settings(document, {}, "test")


@pytest.fixture
async def csms() -> AsyncIterator[Csms]:
    server = Csms()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def raw_csms() -> AsyncIterator[RawCsms]:
    server = RawCsms()
    await server.start()
    yield server
    await server.close()


StartChargePoint = Callable[..., Awaitable[ChargePointCore]]


@pytest.fixture
async def start_charge_point(tmp_path: Path) -> AsyncIterator[StartChargePoint]:
    started: list[ChargePointCore] = []

    async def start(url: str, data_dir: Path | None = None, **changes: Any) -> ChargePointCore:
        core = ChargePointCore(settings_for(url, data_dir or tmp_path / "data", **changes))
        await core.start()
        started.append(core)
        return core

    yield start
    for core in started:
        await core.close()
