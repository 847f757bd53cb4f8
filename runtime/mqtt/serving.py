"""Serving the commands of this module's implementations: call in, handler, result out."""

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from .. import wire
from ..contract import CommandSpec
from ..dispatch import Provider
from ..errors import CommandError, MessageParsingError, Shutdown
from ..validation import to_wire_json
from .connection import BrokerConnection, BrokerError
from .topics import MAX_TOPIC_BYTES, level_problem

__all__ = ["CommandServer", "ServedCommand"]

_log = logging.getLogger(__name__)

ServedCommand = tuple[Provider, Any]
"""The provider serving a command topic, and the command's spec."""


class CommandServer:
    """Answers every call on the command topics of the providers it serves."""

    def __init__(
        self, connection: BrokerConnection, topics: wire.Topics, max_calls_in_flight: int
    ) -> None:
        self._connection = connection
        self._topics = topics
        self._max_calls_in_flight = max_calls_in_flight
        self._module_id = ""
        self._providers: list[Provider] = []
        self._commands: dict[str, ServedCommand] = {}

    def serve(self, module_id: str, providers: Mapping[str, Provider]) -> None:
        self._module_id = module_id
        for impl_id, provider in providers.items():
            self._providers.append(provider)
            for command in provider.interface.commands.values():
                topic = self._topics.command(module_id, impl_id, command.name)
                self._commands[topic] = (provider, command)
                self._connection.want(topic)

    def command_on(self, topic: str) -> ServedCommand | None:
        return self._commands.get(topic)

    async def stop(self) -> None:
        """Cancel the calls being served: their callers get a Shutdown response."""
        for provider in self._providers:
            await provider.stop()

    def clear(self) -> None:
        for topic in self._commands:
            self._connection.unwant(topic)
        self._commands.clear()
        self._providers.clear()

    # -- one call --------------------------------------------------------

    def call_received(self, topic: str, served: ServedCommand, payload: bytes) -> None:
        provider, command = served
        try:
            call_id, arguments, origin = wire.decode_call(payload)
        except wire.WireFormatError as problem:
            self._refuse_malformed(topic, provider, problem)
            return
        reply_topic = self._reply_topic(topic, origin)
        if reply_topic is not None and self._has_room(topic, provider, origin):
            provider.spawn(self._serve(reply_topic, provider, command, call_id, arguments))

    def _refuse_malformed(
        self, topic: str, provider: Provider, problem: wire.WireFormatError
    ) -> None:
        if problem.call_id is None or problem.origin is None:
            _log.warning("%s: dropped a call nobody can be told about: %s", topic, problem)
            return
        reply_topic = self._reply_topic(topic, problem.origin)
        if reply_topic is None or not self._has_room(topic, provider, problem.origin):
            return
        _log.warning("%s: call from '%s': %s", topic, problem.origin, problem)
        error = self._error_payload(problem.call_id, MessageParsingError.EVENT, problem.reason)
        provider.spawn(self._publish(reply_topic, error))

    def _reply_topic(self, topic: str, origin: str) -> str | None:
        """The result topic for ``origin``, or None (logged) when no valid topic can be built."""
        problem = level_problem(origin)
        reply_topic = wire.response_topic(topic, origin)
        if problem is None and len(reply_topic.encode()) > MAX_TOPIC_BYTES:
            problem = f"makes the result topic longer than {MAX_TOPIC_BYTES} bytes"
        if problem is None:
            return reply_topic
        # Publishing to such a topic would make the broker drop this module's session.
        _log.warning(
            "%s: refused a call: field 'origin' (%.80r) %s; no result topic can be built from it",
            topic,
            origin,
            problem,
        )
        return None

    def _has_room(self, topic: str, provider: Provider, origin: str) -> bool:
        """Every reply holds a task of ``provider`` until it is published: a peer sending
        calls faster than they are answered must not make the tasks grow without bound."""
        if provider.calls_in_flight < self._max_calls_in_flight:
            return True
        _log.warning(
            "%s: refused a call from '%s': %d calls in flight already",
            topic,
            origin,
            provider.calls_in_flight,
        )
        return False

    async def _serve(
        self,
        reply_topic: str,
        provider: Provider,
        command: CommandSpec,
        call_id: Any,
        arguments: dict[str, Any],
    ) -> None:
        try:
            result = await provider.invoke(command, arguments)
        except CommandError as error:
            event = error.event or "HandlerException"
            await self._publish(reply_topic, self._error_payload(call_id, event, error.message))
            return
        except asyncio.CancelledError:
            # This task cannot await any more: the Shutdown response goes out on its own.
            shutdown = self._error_payload(call_id, Shutdown.EVENT, "the providing module stopped")
            self._connection.send(reply_topic, shutdown)
            raise
        retval = b"null" if command.result is None else to_wire_json(command.result, result)
        await self._publish(reply_topic, wire.encode_result(call_id, self._module_id, retval))

    def _error_payload(self, call_id: Any, event: str, message: str) -> bytes:
        body = wire.error_body(call_id, self._module_id, event, message)
        return wire.encode(wire.MSG_CMD_RESULT, body)

    async def _publish(self, reply_topic: str, payload: bytes) -> None:
        # Already in the call's own task: publishing inline saves a task per call.
        if self._connection.unacknowledged < self._max_calls_in_flight:
            # The QoS 2 handshake completes without this task (one wake-up less per call);
            # the bound on results in flight is kept by waiting once it is reached.
            self._connection.send(reply_topic, payload)
            return
        try:
            await self._connection.publish(reply_topic, payload)
        except BrokerError as error:
            _log.warning("%s: result not sent: %s", reply_topic, error)
