"""Secrets never reach a log: the write-only AuthorizationKey's value in frames, the user:password
of a URL the CSMS sends (UpdateFirmware's `location`, GetDiagnostics' and GetLog's), and the HTTP
Basic credentials (CP_ID:AuthorizationKey, base64) of the websocket handshake.

Frames are redacted on their parsed JSON, never by matching raw text: JSON escapes
(`"\\u0041uthorizationKey"`), any key order and nesting mean the same message to the parser as to
the charge point, so a text pattern can always be bypassed. The websockets library logs
handshake headers and frame contents at DEBUG; its logger gets `WebsocketLogFilter`.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Final

from websockets.frames import Frame, Opcode

# Configuration keys whose value is a secret (lower case: OCPP key names are case-insensitive).
SECRET_KEYS: Final = frozenset({"authorizationkey"})
HIDDEN: Final = "***"
# Members holding a URL that may carry user:password (lower case).
URL_MEMBERS: Final = frozenset({"location", "remotelocation"})
_USERINFO: Final = re.compile(r"^([^:/?#]+://)[^/?#]*@")
# Headers whose value is a credential.
SECRET_HEADERS: Final = frozenset({"authorization", "proxy-authorization"})
_DATA_OPCODES: Final = frozenset({Opcode.TEXT, Opcode.BINARY, Opcode.CONT})


def shown_url(url: str) -> str:
    """`url` as it may be logged: its user:password, if any, hidden."""
    return _USERINFO.sub(r"\1" + HIDDEN + "@", url)


def redact(text: str) -> str:
    """The frame `text` as it may be logged: unchanged when it holds no secret, re-encoded from
    its parsed form with secret values hidden when it does, withheld when it cannot be parsed
    and might hold one."""
    lowered = text.lower()
    if "\\" not in text and "authorizationkey" not in lowered and "@" not in lowered:
        return text  # No spelling of a secret: nothing to hide (the common, cheap case).
    try:
        message = json.loads(text)
        redacted, _ = redact_json(message)
        return json.dumps(redacted, separators=(",", ":"))
    except (ValueError, RecursionError):
        # Not parseable (a bad or truncated frame): its meaning is unknown, so is its secret.
        return f"<{len(text)} characters not shown: may hold a secret>"


def redact_json(value: Any) -> tuple[Any, bool]:
    """`value` with the value of every secret key hidden; True when something was hidden.

    A secret is an object whose "key" names a secret key (ChangeConfiguration.req, a
    configurationKey entry), a member named like a secret key, or the user:password of a URL
    member (`location`, `remoteLocation`)."""
    if isinstance(value, list):
        items = [redact_json(item) for item in value]
        return [item for item, _ in items], any(hidden for _, hidden in items)
    if not isinstance(value, dict):
        return value, False
    names = value.get("key")
    secret = isinstance(names, str) and names.strip().lower() in SECRET_KEYS
    result: dict[str, Any] = {}
    hidden = False
    for name, item in value.items():
        if (secret and name == "value") or name.strip().lower() in SECRET_KEYS:
            result[name], hidden = HIDDEN, True
            continue
        if name.strip().lower() in URL_MEMBERS and isinstance(item, str):
            shown = shown_url(item)
            result[name], hidden = shown, hidden or shown != item
            continue
        result[name], item_hidden = redact_json(item)
        hidden = hidden or item_hidden
    return result, hidden


class WebsocketLogFilter(logging.Filter):
    """Rewrites the websockets library's DEBUG records: credential headers hidden, data frames
    shown by size only (the RPC endpoint logs their content, redacted)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and args:
            record.args = self._redacted(record.msg, args)
        return True

    @staticmethod
    def _redacted(message: object, args: tuple[Any, ...]) -> tuple[Any, ...]:
        if (
            message in ("> %s: %s", "< %s: %s")
            and len(args) == 2
            and str(args[0]).lower() in SECRET_HEADERS
        ):
            return (args[0], HIDDEN)
        return tuple(_frame_summary(arg) if isinstance(arg, Frame) else arg for arg in args)


def _frame_summary(frame: Frame) -> Frame | str:
    if frame.opcode not in _DATA_OPCODES:
        return frame  # Control frames (ping, pong, close) carry no OCPP content.
    return f"{frame.opcode.name} [{len(frame.data)} bytes, content logged by the RPC endpoint]"


_FILTER: Final = WebsocketLogFilter()


def websocket_logger(name: str = "websockets.client") -> logging.Logger:
    """The websockets library's logger with `WebsocketLogFilter` installed (once)."""
    logger = logging.getLogger(name)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return logger
