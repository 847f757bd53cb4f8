"""The interface commands and variables through the generated Client, in-process and over
EVerest MQTT with a real mosquitto."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiomqtt
import pytest
from ocpp.v16 import call

from everest_py.generated.interfaces.ocpp_1_6_charge_point import Ocpp16ChargePointClient
from everest_py.generated.types.ocpp import ConfigurationStatus, KeyValue, SecurityEvent
from everest_py.ocpp16 import ChargePointApp, Registration
from everest_py.ocpp16.configuration.keys import DEFINITIONS
from everest_py.ocpp16.settings import MqttSettings
from everest_py.runtime import InProcessBus, Module, MqttTransport
from tests.impl.conftest import settings_for
from tests.impl.csms import WAIT, Csms
from tests.support.mosquitto import MosquittoBroker


class Recorder:
    def __init__(self) -> None:
        self.values: list[Any] = []
        self._changed = asyncio.Event()

    def __call__(self, value: Any) -> None:
        self.values.append(value)
        self._changed.set()

    async def wait(self, predicate: Callable[[list[Any]], bool]) -> None:
        async def until() -> None:
            while not predicate(self.values):
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), WAIT)


@dataclass
class Setup:
    app: ChargePointApp
    client: Ocpp16ChargePointClient
    connected: Recorder
    keys: Recorder
    events: Recorder
    broker: MosquittoBroker | None


@pytest.fixture(params=["in-process", "mqtt"])
async def setup(request: pytest.FixtureRequest, csms: Csms, tmp_path: Path) -> AsyncIterator[Setup]:
    settings = settings_for(csms.url, tmp_path / "data")
    broker = None
    if request.param == "mqtt":
        broker = MosquittoBroker()
        broker.start()
        mqtt = MqttSettings(host=broker.host, port=broker.port, module_id="cp")
        settings = settings.replace(mqtt=mqtt)
        app = ChargePointApp(settings)
        user = Module("user", MqttTransport(broker.host, broker.port), call_timeout=WAIT)
    else:
        bus = InProcessBus()
        app = ChargePointApp(settings, bus=bus)
        user = Module("user", bus.transport(), call_timeout=WAIT)
    client = user.require(Ocpp16ChargePointClient, module_id=app.module_id, impl_id=app.impl_id)
    recorders = Recorder(), Recorder(), Recorder()
    client.subscribe_is_connected(recorders[0])
    client.subscribe_configuration_key(recorders[1])
    client.subscribe_security_event(recorders[2])
    await user.start()
    await app.start()
    try:
        yield Setup(app, client, *recorders, broker)
    finally:
        await app.close()
        await user.stop()
        if broker is not None:
            broker.close()


async def test_every_command_and_variable(setup: Setup, csms: Csms) -> None:
    client = setup.client
    await setup.connected.wait(lambda values: values[-1:] == [True])
    await csms.wait_action("StatusNotification", 3)

    everything = await client.get_configuration_key([])
    assert len(everything.configuration_keys) == len(DEFINITIONS) and everything.unknown_keys == []
    assert KeyValue(key="AuthorizationKey", read_only=False) in everything.configuration_keys
    some = await client.get_configuration_key(["HeartbeatInterval", "Nope"])
    assert some.configuration_keys == [
        KeyValue(key="HeartbeatInterval", read_only=False, value="3600")
    ]
    assert some.unknown_keys == ["Nope"]

    assert (
        await client.set_configuration_key("LightIntensity", "40") is ConfigurationStatus.Accepted
    )
    assert await client.set_configuration_key("NumberOfConnectors", "9") is (
        ConfigurationStatus.Rejected
    )
    assert await client.set_configuration_key("Nope", "1") is ConfigurationStatus.NotSupported
    assert await client.set_configuration_key("LightIntensity", "400") is (
        ConfigurationStatus.Rejected
    )

    await client.monitor_configuration_keys(["HeartbeatInterval"])
    await client.monitor_configuration_keys(["LightIntensity"])
    await csms.call(call.ChangeConfiguration(key="LightIntensity", value="10"))
    await csms.call(call.ChangeConfiguration(key="HeartbeatInterval", value="900"))
    await setup.keys.wait(lambda values: len(values) >= 2)
    assert setup.keys.values == [
        KeyValue(key="LightIntensity", read_only=False, value="10"),
        KeyValue(key="HeartbeatInterval", read_only=False, value="900"),
    ]

    await client.security_event("TamperDetectionActivated", "cover opened")
    await setup.events.wait(
        lambda values: any(e.type == "TamperDetectionActivated" for e in values)
    )
    event: SecurityEvent = next(
        e for e in setup.events.values if e.type == "TamperDetectionActivated"
    )
    assert (event.info, event.critical) == ("cover opened", True)
    await csms.wait_for(
        lambda: any(
            r.payload.get("techInfo") == "cover opened"
            for r in csms.actions("SecurityEventNotification")
        ),
        what="the SecurityEventNotification",
    )

    assert await client.stop() is True
    await setup.connected.wait(lambda values: values[-1:] == [False])
    assert await client.stop() is False
    assert await client.restart() is True
    await setup.connected.wait(lambda values: values[-1:] == [True])
    assert await client.restart() is False
    assert [r.connection for r in csms.actions("BootNotification")] == [1]


async def test_a_raw_everest_mqtt_command_is_answered(csms: Csms, tmp_path: Path) -> None:
    with MosquittoBroker() as broker:
        mqtt = MqttSettings(host=broker.host, port=broker.port, module_id="cp")
        settings = settings_for(csms.url, tmp_path / "data").replace(mqtt=mqtt)
        app = ChargePointApp(settings)
        await app.start()
        try:
            # Registered first: the boot's interval would otherwise overwrite the value set below.
            async with asyncio.timeout(WAIT):
                await app.core.session.wait_registration(Registration.ACCEPTED)
            async with aiomqtt.Client(broker.host, broker.port) as mqtt:
                base = "everest/modules/cp/impl/main/cmd/set_configuration_key"
                await mqtt.subscribe(base + "/response/tool", qos=2)
                call_id = str(uuid.uuid4())
                envelope = {
                    "msg_type": "Cmd",
                    "data": {
                        "id": call_id,
                        "args": {"key": "HeartbeatInterval", "value": "12"},
                        "origin": "tool",
                    },
                }
                await mqtt.publish(base, json.dumps(envelope), qos=2)
                async with asyncio.timeout(WAIT):
                    async for message in mqtt.messages:
                        response = json.loads(bytes(message.payload))
                        break
            assert response["data"]["data"]["id"] == call_id
            assert response["data"]["data"]["retval"] == "Accepted"
            assert app.core.configuration.value("HeartbeatInterval") == "12"
        finally:
            await app.close()


async def test_everest_schema_lengths_reach_the_charge_point_and_ocpp_keeps_its_own(
    setup: Setup, csms: Csms
) -> None:
    """EVerest's ocpp_1_6_charge_point and SecurityEvent set no string lengths (`maximum` on a
    string limits nothing), so long keys, values and event texts are accepted by the interface;
    the OCPP limits (CiString50 key, CiString500 value, CiString255 techInfo) hold on the wire."""
    client = setup.client
    await setup.connected.wait(lambda values: values[-1:] == [True])
    long_key = "K" * 51
    assert await client.set_configuration_key(long_key, "1") is ConfigurationStatus.NotSupported
    answer = await client.get_configuration_key(["HeartbeatInterval", long_key])
    assert [key.key for key in answer.configuration_keys] == ["HeartbeatInterval"]
    assert answer.unknown_keys == [long_key]
    await client.monitor_configuration_keys([long_key])
    # Longer than a ChangeConfiguration.req could carry: refused like an invalid value.
    assert await client.set_configuration_key("MeterValuesSampledData", " " * 501) is (
        ConfigurationStatus.Rejected
    )
    assert setup.app.core.configuration.value("MeterValuesSampledData") == (
        "Energy.Active.Import.Register"
    )

    long_type = "VendorSpecificSecurityEventWithAVeryLongName" + "X" * 20  # > CiString50
    await client.security_event(long_type, "i" * 600)
    await client.security_event("TamperDetectionActivated", "t" * 600)
    await setup.events.wait(
        lambda values: any(e.type == "TamperDetectionActivated" for e in values)
    )
    published = {e.type: e for e in setup.events.values}
    # Published whole; an unknown type is not critical, so it never goes to the CSMS.
    assert (published[long_type].info, published[long_type].critical) == ("i" * 600, False)
    assert published["TamperDetectionActivated"].info == "t" * 600

    def sent() -> list[tuple[str, str | None]]:
        return [
            (r.payload["type"], r.payload.get("techInfo"))
            for r in csms.actions("SecurityEventNotification")
        ]

    # Delivered in order of recording: the long type, recorded first, would come before.
    await csms.wait_for(
        lambda: ("TamperDetectionActivated", "t" * 255) in sent(), what="the notification"
    )
    assert [event_type for event_type, _ in sent()] == [
        "StartupOfTheDevice",
        "TamperDetectionActivated",
    ]


async def test_stop_and_restart_act_only_between_start_and_close(
    csms: Csms, tmp_path: Path
) -> None:
    """The interface is served from setup on (EVerest answers commands before GlobalReady),
    but the charge point connects in start() only: before it, stop and restart are false and
    connect nothing; a restart racing close() does not connect again after it."""
    bus = InProcessBus()
    app = ChargePointApp(settings_for(csms.url, tmp_path / "data"), bus=bus)
    user = Module("user", bus.transport(), call_timeout=WAIT)
    client = user.require(Ocpp16ChargePointClient, module_id=app.module_id, impl_id=app.impl_id)
    await user.start()
    assert app.module is not None
    await app.module.start()  # served, not started
    try:
        assert await client.restart() is False
        assert await client.stop() is False
        assert app.core.session.stopped and csms.connections == []
        await app.core.start()
        await app.core.session.wait_registration(Registration.ACCEPTED)
        assert len(csms.connections) == 1
        assert await client.stop() is True
        closing = asyncio.create_task(app.core.close())
        restarted = await client.restart()
        await closing
        assert await client.restart() is False
        # Whether that restart got in before close() or not, nothing runs after close().
        assert restarted in (True, False)
        assert app.core.session.stopped and not app.core.connected
    finally:
        await app.close()
        await user.stop()
