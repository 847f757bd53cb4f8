"""A module process started by the EVerest manager (or standalone next to it).

    class MyModule(ModuleHooks):
        async def setup(self, ctx: ModuleContext) -> None:   # configured, before ModuleReady
            self.kvs = ctx.require(KvsClient, "kvs")
            ctx.provide("main", MyHandler())
        async def ready(self) -> None:                       # after GlobalReady
            await self.kvs.store(key="k", value=1)

    raise SystemExit(run_module(MyModule()))

``EverestModule`` is the same as an async context manager, for programs with their own loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
from collections.abc import Mapping
from enum import Enum
from types import TracebackType
from typing import Protocol, Self

from ..everest.environment import (
    EnvironmentSettingsError,
    ModuleEnvironment,
    TcpBroker,
    read_module_environment,
)
from ..everest.lifecycle import ModuleLifecycle
from ..everest.protocol import LifecycleTopics
from ..module import DEFAULT_CALL_TIMEOUT
from ..mqtt.transport import MqttTransport
from ..signals import stop_signals
from .context import ModuleContext
from .joining import JoinError, LifecycleDriver

__all__ = [
    "EXIT_FAILED",
    "EverestModule",
    "ModuleHooks",
    "ModuleHooksProtocol",
    "StopReason",
    "run_module",
]

_log = logging.getLogger(__name__)

EXIT_FAILED = 1


class StopReason(Enum):
    SHUTDOWN = "the manager sent shutdown"
    SIGNAL = "SIGTERM/SIGINT"
    STOPPED = "stop() was called"
    CONNECTION_LOST = "the broker connection was lost for good (manager gone?)"

    @property
    def exit_code(self) -> int:
        # Like the framework's modules: losing the broker is a failure, being told to stop is not.
        return EXIT_FAILED if self is StopReason.CONNECTION_LOST else 0


class ModuleHooksProtocol(Protocol):
    async def setup(self, ctx: ModuleContext) -> None: ...

    async def ready(self) -> None: ...

    async def stop(self) -> None: ...


class ModuleHooks:
    """Base class with nothing to do in each hook; override what the module needs."""

    async def setup(self, ctx: ModuleContext) -> None:
        """Configured: require, provide, read config. ModuleReady is sent after it returns."""

    async def ready(self) -> None:
        """GlobalReady: every module is ready; call others from here on."""

    async def stop(self) -> None:
        """Stopping (shutdown, signal, lost broker): the transport is still open."""


class EverestModule:
    """Joins the EVerest system described by ``environment`` and runs ``hooks`` in it."""

    def __init__(
        self,
        hooks: ModuleHooksProtocol,
        environment: ModuleEnvironment,
        *,
        detect_timeout: float = 3.0,
        config_timeout: float = 5.0,
        reconnect_grace: float = 10.0,
        call_timeout: float | None = DEFAULT_CALL_TIMEOUT,
    ) -> None:
        self.hooks = hooks
        self.environment = environment
        self.detect_timeout = detect_timeout
        self.config_timeout = config_timeout  # the C++ framework gives up after 5 s too
        self.reconnect_grace = reconnect_grace
        self.call_timeout = call_timeout
        self.topics = LifecycleTopics(environment.everest_prefix, environment.module_id)
        self.transport = _transport_for(environment)
        self.context: ModuleContext | None = None
        self._driver = LifecycleDriver(
            self.transport,
            ModuleLifecycle(self.topics, environment.wire_version),
            lambda: self.request_stop(StopReason.SHUTDOWN),
        )
        self._stop_reason: StopReason | None = None
        self._stopping = asyncio.Event()
        self._lost_timer: asyncio.TimerHandle | None = None
        self._closed = False

    @classmethod
    def from_environ(
        cls, hooks: ModuleHooksProtocol, environ: Mapping[str, str] | None = None
    ) -> EverestModule:
        return cls(hooks, read_module_environment(os.environ if environ is None else environ))

    @property
    def lifecycle(self) -> ModuleLifecycle:
        return self._driver.lifecycle

    async def start(self) -> None:
        """Connect, get the config, run ``setup``, announce ready, wait for GlobalReady, run
        ``ready``. Raises ``JoinError`` when the manager does not answer as it should."""
        await self.transport.connect(self.environment.module_id)
        self.transport.watch_connection(self._connection_changed)
        self._driver.start()
        await self._driver.configure(self.detect_timeout, self.config_timeout)
        context = ModuleContext(
            self.lifecycle.config, self.transport, self.topics, self.call_timeout
        )
        self.context = context
        await self.hooks.setup(context)
        await self.transport.serve(context.providers)
        await self._driver.signal_ready()
        await self._driver.wait_global_ready()
        if self.lifecycle.shutdown_requested:
            return
        for implementation in context.implementations.values():
            implementation.release_variables()
        await self.hooks.ready()

    def request_stop(self, reason: StopReason = StopReason.STOPPED) -> None:
        if self._stop_reason is None:
            self._stop_reason = reason
        self._stopping.set()

    async def wait_stopped(self) -> StopReason:
        await self._stopping.wait()
        assert self._stop_reason is not None
        return self._stop_reason

    async def close(self) -> None:
        """Run the ``stop`` hook, then stop serving and disconnect; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._lost_timer is not None:
            self._lost_timer.cancel()
        try:
            if self.context is not None:
                await self.hooks.stop()
        finally:
            await self._driver.close()
            await self.transport.close()

    async def __aenter__(self) -> Self:
        try:
            await self.start()
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def _connection_changed(self, connected: bool) -> None:
        # The transport reconnects by itself; only an outage longer than the grace is fatal.
        if connected:
            if self._lost_timer is not None:
                self._lost_timer.cancel()
                self._lost_timer = None
        elif self._lost_timer is None and not self._closed:
            self._lost_timer = asyncio.get_running_loop().call_later(
                self.reconnect_grace, self.request_stop, StopReason.CONNECTION_LOST
            )


def _transport_for(environment: ModuleEnvironment) -> MqttTransport:
    broker = environment.broker
    if isinstance(broker, TcpBroker):
        return MqttTransport(
            broker.host, broker.port, prefix=environment.everest_prefix, announce_ready=False
        )
    return MqttTransport(
        prefix=environment.everest_prefix, socket_path=str(broker.path), announce_ready=False
    )


def run_module(
    hooks: ModuleHooksProtocol,
    *,
    environ: Mapping[str, str] | None = None,
    **options: float,
) -> int:
    """Run ``hooks`` as the module the ``EV_*`` environment names until it is told to stop;
    the process exit code (0 after shutdown/SIGTERM, 1 after a failure or losing the broker)."""
    try:
        environment = read_module_environment(os.environ if environ is None else environ)
    except EnvironmentSettingsError as error:
        _log.error("cannot start the module: %s", error)
        return 2
    module = EverestModule(hooks, environment, **options)
    return asyncio.run(_run(module))


async def _run(module: EverestModule) -> int:
    with stop_signals(functools.partial(module.request_stop, StopReason.SIGNAL)):
        return await _run_until_stopped(module)


async def _run_until_stopped(module: EverestModule) -> int:
    starting = asyncio.ensure_future(module.start())
    stopping = asyncio.ensure_future(module.wait_stopped())
    code = EXIT_FAILED
    try:
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if starting.done():
            starting.result()  # raises what made the start fail
        reason = await stopping
        _log.info("module '%s' stopping: %s", module.environment.module_id, reason.value)
        code = reason.exit_code
    except (JoinError, ConnectionError) as error:
        _log.error("module '%s' cannot join EVerest: %s", module.environment.module_id, error)
    finally:
        for task in (starting, stopping):
            task.cancel()
        await asyncio.gather(starting, stopping, return_exceptions=True)
        with contextlib.suppress(Exception):
            await module.close()
    # One line per stop, so whoever reads the manager's log sees how each module ended.
    _log.info("module '%s' stopped (exit code %d)", module.environment.module_id, code)
    return code
