"""Joining a real EVerest system: environment, wire version, configuration, errors.

Pure protocol code (no MQTT client imported here): the MQTT transport feeds it payloads and
publishes what it builds. See docs/everest.md for the lifecycle.
"""

from .config import (
    ConfigParameter,
    ConfigRequest,
    ConfigResponseError,
    Connection,
    Mapping3Tier,
    ModuleConfig,
    build_config_request,
    parse_config_response,
)
from .environment import (
    EnvironmentSettingsError,
    ModuleEnvironment,
    TcpBroker,
    UnixSocketBroker,
    read_module_environment,
)
from .errors import ErrorOrigin, ErrorSeverity, ErrorState, EverestError
from .lifecycle import LifecycleError, ModuleLifecycle, Phase, Publish, Subscribe, Unsubscribe
from .protocol import LifecycleTopics, UnknownWireVersion, WireVersion, wire_version_from_definition

__all__ = [
    "ConfigParameter",
    "ConfigRequest",
    "ConfigResponseError",
    "Connection",
    "EnvironmentSettingsError",
    "ErrorOrigin",
    "ErrorSeverity",
    "ErrorState",
    "EverestError",
    "LifecycleError",
    "LifecycleTopics",
    "Mapping3Tier",
    "ModuleConfig",
    "ModuleEnvironment",
    "ModuleLifecycle",
    "Phase",
    "Publish",
    "Subscribe",
    "TcpBroker",
    "UnixSocketBroker",
    "UnknownWireVersion",
    "Unsubscribe",
    "WireVersion",
    "build_config_request",
    "parse_config_response",
    "read_module_environment",
    "wire_version_from_definition",
]
