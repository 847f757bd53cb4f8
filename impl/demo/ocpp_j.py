"""OCPP-J framing as the CSMS reads and writes it: `[2, id, action, payload]` (CALL),
`[3, id, payload]` (CALLRESULT), `[4, id, code, description, details]` (CALLERROR).

Independent of the charge point's own RPC layer on purpose: the loopback CSMS is a peer that
checks the charge point, so it must not share the code it checks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

CALL: Final = 2
CALL_RESULT: Final = 3
CALL_ERROR: Final = 4
MAX_UNIQUE_ID: Final = 36

# OCPP-J 1.6, section 4.2.3.
ERROR_CODES: Final = frozenset(
    {
        "NotImplemented",
        "NotSupported",
        "InternalError",
        "ProtocolError",
        "SecurityError",
        "FormationViolation",
        "PropertyConstraintViolation",
        "OccurenceConstraintViolation",
        "OccurrenceConstraintViolation",
        "TypeConstraintViolation",
        "GenericError",
    }
)


class FrameError(ValueError):
    """A frame that is not a well-formed OCPP-J message."""


@dataclass(frozen=True)
class Call:
    unique_id: str
    action: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class CallResult:
    unique_id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class CallError:
    unique_id: str
    code: str
    description: str
    details: dict[str, Any]


Message = Call | CallResult | CallError


def parse(text: str | bytes) -> Message:
    """The message in `text`; FrameError says what is wrong with it."""
    if isinstance(text, bytes):
        raise FrameError("binary frame (OCPP-J uses text frames)")
    try:
        frame = json.loads(text)
    except ValueError as error:  # also integers past Python's 4,300-digit limit
        raise FrameError(f"not JSON: {error}") from None
    except RecursionError:
        raise FrameError("nested too deeply to read") from None
    if not isinstance(frame, list) or not frame:
        raise FrameError("not a non-empty JSON array")
    if frame[0] == CALL:
        return _call(frame)
    if frame[0] == CALL_RESULT:
        return _call_result(frame)
    if frame[0] == CALL_ERROR:
        return _call_error(frame)
    raise FrameError(f"unknown message type {frame[0]!r}")


def _unique_id(frame: list[Any]) -> str:
    if len(frame) < 2 or not isinstance(frame[1], str):
        raise FrameError("no string unique id")
    return frame[1]


def _call(frame: list[Any]) -> Call:
    unique_id = _unique_id(frame)
    if len(frame) != 4 or not isinstance(frame[2], str) or not isinstance(frame[3], dict):
        raise FrameError("a CALL is [2, id, action, {payload}]")
    return Call(unique_id, frame[2], frame[3])


def _call_result(frame: list[Any]) -> CallResult:
    unique_id = _unique_id(frame)
    if len(frame) != 3 or not isinstance(frame[2], dict):
        raise FrameError("a CALLRESULT is [3, id, {payload}]")
    return CallResult(unique_id, frame[2])


def _call_error(frame: list[Any]) -> CallError:
    unique_id = _unique_id(frame)
    if len(frame) != 5 or not isinstance(frame[2], str) or not isinstance(frame[3], str):
        raise FrameError("a CALLERROR is [4, id, code, description, {details}]")
    if not isinstance(frame[4], dict):
        raise FrameError("CALLERROR details are not an object")
    return CallError(unique_id, frame[2], frame[3], frame[4])


def problems(message: Message) -> list[str]:
    """What a parsed message gets wrong that the peer can still act on."""
    found = []
    # An answer echoes the id of the call it answers, so only a CALL's own id is checked.
    if isinstance(message, Call) and len(message.unique_id) > MAX_UNIQUE_ID:
        found.append(f"unique id longer than {MAX_UNIQUE_ID} characters")
    if isinstance(message, CallError) and message.code not in ERROR_CODES:
        found.append(f"CALLERROR code {message.code!r} is not an OCPP-J error code")
    return found


def encode(message: Message) -> str:
    if isinstance(message, Call):
        return json.dumps([CALL, message.unique_id, message.action, message.payload])
    if isinstance(message, CallResult):
        return json.dumps([CALL_RESULT, message.unique_id, message.payload])
    frame = [CALL_ERROR, message.unique_id, message.code, message.description, message.details]
    return json.dumps(frame)
