"""The ``EV_*`` environment a module process gets from the EVerest manager, as typed settings.

The manager sets these for every module it spawns (``setup_environment`` in the framework's
``manager.cpp``): ``EV_MODULE`` always, and either ``EV_MQTT_BROKER_SOCKET_PATH`` or
``EV_MQTT_BROKER_HOST`` + ``EV_MQTT_BROKER_PORT``. A standalone module started by hand is given
the same variables by whoever starts it. Unset broker variables fall back to the framework's
defaults (``localhost:1883``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..wire import normalize_prefix
from .protocol import UnknownWireVersion, WireVersion

__all__ = [
    "DEFAULT_BROKER_HOST",
    "DEFAULT_BROKER_PORT",
    "DEFAULT_EVEREST_PREFIX",
    "WIRE_VERSION_VARIABLE",
    "EnvironmentSettingsError",
    "ModuleEnvironment",
    "TcpBroker",
    "UnixSocketBroker",
    "read_module_environment",
]

DEFAULT_BROKER_HOST = "localhost"
DEFAULT_BROKER_PORT = 1883
DEFAULT_EVEREST_PREFIX = "everest/"
# Ours, not the framework's: pins the wire version instead of detecting it ("2025" / "2026").
WIRE_VERSION_VARIABLE = "EVEREST_PY_WIRE_VERSION"


class EnvironmentSettingsError(ValueError):
    """An ``EV_*`` variable is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class TcpBroker:
    host: str
    port: int


@dataclass(frozen=True)
class UnixSocketBroker:
    path: Path


@dataclass(frozen=True)
class ModuleEnvironment:
    module_id: str
    broker: TcpBroker | UnixSocketBroker
    everest_prefix: str = DEFAULT_EVEREST_PREFIX
    external_prefix: str = ""
    install_prefix: Path | None = None  # EV_PREFIX: where the manager's share/ and etc/ live
    log_config_file: Path | None = None
    validate_schema: bool = False
    wire_version: WireVersion | None = None  # None: detect from the manager's retained topics


def read_module_environment(environ: Mapping[str, str]) -> ModuleEnvironment:
    """Read the settings from ``environ`` (pass ``os.environ``); raise on anything unusable."""
    everest_prefix = normalize_prefix(environ.get("EV_MQTT_EVEREST_PREFIX", DEFAULT_EVEREST_PREFIX))
    external_prefix = environ.get("EV_MQTT_EXTERNAL_PREFIX", "")
    if everest_prefix == external_prefix:
        # The framework refuses this too: external topics would shadow EVerest's own.
        raise EnvironmentSettingsError(
            f"EV_MQTT_EVEREST_PREFIX and EV_MQTT_EXTERNAL_PREFIX are both {everest_prefix!r}"
        )
    return ModuleEnvironment(
        module_id=_module_id(environ),
        broker=_broker(environ),
        everest_prefix=everest_prefix,
        external_prefix=external_prefix,
        install_prefix=_optional_path(environ, "EV_PREFIX"),
        log_config_file=_optional_path(environ, "EV_LOG_CONF_FILE"),
        validate_schema=environ.get("EV_VALIDATE_SCHEMA", "") == "1",
        wire_version=_wire_version(environ),
    )


def _module_id(environ: Mapping[str, str]) -> str:
    module_id = environ.get("EV_MODULE", "").strip()
    if not module_id:
        raise EnvironmentSettingsError(
            "EV_MODULE is not set: the manager sets it to the module id from its config"
        )
    return module_id


def _broker(environ: Mapping[str, str]) -> TcpBroker | UnixSocketBroker:
    socket_path = environ.get("EV_MQTT_BROKER_SOCKET_PATH", "")
    host = environ.get("EV_MQTT_BROKER_HOST", "")
    if socket_path and host:
        # The manager sets exactly one; both means the caller's environment leaked in.
        raise EnvironmentSettingsError(
            f"both EV_MQTT_BROKER_SOCKET_PATH ({socket_path!r}) and EV_MQTT_BROKER_HOST "
            f"({host!r}) are set: a module connects to one broker"
        )
    if socket_path:
        return UnixSocketBroker(Path(socket_path))
    return TcpBroker(host or DEFAULT_BROKER_HOST, _port(environ))


def _port(environ: Mapping[str, str]) -> int:
    text = environ.get("EV_MQTT_BROKER_PORT", "")
    if not text:
        return DEFAULT_BROKER_PORT
    try:
        port = int(text)
    except ValueError:
        raise EnvironmentSettingsError(f"EV_MQTT_BROKER_PORT={text!r} is not a number") from None
    if not 0 < port < 65536:
        raise EnvironmentSettingsError(f"EV_MQTT_BROKER_PORT={port} is not a TCP port (1-65535)")
    return port


def _optional_path(environ: Mapping[str, str], name: str) -> Path | None:
    value = environ.get(name, "")
    return Path(value) if value else None


def _wire_version(environ: Mapping[str, str]) -> WireVersion | None:
    text = environ.get(WIRE_VERSION_VARIABLE, "").strip()
    if not text or text == "auto":
        return None
    try:
        return WireVersion.parse(text)
    except UnknownWireVersion as error:
        raise EnvironmentSettingsError(f"{WIRE_VERSION_VARIABLE}: {error}") from None
