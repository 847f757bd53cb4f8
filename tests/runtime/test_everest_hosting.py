"""runtime.hosting against a scripted manager on a real mosquitto: join, requirements, queued
variables, errors on the wire, shutdown, a lost broker. PyExample (examples/) is the module."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import aiomqtt
import pytest

from everest_py.runtime import Module
from everest_py.runtime.everest.environment import WIRE_VERSION_VARIABLE, read_module_environment
from everest_py.runtime.everest.errors import ErrorState, EverestError, decode_error_message
from everest_py.runtime.everest.protocol import WireVersion
from everest_py.runtime.hosting import (
    EverestModule,
    JoinError,
    ModuleContext,
    ModuleHooks,
    StopReason,
)
from everest_py.runtime.mqtt import MqttTransport
from tests.support.mosquitto import MosquittoBroker

from .scripted_manager import PREFIX, ScriptedManager, ScriptedModule

WAIT = 10.0
EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "PyExample"


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("py_example_module", EXAMPLE_DIR / "module.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


example = _load_example()
kvs_module = sys.modules[example.KvsClient.__module__]
example_module = sys.modules[example.ExampleClient.__module__]
errors_module = sys.modules[example.ExampleErrorFrameworkHandler.__module__]


class MemoryKvs(kvs_module.KvsHandler):  # type: ignore[misc,name-defined]
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    async def handle_store(self, key: str, value: Any) -> None:
        self.values[key] = value

    async def handle_load(self, key: str) -> Any:
        return self.values.get(key)

    async def handle_delete(self, key: str) -> None:
        self.values.pop(key, None)

    async def handle_exists(self, key: str) -> bool:
        return key in self.values


class RecordingExample(example_module.ExampleHandler):  # type: ignore[misc,name-defined]
    def __init__(self) -> None:
        self.keys: list[str] = []

    async def handle_uses_something(self, key: str) -> bool:
        self.keys.append(key)
        return True


class ErrorWatcher(ModuleHooks):
    """Requires PyExample's ``errors`` implementation and collects what it raises/clears."""

    def __init__(self) -> None:
        self.errors: asyncio.Queue[EverestError] = asyncio.Queue(16)
        self.stopped = False

    async def setup(self, ctx: ModuleContext) -> None:
        client = errors_module.ExampleErrorFrameworkClient
        await ctx.subscribe_errors(client, "errors", self.errors.put_nowait)

    async def stop(self) -> None:
        self.stopped = True


def _environment(broker: MosquittoBroker, module_id: str, **extra: str) -> dict[str, str]:
    return {
        "EV_MODULE": module_id,
        "EV_MQTT_BROKER_HOST": broker.host,
        "EV_MQTT_BROKER_PORT": str(broker.port),
        "EV_MQTT_EVEREST_PREFIX": PREFIX,
    } | extra


MODULES = {
    "py_example": ScriptedModule(
        "PyExample",
        {"kvs": [("store", "main")], "example": [("example", "example")]},
        {"greeting": "hi"},
    ),
    "watcher": ScriptedModule("Watcher", {"errors": [("py_example", "errors")]}),
}


@pytest.fixture
async def peers(
    mosquitto_broker: MosquittoBroker,
) -> AsyncIterator[tuple[MemoryKvs, RecordingExample]]:
    """The C++ Store and Example as our own runtime modules."""
    kvs, example_handler = MemoryKvs(), RecordingExample()
    store = Module(
        "store", MqttTransport(mosquitto_broker.host, mosquitto_broker.port, prefix=PREFIX)
    )
    store.provide("main", kvs)
    cpp_example = Module(
        "example", MqttTransport(mosquitto_broker.host, mosquitto_broker.port, prefix=PREFIX)
    )
    cpp_example.provide("example", example_handler)
    async with store, cpp_example:
        yield kvs, example_handler


async def _manager(
    broker: MosquittoBroker, version: WireVersion, **options: Any
) -> ScriptedManager:
    manager = ScriptedManager(broker.host, broker.port, version, MODULES, **options)
    await manager.start()
    return manager


@pytest.mark.parametrize("version", list(WireVersion), ids=lambda v: v.value)
async def test_module_joins_calls_its_requirements_and_serves_after_global_ready(
    mosquitto_broker: MosquittoBroker,
    peers: tuple[MemoryKvs, RecordingExample],
    version: WireVersion,
) -> None:
    kvs, example_handler = peers
    manager = await _manager(mosquitto_broker, version)
    py_example = EverestModule(
        example.PyExample(), read_module_environment(_environment(mosquitto_broker, "py_example"))
    )
    watcher_hooks = ErrorWatcher()
    watcher = EverestModule(
        watcher_hooks, read_module_environment(_environment(mosquitto_broker, "watcher"))
    )
    variable_values: asyncio.Queue[tuple[float, bool]] = asyncio.Queue(4)
    try:
        async with aiomqtt.Client(mosquitto_broker.host, mosquitto_broker.port) as raw:
            await raw.subscribe(f"{PREFIX}modules/py_example/impl/main/var/max_current", qos=2)
            await raw.subscribe(f"{PREFIX}modules/py_example/impl/errors/error/#", qos=2)
            await raw.subscribe(f"{PREFIX}modules/py_example/impl/main/cmd/+/response/#", qos=2)
            inbox: asyncio.Queue[aiomqtt.Message] = asyncio.Queue(32)

            async def pump() -> None:
                async for message in raw.messages:
                    if message.topic.matches(f"{PREFIX}+/+/impl/main/var/max_current"):
                        value = json.loads(message.payload)["data"]["data"]  # type: ignore[arg-type]
                        variable_values.put_nowait((value, manager.global_ready_sent.is_set()))
                    else:
                        inbox.put_nowait(message)

            pumping = asyncio.get_running_loop().create_task(pump())
            await asyncio.wait_for(asyncio.gather(py_example.start(), watcher.start()), WAIT)

            # Detected and configured with the manager's own request type, nothing else.
            assert manager.requests == [version.config_request_type] * 2
            assert py_example.lifecycle.version is version
            # ready() ran after GlobalReady and reached both requirements.
            assert kvs.values["py_example"] == {"ready": True}
            assert example_handler.keys == ["py_example"]
            # The variable published in setup() was held until GlobalReady.
            assert await asyncio.wait_for(variable_values.get(), WAIT) == (16.0, True)

            # A C++ caller's Cmd (ExampleUser's shape) reaches the handler; key raise_* raises.
            call = {
                "data": {"args": {"key": "raise_it"}, "id": str(uuid.uuid4()), "origin": "cpp"},
                "msg_type": "Cmd",
            }
            await raw.publish(
                f"{PREFIX}modules/py_example/impl/main/cmd/uses_something", json.dumps(call), qos=2
            )
            wire_error = await asyncio.wait_for(inbox.get(), WAIT)
            msg_type, raised = decode_error_message(wire_error.payload)  # type: ignore[arg-type]
            assert (msg_type, raised.type, raised.message) == (
                "RaiseError",
                "example/ExampleErrorA",
                "raise_it",
            )
            assert (raised.origin.module_id, raised.origin.implementation_id) == (
                "py_example",
                "errors",
            )
            assert wire_error.qos == 2 and not wire_error.retain
            received = await asyncio.wait_for(watcher_hooks.errors.get(), WAIT)
            assert received.uuid == raised.uuid and received.is_active
            result = json.loads((await asyncio.wait_for(inbox.get(), WAIT)).payload)  # type: ignore[arg-type]
            assert (
                result["data"]["data"]["retval"] is False
                and result["data"]["data"]["id"] == call["data"]["id"]
            )

            call["data"] |= {"args": {"key": "clear_it"}, "id": str(uuid.uuid4())}
            await raw.publish(
                f"{PREFIX}modules/py_example/impl/main/cmd/uses_something", json.dumps(call), qos=2
            )
            cleared = await asyncio.wait_for(watcher_hooks.errors.get(), WAIT)
            assert (cleared.uuid, cleared.state) == (raised.uuid, ErrorState.CLEARED_BY_MODULE)
            pumping.cancel()
    finally:
        await py_example.close()
        await watcher.close()
        await manager.close()
    assert watcher_hooks.stopped


async def test_shutdown_topic_stops_the_module(mosquitto_broker: MosquittoBroker) -> None:
    manager = await _manager(mosquitto_broker, WireVersion.V2026)
    manager.modules = {"watcher": MODULES["watcher"]}
    hooks = ErrorWatcher()
    module = EverestModule(
        hooks, read_module_environment(_environment(mosquitto_broker, "watcher"))
    )
    try:
        await asyncio.wait_for(module.start(), WAIT)
        await manager.shutdown()
        assert await asyncio.wait_for(module.wait_stopped(), WAIT) is StopReason.SHUTDOWN
        assert StopReason.SHUTDOWN.exit_code == 0
    finally:
        await module.close()
        await manager.close()
    assert hooks.stopped


async def test_without_a_definition_the_module_asks_for_the_version_and_sends_nothing(
    mosquitto_broker: MosquittoBroker,
) -> None:
    manager = await _manager(mosquitto_broker, WireVersion.V2025, publish_definitions=False)
    environment = read_module_environment(_environment(mosquitto_broker, "watcher"))
    module = EverestModule(ErrorWatcher(), environment, detect_timeout=0.5)
    try:
        with pytest.raises(JoinError, match=WIRE_VERSION_VARIABLE):
            await asyncio.wait_for(module.start(), WAIT)
        # Nothing was requested: a wrong guess would have made the real manager exit.
        assert manager.requests == [] and not manager.exited.is_set()
    finally:
        await module.close()
        await manager.close()


async def test_a_pinned_version_is_used_without_detection(
    mosquitto_broker: MosquittoBroker,
) -> None:
    manager = await _manager(mosquitto_broker, WireVersion.V2025, publish_definitions=False)
    manager.modules = {"watcher": MODULES["watcher"]}
    environ = _environment(mosquitto_broker, "watcher", **{WIRE_VERSION_VARIABLE: "2025"})
    module = EverestModule(ErrorWatcher(), read_module_environment(environ))
    try:
        await asyncio.wait_for(module.start(), WAIT)
        assert manager.requests == ["GetConfig"]
    finally:
        await module.close()
        await manager.close()


async def test_losing_the_broker_for_good_stops_the_module_with_a_failure(
    mosquitto_broker: MosquittoBroker,
) -> None:
    manager = await _manager(mosquitto_broker, WireVersion.V2026)
    manager.modules = {"watcher": MODULES["watcher"]}
    environment = read_module_environment(_environment(mosquitto_broker, "watcher"))
    module = EverestModule(ErrorWatcher(), environment, reconnect_grace=0.5)
    try:
        await asyncio.wait_for(module.start(), WAIT)
        await manager.close()
        await mosquitto_broker.stop_async()
        reason = await asyncio.wait_for(module.wait_stopped(), WAIT)
        assert reason is StopReason.CONNECTION_LOST and reason.exit_code == 1
    finally:
        await module.close()
