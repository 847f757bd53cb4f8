"""The OCPP 1.6-J layer: framing and schema validation (frames.py), the RPC endpoint (rpc.py),
payload conversion (payloads.py), the session with the CSMS (session.py: connect, boot,
heartbeat, reconnect with backoff.py, the CSMS clock in clock.py), reporting malformed input
(invalid_messages.py) and sending security events (security_notification.py)."""

from .backoff import Backoff
from .clock import CsmsClock
from .frames import ErrorCode
from .invalid_messages import InvalidMessageReporter
from .payloads import to_json_payload, to_keyword_arguments
from .rpc import (
    MAX_FOLLOW_UPS,
    CallErrorReceived,
    CallHandler,
    CallRefused,
    ConnectionLost,
    FrameObserver,
    InvalidResponse,
    RpcEndpoint,
)
from .security_notification import security_event_sender
from .session import OcppSession, Registration, SessionHooks, SessionOptions

__all__ = [
    "MAX_FOLLOW_UPS",
    "Backoff",
    "CallErrorReceived",
    "CallHandler",
    "CallRefused",
    "ConnectionLost",
    "CsmsClock",
    "ErrorCode",
    "FrameObserver",
    "InvalidMessageReporter",
    "InvalidResponse",
    "OcppSession",
    "Registration",
    "RpcEndpoint",
    "SessionHooks",
    "SessionOptions",
    "security_event_sender",
    "to_json_payload",
    "to_keyword_arguments",
]
