"""EVerest errors on the wire: the error JSON, its raise/clear messages and topics.

An implementation raises error ``<namespace>/<Name>`` by publishing ``RaiseError`` (and clears it
with ``ClearError``) on ``{prefix}modules/<module>/impl/<impl>/error/<namespace>/<Name>``; a module
that requires that implementation subscribes to that topic per error type (or to ``error/#``
for global errors). The body is the framework's ``Error`` serialisation
(``utils/error/error_json.hpp``): every field below is always present; ``origin.mapping`` only
when the origin has a 3-tier mapping.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from .config import Mapping3Tier
from .protocol import Envelope, LifecycleTopics, decode_envelope, encode_envelope

__all__ = [
    "CLEAR_ERROR",
    "RAISE_ERROR",
    "ErrorOrigin",
    "ErrorSeverity",
    "ErrorState",
    "EverestError",
    "all_errors_topic",
    "decode_error_message",
    "encode_error_message",
    "error_topic",
    "format_timestamp",
    "parse_timestamp",
]

RAISE_ERROR = "RaiseError"
CLEAR_ERROR = "ClearError"


class ErrorSeverity(Enum):
    LOW = "Low"
    MEDIUM = "Medium"
    HIGH = "High"


class ErrorState(Enum):
    ACTIVE = "Active"
    CLEARED_BY_MODULE = "ClearedByModule"
    CLEARED_BY_REBOOT = "ClearedByReboot"


@dataclass(frozen=True)
class ErrorOrigin:
    module_id: str
    implementation_id: str
    mapping: Mapping3Tier | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def _new_uuid() -> str:
    return str(uuid_module.uuid4())


@dataclass(frozen=True)
class EverestError:
    type: str  # "<namespace>/<Name>", e.g. "evse_manager/MREC1ConnectorLockFailure"
    origin: ErrorOrigin
    message: str = ""
    description: str = ""
    sub_type: str = ""
    vendor_id: str = ""
    severity: ErrorSeverity = ErrorSeverity.MEDIUM
    state: ErrorState = ErrorState.ACTIVE
    timestamp: datetime = field(default_factory=_now)
    uuid: str = field(default_factory=_new_uuid)

    @property
    def is_active(self) -> bool:
        return self.state is ErrorState.ACTIVE

    def to_json(self) -> dict[str, Any]:
        origin: dict[str, Any] = {
            "module_id": self.origin.module_id,
            "implementation_id": self.origin.implementation_id,
        }
        if self.origin.mapping is not None:
            origin["mapping"] = {"evse": self.origin.mapping.evse}
            if self.origin.mapping.connector is not None:
                origin["mapping"]["connector"] = self.origin.mapping.connector
        return {
            "type": self.type,
            "description": self.description,
            "message": self.message,
            "origin": origin,
            "severity": self.severity.value,
            "timestamp": format_timestamp(self.timestamp),
            "uuid": self.uuid,
            "state": self.state.value,
            "sub_type": self.sub_type,
            "vendor_id": self.vendor_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EverestError:
        """Strict like the framework's reader: a missing field raises ``KeyError``."""
        origin = data["origin"]
        mapping = origin.get("mapping")
        return cls(
            type=data["type"],
            origin=ErrorOrigin(
                module_id=origin["module_id"],
                implementation_id=origin["implementation_id"],
                mapping=(
                    Mapping3Tier(mapping["evse"], mapping.get("connector"))
                    if mapping is not None
                    else None
                ),
            ),
            message=data["message"],
            description=data["description"],
            sub_type=data["sub_type"],
            vendor_id=data["vendor_id"],
            severity=ErrorSeverity(data["severity"]),
            state=ErrorState(data["state"]),
            timestamp=parse_timestamp(data["timestamp"]),
            uuid=data["uuid"],
        )


def format_timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as the framework writes it: ``2025-12-08T09:46:13.315Z``."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_timestamp(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def error_topic(
    topics: LifecycleTopics, module_id: str, implementation_id: str, error_type: str
) -> str:
    return f"{topics.implementation(module_id, implementation_id)}/error/{error_type}"


def all_errors_topic(topics: LifecycleTopics, module_id: str, implementation_id: str) -> str:
    """What a module with ``enable_global_errors`` subscribes to, per implementation."""
    return f"{topics.implementation(module_id, implementation_id)}/error/#"


def encode_error_message(error: EverestError) -> bytes:
    """``RaiseError`` for an active error, ``ClearError`` for a cleared one."""
    return encode_envelope(RAISE_ERROR if error.is_active else CLEAR_ERROR, error.to_json())


def decode_error_message(payload: bytes | str) -> tuple[str, EverestError]:
    """``(msg_type, error)``; the framework decides raise/clear by ``state``, so callers should too."""
    envelope: Envelope = decode_envelope(payload)
    if envelope.msg_type not in (RAISE_ERROR, CLEAR_ERROR):
        raise ValueError(f"not an error message: msg_type {envelope.msg_type!r}")
    return envelope.msg_type, EverestError.from_json(envelope.data)
