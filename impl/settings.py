"""Settings of a charge point process: frozen sections, read from a YAML or TOML config file
and overridden by command-line flags. Every error names the file (or flag) and the setting,
e.g. `cp.yaml: reconnect.initial_delay: must be a finite number`.

Each field declares its rule (`_setting(rule, default=...)`); `Section.from_document` checks a
mapping against the rules and reports every problem at once. Keyword construction in Python
(`MqttSettings(host=..., module_id=...)`) is typed, not checked. No pydantic here: importing it
and building models cost the charge point's start-up about a third of its time."""

from __future__ import annotations

import dataclasses
import inspect
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, Self, dataclass_transform
from urllib.parse import urlsplit

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


# -- rules: each checks one value of a document and returns it converted --------------------

# A problem: where below the value checked (names of settings or keys), and what is wrong.
# The value itself is never repeated: a setting may hold a secret.
_Problem = tuple[tuple[str, ...], str]
_REQUIRED = "is required"
_NOT_TEXT = "must be text (quote a value YAML would read as a number)"
_FINITE = "must be a finite number"


class _Invalid(Exception):
    """What a rule found wrong: every problem of the value, not just the first."""

    def __init__(self, problems: list[_Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    @classmethod
    def here(cls, problem: str) -> _Invalid:
        return cls([((), problem)])

    def within(self, name: str) -> list[_Problem]:
        return [((name, *where), problem) for where, problem in self.problems]


# A rule: the value of a setting, converted to its type; raises _Invalid.
_Rule = Callable[[Any], Any]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_text(value: Any) -> str | None:
    """Text; None for anything else. A number is not taken as text: YAML reads `1.10` as 1.1
    and `0012` as 10, so the text meant is lost (quote it)."""
    return value if isinstance(value, str) else None


def _bounds(gt: float | None = None, ge: float | None = None, le: float | None = None) -> str:
    """The bounds as words: `1 to 20`, `at least 1`, `more than 0 and at most 1000`."""
    if ge is not None and le is not None:
        return f"{ge} to {le}"
    words = []
    if gt is not None:
        words.append(f"more than {gt}")
    if ge is not None:
        words.append(f"at least {ge}")
    if le is not None:
        words.append(f"at most {le}")
    return " and ".join(words)


def _text(
    max_length: int | None = 500,
    *,
    min_length: int = 1,
    rule: Callable[[str], str | None] | None = None,
) -> _Rule:
    """Text of min_length..max_length characters; `rule`: a further check (the problem, or
    None)."""

    def check(value: Any) -> str:
        text = _as_text(value)
        if text is None:
            raise _Invalid.here(_NOT_TEXT)
        if len(text) < min_length or (max_length is not None and len(text) > max_length):
            raise _Invalid.here(f"must be {_bounds(ge=min_length, le=max_length)} characters")
        problem = rule(text) if rule is not None else None
        if problem is not None:
            raise _Invalid.here(problem)
        return text

    return check


def _number(gt: float | None = None, ge: float | None = None, le: float | None = None) -> _Rule:
    """A finite number (a float) within the bounds; a bool is not a number here."""

    def check(value: Any) -> float:
        if not _is_number(value):
            raise _Invalid.here("must be a number")
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            raise _Invalid.here(_FINITE) from None
        if not math.isfinite(number):
            raise _Invalid.here(_FINITE)
        if (
            (gt is not None and not number > gt)
            or (ge is not None and number < ge)
            or (le is not None and number > le)
        ):
            raise _Invalid.here(f"must be {_bounds(gt, ge, le)}")
        return number

    return check


def _whole(ge: int, le: int) -> _Rule:
    """An integer from ge to le; a float without a fraction is taken as one (`3.0`)."""

    def check(value: Any) -> int:
        if isinstance(value, float) and not math.isfinite(value):
            raise _Invalid.here(_FINITE)
        if not _is_number(value) or (isinstance(value, float) and not value.is_integer()):
            raise _Invalid.here("must be a whole number")
        if not ge <= value <= le:
            raise _Invalid.here(f"must be {_bounds(ge=ge, le=le)}")
        return int(value)

    return check


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):  # only true or false: `yes please` is not a yes
        raise _Invalid.here("must be true or false")
    return value


def _path(value: Any) -> Path:
    if not isinstance(value, str | os.PathLike):
        raise _Invalid.here("input is not a valid path: must be text")
    return Path(value)


def _choice(choices: tuple[str, ...]) -> _Rule:
    """One of `choices`, in any case (given back in upper case)."""

    def check(value: Any) -> str:
        if isinstance(value, str) and value.upper() in choices:
            return value.upper()
        raise _Invalid.here(f"must be one of {', '.join(choices)}")

    return check


def _optional(rule: _Rule) -> _Rule:
    """None (null in the file), or a value `rule` accepts."""
    return lambda value: None if value is None else rule(value)


def _table(rule: _Rule, convert: Callable[[Any], Any] | None = None) -> _Rule:
    """A mapping of names (text) to values `rule` accepts; `convert` runs on a value first."""

    def check(value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise _Invalid.here("must be a mapping")
        table: dict[str, Any] = {}
        problems: list[_Problem] = []
        for key, item in value.items():
            name = _as_text(key)
            if name is None:
                problems.append(((_printable(str(key)),), "the name must be text"))
                continue
            try:
                table[name] = rule(item if convert is None else convert(item))
            except _Invalid as invalid:
                problems += invalid.within(_printable(name))
        if problems:
            raise _Invalid(problems)
        return table

    return check


def _nested(section: type[Section]) -> _Rule:
    """A section: a mapping of its settings, or an instance of it (taken as it is)."""

    def check(value: Any) -> Section:
        if isinstance(value, section):
            return value
        if not isinstance(value, Mapping):
            raise _Invalid.here("must be a mapping of settings")
        return section._checked(value)

    return check


class _Field:
    """A setting of a section, as `_setting` declares it; named by Section.__init_subclass__."""

    __slots__ = ("default", "default_factory", "name", "rule", "secret")

    def __init__(
        self, rule: _Rule, default: Any, default_factory: Callable[[], Any] | None, secret: bool
    ) -> None:
        self.name = ""
        self.rule = rule
        self.default = default
        self.default_factory = default_factory
        self.secret = secret

    @property
    def required(self) -> bool:
        return self.default is _NO_DEFAULT and self.default_factory is None

    def value(self, values: Mapping[str, Any], section: str) -> Any:
        """The field's value among keyword `values`, else its default."""
        if self.name in values:
            return values[self.name]
        if self.default is not _NO_DEFAULT:
            return self.default
        if self.default_factory is not None:
            return self.default_factory()
        raise TypeError(f"{section}() needs {self.name}")


_NO_DEFAULT: Any = object()


def _setting(
    rule: _Rule,
    *,
    default: Any = _NO_DEFAULT,
    default_factory: Callable[[], Any] | None = None,
    secret: bool = False,
) -> Any:
    """A field of a section, checked by `rule` when read from a document. `secret`: it may
    hold a password or key (a URL's user:password, AuthorizationKey), so the section's repr
    leaves it out: a repr ends up in tracebacks and debug lines."""
    return _Field(rule, default, default_factory, secret)


# -- sections ------------------------------------------------------------------------------


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(_setting,))
class Section:
    """Frozen settings, keyword-only, compared and hashed by value, like a frozen dataclass.
    It remembers which fields were given (`fields_set`): in the document it was read from, or
    as keywords.

    Not a dataclass: `dataclasses.dataclass` compiles functions per class at import, and reads
    each annotation with a regular expression; these methods are written once here (part of
    the charge point's start-up time)."""

    _rules: ClassVar[dict[str, _Rule]]
    _required: ClassVar[frozenset[str]]
    _fields: ClassVar[tuple[_Field, ...]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: list[_Field] = []
        for name in inspect.get_annotations(cls):
            declared = cls.__dict__.get(name)
            if not isinstance(declared, _Field):
                raise TypeError(f"{cls.__name__}: declare {name} with _setting()")
            declared.name = name
            fields.append(declared)
            delattr(cls, name)  # An instance holds every field's value itself.
        cls._fields = tuple(fields)
        cls._rules = {field.name: field.rule for field in fields}
        cls._required = frozenset(field.name for field in fields if field.required)

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - self._rules.keys()
        if unknown:
            raise TypeError(f"{type(self).__name__}() got unknown settings {sorted(unknown)}")
        section = type(self).__name__
        for field in self._fields:
            object.__setattr__(self, field.name, field.value(values, section))
        object.__setattr__(self, "_given", frozenset(values))

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field.name) for field in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Section)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = (
            f"{field.name}={getattr(self, field.name)!r}"
            for field in self._fields
            if not field.secret
        )
        return f"{type(self).__name__}({', '.join(shown)})"

    @property
    def fields_set(self) -> frozenset[str]:
        """The names of the fields given, not defaulted. `replace` keeps them (and adds the
        changed ones)."""
        given: frozenset[str] = self.__dict__["_given"]
        return given

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` (not checked, as keyword construction is not)."""
        values = {field.name: getattr(self, field.name) for field in self._fields}
        copy = type(self)(**{**values, **changes})  # unknown names: TypeError, as __init__
        object.__setattr__(copy, "_given", self.fields_set | changes.keys())
        return copy

    @classmethod
    def from_document(cls, document: Mapping[Any, Any], source: str = "settings") -> Self:
        """The section a mapping (a config file's, or part of one) describes. SettingsError:
        every problem, one line each, `source: where: problem`."""
        try:
            if not isinstance(document, Mapping):
                raise _Invalid.here("must be a mapping")
            return cls._checked(document)
        except _Invalid as invalid:
            lines = (f"{source}: {_describe(*problem)}" for problem in invalid.problems)
            raise SettingsError("\n".join(lines)) from None

    def to_document(self) -> dict[str, Any]:
        """The mapping `from_document` reads back as this section: sections as mappings, paths
        as text."""
        return {name: _plain(getattr(self, name)) for name in self._rules}

    @classmethod
    def _checked(cls, document: Mapping[Any, Any]) -> Self:
        """As from_document, raising _Invalid (the problems relative to this section)."""
        document = cls._prepare(document)
        values: dict[str, Any] = {}
        problems: list[_Problem] = []
        for name, rule in cls._rules.items():
            if name not in document:
                if name in cls._required:
                    problems.append(((name,), _REQUIRED))
                continue
            try:
                values[name] = rule(document[name])
            except _Invalid as invalid:
                problems += invalid.within(name)
        problems += [
            ((_printable(str(key)),), "unknown setting")
            for key in document
            if key not in cls._rules
        ]
        if problems:
            raise _Invalid(problems)
        section = cls(**values)
        problem = section._problem()
        if problem is not None:
            raise _Invalid.here(problem)
        return section

    @classmethod
    def _prepare(cls, document: Mapping[Any, Any]) -> Mapping[Any, Any]:
        """The document before its fields are checked (a section's defaults that depend on
        other settings)."""
        return document

    def _problem(self) -> str | None:
        """A rule across fields, checked once every field is valid: the problem, or None."""
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, Section):
        return value.to_document()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


_TEXT = _text()
_SECONDS = _number(gt=0)


class Identity(Section):
    """What BootNotification.req says about the charge point."""

    vendor: str = _setting(_text(max_length=20), default="EVerest-py")
    model: str = _setting(_text(max_length=20), default="ocpp16-charge-point")
    serial_number: str | None = _setting(_optional(_text(max_length=25)), default=None)
    firmware_version: str | None = _setting(_optional(_text(max_length=50)), default=None)


class Reconnect(Section):
    """Randomised exponential backoff between connection attempts."""

    initial_delay: float = _setting(_SECONDS, default=1.0)
    max_delay: float = _setting(_SECONDS, default=60.0)
    multiplier: float = _setting(_number(ge=1), default=2.0)
    jitter: float = _setting(_number(ge=0, le=1), default=0.5)

    def _problem(self) -> str | None:
        return "need initial_delay <= max_delay" if self.max_delay < self.initial_delay else None


class Tls(Section):
    """Files for TLS to the CSMS (security profiles 2 and 3): the CA(s) that signed the CSMS's
    certificate and, for profile 3, the client certificate and key; a linked evse_security
    module's certificates take their place (docs/security.md)."""

    ca_bundle: Path | None = _setting(_optional(_path), default=None)
    client_cert: Path | None = _setting(_optional(_path), default=None)
    client_key: Path | None = _setting(_optional(_path), default=None)


class MqttSettings(Section):
    """The MQTT broker of an EVerest system and this module's place on it (`--mqtt`)."""

    host: str = _setting(_TEXT)
    port: int = _setting(_whole(ge=1, le=65535), default=1883)
    module_id: str = _setting(_TEXT)
    impl_id: str = _setting(_TEXT, default="main")
    prefix: str = _setting(_TEXT, default="everest/")


class Simulation(Section):
    """The simulated station (`--simulate`, docs/simulation.md): EVSEs with a car and a meter,
    an RFID reader, the system; the charge point charges through them in-process."""

    enabled: bool = _setting(_flag, default=False)
    meter_interval: float = _setting(_SECONDS, default=1.0)
    max_current: float = _setting(_number(ge=0, le=1000), default=16.0)  # A per phase
    # V per phase; more than 0: the station's W and A limits convert by it (simulated.py).
    voltage: float = _setting(_number(gt=0, le=1000), default=230.0)
    phases: int = _setting(_whole(ge=1, le=3), default=3)
    # A RemoteStartTransaction for an idle connector plugs a simulated car in.
    auto_plug_on_remote_start: bool = _setting(_flag, default=True)
    # Seconds after a transaction ends until the car unplugs; null: it stays plugged.
    unplug_after_stop: float | None = _setting(_optional(_number(ge=0)), default=2.0)
    # Seconds to plug in after a tag.
    connection_timeout: int = _setting(_whole(ge=1, le=3600), default=60)
    refuse_reset: bool = _setting(_flag, default=False)  # the simulated system refuses Resets


class SmartChargingSettings(Section):
    """How limits in W and in A convert into each other (composite schedules, the limits
    handed to the EVSEs): libocpp's SupplyVoltage and CompositeScheduleDefaultNumberPhases."""

    supply_voltage: float = _setting(_number(gt=0, le=1000), default=230.0)
    # Where a profile gives no numberPhases.
    phases: int = _setting(_whole(ge=1, le=3), default=3)


def _websocket_url(url: str) -> str | None:
    problem = "must be a ws:// or wss:// URL"  # the URL is not repeated: it may hold a password
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:  # an unclosed IPv6 bracket, a character NFKC makes a separator
        return problem
    return None if parts.scheme in ("ws", "wss") and parts.netloc else problem


def charge_point_id_problem(charge_point_id: str) -> str | None:
    """What makes `charge_point_id` unusable as the last segment of the CSMS URL and as the
    name of its data folder (None: usable); its length is checked where it is read."""
    if not charge_point_id.isprintable() or "/" in charge_point_id:
        return "must be printable characters without '/'"
    if charge_point_id in (".", ".."):
        return "must not be '.' or '..' (a folder of its own, a URL path segment)"
    return None


def _ocpp_value(value: Any) -> Any:
    # YAML/TOML give typed values; OCPP's are strings. Anything else is left for the error.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        try:
            return str(value)
        except ValueError:  # Python's limit on the digits of an integer turned into text
            return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ",".join(value)
    return value


_ANY_TEXT = _text(None, min_length=0)


class Settings(Section):
    """The settings of one charge point process (`build_settings`: from a file plus flags)."""

    csms_url: str = _setting(_text(rule=_websocket_url), secret=True)
    charge_point_id: str = _setting(_text(max_length=48, rule=charge_point_id_problem))
    data_dir: Path = _setting(_path)  # from a document: ocpp16-data/<charge_point_id> if unset
    identity: Identity = _setting(_nested(Identity), default=Identity())
    connectors: int = _setting(_whole(ge=1, le=100), default=1)
    # Initial configuration key values; OCPP carries every value as a string.
    configuration: dict[str, str] = _setting(
        _table(_ANY_TEXT, convert=_ocpp_value), default_factory=dict, secret=True
    )
    reconnect: Reconnect = _setting(_nested(Reconnect), default=Reconnect())
    response_timeout: float = _setting(_SECONDS, default=30.0)
    connect_timeout: float = _setting(_SECONDS, default=10.0)
    boot_retry_interval: float = _setting(_SECONDS, default=30.0)
    max_frame_length: int = _setting(_whole(ge=1024, le=64 * 2**20), default=1024 * 1024)
    # permessage-deflate offered to the CSMS. Off, as libocpp (EVerest's charge points never
    # offer it): OCPP frames are small, and zlib costs CPU per frame and memory per connection.
    compression: bool = _setting(_flag, default=False)
    # Check our own outgoing messages against the schemas too (a self-test; costs CPU).
    validate_outgoing: bool = _setting(_flag, default=False)
    # vendorId -> messageId -> data answered with Accepted ("" as messageId: any message id).
    data_transfer: dict[str, dict[str, str | None]] = _setting(
        _table(_table(_optional(_TEXT))), default_factory=dict
    )
    tls: Tls = _setting(_nested(Tls), default=Tls())
    mqtt: MqttSettings | None = _setting(_optional(_nested(MqttSettings)), default=None)
    log_level: LogLevel = _setting(_choice(LOG_LEVELS), default="INFO")
    simulation: Simulation = _setting(_nested(Simulation), default=Simulation())
    # Unset, a simulated station's charge point converts with the station's voltage/phases.
    smart_charging: SmartChargingSettings = _setting(
        _nested(SmartChargingSettings), default=SmartChargingSettings()
    )

    @classmethod
    def _prepare(cls, document: Mapping[Any, Any]) -> Mapping[Any, Any]:
        # data_dir unset (or null): ocpp16-data/<charge_point_id>, the id taken as text.
        if document.get("data_dir") is None:
            document = {key: value for key, value in document.items() if key != "data_dir"}
            charge_point_id = _as_text(document.get("charge_point_id"))
            if charge_point_id:
                document["data_dir"] = Path("ocpp16-data") / charge_point_id
        return document

    def _problem(self) -> str | None:
        if self.simulation.enabled and self.mqtt is not None:
            return (
                "simulation.enabled (--simulate) runs the station in-process and cannot be "
                "combined with mqtt; under EVerest run the simulated modules as modules "
                "(docs/simulation.md)"
            )
        return None


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
    return Settings.from_document(merged, source)


def _with_flags(document: dict[str, Any], flags: Mapping[str, Any]) -> dict[str, Any]:
    for name in ("csms_url", "charge_point_id", "data_dir", "connectors", "log_level"):
        if name in flags:
            document[name] = flags[name]
    names = ("vendor", "model", "serial_number", "firmware_version")
    identity = {name: flags[name] for name in names if name in flags}
    if identity:
        document["identity"] = {**_mapping(document, "identity"), **identity}
    if flags.get("simulate"):
        document["simulation"] = {**_mapping(document, "simulation"), "enabled": True}
    mqtt = _mapping(document, "mqtt")
    if "mqtt" in flags:
        host, _, port = str(flags["mqtt"]).rpartition(":")
        if not host or not (port.isascii() and port.isdigit() and len(port) <= 5):
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


def _mapping(document: Mapping[str, Any], name: str) -> dict[str, Any]:
    section = document.get(name)
    return dict(section) if isinstance(section, dict) else {}


def _printable(name: str) -> str:
    # repr-escaped: a name from the file may hold line breaks or control characters, and
    # the error must stay one line per problem.
    return name if name.isprintable() else repr(name)[1:-1]


def _describe(where: tuple[str, ...], problem: str) -> str:
    name = ".".join(where)
    flag = FLAGS.get(name)
    name = f"{name} ({flag})" if flag else name or "settings"
    return f"{name} {problem}" if problem == _REQUIRED else f"{name}: {problem}"
