"""The configuration request a module sends at start, and the typed module configuration back.

Request (both versions, only the ``msg_type`` differs), on ``{prefix}config/request``::

    {"msg_type": "GetConfig" | "ConfigurationRequest",
     "data": {"type": "Get", "origin": <module id>, "request": {"type": "Module"}}}

Response, on ``{prefix}modules/<module id>/response``, ``msg_type`` ``GetConfigResponse`` |
``ConfigurationResponse``, ``data`` = ``{"status": "Ok", "status_info": "", "type": "Get",
"response": {"type": "Module", "data": {"module_config": {...}, "mappings": {...},
"telemetry_config"?: {...}}}}``. Field names follow the framework's serialisers
(``lib/config/types.cpp``, ``lib/types.cpp``, ``lib/config.cpp``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from .protocol import LifecycleTopics, WireVersion, decode_envelope, encode_envelope

__all__ = [
    "MODULE_PARAMETERS_KEY",
    "ConfigParameter",
    "ConfigRequest",
    "ConfigResponseError",
    "Connection",
    "Mapping3Tier",
    "ModuleConfig",
    "build_config_request",
    "parse_config_response",
]

# configuration_parameters holds the module's own parameters under this key, next to one list
# per implementation id ("!" cannot start an implementation id).
MODULE_PARAMETERS_KEY = "!module"

ConfigValue = bool | int | float | str


class ConfigResponseError(ValueError):
    """The manager refused the request, or the response is not what the framework sends."""


@dataclass(frozen=True)
class ConfigRequest:
    topic: str
    payload: bytes
    response_topic: str


def build_config_request(version: WireVersion, topics: LifecycleTopics) -> ConfigRequest:
    body = {"type": "Get", "origin": topics.module_id, "request": {"type": "Module"}}
    return ConfigRequest(
        topic=topics.config_request,
        payload=encode_envelope(version.config_request_type, body),
        response_topic=topics.config_response,
    )


@dataclass(frozen=True)
class ConfigParameter:
    name: str
    value: ConfigValue
    datatype: str  # "string" | "integer" | "number" | "boolean" | "path" ...
    mutability: str  # "ReadOnly" | "ReadWrite" | "WriteOnly"
    unit: str | None = None


@dataclass(frozen=True)
class Connection:
    """One fulfilment of a requirement: the implementation that answers calls made through it."""

    requirement_id: str
    index: int  # position within the requirement (the framework omits 0 on the wire)
    module_id: str
    implementation_id: str


@dataclass(frozen=True)
class Mapping3Tier:
    """Where a module or implementation sits in the charger (3-tier model); evse 0 = station."""

    evse: int
    connector: int | None = None


@dataclass(frozen=True)
class ModuleConfig:
    module_id: str
    module_name: str
    standalone: bool
    telemetry_enabled: bool
    module_parameters: Mapping[str, ConfigParameter]
    implementation_parameters: Mapping[str, Mapping[str, ConfigParameter]]
    connections: Mapping[str, tuple[Connection, ...]]  # requirement id -> ordered by index
    module_mapping: Mapping3Tier | None = None
    implementation_mappings: Mapping[str, Mapping3Tier] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # Mappings of this module and of every module it is connected to, by module id.
    mappings: Mapping[str, Mapping3Tier | None] = field(
        default_factory=lambda: MappingProxyType({})
    )
    telemetry_id: int | None = None
    capabilities: str | None = None
    access: Mapping[str, Any] | None = None  # config access rights, passed through as sent

    def connection(self, requirement_id: str, index: int = 0) -> Connection:
        """The fulfilment ``index`` of requirement ``requirement_id``; clear error if absent."""
        for connection in self.connections.get(requirement_id, ()):
            if connection.index == index:
                return connection
        known = {req: len(conns) for req, conns in self.connections.items()}
        raise KeyError(
            f"module {self.module_id!r} has no connection {requirement_id!r}[{index}] "
            f"in its config (connections per requirement: {known})"
        )

    def implementation_value(self, implementation_id: str, name: str) -> ConfigValue:
        return self.implementation_parameters[implementation_id][name].value

    def module_value(self, name: str) -> ConfigValue:
        return self.module_parameters[name].value


def parse_config_response(version: WireVersion, payload: bytes | str) -> ModuleConfig:
    """Parse the manager's response; raise ``ConfigResponseError`` for a refusal or a bad shape."""
    envelope = decode_envelope(payload)
    if envelope.msg_type != version.config_response_type:
        raise ConfigResponseError(
            f"expected {version.config_response_type} (wire {version.value}), got {envelope.msg_type}"
        )
    try:
        return _module_config_from_response(envelope.data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        if isinstance(error, ConfigResponseError):
            raise
        raise ConfigResponseError(f"malformed configuration response: {error!r}") from error


def _module_config_from_response(response: Any) -> ModuleConfig:
    status = response["status"]
    if status != "Ok":
        raise ConfigResponseError(
            f"manager answered {status}: {response.get('status_info') or 'no reason given'}"
        )
    data = response["response"]["data"]
    config = data["module_config"]
    parameters = config["configuration_parameters"]
    module_mapping, implementation_mappings = _tier_mapping(config.get("mapping"))
    telemetry = data.get("telemetry_config") or config.get("telemetry_config")
    return ModuleConfig(
        module_id=config["module_id"],
        module_name=config["module_name"],
        standalone=bool(config["standalone"]),
        telemetry_enabled=bool(config["telemetry_enabled"]),
        module_parameters=_parameters(parameters.get(MODULE_PARAMETERS_KEY, [])),
        implementation_parameters=MappingProxyType(
            {
                impl: _parameters(entries)
                for impl, entries in parameters.items()
                if impl != MODULE_PARAMETERS_KEY
            }
        ),
        connections=_connections(config["connections"]),
        module_mapping=module_mapping,
        implementation_mappings=implementation_mappings,
        mappings=MappingProxyType(
            {mod: _tier_mapping(value)[0] for mod, value in (data.get("mappings") or {}).items()}
        ),
        telemetry_id=int(telemetry["id"]) if telemetry else None,
        capabilities=config.get("capabilities"),
        access=config.get("access"),
    )


def _parameters(entries: list[Any]) -> Mapping[str, ConfigParameter]:
    parsed = {}
    for entry in entries:
        characteristics = entry["characteristics"]
        parsed[entry["name"]] = ConfigParameter(
            name=entry["name"],
            value=entry["value"],
            datatype=characteristics["datatype"],
            mutability=characteristics["mutability"],
            unit=characteristics.get("unit"),
        )
    return MappingProxyType(parsed)


def _connections(raw: Mapping[str, list[Any]]) -> Mapping[str, tuple[Connection, ...]]:
    resolved = {}
    for requirement_id, fulfilments in raw.items():
        connections = [_connection(requirement_id, fulfilment) for fulfilment in fulfilments]
        if len({c.index for c in connections}) < len(connections):
            # The 2025 manager (everest-framework v0.25.0) sends no index (both connections of
            # a 2-EVSE evse_manager arrive as {"id": "evse_manager"}) and lists them in config
            # order, which is what the index means (the C++ framework numbers them by
            # position). The 2026 manager sends it, leaving out only 0.
            connections = [replace(c, index=position) for position, c in enumerate(connections)]
        resolved[requirement_id] = tuple(sorted(connections, key=lambda c: c.index))
    return MappingProxyType(resolved)


def _connection(key: str, fulfilment: Mapping[str, Any]) -> Connection:
    requirement = fulfilment["requirement"]
    if requirement["id"] != key:
        raise ConfigResponseError(
            f"connection listed under {key!r} names requirement {requirement['id']!r}"
        )
    return Connection(
        requirement_id=key,
        index=int(requirement.get("index", 0)),
        module_id=fulfilment["module_id"],
        implementation_id=fulfilment["implementation_id"],
    )


def _tier_mapping(raw: Any) -> tuple[Mapping3Tier | None, Mapping[str, Mapping3Tier]]:
    """A ModuleTierMappings: ``{"module"?: {evse, connector?}, "implementations"?: {...}}``."""
    if not raw:
        return None, MappingProxyType({})
    module = _mapping(raw["module"]) if "module" in raw else None
    implementations = {
        impl: _mapping(value) for impl, value in (raw.get("implementations") or {}).items()
    }
    return module, MappingProxyType(implementations)


def _mapping(raw: Mapping[str, Any]) -> Mapping3Tier:
    connector = raw.get("connector")
    return Mapping3Tier(
        evse=int(raw["evse"]), connector=None if connector is None else int(connector)
    )
