"""Lifecycle topics and message names of the two EVerest framework generations.

Two wire versions exist that differ only in the configuration messages and the shutdown topic:

* ``V2025`` (everest-framework v0.25.0): ``GetConfig`` / ``GetConfigResponse``; no shutdown topic.
* ``V2026`` (monorepo framework, 2026-08): ``ConfigurationRequest`` / ``ConfigurationResponse``;
  ``{prefix}shutdown`` carries the raw string ``true`` (no envelope) when the manager stops.

Either manager *exits* on the other's configuration request (an unknown message type), so a
module must never send one before it knows the version. It either is configured, or reads the version off the
manager's retained definition topics (``{prefix}module_names`` and friends), which the manager
publishes before any module starts and keeps until every module, this one included, is ready.
Command, result, variable, error and ready messages are identical in both versions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..wire import normalize_prefix

__all__ = [
    "DEFINITION_TOPIC_FOR_DETECTION",
    "Envelope",
    "LifecycleTopics",
    "UnknownWireVersion",
    "WireVersion",
    "decode_envelope",
    "encode_envelope",
    "is_shutdown_request",
    "wire_version_from_definition",
]

# Retained by the manager from start until all modules are ready; its msg_type names the version.
DEFINITION_TOPIC_FOR_DETECTION = "module_names"


class UnknownWireVersion(ValueError):
    """A version name or a detection message that matches neither framework generation."""


class WireVersion(Enum):
    V2025 = "2025"
    V2026 = "2026"

    @property
    def config_request_type(self) -> str:
        return "GetConfig" if self is WireVersion.V2025 else "ConfigurationRequest"

    @property
    def config_response_type(self) -> str:
        return "GetConfigResponse" if self is WireVersion.V2025 else "ConfigurationResponse"

    @property
    def has_shutdown_topic(self) -> bool:
        return self is WireVersion.V2026

    @classmethod
    def parse(cls, text: str) -> WireVersion:
        """``"2025"`` or ``"2026"`` (as in a setting or environment variable)."""
        for version in cls:
            if version.value == text.strip():
                return version
        names = ", ".join(repr(v.value) for v in cls)
        raise UnknownWireVersion(f"unknown EVerest wire version {text!r}: expected one of {names}")

    @classmethod
    def from_response_type(cls, msg_type: str) -> WireVersion:
        for version in cls:
            if version.config_response_type == msg_type:
                return version
        raise UnknownWireVersion(
            f"msg_type {msg_type!r} is neither framework's configuration response"
        )


@dataclass(frozen=True)
class Envelope:
    msg_type: str
    data: Any


def encode_envelope(msg_type: str, data: Any) -> bytes:
    return json.dumps({"msg_type": msg_type, "data": data}).encode()


def decode_envelope(payload: bytes | str) -> Envelope:
    """Parse ``{"msg_type": T, "data": D}``; raises ``ValueError`` on anything else."""
    message = json.loads(payload)
    if not isinstance(message, dict) or not isinstance(message.get("msg_type"), str):
        raise ValueError(f"not an EVerest envelope: {str(payload)[:120]!r}")
    return Envelope(message["msg_type"], message.get("data"))


def wire_version_from_definition(payload: bytes | str) -> WireVersion | None:
    """The version of the manager that published a retained definition message.

    ``None`` for the empty retained payload the manager publishes to clear the topic: that says
    the definitions are gone (all modules were ready), not which version cleared them.
    """
    if not payload:
        return None
    return WireVersion.from_response_type(decode_envelope(payload).msg_type)


def is_shutdown_request(payload: bytes | str) -> bool:
    """The 2026 manager publishes the raw JSON ``true`` on ``{prefix}shutdown``."""
    try:
        return json.loads(payload) is True
    except ValueError:
        return False


@dataclass(frozen=True)
class LifecycleTopics:
    """Every lifecycle topic of one module; ``prefix`` as given by ``EV_MQTT_EVEREST_PREFIX``."""

    prefix: str
    module_id: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefix", normalize_prefix(self.prefix))

    @property
    def config_request(self) -> str:
        return f"{self.prefix}config/request"

    @property
    def config_response(self) -> str:
        return f"{self.prefix}modules/{self.module_id}/response"

    @property
    def module_ready(self) -> str:
        return f"{self.prefix}modules/{self.module_id}/ready"

    @property
    def global_ready(self) -> str:
        return f"{self.prefix}ready"

    @property
    def shutdown(self) -> str:
        """2026 only; subscribing on a 2025 system is harmless (nothing is published there)."""
        return f"{self.prefix}shutdown"

    @property
    def heartbeat(self) -> str:
        """Defined by the framework, but its heartbeat thread is disabled in both versions."""
        return f"{self.prefix}modules/{self.module_id}/heartbeat"

    @property
    def metadata(self) -> str:
        """C++ modules announce what they provide here; the manager does not read it."""
        return f"{self.prefix}modules/{self.module_id}/metadata"

    @property
    def version_detection(self) -> str:
        return f"{self.prefix}{DEFINITION_TOPIC_FOR_DETECTION}"

    def implementation(self, module_id: str, implementation_id: str) -> str:
        return f"{self.prefix}modules/{module_id}/impl/{implementation_id}"

    def command(self, module_id: str, implementation_id: str, command: str) -> str:
        return f"{self.implementation(module_id, implementation_id)}/cmd/{command}"

    def command_response(
        self, module_id: str, implementation_id: str, command: str, caller: str
    ) -> str:
        return f"{self.command(module_id, implementation_id, command)}/response/{caller}"

    def ready_message(self) -> bytes:
        return encode_envelope("ModuleReady", True)

    @staticmethod
    def is_global_ready(payload: bytes | str) -> bool:
        try:
            envelope = decode_envelope(payload)
        except ValueError:
            return False
        return envelope.msg_type == "GlobalReady" and envelope.data is True
