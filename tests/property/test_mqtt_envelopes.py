"""MQTT envelopes from bus peers: any payload is decoded or refused with a WireFormatError (a
reason, never another exception); an origin that passes the level check always gives a result
topic a broker accepts, and one that does not is refused."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from everest_py.runtime import wire
from everest_py.runtime.mqtt.topics import MAX_TOPIC_BYTES, level_problem
from tests.property.strategies import PROPERTY, json_values

COMMAND_TOPIC = "everest/cp/main/cmd/set_configuration_key"


def broker_accepts_as_publish_topic(topic: str) -> bool:
    """MQTT 3.1.1 §1.5.3 / §4.7 and mosquitto's check, written independently of topics.py."""
    try:
        encoded = topic.encode("utf-8")
    except UnicodeEncodeError:
        return False
    if not topic or len(encoded) > MAX_TOPIC_BYTES or "+" in topic or "#" in topic:
        return False
    for character in topic:
        code = ord(character)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return False
        if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
            return False
    return True


def decode(payload: bytes) -> Any:
    try:
        return wire.decode_call(payload)
    except wire.WireFormatError as problem:
        assert str(problem)  # a reason, for the log line
        return problem


@PROPERTY
@given(st.binary(max_size=300))
def test_any_bytes_as_a_call(payload: bytes) -> None:
    decode(payload)


@PROPERTY
@given(json_values)
def test_any_json_as_a_call(value: Any) -> None:
    decode(json.dumps(value).encode())


@PROPERTY
@given(json_values, json_values, json_values)
def test_any_id_origin_and_args_in_a_call_envelope(call_id: Any, origin: Any, args: Any) -> None:
    body = {"msg_type": "Cmd", "data": {"id": call_id, "origin": origin, "args": args}}
    outcome = decode(json.dumps(body).encode())
    if not isinstance(outcome, wire.WireFormatError):
        _, arguments, decoded_origin = outcome
        assert isinstance(arguments, dict) and isinstance(decoded_origin, str)


@PROPERTY
@given(st.text(max_size=80) | st.text(alphabet=st.characters(codec="utf-8"), max_size=20))
def test_an_origin_either_is_refused_or_gives_a_valid_result_topic(origin: str) -> None:
    problem = level_problem(origin)
    topic = wire.response_topic(COMMAND_TOPIC, origin)
    if problem is None:
        assert broker_accepts_as_publish_topic(topic), (origin, topic)
        assert topic.endswith("/" + origin) and "/" not in origin  # exactly one level of it
    else:
        assert problem  # said why


@PROPERTY
@given(st.sampled_from(["\x00", "/", "+", "#", "\ud800", "\x7f", "\ufffe"]), st.text(max_size=10))
def test_origins_with_forbidden_characters_are_refused(bad: str, rest: str) -> None:
    assert level_problem(rest + bad + rest) is not None


def test_a_call_id_no_json_reply_could_carry_is_refused() -> None:
    # NaN and Infinity are no JSON; 1e400 is, but reads as infinity: a reply echoing any of
    # them would not be JSON (EVerest's parser refuses it). Refused, with no id to reply to.
    for raw_id in (b"NaN", b"-Infinity", b"1e400"):
        payload = b'{"msg_type":"Cmd","data":{"id":%b,"args":{},"origin":"peer"}}' % raw_id
        try:
            wire.decode_call(payload)
        except wire.WireFormatError as error:
            assert error.call_id is None, raw_id
        else:
            raise AssertionError(f"id {raw_id!r} accepted")
    assert (
        wire.decode_call(b'{"msg_type":"Cmd","data":{"id":1.5,"args":{},"origin":"p"}}')[0] == 1.5
    )
