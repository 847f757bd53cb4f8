"""A standalone EVerest module over raw paho-mqtt, driven by runtime/everest's protocol code.

Deliberately not the runtime's MQTT transport: this proves the pure protocol modules (version
detection, config request/response, ready, commands) against the real managers on their own.
Every wait is on an event with a timeout; subscriptions wait for their SUBACK.
"""

from __future__ import annotations

import json
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from everest_py.runtime.everest.config import (
    ModuleConfig,
    build_config_request,
    parse_config_response,
)
from everest_py.runtime.everest.environment import ModuleEnvironment, TcpBroker
from everest_py.runtime.everest.protocol import (
    LifecycleTopics,
    WireVersion,
    decode_envelope,
    encode_envelope,
    is_shutdown_request,
    wire_version_from_definition,
)

WAIT = 10.0
CommandHandler = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class ServedCall:
    command: str
    origin: str
    args: dict[str, Any]
    result: Any


class RawModule:
    def __init__(self, environment: ModuleEnvironment) -> None:
        assert isinstance(environment.broker, TcpBroker)
        self.environment = environment
        self.topics = LifecycleTopics(environment.everest_prefix, environment.module_id)
        self.sent: list[tuple[str, bytes]] = []
        self.served: queue.Queue[ServedCall] = queue.Queue()
        self.global_ready = threading.Event()
        self.shutdown_requested = threading.Event()
        self._handlers: dict[str, dict[str, CommandHandler]] = {}  # impl -> cmd -> handler
        self._routes: dict[str, Callable[[bytes], None]] = {}  # exact topic -> callback
        self._pending: dict[str, queue.Queue[dict[str, Any]]] = {}  # call id -> result
        self._subacks: dict[int, threading.Event] = {}
        self._lock = threading.Lock()
        self._client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=f"{environment.module_id}-{uuid.uuid4().hex[:8]}",
        )
        self._client.on_message = self._on_message
        self._client.on_subscribe = self._on_subscribe

    # --- connection -------------------------------------------------------------------------

    def connect(self) -> None:
        connected = threading.Event()
        self._client.on_connect = lambda *_: connected.set()
        broker = self.environment.broker
        assert isinstance(broker, TcpBroker)
        self._client.connect(broker.host, broker.port, keepalive=30)
        self._client.loop_start()
        assert connected.wait(WAIT), "no CONNACK from the broker"

    def close(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()

    def subscribe(self, topic: str, callback: Callable[[bytes], None]) -> None:
        with self._lock:
            self._routes[topic] = callback
            result, mid = self._client.subscribe(topic, qos=2)
        assert result == mqtt.MQTT_ERR_SUCCESS and mid is not None
        with self._lock:
            acked = self._subacks.setdefault(mid, threading.Event())
        assert acked.wait(WAIT), f"no SUBACK for {topic}"

    def publish(self, topic: str, payload: bytes) -> None:
        self.sent.append((topic, payload))
        self._client.publish(topic, payload, qos=2).wait_for_publish(WAIT)

    def _on_subscribe(self, _client: Any, _userdata: Any, mid: int, *_: Any) -> None:
        with self._lock:
            self._subacks.setdefault(mid, threading.Event()).set()

    def _on_message(self, _client: Any, _userdata: Any, message: mqtt.MQTTMessage) -> None:
        callback = self._routes.get(message.topic)
        if callback is not None:
            callback(bytes(message.payload))

    # --- lifecycle --------------------------------------------------------------------------

    def detect_wire_version(self) -> WireVersion:
        """Read the version off the manager's retained definitions; never send anything."""
        seen: queue.Queue[WireVersion | None] = queue.Queue()
        self.subscribe(
            self.topics.version_detection,
            lambda payload: seen.put(wire_version_from_definition(payload)),
        )
        version = seen.get(timeout=WAIT)
        self._client.unsubscribe(self.topics.version_detection)
        assert version is not None, "definitions already cleared: pin the wire version instead"
        return version

    def request_config(self, version: WireVersion) -> ModuleConfig:
        request = build_config_request(version, self.topics)
        responses: queue.Queue[bytes] = queue.Queue()
        self.subscribe(request.response_topic, responses.put)  # before asking: not retained
        self.publish(request.topic, request.payload)
        return parse_config_response(version, responses.get(timeout=WAIT))

    def provide(self, implementation_id: str, handlers: dict[str, CommandHandler]) -> None:
        """Serve commands of one implementation; call before ``signal_ready``."""
        self._handlers[implementation_id] = handlers
        for command in handlers:
            topic = self.topics.command(self.topics.module_id, implementation_id, command)
            self.subscribe(topic, self._serve(implementation_id, command, topic))

    def signal_ready(self) -> None:
        # GlobalReady and shutdown are not retained: subscribe before the manager can send them.
        self.subscribe(self.topics.global_ready, self._on_global_ready)
        self.subscribe(self.topics.shutdown, self._on_shutdown)
        self.publish(self.topics.module_ready, self.topics.ready_message())

    def _on_global_ready(self, payload: bytes) -> None:
        if LifecycleTopics.is_global_ready(payload):
            self.global_ready.set()

    def _on_shutdown(self, payload: bytes) -> None:
        if is_shutdown_request(payload):
            self.shutdown_requested.set()

    # --- commands ---------------------------------------------------------------------------

    def _serve(self, implementation_id: str, command: str, topic: str) -> Callable[[bytes], None]:
        def serve(payload: bytes) -> None:
            call = decode_envelope(payload).data
            args = call.get("args") or {}  # C++ callers send "args": null without arguments
            result = self._handlers[implementation_id][command](args)
            body = {"id": call["id"], "origin": self.topics.module_id, "retval": result}
            response_topic = f"{topic}/response/{call['origin']}"
            self._client.publish(
                response_topic,
                encode_envelope("CmdResult", {"type": "result", "data": body}),
                qos=2,
            )
            self.served.put(ServedCall(command, call["origin"], args, result))

        return serve

    def call(
        self, module_id: str, implementation_id: str, command: str, args: dict[str, Any]
    ) -> Any:
        topic = self.topics.command(module_id, implementation_id, command)
        response_topic = self.topics.command_response(
            module_id, implementation_id, command, self.topics.module_id
        )
        if response_topic not in self._routes:
            self.subscribe(response_topic, self._on_result)
        call_id = str(uuid.uuid4())
        result: queue.Queue[dict[str, Any]] = queue.Queue()
        self._pending[call_id] = result
        self.publish(
            topic,
            encode_envelope("Cmd", {"id": call_id, "args": args, "origin": self.topics.module_id}),
        )
        data = result.get(timeout=WAIT)
        if "error" in data:
            raise RuntimeError(f"{module_id}.{implementation_id}.{command} failed: {data['error']}")
        return data["retval"]

    def _on_result(self, payload: bytes) -> None:
        data = decode_envelope(payload).data["data"]
        pending = self._pending.pop(data["id"], None)
        if pending is not None:
            pending.put(data)


def sent_messages(module: RawModule) -> list[dict[str, Any]]:
    return [json.loads(payload) for _, payload in module.sent]
