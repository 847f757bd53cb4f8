"""EVerest's MQTT wire format: topics and the ``msg_type``/``data`` envelope of every payload.

See shared/spec/everest-mqtt-wire.md. Parsing problems raise ``WireFormatError``
carrying whatever call id / origin could still be read, so a provider can
address a MessageParsingError response when that is possible.
"""

import json
import math
from dataclasses import dataclass
from typing import Any

from .errors import EVENT_KEY, MESSAGE_KEY

__all__ = [
    "DEFAULT_PREFIX",
    "MSG_CMD",
    "MSG_CMD_RESULT",
    "MSG_MODULE_READY",
    "MSG_VAR",
    "Topics",
    "WireFormatError",
    "decode_call",
    "decode_result",
    "decode_variable",
    "encode",
    "encode_call",
    "encode_result",
    "encode_variable",
    "error_body",
    "normalize_prefix",
    "response_topic",
    "result_body",
]

DEFAULT_PREFIX = "everest/"
MSG_CMD = "Cmd"
MSG_CMD_RESULT = "CmdResult"
MSG_VAR = "Var"
MSG_MODULE_READY = "ModuleReady"


class WireFormatError(ValueError):
    """A payload that does not follow the wire format; ``reason`` says what is wrong."""

    def __init__(self, reason: str, *, call_id: Any = None, origin: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.call_id = call_id
        self.origin = origin


def normalize_prefix(prefix: str) -> str:
    """The prefix topics start with: the framework appends ``/`` to a non-empty one, and an
    empty one stays empty (topics start with ``modules/``)."""
    return prefix if not prefix or prefix.endswith("/") else prefix + "/"


@dataclass(frozen=True)
class Topics:
    """Topic names under one EVerest prefix (which ends with '/')."""

    prefix: str = DEFAULT_PREFIX

    def implementation(self, module_id: str, impl_id: str) -> str:
        return f"{self.prefix}modules/{module_id}/impl/{impl_id}"

    def command(self, module_id: str, impl_id: str, command: str) -> str:
        return f"{self.implementation(module_id, impl_id)}/cmd/{command}"

    def response(self, module_id: str, impl_id: str, command: str, caller_id: str) -> str:
        return response_topic(self.command(module_id, impl_id, command), caller_id)

    def variable(self, module_id: str, impl_id: str, variable: str) -> str:
        return f"{self.implementation(module_id, impl_id)}/var/{variable}"

    def module_ready(self, module_id: str) -> str:
        return f"{self.prefix}modules/{module_id}/ready"

    def global_ready(self) -> str:
        return f"{self.prefix}ready"


def response_topic(command_topic: str, caller_id: str) -> str:
    """Where the results of calls on ``command_topic`` made by ``caller_id`` go."""
    return f"{command_topic}/response/{caller_id}"


def encode(msg_type: str, data: Any) -> bytes:
    return _json_text({"msg_type": msg_type, "data": data})


# One encoder for all: json.dumps(..., separators=...) would build a new one per call.
_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))


def _json_text(value: Any) -> bytes:
    return _COMPACT_JSON.encode(value).encode()


# The envelopes below splice JSON text that pydantic-core already produced (arguments, a
# result, a variable value) instead of turning it into Python objects and encoding it again.
# Same members in the same order as ``encode`` with the matching body.


_CALL_TEMPLATE = b'{"msg_type":"Cmd","data":{"id":%b,"args":%b,"origin":%b}}'
_RESULT_TEMPLATE = (
    b'{"msg_type":"CmdResult","data":{"type":"result","data":{"id":%b,"retval":%b,"origin":%b}}}'
)
_VARIABLE_TEMPLATE = b'{"msg_type":"Var","data":{"data":%b}}'


def encode_call(call_id: str, arguments_json: bytes, origin: str) -> bytes:
    """A Cmd payload; ``arguments_json`` is the JSON text of the ``args`` object."""
    return _CALL_TEMPLATE % (_json_text(call_id), arguments_json, _json_text(origin))


def encode_result(call_id: Any, origin: str, retval_json: bytes) -> bytes:
    """A CmdResult payload with the members of ``result_body``; ``retval_json`` is JSON text."""
    return _RESULT_TEMPLATE % (_json_text(call_id), retval_json, _json_text(origin))


def encode_variable(value_json: bytes) -> bytes:
    """A Var payload; ``value_json`` is the JSON text of the value."""
    return _VARIABLE_TEMPLATE % value_json


def _open_envelope(payload: bytes, msg_type: str) -> Any:
    """Return the envelope's ``data``; on failure salvage id/origin for a reply."""
    try:
        message = json.loads(payload, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as error:
        raise WireFormatError(f"payload is not JSON ({error})") from None
    except RecursionError:  # a peer can nest arrays deeper than the parser's stack
        raise WireFormatError("payload is nested too deeply to parse") from None
    if not isinstance(message, dict):
        raise WireFormatError(f"payload is a JSON {type(message).__name__}, not an object")
    if "msg_type" not in message or "data" not in message:
        call_id, origin = _salvage(message)
        raise WireFormatError(
            'payload lacks the {"msg_type", "data"} envelope', call_id=call_id, origin=origin
        )
    if message["msg_type"] != msg_type:
        call_id, origin = _salvage(message["data"])
        raise WireFormatError(
            f"msg_type is {message['msg_type']!r}, expected {msg_type!r}",
            call_id=call_id,
            origin=origin,
        )
    return message["data"]


def _refuse_constant(name: str) -> None:
    # Python's reader takes NaN and Infinity; JSON has neither, nor has EVerest's parser.
    raise ValueError(f"{name} is no JSON value")


def _salvage(body: Any) -> tuple[Any, str | None]:
    if not isinstance(body, dict):
        return None, None
    origin = body.get("origin")
    call_id = body.get("id")
    if isinstance(call_id, float) and not math.isfinite(call_id):
        call_id = None  # 1e400 reads as infinity, which no reply could carry back as JSON
    return call_id, origin if isinstance(origin, str) and origin else None


_NO_ARGS_MEMBER = object()


def decode_call(payload: bytes) -> tuple[Any, dict[str, Any], str]:
    """A Cmd payload → (call id, arguments by wire name, calling module id)."""
    body = _open_envelope(payload, MSG_CMD)
    if not isinstance(body, dict):
        raise WireFormatError("Cmd data is not an object")
    call_id, origin = _salvage(body)
    if call_id is None:
        raise WireFormatError("Cmd data has no 'id'", origin=origin)
    if origin is None:
        raise WireFormatError("Cmd data has no 'origin' (calling module id)", call_id=call_id)
    arguments = body.get("args", _NO_ARGS_MEMBER)
    if arguments is None:
        # ev-cli-generated C++ modules send null for a command without arguments.
        return call_id, {}, origin
    if not isinstance(arguments, dict):
        raise WireFormatError("Cmd data has no 'args' object", call_id=call_id, origin=origin)
    return call_id, arguments, origin


def result_body(call_id: Any, origin: str, retval: Any) -> dict[str, Any]:
    return {"type": "result", "data": {"id": call_id, "retval": retval, "origin": origin}}


def error_body(call_id: Any, origin: str, event: str, message: str) -> dict[str, Any]:
    return {
        "type": "result",
        "data": {
            "id": call_id,
            "origin": origin,
            "error": {EVENT_KEY: event, MESSAGE_KEY: message},
        },
    }


def decode_result(payload: bytes) -> tuple[Any, Any, tuple[str, str] | None]:
    """A CmdResult payload → (call id, retval, (event, message) of an error or None)."""
    body = _open_envelope(payload, MSG_CMD_RESULT)
    inner = body.get("data") if isinstance(body, dict) else None
    if not isinstance(inner, dict) or "id" not in inner:
        raise WireFormatError("CmdResult data has no inner 'data' object with an 'id'")
    call_id = inner["id"]
    error = inner.get("error")
    if error is None:
        return call_id, inner.get("retval"), None
    if (
        not isinstance(error, dict)
        or not isinstance(error.get(EVENT_KEY), str)
        or not isinstance(error.get(MESSAGE_KEY, ""), str)
    ):
        raise WireFormatError(
            f"CmdResult error is not {{{EVENT_KEY!r}: str, {MESSAGE_KEY!r}: str}}", call_id=call_id
        )
    return call_id, None, (error[EVENT_KEY], error.get(MESSAGE_KEY, ""))


def decode_variable(payload: bytes) -> Any:
    """A Var payload → the variable's value."""
    body = _open_envelope(payload, MSG_VAR)
    if not isinstance(body, dict) or "data" not in body:
        raise WireFormatError("Var data is not an object with 'data'")
    return body["data"]
