"""The live configuration key values: reading, validated changes, persistence and change
notification. Shared by the CSMS's Get/ChangeConfiguration and the interface commands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from ocpp.v16.enums import ConfigurationStatus

from .keys import DEFINITIONS
from .rules import MAX_VALUE_LENGTH, InvalidValue, KeyDefinition
from .store import StateFile, StateFileError

# EVerest's ocpp types (pydantic classes: a tenth of a second and megabytes with pydantic) load
# with the first key read through them; a change answers in OCPP's own ConfigurationStatus
# (the wire's, already loaded), so the BootNotification's HeartbeatInterval loads neither
# (start-up time and idle memory, tests/test_startup.py).
if TYPE_CHECKING:
    from everest_py.generated.types.ocpp import GetConfigurationResponse, KeyValue

LOGGER = logging.getLogger(__name__)


class ChangeOrigin(StrEnum):
    CSMS = "CSMS"  # ChangeConfiguration.req
    LOCAL = "local"  # the set_configuration_key command
    BOOT = "BootNotification"  # the heartbeat interval of BootNotification.conf
    FALLBACK = "fallback"  # the charge point undid a change that did not work (SecurityProfile)


class KeyChange(NamedTuple):
    definition: KeyDefinition
    value: str
    origin: ChangeOrigin
    changed: bool = True  # False: an accepted change to the value the key already had


class UndoPoint(NamedTuple):
    """A key as it was before a change: its value and its state file entry (`stored` None:
    none)."""

    name: str
    value: str | None
    stored: str | None


ChangeListener = Callable[[KeyChange], None]
# Returns a reason when the change may not happen now (e.g. prerequisites of a security profile).
ChangeGuard = Callable[[str], str | None]


class ConfigurationError(Exception):
    """An initial value from the config file is invalid; the message names the key."""


class Configuration:
    def __init__(
        self,
        state: StateFile,
        initial: Mapping[str, str],
        derived: Mapping[str, str],
        definitions: Iterable[KeyDefinition] = DEFINITIONS,
    ) -> None:
        """Values: definition defaults, then `initial` (config file), then what was persisted;
        `derived` values are the charge point's own and always win."""
        self._state = state
        self._definitions = {definition.name: definition for definition in definitions}
        # OCPP key names are case-insensitive (CiString50).
        self._by_lower_name = {name.lower(): d for name, d in self._definitions.items()}
        self._values: dict[str, str | None] = {
            name: definition.default for name, definition in self._definitions.items()
        }
        self._listeners: list[ChangeListener] = []
        self._guards: dict[str, ChangeGuard] = {}
        self._held: set[str] = set()
        self._values.update(derived)
        given = [(self._settable(name), value) for name, value in initial.items()]
        # Set first, checked after: a key's rules may read another key (a list against its
        # *MaxLength), whichever comes first in the file.
        self._values.update((definition.name, value) for definition, value in given)
        for definition, value in given:
            self._values[definition.name] = self._checked(definition, value, "configuration")
        self._load_persisted(state)

    def definition(self, name: str) -> KeyDefinition | None:
        return self._by_lower_name.get(name.lower())

    def value(self, name: str) -> str | None:
        return self._values[name]

    def integer(self, name: str) -> int:
        value = self._values[name]
        if value is None:
            raise KeyError(f"{name} has no value")
        return int(value)

    def add_listener(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def set_guard(self, name: str, guard: ChangeGuard) -> None:
        self._guards[name] = guard

    def hold_persistence(self, name: str) -> None:
        """Accepted changes of `name` apply at once but are stored only by `persist(name)`, so a
        restart before that comes back with the last confirmed value."""
        self._held.add(name)

    def persist(self, name: str) -> None:
        """Store the current value of a held key (raises StateFileError)."""
        self._state.configuration[name] = self._values[name]
        self._state.save()

    def _settable(self, name: str) -> KeyDefinition:
        """The definition of a key the config file may set (ConfigurationError if none)."""
        definition = self.definition(name)
        if definition is None:
            raise ConfigurationError(f"configuration: unknown key {name!r}")
        if definition.derived:
            raise ConfigurationError(
                f"configuration: {definition.name} is set by the charge point itself"
            )
        return definition

    def _load_persisted(self, state: StateFile) -> None:
        """The values changed by the CSMS or locally, over the config file's. One that is not
        valid (the settings changed since: a phase rotation naming a connector no longer there;
        or the file was edited) is not used, with a warning naming file, key and reason, the
        config file's or default value standing: the charge point still starts. The entry
        stays in the file (nothing is lost) until a valid change of the key replaces it."""
        persisted = {
            definition.name: value
            for name, value in state.configuration.items()
            if (definition := self._definitions.get(name)) is not None
            and not (definition.derived or definition.read_only)  # never stored: stale
            and value is not None
        }
        before = {name: self._values[name] for name in persisted}
        self._values.update(persisted)  # set first, checked after, as the config file's
        for name, value in persisted.items():
            try:
                self._values[name] = self._checked(self._definitions[name], value, str(state.path))
            except ConfigurationError as error:
                # No value in the line: a write-only key's is a secret (the error hides it).
                LOGGER.warning("%s; not used: the config file's or default value stands", error)
                self._values[name] = before[name]

    def undo_point(self, key: str) -> UndoPoint | None:
        """What `undo` needs to take back a change of `key` made after this (None: no such
        key)."""
        definition = self.definition(key)
        if definition is None:
            return None
        name = definition.name
        return UndoPoint(name, self._values[name], self._state.configuration.get(name))

    def undo(self, point: UndoPoint, origin: ChangeOrigin) -> None:
        """Take back a change whose storing failed (it is answered Rejected, so it must not
        stay in effect, nor reach the disk with a later write): value and state file entry as
        they were, announced as a change back. Nothing is written now: after a failed sync the
        state file writes a whole snapshot of the state next time."""
        definition = self._definitions[point.name]
        if self._values[point.name] == point.value:
            return
        self._values[point.name] = point.value
        if point.stored is None:
            self._state.configuration.pop(point.name, None)
        else:
            self._state.configuration[point.name] = point.stored
        LOGGER.warning("%s change of %s taken back: it could not be stored", origin, point.name)
        if point.value is not None:
            self._announce(KeyChange(definition, point.value, origin))

    def restore(self, name: str, value: str) -> None:
        """Set `name` back to an earlier `value`, past the rules that compare with the current
        value (never lower the security profile), then store and announce it."""
        definition = self._definitions[name]
        self._values[name] = self._checked(definition, value, "restore")
        try:
            self.persist(name)
        except StateFileError as error:
            LOGGER.error("%s restored to %s but not stored: %s", name, value, error)
        LOGGER.info("%s restored to %s", name, value)
        self._announce(KeyChange(definition, value, ChangeOrigin.FALLBACK))

    def select(
        self, keys: Iterable[str]
    ) -> tuple[list[tuple[KeyDefinition, str | None]], list[str]]:
        """GetConfiguration's answer in plain terms: each known key with its value as shown
        (None for a write-only key), and the unknown names. No keys means every key. Needs no
        EVerest type: the CSMS's GetConfiguration does not load pydantic."""
        wanted = list(keys)
        if not wanted:
            return [(d, self._shown(d)) for d in self._definitions.values()], []
        known: list[tuple[KeyDefinition, str | None]] = []
        unknown: list[str] = []
        for name in wanted:
            definition = self.definition(name)
            if definition is None:
                unknown.append(name)
            else:
                known.append((definition, self._shown(definition)))
        return known, unknown

    def read(self, keys: Iterable[str]) -> GetConfigurationResponse:
        """`select` as EVerest's type (the interface's get_configuration_key)."""
        from everest_py.generated.types.ocpp import GetConfigurationResponse, KeyValue

        known, unknown = self.select(keys)
        readings = [KeyValue(key=d.name, read_only=d.read_only, value=v) for d, v in known]
        return GetConfigurationResponse(configuration_keys=readings, unknown_keys=unknown)

    def change(self, name: str, value: str, origin: ChangeOrigin) -> ConfigurationStatus:
        """Validate, persist and announce a change; the status says what ChangeConfiguration
        answers."""
        definition = self.definition(name)
        if definition is None:
            LOGGER.info("%s change of unknown key %r: NotSupported", origin, name)
            return ConfigurationStatus.not_supported
        if definition.read_only:
            LOGGER.info("%s change of read-only key %s: Rejected", origin, definition.name)
            return ConfigurationStatus.rejected
        try:
            normalised = _validated(definition, value, self._lookup)
            guard = self._guards.get(definition.name)
            reason = guard(normalised) if guard is not None else None
            if reason is not None:
                raise InvalidValue(reason)
        except InvalidValue as error:
            LOGGER.warning(
                "%s change of %s rejected: %s",
                origin,
                definition.name,
                self._safe(definition, error),
            )
            return ConfigurationStatus.rejected
        previous = self._values[definition.name]
        if normalised == previous:
            # Nothing to store (e.g. the same interval on every boot), but the change was
            # accepted: monitors still hear of it, as libocpp's change callbacks do.
            LOGGER.debug("%s change of %s: value unchanged", origin, definition.name)
            self._announce(KeyChange(definition, normalised, origin, changed=False))
            return self._accepted(definition)
        self._values[definition.name] = normalised
        if definition.name not in self._held:
            stored = self._state.configuration.get(definition.name)
            self._state.configuration[definition.name] = normalised
            try:
                self._state.save()
            except StateFileError as error:
                self._values[definition.name] = previous
                self._state.configuration[definition.name] = stored
                LOGGER.error("%s change of %s not stored: %s", origin, definition.name, error)
                return ConfigurationStatus.rejected
        LOGGER.info(
            "%s changed %s to %s",
            origin,
            definition.name,
            normalised if definition.readable else "(write-only value)",
        )
        self._announce(KeyChange(definition, normalised, origin))
        return self._accepted(definition)

    @staticmethod
    def _accepted(definition: KeyDefinition) -> ConfigurationStatus:
        return (
            ConfigurationStatus.reboot_required
            if definition.reboot_required
            else ConfigurationStatus.accepted
        )

    def _announce(self, change: KeyChange) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # A broken listener must not undo a stored change.
                LOGGER.exception("listener for %s failed", change.definition.name)

    def reading(self, definition: KeyDefinition) -> KeyValue:
        return self._reading(definition)

    def _reading(self, definition: KeyDefinition) -> KeyValue:
        from everest_py.generated.types.ocpp import KeyValue

        value = self._shown(definition)
        return KeyValue(key=definition.name, read_only=definition.read_only, value=value)

    def _shown(self, definition: KeyDefinition) -> str | None:
        # A write-only key is listed without its value.
        return self._values[definition.name] if definition.readable else None

    def _lookup(self, name: str) -> str | None:
        return self._values.get(name)

    def _checked(self, definition: KeyDefinition, value: str, source: str) -> str:
        # A loaded value replaces the current one, so rules relative to it (never lower the
        # security profile) do not apply here.
        def others(name: str) -> str | None:
            return None if name == definition.name else self._values.get(name)

        try:
            return _validated(definition, value, others)
        except InvalidValue as error:
            raise ConfigurationError(
                f"{source}: {definition.name}: {self._safe(definition, error)}"
            ) from error

    @staticmethod
    def _safe(definition: KeyDefinition, error: InvalidValue) -> str:
        # A reason may quote the value; a write-only key's value is never shown.
        return str(error) if definition.readable else "invalid value (not shown: write-only key)"


def _validated(definition: KeyDefinition, value: str, lookup: Callable[[str], str | None]) -> str:
    """The key's rules, after OCPP's own limit: a value is a CiString500 on the wire (in
    ChangeConfiguration.req and GetConfiguration.conf). The CSMS cannot send a longer one, but
    EVerest's set_configuration_key sets no length (its `maximum: 500` on a string limits
    nothing), so a local change is held to the same limit here, before a key rule (e.g. a long
    ConnectorPhaseRotation) could accept a value GetConfiguration could not report."""
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidValue(
            f"a value of {len(value)} characters is longer than OCPP's {MAX_VALUE_LENGTH}"
        )
    return definition.validate(value, lookup)
