"""The machinery of the differential test (``test_differential.py``).

An oracle that validates as EVerest does (JSON Schema draft-07 by ``jsonschema``, with an
RFC 3339 date-time checker and ECMA-262 patterns), a generator of valid instances from a
schema, and mutations of those instances aimed at every rule the schema states.
"""

from __future__ import annotations

import calendar
import copy
import math
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema
from jsonschema import validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from .samples import sample

Path = tuple[str | int, ...]
Resolver = Callable[[str], dict[str, Any]]

# -- the oracle ------------------------------------------------------------------------------


def rfc3339_date_time(text: object) -> bool:
    """RFC 3339 section 5.6 ``date-time``, with 5.7's restrictions; written apart from the
    runtime's parser (slices, not one regular expression) so the two check each other."""
    if not isinstance(text, str):
        return True  # formats constrain strings only
    if len(text) < 20 or not text.isascii():
        return False
    date, separator, rest = text[:10], text[10], text[11:]
    if separator not in "Tt" or date[4] != "-" or date[7] != "-":
        return False
    if not (date[:4] + date[5:7] + date[8:]).isdigit():
        return False
    year, month, day = int(date[:4]), int(date[5:7]), int(date[8:])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
        return False
    if rest[2] != ":" or rest[5] != ":" or not (rest[:2] + rest[3:5] + rest[6:8]).isdigit():
        return False
    hour, minute, second = int(rest[:2]), int(rest[3:5]), int(rest[6:8])
    rest = rest[8:]
    if rest.startswith("."):
        digits = len(rest) - len(rest[1:].lstrip("0123456789")) - 1
        if digits == 0:
            return False
        rest = rest[1 + digits :]
    if rest in ("Z", "z"):
        offset = 0
    elif len(rest) == 6 and rest[0] in "+-" and rest[3] == ":" and (rest[1:3] + rest[4:]).isdigit():
        if int(rest[1:3]) > 23 or int(rest[4:]) > 59:
            return False
        offset = (int(rest[1:3]) * 60 + int(rest[4:])) * (1 if rest[0] == "+" else -1)
    else:
        return False
    if hour > 23 or minute > 59 or second > 60:
        return False
    if second == 60:  # a leap second ends a UTC day
        return (hour * 60 + minute - offset) % 1440 == 23 * 60 + 59
    return True


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """ECMA-262 ``pattern`` (what nlohmann's std::regex and pydantic's Rust regex do): ``$``
    ends the text; Python's ``$`` would also match before a final newline."""
    if not isinstance(instance, str):
        return
    translated = re.sub(r"(?<!\\)\$", r"\\Z", pattern)
    if re.search(translated, instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _everest_integer(checker: Any, instance: Any) -> bool:
    """nlohmann's validator: an integer is what the JSON parser read as one (never ``5.0``)."""
    return isinstance(instance, int) and not isinstance(instance, bool)


def format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(rfc3339_date_time)
    return checker


_Draft7Strict = validators.extend(jsonschema.Draft7Validator, {"pattern": _ecma_pattern})
_EverestDraft7 = validators.extend(
    _Draft7Strict,
    type_checker=jsonschema.Draft7Validator.TYPE_CHECKER.redefine("integer", _everest_integer),
)


def registry(schemas: dict[str, dict[str, Any]]) -> Registry[Any]:
    return Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT7))
        for name, doc in schemas.items()
    )


def oracles(schema: dict[str, Any], store: Registry[Any]) -> tuple[Any, Any]:
    """(as EVerest validates, plain draft-07): both with strict date-times and ECMA patterns."""
    checker = format_checker()
    return (
        _EverestDraft7(schema, registry=store, format_checker=checker),
        _Draft7Strict(schema, registry=store, format_checker=checker),
    )


# -- valid instances -------------------------------------------------------------------------

_TEXT = ["a", "B", "0", "é", "€", "\U0001f50c", " ", "-", "_", "z"]
_DATE_TIMES = [
    "2026-11-25T10:20:30Z",
    "2026-11-25t10:20:30z",
    "2024-02-29T00:00:00.5+05:30",
    "2026-11-25T10:20:30.123456789-00:00",
    "2016-12-31T23:59:60Z",
    "2016-12-31T18:59:60.25-05:00",
    "1999-01-01T23:00:00+23:59",
    "2026-06-30T23:59:59.1234567Z",
]
_MAX_DEPTH = 3


@dataclass
class Slot:
    """One value in a generated instance: where it is and the schema it was made for."""

    path: Path
    schema: dict[str, Any]


class Generator:
    """Valid instances of a schema (seeded), recording every value's place and schema."""

    def __init__(self, resolve: Resolver, rng: random.Random) -> None:
        self.resolve = resolve
        self.rng = rng
        self.slots: list[Slot] = []
        self._pattern_samples: dict[str, str] = {}

    def deref(self, schema: Any) -> Any:
        while isinstance(schema, dict) and "$ref" in schema:
            schema = self.resolve(schema["$ref"])
        return schema

    def instance(self, schema: Any, path: Path = (), depth: int = 0) -> Any:
        schema = self.deref(schema)
        if not isinstance(schema, dict):
            return self.any_json(depth)
        self.slots.append(Slot(path, schema))
        declared = schema.get("type")
        if isinstance(declared, list):
            declared = self.rng.choice(declared)
        if declared is None:
            return self.any_json(depth)
        return getattr(self, f"make_{declared}")(schema, path, depth)

    def any_json(self, depth: int) -> Any:
        options: list[Any] = [None, True, 0, -3, 2.5, "text", "2026-01-01"]
        if depth < _MAX_DEPTH:
            options += [[1, "two", None], {"k": None, "n": {"m": [False]}}]
        return copy.deepcopy(self.rng.choice(options))

    def make_object(self, schema: dict[str, Any], path: Path, depth: int) -> Any:
        properties = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        document: dict[str, Any] = {}
        for name, sub in properties.items():
            if name in required or (depth < _MAX_DEPTH and self.rng.random() < 0.6):
                document[name] = self.instance(sub, path + (name,), depth + 1)
        additional = schema.get("additionalProperties", True)
        if isinstance(additional, dict):
            for key in self.rng.sample(["k1", "k2", "other key"], self.rng.randint(0, 2)):
                document[key] = self.instance(additional, path + (key,), depth + 1)
        elif additional is not False and not properties:
            document.update(self.rng.choice([{}, {"vendor": {"x": [1, None]}}, {"flag": None}]))
        return document

    def make_array(self, schema: dict[str, Any], path: Path, depth: int) -> Any:
        low = schema.get("minItems", 0)
        high = min(schema.get("maxItems", low + 3), low + 3)
        count = low if depth >= _MAX_DEPTH else self.rng.randint(low, high)
        items = schema.get("items", {})
        return [self.instance(items, path + (index,), depth + 1) for index in range(count)]

    def make_string(self, schema: dict[str, Any], path: Path, depth: int) -> Any:
        if "enum" in schema:
            return self.rng.choice(schema["enum"])
        if schema.get("format") == "date-time":
            return self.rng.choice(_DATE_TIMES)
        if "pattern" in schema:
            pattern = schema["pattern"]
            if pattern not in self._pattern_samples:
                self._pattern_samples[pattern] = sample(schema, self.resolve, "full")
            return self._pattern_samples[pattern]
        low = schema.get("minLength", 0)
        high = min(schema.get("maxLength", low + 12), low + 12)
        return "".join(self.rng.choice(_TEXT) for _ in range(self.rng.randint(low, high)))

    def _bounds(self, schema: dict[str, Any]) -> tuple[float, float]:
        low = schema.get("minimum", -(10**6))
        high = schema.get("maximum", 10**6)
        if "exclusiveMinimum" in schema:
            low = schema["exclusiveMinimum"] + 1
        if "exclusiveMaximum" in schema:
            high = schema["exclusiveMaximum"] - 1
        return low, high

    def make_integer(self, schema: dict[str, Any], path: Path, depth: int) -> Any:
        low, high = self._bounds(schema)
        choices = [
            math.ceil(low),
            math.floor(high),
            self.rng.randint(math.ceil(low), math.floor(high)),
        ]
        return self.rng.choice(choices)

    def make_number(self, schema: dict[str, Any], path: Path, depth: int) -> Any:
        low, high = self._bounds(schema)
        return self.rng.choice([low, high, round(self.rng.uniform(low, high), 3), math.ceil(low)])

    def make_boolean(self, schema: dict[str, Any], path: Path, depth: int) -> Any:
        return self.rng.random() < 0.5

    def make_null(self, schema: dict[str, Any], path: Path, depth: int) -> Any:
        return None


# -- mutations -------------------------------------------------------------------------------

_BAD_DATE_TIMES = [
    "2026-11-25 10:20:30Z",  # space for T
    "2026-11-25T10:20Z",  # no seconds
    "2026-11-25T10:20:30",  # no offset
    "2026-11-25T10:20:30+0100",
    "2026-11-25T10:20:30+01",
    "2026-02-29T10:20:30Z",  # not a leap year
    "2026-04-31T10:20:30Z",
    "2026-13-01T10:20:30Z",
    "2026-11-25T24:00:00Z",
    "2026-11-25T10:60:00Z",
    "2026-11-25T10:20:60Z",  # second 60, but not at the end of a UTC day
    "2016-12-31T23:59:60+01:00",  # 22:59:60 UTC
    "2026-11-25T10:20:30.Z",
    "2026-11-25T10:20:30Z\n",
    " 2026-11-25T10:20:30Z",
    "2026-11-25T10:20:30+24:00",
    "2026-11-25",
    "10:20:30Z",
    "20261125T102030Z",
    "2026-11-25T10:20:30\u00a0Z",
    "0000-01-01T00:00:00Z",  # year 0: valid RFC 3339, no Python datetime (see docs)
    "",
]
_WRONG_TYPES: dict[str, list[Any]] = {
    "string": [5, 5.5, True, None, [], {}],
    "integer": ["5", True, False, 5.5, 5.0, 1e19, None, [], {}],
    "number": ["5", "5.5", True, None, [], {}],
    "boolean": [1, 0, "true", "yes", None, 1.0],
    "object": [None, [], "x", 1],
    "array": [None, {}, "x", 1],
    "null": [0, False, "", "null", [], {}],
}


@dataclass(frozen=True)
class Mutation:
    kind: str
    instance: Any


def _set(document: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    document = copy.deepcopy(document)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def _get(document: Any, path: Path) -> Any:
    for key in path:
        document = document[key]
    return document


def mutations(document: Any, slot: Slot) -> Iterator[Mutation]:
    """Every mutation that applies to the value at ``slot``."""
    schema, path = slot.schema, slot.path
    declared = schema.get("type")
    kinds = declared if isinstance(declared, list) else [declared] if declared else []
    for kind in kinds:
        for value in _WRONG_TYPES.get(kind, []):
            yield Mutation(
                f"wrong type for {kind}: {type(value).__name__}", _set(document, path, value)
            )
    if "enum" in schema:
        first = str(schema["enum"][0])
        for value in ("NotAMember", first.lower(), first.upper(), first + " "):
            yield Mutation("enum value outside", _set(document, path, value))
    if schema.get("format") == "date-time":
        for value in _BAD_DATE_TIMES:
            yield Mutation("bad date-time", _set(document, path, value))
        yield Mutation("date-time as number", _set(document, path, 1764066030))
    if "pattern" in schema:
        current = _get(document, path)
        for value in (current + "\n", current + "!", "!" + current, current[:-1], ""):
            yield Mutation("pattern break", _set(document, path, value))
    for key, step in (("minLength", -1), ("maxLength", 1)):
        if key in schema and schema[key] + step >= 0:
            yield Mutation(f"{key} ±1", _set(document, path, "é" * (schema[key] + step)))
    for key, step in (
        ("minimum", -1),
        ("maximum", 1),
        ("exclusiveMinimum", 0),
        ("exclusiveMaximum", 0),
    ):
        if key in schema:
            yield Mutation(f"{key} ±1", _set(document, path, schema[key] + step))
            yield Mutation(f"{key} ±0.5", _set(document, path, schema[key] + step / 2))
    yield from _container_mutations(document, slot)


def _container_mutations(document: Any, slot: Slot) -> Iterator[Mutation]:
    schema, path = slot.schema, slot.path
    current = _get(document, path)
    if isinstance(current, dict) and schema.get("type") == "object":
        for extra in (None, 1, "x"):
            grown = dict(current, x_extra_field=extra)
            yield Mutation("extra field", _set(document, path, grown))
        for name in schema.get("required") or []:
            shrunk = {key: value for key, value in current.items() if key != name}
            yield Mutation("required field missing", _set(document, path, shrunk))
        for name in schema.get("properties") or {}:
            if name in current:
                yield Mutation("property null", _set(document, path, dict(current, **{name: None})))
    if isinstance(current, list) and schema.get("type") == "array":
        if "maxItems" in schema and current:
            longer = current + [current[0]] * (schema["maxItems"] + 1 - len(current))
            yield Mutation("maxItems +1", _set(document, path, longer))
        if schema.get("minItems", 0) > 0:
            yield Mutation("minItems -1", _set(document, path, current[: schema["minItems"] - 1]))


def same_json(left: Any, right: Any) -> bool:
    """JSON equality: 1 == 1.0 (one JSON number), but true is not 1."""
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_json(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same_json, left, right))
    return type(left) is type(right) and left == right
