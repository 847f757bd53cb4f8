"""The OCPP session with the CSMS: connect, BootNotification, heartbeats, WebSocket pings and
reconnecting with backoff. A reconnect keeps the registration; only a reset boots again.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
from collections.abc import Coroutine
from datetime import timedelta
from enum import StrEnum
from typing import Any, Final, NamedTuple, Protocol
from urllib.parse import quote

import websockets
from ocpp.v16 import call
from ocpp.v16.enums import RegistrationStatus
from websockets.asyncio.client import ClientConnection
from websockets.proxy import get_proxy
from websockets.uri import parse_uri

from ..configuration import ChangeOrigin, Configuration, KeyChange
from ..errors import describe
from ..security import ConnectionSecurity
from ..storage import deferred_saves
from ..waiting import wait_event
from .backoff import Backoff
from .clock import CsmsClock, ImplausibleTime
from .redaction import shown_url, websocket_logger
from .rpc import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint

LOGGER = logging.getLogger(__name__)
# A connection that stayed up this long (s) was good: losing it restarts the back-off from its
# first step; one lost sooner counts as a failed attempt.
STABLE_CONNECTION: Final = 60.0
# How long stop() lets a CSMS call being answered finish (its bus commands are bounded too).
ANSWER_GRACE: Final = 10.0
# Periodic timers (heartbeats, pings) fire on multiples of this many seconds of loop time.
TIMER_GRID: Final = 0.25
SUBPROTOCOL = "ocpp1.6"


class Registration(StrEnum):
    NONE = "None"
    PENDING = "Pending"
    REJECTED = "Rejected"
    ACCEPTED = "Accepted"


class BootIdentity(Protocol):
    """What BootNotification.req says about the charge point (the settings' `identity`)."""

    @property
    def vendor(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def serial_number(self) -> str | None: ...
    @property
    def firmware_version(self) -> str | None: ...


def boot_notification(identity: BootIdentity) -> call.BootNotification:
    return call.BootNotification(
        charge_point_vendor=identity.vendor,
        charge_point_model=identity.model,
        charge_point_serial_number=identity.serial_number,
        firmware_version=identity.firmware_version,
    )


class SessionOptions(NamedTuple):
    csms_url: str
    charge_point_id: str
    identity: BootIdentity
    backoff: Backoff
    response_timeout: float = 30.0
    connect_timeout: float = 10.0
    pong_timeout: float = 10.0
    close_timeout: float = 2.0
    # Used when a Pending/Rejected BootNotification.conf says interval 0, or boot fails.
    boot_retry_interval: float = 30.0
    max_frame_length: int = 1024 * 1024
    compression: bool = False

    @property
    def url(self) -> str:
        return self.csms_url.rstrip("/") + "/" + quote(self.charge_point_id, safe="")


class SessionHooks(Protocol):
    """What the charge point core provides to the session."""

    def make_endpoint(self, connection: ClientConnection) -> RpcEndpoint: ...
    def connection_security(self) -> ConnectionSecurity: ...
    def connection_opened(self, security: ConnectionSecurity) -> None: ...
    def connection_failed(self, error: Exception) -> bool:
        """Explain a failed attempt; True when the security settings changed (a fallback), so
        the next attempt starts at once."""
        ...

    def connected_changed(self, connected: bool) -> None: ...
    async def registered(self, endpoint: RpcEndpoint, first: bool) -> None: ...
    def clock_adopted(self, shift: timedelta, source: str) -> None: ...
    def registration_lost(self) -> None:
        """A triggered BootNotification was answered Pending/Rejected: no longer accepted."""
        ...


class SubprotocolRefused(Exception):
    pass


class OcppSession:
    def __init__(
        self, options: SessionOptions, configuration: Configuration, hooks: SessionHooks
    ) -> None:
        self.options = options
        self.configuration = configuration
        self.clock = CsmsClock()
        self._implausible_time_logged = False
        self.registration = Registration.NONE
        self._registration_changed = asyncio.Event()
        # Set by a Pending/Rejected BootNotification.conf (or a failed one): the loop time
        # before which no next one goes out, on this connection or the next (OCPP 1.6 §4.2).
        self._boot_not_before: float | None = None
        self._hooks = hooks
        self._endpoint: RpcEndpoint | None = None
        self._still_answering: set[RpcEndpoint] = set()  # closed, a CSMS call still answered
        self._connection: ClientConnection | None = None
        self._run_task: asyncio.Task[None] | None = None
        self._stopped = True
        self._connected = False
        self._reconnect_at_once = False
        self._boot_now = asyncio.Event()
        self._heartbeat_changed = asyncio.Event()
        self._ping_changed = asyncio.Event()
        self._last_heartbeat = 0.0
        self._closing: set[asyncio.Task[None]] = set()
        self._storing: set[asyncio.Task[None]] = set()  # writes nobody waits for; stop() does
        self._url = options.url
        configuration.add_listener(self._on_key_change)

    # --- control ---------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def endpoint(self) -> RpcEndpoint | None:
        return self._endpoint

    def start(self) -> bool:
        """Begin (or resume) connecting; False when already running."""
        if not self._stopped:
            return False
        self._stopped = False
        self._run_task = asyncio.get_running_loop().create_task(self._run(), name="ocpp-session")
        return True

    async def stop(self) -> bool:
        """Close the connection and stop all communication; False when already stopped."""
        if self._stopped:
            return False
        self._stopped = True
        task, self._run_task = self._run_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._set_connected(False)
        answering, self._still_answering = self._still_answering, set()
        await asyncio.gather(*(e.answered(ANSWER_GRACE) for e in answering))
        await asyncio.gather(*self._storing, return_exceptions=True)
        return True

    def reconnect(self, boot: bool) -> None:
        """Close the connection and connect again at once; `boot` starts a new registration
        (Reset)."""
        if boot:
            self._set_registration(Registration.NONE)
        connection = self._connection
        if connection is not None:
            self._reconnect_at_once = True
            # Kept referenced until done: the loop holds tasks only weakly.
            closing = asyncio.get_running_loop().create_task(connection.close(1012, "reconnect"))
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)

    def trigger_boot(self) -> None:
        """TriggerMessage(BootNotification) while Pending: send it now, not after the interval."""
        self._boot_now.set()

    async def wait_registration(self, status: Registration) -> None:
        while self.registration is not status:
            await self._registration_changed.wait()

    def apply_boot_result(self, result: Any) -> None:
        """Act on a BootNotification.conf, from the registration loop or a triggered boot:
        Accepted takes the CSMS time and heartbeat interval; Pending/Rejected return to the
        registration loop, which boots again after the returned interval."""
        self.adopt_time(result.current_time, "BootNotification")
        if result.status == RegistrationStatus.accepted:
            self._set_registration(Registration.ACCEPTED)
            self._boot_not_before = None
            if result.interval > 0:
                # Stored off the loop, waited for by nobody: no one is answered on it.
                with deferred_saves() as saves:
                    self.configuration.change(
                        "HeartbeatInterval", str(result.interval), ChangeOrigin.BOOT
                    )
                self._in_background(saves.commit(), "storing the heartbeat interval")
            LOGGER.info("BootNotification accepted; heartbeat every %s s", result.interval)
            return
        was_accepted = self.registration is Registration.ACCEPTED
        self._set_registration(Registration(result.status))
        retry_in = result.interval if result.interval > 0 else self.options.boot_retry_interval
        self._boot_not_before = asyncio.get_running_loop().time() + retry_in
        LOGGER.info("BootNotification %s; retrying in %s s", result.status, retry_in)
        if was_accepted:
            self._hooks.registration_lost()
            self._heartbeat_changed.set()  # Ends the heartbeat loop; the boot loop takes over.

    async def request(self, payload: Any, timeout: float | None = None) -> Any:
        endpoint = self._endpoint
        if endpoint is None:
            raise ConnectionLost(f"{type(payload).__name__}: not connected")
        return await endpoint.request(payload, timeout)

    async def send_triggered_boot(self, endpoint: RpcEndpoint) -> None:
        """TriggerMessage(BootNotification), after its reply: while Pending, or before any
        answer (the last boot got a CALLERROR or none), the boot loop sends it now; while
        Rejected the boot loop sends it when its wait ends."""
        if self.registration in (Registration.PENDING, Registration.NONE):
            self.trigger_boot()
            return
        if self.registration is not Registration.ACCEPTED:
            return
        try:
            result = await endpoint.request(boot_notification(self.options.identity))
        except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
            LOGGER.warning("triggered BootNotification failed: %s", error)
            return
        self.apply_boot_result(result)

    async def send_heartbeat(self, endpoint: RpcEndpoint) -> None:
        self._last_heartbeat = asyncio.get_running_loop().time()
        try:
            result = await endpoint.request(call.Heartbeat())
        except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
            LOGGER.warning("Heartbeat failed: %s", error)
            return
        self.adopt_time(result.current_time, "Heartbeat")

    def adopt_time(self, current_time: str, source: str) -> None:
        """Take the CSMS's clock from a `currentTime` field of a `source` message."""
        try:
            shift = self.clock.adopt(current_time)
        except ImplausibleTime as error:
            # Every Heartbeat may repeat it: one warning, later ones at DEBUG.
            level = logging.DEBUG if self._implausible_time_logged else logging.WARNING
            self._implausible_time_logged = True
            LOGGER.log(level, "ignoring the CSMS's currentTime of %s: %s", source, error)
            return
        except ValueError:
            LOGGER.warning("the CSMS sent an unusable currentTime %r", current_time)
            return
        self._hooks.clock_adopted(shift, source)

    # --- the connection loop -----------------------------------------------------------------

    async def _run(self) -> None:
        failures = 0
        while not self._stopped:
            try:
                connection = await self._connect()
            except asyncio.CancelledError:
                raise
            except Exception as e:  # Any failure to connect is retried; the message says why.
                if self._explain_failure(e):
                    LOGGER.warning(
                        "cannot connect to %s (%s); retrying at once", shown_url(self._url), e
                    )
                    continue
                delay = self.options.backoff.delay(failures)
                failures += 1
                LOGGER.warning(
                    "cannot connect to %s (%s); retrying in %.1f s",
                    shown_url(self._url),
                    describe(e),
                    delay,
                )
                await asyncio.sleep(delay)
                continue
            opened = asyncio.get_running_loop().time()
            await self._serve(connection)
            if self._reconnect_at_once:
                self._reconnect_at_once = False
                continue
            if asyncio.get_running_loop().time() - opened >= STABLE_CONNECTION:
                failures = 0  # it held: a loss after that starts the back-off afresh
            # A CSMS that accepts the connection and drops it at once (overloaded, or an id it
            # does not know) is not hammered: the back-off grows as for failed attempts.
            delay = self.options.backoff.delay(failures)
            failures += 1
            LOGGER.warning("connection to the CSMS lost; reconnecting in %.1f s", delay)
            await asyncio.sleep(delay)

    def _explain_failure(self, error: Exception) -> bool:
        try:
            return self._hooks.connection_failed(error)
        except Exception:  # A bug there must not end the session.
            LOGGER.exception("explaining a failed connection attempt failed")
            return False

    async def _connect(self) -> ClientConnection:
        # A profile that cannot be used (SecurityProfileError) raises here, like a failed
        # connection: logged, explained and retried by _run, never fatal.
        security = self._hooks.connection_security()
        self._url = security.url(self.options.csms_url, self.options.charge_point_id)
        connection = await websockets.connect(
            self._url,
            subprotocols=[websockets.Subprotocol(SUBPROTOCOL)],
            ssl=security.ssl,
            additional_headers=list(security.headers) or None,
            open_timeout=self.options.connect_timeout,
            close_timeout=self.options.close_timeout,
            ping_interval=None,  # Our own ping loop follows WebSocketPingInterval.
            proxy=_proxy_for(self._url),
            # Frames above our OCPP limit still arrive, so they can be answered with a
            # CALLERROR; only far larger ones close the connection.
            max_size=4 * self.options.max_frame_length,
            # CALLs are answered one at a time by the receive loop; while one is handled at
            # most this many frames wait, then reading pauses and TCP pushes back on the CSMS.
            max_queue=16,
            compression="deflate" if self.options.compression else None,
            # Its DEBUG lines would show the Basic auth header and frame contents.
            logger=websocket_logger(),
        )
        if connection.subprotocol != SUBPROTOCOL:
            await connection.close(1002, "ocpp1.6 subprotocol required")
            raise SubprotocolRefused(
                f"the CSMS answered subprotocol {connection.subprotocol!r}, not {SUBPROTOCOL!r}"
            )
        self._hooks.connection_opened(security)
        return connection

    async def _serve(self, connection: ClientConnection) -> None:
        endpoint = self._hooks.make_endpoint(connection)
        self._connection, self._endpoint = connection, endpoint
        LOGGER.info("connected to %s", shown_url(self._url))
        self._set_connected(True)
        receive = asyncio.create_task(endpoint.serve(), name="ocpp-receive")
        work = asyncio.create_task(self._work(endpoint), name="ocpp-work")
        ping = asyncio.create_task(self._ping(connection), name="ocpp-ping")
        try:
            await asyncio.wait({receive, work}, return_when=asyncio.FIRST_COMPLETED)
            failure = work.exception() if work.done() and not work.cancelled() else None
            if failure is not None and not isinstance(failure, ConnectionLost):
                LOGGER.error("session work failed; reconnecting", exc_info=failure)
        finally:
            endpoint.close_pending()
            for task in (work, ping, receive):
                task.cancel()
            try:
                # A cancellation here is stop(): it must go through, not be swallowed.
                with contextlib.suppress(Exception):
                    async with asyncio.timeout(self.options.close_timeout):
                        await connection.close()
                await asyncio.gather(work, ping, receive, return_exceptions=True)
            finally:
                self._connection, self._endpoint = None, None
                self._set_connected(False)
                # A CSMS call still being answered: stop() lets it end before the charge
                # point closes what its handler uses.
                self._still_answering = {e for e in self._still_answering if e.answering}
                if endpoint.answering:
                    self._still_answering.add(endpoint)

    async def _work(self, endpoint: RpcEndpoint) -> None:
        while True:
            first = self.registration is not Registration.ACCEPTED
            if first:
                await self._boot(endpoint)
            await self._hooks.registered(endpoint, first)
            await self._heartbeats(endpoint)  # Returns when the registration is lost.

    async def _boot(self, endpoint: RpcEndpoint) -> None:
        while self.registration is not Registration.ACCEPTED:
            if self._boot_not_before is not None:
                # Pending or Rejected: nothing is sent before the interval ends, also after a
                # reconnect (or, when Pending, a TriggerMessage asks for the boot).
                remaining = self._boot_not_before - asyncio.get_running_loop().time()
                await wait_event(self._boot_now, max(remaining, 0.0))
            self._boot_now.clear()
            try:
                result = await endpoint.request(boot_notification(self.options.identity))
            except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
                LOGGER.warning("BootNotification failed: %s", error)
                loop_time = asyncio.get_running_loop().time()
                self._boot_not_before = loop_time + self.options.boot_retry_interval
                continue
            self.apply_boot_result(result)
            # What the answer changed is on disk before the session goes on (as when it was
            # stored on the loop), while the loop serves the other charge points meanwhile.
            await asyncio.gather(*self._storing, return_exceptions=True)

    async def _heartbeats(self, endpoint: RpcEndpoint) -> None:
        loop = asyncio.get_running_loop()
        self._last_heartbeat = loop.time()
        while self.registration is Registration.ACCEPTED:
            self._heartbeat_changed.clear()
            interval = self.configuration.integer("HeartbeatInterval")
            if interval <= 0:
                await self._heartbeat_changed.wait()
                continue
            delay = on_timer_grid(self._last_heartbeat + interval, loop) - loop.time()
            if delay > 0:
                # Set or not, recompute: a changed interval counts from the last heartbeat.
                await wait_event(self._heartbeat_changed, delay)
                continue
            await self.send_heartbeat(endpoint)

    async def _ping(self, connection: ClientConnection) -> None:
        while True:
            self._ping_changed.clear()
            interval = self.configuration.integer("WebSocketPingInterval")
            if interval <= 0:
                await self._ping_changed.wait()
                continue
            loop = asyncio.get_running_loop()
            delay = on_timer_grid(loop.time() + interval, loop) - loop.time()
            if await wait_event(self._ping_changed, delay):
                continue
            try:
                # The ping itself inside the time limit: sending waits while the CSMS does not
                # read (a stalled peer whose TCP stays up), and that must end the connection too.
                async with asyncio.timeout(self.options.pong_timeout):
                    pong = await connection.ping()
                    await pong
            except TimeoutError:
                LOGGER.warning(
                    "no pong within %s s; closing the connection", self.options.pong_timeout
                )
                await connection.close(1011, "no pong")
                return

    # --- helpers -----------------------------------------------------------------------------

    def _on_key_change(self, change: KeyChange) -> None:
        if not change.changed:
            return
        if change.definition.name == "HeartbeatInterval":
            self._heartbeat_changed.set()
        elif change.definition.name == "WebSocketPingInterval":
            self._ping_changed.set()

    def _in_background(self, work: Coroutine[Any, Any, None], what: str) -> None:
        def done(task: asyncio.Task[None]) -> None:
            self._storing.discard(task)
            if not task.cancelled() and task.exception() is not None:
                LOGGER.error("%s failed: %s", what, task.exception())

        task = asyncio.get_running_loop().create_task(work)
        self._storing.add(task)
        task.add_done_callback(done)

    def _set_registration(self, status: Registration) -> None:
        self.registration = status
        # Wake every waiter, then start a fresh event for the next change.
        self._registration_changed.set()
        self._registration_changed = asyncio.Event()

    def _set_connected(self, connected: bool) -> None:
        if connected != self._connected:
            self._connected = connected
            self._hooks.connected_changed(connected)


@functools.lru_cache(maxsize=64)
def _proxy_of(secure: bool, host: str, port: int) -> str | None:
    """The proxy websockets would pick from the environment, looked up once per CSMS host: a
    fleet's thousand connections would otherwise read the whole environment twice each."""
    return get_proxy(parse_uri(f"{'wss' if secure else 'ws'}://{host}:{port}/"))


def _proxy_for(url: str) -> str | None:
    uri = parse_uri(url)
    return _proxy_of(uri.secure, uri.host, uri.port)


def on_timer_grid(deadline: float, loop: asyncio.AbstractEventLoop) -> float:
    """`deadline` (loop time) moved up to the next multiple of TIMER_GRID: the periodic timers
    of many charge points in one process (heartbeats, pings) fire together in one wake-up of
    the loop instead of one each, which is most of what an idle fleet costs. A timer already
    due stays due."""
    if deadline <= loop.time():
        return deadline
    return math.ceil(deadline / TIMER_GRID) * TIMER_GRID
