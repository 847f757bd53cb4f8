"""The generated ocpp_1_6_charge_point bindings end to end, over both transports."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from everest_py.generated.interfaces.ocpp_1_6_charge_point import (
    Ocpp16ChargePointClient,
    Ocpp16ChargePointHandler,
    Ocpp16ChargePointPublisher,
)
from everest_py.generated.types.ocpp import (
    ConfigurationStatus,
    GetConfigurationResponse,
    KeyValue,
    SecurityEvent,
)
from everest_py.runtime import HandlerException, Module, SchemaValidationError
from tests.runtime.transports import TransportFactory

WAIT = 10.0


class ToyChargePoint(Ocpp16ChargePointHandler):
    """Keeps configuration keys in a dict; enough to exercise every command."""

    def __init__(self) -> None:
        self.keys = {"HeartbeatInterval": "300", "ChargePointModel": "toy"}
        self.read_only = {"ChargePointModel"}
        self.monitored: set[str] = set()
        self.security_events: list[tuple[str, str]] = []
        self.running = True

    async def handle_stop(self) -> bool:
        was_running, self.running = self.running, False
        return was_running

    async def handle_restart(self) -> bool:
        was_stopped, self.running = not self.running, True
        return was_stopped

    async def handle_get_configuration_key(self, keys: list[str]) -> GetConfigurationResponse:
        wanted = keys or sorted(self.keys)
        return GetConfigurationResponse(
            configuration_keys=[
                KeyValue(key=key, read_only=key in self.read_only, value=self.keys[key])
                for key in wanted
                if key in self.keys
            ],
            unknown_keys=[key for key in wanted if key not in self.keys],
        )

    async def handle_set_configuration_key(self, key: str, value: str) -> ConfigurationStatus:
        if key not in self.keys:
            return ConfigurationStatus.NotSupported
        if key in self.read_only:
            return ConfigurationStatus.Rejected
        if not value.isdigit():
            raise ValueError(f"{key} needs a number, got {value!r}")
        self.keys[key] = value
        return ConfigurationStatus.Accepted

    async def handle_monitor_configuration_keys(self, keys: list[str]) -> None:
        self.monitored.update(keys)

    async def handle_security_event(self, type: str, info: str) -> None:
        self.security_events.append((type, info))


@dataclass
class ChargePointSession:
    handler: ToyChargePoint
    publisher: Ocpp16ChargePointPublisher
    client: Ocpp16ChargePointClient


@pytest.fixture
async def session(new_transport: TransportFactory) -> AsyncIterator[ChargePointSession]:
    handler = ToyChargePoint()
    charge_point = Module("ocpp", new_transport())
    charge_point.provide("main", handler)
    publisher = charge_point.publisher(Ocpp16ChargePointPublisher, "main")
    user = Module("evse_manager", new_transport(), call_timeout=WAIT)
    client = user.require(Ocpp16ChargePointClient, module_id="ocpp", impl_id="main")
    async with charge_point, user:
        yield ChargePointSession(handler, publisher, client)


async def test_configuration_commands(session: ChargePointSession) -> None:
    response = await session.client.get_configuration_key(["HeartbeatInterval", "Nope"])
    assert isinstance(response, GetConfigurationResponse)
    assert response.configuration_keys == [
        KeyValue(key="HeartbeatInterval", read_only=False, value="300")
    ]
    assert response.unknown_keys == ["Nope"]

    status = await session.client.set_configuration_key("HeartbeatInterval", "60")
    assert status is ConfigurationStatus.Accepted
    assert await session.client.set_configuration_key("ChargePointModel", "x") is (
        ConfigurationStatus.Rejected
    )
    everything = await session.client.get_configuration_key([])
    assert [key.value for key in everything.configuration_keys] == ["toy", "60"]


async def test_commands_without_result(session: ChargePointSession) -> None:
    await session.client.monitor_configuration_keys(["HeartbeatInterval"])
    await session.client.security_event("FirmwareUpdated", "v2")
    assert session.handler.monitored == {"HeartbeatInterval"}
    assert session.handler.security_events == [("FirmwareUpdated", "v2")]
    assert await session.client.stop() is True
    assert await session.client.stop() is False
    assert await session.client.restart() is True


async def test_errors_name_the_command_and_argument(session: ChargePointSession) -> None:
    with pytest.raises(SchemaValidationError) as caught:
        await session.client.set_configuration_key("HeartbeatInterval", 60)  # type: ignore[arg-type]
    assert (caught.value.command, caught.value.argument) == ("set_configuration_key", "value")
    assert "valid string" in str(caught.value)
    with pytest.raises(HandlerException, match="needs a number"):
        await session.client.set_configuration_key("HeartbeatInterval", "soon")
    assert session.handler.keys["HeartbeatInterval"] == "300"


async def test_everest_schema_sets_no_string_lengths(session: ChargePointSession) -> None:
    """EVerest's ocpp_1_6_charge_point writes `maximum: 50` on string arguments, which limits
    nothing: a longer key reaches the handler instead of failing schema validation."""
    long_key = "K" * 51
    assert await session.client.set_configuration_key(long_key, "1" * 600) is (
        ConfigurationStatus.NotSupported
    )
    response = await session.client.get_configuration_key([long_key])
    assert response.unknown_keys == [long_key]
    await session.client.security_event("T" * 80, "i" * 1000)
    assert session.handler.security_events[-1] == ("T" * 80, "i" * 1000)


async def test_variables(session: ChargePointSession) -> None:
    connected: asyncio.Queue[bool] = asyncio.Queue()
    keys: asyncio.Queue[KeyValue] = asyncio.Queue()
    events: asyncio.Queue[SecurityEvent] = asyncio.Queue()
    for subscription in (
        session.client.subscribe_is_connected(connected.put_nowait),
        session.client.subscribe_configuration_key(keys.put_nowait),
        session.client.subscribe_security_event(events.put_nowait),
    ):
        await asyncio.wait_for(subscription.wait_active(), WAIT)  # type: ignore[attr-defined]

    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    session.publisher.publish_is_connected(True)
    session.publisher.publish_configuration_key(KeyValue(key="HeartbeatInterval", read_only=False))
    session.publisher.publish_security_event(
        SecurityEvent(type="StartupOfTheDevice", critical=True, timestamp=when)
    )
    assert await asyncio.wait_for(connected.get(), WAIT) is True
    assert await asyncio.wait_for(keys.get(), WAIT) == KeyValue(
        key="HeartbeatInterval", read_only=False
    )
    event = await asyncio.wait_for(events.get(), WAIT)
    assert event == SecurityEvent(type="StartupOfTheDevice", critical=True, timestamp=when)

    with pytest.raises(SchemaValidationError, match="timestamp"):
        session.publisher.publish_security_event(
            {"type": "X", "timestamp": "2025-01-02T03:04:05"}  # type: ignore[arg-type]  # naive
        )
