"""The strict JSON types of the contract, on the generated OCPP types: the cases of the issue."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ConfigDict, TypeAdapter, ValidationError

from everest_py.generated.types.ocpp import KeyValue, SecurityEvent
from everest_py.runtime.contract import (
    CommandSpec,
    EverestModel,
    JsonDateTime,
    JsonInt,
    JsonNumber,
    Omittable,
    WireDateTime,
    to_json_value,
)
from everest_py.runtime.result_reader import result_reader
from everest_py.runtime.validation import to_wire, to_wire_json


class Open(EverestModel):
    """additionalProperties absent: extras are kept."""

    model_config = ConfigDict(extra="allow")
    reason: str
    limit: Omittable[JsonNumber] = None
    anything: Any = None


def _both(adapter: TypeAdapter[Any], document: Any) -> Any:
    """Validate as parsed JSON and as JSON text; both must agree."""
    try:
        value = adapter.validate_python(document)
    except ValidationError:
        with pytest.raises(ValidationError):
            adapter.validate_json(json.dumps(document))
        raise
    adapter.validate_json(json.dumps(document))
    return value


@pytest.mark.parametrize("value", ["5", True, 5.0, 1e19, 5.5, None])
def test_integers_take_no_coercion(value: Any) -> None:
    with pytest.raises(ValidationError):
        _both(TypeAdapter(JsonInt), value)


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, 1.0, None])
def test_booleans_take_only_true_and_false(value: Any) -> None:
    with pytest.raises(ValidationError):
        _both(TypeAdapter(KeyValue), {"key": "k", "read_only": value})


def test_numbers_take_integers_but_not_strings_bools_or_nan() -> None:
    adapter = TypeAdapter(JsonNumber)
    assert _both(adapter, 5) == 5.0
    for bad in ("5", True):
        with pytest.raises(ValidationError):
            _both(adapter, bad)
    with pytest.raises(ValidationError):
        adapter.validate_json("NaN")


def test_optional_fields_refuse_null_from_the_wire_but_not_from_the_python_constructor() -> None:
    adapter = TypeAdapter(SecurityEvent)
    with pytest.raises(ValidationError):
        _both(adapter, {"type": "X", "info": None})
    event = SecurityEvent(type="X", info=None)  # Python: None means absent
    assert to_json_value(adapter, event) == {"type": "X"}
    with pytest.raises(ValidationError):
        event.info = None  # would reach the wire as null


def test_extras_and_explicit_nulls_of_nullable_fields_come_back() -> None:
    adapter = TypeAdapter(Open)
    document = {"reason": "PowerQuality", "x": None, "anything": None}
    value = _both(adapter, document)
    assert to_json_value(adapter, value) == document
    assert to_wire(adapter, value) == document
    assert json.loads(to_wire_json(adapter, value)) == document
    assert to_json_value(adapter, Open(reason="r")) == {"reason": "r"}


@pytest.mark.parametrize(
    "text",
    [
        "2016-12-31T23:59:60Z",
        "2016-12-31T18:59:60.5-05:00",
        "2026-11-25T10:20:30.1234567Z",
        "2026-11-25t10:20:30z",
        "2026-11-25T10:20:30-00:00",
    ],
)
def test_date_times_are_rfc3339_and_come_back_verbatim(text: str) -> None:
    adapter = TypeAdapter(SecurityEvent)
    value = _both(adapter, {"type": "X", "timestamp": text})
    assert isinstance(value.timestamp, WireDateTime)
    assert to_json_value(adapter, value)["timestamp"] == text  # type: ignore[index,call-overload]
    assert json.loads(adapter.dump_json(value))["timestamp"] == text


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-25 10:20:30Z",
        "2026-11-25T10:20Z",
        "2026-11-25T10:20:30",
        "2026-02-29T10:20:30Z",
        "2026-11-25T10:20:60Z",
        "2026-11-25T10:20:30Z\n",
        1764066030,
    ],
)
def test_bad_date_times_are_refused(text: Any) -> None:
    with pytest.raises(ValidationError):
        _both(TypeAdapter(JsonDateTime), text)


def test_python_datetimes_must_be_aware_and_are_written_with_z() -> None:
    adapter = TypeAdapter(JsonDateTime)
    moment = datetime(2026, 1, 2, 3, 4, 5, 600000, tzinfo=UTC)
    assert adapter.dump_python(adapter.validate_python(moment), mode="json") == (
        "2026-01-02T03:04:05.600000Z"
    )
    with pytest.raises(ValidationError):
        adapter.validate_python(datetime(2026, 1, 2))
    leap = adapter.validate_python("2016-12-31T23:59:60.9Z")
    assert leap == datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


def test_the_result_reader_fast_path_validates_strictly_too() -> None:
    command = CommandSpec("get", "get", (), TypeAdapter(SecurityEvent))
    reader = result_reader(command)
    assert reader is not None

    def payload(retval: Any) -> bytes:
        envelope = {"msg_type": "CmdResult", "data": {"data": {"id": "1", "retval": retval}}}
        return json.dumps(envelope).encode()

    read = reader.read(payload({"type": "X", "timestamp": "2016-12-31T23:59:60Z"}))
    assert read is not None
    call_id, value = read
    assert call_id == "1"
    assert to_json_value(command.result, value)["timestamp"] == "2016-12-31T23:59:60Z"  # type: ignore[arg-type,index,call-overload]
    assert reader.read(payload({"type": "X", "info": None})) is None
    assert reader.read(payload({"type": "X", "critical": 1})) is None
