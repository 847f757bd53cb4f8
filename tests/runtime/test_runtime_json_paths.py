"""The MQTT transport's one-pass JSON paths give what the explicit (dict-based) paths give.

Payloads are built by splicing pydantic-core's JSON text into the envelope, and results are
read by one pydantic-core pass over the whole envelope; the explicit ``wire.encode`` /
``wire.decode_result`` + ``validate_python`` path stays the reference (and the fallback).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ConfigDict, TypeAdapter

from everest_py.generated.interfaces.ocpp_1_6_charge_point import INTERFACE as OCPP_INTERFACE
from everest_py.generated.types.ocpp import GetConfigurationResponse, KeyValue
from everest_py.runtime import SchemaValidationError, wire
from everest_py.runtime.contract import CommandSpec
from everest_py.runtime.result_reader import result_reader
from everest_py.runtime.validation import (
    decode_result,
    encode_arguments,
    encode_arguments_json,
    to_wire,
    to_wire_json,
)
from tests.runtime.probe import INTERFACE as PROBE_INTERFACE
from tests.runtime.probe import Reading

CALL_ID = "c0ffee00-0000-4000-8000-000000000001"

VALUES: list[tuple[TypeAdapter[Any], Any]] = [
    (TypeAdapter(str), "plain"),
    (TypeAdapter(str), 'Grüße, "quoted" \\ 充電 \n'),
    (TypeAdapter(float), 0.1),
    (TypeAdapter(float), 1e300),
    (TypeAdapter(int), -(2**53)),
    (TypeAdapter(bool), False),
    (TypeAdapter(datetime), datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC)),
    (TypeAdapter(Reading), Reading(value=2.5, **{"unit-name": "kW"})),
    (TypeAdapter(Reading), Reading(value=-1, **{"unit-name": "Ω"}, note="ä")),
    (TypeAdapter(list[Reading]), []),
    (
        TypeAdapter(GetConfigurationResponse),
        GetConfigurationResponse(
            configuration_keys=[
                KeyValue(key="HeartbeatInterval", read_only=False, value="300"),
                KeyValue(key="AuthorizationKey", read_only=False),
            ],
            unknown_keys=["Nope"],
        ),
    ),
]


@pytest.mark.parametrize(("adapter", "value"), VALUES)
def test_a_spliced_result_has_the_content_of_the_explicit_one(
    adapter: TypeAdapter[Any], value: Any
) -> None:
    spliced = wire.encode_result(CALL_ID, "prov", to_wire_json(adapter, value))
    explicit = wire.encode(
        wire.MSG_CMD_RESULT, wire.result_body(CALL_ID, "prov", to_wire(adapter, value))
    )
    assert json.loads(spliced) == json.loads(explicit)
    assert list(json.loads(spliced)["data"]["data"]) == ["id", "retval", "origin"]


@pytest.mark.parametrize(("adapter", "value"), VALUES)
def test_a_spliced_variable_has_the_content_of_the_explicit_one(
    adapter: TypeAdapter[Any], value: Any
) -> None:
    spliced = wire.encode_variable(to_wire_json(adapter, value))
    explicit = wire.encode(wire.MSG_VAR, {"data": to_wire(adapter, value)})
    assert json.loads(spliced) == json.loads(explicit)


def test_ascii_envelopes_are_byte_identical_to_the_explicit_ones() -> None:
    arguments = {"text": "hi", "times": 3}
    echo = PROBE_INTERFACE.commands["echo"]
    assert wire.encode_call(CALL_ID, encode_arguments_json(echo, arguments), "user") == wire.encode(
        wire.MSG_CMD, {"id": CALL_ID, "args": encode_arguments(echo, arguments), "origin": "user"}
    )
    assert wire.encode_result(7, "prov", b'"x"') == wire.encode(
        wire.MSG_CMD_RESULT, wire.result_body(7, "prov", "x")
    )
    assert wire.encode_variable(b"[1,2]") == wire.encode(wire.MSG_VAR, {"data": [1, 2]})


@pytest.mark.parametrize(
    "arguments",
    [
        {"text": "hi"},
        {"text": "hi", "times": None},
        {"text": "ünï", "times": 2},
    ],
)
def test_json_arguments_have_the_content_of_the_explicit_ones(arguments: dict[str, Any]) -> None:
    echo = PROBE_INTERFACE.commands["echo"]
    assert json.loads(encode_arguments_json(echo, arguments)) == encode_arguments(echo, arguments)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "argument 'text': missing"),
        ({"text": "hi", "loud": True}, "argument 'loud': not an argument of this command"),
        ({"text": "x" * 11}, "argument 'text': String should have at most 10 characters"),
        ({"text": "hi", "times": "often"}, "argument 'times': Input should be a valid integer"),
    ],
)
def test_json_arguments_are_refused_like_the_explicit_ones(
    arguments: dict[str, Any], message: str
) -> None:
    echo = PROBE_INTERFACE.commands["echo"]
    with pytest.raises(SchemaValidationError, match=message):
        encode_arguments_json(echo, arguments)
    with pytest.raises(SchemaValidationError, match=message):
        encode_arguments(echo, arguments)


def _result_payload(inner: dict[str, Any]) -> bytes:
    return json.dumps({"msg_type": "CmdResult", "data": {"type": "result", "data": inner}}).encode()


@pytest.mark.parametrize(
    ("command", "retval"),
    [
        (PROBE_INTERFACE.commands["echo"], "héllo"),
        (PROBE_INTERFACE.commands["store"], {"value": 3, "unit-name": "V"}),
        (PROBE_INTERFACE.commands["store"], {"value": 3, "unit-name": "V", "note": None}),
        (PROBE_INTERFACE.commands["bad_result"], 12),
        (
            OCPP_INTERFACE.commands["get_configuration_key"],
            {
                "configuration_keys": [{"key": "K", "read_only": True, "value": "v"}],
                "unknown_keys": ["U"],
            },
        ),
        (OCPP_INTERFACE.commands["set_configuration_key"], "RebootRequired"),
    ],
)
def test_the_one_pass_reader_returns_what_the_explicit_path_returns(
    command: Any, retval: Any
) -> None:
    reader = result_reader(command)
    assert reader is not None
    payload = _result_payload({"id": CALL_ID, "retval": retval, "origin": "prov", "extra": 1})
    read = reader.read(payload)
    assert read is not None
    call_id, value = read
    explicit_id, explicit_retval, error = wire.decode_result(payload)
    assert error is None
    expected = decode_result(command, explicit_retval)
    assert (call_id, value) == (explicit_id, expected)
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[]",
        json.dumps({"msg_type": "Var", "data": {"data": {"id": CALL_ID, "retval": "x"}}}).encode(),
        _result_payload({"id": CALL_ID, "retval": 5}),  # wrong type: named by the explicit path
        _result_payload({"id": CALL_ID, "retval": "x" * 3, "error": {"a": "b"}}),
        _result_payload({"id": 17, "retval": "x"}),  # not a call id this runtime made
        _result_payload({"id": CALL_ID}),
    ],
)
def test_the_one_pass_reader_leaves_everything_else_to_the_explicit_path(payload: bytes) -> None:
    reader = result_reader(PROBE_INTERFACE.commands["echo"])
    assert reader is not None
    assert reader.read(payload) is None


def test_a_python_field_name_is_no_wire_key_on_either_path() -> None:
    """`unit_name` is the Python name of the wire's `unit-name`: wire data takes the YAML
    name only, on the one-pass reader and on the explicit path alike."""
    store = PROBE_INTERFACE.commands["store"]
    reader = result_reader(store)
    assert reader is not None
    retval = {"value": 3, "unit_name": "V"}
    assert reader.read(_result_payload({"id": CALL_ID, "retval": retval})) is None
    with pytest.raises(SchemaValidationError, match="unit-name"):
        decode_result(store, retval)


def test_no_one_pass_reader_without_a_result_or_with_adapter_configuration() -> None:
    assert result_reader(PROBE_INTERFACE.commands["nothing"]) is None
    # Configuration given to the TypeAdapter is not part of its core schema.
    configured = CommandSpec(
        name="strict",
        py_name="strict",
        arguments=(),
        result=TypeAdapter(int, config=ConfigDict(strict=True)),
    )
    assert result_reader(configured) is None
