"""OCPP-J 1.6 framing: turn a websocket frame into a CALL, CALLRESULT or CALLERROR, and check
payloads against the OCPP 1.6 JSON schemas (shipped by the `ocpp` package).

Every rejection carries the OCPP-J error code to answer with, when an answer is possible.

A payload is checked in two steps: a compiled `fastjsonschema` gate says yes (about a tenth of
the cost: a fleet checks every Heartbeat answer of a thousand charge points); only on its no
does `jsonschema` decide, and name the error. The gate may be stricter than `jsonschema`, never
more lenient, so what is accepted and refused, and why, is `jsonschema`'s alone. Both check
`multipleOf` in decimal arithmetic: a charging limit of 32.3 is a multiple of 0.1, which float
division (`jsonschema`'s own check) denies.
"""

from __future__ import annotations

import functools
import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Final, NamedTuple, NoReturn

from jsonschema import Draft4Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match

# The schema files the `ocpp` package ships as package data (its only part used for validation).
SCHEMA_DIR: Final[Traversable] = resources.files("ocpp.v16") / "schemas"
MAX_UNIQUE_ID_LENGTH: Final = 36
# The deepest OCPP 1.6 message (SetChargingProfile) nests about 6 levels; anything much deeper is
# refused before recursive code (schema checks, name conversion, logging) can hit the recursion
# limit.
MAX_DEPTH: Final = 32


class ErrorCode(StrEnum):
    """CALLERROR codes of OCPP-J 1.6 (section 4.2.3), with the spec's spellings."""

    NOT_IMPLEMENTED = "NotImplemented"
    NOT_SUPPORTED = "NotSupported"
    INTERNAL_ERROR = "InternalError"
    PROTOCOL_ERROR = "ProtocolError"
    SECURITY_ERROR = "SecurityError"
    FORMATION_VIOLATION = "FormationViolation"
    PROPERTY_CONSTRAINT_VIOLATION = "PropertyConstraintViolation"
    OCCURENCE_CONSTRAINT_VIOLATION = "OccurenceConstraintViolation"
    TYPE_CONSTRAINT_VIOLATION = "TypeConstraintViolation"
    GENERIC_ERROR = "GenericError"


class MessageType:
    CALL: Final = 2
    CALL_RESULT: Final = 3
    CALL_ERROR: Final = 4


# The frames are NamedTuples: cheap to make (one per message) and to define (at start-up).
class CallFrame(NamedTuple):
    """A CALL: [2, uniqueId, action, payload]."""

    unique_id: str
    action: str
    payload: dict[str, Any]


class ResultFrame(NamedTuple):
    """A CALLRESULT: [3, uniqueId, payload]."""

    unique_id: str
    payload: dict[str, Any]


class ErrorFrame(NamedTuple):
    """A CALLERROR: [4, uniqueId, errorCode, errorDescription, errorDetails]."""

    unique_id: str
    code: str
    description: str
    details: dict[str, Any]


Frame = CallFrame | ResultFrame | ErrorFrame


class BadFrame(Exception):
    """A frame that is not a usable OCPP-J message.

    `reply_to` is the unique id to send a CALLERROR to (a CALL, or a frame that may be one);
    `response_to` is set instead when a broken CALLRESULT/CALLERROR names a unique id, so a
    waiting call can fail at once. Neither is set when no id could be read.
    """

    def __init__(
        self,
        code: ErrorCode,
        reason: str,
        reply_to: str | None = None,
        response_to: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.reply_to = reply_to
        self.response_to = response_to


_CALL_ID_PREFIX = re.compile(r'\s*\[\s*2\s*,\s*"([^"\\]{1,36})"')
_RESPONSE_ID_PREFIX = re.compile(r'\s*\[\s*[34]\s*,\s*"([^"\\]{1,36})"')


def parse_frame(raw: str | bytes, max_length: int) -> Frame:
    """Decode one frame; raise BadFrame saying what is wrong."""
    if isinstance(raw, bytes):
        # OCPP-J uses text frames only; decode anyway to find an id to answer.
        text = raw.decode("utf-8", errors="replace")
        _reject_structure(text, "a binary frame; OCPP-J uses text frames")
    else:
        text = raw
    if len(text) > max_length:
        _reject_structure(
            text[:200], f"a frame of {len(text)} characters exceeds the limit of {max_length}"
        )
    message = _decode(text)
    if not isinstance(message, list) or not message:
        raise BadFrame(ErrorCode.FORMATION_VIOLATION, "not a non-empty JSON array")
    type_id = message[0]
    unique_id = message[1] if len(message) > 1 and isinstance(message[1], str) else None
    if type(type_id) is not int or type_id not in (2, 3, 4):
        raise BadFrame(
            ErrorCode.PROTOCOL_ERROR, f"unknown message type id {type_id!r}", reply_to=unique_id
        )
    if unique_id is None:
        raise BadFrame(ErrorCode.FORMATION_VIOLATION, "no unique id string in element 2")
    if len(unique_id) > MAX_UNIQUE_ID_LENGTH:
        reason = f"unique id longer than {MAX_UNIQUE_ID_LENGTH} characters"
        if type_id == MessageType.CALL:
            raise BadFrame(ErrorCode.FORMATION_VIOLATION, reason, reply_to=unique_id)
        raise BadFrame(ErrorCode.FORMATION_VIOLATION, reason)
    if type_id == MessageType.CALL:
        return _call(message, unique_id)
    if type_id == MessageType.CALL_RESULT:
        if len(message) != 3 or not isinstance(message[2], dict):
            raise BadFrame(
                ErrorCode.FORMATION_VIOLATION,
                "a CALLRESULT must be [3, id, {payload}]",
                response_to=unique_id,
            )
        return ResultFrame(unique_id, message[2])
    return _call_error(message, unique_id)


def _decode(text: str) -> Any:
    """The JSON value of a frame, no deeper than MAX_DEPTH, with no number a double cannot hold.

    Valid JSON that cannot be used still names an id when one is readable, so the peer gets its
    CALLERROR: nesting deeper than the decoder's recursion limit raises RecursionError, an
    integer of more than 4300 digits a ValueError (not a JSONDecodeError)."""
    try:
        message = json.loads(
            text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_held_int
        )
    except json.JSONDecodeError as error:
        raise BadFrame(ErrorCode.FORMATION_VIOLATION, f"not valid JSON: {error}") from None
    except _NonFiniteNumber as error:
        _reject_structure(text, f"holds {error}, which is no JSON number")
    except RecursionError:
        _reject_structure(text, f"nested deeper than {MAX_DEPTH} levels")
    except (_NumberOutOfRange, ValueError):
        # Beyond what a double holds (RFC 8259 §6: what JSON peers interoperate on) or Python's
        # limit on integer digits (sys.get_int_max_str_digits); no OCPP number is near either.
        _reject_structure(
            text, "holds a number too large for any OCPP field", ErrorCode.TYPE_CONSTRAINT_VIOLATION
        )
    if _may_nest_deeper(text, MAX_DEPTH) and _depth_exceeds(message, MAX_DEPTH):
        _reject_structure(text, f"nested deeper than {MAX_DEPTH} levels")
    return message


class _NonFiniteNumber(Exception):
    """NaN, Infinity or -Infinity: Python's JSON reader takes them, JSON (RFC 8259) has none."""


class _NumberOutOfRange(Exception):
    """A JSON number beyond the largest double, such as 1e400 (Python reads it as infinity)."""


_LARGEST_INTEGER: Final = int(sys.float_info.max)


def _refuse_constant(name: str) -> NoReturn:
    raise _NonFiniteNumber(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NumberOutOfRange(text)
    return value


def _held_int(text: str) -> int:
    value = int(text)  # more than 4300 digits: ValueError
    if not -_LARGEST_INTEGER <= value <= _LARGEST_INTEGER:
        raise _NumberOutOfRange(text)
    return value


def _may_nest_deeper(text: str, limit: int) -> bool:
    """False when `text` cannot nest more than `limit` deep: that takes more than `limit`
    opening brackets (those inside strings are counted too, which only says "may" more
    often). Counting is C speed; most frames (a Heartbeat has two) skip the walk."""
    return text.count("[") + text.count("{") > limit


def _depth_exceeds(value: Any, limit: int) -> bool:
    """True when `value` nests arrays/objects more than `limit` deep (iterative: any depth
    that parsed is checked without recursion, so later recursive code is safe)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _call(message: list[Any], unique_id: str) -> CallFrame:
    if len(message) != 4:
        raise BadFrame(
            ErrorCode.FORMATION_VIOLATION,
            f"a CALL must be [2, id, action, {{payload}}], got {len(message)} elements",
            reply_to=unique_id,
        )
    action, payload = message[2], message[3]
    if not isinstance(action, str):
        raise BadFrame(
            ErrorCode.FORMATION_VIOLATION, "the action must be a string", reply_to=unique_id
        )
    if not isinstance(payload, dict):
        raise BadFrame(
            ErrorCode.FORMATION_VIOLATION, "the payload must be a JSON object", reply_to=unique_id
        )
    return CallFrame(unique_id, action, payload)


def _call_error(message: list[Any], unique_id: str) -> ErrorFrame:
    if (
        len(message) != 5
        or not isinstance(message[2], str)
        or not isinstance(message[3], str)
        or not isinstance(message[4], dict)
    ):
        raise BadFrame(
            ErrorCode.FORMATION_VIOLATION,
            "a CALLERROR must be [4, id, code, description, {details}]",
            response_to=unique_id,
        )
    return ErrorFrame(unique_id, message[2], message[3], message[4])


def _reject_structure(
    text: str, reason: str, code: ErrorCode = ErrorCode.FORMATION_VIOLATION
) -> NoReturn:
    call = _CALL_ID_PREFIX.match(text)
    if call:
        raise BadFrame(code, reason, reply_to=call.group(1))
    response = _RESPONSE_ID_PREFIX.match(text)
    raise BadFrame(code, reason, response_to=response.group(1) if response else None)


# --- schema validation ------------------------------------------------------------------------


class SchemaViolation(Exception):
    def __init__(self, code: ErrorCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _is_date_time(value: object) -> bool:
    # RFC 3339 needs a date, a time and an offset; fromisoformat alone accepts dates without time.
    if not isinstance(value, str) or "T" not in value.upper():
        return not isinstance(value, str)
    return datetime.fromisoformat(value.replace("z", "Z")).tzinfo is not None


def _gate_date_time(value: str) -> bool:
    # The same check as jsonschema's (a ValueError is a refusal there too).
    try:
        return _is_date_time(value)
    except ValueError:
        return False


# The gate checks the formats jsonschema checks (date-time, with the same function) and passes
# the others, as jsonschema does (`uri`: no checker is configured for it).
_GATE_FORMATS: Final = {"date-time": _gate_date_time, "uri": lambda _value: True}
# jsonschema reads every schema as draft 4 (Draft4Validator), whatever its "$schema" says (some
# of the ocpp package's say draft 6, where an integer may be 1.0): the gate must read it so too.
_DRAFT_04: Final = "http://json-schema.org/draft-04/schema#"


_CODE_BY_KEYWORD: Final = {
    "additionalProperties": ErrorCode.FORMATION_VIOLATION,
    "required": ErrorCode.PROTOCOL_ERROR,
    "type": ErrorCode.TYPE_CONSTRAINT_VIOLATION,
    "maxLength": ErrorCode.TYPE_CONSTRAINT_VIOLATION,
    "minLength": ErrorCode.TYPE_CONSTRAINT_VIOLATION,
    "minItems": ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
    "maxItems": ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
    "uniqueItems": ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
    "enum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "minimum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "maximum": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "multipleOf": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "pattern": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
    "format": ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
}


def _multiple_of(
    validator: Any, divisor: float, instance: Any, _schema: Any
) -> Iterator[ValidationError]:
    """`multipleOf` in decimal arithmetic, the way the gate (fastjsonschema) checks it: the
    numbers as written (repr), divided exactly. NaN and Infinity never get here (`_decode`)."""
    if not validator.is_type(instance, "number"):
        return
    if isinstance(instance, int) and isinstance(divisor, int):
        failed = instance % divisor != 0
    else:
        quotient = Decimal(repr(instance)) / Decimal(repr(divisor))
        failed = quotient != quotient.to_integral_value()
    if failed:
        yield ValidationError(f"{instance!r} is not a multiple of {divisor!r}")


@functools.cache
def _jsonschema_setup() -> tuple[Any, FormatChecker]:
    """Draft 4 as jsonschema has it, with the decimal multipleOf, and its format checker
    (date-time only). Made with the first payload the gate refuses: most processes never need
    them, and making them cost every start."""
    format_checker = FormatChecker(formats=())
    format_checker.checks("date-time", raises=ValueError)(_is_date_time)
    return validators.extend(Draft4Validator, {"multipleOf": _multiple_of}), format_checker


_validators: dict[str, Draft4Validator] = {}
_gates: dict[str, Callable[[Any], bool]] = {}


def _schema(schema_name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (SCHEMA_DIR / f"{schema_name}.json").read_text(encoding="utf-8")
    )
    return schema


def _validator(schema_name: str) -> Draft4Validator:
    validator = _validators.get(schema_name)
    if validator is None:
        validator_class, format_checker = _jsonschema_setup()
        validator = validator_class(_schema(schema_name), format_checker=format_checker)
        _validators[schema_name] = validator
    return validator


def _gate(schema_name: str) -> Callable[[Any], bool]:
    """The compiled fast check of a schema, True when it accepts; made once per process.
    Defaults are not filled in: the payload is left as it came."""
    gate = _gates.get(schema_name)
    if gate is None:
        # Imported with the first check, after the BootNotification went out: it costs a start.
        import fastjsonschema

        definition = {**_schema(schema_name), "$schema": _DRAFT_04}
        check = fastjsonschema.compile(
            definition, formats=_GATE_FORMATS, use_default=False, detailed_exceptions=False
        )
        gate = functools.partial(_passes, check)
        _gates[schema_name] = gate
    return gate


def _passes(check: Callable[[Any], object], payload: Any) -> bool:
    """False when the gate refuses, and when its generated code fails on a value it was not
    written for (arithmetic on a huge number): jsonschema then decides, and words the error."""
    try:
        check(payload)
    except Exception:
        return False
    return True


def gate_accepts(schema_name: str, payload: Any) -> bool:
    """True when the fast gate alone accepts `payload` (then jsonschema would too)."""
    return _gate(schema_name)(payload)


def validate_request(action: str, payload: dict[str, Any]) -> None:
    """Check a CALL payload of `action`; raise SchemaViolation with the code to answer."""
    _validate(action, payload)


def validate_response(action: str, payload: dict[str, Any]) -> None:
    """Check a CALLRESULT payload answering `action`."""
    _validate(action + "Response", payload)


def _validate(schema_name: str, payload: dict[str, Any]) -> None:
    if gate_accepts(schema_name, payload):
        return
    validator = _validator(schema_name)
    error = best_match(validator.iter_errors(payload))
    if error is None:
        return
    where = "/".join(str(part) for part in error.absolute_path) or "payload"
    code = _CODE_BY_KEYWORD.get(str(error.validator), ErrorCode.FORMATION_VIOLATION)
    if error.validator == "type" and not error.absolute_path:
        code = ErrorCode.FORMATION_VIOLATION
    raise SchemaViolation(code, f"{schema_name}: {where}: {_describe(error)}")


def _describe(error: Any) -> str:
    # Never echo the offending value: it may be a secret (ChangeConfiguration of AuthorizationKey).
    keyword, limit = str(error.validator), error.validator_value
    if keyword in ("required", "additionalProperties"):
        return str(error.message)
    texts = {
        "type": f"must be of type {limit}",
        "maxLength": f"longer than {limit} characters",
        "minLength": f"shorter than {limit} characters",
        "enum": f"not one of {', '.join(map(str, limit)) if isinstance(limit, list) else limit}",
        "minimum": f"below the minimum {limit}",
        "maximum": f"above the maximum {limit}",
        "format": f"not a valid {limit}",
        "maxItems": f"more than {limit} items",
        "minItems": f"fewer than {limit} items",
    }
    return texts.get(keyword, f"violates {keyword}={limit}")


def has_schema(action: str) -> bool:
    return (SCHEMA_DIR / f"{action}.json").is_file()


def only_extra_fields(action: str, payload: dict[str, Any]) -> bool:
    """True when a response's only faults are unknown fields (tolerated, then dropped)."""
    errors = list(_validator(action + "Response").iter_errors(payload))
    return bool(errors) and all(error.validator == "additionalProperties" for error in errors)
