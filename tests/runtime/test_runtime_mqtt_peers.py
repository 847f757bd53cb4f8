"""What a misbehaving peer on the broker can and cannot do to a module, with a real mosquitto.

A peer names its module id ("origin") in every call, and that id becomes a level of the
topic the result is published to. Bounds keep a peer from growing a module's tasks.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import aiomqtt
import pytest

from everest_py.runtime import CmdTimeout, Module, MqttTransport
from everest_py.runtime.mqtt.topics import MAX_LEVEL_CHARACTERS, level_problem
from tests.runtime.probe import ProbeClient, ProbeHandler
from tests.runtime.test_runtime_mqtt_wire import BASE, WAIT, cmd, next_message, raw_client
from tests.support.mosquitto import MosquittoBroker

RESPONSES = f"{BASE}/cmd/+/response/raw"


class Provider:
    def __init__(
        self, transport: MqttTransport, handler: ProbeHandler, raw: aiomqtt.Client
    ) -> None:
        self.transport = transport
        self.handler = handler
        self.raw = raw

    async def send(self, command: str, payload: bytes) -> None:
        await self.raw.publish(f"{BASE}/cmd/{command}", payload, qos=2)

    async def response(self) -> dict[str, Any]:
        message = await next_message(self.raw)
        body: dict[str, Any] = json.loads(message.payload)["data"]["data"]
        return body


@asynccontextmanager
async def provider(broker: MosquittoBroker, **options: Any) -> AsyncIterator[Provider]:
    """Module "prov" serving probe as "main"; a raw client listening to responses for "raw"."""
    handler = ProbeHandler()
    transport = MqttTransport(broker.host, broker.port, **options)
    module = Module("prov", transport)
    module.provide("main", handler)
    async with raw_client(broker) as raw:
        await raw.subscribe(RESPONSES, qos=2)
        async with module:
            yield Provider(transport, handler, raw)


def refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "refused a call" in r.getMessage()]


@pytest.mark.parametrize(
    "origin",
    [
        "ra\x00w",
        "ra\x1bw",
        "ra+w",
        "raw/#",
        "raw/other",
        "ra\ud800w",  # a lone surrogate: no UTF-8 encoding exists
        "ra\uffffw",
        "",
        "r" * (MAX_LEVEL_CHARACTERS + 1),
    ],
    ids=["nul", "escape", "plus", "hash", "slash", "surrogate", "noncharacter", "empty", "long"],
)
async def test_a_call_whose_origin_is_no_topic_level_is_refused_and_serving_goes_on(
    mosquitto_broker: MosquittoBroker, caplog: pytest.LogCaptureFixture, origin: str
) -> None:
    caplog.set_level(logging.WARNING)
    async with provider(mosquitto_broker) as prov:
        await prov.send("echo", cmd("id-bad", {"text": "lost"}, origin=origin))
        await prov.send("echo", cmd("id-good", {"text": "next"}))
        # Calls on one topic are handled in order: the bad one was handled before this.
        assert await prov.response() == {"id": "id-good", "retval": "next", "origin": "prov"}
        # Publishing to a malformed topic makes mosquitto drop the session: it was kept.
        assert prov.transport.connections == 1
    if origin:
        [refusal] = refusals(caplog)
        assert "field 'origin'" in refusal
    else:
        # An empty origin is no origin: as before, a call nobody can be told about.
        assert any("nobody can be told about" in r.getMessage() for r in caplog.records)


async def test_a_malformed_call_with_a_bad_origin_gets_no_error_response_either(
    mosquitto_broker: MosquittoBroker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with provider(mosquitto_broker) as prov:
        bare = json.dumps({"id": "id-bare", "args": {}, "origin": "ra\x00w"}).encode()
        await prov.send("echo", bare)
        await prov.send("echo", cmd("id-good", {"text": "next"}))
        assert await prov.response() == {"id": "id-good", "retval": "next", "origin": "prov"}
        assert prov.transport.connections == 1
    [refusal] = refusals(caplog)
    assert "field 'origin'" in refusal and "U+0000" in refusal


class Refusals(logging.Handler):
    """Collects "refused a call" log lines; ``reach`` waits for them (a sync point, no sleep)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if "refused a call" in record.getMessage():
            self.lines.append(record.getMessage())
            self.seen.set()

    async def reach(self, count: int) -> None:
        while len(self.lines) < count:
            self.seen.clear()
            await self.seen.wait()


@pytest.fixture
def refused() -> Iterator[Refusals]:
    handler = Refusals()
    logger = logging.getLogger("everest_py.runtime.mqtt")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


async def test_calls_beyond_the_served_bound_are_refused_until_one_ends(
    mosquitto_broker: MosquittoBroker, refused: Refusals
) -> None:
    async with provider(mosquitto_broker, max_calls_served=1) as prov:
        await prov.send("wait", cmd("id-held", {"gate": "g"}))
        await asyncio.wait_for(prov.handler.entered_gate("g").wait(), WAIT)
        await prov.send("echo", cmd("id-over", {"text": "over the bound"}))
        # A malformed call's error response needs a slot too.
        malformed = {"msg_type": "Cmd", "data": {"id": "id-bad", "args": [], "origin": "raw"}}
        await prov.send("echo", json.dumps(malformed).encode())
        await asyncio.wait_for(refused.reach(2), WAIT)
        prov.handler.gate("g").set()
        assert (await prov.response())["id"] == "id-held"
        await prov.send("echo", cmd("id-after", {"text": "room again"}))
        # Neither refused call got an answer: the next response is the call after them.
        assert await prov.response() == {"id": "id-after", "retval": "room again", "origin": "prov"}
    assert len(refused.lines) == 2
    assert all("1 calls in flight already" in line for line in refused.lines)


async def test_calls_beyond_the_pending_bound_wait_for_a_slot_within_their_timeout(
    mosquitto_broker: MosquittoBroker,
) -> None:
    transport = MqttTransport(mosquitto_broker.host, mosquitto_broker.port, max_calls_pending=1)
    user = Module("user", transport)
    client = user.require(ProbeClient, module_id="fake", impl_id="main")
    response_topic = "everest/modules/fake/impl/main/cmd/echo/response/user"

    async def answer(fake: aiomqtt.Client, retval: str) -> dict[str, Any]:
        call: dict[str, Any] = json.loads((await next_message(fake)).payload)["data"]
        inner = {"id": call["id"], "retval": retval, "origin": "fake"}
        result = {"msg_type": "CmdResult", "data": {"type": "result", "data": inner}}
        await fake.publish(response_topic, json.dumps(result).encode(), qos=2)
        return call

    async with raw_client(mosquitto_broker) as fake, user:
        await fake.subscribe("everest/modules/fake/impl/main/cmd/+", qos=2)
        first = asyncio.ensure_future(client.call("echo", text="first"))
        first_call = json.loads((await next_message(fake)).payload)["data"]
        with pytest.raises(CmdTimeout):
            await client.call("echo", text="no slot", timeout=0.3)
        second = asyncio.ensure_future(client.call("echo", text="second"))
        inner = {"id": first_call["id"], "retval": "one", "origin": "fake"}
        result = {"msg_type": "CmdResult", "data": {"type": "result", "data": inner}}
        await fake.publish(response_topic, json.dumps(result).encode(), qos=2)
        assert await asyncio.wait_for(first, WAIT) == "one"
        # The waiting call got the freed slot; the one that timed out was never sent.
        assert (await answer(fake, "two"))["args"] == {"text": "second"}
        assert await asyncio.wait_for(second, WAIT) == "two"


@pytest.mark.parametrize(
    ("level", "problem"),
    [
        ("cp-1_ü.充電", None),
        ("a\x00b", "contains U+0000 at position 1"),
        ("a\x9fb", "contains U+009F at position 1"),
        ("a/b", "contains U+002F ('/') at position 1"),
        ("+", "contains U+002B ('+') at position 0"),
        ("#", "contains U+0023 ('#') at position 0"),
        ("\ud83d", "contains U+D83D at position 0"),
        ("x\ufdd0", "contains U+FDD0 at position 1"),
        ("x\U0010ffff", "contains U+10FFFF at position 1"),
        ("", "is empty"),
        ("x" * MAX_LEVEL_CHARACTERS, None),
        (
            "x" * (MAX_LEVEL_CHARACTERS + 1),
            f"is {MAX_LEVEL_CHARACTERS + 1} characters long (at most 1024)",
        ),
    ],
)
def test_level_problem(level: str, problem: str | None) -> None:
    assert level_problem(level) == problem
