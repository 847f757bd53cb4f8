"""Variables over MQTT: values published for this module's implementations, and
subscriptions to the values of the implementations it requires."""

import logging
from typing import Any

from pydantic import ValidationError

from .. import wire
from ..contract import VariableSpec
from ..errors import SchemaValidationError
from ..subscriptions import Callback, Subscriber, SubscriberSet
from ..validation import describe_validation_error, to_wire_json
from .connection import BrokerConnection

__all__ = ["VariableChannel"]

_log = logging.getLogger(__name__)


class VariableChannel:
    """Publishes variable values and delivers received ones to their subscribers."""

    def __init__(self, connection: BrokerConnection, topics: wire.Topics) -> None:
        self._connection = connection
        self._topics = topics
        self._subscribers = SubscriberSet(on_empty=connection.unwant)

    def subscribe(
        self, module_id: str, impl_id: str, variable: VariableSpec, callback: Callback
    ) -> Subscriber:
        topic = self._topics.variable(module_id, impl_id, variable.name)
        subscriber = self._subscribers.add(topic, variable, callback)
        if self._connection.is_subscribed(topic):
            subscriber.mark_active()
        else:
            self._connection.ensure_subscribed(topic)
        return subscriber

    def mark_active(self, topic: str) -> None:
        """The broker confirmed ``topic``: values published from now on reach its subscribers."""
        for subscriber in self._subscribers.get(topic):
            subscriber.mark_active()

    def mark_all_active(self) -> None:
        for subscriber in self._subscribers.all():
            subscriber.mark_active()

    async def cancel_all(self) -> None:
        await self._subscribers.cancel_all()

    def publish(self, module_id: str, impl_id: str, variable: VariableSpec, value: Any) -> None:
        try:
            valid = variable.adapter.validate_python(value)
        except ValidationError as error:
            raise SchemaValidationError(
                variable.name,
                f"variable value: {describe_validation_error(error)}",
                target=f"{module_id}:{impl_id}",
            ) from None
        self._connection.send(
            self._topics.variable(module_id, impl_id, variable.name),
            wire.encode_variable(to_wire_json(variable.adapter, valid)),
        )

    def value_received(self, topic: str, payload: bytes) -> None:
        subscribers = self._subscribers.get(topic)
        if not subscribers:
            return
        try:
            value = wire.decode_variable(payload)
        except wire.WireFormatError as problem:
            _log.warning("%s: dropped a variable value: %s", topic, problem)
            return
        for subscriber in list(subscribers):
            try:
                # Wire data: the YAML names only (`from`, not the Python `from_`).
                delivered = subscriber.variable.adapter.validate_python(value, by_name=False)
            except ValidationError as error:
                # EVerest ignores a value that does not match the schema, and so do we.
                _log.warning("%s: ignored a value: %s", topic, describe_validation_error(error))
                continue
            subscriber.deliver(delivered)
