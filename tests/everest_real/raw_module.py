"""A standalone EVerest module over raw paho-mqtt, driven by runtime/everest's ModuleLifecycle.

Deliberately not the runtime's MQTT transport: this proves the pure protocol modules (version
detection, config request/response, ready, commands) against the real managers on their own.
Every wait is on an event with a timeout; subscriptions wait for their SUBACK.
"""

from __future__ import annotations

import functools
import json
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from everest_py.runtime.everest.config import ModuleConfig
from everest_py.runtime.everest.environment import ModuleEnvironment, TcpBroker
from everest_py.runtime.everest.lifecycle import (
    Action,
    ModuleLifecycle,
    Phase,
    Subscribe,
    Unsubscribe,
)
from everest_py.runtime.everest.protocol import (
    LifecycleTopics,
    decode_envelope,
    encode_envelope,
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
        self.environment = environment
        self.topics = LifecycleTopics(environment.everest_prefix, environment.module_id)
        self.sent: list[tuple[str, bytes]] = []
        self.served: queue.Queue[ServedCall] = queue.Queue()
        self.lifecycle = ModuleLifecycle(self.topics, environment.wire_version)
        self._inbox: queue.Queue[tuple[str, bytes]] = queue.Queue()
        self._handlers: dict[str, dict[str, CommandHandler]] = {}  # impl -> cmd -> handler
        self._routes: dict[str, Callable[[bytes], None]] = {}  # exact topic -> callback
        self._pending: dict[str, queue.Queue[dict[str, Any]]] = {}  # call id -> result
        self._subacks: dict[int, threading.Event] = {}
        self._lock = threading.Lock()
        self._client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=f"{environment.module_id}-{uuid.uuid4().hex[:8]}",
            transport="tcp" if isinstance(environment.broker, TcpBroker) else "unix",
        )
        self._client.on_message = self._on_message
        self._client.on_subscribe = self._on_subscribe

    # --- connection -------------------------------------------------------------------------

    def connect(self) -> None:
        connected = threading.Event()
        self._client.on_connect = lambda *_: connected.set()
        broker = self.environment.broker
        if isinstance(broker, TcpBroker):
            self._client.connect(broker.host, broker.port, keepalive=30)
        else:
            self._client.connect(str(broker.path), keepalive=30)  # paho: the path as host
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

    def join(self, provides: dict[str, dict[str, CommandHandler]]) -> ModuleConfig:
        """Run the start-up with ``ModuleLifecycle`` until GlobalReady; the module's config."""
        self._run(self.lifecycle.start())
        self.pump_until(lambda: self.lifecycle.phase is Phase.CONFIGURED)
        for implementation_id, handlers in provides.items():
            self.provide(implementation_id, handlers)  # before ready: Example calls at once
        self._run(self.lifecycle.signal_ready())
        self.pump_until(lambda: self.lifecycle.global_ready)
        return self.lifecycle.config

    def pump_until(self, done: Callable[[], bool]) -> None:
        """Feed lifecycle messages to the state machine on this thread (its actions block on
        SUBACKs, which the network thread delivers) until ``done``."""
        while not done():
            topic, payload = self._inbox.get(timeout=WAIT)
            self._run(self.lifecycle.receive(topic, payload))

    def _run(self, actions: list[Action]) -> None:
        for action in actions:
            if isinstance(action, Subscribe):
                self.subscribe(action.topic, functools.partial(self._to_inbox, action.topic))
            elif isinstance(action, Unsubscribe):
                self._routes.pop(action.topic, None)
                self._client.unsubscribe(action.topic)
            else:
                self.publish(action.topic, action.payload)

    def _to_inbox(self, topic: str, payload: bytes) -> None:
        self._inbox.put((topic, payload))

    def provide(self, implementation_id: str, handlers: dict[str, CommandHandler]) -> None:
        """Serve commands of one implementation."""
        self._handlers[implementation_id] = handlers
        for command in handlers:
            topic = self.topics.command(self.topics.module_id, implementation_id, command)
            self.subscribe(topic, self._serve(implementation_id, command, topic))

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
