"""One charge point's websocket as the loopback CSMS sees it: reads, checks and records every
frame, reacts as the script says, and sends CALLs of its own."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from . import ocpp_j
from .ocpp_j import Call, CallError, CallResult, FrameError, Message
from .recording import Changes, Received, Recording, Violation, Violations
from .schemas import Schemas
from .script import Answer, Drop, Fail, NoAnswer, Payload, Reaction, Request, Script

# Not under everest_py.ocpp16: the CSMS is the charge point's peer, and tests read the charge
# point's log by that prefix.
LOGGER = logging.getLogger("everest_py.demo_csms")
MAX_PENDING_CALLS = 64  # CSMS calls awaiting an answer, per connection
MAX_REMEMBERED_RAW_CALLS = 256  # ids of raw CALLs sent, so their answers can be checked
MAX_DELAYED_ANSWERS = 256  # answers waiting out a scripted delay, per connection


class CallFailed(Exception):
    """The charge point answered a CSMS call with a CALLERROR."""

    def __init__(self, action: str, error: CallError) -> None:
        super().__init__(f"{action}: {error.code}: {error.description}")
        self.action = action
        self.error = error

    @property
    def code(self) -> str:
        return self.error.code


class CallTimeout(TimeoutError):
    """The charge point did not answer a CSMS call in time."""


class ConnectionLost(ConnectionError):
    """The connection closed before the charge point answered."""


@dataclass(frozen=True)
class Shared:
    """What every connection of one CSMS records into and reacts by."""

    recording: Recording
    violations: Violations
    changes: Changes
    script: Script
    schemas: Schemas | None  # None: no schema validation
    clock: Callable[[], float]


class CsmsConnection:
    def __init__(
        self,
        shared: Shared,
        number: int,
        cp_id: str,
        websocket: ServerConnection,
        client_subject: str | None,
    ) -> None:
        self.number = number  # 1-based, over the CSMS's life
        self.cp_id = cp_id
        self.websocket = websocket
        request = websocket.request
        self.path = request.path if request else ""
        self.authorization = request.headers.get("Authorization") if request else None
        self.subprotocol: str | None = websocket.subprotocol
        self.client_subject = client_subject  # commonName of a TLS client certificate
        self.frames_received = 0
        self.open = True
        self._shared = shared
        self._pending: dict[str, tuple[str, asyncio.Future[Payload]]] = {}
        self._raw_calls: OrderedDict[str, str] = OrderedDict()
        self._delayed: set[asyncio.Task[None]] = set()

    # -- the CSMS's own calls ---------------------------------------------------------------

    async def call(self, action: str, payload: Payload, timeout: float) -> Payload:
        """The CALLRESULT payload; CallFailed on a CALLERROR, CallTimeout, ConnectionLost."""
        if not self.open:
            raise ConnectionLost(f"connection {self.number} of {self.cp_id} is closed")
        if len(self._pending) >= MAX_PENDING_CALLS:
            raise RuntimeError(f"{MAX_PENDING_CALLS} calls to {self.cp_id} already unanswered")
        unique_id = str(uuid.uuid4())
        answer: asyncio.Future[Payload] = asyncio.get_running_loop().create_future()
        self._pending[unique_id] = (action, answer)
        try:
            await self._send(Call(unique_id, action, payload))
            async with asyncio.timeout(timeout):
                return await answer
        except TimeoutError:
            raise CallTimeout(f"{self.cp_id} did not answer {action} in {timeout} s") from None
        finally:
            self._pending.pop(unique_id, None)

    async def send_raw(self, frame: str | bytes) -> None:
        """Send `frame` as it is; if it is a CALL, its answer is still checked."""
        try:
            message = ocpp_j.parse(frame)
        except FrameError:
            message = None
        if isinstance(message, Call):
            self._raw_calls[message.unique_id] = message.action
            while len(self._raw_calls) > MAX_REMEMBERED_RAW_CALLS:
                self._raw_calls.popitem(last=False)
        LOGGER.info("%s <- CSMS %s", self.cp_id, frame)
        await self.websocket.send(frame)

    async def close(self, abort: bool = False) -> None:
        if abort:
            self.websocket.transport.abort()
        else:
            await self.websocket.close()

    # -- reading ----------------------------------------------------------------------------

    async def serve(self) -> None:
        try:
            async for frame in self.websocket:
                await self._receive(frame)
        except ConnectionClosed:
            pass
        finally:
            self._closed()

    def _closed(self) -> None:
        self.open = False
        for action, answer in self._pending.values():
            if not answer.done():
                answer.set_exception(ConnectionLost(f"closed before {action} was answered"))
        for task in self._delayed:
            task.cancel()
        self._shared.changes.notify()

    async def _receive(self, frame: str | bytes) -> None:
        LOGGER.info("%s -> CSMS %s", self.cp_id, frame)
        self.frames_received += 1
        try:
            message: Message | None = ocpp_j.parse(frame)
        except FrameError as error:
            self._record(None, None, frame, [str(error)])
            message = None
        if isinstance(message, Call):
            await self._on_call(message, frame)
        elif isinstance(message, CallResult | CallError):
            self._on_answer(message, frame)
        limit = self._shared.script.drop_after
        if limit is not None and self.frames_received >= limit and self.open:
            await self.close()

    async def _on_call(self, message: Call, frame: str | bytes) -> None:
        problems = ocpp_j.problems(message) + self._schema_problems(message.action, message)
        self._record(message, message.action, frame, problems)
        request = Request(self.cp_id, message.action, message.payload)
        await self._react(message.unique_id, request, self._shared.script.reaction(request))

    def _on_answer(self, message: CallResult | CallError, frame: str | bytes) -> None:
        action = self._answered_action(message.unique_id)
        problems = ocpp_j.problems(message)
        if isinstance(message, CallResult) and action is not None:
            problems += self._schema_problems(f"{action}Response", message)
        self._record(message, action, frame, problems)
        pending = self._pending.get(message.unique_id)
        if pending is None or pending[1].done():
            return
        if isinstance(message, CallResult):
            pending[1].set_result(message.payload)
        else:
            pending[1].set_exception(CallFailed(pending[0], message))

    def _answered_action(self, unique_id: str) -> str | None:
        pending = self._pending.get(unique_id)
        if pending is not None:
            return pending[0]
        return self._raw_calls.pop(unique_id, None)

    def _schema_problems(self, schema: str, message: Call | CallResult) -> list[str]:
        schemas = self._shared.schemas
        return [] if schemas is None else schemas.problems(schema, message.payload)

    def _record(
        self, message: Message | None, action: str | None, frame: str | bytes, problems: list[str]
    ) -> None:
        shared = self._shared
        seq = shared.recording.next_seq
        received = Received(seq, self.cp_id, self.number, message, action, shared.clock(), frame)
        for problem in problems:
            LOGGER.warning("%s violates OCPP 1.6-J: %s (in %s)", self.cp_id, problem, frame)
            shared.violations.add(Violation(self.cp_id, seq, problem))
        shared.recording.add(received)
        shared.changes.notify()

    # -- reacting ---------------------------------------------------------------------------

    async def _react(self, unique_id: str, request: Request, reaction: Reaction) -> None:
        if isinstance(reaction, NoAnswer):
            return
        if isinstance(reaction, Drop):
            await self.close(abort=reaction.abort)
            return
        if reaction.delay <= 0:
            await self._answer(unique_id, request, reaction)
        elif len(self._delayed) < MAX_DELAYED_ANSWERS:
            task = asyncio.create_task(self._answer_later(unique_id, request, reaction))
            self._delayed.add(task)
            task.add_done_callback(self._delayed.discard)
        else:
            LOGGER.warning("%s: too many delayed answers; %s not answered", self.cp_id, unique_id)

    async def _answer_later(
        self, unique_id: str, request: Request, reaction: Answer | Fail
    ) -> None:
        await asyncio.sleep(reaction.delay)  # the scripted delay itself
        await self._answer(unique_id, request, reaction)

    async def _answer(self, unique_id: str, request: Request, reaction: Answer | Fail) -> None:
        answer: Message
        if isinstance(reaction, Answer):
            answer = CallResult(unique_id, reaction.result(request))
        else:
            answer = CallError(unique_id, reaction.code, reaction.description, reaction.details)
        try:
            await self._send(answer)
        except ConnectionClosed:
            pass

    async def _send(self, message: Message) -> None:
        frame = ocpp_j.encode(message)
        LOGGER.info("%s <- CSMS %s", self.cp_id, frame)
        await self.websocket.send(frame)
