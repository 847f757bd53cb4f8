"""OCPP-J frames: whatever the CSMS sends, the RPC endpoint answers a CALLERROR or ignores it,
never crashes, and keeps answering the next valid CALL."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from ocpp.v16 import call_result

from everest_py.ocpp16.ocpp import RpcEndpoint
from tests.property.strategies import PROPERTY, huge_integer, json_values, nested

PROBE = json.dumps([2, "probe", "GetConfiguration", {}])


class ScriptedConnection:
    """Yields the given frames, then ends; collects what the endpoint sends."""

    def __init__(self, frames: list[str | bytes]) -> None:
        self._frames = frames
        self.sent: list[str] = []

    async def send(self, message: str) -> None:
        self.sent.append(message)

    async def recv(self) -> str | bytes:
        raise NotImplementedError

    async def __aiter__(self) -> Any:
        for frame in self._frames:
            yield frame


def route(endpoint: RpcEndpoint, action: str) -> Any:
    if action == "GetConfiguration":
        return lambda **_: call_result.GetConfiguration(configuration_key=[])
    return None


class Failures(logging.Handler):
    """Counts log records with a traceback: the endpoint failed to process a frame."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)


def serve(frame: str | bytes) -> list[list[Any]]:
    connection = ScriptedConnection([frame, PROBE])
    endpoint = RpcEndpoint("CP", connection, route=route)
    failures = Failures()
    logger = logging.getLogger("everest_py.ocpp16.ocpp.rpc")
    logger.addHandler(failures)
    try:
        asyncio.run(endpoint.serve())
    finally:
        logger.removeHandler(failures)
    assert failures.records == [], failures.records[0].getMessage()
    sent = [json.loads(text) for text in connection.sent]
    *answers, last = sent
    assert last[:2] == [3, "probe"]  # still answering
    for answer in answers:  # at most one answer: a CALLERROR, or a CALLRESULT to a valid CALL
        assert (answer[0], len(answer)) in ((4, 5), (3, 3)), answer
    assert len(answers) <= 1
    return answers


@PROPERTY
@given(json_values)
def test_any_json_value_as_a_frame(value: Any) -> None:
    serve(json.dumps(value))


@PROPERTY
@given(st.binary(max_size=200))
def test_any_bytes_as_a_binary_frame(data: bytes) -> None:
    serve(data)


@PROPERTY
@given(st.text(max_size=200))
def test_any_text_as_a_frame(text: str) -> None:
    serve(text)


@PROPERTY
@given(
    st.sampled_from([2, 3, 4, 5, -1, "2"]),
    st.text(min_size=1, max_size=40),
    st.sampled_from(["GetConfiguration", "ChangeConfiguration", "Nope", "", "Reset"]),
    json_values,
)
@example(2, "0", "GetConfiguration", {})  # a valid CALL: answered with a CALLRESULT
def test_call_shaped_frames_with_any_payload(
    kind: Any, unique_id: str, action: str, payload: Any
) -> None:
    serve(json.dumps([kind, unique_id, action, payload]))


@PROPERTY
@given(st.integers(min_value=4301, max_value=20_000), st.sampled_from(["payload", "id-field"]))
def test_huge_integers_in_a_readable_call_get_a_callerror(digits: int, where: str) -> None:
    number = huge_integer(digits)
    if where == "payload":
        frame = f'[2,"big","GetConfiguration",{{"key":[{number}]}}]'
    else:
        frame = f'[2,"big","GetConfiguration",{{"x":{number}}}]'
    answers = serve(frame)
    assert answers and answers[0][1] == "big"


@PROPERTY
@given(st.integers(min_value=900, max_value=5_000))
def test_deep_nesting_in_a_readable_call_gets_a_callerror(depth: int) -> None:
    frame = f'[2,"deep","GetConfiguration",{{"key":{nested(depth)}}}]'
    answers = serve(frame)
    assert answers and answers[0][1] == "deep"


@PROPERTY
@given(st.lists(json_values, max_size=5))
def test_frames_are_written_as_json_dumps_writes_them_compact(message: list[Any]) -> None:
    # The endpoint keeps one encoder for every frame it sends: the text must not change.
    from everest_py.ocpp16.ocpp.rpc import _dump

    assert _dump(message) == json.dumps(message, separators=(",", ":"))
