"""EVerest errors over the module's MQTT transport: raising/clearing ours, receiving theirs.

Raise/clear go out QoS 2, not retained, on ``…/impl/<impl>/error/<namespace>/<Name>`` with the
framework's JSON (``runtime/everest/errors.py``); receivers decide raise vs clear by ``state``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..everest.config import Mapping3Tier
from ..everest.errors import (
    ErrorOrigin,
    ErrorSeverity,
    ErrorState,
    EverestError,
    decode_error_message,
    encode_error_message,
    error_topic,
)
from ..everest.protocol import LifecycleTopics
from ..mqtt.transport import MqttTransport

__all__ = ["ErrorCallback", "ErrorReceiver", "RaisedErrors"]

_log = logging.getLogger(__name__)

ErrorCallback = Callable[[EverestError], None]
"""Gets every error raised or cleared (``error.is_active``) on a subscribed implementation."""


class RaisedErrors:
    """The errors one implementation of ours has active; raise/clear put them on the wire."""

    def __init__(
        self,
        transport: MqttTransport,
        topics: LifecycleTopics,
        origin: ErrorOrigin,
        allowed: Iterable[str],
    ) -> None:
        self._transport = transport
        self._topics = topics
        self._origin = origin
        self._allowed = frozenset(allowed)
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
        self._check_type(error_type)
        error = EverestError(
            type=str(error_type),
            origin=self._origin,
            message=message,
            description=description,
            sub_type=sub_type,
            severity=severity,
        )
        self._active[(error.type, sub_type)] = error
        await self._send(error)
        return error

    async def clear_error(self, error_type: str, sub_type: str = "") -> EverestError | None:
        """Clear one active error; None (nothing sent) when it is not active."""
        self._check_type(error_type)
        raised = self._active.pop((str(error_type), sub_type), None)
        if raised is None:
            return None
        # Same uuid as the raise: receivers match the clear to the error it ends.
        cleared = replace(raised, state=ErrorState.CLEARED_BY_MODULE)
        await self._send(cleared)
        return cleared

    async def clear_all(self) -> list[EverestError]:
        cleared = []
        for error_type, sub_type in list(self._active):
            error = await self.clear_error(error_type, sub_type)
            if error is not None:
                cleared.append(error)
        return cleared

    def _check_type(self, error_type: str) -> None:
        # The interface lists what it may raise; anything else would surprise its users.
        if str(error_type) not in self._allowed:
            known = ", ".join(sorted(self._allowed)) or "none"
            raise ValueError(
                f"{self._origin.implementation_id} cannot raise {str(error_type)!r}: "
                f"its interface declares {known}"
            )

    async def _send(self, error: EverestError) -> None:
        topic = error_topic(
            self._topics, self._origin.module_id, self._origin.implementation_id, error.type
        )
        await self._transport.publish(topic, encode_error_message(error))


class ErrorReceiver:
    """Subscriptions to the errors of implementations we require, one topic per error type."""

    def __init__(self, transport: MqttTransport, topics: LifecycleTopics) -> None:
        self._transport = transport
        self._topics = topics
        self._callbacks: dict[str, list[ErrorCallback]] = {}

    async def subscribe(
        self,
        module_id: str,
        implementation_id: str,
        error_types: Iterable[str],
        callback: ErrorCallback,
    ) -> None:
        for error_type in error_types:
            topic = error_topic(self._topics, module_id, implementation_id, str(error_type))
            callbacks = self._callbacks.setdefault(topic, [])
            callbacks.append(callback)
            if len(callbacks) == 1:
                self._transport.route(topic, self._received)
                await self._transport.subscribe(topic)

    def _received(self, topic: str, payload: bytes) -> None:
        try:
            _, error = decode_error_message(payload)
        except (ValueError, KeyError, TypeError) as problem:
            _log.warning("%s: ignored an error message: %r", topic, problem)
            return
        for callback in list(self._callbacks.get(topic, ())):
            try:
                callback(error)
            except Exception:  # one subscriber's bug must not stop the others
                _log.exception("%s: error callback failed", topic)


def origin_of(module_id: str, implementation_id: str, mapping: Mapping3Tier | None) -> ErrorOrigin:
    return ErrorOrigin(module_id, implementation_id, mapping)
