"""Runtime overhead, printed side by side with its baseline in one run.

(a) in-process: a call through the generated Client against a direct call of the handler method;
(b) MQTT, QoS 2 via mosquitto: a call through the generated Client to a generated Handler in
    another process, against a plain paho-mqtt echo (threaded requester, loop_forever responder
    in another process) and a raw aiomqtt echo (responder in another process), interleaved.
Each for get_configuration_key with 1 and with 100 keys in the result.

    .venv/bin/python bench/bench_runtime.py [--mqtt-calls 1500] [--mqtt-block 10] [--mqtt-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiomqtt
import paho.mqtt.client as paho

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
INPROCESS_CALLS = 10_000
INPROCESS_ROUNDS = 5
MQTT_CALLS = 1_500  # per side and key count
MQTT_BLOCK = 10  # calls in a row before the next side takes over
MQTT_TARGET = 1.3  # ours / plain paho, medians
BINDING_PREFIX = "everest/"
RAW_PREFIX = "rawecho/"  # same length: identical topic sizes on every side
PAHO_PREFIX = "pahoech/"
MQTT_CLIENT_OPTIONS = {
    # The session settings of MqttTransport (runtime/mqtt/session.py), for the raw aiomqtt side.
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
    ours_us: list[float]
    paho_us: list[float]
    aiomqtt_us: list[float]


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


async def asyncio_floor_us() -> float:
    """What the in-process call's asyncio machinery alone costs, with a handler that does
    nothing: a task per call (the provider's, so a caller's timeout leaves it running), a future
    the caller waits on, a timer for the timeout. The binding's own work is on top of this."""
    loop = asyncio.get_running_loop()

    async def handler() -> None:
        return None

    async def then_wake(waiter: asyncio.Future[None]) -> None:
        try:
            await handler()
        finally:
            waiter.set_result(None)

    async def call() -> None:
        waiter = loop.create_future()
        task = loop.create_task(then_wake(waiter))
        timer = loop.call_later(60, waiter.cancel)
        await waiter
        timer.cancel()
        task.result()

    return await per_call_us(call, INPROCESS_CALLS)


def mqtt_client(host: str, port: int, name: str) -> aiomqtt.Client:
    """A raw aiomqtt client with MqttTransport's settings (protocol, session, TCP_NODELAY)."""
    return aiomqtt.Client(
        host,
        port,
        identifier=f"{name}-{uuid.uuid4().hex[:12]}",
        **MQTT_CLIENT_OPTIONS,  # type: ignore[arg-type]
    )


async def captured_payloads(
    broker: MosquittoBroker, call: Callable[[], Awaitable[Any]], topics: wire.Topics
) -> tuple[bytes, bytes]:
    """The exact request and response bytes one binding call puts on the wire."""
    command = topics.command("ocpp", "main", COMMAND)
    response = topics.response("ocpp", "main", COMMAND, "user")
    async with mqtt_client(broker.host, broker.port, "sniffer") as sniffer:
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


# -- responders, each in its own process (python bench_runtime.py --serve KIND ...) ----------


def echo_topics(prefix: str) -> tuple[str, str]:
    topics = wire.Topics(prefix)
    return topics.command("ocpp", "main", COMMAND), topics.response("ocpp", "main", COMMAND, "user")


def load_responses(path: str) -> dict[bytes, bytes]:
    pairs = json.loads(Path(path).read_text())
    return {bytes.fromhex(request): bytes.fromhex(response) for request, response in pairs}


def ready() -> None:
    print("ready", flush=True)


def serve_paho(host: str, port: int, payloads: str) -> None:
    """The plain paho responder, as a paho user writes it: loop_forever, publish in on_message."""
    responses = load_responses(payloads)
    request_topic, response_topic = echo_topics(PAHO_PREFIX)
    client = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id="paho-echo")
    client.on_message = lambda client, _, message: client.publish(
        response_topic, responses[message.payload], qos=2
    )
    client.on_subscribe = lambda *_: ready()
    client.connect(host, port)
    no_delay(client)
    client.subscribe(request_topic, qos=2)
    client.loop_forever()


def no_delay(client: paho.Client) -> None:
    """TCP_NODELAY, as mosquitto and MqttTransport set it: without it Nagle and delayed ACKs
    stall paho's QoS 2 handshake steps (~88 ms per round trip instead of < 1 ms)."""
    client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


async def serve_aiomqtt(host: str, port: int, payloads: str) -> None:
    """The raw aiomqtt responder: publish each reply from the message loop."""
    responses = load_responses(payloads)
    request_topic, response_topic = echo_topics(RAW_PREFIX)
    async with mqtt_client(host, port, "ocpp") as echo:
        await echo.subscribe(request_topic, qos=2)
        ready()
        async for message in echo.messages:
            assert isinstance(message.payload, bytes)
            await echo.publish(response_topic, responses[message.payload], qos=2)


async def serve_binding(host: str, port: int) -> None:
    """The generated Handler served by a Module over MqttTransport."""
    charge_point = Module("ocpp", MqttTransport(host, port, prefix=BINDING_PREFIX))
    charge_point.provide("main", BenchChargePoint())
    async with charge_point:
        ready()
        await asyncio.Event().wait()  # until the bench terminates this process


def start_responder(broker: MosquittoBroker, kind: str, payloads: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", kind, "--port", str(broker.port)]
        + ["--payloads", str(payloads)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        process.kill()
        raise RuntimeError(f"the {kind} responder did not start")
    return process


# -- requesters, all in this process --------------------------------------------------------


class PahoRequester:
    """A plain paho requester, as a paho user writes it: loop_start thread, wait on an Event."""

    def __init__(self, broker: MosquittoBroker) -> None:
        self.request_topic, response_topic = echo_topics(PAHO_PREFIX)
        self._reply = threading.Event()
        self.last_reply = b""
        subscribed = threading.Event()
        client = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id="paho-user")
        client.on_message = self._received
        client.on_subscribe = lambda *_: subscribed.set()
        client.connect(broker.host, broker.port)
        no_delay(client)
        client.loop_start()
        client.subscribe(response_topic, qos=2)
        if not subscribed.wait(10):
            raise RuntimeError("paho requester: no SUBACK")
        self._client = client

    def _received(self, client: paho.Client, userdata: Any, message: Any) -> None:
        self.last_reply = message.payload
        self._reply.set()

    def request(self, payload: bytes) -> bytes:
        self._reply.clear()
        self._client.publish(self.request_topic, payload, qos=2)
        if not self._reply.wait(10):
            raise RuntimeError("paho requester: no reply")
        return self.last_reply

    def close(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()


async def bench_mqtt(broker: MosquittoBroker, calls: int, block: int) -> list[MqttRow]:
    """Ours, plain paho and raw aiomqtt round trips, interleaved in rotating blocks.

    Each responder runs in its own process; the three requesters run in this one. Identical
    on every side: broker, QoS 2, topic lengths (prefixes of the same length), the exact
    payload bytes (captured from the binding's own traffic).
    """
    binding_responder = start_responder(broker, "binding", Path(os.devnull))
    responders = [binding_responder]
    user = Module("user", MqttTransport(broker.host, broker.port, prefix=BINDING_PREFIX))
    client = user.require(Ocpp16ChargePointClient, module_id="ocpp", impl_id="main")
    rows = []
    try:
        async with user:
            captured = {}
            for count in KEY_COUNTS:
                keys = requested_keys(count)
                captured[count] = await captured_payloads(
                    broker,
                    lambda: client.get_configuration_key(keys),  # noqa: B023
                    wire.Topics(BINDING_PREFIX),
                )
            with tempfile.TemporaryDirectory() as directory:
                payloads = Path(directory) / "payloads.json"
                payloads.write_text(
                    json.dumps([(req.hex(), resp.hex()) for req, resp in captured.values()])
                )
                responders.append(start_responder(broker, "paho", payloads))
                responders.append(start_responder(broker, "aiomqtt", payloads))
            paho_user = PahoRequester(broker)
            raw_request_topic, raw_response_topic = echo_topics(RAW_PREFIX)
            async with mqtt_client(broker.host, broker.port, "user") as raw_user:
                await raw_user.subscribe(raw_response_topic, qos=2)
                replies = raw_user.messages
                in_flight: set[asyncio.Task[None]] = set()
                for count in KEY_COUNTS:
                    keys = requested_keys(count)
                    request, response = captured[count]

                    async def ours() -> None:
                        result = await client.get_configuration_key(keys)  # noqa: B023
                        assert len(result.configuration_keys) == count  # noqa: B023

                    async def plain_paho() -> None:
                        assert paho_user.request(request) == response  # noqa: B023

                    async def raw_aiomqtt() -> None:
                        publishing = asyncio.ensure_future(
                            raw_user.publish(raw_request_topic, request, qos=2)  # noqa: B023
                        )
                        in_flight.add(publishing)
                        publishing.add_done_callback(in_flight.discard)
                        assert (await anext(replies)).payload == response  # noqa: B023

                    latencies = await interleaved_latencies(
                        [ours, plain_paho, raw_aiomqtt], calls, block
                    )
                    rows.append(MqttRow(f"{count} key(s)", len(request), len(response), *latencies))
                await asyncio.gather(*in_flight, return_exceptions=True)
            paho_user.close()
    finally:
        for responder in responders:
            responder.terminate()
            responder.wait(10)
    return rows


async def interleaved_latencies(
    sides: list[Callable[[], Awaitable[Any]]], calls: int, block: int
) -> list[list[float]]:
    """µs of every single call of each side, in blocks whose order rotates so drift hits all."""
    for _ in range(min(calls, 200)):
        for side in sides:
            await side()
    latencies: list[list[float]] = [[] for _ in sides]
    clock = time.perf_counter
    for block_number in range(calls // block):
        first = block_number % len(sides)
        for index in list(range(first, len(sides))) + list(range(first)):
            call, into = sides[index], latencies[index]
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
    print(f"{'result':<10}{'bytes req/resp':>15}  {'ours µs':>18}  {'plain paho µs':>18}"
          f"  {'raw aiomqtt µs':>18}{'ours/paho':>11}{'ours/aiomqtt':>14}")  # fmt: skip
    for row in rows:
        ours, plain, raw = (
            statistics.median(side) for side in (row.ours_us, row.paho_us, row.aiomqtt_us)
        )
        spreads = (spread(side) for side in (row.ours_us, row.paho_us, row.aiomqtt_us))
        cells = "".join(
            f"  {f'{statistics.median(side):.0f} ({gap})':>18}"
            for side, gap in zip((row.ours_us, row.paho_us, row.aiomqtt_us), spreads, strict=True)
        )
        verdict = "ok" if ours / plain <= MQTT_TARGET else "MISSED"
        print(f"{row.label:<10}{f'{row.request_bytes}/{row.response_bytes}':>15}{cells}"
              f"{ours / plain:>11.2f}{ours / raw:>14.2f}  target <= {MQTT_TARGET}: {verdict}")  # fmt: skip


def spread(latencies: list[float]) -> str:
    """The interquartile range, p25-p75, in µs."""
    quartiles = statistics.quantiles(latencies, n=4)
    return f"{quartiles[0]:.0f}-{quartiles[2]:.0f}"


async def main(mqtt_calls: int, mqtt_block: int, mqtt_only: bool) -> None:
    print(f"Python {sys.version.split()[0]}; per call")
    if not mqtt_only:
        print_table(
            f"(a) in-process, median of {INPROCESS_ROUNDS} rounds of {INPROCESS_CALLS} calls "
            "(target: overhead < 25 µs)",
            "direct",
            await bench_inprocess(),
        )
        print(
            f"asyncio alone (a task, a future and a timer per call): {await asyncio_floor_us():.1f} µs"
        )
    with MosquittoBroker() as broker:
        rows = await bench_mqtt(broker, mqtt_calls, mqtt_block)
    print(
        f"\n(b) MQTT round trips via mosquitto on 127.0.0.1, QoS 2, responders in their own "
        f"processes; {mqtt_calls} calls per side in rotating blocks of {mqtt_block}"
    )
    print_mqtt_table(rows)
    print("µs = median round trip (p25-p75); ratios of the medians")


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--mqtt-calls", type=int, default=MQTT_CALLS, help="calls per side")
    options.add_argument("--mqtt-block", type=int, default=MQTT_BLOCK, help="calls in a row")
    options.add_argument("--mqtt-only", action="store_true", help="skip (a), the in-process part")
    options.add_argument("--serve", choices=("binding", "paho", "aiomqtt"), help=argparse.SUPPRESS)
    options.add_argument("--port", type=int, help=argparse.SUPPRESS)
    options.add_argument("--payloads", help=argparse.SUPPRESS)
    arguments = options.parse_args()
    if arguments.serve == "paho":
        serve_paho("127.0.0.1", arguments.port, arguments.payloads)
    elif arguments.serve == "aiomqtt":
        asyncio.run(serve_aiomqtt("127.0.0.1", arguments.port, arguments.payloads))
    elif arguments.serve == "binding":
        asyncio.run(serve_binding("127.0.0.1", arguments.port))
    else:
        asyncio.run(main(arguments.mqtt_calls, arguments.mqtt_block, arguments.mqtt_only))
