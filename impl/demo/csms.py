"""The loopback CSMS: a small, strict, scriptable OCPP 1.6-J central system for trying the charge
point, for its tests and for its benchmarks.

    python -m everest_py.ocpp16.demo.csms [--host 127.0.0.1] [--port 0]

prints its URL (`ws://127.0.0.1:<port>/ocpp`) on one line, then logs every frame; point a
charge point at that URL (it appends its id) and stop the CSMS with Ctrl-C.

It speaks raw OCPP-J over `websockets` (not the charge point's RPC code), checks every CALL and
CALLRESULT a charge point sends against the OCPP 1.6 JSON schemas of the `ocpp` package and
records what breaks them in `violations`. In code:

    csms = LoopbackCsms()
    await csms.start()                               # csms.url
    csms.script.answer("Authorize", {"idTagInfo": {"status": "Blocked"}})
    csms.script.fail("MeterValues", "InternalError", once=True)
    boot = await csms.wait_for("BootNotification")
    answer = await csms.call("CP-1", "GetConfiguration", {"key": ["HeartbeatInterval"]})
    assert not csms.violations
    await csms.close()
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import ssl
import sys
from collections.abc import Callable, Sequence
from http import HTTPStatus
from urllib.parse import unquote

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request as HttpRequest
from websockets.http11 import Response as HttpResponse
from websockets.typing import Subprotocol

from everest_py.runtime import stop_signals

from .connection import (
    LOGGER,
    MAX_PENDING_CALLS,
    CallFailed,
    CallTimeout,
    ConnectionLost,
    CsmsConnection,
    Shared,
)
from .recording import Changes, Received, Recording, Violation, Violations
from .schemas import Schemas
from .script import Answer, Drop, Fail, NoAnswer, Payload, Request, Script

__all__ = [
    "MAX_PENDING_CALLS",
    "Answer",
    "CallFailed",
    "CallTimeout",
    "ConnectionLost",
    "CsmsConnection",
    "Drop",
    "Fail",
    "LoopbackCsms",
    "NoAnswer",
    "NotConnected",
    "Received",
    "Request",
    "Script",
    "Violation",
    "main",
]

WAIT = 10.0  # default upper bound of every wait, in seconds
OCPP16 = Subprotocol("ocpp1.6")


class NotConnected(LookupError):
    """No open connection from that charge point."""


class LoopbackCsms:
    """A websockets server on `host` (loopback) and `port` (0: the OS picks; kept across a
    restart). Charge point ids come from the last URL path segment.

    `password`: HTTP Basic auth is required (user = charge point id), else 401. `tls`: wss://
    with that server context. `record_limit`: how many received frames `received` keeps (the
    newest); `validate`: check frames against the schemas."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        script: Script | None = None,
        tls: ssl.SSLContext | None = None,
        password: str | None = None,
        subprotocols: Sequence[str] = ("ocpp1.6",),
        validate: bool = True,
        record_limit: int = 10_000,
        violation_limit: int = 1_000,
        connection_limit: int = 1_000,
    ) -> None:
        self.host = host
        self.port = port
        self.script = script or Script()
        self.tls = tls
        self.password = password
        self.subprotocols = [Subprotocol(name) for name in subprotocols]
        self.recording = Recording(record_limit)
        self.violations = Violations(violation_limit)
        self.http_requests: list[Headers] = []  # newest `connection_limit`, before any check
        self._connection_limit = connection_limit
        self._connections: list[CsmsConnection] = []
        self._connections_discarded = 0
        self._changes = Changes()
        self._schemas = Schemas() if validate else None
        self._server: Server | None = None

    # -- life cycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"{'wss' if self.tls else 'ws'}://{self.host}:{self.port}/ocpp"

    async def start(self) -> None:
        self._server = await serve(
            self._serve,
            self.host,
            self.port,
            subprotocols=self.subprotocols or None,
            ssl=self.tls,
            process_request=self._check_request,
            # Not websockets' own logger: at DEBUG it would log the charge point's credentials
            # next to the charge point's lines; under the CSMS's name they are easy to leave out.
            logger=logging.getLogger("everest_py.demo_csms.websockets"),
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        """Stop listening and close every connection with a close frame."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def kill(self) -> None:
        """Vanish like a crashed process: abort every TCP connection, stop listening. `start()`
        listens on the same port again."""
        if self._server is None:
            return
        self._server.close(close_connections=False)
        for connection in self.connections:
            if connection.open:
                connection.websocket.transport.abort()
        await self._server.wait_closed()
        self._server = None

    async def __aenter__(self) -> LoopbackCsms:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    # -- connections ------------------------------------------------------------------------

    @property
    def connections(self) -> list[CsmsConnection]:
        """The newest `connection_limit` connections, oldest first (open or not)."""
        return list(self._connections)

    @property
    def connection_count(self) -> int:
        """Connections accepted since this CSMS was made."""
        return self._connections_discarded + len(self._connections)

    def connection(self, cp_id: str | None = None) -> CsmsConnection:
        """The newest open connection (of `cp_id`); NotConnected if there is none."""
        for connection in reversed(self._connections):
            if connection.open and cp_id in (None, connection.cp_id):
                return connection
        raise NotConnected(f"no open connection{f' from {cp_id}' if cp_id else ''}")

    async def disconnect(self, cp_id: str | None = None, abort: bool = False) -> None:
        await self.connection(cp_id).close(abort)

    async def wait_connection(
        self, count: int = 1, cp_id: str | None = None, timeout: float = WAIT
    ) -> CsmsConnection:
        """The `count`-th connection (of `cp_id`, among the kept ones), once it is made."""

        def made() -> list[CsmsConnection]:
            return [c for c in self._connections if cp_id in (None, c.cp_id)]

        await self.wait_until(lambda: len(made()) >= count, timeout)
        return made()[count - 1]

    # -- talking to a charge point ----------------------------------------------------------

    async def call(
        self, cp_id: str | None, action: str, payload: Payload, timeout: float = WAIT
    ) -> Payload:
        """Send a CALL to the charge point's newest open connection; the CALLRESULT payload.
        Raises CallFailed (CALLERROR), CallTimeout, ConnectionLost or NotConnected."""
        return await self.connection(cp_id).call(action, payload, timeout)

    async def send_raw(self, cp_id: str | None, frame: str | bytes) -> None:
        await self.connection(cp_id).send_raw(frame)

    # -- what was received ------------------------------------------------------------------

    @property
    def received(self) -> list[Received]:
        return list(self.recording)

    def calls(self, action: str | None = None, cp_id: str | None = None) -> list[Received]:
        """The kept CALLs from charge points (of `action`, from `cp_id`), in order."""
        return [r for r in self.recording if _is_call(r, action, cp_id)]

    async def wait_until(self, condition: Callable[[], bool], timeout: float = WAIT) -> None:
        """Returns once `condition()` holds, re-checked whenever a frame or a connection comes
        or goes; TimeoutError after `timeout` seconds."""
        await self._changes.until(condition, timeout)

    async def wait_for(
        self,
        action: str,
        predicate: Callable[[Received], bool] | None = None,
        *,
        count: int = 1,
        cp_id: str | None = None,
        since: int = 0,
        timeout: float = WAIT,
    ) -> Received:
        """The `count`-th CALL of `action` (from `cp_id`, with sequence number >= `since`, for
        which `predicate` holds) among the kept frames, once it arrived."""
        found: list[Received] = []
        cursor = since

        def arrived() -> bool:
            nonlocal cursor
            for item in self.recording.since(cursor):
                cursor = item.seq + 1
                if _is_call(item, action, cp_id) and (predicate is None or predicate(item)):
                    found.append(item)
                    if len(found) == count:
                        return True
            return False

        try:
            await self.wait_until(arrived, timeout)
        except TimeoutError:
            seen = [r.action for r in self.recording.since(since)][-20:]
            raise TimeoutError(
                f"no {action} #{count} within {timeout} s; last seen {seen}"
            ) from None
        return found[-1]

    # -- serving ----------------------------------------------------------------------------

    def _check_request(
        self, websocket: ServerConnection, request: HttpRequest
    ) -> HttpResponse | None:
        self.http_requests.append(request.headers)
        del self.http_requests[: -self._connection_limit]
        self._changes.notify()
        if self.password is None:
            return None
        cp_id = unquote(request.path.rsplit("/", 1)[-1])
        expected = base64.b64encode(f"{cp_id}:{self.password}".encode()).decode()
        if request.headers.get("Authorization") != f"Basic {expected}":
            return websocket.respond(HTTPStatus.UNAUTHORIZED, "bad credentials\n")
        return None

    async def _serve(self, websocket: ServerConnection) -> None:
        path = websocket.request.path if websocket.request else ""
        connection = CsmsConnection(
            self._shared(),
            self.connection_count + 1,
            unquote(path.rsplit("/", 1)[-1]),
            websocket,
            _client_subject(websocket),
        )
        self._keep(connection)
        LOGGER.info("%s connected (connection %d)", connection.cp_id, connection.number)
        await connection.serve()
        LOGGER.info("%s disconnected (connection %d)", connection.cp_id, connection.number)

    def _keep(self, connection: CsmsConnection) -> None:
        self._connections.append(connection)
        surplus = len(self._connections) - self._connection_limit
        if surplus > 0:
            del self._connections[:surplus]
            self._connections_discarded += surplus
        self._changes.notify()

    def _shared(self) -> Shared:
        loop = asyncio.get_running_loop()
        return Shared(
            self.recording, self.violations, self._changes, self.script, self._schemas, loop.time
        )


def _is_call(item: Received, action: str | None, cp_id: str | None) -> bool:
    return item.kind == "call" and action in (None, item.action) and cp_id in (None, item.cp_id)


def _client_subject(websocket: ServerConnection) -> str | None:
    certificate = websocket.transport.get_extra_info("peercert")
    if not certificate:
        return None
    for entry in certificate.get("subject", ()):
        for name, value in entry:
            if name == "commonName":
                return str(value)
    return None


# -- standalone -------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    arguments = argparse.ArgumentParser(
        prog="python -m everest_py.ocpp16.demo.csms",
        description="A loopback OCPP 1.6-J CSMS: prints its URL, logs every frame.",
    )
    arguments.add_argument("--host", default="127.0.0.1", help="address to listen on")
    arguments.add_argument("--port", type=int, default=0, help="0: the OS picks one")
    arguments.add_argument("--heartbeat-interval", type=int, default=300, metavar="SECONDS")
    arguments.add_argument("--quiet", action="store_true", help="log violations only")
    arguments.add_argument("--no-validate", action="store_true", help="skip schema checks")
    return arguments


async def serve_until_stopped(options: argparse.Namespace) -> int:
    csms = LoopbackCsms(
        host=options.host,
        port=options.port,
        script=Script(options.heartbeat_interval),
        validate=not options.no_validate,
    )
    stopped = asyncio.Event()
    with stop_signals(stopped.set):
        await csms.start()
        print(csms.url, flush=True)
        try:
            await stopped.wait()
        finally:
            await csms.close()
    LOGGER.info("stopped; %d schema violations", len(csms.violations))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    options = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if options.quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    return asyncio.run(serve_until_stopped(options))


if __name__ == "__main__":
    raise SystemExit(main())
