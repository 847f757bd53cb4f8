"""The broker connection: keeps a ``BrokerSession`` (session.py) up until ``close``.

It reconnects by itself with exponential back-off and resubscribes every wanted topic.
Messages sent while the broker is away wait in a bounded outbox and go out after the
reconnect, after the resubscription.
"""

import asyncio
import logging
import uuid
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from .session import QOS, BrokerError, BrokerSession

__all__ = ["QOS", "BrokerConnection", "BrokerError", "ConnectionEvents"]

_log = logging.getLogger(__name__)

OnSendFailure = Callable[[BaseException], None]

CLOSE_GRACE = 2.0
"""At close, how long results and Shutdown responses already sent get to finish their QoS 2
handshake (mosquitto hands a QoS 2 message on only once the handshake is through)."""


class ConnectionEvents(Protocol):
    """What the connection reports to the transport (all called in the event loop)."""

    def on_message(self, topic: str, payload: bytes) -> None: ...

    def on_subscribed(self, topic: str) -> None:
        """The broker confirmed a subscription made while connected."""

    def on_connected(self) -> None:
        """(Re)connected, every wanted topic subscribed; the outbox is sent right after."""

    def on_disconnected(self) -> None:
        """An established connection was lost (or closed)."""


class BrokerConnection:
    """One module's MQTT 3.1.1 clean session, kept up until ``close``."""

    def __init__(
        self,
        host: str,
        port: int,
        events: ConnectionEvents,
        *,
        keepalive: int,
        reconnect_delay: float,
        max_reconnect_delay: float,
        outbox_limit: int,
        connect_timeout: float = 10.0,
        socket_path: str | None = None,
    ) -> None:
        self.host = host
        self.port = port
        # EVerest's manager may hand out a Unix socket (EV_MQTT_BROKER_SOCKET_PATH) instead.
        self.socket_path = socket_path
        self._events = events
        self.keepalive = keepalive
        self.reconnect_delay = reconnect_delay
        self.max_reconnect_delay = max_reconnect_delay
        self.connect_timeout = connect_timeout
        self._name = ""
        self._wanted: set[str] = set()
        self._subscribed: set[str] = set()
        self._session: BrokerSession | None = None
        """The session once connected and subscribed; None while (re)connecting."""
        self._connected = asyncio.Event()
        self._runner: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[Any]] = set()
        self._outbox: deque[tuple[str, bytes]] = deque(maxlen=outbox_limit)
        self._closing = False
        self.connections = 0
        """How many times the broker connection was (re)established."""

    @property
    def address(self) -> str:
        return f"unix:{self.socket_path}" if self.socket_path else f"{self.host}:{self.port}"

    @property
    def is_connected(self) -> bool:
        return self._session is not None

    @property
    def unacknowledged(self) -> int:
        """Messages published whose QoS 2 handshake has not completed yet."""
        session = self._session
        return 0 if session is None else session.unacknowledged

    async def wait_connected(self) -> None:
        await self._connected.wait()

    # -- lifecycle -------------------------------------------------------

    async def start(self, name: str, timeout: float) -> bool:
        """Start connecting as ``name``; True once connected, False after ``timeout`` s."""
        self._name = name
        self._closing = False
        self._runner = asyncio.get_running_loop().create_task(self._run())
        connected = asyncio.ensure_future(self._connected.wait())
        done, _ = await asyncio.wait(
            {connected, self._runner}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if connected in done:
            return True
        connected.cancel()
        return False

    def begin_close(self) -> None:
        """From now on, dropped topics are not unsubscribed (the session ends anyway)."""
        self._closing = True

    async def close(self) -> None:
        self._closing = True
        if self._background:
            await asyncio.wait(set(self._background), timeout=CLOSE_GRACE)
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        if self._session is not None:
            # Let results and Shutdown responses already handed to the broker go through.
            await self._session.drain(CLOSE_GRACE)
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
            self._runner = None
        self._outbox.clear()
        self._connected.clear()

    # -- subscriptions ---------------------------------------------------

    def is_subscribed(self, topic: str) -> bool:
        return topic in self._subscribed

    def want(self, topic: str) -> None:
        """Keep ``topic`` subscribed from now on, across reconnects."""
        if topic not in self._wanted:
            self._wanted.add(topic)
            if self._session is not None:
                self._spawn(self.subscribe(topic))

    def ensure_subscribed(self, topic: str) -> None:
        """Like ``want``, and retry now if the topic is wanted but not (yet) subscribed."""
        self._wanted.add(topic)
        if topic not in self._subscribed and self._session is not None:
            self._spawn(self.subscribe(topic))

    async def subscribe(self, topic: str) -> None:
        """Subscribe now and wait for the broker's confirmation."""
        self._wanted.add(topic)
        session = self._session
        if session is None:
            raise BrokerError(f"not connected, cannot subscribe to {topic}")
        await session.subscribe([topic])
        if self._session is session:
            self._subscribed.add(topic)
            self._events.on_subscribed(topic)

    def unwant(self, topic: str) -> None:
        self._wanted.discard(topic)
        if topic in self._subscribed:
            self._subscribed.discard(topic)
            session = self._session
            if session is not None and not self._closing:
                try:
                    session.unsubscribe(topic)
                except BrokerError as error:
                    _log.warning("module '%s': MQTT: %s", self._name, error)

    # -- publishing ------------------------------------------------------

    def send(self, topic: str, payload: bytes, *, on_failure: OnSendFailure | None = None) -> None:
        """Publish without waiting for the QoS 2 handshake.

        While disconnected the message waits in the outbox, unless it has ``on_failure``:
        a call's request is not worth sending late (its caller gets ConnectionLost instead).
        """
        session = self._session
        if session is None:
            if on_failure is None:
                self._queue(topic, payload)
            else:
                on_failure(BrokerError("not connected to the broker"))
            return
        try:
            session.publish_nowait(topic, payload, resend=on_failure is None)
        except BrokerError as error:
            if on_failure is not None:
                on_failure(error)
            else:
                _log.warning("module '%s': MQTT: %s", self._name, error)

    async def publish(self, topic: str, payload: bytes) -> None:
        """Publish and wait for the QoS 2 handshake (queued in the outbox while disconnected)."""
        session = self._session
        if session is None:
            self._queue(topic, payload)
            return
        await session.publish(topic, payload)

    def _queue(self, topic: str, payload: bytes) -> None:
        if len(self._outbox) == self._outbox.maxlen:
            _log.warning("outbox full: dropping the oldest message")
        self._outbox.append((topic, payload))

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> "asyncio.Task[Any]":
        task = asyncio.get_running_loop().create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background_done)
        return task

    def _background_done(self, task: "asyncio.Task[Any]") -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _log.warning("module '%s': MQTT: %s", self._name, task.exception())

    # -- the connection loop ---------------------------------------------

    async def _run(self) -> None:
        delay = self.reconnect_delay
        while True:
            session = self._new_session()
            try:
                await session.open(self.connect_timeout)
                await self._connected_as(session)
                delay = self.reconnect_delay
                reason = await session.lost
                _log.warning(
                    "module '%s': MQTT broker %s: %s; reconnecting in %.1f s",
                    self._name,
                    self.address,
                    reason,
                    delay,
                )
            except BrokerError as error:
                _log.warning(
                    "module '%s': MQTT broker %s: %s; reconnecting in %.1f s",
                    self._name,
                    self.address,
                    error,
                    delay,
                )
            except Exception:  # the connection loop must outlive any surprise
                _log.exception(
                    "module '%s': MQTT broker %s: reconnecting in %.1f s",
                    self._name,
                    self.address,
                    delay,
                )
            finally:
                session.close()
                # Unsent messages go first on the next connection, in their order (the
                # outbox stays bounded: a full one loses the newest).
                self._outbox.extendleft(reversed(session.unsent))
                self._disconnected()
            # Backoff between connection attempts (not a wait for a condition).
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.max_reconnect_delay)

    def _new_session(self) -> BrokerSession:
        return BrokerSession(
            self._deliver,
            f"{self._name}-{uuid.uuid4().hex[:12]}",
            host=self.host,
            port=self.port,
            keepalive=self.keepalive,
            socket_path=self.socket_path,
        )

    async def _connected_as(self, session: BrokerSession) -> None:
        subscribed: set[str] = set()
        asked: set[str] = set()
        # Topics wanted while a SUBACK is awaited are subscribed too before going on. One the
        # broker refuses is logged and left out (retried by ensure_subscribed): the others,
        # and the module's calls, must not die with it, reconnecting for ever.
        while missing := self._wanted - asked:
            refused = await session.subscribe_each(sorted(missing))
            if refused:
                _log.warning(
                    "module '%s': MQTT: the broker refused the subscription to %s",
                    self._name,
                    refused,
                )
            asked |= missing
            subscribed |= missing - set(refused)
        self._subscribed = subscribed
        self._session = session
        self.connections += 1
        self._events.on_connected()
        while self._outbox:
            self.send(*self._outbox.popleft())
        self._connected.set()
        _log.info("module '%s' connected to MQTT broker %s", self._name, self.address)

    def _deliver(self, topic: str, payload: bytes) -> None:
        try:
            self._events.on_message(topic, payload)
        except Exception:  # one bad message must never stop the module
            _log.exception("module '%s': message on %s could not be handled", self._name, topic)

    def _disconnected(self) -> None:
        was_connected = self._session is not None
        self._session = None
        self._connected.clear()
        self._subscribed = set()
        if was_connected:
            self._events.on_disconnected()
