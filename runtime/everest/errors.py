"""EVerest errors on the wire: the error JSON, its raise/clear messages and topics.

An implementation raises error ``<namespace>/<Name>`` by publishing ``RaiseError`` (and clears it
with ``ClearError``) on ``{prefix}modules/<module>/impl/<impl>/error/<namespace>/<Name>``; a module
that requires that implementation subscribes to that topic per error type (or to ``error/#``
for global errors). The body is the framework's ``Error`` serialisation
(``utils/error/error_json.hpp``): every field below is always present; ``origin.mapping`` only
when the origin has a 3-tier mapping.
"""

from __future__ import annotations

import logging
import uuid as uuid_module
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from .config import Mapping3Tier
from .protocol import Envelope, LifecycleTopics, decode_envelope, encode_envelope

_log = logging.getLogger(__name__)

__all__ = [
    "CLEAR_ERROR",
    "RAISE_ERROR",
    "ActiveErrors",
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


class ActiveErrors(ABC):
    """The errors one implementation has active. Raise and clear check the type against what
    its interface declares and hand each error to `_deliver` (the transport's way out); a
    clear keeps the raise's uuid, so receivers match it to the error it ends."""

    def __init__(self, origin: ErrorOrigin, allowed: Iterable[str]) -> None:
        self.origin = origin
        self._allowed = frozenset(str(error_type) for error_type in allowed)
        self._active: dict[tuple[str, str], EverestError] = {}

    @property
    def active(self) -> list[EverestError]:
        return list(self._active.values())

    async def raise_error(
        self,
        error_type: str,
        message: str = "",
        *,
        severity: ErrorSeverity = ErrorSeverity.MEDIUM,
        sub_type: str = "",
        description: str = "",
    ) -> EverestError:
        """Raise an error; one of the same type and sub type that is still active is not raised
        again (returned as it is), as EVerest's framework refuses it: a second raise would
        reach C++ requirers under a new uuid, and the one clear would then clear two errors,
        which they ignore, staying in the error state."""
        self._check_type(error_type)
        active = self._active.get((str(error_type), sub_type))
        if active is not None:
            _log.warning(
                "error %s (sub type %r) is already active: not raised again", error_type, sub_type
            )
            return active
        error = EverestError(
            type=str(error_type),
            origin=self.origin,
            message=message,
            description=description,
            sub_type=sub_type,
            severity=severity,
        )
        self._active[(error.type, sub_type)] = error
        await self._deliver(error)
        return error

    async def clear_error(self, error_type: str, sub_type: str = "") -> EverestError | None:
        """Clear one active error; None (nothing delivered) when it is not active."""
        self._check_type(error_type)
        raised = self._active.pop((str(error_type), sub_type), None)
        if raised is None:
            return None
        cleared = replace(raised, state=ErrorState.CLEARED_BY_MODULE)
        await self._deliver(cleared)
        return cleared

    async def clear_all(self) -> list[EverestError]:
        cleared = []
        for error_type, sub_type in list(self._active):
            error = await self.clear_error(error_type, sub_type)
            if error is not None:
                cleared.append(error)
        return cleared

    @abstractmethod
    async def _deliver(self, error: EverestError) -> None:
        """Put a raise or clear on the transport."""

    def _check_type(self, error_type: str) -> None:
        # The interface lists what it may raise; anything else would surprise its users.
        if str(error_type) not in self._allowed:
            known = ", ".join(sorted(self._allowed)) or "none"
            raise ValueError(
                f"{self.origin.implementation_id} cannot raise {str(error_type)!r}: "
                f"its interface declares {known}"
            )
