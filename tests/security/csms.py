"""A scriptable OCPP 1.6-J CSMS on loopback for the end-to-end security tests.

It accepts BootNotification, answers other CALLs with an empty CALLRESULT (or what `answer`
says), records every SecurityEventNotification, can be killed (TCP abort, no close frame) and
started again on the same port, and can send arbitrary frames to the charge point. With `tls`
it serves wss:// (a server context, possibly requiring client certificates); with `password`
it checks HTTP Basic auth and answers 401 to wrong credentials.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

WAIT = 60.0
CSMS_LOGGER = "tests.csms"


@dataclass(frozen=True)
class ReceivedEvent:
    message_id: str
    type: str
    tech_info: str | None


# (action, payload) -> CALLRESULT payload, ("error", code) for a CALLERROR, None for no answer
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
        self.tls = tls
        self.password = password
        self.port = 0
        self.authorizations: list[str | None] = []  # per HTTP request, before any check
        self.accepted = 0  # websocket connections opened
        self.client_subjects: list[str] = []  # commonName of client certificates
        self.events: list[ReceivedEvent] = []
        self.actions: list[str] = []
        self.replies: list[Any] = []  # frames the charge point sent that were not CALLs
        self._server: Server | None = None
        self._connections: set[ServerConnection] = set()
        self._changed = asyncio.Condition()

    @property
    def url(self) -> str:
        return f"{'wss' if self.tls else 'ws'}://127.0.0.1:{self.port}/ocpp"

    async def start(self) -> None:
        self._server = await serve(
            self._serve,
            "127.0.0.1",
            self.port,
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            ssl=self.tls,
            process_request=self._check_credentials,
            # Its own logger: the CSMS's DEBUG lines (it sees the credentials) are not the
            # charge point's, and tests that search the charge point's logs leave them out.
            logger=logging.getLogger(CSMS_LOGGER),
        )
        self.port = self._server.sockets[0].getsockname()[1]

    def _check_credentials(self, connection: ServerConnection, request: Request) -> Response | None:
        authorization = request.headers.get("Authorization")
        self.authorizations.append(authorization)
        if self.password is None:
            return None
        cp_id = request.path.rsplit("/", 1)[-1]
        expected = "Basic " + base64.b64encode(f"{cp_id}:{self.password}".encode()).decode()
        if authorization != expected:
            return connection.respond(HTTPStatus.UNAUTHORIZED, "bad credentials\n")
        return None

    async def kill(self) -> None:
        """Vanish like a crashed process: abort every TCP connection, stop listening."""
        assert self._server is not None
        self._server.close(close_connections=False)
        for connection in list(self._connections):
            connection.transport.abort()
        await self._server.wait_closed()
        self._server = None

    async def close(self) -> None:
        if self._server is not None:
            await self.kill()

    @property
    def connection(self) -> ServerConnection | None:
        return next(iter(self._connections), None)

    async def wait(self, predicate: Callable[[], bool], timeout: float = WAIT) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def wait_connected(self) -> ServerConnection:
        await self.wait(lambda: bool(self._connections) and "BootNotification" in self.actions)
        connection = self.connection
        assert connection is not None
        return connection

    async def wait_accepted(self, count: int, timeout: float = WAIT) -> ServerConnection:
        """Until `count` websocket connections were opened; returns the live one."""
        await self.wait(lambda: self.accepted >= count and bool(self._connections), timeout)
        connection = self.connection
        assert connection is not None
        return connection

    async def call(self, action: str, payload: dict[str, Any]) -> Any:
        """Send a CALL to the charge point; returns the CALLRESULT payload (or the CALLERROR)."""
        connection = self.connection
        assert connection is not None, "no charge point connected"
        unique_id = f"csms-{uuid.uuid4().hex[:16]}"
        await connection.send(json.dumps([2, unique_id, action, payload]))
        await self.wait(lambda: any(reply[1:2] == [unique_id] for reply in self.replies))
        reply = next(reply for reply in self.replies if reply[1:2] == [unique_id])
        return reply[2] if reply[0] == 3 else reply

    async def _serve(self, connection: ServerConnection) -> None:
        self._connections.add(connection)
        peer = connection.transport.get_extra_info("peercert")
        if peer:
            self.client_subjects.append(dict(item[0] for item in peer["subject"])["commonName"])
        self.accepted += 1
        async with self._changed:
            self._changed.notify_all()
        try:
            async for text in connection:
                await self._handle(connection, text)
        except ConnectionClosed:
            pass
        finally:
            self._connections.discard(connection)
            async with self._changed:
                self._changed.notify_all()

    async def _handle(self, connection: ServerConnection, text: str | bytes) -> None:
        message = json.loads(text)
        if message[0] != 2:
            self.replies.append(message)
        else:
            _, unique_id, action, payload = message
            if action == "SecurityEventNotification":
                self.events.append(
                    ReceivedEvent(unique_id, payload["type"], payload.get("techInfo"))
                )
            answer = self.answer(action, payload)
            if answer is None:  # scripted silence: the CALL is never answered
                self.actions.append(action)
                async with self._changed:
                    self._changed.notify_all()
                return
            if isinstance(answer, tuple):
                frame: list[Any] = [4, unique_id, answer[1], "scripted", {}]
            else:
                frame = [3, unique_id, answer]
            await connection.send(json.dumps(frame))
            self.actions.append(action)
        async with self._changed:
            self._changed.notify_all()

    def infos(self, event_type: str) -> list[str | None]:
        return [event.tech_info for event in self.events if event.type == event_type]
