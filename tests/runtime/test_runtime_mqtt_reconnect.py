"""The broker going away and coming back in the middle of a session."""

from __future__ import annotations

import asyncio

from everest_py.runtime import ConnectionLost, Module, MqttTransport
from tests.runtime.probe import ProbeClient, ProbeHandler, ProbePublisher
from tests.support.mosquitto import MosquittoBroker

WAIT = 10.0


async def test_mosquitto_restart_mid_session(mosquitto_broker: MosquittoBroker) -> None:
    def transport() -> MqttTransport:
        return MqttTransport(
            mosquitto_broker.host,
            mosquitto_broker.port,
            reconnect_delay=0.05,
            max_reconnect_delay=0.2,
        )

    handler = ProbeHandler()
    provider_transport, user_transport = transport(), transport()
    provider = Module("prov", provider_transport)
    provider.provide("main", handler)
    publisher = provider.publisher(ProbePublisher, "main")
    # The provider watches its own variable too: same connection, so the order
    # "resubscribe, then flush what was published during the outage" is observable.
    own_values: asyncio.Queue[int] = asyncio.Queue()
    provider.require(ProbeClient, module_id="prov", impl_id="main").subscribe(
        "count", own_values.put_nowait
    )
    user = Module("user", user_transport, call_timeout=WAIT)
    client = user.require(ProbeClient, module_id="prov", impl_id="main")
    user_values: asyncio.Queue[int] = asyncio.Queue()
    client.subscribe("count", user_values.put_nowait)

    async with provider, user:
        assert await client.call("echo", text="before") == "before"
        publisher.publish("count", 1)
        assert await asyncio.wait_for(user_values.get(), WAIT) == 1
        assert await asyncio.wait_for(own_values.get(), WAIT) == 1

        in_flight = asyncio.ensure_future(client.call("wait", gate="outage"))
        await asyncio.wait_for(handler.entered_gate("outage").wait(), WAIT)

        await mosquitto_broker.stop_async()
        try:
            await asyncio.wait_for(in_flight, WAIT)
        except ConnectionLost as error:
            assert "lost during the call" in str(error)
            assert error.command == "wait"
        else:
            raise AssertionError("the call in flight did not fail")
        # A call made during the outage fails at once instead of hanging.
        try:
            await client.call("echo", text="during")
        except ConnectionLost as error:
            assert "not connected" in str(error)
        else:
            raise AssertionError("a call during the outage did not fail")
        publisher.publish("count", 2)  # queued until the broker is back

        await mosquitto_broker.start_async()
        await asyncio.wait_for(provider_transport.wait_connected(), WAIT)
        await asyncio.wait_for(user_transport.wait_connected(), WAIT)
        assert provider_transport.connections == 2
        assert user_transport.connections == 2

        assert await asyncio.wait_for(own_values.get(), WAIT) == 2
        assert await client.call("echo", text="after") == "after"
        publisher.publish("count", 3)
        # The user reconnected on its own schedule: it may or may not have seen 2.
        seen = [await asyncio.wait_for(user_values.get(), WAIT)]
        if seen[0] == 2:
            seen.append(await asyncio.wait_for(user_values.get(), WAIT))
        assert seen[-1] == 3
        # The handler of the interrupted call still finishes; its result has nowhere to go.
        handler.gate("outage").set()
        assert await client.call("echo", text="end") == "end"
