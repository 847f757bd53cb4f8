"""The end-to-end security tests' CSMS: a thin adapter over the loopback CSMS
(everest_py.ocpp16.demo.csms) keeping the API these tests were written against.

It accepts BootNotification, answers other CALLs with an empty CALLRESULT (or what `answer`
says), records every SecurityEventNotification, can be killed (TCP abort, no close frame) and
started again on the same port, and can send arbitrary frames to the charge point. With `tls`
it serves wss:// (a server context, possibly requiring client certificates); with `password`
it checks HTTP Basic auth and answers 401 to wrong credentials.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from websockets.asyncio.server import ServerConnection

from everest_py.ocpp16.demo.csms import (
    Answer as Respond,
)
from everest_py.ocpp16.demo.csms import (
    CallFailed,
    Fail,
    LoopbackCsms,
    NotConnected,
    Received,
    Request,
)
from everest_py.ocpp16.demo.script import NoAnswer, Reaction

WAIT = 60.0
# The loopback CSMS logs under its own name (it sees the credentials): tests that search the
# charge point's logs leave these lines out.
CSMS_LOGGER = "everest_py.demo_csms"
# Kept per list below; the 100,000-event backlog test is the largest user.
MAX_KEPT = 1_000_000


@dataclass(frozen=True)
class ReceivedEvent:
    message_id: str
    type: str
    tech_info: str | None


# (action, payload) -> CALLRESULT payload, or ("error", code) for a CALLERROR
Answer = Callable[[str, dict[str, Any]], dict[str, Any] | tuple[str, str] | None]


def default_answer(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str]:
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if action == "BootNotification":
        return {"status": "Accepted", "currentTime": now, "interval": 3600}
    if action == "Heartbeat":
        return {"currentTime": now}
    return {}


class ScriptedCsms:
    def __init__(
        self,
        answer: Answer = default_answer,
        *,
        tls: ssl.SSLContext | None = None,
        password: str | None = None,
    ) -> None:
        self.answer = answer
        self.loopback = LoopbackCsms(tls=tls, password=password)
        self.loopback.script.default = self._react
        self.loopback.recording.listen(self._on_frame)
        self.events: list[ReceivedEvent] = []
        self.actions: list[str] = []
        self.replies: list[Any] = []  # frames the charge point sent that were not CALLs

    def _react(self, request: Request) -> Reaction:
        answer = self.answer(request.action, request.payload)
        if answer is None:  # scripted silence: the CALL is never answered
            return NoAnswer()
        return Fail(answer[1]) if isinstance(answer, tuple) else Respond(answer)

    def _on_frame(self, received: Received) -> None:
        if received.kind != "call":
            _keep(self.replies, json.loads(received.text))
            return
        assert received.message is not None and received.action is not None
        _keep(self.actions, received.action)
        if received.action == "SecurityEventNotification":
            payload = received.payload
            event = ReceivedEvent(
                received.message.unique_id, str(payload.get("type")), payload.get("techInfo")
            )
            _keep(self.events, event)

    @property
    def tls(self) -> ssl.SSLContext | None:
        return self.loopback.tls

    @tls.setter
    def tls(self, context: ssl.SSLContext | None) -> None:
        self.loopback.tls = context  # used from the next start()

    @property
    def port(self) -> int:
        return self.loopback.port

    @property
    def url(self) -> str:
        return self.loopback.url

    @property
    def authorizations(self) -> list[str | None]:
        """Per HTTP request, before any check."""
        return [headers.get("Authorization") for headers in self.loopback.http_requests]

    @property
    def accepted(self) -> int:
        """Websocket connections opened."""
        return self.loopback.connection_count

    @property
    def client_subjects(self) -> list[str]:
        """commonName of client certificates, per connection that presented one."""
        return [c.client_subject for c in self.loopback.connections if c.client_subject]

    async def start(self) -> None:
        await self.loopback.start()

    async def kill(self) -> None:
        """Vanish like a crashed process: abort every TCP connection, stop listening."""
        await self.loopback.kill()

    async def close(self) -> None:
        await self.loopback.kill()

    @property
    def connection(self) -> ServerConnection | None:
        try:
            return self.loopback.connection().websocket
        except NotConnected:
            return None

    async def wait(self, predicate: Callable[[], bool], timeout: float = WAIT) -> None:
        await self.loopback.wait_until(predicate, timeout)

    async def wait_connected(self) -> ServerConnection:
        await self.wait(lambda: self.connection is not None and "BootNotification" in self.actions)
        connection = self.connection
        assert connection is not None
        return connection

    async def wait_accepted(self, count: int, timeout: float = WAIT) -> ServerConnection:
        """Until `count` websocket connections were opened; returns the live one."""
        await self.wait(lambda: self.accepted >= count and self.connection is not None, timeout)
        connection = self.connection
        assert connection is not None
        return connection

    async def call(self, action: str, payload: dict[str, Any]) -> Any:
        """Send a CALL to the charge point; returns the CALLRESULT payload (or the CALLERROR)."""
        try:
            return await self.loopback.call(None, action, payload, WAIT)
        except CallFailed as failed:
            error = failed.error
            return [4, error.unique_id, error.code, error.description, error.details]

    def infos(self, event_type: str) -> list[str | None]:
        return [event.tech_info for event in self.events if event.type == event_type]


def _keep(kept: list[Any], item: Any) -> None:
    """Appends up to MAX_KEPT items; later ones are not kept (the tests index from the start)."""
    if len(kept) < MAX_KEPT:
        kept.append(item)
