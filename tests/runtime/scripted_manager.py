"""A scripted stand-in for the EVerest manager on a real broker: just the lifecycle messages.

It publishes the retained definition the module detects the version from, answers
configuration requests of its version (and, like the real managers, "exits" on the other
version's: it records the request and answers nothing more), and sends GlobalReady once every
expected module published ModuleReady.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

import aiomqtt

from everest_py.runtime.everest.protocol import WireVersion, encode_envelope

PREFIX = "everest/"


@dataclass
class ScriptedModule:
    name: str
    connections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    module_config: dict[str, Any] = field(default_factory=dict)


def config_response(version: WireVersion, module_id: str, module: ScriptedModule) -> bytes:
    connections = {
        requirement: [
            {"module_id": target, "implementation_id": impl, "requirement": {"id": requirement}}
            | ({"index": index} if index else {})
            for index, (target, impl) in enumerate(targets)
        ]
        for requirement, targets in module.connections.items()
    }
    parameters = [
        {
            "name": name,
            "value": value,
            "characteristics": {"datatype": "string", "mutability": "ReadOnly"},
        }
        for name, value in module.module_config.items()
    ]
    config = {
        "module_id": module_id,
        "module_name": module.name,
        "standalone": False,
        "telemetry_enabled": False,
        "configuration_parameters": {"!module": parameters},
        "connections": connections,
        "mapping": None,
        "access": None,
    }
    body = {
        "status": "Ok",
        "status_info": "",
        "type": "Get",
        "response": {"type": "Module", "data": {"module_config": config, "mappings": {}}},
    }
    return encode_envelope(version.config_response_type, body)


class ScriptedManager:
    def __init__(
        self,
        host: str,
        port: int,
        version: WireVersion,
        modules: dict[str, ScriptedModule],
        *,
        publish_definitions: bool = True,
    ) -> None:
        self.host, self.port, self.version = host, port, version
        self.modules = modules
        self.publish_definitions = publish_definitions
        self.requests: list[str] = []  # msg_type of every configuration request
        self.ready: set[str] = set()
        self.global_ready_sent = asyncio.Event()
        self.exited = asyncio.Event()  # got the other version's request
        self._client: aiomqtt.Client | None = None
        self._task: asyncio.Task[None] | None = None
        self._stack = contextlib.AsyncExitStack()

    async def start(self) -> None:
        client = aiomqtt.Client(self.host, self.port, identifier="scripted-manager")
        self._client = await self._stack.enter_async_context(client)
        await client.subscribe(f"{PREFIX}config/request", qos=2)
        await client.subscribe(f"{PREFIX}modules/+/ready", qos=2)
        if self.publish_definitions:
            definition = encode_envelope(self.version.config_response_type, list(self.modules))
            await client.publish(f"{PREFIX}module_names", definition, qos=2, retain=True)
        self._task = asyncio.get_running_loop().create_task(self._serve(client))

    async def shutdown(self) -> None:
        assert self._client is not None
        await self._client.publish(f"{PREFIX}shutdown", b"true", qos=2)

    async def close(self) -> None:
        if self._client is not None:
            # Clear the retained definition as the real manager does; the broker is shared.
            with contextlib.suppress(aiomqtt.MqttError):
                await self._client.publish(f"{PREFIX}module_names", b"", qos=2, retain=True)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._stack.aclose()

    async def _serve(self, client: aiomqtt.Client) -> None:
        async for message in client.messages:
            payload = message.payload
            assert isinstance(payload, bytes)
            topic = message.topic.value
            if topic.endswith("/config/request"):
                await self._config_requested(client, json.loads(payload))
            elif topic.endswith("/ready"):
                await self._module_ready(client, topic.split("/")[-2])

    async def _config_requested(self, client: aiomqtt.Client, request: dict[str, Any]) -> None:
        self.requests.append(request["msg_type"])
        if request["msg_type"] != self.version.config_request_type:
            self.exited.set()
            return
        module_id = request["data"]["origin"]
        response = config_response(self.version, module_id, self.modules[module_id])
        await client.publish(f"{PREFIX}modules/{module_id}/response", response, qos=2)

    async def _module_ready(self, client: aiomqtt.Client, module_id: str) -> None:
        if module_id in self.modules:
            self.ready.add(module_id)
        if self.ready == set(self.modules) and not self.global_ready_sent.is_set():
            await client.publish(f"{PREFIX}ready", encode_envelope("GlobalReady", True), qos=2)
            self.global_ready_sent.set()
