"""The start-up of a module as a sans-IO state machine: it says what to subscribe and publish,
the MQTT transport does it and feeds back what arrives.

    lifecycle = ModuleLifecycle(topics, environment.wire_version)
    run(lifecycle.start())                  # detection subscription, or the config request
    ... for every message on a topic it asked for: run(lifecycle.receive(topic, payload))
    ... once lifecycle.config is set and the module's command handlers are subscribed:
    run(lifecycle.signal_ready())           # then wait for lifecycle.global_ready

``run`` executes the actions in order and completes a ``Subscribe`` (SUBACK) before the next
action: the manager's answers and GlobalReady are not retained, so the subscription must exist
before the message that triggers them is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .config import ModuleConfig, build_config_request, parse_config_response
from .protocol import (
    LifecycleTopics,
    WireVersion,
    is_shutdown_request,
    wire_version_from_definition,
)

__all__ = [
    "Action",
    "LifecycleError",
    "ModuleLifecycle",
    "Phase",
    "Publish",
    "Subscribe",
    "Unsubscribe",
]


class LifecycleError(RuntimeError):
    """The module cannot continue joining (unknown version, step out of order)."""


@dataclass(frozen=True)
class Subscribe:
    topic: str


@dataclass(frozen=True)
class Unsubscribe:
    topic: str


@dataclass(frozen=True)
class Publish:
    topic: str
    payload: bytes


Action = Subscribe | Unsubscribe | Publish


class Phase(Enum):
    NEW = "new"
    DETECTING = "detecting the manager's wire version"
    CONFIGURING = "waiting for the configuration response"
    CONFIGURED = "configured, not ready"
    READY_SENT = "ready sent, waiting for GlobalReady"
    RUNNING = "running"
    SHUTTING_DOWN = "shutdown requested"


class ModuleLifecycle:
    def __init__(self, topics: LifecycleTopics, version: WireVersion | None = None) -> None:
        self.topics = topics
        self.version = version
        self.phase = Phase.NEW
        self._config: ModuleConfig | None = None

    @property
    def config(self) -> ModuleConfig:
        if self._config is None:
            raise LifecycleError(f"no configuration yet ({self.phase.value})")
        return self._config

    @property
    def global_ready(self) -> bool:
        return self.phase is Phase.RUNNING

    @property
    def shutdown_requested(self) -> bool:
        return self.phase is Phase.SHUTTING_DOWN

    def start(self) -> list[Action]:
        self._expect(Phase.NEW, "start")
        if self.version is None:
            self.phase = Phase.DETECTING
            return [Subscribe(self.topics.version_detection)]
        return self._request_config(self.version)

    def signal_ready(self) -> list[Action]:
        """After the module's own command subscriptions: announce ModuleReady."""
        self._expect(Phase.CONFIGURED, "signal ready")
        self.phase = Phase.READY_SENT
        return [
            Subscribe(self.topics.global_ready),
            Subscribe(self.topics.shutdown),
            Publish(self.topics.module_ready, self.topics.ready_message()),
        ]

    def receive(self, topic: str, payload: bytes) -> list[Action]:
        if topic == self.topics.version_detection and self.phase is Phase.DETECTING:
            return self._on_definition(payload)
        if topic == self.topics.config_response and self.phase is Phase.CONFIGURING:
            assert self.version is not None
            self._config = parse_config_response(self.version, payload)
            self.phase = Phase.CONFIGURED
        elif topic == self.topics.global_ready and self.phase is Phase.READY_SENT:
            if LifecycleTopics.is_global_ready(payload):
                self.phase = Phase.RUNNING
        elif topic == self.topics.shutdown and is_shutdown_request(payload):
            self.phase = Phase.SHUTTING_DOWN
        return []

    def _on_definition(self, payload: bytes) -> list[Action]:
        version = wire_version_from_definition(payload)
        if version is None:
            raise LifecycleError(
                f"{self.topics.version_detection} is cleared: the manager's definitions are gone "
                "(all modules were ready), so its version cannot be read; set "
                "EVEREST_PY_WIRE_VERSION=2025 or 2026"
            )
        self.version = version
        return [Unsubscribe(self.topics.version_detection), *self._request_config(version)]

    def _request_config(self, version: WireVersion) -> list[Action]:
        self.phase = Phase.CONFIGURING
        request = build_config_request(version, self.topics)
        return [Subscribe(request.response_topic), Publish(request.topic, request.payload)]

    def _expect(self, phase: Phase, step: str) -> None:
        if self.phase is not phase:
            raise LifecycleError(f"cannot {step} while {self.phase.value}")
