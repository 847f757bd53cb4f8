"""The transport's own MQTT session against a real mosquitto: sizes and loads the scripted
broker of test_mqtt_session.py does not show."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from everest_py.runtime import Module, MqttTransport
from tests.runtime.probe import ProbeClient, ProbeHandler
from tests.support.mosquitto import MosquittoBroker

WAIT = 30.0


@pytest.fixture
async def client(mosquitto_broker: MosquittoBroker) -> AsyncIterator[ProbeClient]:
    provider = Module("prov", MqttTransport(mosquitto_broker.host, mosquitto_broker.port))
    provider.provide("main", ProbeHandler())
    user = Module(
        "user", MqttTransport(mosquitto_broker.host, mosquitto_broker.port), call_timeout=WAIT
    )
    probe = user.require(ProbeClient, module_id="prov", impl_id="main")
    async with provider, user:
        yield probe


async def test_a_multi_megabyte_result_crosses_intact(client: ProbeClient) -> None:
    result = await client.call("echo", text="ä€😀abcdefg", times=300_000)
    assert result == "ä€😀abcdefg" * 300_000  # about 4 MiB of JSON, in many TCP reads


async def test_a_multi_megabyte_raw_publish_arrives_intact(
    mosquitto_broker: MosquittoBroker,
) -> None:
    sender = MqttTransport(mosquitto_broker.host, mosquitto_broker.port)
    receiver = MqttTransport(mosquitto_broker.host, mosquitto_broker.port)
    payload = bytes(range(256)) * (12 * 4096)  # 12 MiB
    arrived: asyncio.Queue[bytes] = asyncio.Queue()
    await sender.connect("sender")
    await receiver.connect("receiver")
    try:
        receiver.route("big/one", lambda _topic, data: arrived.put_nowait(data))
        await receiver.subscribe("big/one")
        await asyncio.wait_for(sender.publish("big/one", payload), WAIT)
        assert await asyncio.wait_for(arrived.get(), WAIT) == payload
    finally:
        await sender.close()
        await receiver.close()


async def test_many_more_concurrent_calls_than_messages_in_flight(client: ProbeClient) -> None:
    # 300 calls and 300 results: far beyond the 20 QoS 2 messages mosquitto takes in flight.
    texts = [f"call {index}" for index in range(300)]
    results = await asyncio.wait_for(
        asyncio.gather(*(client.call("echo", text=text) for text in texts)), WAIT
    )
    assert results == texts
