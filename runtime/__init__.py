"""Runs generated EVerest bindings: modules over an in-process bus or EVerest's MQTT protocol."""

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
from .mqtt import MqttTransport

__all__ = [
    "DEFAULT_CALL_TIMEOUT",
    "CmdTimeout",
    "CommandError",
    "ConnectionLost",
    "HandlerException",
    "InProcessBus",
    "InProcessTransport",
    "MessageParsingError",
    "Module",
    "MqttTransport",
    "NotReady",
    "SchemaValidationError",
    "Shutdown",
]
