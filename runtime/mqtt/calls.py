"""Calling the commands of required implementations: correlation by call id, timeouts.

The caller subscribes to its response topic before it publishes the call (as EVerest
does) and matches responses by id. The number of calls in flight is bounded: a call
beyond the bound waits for a free slot, within its own timeout.
"""

import asyncio
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from .. import wire
from ..contract import CommandSpec
from ..errors import CmdTimeout, CommandError, ConnectionLost, MessageParsingError, error_for_event
from ..result_reader import ResultReader, result_reader
from ..validation import decode_result, encode_arguments_json
from .connection import BrokerConnection, BrokerError

__all__ = ["CommandCaller"]

_log = logging.getLogger(__name__)


@dataclass
class _PendingCall:
    command: CommandSpec
    target: str
    future: "asyncio.Future[Any]"
    result_validated: bool = False
    """The future holds the validated result (ResultReader), not the wire retval."""


class CommandCaller:
    """Sends calls and hands each response to the call waiting for it."""

    def __init__(
        self, connection: BrokerConnection, topics: wire.Topics, max_calls_in_flight: int
    ) -> None:
        self._connection = connection
        self._topics = topics
        # response topic → the command answered on it, and its ResultReader once one came in
        self._response_commands: dict[str, Any] = {}
        self._result_readers: dict[str, ResultReader | None] = {}
        self._pending: dict[str, _PendingCall] = {}
        self._max_calls_in_flight = max_calls_in_flight
        self._call_ended = asyncio.Event()

    def expect_responses(
        self, caller_id: str, interface: Any, module_id: str, impl_id: str
    ) -> None:
        """Subscribe to the response topics of ``interface`` ahead of the first call.

        Known before the call, they are resubscribed on a reconnect with everything else.
        """
        for command in interface.commands.values():
            topic = self._topics.response(module_id, impl_id, command.name, caller_id)
            self._response_commands.setdefault(topic, command)
            self._connection.want(topic)

    def answers_on(self, topic: str) -> bool:
        return topic in self._response_commands

    async def call(
        self,
        caller_id: str,
        module_id: str,
        impl_id: str,
        command: CommandSpec,
        arguments: dict[str, Any],
        timeout: float | None,
    ) -> Any:
        target = f"{module_id}:{impl_id}"
        arguments_json = encode_arguments_json(command, arguments, target=target)
        if not self._connection.is_connected:
            raise ConnectionLost(
                command.name,
                f"not connected to the MQTT broker at {self._connection.address} (reconnecting)",
                target=target,
            )
        call_id = str(uuid.uuid4())
        try:
            async with asyncio.timeout(timeout):
                if len(self._pending) >= self._max_calls_in_flight:
                    await self._free_slot()
                future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
                self._pending[call_id] = _PendingCall(command, target, future)
                await self._send_call(
                    caller_id, module_id, impl_id, command, call_id, arguments_json
                )
                retval = await future
        except TimeoutError:
            raise CmdTimeout(command.name, f"no result within {timeout} s", target=target) from None
        except BrokerError as error:
            raise ConnectionLost(command.name, f"MQTT: {error}", target=target) from None
        finally:
            pending = self._pending.pop(call_id, None)
            self._call_ended.set()
        if pending is not None and pending.result_validated:
            return retval
        return decode_result(command, retval, target=target)

    async def _free_slot(self) -> None:
        """Return once a call can be added to the pending ones (it must be added at once)."""
        # Not a semaphore: the caller's plain length check is cheaper on the common path.
        while len(self._pending) >= self._max_calls_in_flight:
            self._call_ended.clear()
            await self._call_ended.wait()

    async def _send_call(
        self,
        caller_id: str,
        module_id: str,
        impl_id: str,
        command: CommandSpec,
        call_id: str,
        arguments_json: bytes,
    ) -> None:
        response_topic = self._topics.response(module_id, impl_id, command.name, caller_id)
        self._response_commands.setdefault(response_topic, command)
        if not self._connection.is_subscribed(response_topic):
            await self._connection.subscribe(response_topic)
        self._connection.send(
            self._topics.command(module_id, impl_id, command.name),
            wire.encode_call(call_id, arguments_json, caller_id),
            on_failure=lambda error: self._fail(
                call_id, ConnectionLost, f"MQTT publish failed: {error}"
            ),
        )

    def fail_all(self, error_class: type[CommandError], message: str) -> None:
        for call_id in list(self._pending):
            self._fail(call_id, error_class, message)

    def _fail(self, call_id: str, error_class: type[CommandError], message: str) -> None:
        """End a call in flight with ``error_class``; a call already ended is left alone."""
        pending = self._pending.get(call_id)
        if pending is not None and not pending.future.done():
            pending.future.set_exception(
                error_class(pending.command.name, message, target=pending.target)
            )

    # -- responses -------------------------------------------------------

    def response_received(self, topic: str, payload: bytes) -> None:
        if self._read_valid_result(topic, payload):
            return
        try:
            call_id, retval, error = wire.decode_result(payload)
        except wire.WireFormatError as problem:
            call_id = problem.call_id
            if isinstance(call_id, str) and call_id in self._pending:
                self._fail(call_id, MessageParsingError, f"bad response: {problem.reason}")
            else:
                _log.warning("%s: dropped a response: %s", topic, problem)
            return
        pending = self._pending.get(call_id) if isinstance(call_id, str) else None
        if pending is None or pending.future.done():
            return  # another caller with this module id, or a call already ended
        if error is None:
            pending.future.set_result(retval)
        else:
            event, message = error
            pending.future.set_exception(
                error_for_event(event, pending.command.name, message, target=pending.target)
            )

    def _read_valid_result(self, topic: str, payload: bytes) -> bool:
        """The fast path of ``response_received``: True when ``payload`` was a valid result."""
        if topic in self._result_readers:
            reader = self._result_readers[topic]
        else:
            command = self._response_commands.get(topic)
            reader = None if command is None else result_reader(command)
            self._result_readers[topic] = reader
        if reader is None:
            return False
        read = reader.read(payload)
        if read is None:
            return False
        call_id, result = read
        pending = self._pending.get(call_id)
        if pending is None or pending.future.done():
            return True  # another caller with this module id, or a call already ended
        if pending.command is not reader.command:
            return False  # read with another interface's types: validate it the explicit way
        pending.result_validated = True
        pending.future.set_result(result)
        return True
