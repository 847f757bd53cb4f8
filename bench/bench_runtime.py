"""Runtime overhead, printed side by side with its baseline in one run.

(a) in-process: a call through the generated Client against a direct call of the handler method;
(b) MQTT: a call through the Client over mosquitto against a raw aiomqtt request/echo of
    payloads of the same size, same library, same broker, QoS 2.
Each for get_configuration_key with 1 and with 100 keys in the result.

    .venv/bin/python bench/bench_runtime.py
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiomqtt

from generated.interfaces.ocpp_1_6_charge_point import (
    Ocpp16ChargePointClient,
    Ocpp16ChargePointHandler,
)
from generated.types.ocpp import (
    ConfigurationStatus,
    GetConfigurationResponse,
    KeyValue,
)
from runtime import InProcessBus, Module, MqttTransport
from tests.support.mosquitto import MosquittoBroker

KEY_COUNTS = (1, 100)
INPROCESS_CALLS = 20_000
MQTT_CALLS = 300
ROUNDS = 7
NODELAY = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]


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
    """Median over ROUNDS of the mean time per call, in microseconds."""
    for _ in range(min(calls, 200)):
        await call()
    means = []
    for _ in range(ROUNDS):
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


async def bench_mqtt(broker: MosquittoBroker) -> list[tuple[str, float, float]]:
    """Binding and raw echo run side by side, their rounds interleaved so drift hits both."""
    handler = BenchChargePoint()
    charge_point = Module("ocpp", MqttTransport(broker.host, broker.port))
    charge_point.provide("main", handler)
    user = Module("user", MqttTransport(broker.host, broker.port))
    client = user.require(Ocpp16ChargePointClient, module_id="ocpp", impl_id="main")
    rows = []
    async with (
        charge_point,
        user,
        aiomqtt.Client(broker.host, broker.port, socket_options=NODELAY) as requester,
        aiomqtt.Client(broker.host, broker.port, socket_options=NODELAY) as echo,
    ):
        await echo.subscribe("raw/request", qos=2)
        await requester.subscribe("raw/response", qos=2)
        responses: dict[int, bytes] = {}

        async def serve() -> None:
            async for message in echo.messages:
                await echo.publish("raw/response", responses[len(message.payload)], qos=2)

        server = asyncio.ensure_future(serve())
        replies = requester.messages
        try:
            for count in KEY_COUNTS:
                keys = requested_keys(count)
                request, responses_for_count = raw_payloads(count)
                responses.clear()
                responses[len(request)] = responses_for_count

                async def raw_round_trip() -> None:
                    await requester.publish("raw/request", request, qos=2)  # noqa: B023
                    await anext(replies)

                async def binding_call() -> None:
                    await client.get_configuration_key(keys)  # noqa: B023

                binding, raw = await interleaved_us(binding_call, raw_round_trip, MQTT_CALLS)
                rows.append((f"{count} key(s)", binding, raw))
        finally:
            server.cancel()
            await asyncio.gather(server, return_exceptions=True)
    return rows


def raw_payloads(count: int) -> tuple[bytes, bytes]:
    """The request and response the binding puts on the wire for ``count`` keys."""
    call_id = "00000000-0000-0000-0000-000000000000"
    request = {"id": call_id, "args": {"keys": requested_keys(count)}, "origin": "user"}
    retval = BenchChargePoint().responses[count].model_dump(mode="json", exclude_none=True)
    response = {"type": "result", "data": {"id": call_id, "retval": retval, "origin": "ocpp"}}
    return (
        json.dumps({"msg_type": "Cmd", "data": request}).encode(),
        json.dumps({"msg_type": "CmdResult", "data": response}).encode(),
    )


async def interleaved_us(
    first: Callable[[], Awaitable[Any]], second: Callable[[], Awaitable[Any]], calls: int
) -> tuple[float, float]:
    """Median over ROUNDS of the mean µs per call of each, alternating rounds."""
    for _ in range(min(calls, 100)):
        await first()
        await second()
    means: tuple[list[float], list[float]] = ([], [])
    for _ in range(ROUNDS):
        for call, into in ((first, means[0]), (second, means[1])):
            start = time.perf_counter()
            for _ in range(calls):
                await call()
            into.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(means[0]), statistics.median(means[1])


def print_table(title: str, baseline: str, rows: list[tuple[str, float, float]]) -> None:
    print(f"\n{title}")
    print(f"{'result':<12}{'binding µs':>12}{baseline + ' µs':>16}{'overhead µs':>14}{'ratio':>8}")
    for label, binding, base in rows:
        print(
            f"{label:<12}{binding:>12.1f}{base:>16.1f}{binding - base:>14.1f}{binding / base:>8.2f}"
        )


async def main() -> None:
    print(f"Python {sys.version.split()[0]}; median of {ROUNDS} rounds; per call")
    print_table(
        f"(a) in-process, {INPROCESS_CALLS} calls/round (target: overhead < 25 µs)",
        "direct",
        await bench_inprocess(),
    )
    with MosquittoBroker() as broker:
        print_table(
            f"(b) MQTT via mosquitto on 127.0.0.1, QoS 2, {MQTT_CALLS} calls/round "
            "(target: ratio <= 1.3)",
            "raw echo",
            await bench_mqtt(broker),
        )


if __name__ == "__main__":
    asyncio.run(main())
