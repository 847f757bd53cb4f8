"""Settings of a charge point process: one pydantic model, read from a YAML or TOML config file
and overridden by command-line flags. Every error names the file (or flag) and the setting,
e.g. `cp.yaml: reconnect.initial_delay: must be a finite number`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
# The flag that sets a setting, named next to it in error messages.
FLAGS: Mapping[str, str] = {
    "csms_url": "--csms",
    "charge_point_id": "--id",
    "data_dir": "--data-dir",
    "connectors": "--connectors",
    "identity.vendor": "--vendor",
    "identity.model": "--model",
    "identity.serial_number": "--serial-number",
    "identity.firmware_version": "--firmware-version",
    "mqtt.module_id": "--module-id",
    "mqtt.impl_id": "--impl-id",
    "log_level": "--log-level",
    "simulation.enabled": "--simulate",
}


# The settings nest 3 levels (data_transfer: vendor -> message id -> data); far more is an error.
MAX_NESTING = 16


class SettingsError(Exception):
    """Invalid settings; the message says where and what."""


def naming_config_file(message: str, config: Path | None) -> str:
    """The error of an initial configuration key value, naming the config file it came from.
    Those values come from the file's `configuration:` section only, and the charge point's
    checks say `configuration: ...`; every other setting's error names the file already (and
    a state file's errors start with its own path)."""
    if config is None or not message.startswith("configuration:"):
        return message
    return f"{config}: {message}"


class _Section(BaseModel):
    # Unknown names are errors (a typo must not be silently ignored); no float may be NaN or
    # infinite; numbers are accepted where text is expected (YAML reads `1.2` as a number).
    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, coerce_numbers_to_str=True
    )


Text = Annotated[str, Field(min_length=1, max_length=500)]
Seconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Identity(_Section):
    """What BootNotification.req says about the charge point."""

    vendor: Annotated[str, Field(min_length=1, max_length=20)] = "EVerest-py"
    model: Annotated[str, Field(min_length=1, max_length=20)] = "ocpp16-charge-point"
    serial_number: Annotated[str, Field(min_length=1, max_length=25)] | None = None
    firmware_version: Annotated[str, Field(min_length=1, max_length=50)] | None = None


class Reconnect(_Section):
    """Randomised exponential backoff between connection attempts."""

    initial_delay: Seconds = 1.0
    max_delay: Seconds = 60.0
    multiplier: Annotated[float, Field(ge=1)] = 2.0
    jitter: Annotated[float, Field(ge=0, le=1)] = 0.5

    @model_validator(mode="after")
    def _initial_within_maximum(self) -> Reconnect:
        if self.max_delay < self.initial_delay:
            raise ValueError("need initial_delay <= max_delay")
        return self


class Tls(_Section):
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None


class MqttSettings(_Section):
    host: Text
    port: Annotated[int, Field(ge=1, le=65535)] = 1883
    module_id: Text
    impl_id: Text = "main"
    prefix: Text = "everest/"


class Simulation(_Section):
    """The simulated station (`--simulate`, docs/simulation.md): EVSEs with a car and a meter,
    an RFID reader, the system; the charge point charges through them in-process."""

    enabled: StrictBool = False
    meter_interval: Seconds = 1.0
    max_current: Annotated[float, Field(ge=0, le=1000)] = 16.0  # A per phase
    voltage: Annotated[float, Field(ge=0, le=1000)] = 230.0  # V per phase
    phases: Annotated[int, Field(ge=1, le=3)] = 3
    # A RemoteStartTransaction for an idle connector plugs a simulated car in.
    auto_plug_on_remote_start: StrictBool = True
    # Seconds after a transaction ends until the car unplugs; null: it stays plugged.
    unplug_after_stop: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = 2.0
    connection_timeout: Annotated[int, Field(ge=1, le=3600)] = 60  # s to plug in after a tag
    refuse_reset: StrictBool = False  # the simulated system refuses every Reset


class SmartChargingSettings(_Section):
    """How limits in W and in A convert into each other (composite schedules, the limits
    handed to the EVSEs): libocpp's SupplyVoltage and CompositeScheduleDefaultNumberPhases."""

    supply_voltage: Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)] = 230.0
    phases: Annotated[int, Field(ge=1, le=3)] = 3  # where a profile gives no numberPhases


class Settings(_Section):
    csms_url: Text
    charge_point_id: Annotated[str, Field(min_length=1, max_length=48)]
    data_dir: Path  # default: ocpp16-data/<charge_point_id>
    identity: Identity = Identity()
    connectors: Annotated[int, Field(ge=1, le=100)] = 1
    # Initial configuration key values; OCPP carries every value as a string.
    configuration: dict[str, str] = {}
    reconnect: Reconnect = Reconnect()
    response_timeout: Seconds = 30.0
    connect_timeout: Seconds = 10.0
    boot_retry_interval: Seconds = 30.0
    max_frame_length: Annotated[int, Field(ge=1024, le=64 * 2**20)] = 1024 * 1024
    # permessage-deflate offered to the CSMS. Off, as libocpp (EVerest's charge points never
    # offer it): OCPP frames are small, and zlib costs CPU per frame and memory per connection.
    compression: StrictBool = False
    # Check our own outgoing messages against the schemas too (a self-test; costs CPU).
    validate_outgoing: StrictBool = False
    # vendorId -> messageId -> data answered with Accepted ("" as messageId: any message id).
    data_transfer: dict[str, dict[str, Text | None]] = {}
    tls: Tls = Tls()
    mqtt: MqttSettings | None = None
    log_level: LogLevel = "INFO"
    simulation: Simulation = Simulation()
    # Unset, a simulated station's charge point converts with the station's voltage/phases.
    smart_charging: SmartChargingSettings = SmartChargingSettings()

    @field_validator("csms_url")
    @classmethod
    def _websocket_url(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in ("ws", "wss") or not parts.netloc:
            raise ValueError("must be a ws:// or wss:// URL")
        return url

    @field_validator("charge_point_id")
    @classmethod
    def _usable_in_a_url(cls, charge_point_id: str) -> str:
        if not charge_point_id.isprintable() or "/" in charge_point_id:
            raise ValueError("must be 1..48 printable characters without '/'")
        return charge_point_id

    @field_validator("configuration", mode="before")
    @classmethod
    def _as_ocpp_strings(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        return {key: _ocpp_value(value) for key, value in values.items()}

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case(cls, level: Any) -> Any:
        return level.upper() if isinstance(level, str) else level

    @model_validator(mode="after")
    def _simulation_in_process(self) -> Settings:
        if self.simulation.enabled and self.mqtt is not None:
            raise ValueError(
                "simulation.enabled (--simulate) runs the station in-process and cannot be "
                "combined with mqtt; under EVerest run the simulated modules as modules "
                "(docs/simulation.md)"
            )
        return self

    @model_validator(mode="before")
    @classmethod
    def _default_data_dir(cls, document: Any) -> Any:
        if isinstance(document, dict) and document.get("data_dir") is None:
            charge_point_id = document.get("charge_point_id")
            if isinstance(charge_point_id, str) and charge_point_id:
                return {**document, "data_dir": Path("ocpp16-data") / charge_point_id}
        return document


def _ocpp_value(value: Any) -> Any:
    # YAML/TOML give typed values; OCPP's are strings. Anything else is left for the error.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ",".join(value)
    return value


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw mapping of a .yaml/.yml/.toml file; SettingsError (one line) when unusable."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise SettingsError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise SettingsError(f"{path}: not UTF-8 text (byte {error.start})") from None
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".yaml", ".yml"):
        raise SettingsError(f"{path}: use a .yaml, .yml or .toml file")
    try:
        document = _toml(path, text) if suffix == ".toml" else _yaml(path, text)
    except RecursionError:  # The parsers recurse per nesting level.
        raise SettingsError(f"{path}: nested too deeply (at most {MAX_NESTING} levels)") from None
    except ValueError as error:  # Python's limit on integer digits (4300), raised while parsing
        if "digits" not in str(error):
            raise
        raise SettingsError(f"{path}: holds an integer with too many digits") from None
    if not isinstance(document, dict):
        raise SettingsError(f"{path}: the top level must be a mapping")
    if _nesting_exceeds(document, MAX_NESTING):
        raise SettingsError(f"{path}: nested too deeply (at most {MAX_NESTING} levels)")
    return document


def _nesting_exceeds(value: Any, limit: int) -> bool:
    """True when lists/mappings nest more than `limit` deep (iteratively: validation and
    error messages recurse, so depth is checked before they run)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _toml(path: Path, text: str) -> Any:
    import tomllib  # Only loaded when a TOML file is used.

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from None


def _yaml(path: Path, text: str) -> Any:
    import yaml  # Only loaded when a YAML file is used.

    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot parse"
        raise SettingsError(f"{path}: not valid YAML: {where}{problem}") from None


def build_settings(
    document: Mapping[str, Any], overrides: Mapping[str, Any], source: str
) -> Settings:
    """Settings from a config mapping plus flag overrides (None values are ignored).

    `overrides` keys: csms_url, charge_point_id, data_dir, connectors, vendor, model,
    serial_number, firmware_version, mqtt ("HOST:PORT"), module_id, impl_id, log_level,
    simulate (True: the simulated station).
    """
    try:
        merged = _with_flags(dict(document), {k: v for k, v in overrides.items() if v is not None})
    except SettingsError as error:
        raise SettingsError(f"{source}: {error}") from None
    try:
        return Settings.model_validate(merged)
    except ValidationError as error:
        raise SettingsError(_describe(error, source)) from None


def _with_flags(document: dict[str, Any], flags: Mapping[str, Any]) -> dict[str, Any]:
    for name in ("csms_url", "charge_point_id", "data_dir", "connectors", "log_level"):
        if name in flags:
            document[name] = flags[name]
    names = ("vendor", "model", "serial_number", "firmware_version")
    identity = {name: flags[name] for name in names if name in flags}
    if identity:
        document["identity"] = {**_section(document, "identity"), **identity}
    if flags.get("simulate"):
        document["simulation"] = {**_section(document, "simulation"), "enabled": True}
    mqtt = _section(document, "mqtt")
    if "mqtt" in flags:
        host, _, port = str(flags["mqtt"]).rpartition(":")
        if not host or not port.isdigit():
            raise SettingsError(f"--mqtt {flags['mqtt']!r}: expected HOST:PORT")
        mqtt = {**mqtt, "host": host, "port": int(port)}
    for name in ("module_id", "impl_id"):
        if name in flags:
            if not mqtt:
                raise SettingsError(f"--{name.replace('_', '-')} needs --mqtt HOST:PORT")
            mqtt = {**mqtt, name: flags[name]}
    if mqtt:
        if "module_id" not in mqtt:
            raise SettingsError("MQTT needs a module id (--module-id or mqtt.module_id)")
        document["mqtt"] = mqtt
    return document


def _section(document: Mapping[str, Any], name: str) -> dict[str, Any]:
    section = document.get(name)
    return dict(section) if isinstance(section, dict) else {}


def _describe(error: ValidationError, source: str) -> str:
    return "\n".join(f"{source}: {_problem(detail)}" for detail in error.errors())


def _printable(name: str) -> str:
    return name if name.isprintable() else repr(name)[1:-1]


def _problem(detail: ErrorDetails) -> str:
    # Values are not repeated: a setting may hold a secret.
    # repr-escaped: a name from the file may hold line breaks or control characters, and
    # the error must stay one line per problem.
    path = [
        _printable(str(part)) for part in detail["loc"] if not str(part).startswith("function-")
    ]
    where = ".".join(part for part in path if part not in ("str", "int", "float", "bool"))
    flag = FLAGS.get(where)
    where = f"{where} ({flag})" if flag else where or "settings"
    kind = detail["type"]
    if kind == "extra_forbidden":
        return f"{where}: unknown setting"
    if kind == "missing":
        return f"{where} is required"
    if kind == "finite_number" or (
        isinstance(detail.get("input"), float) and not math.isfinite(detail["input"])
    ):
        return f"{where}: must be a finite number"
    message = str(detail["msg"]).removeprefix("Value error, ")
    return f"{where}: {message[:1].lower()}{message[1:]}"
