"""Settings of a charge point process: a YAML or TOML config file, overridden by command-line
flags, checked up front. Every error names the file (or flag) and the setting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .backoff import Backoff
from .security_seam import TlsFiles
from .session import BootIdentity


class SettingsError(Exception):
    """Invalid settings; the message says where and what."""


@dataclass(frozen=True)
class MqttSettings:
    host: str
    port: int
    module_id: str
    impl_id: str = "main"
    prefix: str = "everest/"


@dataclass(frozen=True)
class Settings:
    csms_url: str
    charge_point_id: str
    data_dir: Path
    identity: BootIdentity
    connectors: int = 1
    configuration: Mapping[str, str] = field(default_factory=dict)
    backoff: Backoff = field(default_factory=Backoff)
    response_timeout: float = 30.0
    connect_timeout: float = 10.0
    boot_retry_interval: float = 30.0
    max_frame_length: int = 1024 * 1024
    compression: bool = True
    # Check our own outgoing messages against the schemas too (a self-test; costs CPU).
    validate_outgoing: bool = False
    # vendorId -> messageId -> data answered with Accepted ("" as messageId: any message id).
    data_transfer: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    tls: TlsFiles = field(default_factory=TlsFiles)
    mqtt: MqttSettings | None = None
    log_level: str = "INFO"


_TOP_LEVEL = {
    "csms_url", "charge_point_id", "data_dir", "connectors", "identity", "configuration",
    "reconnect", "response_timeout", "connect_timeout", "boot_retry_interval",
    "max_frame_length", "compression", "validate_outgoing", "data_transfer", "tls", "mqtt",
    "log_level",
}  # fmt: skip
_IDENTITY = {"vendor", "model", "serial_number", "firmware_version"}
_RECONNECT = {"initial_delay", "max_delay", "multiplier", "jitter"}
_TLS = {"ca_bundle", "client_cert", "client_key"}
_MQTT = {"host", "port", "module_id", "impl_id", "prefix"}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw mapping of a .yaml/.yml/.toml file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(f"{path}: cannot read: {error.strerror}") from error
    suffix = path.suffix.lower()
    # The parsers are imported here: a charge point without a config file never loads them.
    if suffix == ".toml":
        import tomllib

        try:
            document: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{path}: not valid TOML: {error}") from error
    elif suffix in (".yaml", ".yml"):
        import yaml

        try:
            document = yaml.safe_load(text) or {}
        except yaml.YAMLError as error:
            raise SettingsError(f"{path}: not valid YAML: {error}") from error
    else:
        raise SettingsError(f"{path}: use a .yaml, .yml or .toml file")
    if not isinstance(document, dict):
        raise SettingsError(f"{path}: the top level must be a mapping")
    return document


def build_settings(
    document: Mapping[str, Any], overrides: Mapping[str, Any], source: str
) -> Settings:
    """Settings from a config mapping plus flag overrides (None values are ignored).

    `overrides` keys: csms_url, charge_point_id, data_dir, connectors, vendor, model,
    serial_number, firmware_version, mqtt ("HOST:PORT"), module_id, impl_id, log_level.
    """
    reader = _Reader(source)
    reader.only(document, _TOP_LEVEL, "")
    values = {k: v for k, v in overrides.items() if v is not None}

    def pick(name: str, default: Any = None) -> Any:
        return values[name] if name in values else document.get(name, default)

    csms_url = reader.text(pick("csms_url"), "csms_url (--csms)")
    parts = urlsplit(csms_url)
    if parts.scheme not in ("ws", "wss") or not parts.netloc:
        raise SettingsError(f"{source}: csms_url {csms_url!r} must be a ws:// or wss:// URL")
    charge_point_id = reader.text(pick("charge_point_id"), "charge_point_id (--id)")
    if len(charge_point_id) > 48 or not charge_point_id.isprintable() or "/" in charge_point_id:
        raise SettingsError(
            f"{source}: charge_point_id must be 1..48 printable characters without '/'"
        )
    identity_doc = reader.section(document, "identity", _IDENTITY)
    identity_values = {name: values.get(name, identity_doc.get(name)) for name in sorted(_IDENTITY)}
    identity = BootIdentity(
        vendor=reader.text(identity_values["vendor"] or "EVerest-py", "identity.vendor", 20),
        model=reader.text(identity_values["model"] or "ocpp16-charge-point", "identity.model", 20),
        serial_number=reader.optional_text(
            identity_values["serial_number"], "identity.serial_number", 25
        ),
        firmware_version=reader.optional_text(
            identity_values["firmware_version"], "identity.firmware_version", 50
        ),
    )
    data_dir = Path(pick("data_dir") or Path("ocpp16-data") / charge_point_id)
    connectors = reader.integer(pick("connectors", 1), "connectors", 1, 100)
    configuration = {
        str(key): _ocpp_value(value, f"configuration.{key}", reader)
        for key, value in reader.mapping(document.get("configuration", {}), "configuration").items()
    }
    reconnect = reader.section(document, "reconnect", _RECONNECT)
    try:
        backoff = Backoff(
            initial=reader.number(reconnect.get("initial_delay", 1.0), "reconnect.initial_delay"),
            maximum=reader.number(reconnect.get("max_delay", 60.0), "reconnect.max_delay"),
            multiplier=reader.number(reconnect.get("multiplier", 2.0), "reconnect.multiplier"),
            jitter=reader.number(reconnect.get("jitter", 0.5), "reconnect.jitter"),
        )
    except ValueError as error:
        raise SettingsError(f"{source}: {error}") from error
    tls = reader.section(document, "tls", _TLS)
    mqtt = _mqtt(reader, reader.section(document, "mqtt", _MQTT), values)
    log_level = reader.text(pick("log_level", "INFO"), "log_level").upper()
    if log_level not in LOG_LEVELS:
        raise SettingsError(f"{source}: log_level must be one of {', '.join(LOG_LEVELS)}")
    return Settings(
        csms_url=csms_url,
        charge_point_id=charge_point_id,
        data_dir=data_dir,
        identity=identity,
        connectors=connectors,
        configuration=configuration,
        backoff=backoff,
        response_timeout=reader.positive(
            document.get("response_timeout", 30.0), "response_timeout"
        ),
        connect_timeout=reader.positive(document.get("connect_timeout", 10.0), "connect_timeout"),
        boot_retry_interval=reader.positive(
            document.get("boot_retry_interval", 30.0), "boot_retry_interval"
        ),
        max_frame_length=reader.integer(
            document.get("max_frame_length", 1024 * 1024), "max_frame_length", 1024, 64 * 2**20
        ),
        compression=reader.boolean(document.get("compression", True), "compression"),
        validate_outgoing=reader.boolean(
            document.get("validate_outgoing", False), "validate_outgoing"
        ),
        data_transfer=_data_transfer(reader, document.get("data_transfer", {})),
        tls=TlsFiles(
            ca_bundle=_path(reader.optional_text(tls.get("ca_bundle"), "tls.ca_bundle")),
            client_cert=_path(reader.optional_text(tls.get("client_cert"), "tls.client_cert")),
            client_key=_path(reader.optional_text(tls.get("client_key"), "tls.client_key")),
        ),
        mqtt=mqtt,
        log_level=log_level,
    )


def _mqtt(
    reader: _Reader, section: Mapping[str, Any], values: Mapping[str, Any]
) -> MqttSettings | None:
    address = values.get("mqtt")
    host, port = section.get("host"), section.get("port", 1883)
    if address is not None:
        host, _, port_text = str(address).rpartition(":")
        if not host or not port_text.isdigit():
            raise SettingsError(f"--mqtt {address!r}: expected HOST:PORT")
        port = int(port_text)
    if host is None:
        if "module_id" in values:
            raise SettingsError("--module-id needs --mqtt HOST:PORT")
        return None
    module_id = values.get("module_id", section.get("module_id"))
    if module_id is None:
        raise SettingsError("MQTT needs a module id (--module-id or mqtt.module_id)")
    return MqttSettings(
        host=reader.text(host, "mqtt.host"),
        port=reader.integer(port, "mqtt.port", 1, 65535),
        module_id=reader.text(module_id, "mqtt.module_id"),
        impl_id=reader.text(values.get("impl_id", section.get("impl_id", "main")), "mqtt.impl_id"),
        prefix=reader.text(section.get("prefix", "everest/"), "mqtt.prefix"),
    )


def _data_transfer(reader: _Reader, raw: Any) -> dict[str, dict[str, str | None]]:
    vendors: dict[str, dict[str, str | None]] = {}
    for vendor, messages in reader.mapping(raw, "data_transfer").items():
        replies = reader.mapping(messages, f"data_transfer.{vendor}")
        vendors[str(vendor)] = {
            str(message): reader.optional_text(reply, f"data_transfer.{vendor}.{message}")
            for message, reply in replies.items()
        }
    return vendors


def _ocpp_value(value: Any, where: str, reader: _Reader) -> str:
    # OCPP carries every value as a string; YAML/TOML give typed values.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ",".join(value)
    raise SettingsError(f"{reader.source}: {where} must be a string, integer, boolean or list")


def _path(text: str | None) -> Path | None:
    return None if text is None else Path(text)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, what: str) -> SettingsError:
        return SettingsError(f"{self.source}: {where} {what}")

    def only(self, mapping: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
        unknown = sorted(set(map(str, mapping)) - allowed)
        if unknown:
            raise SettingsError(
                f"{self.source}: unknown setting(s) {', '.join(prefix + name for name in unknown)}"
                f"; known: {', '.join(sorted(allowed))}"
            )

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(where, "must be a mapping")
        return value

    def section(self, document: Mapping[str, Any], name: str, allowed: set[str]) -> dict[str, Any]:
        section = self.mapping(document.get(name), name)
        self.only(section, allowed, name + ".")
        return section

    def text(self, value: Any, where: str, max_length: int = 500) -> str:
        if value is None:
            raise self.fail(where, "is required")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(where, "must be a string")
        text = str(value)
        if not text or len(text) > max_length:
            raise self.fail(where, f"must be 1..{max_length} characters")
        return text

    def optional_text(self, value: Any, where: str, max_length: int = 500) -> str | None:
        return None if value is None else self.text(value, where, max_length)

    def integer(self, value: Any, where: str, minimum: int, maximum: int) -> int:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, f"must be an integer, got {value!r}")
        if not minimum <= value <= maximum:
            raise self.fail(where, f"must be within {minimum}..{maximum}, got {value}")
        return value

    def number(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, f"must be a number, got {value!r}")
        return float(value)

    def positive(self, value: Any, where: str) -> float:
        number = self.number(value, where)
        if number <= 0:
            raise self.fail(where, f"must be positive, got {value!r}")
        return number

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"must be true or false, got {value!r}")
        return value
