"""What a configuration key is (`KeyDefinition`) and the validators its value must pass.

The keys themselves are listed in keys.py. A validator (`Rule`) takes the proposed value and a lookup of the other current values, and
returns the normalised value to store or raises `InvalidValue` with a reason a person can act on.
Each rule also carries the text that describes it, which the README table shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Final, NamedTuple

from ocpp.v16.enums import Measurand

Lookup = Callable[[str], str | None]
Check = Callable[[str, Lookup], str]

# CiString500: the longest value a ChangeConfiguration.req can carry.
MAX_VALUE_LENGTH: Final = 500
INT32_MAX: Final = 2**31 - 1


class InvalidValue(ValueError):
    """The proposed value breaks the key's rules; the message says which."""


class KeyType(StrEnum):
    INTEGER = "integer"
    BOOLEAN = "boolean"
    STRING = "string"
    LIST = "comma-separated list"


class Access(StrEnum):
    READ_ONLY = "R"
    READ_WRITE = "RW"
    WRITE_ONLY = "W"


class Profile(StrEnum):
    CORE = "Core"
    LOCAL_AUTH_LIST_MANAGEMENT = "LocalAuthListManagement"
    RESERVATION = "Reservation"
    SECURITY = "Security whitepaper"
    SMART_CHARGING = "SmartCharging"


class KeyDefinition(NamedTuple):
    name: str
    profile: Profile
    type: KeyType
    access: Access
    default: str | None
    validate: Rule
    description: str
    reboot_required: bool = False
    # The charge point computes the value itself; a config file may not set it.
    derived: bool = False

    @property
    def rules(self) -> str:
        """The allowed values, as the README table shows them."""
        return self.validate.text

    @property
    def read_only(self) -> bool:
        return self.access is Access.READ_ONLY

    @property
    def readable(self) -> bool:
        return self.access is not Access.WRITE_ONLY


# --- validators -----------------------------------------------------------------------------


class Rule(NamedTuple):
    """A validator and the text that describes what it allows."""

    check: Check
    text: str

    def __call__(self, value: str, lookup: Lookup) -> str:
        return self.check(value, lookup)


_INTEGER: Final = re.compile(r"-?[0-9]+")


def integer(minimum: int = 0, maximum: int = INT32_MAX, unit: str = "") -> Rule:
    def check(value: str, _lookup: Lookup) -> str:
        text = value.strip()
        # ASCII digits only: str.isdigit() also takes "²" and a doubled sign got through.
        if _INTEGER.fullmatch(text) is None:
            raise InvalidValue(f"{value!r} is not an integer")
        number = int(text)
        if not minimum <= number <= maximum:
            raise InvalidValue(f"{number} is outside {minimum}..{maximum}")
        return str(number)

    return Rule(check, f"{unit}, {minimum}..{maximum}" if unit else f"{minimum}..{maximum}")


def boolean() -> Rule:
    def check(value: str, _lookup: Lookup) -> str:
        text = value.strip().lower()
        if text not in ("true", "false"):
            raise InvalidValue(f"{value!r} is not a boolean (true or false)")
        return text

    return Rule(check, "true/false")


def string(min_length: int = 0, max_length: int = MAX_VALUE_LENGTH) -> Rule:
    def check(value: str, _lookup: Lookup) -> str:
        if not min_length <= len(value) <= max_length:
            raise InvalidValue(
                f"a value of {len(value)} characters is outside {min_length}..{max_length}"
            )
        if not value.isprintable():
            raise InvalidValue("the value contains control characters")
        return value

    return Rule(check, f"{min_length}..{max_length} characters")


def _items(value: str) -> list[str]:
    stripped = value.strip()
    return [] if not stripped else [item.strip() for item in stripped.split(",")]


def item_list(
    check_item: Callable[[str], None], max_length_key: str | None, allow_empty: bool = True
) -> Check:
    def check(value: str, lookup: Lookup) -> str:
        items = _items(value)
        if not items and not allow_empty:
            raise InvalidValue("the list may not be empty")
        for item in items:
            if not item:
                raise InvalidValue("the list has an empty item")
            check_item(item)
        if len(set(items)) != len(items):
            raise InvalidValue("the list repeats an item")
        limit = lookup(max_length_key) if max_length_key is not None else None
        if limit is not None and len(items) > int(limit):
            raise InvalidValue(f"{len(items)} items exceed {max_length_key}={limit}")
        return ",".join(items)

    return check


def one_of(allowed: Iterable[str], what: str) -> Callable[[str], None]:
    choices = tuple(allowed)

    def check_item(item: str) -> None:
        if item not in choices:
            raise InvalidValue(f"{item!r} is not a {what} (one of {', '.join(choices)})")

    return check_item


MEASURANDS: Final = tuple(m.value for m in Measurand)
FEATURE_PROFILES: Final = (
    "Core",
    "FirmwareManagement",
    "LocalAuthListManagement",
    "Reservation",
    "SmartCharging",
    "RemoteTrigger",
)
PHASE_ROTATIONS: Final = ("NotApplicable", "Unknown", "RST", "RTS", "SRT", "STR", "TRS", "TSR")
# What this charge point implements; SupportedFeatureProfiles reports exactly this.
IMPLEMENTED_PROFILES: Final = (
    "Core,FirmwareManagement,LocalAuthListManagement,RemoteTrigger,Reservation,SmartCharging"
)


def measurand_list(max_length_key: str) -> Rule:
    return Rule(
        item_list(one_of(MEASURANDS, "measurand"), max_length_key),
        f"measurands of OCPP 1.6, at most {max_length_key} items",
    )


def feature_profiles() -> Rule:
    inner = item_list(one_of(FEATURE_PROFILES, "feature profile"), None, allow_empty=False)

    def check(value: str, lookup: Lookup) -> str:
        normalised = inner(value, lookup)
        if "Core" not in normalised.split(","):
            raise InvalidValue("the Core profile must be listed")
        return normalised

    return Rule(check, "of " + ", ".join(FEATURE_PROFILES) + "; Core required")


def phase_rotation() -> Rule:
    def check(value: str, lookup: Lookup) -> str:
        connectors = int(lookup("NumberOfConnectors") or "0")

        def check_item(item: str) -> None:
            connector, dot, rotation = item.partition(".")
            if not dot or not connector.isdigit():
                raise InvalidValue(f"{item!r} is not <connector>.<rotation>, e.g. 1.RST")
            if int(connector) > connectors:
                raise InvalidValue(f"{item!r} names connector {connector} of {connectors}")
            one_of(PHASE_ROTATIONS, "phase rotation")(rotation)

        normalised = item_list(check_item, "ConnectorPhaseRotationMaxLength")(value, lookup)
        listed = [item.partition(".")[0] for item in _items(normalised)]
        if len(set(listed)) != len(listed):
            raise InvalidValue("a connector is listed twice")
        return normalised

    return Rule(
        check,
        f"<connector>.<{'|'.join(PHASE_ROTATIONS)}>, connector 0..NumberOfConnectors, "
        "at most ConnectorPhaseRotationMaxLength items",
    )


def security_profile() -> Rule:
    number = integer(0, 3)

    def check(value: str, lookup: Lookup) -> str:
        normalised = number(value, lookup)
        current = lookup("SecurityProfile")
        if current is not None and int(normalised) < int(current):
            raise InvalidValue(f"the security profile may not be lowered from {current}")
        return normalised

    return Rule(check, "0..3, never lowered")
