"""The MQTT wire format, checked with a raw MQTT client publishing hand-written JSON.

Topics and payloads follow shared/spec/everest-mqtt-wire.md (the framework's code).
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiomqtt
import pytest

from everest_py.runtime import (
    CmdTimeout,
    CommandError,
    HandlerException,
    MessageParsingError,
    Module,
    MqttTransport,
    NotReady,
    SchemaValidationError,
    Shutdown,
)
from tests.runtime.probe import ProbeClient, ProbeHandler, ProbePublisher, Reading
from tests.support.mosquitto import MosquittoBroker

WAIT = 10.0
BASE = "everest/modules/prov/impl/main"


def raw_client(broker: MosquittoBroker) -> aiomqtt.Client:
    return aiomqtt.Client(
        broker.host,
        broker.port,
        identifier="raw-test-client",
        socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
    )


async def next_message(client: aiomqtt.Client) -> aiomqtt.Message:
    return await asyncio.wait_for(anext(client.messages), WAIT)


def cmd(call_id: str, args: dict[str, Any], origin: str = "raw") -> bytes:
    return json.dumps(
        {"msg_type": "Cmd", "data": {"id": call_id, "args": args, "origin": origin}}
    ).encode()


def error_response(call_id: str, event: str, message: str) -> dict[str, Any]:
    return {
        "msg_type": "CmdResult",
        "data": {
            "type": "result",
            "data": {
                "id": call_id,
                "origin": "prov",
                "error": {"__everest__error_type": event, "__everest__error_msg": message},
            },
        },
    }


class Served:
    def __init__(self, module: Module, handler: ProbeHandler, raw: aiomqtt.Client) -> None:
        self.module = module
        self.handler = handler
        self.raw = raw
        self.publisher = module.publisher(ProbePublisher, "main")

    async def call(self, command: str, payload: bytes) -> tuple[str, dict[str, Any], int]:
        await self.raw.publish(f"{BASE}/cmd/{command}", payload, qos=2)
        message = await next_message(self.raw)
        return message.topic.value, json.loads(message.payload), message.qos


@pytest.fixture
async def served(mosquitto_broker: MosquittoBroker) -> AsyncIterator[Served]:
    """Module "prov" serving probe as "main"; a raw client listening to its responses."""
    handler = ProbeHandler()
    module = Module("prov", MqttTransport(mosquitto_broker.host, mosquitto_broker.port))
    module.provide("main", handler)
    async with raw_client(mosquitto_broker) as raw:
        await raw.subscribe(f"{BASE}/cmd/+/response/raw", qos=2)
        async with module:
            yield Served(module, handler, raw)


async def test_module_ready_is_announced(mosquitto_broker: MosquittoBroker) -> None:
    module = Module("prov", MqttTransport(mosquitto_broker.host, mosquitto_broker.port))
    async with raw_client(mosquitto_broker) as raw:
        await raw.subscribe("everest/modules/prov/ready", qos=2)
        async with module:
            message = await next_message(raw)
    assert json.loads(message.payload) == {"msg_type": "ModuleReady", "data": True}


async def test_result_topic_and_payload(served: Served) -> None:
    topic, payload, qos = await served.call("echo", cmd("id-1", {"text": "hi", "times": 2}))
    assert topic == f"{BASE}/cmd/echo/response/raw"
    assert payload == {
        "msg_type": "CmdResult",
        "data": {"type": "result", "data": {"id": "id-1", "retval": "hihi", "origin": "prov"}},
    }
    assert qos == 2


async def test_a_non_ascii_result_arrives_as_the_same_text(served: Served) -> None:
    _, payload, _ = await served.call("echo", cmd("id-u", {"text": "Grüße 充電"}))
    assert payload["data"]["data"]["retval"] == "Grüße 充電"


async def test_a_command_without_result_sends_null(served: Served) -> None:
    _, payload, _ = await served.call("nothing", cmd("id-2", {}))
    assert payload["data"]["data"] == {"id": "id-2", "retval": None, "origin": "prov"}


async def test_a_model_result_uses_wire_names(served: Served) -> None:
    _, payload, _ = await served.call(
        "store", cmd("id-3", {"reading": {"value": 1, "unit-name": "W"}})
    )
    assert payload["data"]["data"]["retval"] == {"value": 1.0, "unit-name": "W"}
    assert served.handler.stored == [Reading(value=1, **{"unit-name": "W"})]


async def test_message_parsing_error_for_a_payload_without_envelope(served: Served) -> None:
    bare = json.dumps({"id": "id-4", "args": {"text": "hi"}, "origin": "raw"}).encode()
    topic, payload, _ = await served.call("echo", bare)
    assert topic == f"{BASE}/cmd/echo/response/raw"
    assert payload == error_response(
        "id-4", "MessageParsingError", 'payload lacks the {"msg_type", "data"} envelope'
    )


async def test_message_parsing_error_for_a_wrong_msg_type_or_args(served: Served) -> None:
    wrong_type = json.dumps(
        {"msg_type": "Var", "data": {"id": "id-5", "args": {}, "origin": "raw"}}
    ).encode()
    _, payload, _ = await served.call("echo", wrong_type)
    assert payload == error_response(
        "id-5", "MessageParsingError", "msg_type is 'Var', expected 'Cmd'"
    )
    no_args = json.dumps(
        {"msg_type": "Cmd", "data": {"id": "id-6", "args": [1], "origin": "raw"}}
    ).encode()
    _, payload, _ = await served.call("echo", no_args)
    assert payload == error_response("id-6", "MessageParsingError", "Cmd data has no 'args' object")


def cmd_body(data: dict[str, Any]) -> bytes:
    return json.dumps({"msg_type": "Cmd", "data": data}).encode()


async def test_args_null_is_a_call_without_arguments(served: Served) -> None:
    # What ev-cli-generated C++ modules send for a command without arguments.
    _, payload, _ = await served.call(
        "nothing", cmd_body({"id": "id-n1", "args": None, "origin": "raw"})
    )
    assert payload["data"]["data"] == {"id": "id-n1", "retval": None, "origin": "prov"}
    # "No arguments" for a command that needs one: its argument is missing, not the envelope.
    _, payload, _ = await served.call(
        "echo", cmd_body({"id": "id-n2", "args": None, "origin": "raw"})
    )
    assert payload == error_response("id-n2", "SchemaValidationError", "argument 'text': missing")
    # Leaving "args" out is still a malformed call.
    _, payload, _ = await served.call("nothing", cmd_body({"id": "id-n3", "origin": "raw"}))
    assert payload == error_response(
        "id-n3", "MessageParsingError", "Cmd data has no 'args' object"
    )


async def test_a_payload_that_is_not_json_is_dropped_and_serving_goes_on(served: Served) -> None:
    await served.raw.publish(f"{BASE}/cmd/echo", b"\x00not json{", qos=2)
    _, payload, _ = await served.call("echo", cmd("id-7", {"text": "next"}))
    # Nobody can be told about the garbage (no id, no origin): the next response is id-7's.
    assert payload["data"]["data"] == {"id": "id-7", "retval": "next", "origin": "prov"}


async def test_a_deeply_nested_payload_is_dropped_and_serving_goes_on(served: Served) -> None:
    depth = 100_000
    nested = b'{"msg_type": "Cmd", "data": ' + b"[" * depth + b"]" * depth + b"}"
    await served.raw.publish(f"{BASE}/cmd/echo", nested, qos=2)
    _, payload, _ = await served.call("echo", cmd("id-deep", {"text": "still here"}))
    assert payload["data"]["data"] == {"id": "id-deep", "retval": "still here", "origin": "prov"}


async def test_schema_validation_error_for_arguments(served: Served) -> None:
    _, payload, _ = await served.call("echo", cmd("id-8", {"text": 5}))
    assert payload == error_response(
        "id-8",
        "SchemaValidationError",
        "argument 'text': Input should be a valid string (got 5)",
    )
    _, payload, _ = await served.call("echo", cmd("id-9", {}))
    assert payload == error_response("id-9", "SchemaValidationError", "argument 'text': missing")


async def test_schema_validation_error_for_a_result(served: Served) -> None:
    _, payload, _ = await served.call("bad_result", cmd("id-10", {}))
    error = payload["data"]["data"]["error"]
    assert error["__everest__error_type"] == "SchemaValidationError"
    assert error["__everest__error_msg"].startswith("result: Input should be a valid integer")


async def test_handler_exception(served: Served) -> None:
    _, payload, _ = await served.call("fail", cmd("id-11", {}))
    assert payload == error_response("id-11", "HandlerException", "KeyError: 'no such thing'")
    _, payload, _ = await served.call("echo", cmd("id-12", {"text": "alive"}))
    assert payload["data"]["data"]["retval"] == "alive"


async def test_shutdown_for_a_call_in_flight_when_the_provider_stops(served: Served) -> None:
    await served.raw.publish(f"{BASE}/cmd/wait", cmd("id-13", {"gate": "g"}), qos=2)
    await asyncio.wait_for(served.handler.entered_gate("g").wait(), WAIT)
    await served.module.stop()
    message = await next_message(served.raw)
    assert json.loads(message.payload) == error_response(
        "id-13", "Shutdown", "the providing module stopped"
    )


async def test_variable_topic_and_payload(served: Served) -> None:
    await served.raw.subscribe(f"{BASE}/var/#", qos=2)
    served.publisher.publish("reading", Reading(value=7, **{"unit-name": "A"}))
    served.publisher.publish("count", 3)
    first, second = await next_message(served.raw), await next_message(served.raw)
    assert first.topic.value == f"{BASE}/var/reading"
    assert json.loads(first.payload) == {
        "msg_type": "Var",
        "data": {"data": {"value": 7.0, "unit-name": "A"}},
    }
    assert second.topic.value == f"{BASE}/var/count"
    assert json.loads(second.payload) == {"msg_type": "Var", "data": {"data": 3}}
    assert first.qos == 2 and not first.retain


# -- this runtime as the caller, a raw client as the provider ("fake") --------


class Caller:
    def __init__(self, raw: aiomqtt.Client, client: ProbeClient) -> None:
        self.raw = raw
        self.client = client

    async def receive_call(self) -> tuple[str, dict[str, Any]]:
        message = await next_message(self.raw)
        return message.topic.value, json.loads(message.payload)

    async def respond(self, command: str, body: dict[str, Any] | bytes) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        topic = f"everest/modules/fake/impl/main/cmd/{command}/response/user"
        await self.raw.publish(topic, payload, qos=2)


@pytest.fixture
async def caller(mosquitto_broker: MosquittoBroker) -> AsyncIterator[Caller]:
    user = Module("user", MqttTransport(mosquitto_broker.host, mosquitto_broker.port))
    client = user.require(ProbeClient, module_id="fake", impl_id="main")
    async with raw_client(mosquitto_broker) as raw:
        await raw.subscribe("everest/modules/fake/impl/main/cmd/+", qos=2)
        async with user:
            yield Caller(raw, client)


def result(call_id: str, inner: dict[str, Any]) -> dict[str, Any]:
    return {
        "msg_type": "CmdResult",
        "data": {"type": "result", "data": {"id": call_id, "origin": "fake", **inner}},
    }


async def test_call_topic_and_payload(caller: Caller) -> None:
    call = asyncio.ensure_future(caller.client.call("echo", text="hi", times=None))
    topic, payload = await caller.receive_call()
    assert topic == "everest/modules/fake/impl/main/cmd/echo"
    assert payload["msg_type"] == "Cmd"
    assert set(payload["data"]) == {"id", "args", "origin"}
    assert payload["data"]["args"] == {"text": "hi"}  # optional None left out
    assert payload["data"]["origin"] == "user"
    await caller.respond("echo", result(payload["data"]["id"], {"retval": "from fake"}))
    assert await asyncio.wait_for(call, WAIT) == "from fake"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ("MessageParsingError", MessageParsingError),
        ("SchemaValidationError", SchemaValidationError),
        ("HandlerException", HandlerException),
        ("CmdTimeout", CmdTimeout),
        ("Shutdown", Shutdown),
        ("NotReady", NotReady),
    ],
)
async def test_each_error_event_becomes_its_typed_exception(
    caller: Caller, event: str, expected: type[CommandError]
) -> None:
    call = asyncio.ensure_future(caller.client.call("echo", text="hi"))
    _, payload = await caller.receive_call()
    error = {"__everest__error_type": event, "__everest__error_msg": "told by fake"}
    await caller.respond("echo", result(payload["data"]["id"], {"error": error}))
    with pytest.raises(expected) as caught:
        await asyncio.wait_for(call, WAIT)
    assert type(caught.value) is expected
    assert caught.value.event == event
    assert caught.value.command == "echo"
    assert str(caught.value) == "fake:main->echo: told by fake"


async def test_an_unknown_error_event_is_kept(caller: Caller) -> None:
    call = asyncio.ensure_future(caller.client.call("echo", text="hi"))
    _, payload = await caller.receive_call()
    error = {"__everest__error_type": "BrandNew", "__everest__error_msg": "?"}
    await caller.respond("echo", result(payload["data"]["id"], {"error": error}))
    with pytest.raises(CommandError, match="BrandNew: fake:main->echo") as caught:
        await asyncio.wait_for(call, WAIT)
    assert caught.value.event == "BrandNew"


async def test_cmd_timeout_when_nobody_answers(caller: Caller) -> None:
    with pytest.raises(CmdTimeout) as caught:
        await caller.client.call("echo", text="hi", timeout=0.3)
    assert caught.value.event == "CmdTimeout"
    assert caught.value.target == "fake:main"


async def test_a_malformed_response_ends_the_call_with_message_parsing_error(
    caller: Caller,
) -> None:
    call = asyncio.ensure_future(caller.client.call("echo", text="hi"))
    _, payload = await caller.receive_call()
    bad = {
        "msg_type": "CmdResult",
        "data": {"type": "result", "data": {"id": payload["data"]["id"], "error": "oops"}},
    }
    await caller.respond("echo", bad)
    with pytest.raises(MessageParsingError, match="bad response"):
        await asyncio.wait_for(call, WAIT)


async def test_a_result_of_the_wrong_type_is_refused_by_the_caller(caller: Caller) -> None:
    call = asyncio.ensure_future(caller.client.call("echo", text="hi"))
    _, payload = await caller.receive_call()
    await caller.respond("echo", result(payload["data"]["id"], {"retval": 5}))
    with pytest.raises(SchemaValidationError, match="result: Input should be a valid string"):
        await asyncio.wait_for(call, WAIT)


async def test_a_result_with_members_this_runtime_does_not_know_is_read(
    caller: Caller,
) -> None:
    call = asyncio.ensure_future(
        caller.client.call("store", reading={"value": 1, "unit-name": "W"})
    )
    _, payload = await caller.receive_call()
    retval = {"value": 2, "unit-name": "Ω"}
    inner = {"retval": retval, "error": None, "trace": {"hop": 1}}
    await caller.respond("store", result(payload["data"]["id"], inner))
    assert await asyncio.wait_for(call, WAIT) == Reading(value=2, **{"unit-name": "Ω"})


async def test_responses_to_other_calls_are_ignored(caller: Caller) -> None:
    call = asyncio.ensure_future(caller.client.call("echo", text="hi"))
    _, payload = await caller.receive_call()
    await caller.respond("echo", result("someone-else", {"retval": "not yours"}))
    await caller.respond("echo", b"garbage")
    await caller.respond("echo", result(payload["data"]["id"], {"retval": "yours"}))
    assert await asyncio.wait_for(call, WAIT) == "yours"


async def test_variables_from_a_raw_publisher(caller: Caller) -> None:
    received: asyncio.Queue[Reading] = asyncio.Queue()
    subscription = caller.client.subscribe("reading", received.put_nowait)
    await asyncio.wait_for(subscription.wait_active(), WAIT)
    topic = "everest/modules/fake/impl/main/var/reading"
    for body in (
        {"msg_type": "Var", "data": {"data": {"value": "NaN?", "unit-name": "W"}}},  # invalid
        {"value": 1, "unit-name": "W"},  # no envelope
        {"msg_type": "Var", "data": {"data": {"value": 2, "unit-name": "W", "note": "ok"}}},
    ):
        await caller.raw.publish(topic, json.dumps(body).encode(), qos=2)
    reading = await asyncio.wait_for(received.get(), WAIT)
    assert reading == Reading(value=2, **{"unit-name": "W"}, note="ok")
    assert received.empty()
