"""Runtime overhead, printed side by side with its baseline in one run.

(a) in-process: a call through the generated Client against a direct call of the handler method;
(b) MQTT: a call through the Client over mosquitto against a raw aiomqtt request/echo that is
    the same in every way but the binding (see bench_mqtt), QoS 2.
Each for get_configuration_key with 1 and with 100 keys in the result.

    .venv/bin/python bench/bench_runtime.py [--mqtt-calls 5000] [--mqtt-block 10]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiomqtt

from everest_py.generated.interfaces.ocpp_1_6_charge_point import (
    Ocpp16ChargePointClient,
    Ocpp16ChargePointHandler,
)
from everest_py.generated.types.ocpp import (
    ConfigurationStatus,
    GetConfigurationResponse,
    KeyValue,
)
from everest_py.runtime import InProcessBus, Module, MqttTransport, wire
from tests.support.mosquitto import MosquittoBroker

KEY_COUNTS = (1, 100)
COMMAND = "get_configuration_key"
INPROCESS_CALLS = 20_000
INPROCESS_ROUNDS = 7
MQTT_CALLS = 5_000  # per side and key count
MQTT_BLOCK = 10  # calls in a row before the other side takes over
BINDING_PREFIX = "everest/"
RAW_PREFIX = "rawecho/"  # same length: identical topic sizes on both sides
MQTT_CLIENT_OPTIONS = {
    # What MqttTransport passes to aiomqtt.Client (runtime/mqtt/connection.py).
    "protocol": aiomqtt.ProtocolVersion.V311,
    "clean_session": True,
    "keepalive": 60,
    "socket_options": [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
}


@dataclass
class MqttRow:
    label: str
    request_bytes: int
    response_bytes: int
    binding_us: list[float]
    raw_us: list[float]


class BenchChargePoint(Ocpp16ChargePointHandler):
    """Answers get_configuration_key from prepared responses, so the handler costs ~nothing."""

    def __init__(self) -> None:
        self.responses = {
            count: GetConfigurationResponse(
                configuration_keys=[
                    KeyValue(key=f"Key{index}", read_only=False, value=f"value {index}")
                    for index in range(count)
                ],
                unknown_keys=[],
            )
            for count in KEY_COUNTS
        }

    async def handle_get_configuration_key(self, keys: list[str]) -> GetConfigurationResponse:
        return self.responses[len(keys)]

    async def handle_stop(self) -> bool:
        return True

    async def handle_restart(self) -> bool:
        return True

    async def handle_set_configuration_key(self, key: str, value: str) -> ConfigurationStatus:
        return ConfigurationStatus.Accepted

    async def handle_monitor_configuration_keys(self, keys: list[str]) -> None:
        return None

    async def handle_security_event(self, type: str, info: str) -> None:
        return None


def requested_keys(count: int) -> list[str]:
    return [f"Key{index}" for index in range(count)]


async def per_call_us(call: Callable[[], Awaitable[Any]], calls: int) -> float:
    """Median over INPROCESS_ROUNDS of the mean time per call, in microseconds."""
    for _ in range(min(calls, 200)):
        await call()
    means = []
    for _ in range(INPROCESS_ROUNDS):
        start = time.perf_counter()
        for _ in range(calls):
            await call()
        means.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(means)


async def bench_inprocess() -> list[tuple[str, float, float]]:
    bus = InProcessBus()
    handler = BenchChargePoint()
    charge_point = Module("ocpp", bus.transport())
    charge_point.provide("main", handler)
    user = Module("user", bus.transport())
    client = user.require(Ocpp16ChargePointClient, module_id="ocpp", impl_id="main")
    rows = []
    async with charge_point, user:
        for count in KEY_COUNTS:
            keys = requested_keys(count)
            assert len((await client.get_configuration_key(keys)).configuration_keys) == count
            binding = await per_call_us(
                lambda: client.get_configuration_key(keys), INPROCESS_CALLS  # noqa: B023
            )
            direct = await per_call_us(
                lambda: handler.handle_get_configuration_key(keys), INPROCESS_CALLS  # noqa: B023
            )
            rows.append((f"{count} key(s)", binding, direct))
    return rows


def mqtt_client(broker: MosquittoBroker, name: str) -> aiomqtt.Client:
    """A raw client set up exactly like MqttTransport's connection (protocol, session, socket)."""
    return aiomqtt.Client(
        broker.host,
        broker.port,
        identifier=f"{name}-{uuid.uuid4().hex[:12]}",
        **MQTT_CLIENT_OPTIONS,  # type: ignore[arg-type]
    )


async def captured_payloads(
    broker: MosquittoBroker, call: Callable[[], Awaitable[Any]], topics: wire.Topics
) -> tuple[bytes, bytes]:
    """The exact request and response bytes one binding call puts on the wire."""
    command = topics.command("ocpp", "main", COMMAND)
    response = topics.response("ocpp", "main", COMMAND, "user")
    async with mqtt_client(broker, "sniffer") as sniffer:
        await sniffer.subscribe([(command, 2), (response, 2)])
        await call()
        seen: dict[str, bytes] = {}
        async with asyncio.timeout(10):
            async for message in sniffer.messages:
                assert isinstance(message.payload, bytes)
                seen[message.topic.value] = message.payload
                if len(seen) == 2:
                    break
    return seen[command], seen[response]


async def bench_mqtt(broker: MosquittoBroker, calls: int, block: int) -> list[MqttRow]:
    """Binding and raw echo side by side, in alternating blocks so drift hits both alike.

    Identical on both sides but the binding: broker, client library and client options, QoS 2,
    topic lengths (the raw side uses a prefix of the same length), the exact payload bytes
    (captured from the binding's own traffic), and the way a request is sent (a publish task
    whose QoS 2 handshake is not awaited, then wait for the reply) and answered (publish the
    response from the message loop).
    """
    handler = BenchChargePoint()
    charge_point = Module("ocpp", MqttTransport(broker.host, broker.port, prefix=BINDING_PREFIX))
    charge_point.provide("main", handler)
    user = Module("user", MqttTransport(broker.host, broker.port, prefix=BINDING_PREFIX))
    client = user.require(Ocpp16ChargePointClient, module_id="ocpp", impl_id="main")
    raw_topics = wire.Topics(RAW_PREFIX)
    request_topic = raw_topics.command("ocpp", "main", COMMAND)
    response_topic = raw_topics.response("ocpp", "main", COMMAND, "user")
    rows = []
    async with (
        charge_point,
        user,
        mqtt_client(broker, "user") as requester,
        mqtt_client(broker, "ocpp") as echo,
    ):
        await echo.subscribe(request_topic, qos=2)
        await requester.subscribe(response_topic, qos=2)
        responses: dict[bytes, bytes] = {}
        in_flight: set[asyncio.Task[None]] = set()

        async def serve() -> None:
            async for message in echo.messages:
                assert isinstance(message.payload, bytes)
                await echo.publish(response_topic, responses[message.payload], qos=2)

        server = asyncio.ensure_future(serve())
        replies = requester.messages
        try:
            for count in KEY_COUNTS:
                keys = requested_keys(count)

                async def binding_call() -> None:
                    await client.get_configuration_key(keys)  # noqa: B023

                request, response = await captured_payloads(
                    broker, binding_call, wire.Topics(BINDING_PREFIX)
                )
                responses[request] = response

                async def raw_round_trip() -> None:
                    publishing = asyncio.ensure_future(
                        requester.publish(request_topic, request, qos=2)  # noqa: B023
                    )
                    in_flight.add(publishing)
                    publishing.add_done_callback(in_flight.discard)
                    await anext(replies)

                binding, raw = await interleaved_latencies(
                    binding_call, raw_round_trip, calls, block
                )
                rows.append(MqttRow(f"{count} key(s)", len(request), len(response), binding, raw))
        finally:
            server.cancel()
            await asyncio.gather(server, *in_flight, return_exceptions=True)
    return rows


async def interleaved_latencies(
    first: Callable[[], Awaitable[Any]],
    second: Callable[[], Awaitable[Any]],
    calls: int,
    block: int,
) -> tuple[list[float], list[float]]:
    """µs of every single call of each, in alternating blocks so drift hits both alike."""
    for _ in range(min(calls, 200)):
        await first()
        await second()
    latencies: tuple[list[float], list[float]] = ([], [])
    clock = time.perf_counter
    for block_number in range(calls // block):
        order = ((first, latencies[0]), (second, latencies[1]))
        for call, into in order if block_number % 2 == 0 else reversed(order):
            for _ in range(block):
                start = clock()
                await call()
                into.append((clock() - start) * 1e6)
    return latencies


def print_table(title: str, baseline: str, rows: list[tuple[str, float, float]]) -> None:
    print(f"\n{title}")
    print(f"{'result':<12}{'binding µs':>12}{baseline + ' µs':>16}{'overhead µs':>14}{'ratio':>8}")
    for label, binding, base in rows:
        print(
            f"{label:<12}{binding:>12.1f}{base:>16.1f}{binding - base:>14.1f}{binding / base:>8.2f}"
        )


def print_mqtt_table(rows: list[MqttRow]) -> None:
    print(f"{'result':<12}{'bytes req/resp':>16}{'binding µs':>12}{'raw echo µs':>13}"
          f"{'overhead µs':>13}{'ratio':>7}{'mean ratio':>12}")  # fmt: skip
    for row in rows:
        binding = statistics.median(row.binding_us)
        raw = statistics.median(row.raw_us)
        mean_ratio = statistics.fmean(row.binding_us) / statistics.fmean(row.raw_us)
        print(
            f"{row.label:<12}{f'{row.request_bytes}/{row.response_bytes}':>16}{binding:>12.1f}"
            f"{raw:>13.1f}{binding - raw:>13.1f}{binding / raw:>7.2f}{mean_ratio:>12.2f}"
        )


async def main(mqtt_calls: int, mqtt_block: int) -> None:
    print(f"Python {sys.version.split()[0]}; per call")
    print_table(
        f"(a) in-process, median of {INPROCESS_ROUNDS} rounds of {INPROCESS_CALLS} calls "
        "(target: overhead < 25 µs)",
        "direct",
        await bench_inprocess(),
    )
    with MosquittoBroker() as broker:
        rows = await bench_mqtt(broker, mqtt_calls, mqtt_block)
    print(
        f"\n(b) MQTT via mosquitto on 127.0.0.1, QoS 2, {mqtt_calls} calls per side in "
        f"alternating blocks of {mqtt_block} (target: ratio <= 1.3)"
    )
    print_mqtt_table(rows)
    print("µs = median round trip; ratio = binding / raw echo of the medians; mean ratio: of means")


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--mqtt-calls", type=int, default=MQTT_CALLS, help="calls per side")
    options.add_argument("--mqtt-block", type=int, default=MQTT_BLOCK, help="calls in a row")
    arguments = options.parse_args()
    asyncio.run(main(arguments.mqtt_calls, arguments.mqtt_block))
