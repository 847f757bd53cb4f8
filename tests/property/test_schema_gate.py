"""The fast schema gate (fastjsonschema) in front of jsonschema: on every OCPP 1.6 schema it
accepts exactly what jsonschema accepts, for payloads built from the schema (valid), and the same
payloads with a part swapped for any JSON value, a field dropped or one added (mostly invalid).
Were it ever more lenient, a payload jsonschema refuses would get through unchecked."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from everest_py.ocpp16.ocpp import frames
from tests.property.strategies import PROPERTY, json_values

SCHEMAS = sorted(
    entry.name.removesuffix(".json")
    for entry in frames.SCHEMA_DIR.iterdir()
    if entry.name.endswith(".json")
)
# Strings a date-time field may hold: RFC 3339 and near misses (no offset, no time, lower case,
# month 13, short forms Python reads and a plain RFC 3339 pattern does not).
DATE_TIMES = st.sampled_from(
    [
        "2026-12-01T20:00:00Z",
        "2026-12-01T20:00:00.123+02:00",
        "2026-12-01t20:00:00z",
        "2026-12-01T20:00:00",
        "2026-13-01T20:00:00Z",
        "2026-12-01T20:00:00+02",
        "2026-12-01T20:00Z",
        "20261201T200000Z",
        "2026-12-01",
        "20:00:00Z",
        "not a time",
        "",
    ]
)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref")
    if reference is None:
        return schema
    node: Any = root
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return _resolve(node, root)


def from_schema(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values shaped by `schema` (mostly valid; its edges, e.g. maxLength, are crossed too)."""
    schema = _resolve(schema, root)
    if "enum" in schema:
        return st.sampled_from(schema["enum"]) | st.text(max_size=3)
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return st.one_of(*(_of_type(name, schema, root) for name in kinds))


def _of_type(kind: Any, schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    if kind == "string":
        if schema.get("format") == "date-time":
            return DATE_TIMES
        limit = schema.get("maxLength", 20)
        return st.text(max_size=limit + 1)
    if kind == "integer":
        return st.integers(-3, 10**12) | st.sampled_from([1.0, 2.5, True])
    if kind == "number":
        # One- and two-decimal numbers: multipleOf 0.1 is where float division and decimal
        # arithmetic disagree (32.3 / 0.1 is 322.99999999999994 in floats).
        decimals = st.integers(-1000, 1000).map(lambda n: n / 10) | st.integers(-999, 999).map(
            lambda n: n / 100
        )
        return st.integers(-3, 100) | st.floats(allow_nan=False) | decimals | st.just(False)
    if kind == "boolean":
        return st.booleans() | st.just(0)
    if kind == "array":
        items = from_schema(schema.get("items", {}), root)
        return st.lists(items, max_size=3)
    if kind == "object":
        return _object(schema, root)
    return json_values


def _object(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    fields = {name: from_schema(sub, root) for name, sub in properties.items()}
    return st.fixed_dictionaries(
        {name: value for name, value in fields.items() if name in required},
        optional={name: value for name, value in fields.items() if name not in required},
    )


@st.composite
def payloads(draw: st.DrawFn) -> tuple[str, Any]:
    name = draw(st.sampled_from(SCHEMAS))
    root = frames._schema(name)
    payload = draw(from_schema(root, root))
    return name, draw(_mutated(payload))


def _mutated(payload: Any) -> st.SearchStrategy[Any]:
    if not isinstance(payload, dict) or not payload:
        return st.just(payload) | json_values
    keys = sorted(payload)
    return st.one_of(
        st.just(payload),
        st.sampled_from(keys).map(lambda key: {k: v for k, v in payload.items() if k != key}),
        st.tuples(st.sampled_from(keys), json_values).map(
            lambda swap: {**payload, swap[0]: swap[1]}
        ),
        st.tuples(st.text(max_size=8), json_values).map(
            lambda extra: {**payload, **{extra[0]: extra[1]}}
        ),
    )


def jsonschema_accepts(name: str, payload: Any) -> bool:
    return next(iter(frames._validator(name).iter_errors(payload)), None) is None


# Many examples: one draw checks one schema of 78, and each is cheap.
@settings(PROPERTY, max_examples=1500)
@given(payloads())
@example(("HeartbeatResponse", {"currentTime": "2026-12-01T20:00:00Z"}))
@example(("HeartbeatResponse", {"currentTime": "2026-12-01T20:00:00"}))  # no offset
@example(
    ("StatusNotification", {"connectorId": 1.0, "errorCode": "NoError", "status": "Available"})
)
@example(("SecurityEventNotification", {"type": "x", "timestamp": "2026-12-01T20:00:00Z"}))
@example(("DataTransfer", {"vendorId": "v", "data": 1}))
def test_the_gate_accepts_exactly_what_jsonschema_accepts(case: tuple[str, Any]) -> None:
    name, payload = case
    assert frames.gate_accepts(name, payload) == jsonschema_accepts(name, payload), payload


def test_the_gate_leaves_the_payload_as_it_came() -> None:
    payload = {"connectorId": 1, "errorCode": "NoError", "status": "Available"}
    before = dict(payload)
    assert frames.gate_accepts("StatusNotification", payload)
    assert payload == before  # no defaults filled in


def test_a_draft_6_schema_is_read_as_draft_4_like_jsonschema_does() -> None:
    # ExtendedTriggerMessage says draft 6, where 1.0 is an integer; in draft 4 it is not.
    assert "draft-06" in frames._schema("ExtendedTriggerMessage")["$schema"]
    payload = {"requestedMessage": "Heartbeat", "connectorId": 1.0}
    assert not jsonschema_accepts("ExtendedTriggerMessage", payload)
    assert not frames.gate_accepts("ExtendedTriggerMessage", payload)
    assert frames.gate_accepts("ExtendedTriggerMessage", {**payload, "connectorId": 1})


def _profile(limit: float) -> dict[str, Any]:
    schedule = {
        "chargingRateUnit": "A",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": limit}],
    }
    profile = {"chargingProfileId": 1, "stackLevel": 0, "chargingProfilePurpose": "TxDefaultProfile",
               "chargingProfileKind": "Absolute", "chargingSchedule": schedule}  # fmt: skip
    return {"connectorId": 1, "csChargingProfiles": profile}


def test_a_limit_is_a_multiple_of_a_tenth_in_decimal_arithmetic() -> None:
    # Float division says 32.3 / 0.1 is not whole; OCPP's 0.1 means one decimal: accepted.
    for limit in (0.3, 0.7, 32.3, 16, 16.0):
        assert jsonschema_accepts("SetChargingProfile", _profile(limit)), limit
        assert frames.gate_accepts("SetChargingProfile", _profile(limit)), limit
    for limit in (0.35, 32.31):
        assert not jsonschema_accepts("SetChargingProfile", _profile(limit)), limit
        assert not frames.gate_accepts("SetChargingProfile", _profile(limit)), limit


def test_a_number_the_gate_cannot_compute_with_is_left_to_jsonschema() -> None:
    # The gate's multipleOf divides: on an integer beyond any double that raises OverflowError
    # (the wire decoder refuses such numbers; a payload built in Python can still hold one).
    huge = 10**400
    assert not frames.gate_accepts("SetChargingProfile", _profile(huge))
    frames.validate_request("SetChargingProfile", _profile(huge))  # jsonschema: a whole number
