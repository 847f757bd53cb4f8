"""Validate one input file: EVerest's meta-schemas first, then the rules the generator adds.

The meta-schemas (``metaschemas.py``) give the structure: keys, names, required descriptions and
types, and, for the JSON schemas inside, the JSON-Schema meta-schema. What they cannot express
and the generator needs is checked here on top: ``$ref`` in the one form EVerest resolves, enums
the generated ``StrEnum`` can hold, unique error names. References that do not resolve are
``resolve.py``'s business. Every problem is collected; nothing stops at the first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .diagnostics import Problem, Warnings
from .load import SourceFile
from .metaschemas import FORBIDDEN, MetaSchemas, SchemaCheck

JSON_TYPES = frozenset({"null", "boolean", "object", "array", "number", "string", "integer"})
REF_PATTERN = re.compile(r"^/(?P<module>[A-Za-z0-9_]+)#/(?P<name>[A-Za-z0-9_.\-]+)$")
ERROR_REF_PATTERN = re.compile(
    r"^/errors/(?P<module>[a-z][a-zA-Z0-9_]*)(#/(?P<name>[A-Z][A-Za-z0-9]*))?$"
)

# Draft-07 keywords the generated code enforces or carries; others get a warning.
SCHEMA_KEYWORDS = frozenset(
    {
        "type", "description", "title", "$ref", "properties", "required", "additionalProperties",
        "items", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems", "format",
        "default", "examples", "$comment", "qos", "anyOf", "oneOf",
    }
)  # fmt: skip
# Keywords that constrain only values of some JSON types: without a `type` (and no $ref, enum,
# anyOf or oneOf deciding the value) the generated code does not enforce them.
_TYPED_KEYWORDS = (
    "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
    "pattern", "format",
)  # fmt: skip
# What a schema may carry beside anyOf/oneOf without it being ignored: annotations only.
_ANNOTATIONS = frozenset({"description", "title", "default", "examples", "$comment", "qos"})

KeyPath = tuple[str, ...]
Finding = tuple[KeyPath, str]

_KIND_NAMES = {
    "object": "a mapping", "array": "a list", "string": "a text", "integer": "an integer",
    "number": "a number", "boolean": "true or false", "null": "nothing",
}  # fmt: skip


def validate(source: SourceFile, meta: MetaSchemas, warnings: Warnings) -> list[Problem]:
    """Every problem of one parsed file (``source.document`` may be any YAML value)."""
    document = source.document
    findings = list(_schema_findings(meta.checks[source.kind], document, ()))
    for path, schema in _embedded_schemas(source):
        if source.kind == "interfaces":  # type.yaml already checks these itself
            findings.extend(_schema_findings(meta.embedded_schema, schema, path))
        findings.extend(_generator_findings(schema, path, source, warnings))
    if source.kind == "errors":
        findings.extend(_duplicate_error_names(document))
    unique = dict.fromkeys(findings)  # one report per place and text, in the order found
    return [Problem(source.path, path, message) for path, message in unique]


# -- meta-schema errors, in the generator's words ------------------------------------------------


def _schema_findings(check: SchemaCheck, instance: Any, prefix: KeyPath) -> Iterator[Finding]:
    for error in check.errors(instance):  # none, without jsonschema, for a valid instance
        path = prefix + tuple(str(part) for part in error.absolute_path)
        yield from _describe(error, path)


def _describe(error: Any, path: KeyPath) -> Iterator[Finding]:
    """jsonschema's error as file-relative findings; one per missing or unexpected key."""
    keyword, expected, instance = error.validator, error.validator_value, error.instance
    if keyword == "required":
        for name in expected:
            if isinstance(instance, dict) and name not in instance:
                yield path, f"missing {name}"
    elif keyword == "additionalProperties" and isinstance(instance, dict):
        yield from _unexpected_keys(error.schema, instance, path)
    elif keyword == "type":
        yield path, f"must be {_expected_kinds(expected)}, found {_kind(instance)}"
    elif keyword is None or (keyword == "not" and expected == FORBIDDEN["not"]):
        yield path, "is not allowed here"  # e.g. interface.yaml's `default: false`
    elif keyword in ("anyOf", "oneOf") and _alternatives(error):
        yield path, "matches none of the allowed forms: " + "; ".join(_alternatives(error))
    elif keyword == "minLength" and path[-1:] == ("description",):
        yield path, f"must be a text of at least {expected} characters"
    else:
        yield path, error.message


def _alternatives(error: Any) -> list[str]:
    """Why the value itself failed each alternative of an anyOf/oneOf (not its insides)."""
    return list(dict.fromkeys(sub.message for sub in error.context if not sub.relative_path))


def _unexpected_keys(
    schema: Mapping[str, Any], instance: Mapping[str, Any], path: KeyPath
) -> Iterator[Finding]:
    declared = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    for key in instance:
        if key in declared or any(re.search(pattern, str(key)) for pattern in patterns):
            continue
        if patterns:  # a mapping of names (commands, arguments, types, ...)
            yield path + (str(key),), f"invalid name {key!r}: must match {' or '.join(patterns)}"
        else:
            allowed = ", ".join(sorted(declared))
            yield path + (str(key),), f"unknown key {key!r} (allowed: {allowed})"


def _expected_kinds(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(_KIND_NAMES.get(name, name) for name in names)


_JSON_KIND_OF_TYPE: Mapping[type, str] = {
    dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
    int: "integer", float: "number",
}  # fmt: skip


def _kind(value: Any) -> str:
    kind = _JSON_KIND_OF_TYPE.get(type(value))
    return _KIND_NAMES[kind] if kind else type(value).__name__


# -- where the JSON schemas are -------------------------------------------------------------------


def _embedded_schemas(source: SourceFile) -> Iterator[tuple[KeyPath, Mapping[str, Any]]]:
    """(key path, schema) of each type, argument, result and variable that is a mapping.

    The document's shape is not trusted here; anything that is not a mapping was reported by
    the meta-schema already.
    """
    return ((path, schema) for path, schema in _schema_places(source) if isinstance(schema, dict))


def _schema_places(source: SourceFile) -> Iterator[tuple[KeyPath, Any]]:
    document = _mapping(source.document)
    if source.kind == "types":
        for name, schema in _mapping(document.get("types")).items():
            yield ("types", str(name)), schema
    elif source.kind == "interfaces":
        for name, command in _mapping(document.get("cmds")).items():
            command = _mapping(command)
            for argument, schema in _mapping(command.get("arguments")).items():
                yield ("cmds", str(name), "arguments", str(argument)), schema
            if "result" in command:
                yield ("cmds", str(name), "result"), command["result"]
        for name, schema in _mapping(document.get("vars")).items():
            yield ("vars", str(name)), schema


def _mapping(value: Any) -> Mapping[Any, Any]:
    return value if isinstance(value, dict) else {}


def _nested_schemas(
    schema: Any, path: KeyPath, enforced: bool = True
) -> Iterator[tuple[Mapping[str, Any], KeyPath, bool]]:
    """The schema and every schema inside it, each with whether the generated code enforces
    it: not beside a ``$ref`` (draft-07 ignores those keywords) or an ``anyOf``/``oneOf``
    (only the alternatives are), nor where the schema's type makes no use of it."""
    if not isinstance(schema, dict):
        return
    yield schema, path, enforced
    used = _enforced_children(schema) if enforced else set()
    for name, sub in _mapping(schema.get("properties")).items():
        yield from _nested_schemas(sub, path + ("properties", str(name)), "properties" in used)
    yield from _nested_schemas(
        schema.get("additionalProperties"),
        path + ("additionalProperties",),
        "additionalProperties" in used,
    )
    yield from _nested_schemas(schema.get("items"), path + ("items",), "items" in used)
    for keyword in ("anyOf", "oneOf"):
        options = schema.get(keyword)
        for index, option in enumerate(options if isinstance(options, list) else []):
            yield from _nested_schemas(option, path + (keyword, str(index)), keyword in used)


def _enforced_children(schema: Mapping[str, Any]) -> set[str]:
    """Which keywords holding schemas the generator turns into code (as ``resolve`` does)."""
    if "$ref" in schema:
        return set()
    alternatives = next((key for key in ("anyOf", "oneOf") if key in schema), None)
    if alternatives is not None:
        return {alternatives}
    declared = schema.get("type")
    listed = [declared] if isinstance(declared, str) else declared
    if "enum" in schema or not isinstance(listed, list):
        return set()  # a StrEnum, or any JSON value
    kinds = set(listed)
    if kinds >= JSON_TYPES - {"integer"}:
        return set()  # any JSON value
    used = {"items"} if "array" in kinds else set()
    if "object" in kinds:
        used.add("properties" if "properties" in schema else "additionalProperties")
    return used


# -- what the generator adds ----------------------------------------------------------------------


def _generator_findings(
    schema: Any, path: KeyPath, source: SourceFile, warnings: Warnings
) -> Iterator[Finding]:
    for node, node_path, enforced in _nested_schemas(schema, path):
        yield from _reference_form(node, node_path)
        yield from _enum_values(node, node_path, enforced)
        for warning_path, message in _unenforced(node, node_path):
            warnings.add(source.path, warning_path, message)


def _reference_form(node: Mapping[str, Any], path: KeyPath) -> Iterable[Finding]:
    """Only ``/<type file>#/<TypeName>`` names a type the generator can import."""
    if "$ref" not in node:
        return ()
    ref = node["$ref"]
    if isinstance(ref, str) and REF_PATTERN.match(ref):
        return ()
    return [(path + ("$ref",), f"invalid reference {ref!r}: expected /<type file>#/<TypeName>")]


def _enum_values(node: Mapping[str, Any], path: KeyPath, enforced: bool) -> Iterable[Finding]:
    """An inline enum becomes a ``StrEnum``: its values must be distinct texts (draft-07 allows
    any list, even an empty one). Beside a ``$ref`` the enum is ignored, as draft-07 says; where
    the generated code does not enforce the schema at all (``enforced`` is false: beside a
    ``$ref`` or ``anyOf`` higher up) no value being valid is no reason to refuse the input."""
    values = node.get("enum")
    if not isinstance(values, list) or "$ref" in node:
        return ()
    enum_path = path + ("enum",)
    if not values:
        return [(enum_path, "must be a non-empty list")]
    if any(not isinstance(value, str) for value in values):
        return [(enum_path, "only string enums are supported")]
    if len(set(values)) != len(values):
        return [(enum_path, "values must be unique")]
    declared = node.get("type")
    kinds = [declared] if isinstance(declared, str) else declared
    if (
        enforced
        and isinstance(kinds, list)
        and "string" not in kinds
        and not _alternatives_beside(node)
    ):
        # JSON Schema applies the enum to the whole value: with texts only, no value is valid.
        return [
            (
                enum_path,
                f"lists texts only, which type {declared!r} does not allow: no value is valid",
            )
        ]
    return ()


def _alternatives_beside(node: Mapping[str, Any]) -> bool:
    """anyOf/oneOf decide the value; keywords beside them are reported as not enforced."""
    return "anyOf" in node or "oneOf" in node


def _unenforced(node: Mapping[str, Any], path: KeyPath) -> Iterator[Finding]:
    for key in node:
        if key == "uniqueItems" and node[key] is False:
            continue  # asks for nothing
        if key not in SCHEMA_KEYWORDS:
            yield path + (str(key),), (
                f"JSON-Schema keyword {key!r} is not enforced by the generated code"
            )
    alternatives = next((key for key in ("anyOf", "oneOf") if key in node), None)
    if alternatives is not None and "$ref" not in node:  # beside a $ref all is ignored anyway
        for key in node:
            if key != alternatives and key not in _ANNOTATIONS:
                yield path + (str(key),), (
                    f"{key!r} beside {alternatives!r} is not enforced by the generated code "
                    f"(only the {alternatives} alternatives are)"
                )
    if not any(key in node for key in ("type", "$ref", "enum", "anyOf", "oneOf")):
        typed = [key for key in _TYPED_KEYWORDS if key in node]
        if typed:  # `{}` alone is any JSON value by intent: no warning for it
            yield path, (
                f"{', '.join(map(repr, typed))} without a 'type' {'is' if len(typed) == 1 else 'are'} "
                "not enforced by the generated code: any JSON value is accepted (add a 'type')"
            )
    if isinstance(node.get("additionalProperties"), dict) and "properties" in node:
        yield path + ("additionalProperties",), (
            "additionalProperties as a schema beside properties is not enforced: "
            "extra properties of any value are accepted"
        )
    if "format" in node and node["format"] != "date-time":
        yield path + ("format",), f"format {node['format']!r} is not enforced"
    if isinstance(node.get("items"), list):
        yield path + ("items",), "tuple validation (items as a list) is not enforced"


def _duplicate_error_names(document: Any) -> Iterator[Finding]:
    """Error names become enum members, so one list cannot declare a name twice."""
    entries = _mapping(document).get("errors")
    seen: set[str] = set()
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        name = _mapping(entry).get("name")
        if not isinstance(name, str):
            continue
        if name in seen:
            yield ("errors", str(index), "name"), f"duplicate error name {name!r}"
        seen.add(name)
