"""One OCPP-J RPC endpoint over one websocket connection: the receive loop (`serve()`), the
charge point's own calls (`request()`), call correlation and routing of the CSMS's calls.

Every malformed frame gets the CALLERROR OCPP-J names (or a log line when no answer is
possible) and the loop keeps running; a CALLERROR from the peer raises; a late or unknown
response is logged, never handed to the next call. From the `ocpp` package only the public
payload dataclasses (`ocpp.v16.call`, `ocpp.v16.call_result`) and enums are used.
"""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import inspect
import json
import logging
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Final, Protocol

from ocpp.v16 import call_result
from ocpp.v16.enums import Action
from websockets.exceptions import ConnectionClosed

from .frames import (
    BadFrame,
    CallFrame,
    ErrorCode,
    ErrorFrame,
    ResultFrame,
    SchemaViolation,
    only_extra_fields,
    parse_frame,
    validate_request,
    validate_response,
)
from .payloads import dataclass_arguments, to_json_payload, to_keyword_arguments
from .redaction import redact

LOGGER = logging.getLogger(__name__)
OCPP16_ACTIONS = frozenset(action.value for action in Action)
# Follow-ups (work queued by the CSMS's CALLs to run after their reply, each waiting for the one
# outgoing call slot) an endpoint holds at most: the CSMS cannot make the charge point queue
# unbounded work. Beyond it `after_reply` refuses; with coalescing (see there) it is reached
# only by a misbehaving CSMS.
MAX_FOLLOW_UPS: Final = 8
# CALLs from the CSMS that arrive while one is still being answered (OCPP-J asks the CSMS to
# wait for each answer): they wait in order; beyond this many, reading pauses until the call
# being answered is done, and TCP pushes back on the CSMS. Nothing is dropped.
MAX_WAITING_CALLS: Final = 16
# The coalescing key of the follow-up a task runs (set in the task's own context by `spawn`).
_FOLLOW_UP_KEY: contextvars.ContextVar[Hashable | None] = contextvars.ContextVar(
    "follow_up_key", default=None
)
_DESCRIPTIONS = {
    ErrorCode.NOT_IMPLEMENTED: "Requested Action is not known by receiver",
    ErrorCode.NOT_SUPPORTED: "Requested Action is recognized but not supported by the receiver",
    ErrorCode.INTERNAL_ERROR: "An internal error occurred while processing the Action",
}


class Connection(Protocol):
    """What the endpoint needs of a websocket (websockets' ClientConnection fits)."""

    async def send(self, message: str) -> None: ...
    async def recv(self) -> str | bytes: ...
    def __aiter__(self) -> Any: ...


class CallErrorReceived(Exception):
    def __init__(self, action: str, code: str, description: str) -> None:
        super().__init__(f"{action}: CALLERROR {code}: {description}")
        self.action = action
        self.code = code
        self.description = description


class ConnectionLost(Exception):
    """The connection closed before the call was answered (or was already closed)."""


class InvalidResponse(Exception):
    """The peer answered with a CALLRESULT that breaks the schema."""


class CallRefused(Exception):
    """Raised by a call handler to answer with a CALLERROR."""

    def __init__(self, code: ErrorCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


# Answers one CALL: the payload's fields (snake_case) as keyword arguments; returns an
# `ocpp.v16.call_result` dataclass, or an awaitable of one.
CallHandler = Callable[..., Any]
# The handler for an action on this endpoint, or None when the charge point does not handle it.
Router = Callable[["RpcEndpoint", str], CallHandler | None]
FrameObserver = Callable[[str, str], None]  # (direction "send"/"recv", redacted frame text)


class RpcEndpoint:
    def __init__(
        self,
        charge_point_id: str,
        connection: Connection,
        *,
        route: Router,
        response_timeout: float = 30.0,
        max_frame_length: int = 1024 * 1024,
        validate_outgoing: bool = False,
        observer: FrameObserver | None = None,
        on_invalid: Callable[[str], None] | None = None,
        ignore_calls: Callable[[], bool] | None = None,
        max_follow_ups: int = MAX_FOLLOW_UPS,
    ) -> None:
        """`on_invalid` hears of every malformed frame or invalid request (the reason, never
        the content); while `ignore_calls()` is true, the peer's CALLs get no answer at all.
        `max_follow_ups`: the bound of `after_reply` work waiting or running."""
        self.id = charge_point_id
        self._max_follow_ups = max_follow_ups
        self._connection = connection
        self._route = route
        self._response_timeout = response_timeout
        # OCPP-J: one CALL of ours at a time; a request waits here for the previous answer.
        self._call_lock = asyncio.Lock()
        self._max_frame_length = max_frame_length
        self._validate_outgoing = validate_outgoing
        self._observer = observer
        self._on_invalid = on_invalid
        self._ignore_calls = ignore_calls
        self._pending: tuple[str, asyncio.Future[ResultFrame | ErrorFrame]] | None = None
        self._closed = False
        self._after_reply: list[tuple[Hashable | None, Callable[[], Awaitable[None]]]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        # Keys of spawned follow-ups that have not sent yet, with the task that owns each.
        self._waiting_keys: dict[Hashable, asyncio.Task[None]] = {}
        # A CALL whose handler waits (a bus command, the disk) is answered on this task, so
        # the receive loop goes on reading the answers to our own calls meanwhile.
        self._answering: asyncio.Task[None] | None = None
        self._waiting_calls: deque[CallFrame] = deque()
        self._call_taken = asyncio.Event()  # set whenever a waiting call is taken on

    # --- receiving -----------------------------------------------------------------------

    async def serve(self) -> None:
        """Read frames until the connection closes; never ends because of a frame's content."""
        try:
            async for raw in self._connection:
                try:
                    await self._on_frame(raw)
                except ConnectionClosed:
                    raise
                except Exception:
                    LOGGER.exception("%s: failed to process a frame", self.id)
        except ConnectionClosed:
            pass
        finally:
            self.close_pending()

    def close_pending(self) -> None:
        """Mark the endpoint closed: the waiting call and later calls raise ConnectionLost."""
        self._closed = True
        if self._pending is not None:
            self._fail_pending(self._pending[0], ConnectionLost("the connection closed"))
        # A handler being finished is left to end (its bus commands are bounded by their own
        # timeouts): cancelling it could stop it between two steps (a transaction stopped, the
        # connector not unlocked). Its reply finds the connection closed; the calls waiting
        # behind it get no answer, as the CSMS that sent them is gone.
        self._waiting_calls.clear()
        for task in list(self._tasks):
            task.cancel()

    async def _on_frame(self, raw: str | bytes) -> None:
        try:
            frame = parse_frame(raw, self._max_frame_length)
        except BadFrame as error:
            await self._on_bad_frame(raw, error)
            return
        if self._observer is not None or LOGGER.isEnabledFor(logging.DEBUG):
            self._observe("recv", raw if isinstance(raw, str) else raw.decode(errors="replace"))
        if isinstance(frame, CallFrame):
            if not self._ignoring(frame.action, frame.unique_id):
                await self._on_call(frame)
        else:
            self._on_response(frame)
            # Let the caller that waited for this answer act on it before the next frame is
            # handled: a CSMS may answer StartTransaction and at once send a
            # RemoteStopTransaction naming the transactionId it just gave.
            await asyncio.sleep(0)

    async def _on_bad_frame(self, raw: str | bytes, error: BadFrame) -> None:
        shown = raw[:200] if isinstance(raw, str) else repr(raw[:200])
        LOGGER.warning(
            "%s: bad frame from the CSMS (%s: %s)%s: %s",
            self.id,
            error.code,
            error.reason,
            "" if error.reply_to is None else f", answering CALLERROR to {error.reply_to!r}",
            redact(shown),
        )
        if self._observer is not None:
            self._observer("recv", redact(shown))
        self._report_invalid(f"{error.code}: {error.reason}")
        if error.reply_to is not None:
            if not self._ignoring("a malformed call", error.reply_to):
                await self._send_error(error.reply_to, error.code, error.reason)
        elif error.response_to is not None:
            self._fail_pending(error.response_to, InvalidResponse(error.reason))

    def _ignoring(self, what: str, unique_id: str) -> bool:
        if self._ignore_calls is None or not self._ignore_calls():
            return False
        LOGGER.info(
            "%s: %s (%r) from the CSMS left unanswered: registration rejected",
            self.id,
            what,
            unique_id,
        )
        return True

    def _report_invalid(self, reason: str) -> None:
        if self._on_invalid is None:
            return
        try:
            self._on_invalid(reason)
        except Exception:  # Reporting must never stop the frame from being answered.
            LOGGER.exception("%s: reporting an invalid message failed", self.id)

    def _on_response(self, frame: ResultFrame | ErrorFrame) -> None:
        pending = self._pending
        if pending is None or pending[0] != frame.unique_id or pending[1].done():
            LOGGER.warning(
                "%s: ignoring a response to %r: no call with that id is waiting",
                self.id,
                frame.unique_id,
            )
            return
        pending[1].set_result(frame)

    def _fail_pending(self, unique_id: str, error: Exception) -> None:
        pending = self._pending
        if pending is not None and pending[0] == unique_id and not pending[1].done():
            pending[1].set_exception(error)
            pending[1].exception()  # The caller may be gone (cancelled): no "never retrieved".

    async def _on_call(self, frame: CallFrame) -> None:
        """Answer CSMS CALLs in arrival order. A handler that returns at once is answered on
        the receive loop; one that waits is finished on a task of its own while the loop
        reads on (the answers to our own calls must not wait behind a slow handler), and
        CALLs arriving meanwhile wait their turn."""
        if self._answering is not None:
            while len(self._waiting_calls) >= MAX_WAITING_CALLS and self._answering is not None:
                # Pause reading (TCP pushes back) until the answering task takes the next.
                self._call_taken.clear()
                taken = asyncio.ensure_future(self._call_taken.wait())
                try:
                    await asyncio.wait(
                        [self._answering, taken], return_when=asyncio.FIRST_COMPLETED
                    )
                finally:
                    taken.cancel()
            if self._answering is not None:
                self._waiting_calls.append(frame)
                return
        pending = await self._start_call(frame)
        if pending is not None:
            self._answering = asyncio.get_running_loop().create_task(
                self._answer_in_turn(frame, pending)
            )

    async def _answer_in_turn(self, frame: CallFrame, pending: Awaitable[Any]) -> None:
        """Finish the waiting handler, then answer the CALLs that queued behind it; a failure
        costs only the call it happened to (logged), the others are still answered, in order."""
        try:
            waiting: Awaitable[Any] | None = pending
            while True:
                try:
                    if waiting is not None:
                        current, waiting = waiting, None
                        await self._finish_call(frame, current)
                    if not self._waiting_calls:
                        return
                    frame = self._waiting_calls.popleft()
                    self._call_taken.set()
                    waiting = await self._start_call(frame)
                except ConnectionClosed:
                    return  # the receive loop ends too
                except Exception:
                    LOGGER.exception("%s: failed to answer %s", self.id, frame.action)
        finally:
            self._answering = None
            self._call_taken.set()

    @property
    def answering(self) -> bool:
        """A CSMS call's handler is still being finished (see `_on_call`)."""
        return self._answering is not None

    async def answered(self, timeout: float) -> None:
        """Until the CSMS call being answered is done; after `timeout` seconds it is
        cancelled (the charge point is closing what its handler uses)."""
        task = self._answering
        if task is None:
            return
        done, _ = await asyncio.wait([task], timeout=timeout)
        if not done:
            LOGGER.warning("%s: a CSMS call still being answered is cancelled at close", self.id)
            task.cancel()
            await asyncio.wait([task])

    async def _start_call(self, frame: CallFrame) -> Awaitable[Any] | None:
        """Route, validate and call the handler: answer now, or return what it still awaits."""
        handler = self._route(self, frame.action)
        if handler is None:
            known = frame.action in OCPP16_ACTIONS
            code = ErrorCode.NOT_SUPPORTED if known else ErrorCode.NOT_IMPLEMENTED
            LOGGER.info("%s: %s request %r answered %s", self.id, "CSMS", frame.action, code)
            await self._send_error(frame.unique_id, code, f"{frame.action}: {_DESCRIPTIONS[code]}")
            return None
        try:
            validate_request(frame.action, frame.payload)
        except SchemaViolation as violation:
            LOGGER.warning("%s: invalid %s request: %s", self.id, frame.action, violation.reason)
            self._report_invalid(f"{frame.action}: {violation.code}: {violation.reason}")
            await self._send_error(frame.unique_id, violation.code, violation.reason)
            return None
        self._after_reply = []
        try:
            response = handler(**to_keyword_arguments(frame.payload))
        except Exception as error:
            await self._answer_failure(frame, error)
            return None
        if inspect.isawaitable(response):
            return response
        await self._reply(frame, response)
        return None

    async def _finish_call(self, frame: CallFrame, pending: Awaitable[Any]) -> None:
        try:
            response = await pending
        except Exception as error:
            await self._answer_failure(frame, error)
            return
        await self._reply(frame, response)

    async def _reply(self, frame: CallFrame, response: Any) -> None:
        try:
            if not dataclasses.is_dataclass(response) or isinstance(response, type):
                raise TypeError(f"handler for {frame.action} returned {type(response).__name__}")
            body = to_json_payload(response)
            if self._validate_outgoing:
                validate_response(frame.action, body)
        except Exception as error:
            await self._answer_failure(frame, error)
            return
        await self._send_text(_dump([3, frame.unique_id, body]))
        for key, follow_up in self._after_reply:
            self.spawn(follow_up(), f"after {frame.action}", key)
        self._after_reply = []

    async def _answer_failure(self, frame: CallFrame, error: Exception) -> None:
        if isinstance(error, CallRefused):
            await self._send_error(frame.unique_id, error.code, error.reason)
            return
        LOGGER.error("%s: handling %s failed", self.id, frame.action, exc_info=error)
        await self._send_error(
            frame.unique_id, ErrorCode.INTERNAL_ERROR, f"{frame.action}: {type(error).__name__}"
        )

    async def finish_calls(self, timeout: float) -> None:
        """Let the call in flight get its answer (up to `timeout`), then refuse new calls
        (ConnectionLost): before a deliberate close, so no answer is cut off."""
        try:
            async with asyncio.timeout(timeout):
                async with self._call_lock:
                    self._closed = True
        except TimeoutError:
            LOGGER.warning("%s: closing with a call still unanswered", self.id)
        self._closed = True

    @property
    def max_follow_ups(self) -> int:
        """The bound of follow-up work waiting or running (`after_reply`, `spawn`)."""
        return self._max_follow_ups

    def after_reply(
        self, action: Callable[[], Awaitable[None]], key: Hashable | None = None
    ) -> bool:
        """Run `action` once the current request's reply is sent (e.g. a triggered message).
        Awaiting an outgoing call inside a handler would block the receive loop.

        A `key` coalesces: while a follow-up with the same key has not sent its message yet,
        nothing is added (that one does the work, after this reply too). False, with nothing
        queued, when `max_follow_ups` follow-ups are already waiting: the caller answers the
        request accordingly (e.g. Rejected)."""
        if key is not None and (
            key in self._waiting_keys or any(key == queued for queued, _ in self._after_reply)
        ):
            return True
        if len(self._tasks) + len(self._after_reply) >= self._max_follow_ups:
            LOGGER.warning(
                "%s: %d follow-ups of CSMS requests already waiting; refusing another",
                self.id,
                self._max_follow_ups,
            )
            return False
        self._after_reply.append((key, action))
        return True

    def spawn(
        self, work: Awaitable[None], what: str, key: Hashable | None = None
    ) -> asyncio.Task[None]:
        async def guarded() -> None:
            try:
                await work
            except (ConnectionLost, asyncio.CancelledError):
                pass
            except Exception:
                LOGGER.exception("%s: %s failed", self.id, what)

        context = contextvars.copy_context()
        context.run(_FOLLOW_UP_KEY.set, key)
        task = asyncio.get_running_loop().create_task(guarded(), context=context)
        self._tasks.add(task)
        if key is not None:
            self._waiting_keys[key] = task
        task.add_done_callback(lambda done: self._follow_up_ended(done, key))
        return task

    def _follow_up_ended(self, task: asyncio.Task[None], key: Hashable | None) -> None:
        self._tasks.discard(task)
        self._release_key(task, key)

    def _release_key(self, task: asyncio.Task[Any] | None, key: Hashable | None) -> None:
        """The follow-up of `task` sends now (or ended): a new request for its message needs a
        new follow-up, since this one's message may already be out."""
        if key is not None and self._waiting_keys.get(key) is task:
            del self._waiting_keys[key]

    # --- sending ---------------------------------------------------------------------------

    async def request(
        self, payload: Any, timeout: float | None = None, unique_id: str | None = None
    ) -> Any:
        """Send a CALL (a payload object of `ocpp.v16.call`) and return the matching
        `ocpp.v16.call_result` object. One call at a time, as OCPP-J requires. `unique_id`
        keeps the id of a message that is sent again."""
        action = type(payload).__name__
        body = to_json_payload(payload)
        if self._validate_outgoing:
            validate_request(action, body)
        async with self._call_lock:
            if self._closed:
                raise ConnectionLost(f"{action}: not connected")
            self._release_key(asyncio.current_task(), _FOLLOW_UP_KEY.get())
            unique_id = unique_id or str(uuid.uuid4())
            waiter: asyncio.Future[ResultFrame | ErrorFrame] = (
                asyncio.get_running_loop().create_future()
            )
            self._pending = (unique_id, waiter)
            try:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for drops a cancellation
                # (stop()) that arrives together with the answer, and the session never ends.
                # The send counts too: it waits while a stalled CSMS does not read.
                async with asyncio.timeout(self._response_timeout if timeout is None else timeout):
                    await self._send_text(_dump([2, unique_id, action, body]))
                    reply = await waiter
            except ConnectionClosed as closed:
                raise ConnectionLost(f"{action}: the connection closed") from closed
            except TimeoutError as expired:
                raise TimeoutError(f"{action}: no response within the timeout") from expired
            finally:
                self._pending = None
        if isinstance(reply, ErrorFrame):
            raise CallErrorReceived(action, reply.code, reply.description)
        return self._result(action, reply.payload)

    def _result(self, action: str, payload: dict[str, Any]) -> Any:
        result_class = getattr(call_result, action)
        try:
            validate_response(action, payload)
        except SchemaViolation as violation:
            if not only_extra_fields(action, payload):
                raise InvalidResponse(violation.reason) from None
            LOGGER.warning("%s: ignoring unknown fields: %s", self.id, violation.reason)
        return result_class(**dataclass_arguments(result_class, payload))

    async def _send_error(self, unique_id: str, code: ErrorCode, reason: str) -> None:
        await self._send_text(_dump([4, unique_id, code.value, reason, {}]))

    async def _send_text(self, text: str) -> None:
        if self._observer is not None or LOGGER.isEnabledFor(logging.DEBUG):
            self._observe("send", text)
        await self._connection.send(text)

    def _observe(self, direction: str, text: str) -> None:
        shown = redact(text)
        LOGGER.debug("%s: %s %s", self.id, direction, shown)
        if self._observer is not None:
            self._observer(direction, shown)


# What json.dumps(message, separators=(",", ":")) uses, made once: json.dumps builds a new
# encoder on every call that passes an option, i.e. for every frame sent.
_ENCODER: Final = json.JSONEncoder(separators=(",", ":"))


def _dump(message: list[Any]) -> str:
    return _ENCODER.encode(message)
