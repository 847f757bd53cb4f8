"""Runs generated EVerest bindings: modules over an in-process bus or EVerest's MQTT protocol.

``MqttTransport`` is imported on first use: a process that never speaks MQTT does not load the
MQTT client (runtime/mqtt/, our own MQTT 3.1.1 over asyncio).
So are ``Module`` and the in-process bus: generated types import only the contract, and a
process that serves no interface never loads dispatch, validation and the bus (start-up time).
So is the contract itself (pydantic's models and adapters): a process that only catches the
runtime's errors, like a charge point without EVerest, never loads pydantic.
"""

from typing import TYPE_CHECKING

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
from .signals import stop_signals

if TYPE_CHECKING:
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
    from .hosting import EverestModule, ModuleContext, ModuleHooks, run_module
    from .inprocess import InProcessBus, InProcessTransport
    from .module import DEFAULT_CALL_TIMEOUT, Module
    from .mqtt import MqttTransport

# Loaded on first use: the contract is pydantic's (models, adapters), and a process that only
# catches the runtime's errors (a charge point without EVerest) never loads pydantic.
_CONTRACT = (
    "CONTRACT_VERSION",
    "ArgumentSpec",
    "ClientTransport",
    "CommandSpec",
    "ContractMismatch",
    "EverestModel",
    "InterfaceSpec",
    "PublisherTransport",
    "Subscription",
    "VariableSpec",
)
# Loaded on first use, like MqttTransport: they run over MQTT.
_HOSTING = ("EverestModule", "ModuleContext", "ModuleHooks", "run_module")
# Loaded on first use: only a process that serves or calls an interface needs them.
_IN_PROCESS = ("InProcessBus", "InProcessTransport")
_MODULE = ("DEFAULT_CALL_TIMEOUT", "Module")

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
    "EverestModule",
    "HandlerException",
    "InProcessBus",
    "InProcessTransport",
    "InterfaceSpec",
    "MessageParsingError",
    "Module",
    "ModuleContext",
    "ModuleHooks",
    "MqttTransport",
    "NotReady",
    "PublisherTransport",
    "SchemaValidationError",
    "Shutdown",
    "Subscription",
    "VariableSpec",
    "run_module",
    "stop_signals",
]


def __getattr__(name: str) -> object:
    if name == "MqttTransport":
        from .mqtt import MqttTransport

        return MqttTransport
    if name in _CONTRACT:
        from . import contract

        return getattr(contract, name)
    if name in _HOSTING:
        from . import hosting

        return getattr(hosting, name)
    if name in _IN_PROCESS:
        from . import inprocess

        return getattr(inprocess, name)
    if name in _MODULE:
        from . import module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
