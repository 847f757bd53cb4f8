"""Runs generated EVerest bindings: modules over an in-process bus or EVerest's MQTT protocol.

``MqttTransport`` is imported on first use: a process that never speaks MQTT does not load the
MQTT client stack (aiomqtt, paho-mqtt; ~1.5 MiB resident).
"""

from typing import TYPE_CHECKING

from .contract import (
    CONTRACT_VERSION,
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    ContractMismatch,
    EverestModel,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from .errors import (
    CmdTimeout,
    CommandError,
    ConnectionLost,
    HandlerException,
    MessageParsingError,
    NotReady,
    SchemaValidationError,
    Shutdown,
)
from .inprocess import InProcessBus, InProcessTransport
from .module import DEFAULT_CALL_TIMEOUT, Module

if TYPE_CHECKING:
    from .mqtt import MqttTransport

__all__ = [
    "CONTRACT_VERSION",
    "DEFAULT_CALL_TIMEOUT",
    "ArgumentSpec",
    "ClientTransport",
    "CmdTimeout",
    "CommandError",
    "CommandSpec",
    "ConnectionLost",
    "ContractMismatch",
    "EverestModel",
    "HandlerException",
    "InProcessBus",
    "InProcessTransport",
    "InterfaceSpec",
    "MessageParsingError",
    "Module",
    "MqttTransport",
    "NotReady",
    "PublisherTransport",
    "SchemaValidationError",
    "Shutdown",
    "Subscription",
    "VariableSpec",
]


def __getattr__(name: str) -> object:
    if name == "MqttTransport":
        from .mqtt import MqttTransport

        return MqttTransport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
