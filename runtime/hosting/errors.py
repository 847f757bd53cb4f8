"""EVerest errors over the module's MQTT transport: raising/clearing ours, receiving theirs.

Raise/clear go out QoS 2, not retained, on ``…/impl/<impl>/error/<namespace>/<Name>`` with the
framework's JSON (``runtime/everest/errors.py``); receivers decide raise vs clear by ``state``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from ..everest.config import Mapping3Tier
from ..everest.errors import (
    ActiveErrors,
    ErrorOrigin,
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


class RaisedErrors(ActiveErrors):
    """The errors one implementation of ours has active; raise/clear put them on the wire."""

    def __init__(
        self,
        transport: MqttTransport,
        topics: LifecycleTopics,
        origin: ErrorOrigin,
        allowed: Iterable[str],
    ) -> None:
        super().__init__(origin, allowed)
        self._transport = transport
        self._topics = topics

    async def _deliver(self, error: EverestError) -> None:
        topic = error_topic(
            self._topics, self.origin.module_id, self.origin.implementation_id, error.type
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
