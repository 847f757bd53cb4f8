"""Runs the sans-IO ``ModuleLifecycle`` over the MQTT transport, with the framework's timeouts.

Every lifecycle topic is routed here; messages are fed to the lifecycle in arrival order by one
task, and each action it returns runs to completion (a Subscribe until its SUBACK) before the
next one, because the manager's answers are not retained.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable

from ..everest.lifecycle import Action, ModuleLifecycle, Phase, Publish, Subscribe, Unsubscribe
from ..mqtt.transport import MqttTransport

__all__ = ["JoinError", "LifecycleDriver"]

_log = logging.getLogger(__name__)

# Lifecycle messages are a handful per module; more waiting than this means nobody reads them.
_INBOX_LIMIT = 64


class JoinError(RuntimeError):
    """The module could not join the EVerest system (timeout, refusal, bad answer)."""


class LifecycleDriver:
    def __init__(
        self, transport: MqttTransport, lifecycle: ModuleLifecycle, on_shutdown: Callable[[], None]
    ) -> None:
        self._transport = transport
        self._lifecycle = lifecycle
        self._on_shutdown = on_shutdown
        self._inbox: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue(_INBOX_LIMIT)
        self._changed = asyncio.Condition()
        self._failure: BaseException | None = None
        self._task: asyncio.Task[None] | None = None
        topics = lifecycle.topics
        for topic in (
            topics.version_detection,
            topics.config_response,
            topics.global_ready,
            topics.shutdown,
        ):
            transport.route(topic, self._received)

    @property
    def lifecycle(self) -> ModuleLifecycle:
        return self._lifecycle

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._consume())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def configure(self, detect_timeout: float, config_timeout: float) -> None:
        """Detect the version if not pinned, request the configuration, wait for it."""
        await self.run(self._lifecycle.start())
        if self._lifecycle.phase is Phase.DETECTING:
            await self._wait_for(
                lambda: self._lifecycle.phase is not Phase.DETECTING,
                detect_timeout,
                f"no retained {self._lifecycle.topics.version_detection} within "
                f"{detect_timeout} s: is the manager running on this broker and prefix? "
                "Pin its version with EVEREST_PY_WIRE_VERSION=2025 or 2026",
            )
        await self._wait_for(
            lambda: self._lifecycle.phase is Phase.CONFIGURED,
            config_timeout,
            f"the manager sent no configuration for {self._lifecycle.topics.module_id!r} "
            f"within {config_timeout} s (is the module id in its config?)",
        )

    async def signal_ready(self) -> None:
        await self.run(self._lifecycle.signal_ready())

    async def wait_global_ready(self) -> None:
        """No timeout: the manager sends GlobalReady once every module is ready."""
        await self._wait_for(lambda: self._lifecycle.phase is not Phase.READY_SENT, None, "")

    async def run(self, actions: Iterable[Action]) -> None:
        for action in actions:
            if isinstance(action, Subscribe):
                await self._transport.subscribe(action.topic)
            elif isinstance(action, Unsubscribe):
                await self._transport.unsubscribe(action.topic)
            elif isinstance(action, Publish):
                await self._transport.publish(action.topic, action.payload)

    def _received(self, topic: str, payload: bytes) -> None:
        try:
            self._inbox.put_nowait((topic, payload))
        except asyncio.QueueFull:
            _log.warning("%s: lifecycle inbox full, message dropped", topic)

    async def _consume(self) -> None:
        while True:
            topic, payload = await self._inbox.get()
            try:
                await self.run(self._lifecycle.receive(topic, payload))
            except Exception as error:  # LifecycleError, ConfigResponseError, broker errors
                self._failure = error
            async with self._changed:
                self._changed.notify_all()
            if self._lifecycle.shutdown_requested:
                self._on_shutdown()

    async def _wait_for(
        self, condition: Callable[[], bool], timeout: float | None, timeout_message: str
    ) -> None:
        def settled() -> bool:
            return self._failure is not None or condition()

        async with self._changed:
            try:
                # asyncio.timeout keeps a cancellation that wait_for (3.11) can drop.
                async with asyncio.timeout(timeout):
                    await self._changed.wait_for(settled)
            except TimeoutError:
                raise JoinError(timeout_message) from None
        if self._failure is not None:
            raise JoinError(str(self._failure)) from self._failure
