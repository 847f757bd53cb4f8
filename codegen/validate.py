"""The project's own meta-schema: the rules EVerest's meta-schemas impose, as code.

Checks are structural (keys, types, required descriptions, name patterns) and
cover the JSON-Schema parts the generator relies on. Every problem is
collected; nothing stops at the first one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .diagnostics import Problem, Warnings
from .load import SourceFile
from .naming import EVEREST_NAME

JSON_TYPES = frozenset({"null", "boolean", "object", "array", "number", "string", "integer"})
REF_PATTERN = re.compile(r"^/(?P<module>[A-Za-z0-9_]+)#/(?P<name>[A-Za-z0-9_.\-]+)$")
ERROR_REF_PATTERN = re.compile(
    r"^/errors/(?P<module>[a-z][a-zA-Z0-9_]*)(#/(?P<name>[A-Z][A-Za-z0-9]*))?$"
)
ERROR_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")

# Draft-07 keywords the generator understands (others are reported once as not enforced).
SCHEMA_KEYWORDS = frozenset(
    {
        "type", "description", "title", "$ref", "properties", "required", "additionalProperties",
        "items", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems", "format",
        "default", "examples", "$comment", "uniqueItems", "qos", "anyOf", "oneOf",
    }
)  # fmt: skip
_NUMBER_KEYWORDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_COUNT_KEYWORDS = ("minLength", "maxLength", "minItems", "maxItems")

Path_ = tuple[str, ...]


class _Checker:
    def __init__(self, source: SourceFile, warnings: Warnings) -> None:
        self.file: Path = source.path
        self.problems: list[Problem] = []
        self.warnings = warnings

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.file, path, message))

    def warn(self, path: Path_, message: str) -> None:
        self.warnings.add(self.file, path, message)

    # -- building blocks -------------------------------------------------

    def mapping(self, value: Any, path: Path_) -> Mapping[str, Any] | None:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, f"must be a mapping, found {_kind(value)}")
            return None
        return value

    def description(self, node: Mapping[str, Any], path: Path_, required: bool = True) -> None:
        if "description" not in node:
            if required:
                self.error(path, "missing description")
            return
        text = node["description"]
        if not isinstance(text, str) or len(text) < 2:
            self.error(path + ("description",), "must be a text of at least 2 characters")

    def keys(self, node: Mapping[str, Any], path: Path_, allowed: frozenset[str]) -> None:
        for key in node:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.error(path + (str(key),), f"unknown key {key!r} (allowed: {known})")

    def named_entries(
        self, node: Mapping[str, Any], path: Path_, check: Callable[[Any, Path_], None]
    ) -> None:
        for name, value in node.items():
            if not isinstance(name, str) or not EVEREST_NAME.match(name):
                self.error(
                    path + (str(name),), f"invalid name {name!r}: must match {EVEREST_NAME.pattern}"
                )
                continue
            check(value, path + (name,))

    # -- JSON schema ------------------------------------------------------

    def schema(
        self, node: Any, path: Path_, *, top: bool = False, forbid_null: bool = False
    ) -> None:
        if not isinstance(node, dict):
            if node is True or node is False:
                return
            self.error(path, f"must be a JSON schema (a mapping), found {_kind(node)}")
            return
        if top:
            if "type" not in node:
                self.error(path, "missing type")
            self.description(node, path)
            if "default" in node and not path[0] == "types":
                self.error(path + ("default",), "default values are not allowed here")
        elif "description" in node:
            self.description(node, path)
        for key in node:
            if key not in SCHEMA_KEYWORDS:
                self.warn(
                    path + (str(key),),
                    f"JSON-Schema keyword {key!r} is not enforced by the generated code",
                )
        if "type" in node:
            self.schema_type(node["type"], path + ("type",), forbid_null)
        if "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not REF_PATTERN.match(ref):
                self.error(
                    path + ("$ref",),
                    f"invalid reference {ref!r}: expected /<type file>#/<TypeName>",
                )
        for key in _NUMBER_KEYWORDS:
            if key in node and (
                isinstance(node[key], bool) or not isinstance(node[key], int | float)
            ):
                self.error(path + (key,), f"must be a number, found {_kind(node[key])}")
        for key in _COUNT_KEYWORDS:
            if key in node and (
                isinstance(node[key], bool) or not isinstance(node[key], int) or node[key] < 0
            ):
                self.error(path + (key,), f"must be a non-negative integer, found {node[key]!r}")
        if "pattern" in node:
            try:
                re.compile(str(node["pattern"]))
            except re.error as error:
                self.error(path + ("pattern",), f"invalid regular expression: {error}")
        if "enum" in node:
            values = node["enum"]
            if not isinstance(values, list) or not values:
                self.error(path + ("enum",), "must be a non-empty list")
            elif len(set(map(repr, values))) != len(values):
                self.error(path + ("enum",), "values must be unique")
            elif "$ref" not in node and any(not isinstance(v, str) for v in values):
                self.error(path + ("enum",), "only string enums are supported")
        if "format" in node and node["format"] != "date-time":
            self.warn(path + ("format",), f"format {node['format']!r} is not enforced")
        properties = node.get("properties")
        if properties is not None:
            props = self.mapping(properties, path + ("properties",))
            if props is not None:
                for name, sub in props.items():
                    self.schema(sub, path + ("properties", str(name)))
        required = node.get("required")
        if required is not None and (
            not isinstance(required, list) or any(not isinstance(r, str) for r in required)
        ):
            self.error(path + ("required",), "must be a list of property names")
        additional = node.get("additionalProperties")
        if additional is not None and not isinstance(additional, bool):
            self.schema(additional, path + ("additionalProperties",))
        if "items" in node:
            items = node["items"]
            if isinstance(items, list):
                self.warn(path + ("items",), "tuple validation (items as a list) is not enforced")
            else:
                self.schema(items, path + ("items",))
        for key in ("anyOf", "oneOf"):
            if key in node:
                options = node[key]
                if not isinstance(options, list) or not options:
                    self.error(path + (key,), "must be a non-empty list of schemas")
                else:
                    for index, option in enumerate(options):
                        self.schema(option, path + (key, str(index)))

    def schema_type(self, value: Any, path: Path_, forbid_null: bool) -> None:
        names = value if isinstance(value, list) else [value]
        if not names or any(not isinstance(name, str) or name not in JSON_TYPES for name in names):
            self.error(
                path, f"invalid type {value!r}: each must be one of {', '.join(sorted(JSON_TYPES))}"
            )
        elif len(set(names)) != len(names):
            self.error(path, "types must be unique")
        elif forbid_null and isinstance(value, str) and value == "null":
            self.error(path, "type 'null' is not allowed here (leave the result out instead)")


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


def validate_interface(source: SourceFile, warnings: Warnings) -> list[Problem]:
    check = _Checker(source, warnings)
    root = check.mapping(source.document, ())
    if root is None:
        return check.problems
    check.keys(root, (), frozenset({"description", "cmds", "vars", "errors"}))
    check.description(root, ())
    cmds = check.mapping(root.get("cmds"), ("cmds",))

    def command(node: Any, path: Path_) -> None:
        cmd = check.mapping(node, path)
        if cmd is None:
            return
        check.keys(cmd, path, frozenset({"description", "arguments", "result"}))
        check.description(cmd, path)
        arguments = check.mapping(cmd.get("arguments"), path + ("arguments",))
        if arguments is not None:
            check.named_entries(
                arguments,
                path + ("arguments",),
                lambda arg, p: check.schema(arg, p, top=True, forbid_null=True),
            )
        if "result" in cmd:
            check.schema(cmd["result"], path + ("result",), top=True, forbid_null=True)

    if cmds is not None:
        check.named_entries(cmds, ("cmds",), command)
    variables = check.mapping(root.get("vars"), ("vars",))
    if variables is not None:
        check.named_entries(variables, ("vars",), lambda var, p: _variable(check, var, p))
    errors = root.get("errors")
    if errors is not None:
        if not isinstance(errors, list):
            check.error(("errors",), f"must be a list, found {_kind(errors)}")
        else:
            for index, entry in enumerate(errors):
                path = ("errors", str(index))
                if not isinstance(entry, dict) or set(entry) != {"reference"}:
                    check.error(path, "must be a mapping with exactly one key, reference")
                elif not isinstance(entry["reference"], str) or not ERROR_REF_PATTERN.match(
                    entry["reference"]
                ):
                    check.error(
                        path + ("reference",),
                        f"invalid error reference {entry['reference']!r}: "
                        "expected /errors/<file> or /errors/<file>#/<ErrorName>",
                    )
    return check.problems


def _variable(check: _Checker, node: Any, path: Path_) -> None:
    check.schema(node, path, top=True)
    if isinstance(node, dict) and "qos" in node:
        qos = node["qos"]
        if isinstance(qos, bool) or not isinstance(qos, int) or not 0 <= qos <= 2:
            check.error(path + ("qos",), f"must be 0, 1 or 2, found {qos!r}")


def validate_types(source: SourceFile, warnings: Warnings) -> list[Problem]:
    check = _Checker(source, warnings)
    root = check.mapping(source.document, ())
    if root is None:
        return check.problems
    check.keys(root, (), frozenset({"description", "types"}))
    check.description(root, ())
    types = check.mapping(root.get("types"), ("types",))
    if types is not None:
        check.named_entries(types, ("types",), lambda t, p: check.schema(t, p, top=True))
    return check.problems


def validate_errors(source: SourceFile, warnings: Warnings) -> list[Problem]:
    check = _Checker(source, warnings)
    root = check.mapping(source.document, ())
    if root is None:
        return check.problems
    check.keys(root, (), frozenset({"description", "errors"}))
    check.description(root, ())
    errors = root.get("errors", [])
    if not isinstance(errors, list):
        check.error(("errors",), f"must be a list, found {_kind(errors)}")
        return check.problems
    seen: set[str] = set()
    for index, entry in enumerate(errors):
        path = ("errors", str(index))
        error = check.mapping(entry, path)
        if error is None:
            continue
        check.keys(error, path, frozenset({"name", "description"}))
        check.description(error, path)
        name = error.get("name")
        if not isinstance(name, str) or not ERROR_NAME.match(name) or len(name) < 2:
            check.error(
                path + ("name",), f"invalid error name {name!r}: must match {ERROR_NAME.pattern}"
            )
        elif name in seen:
            check.error(path + ("name",), f"duplicate error name {name!r}")
        else:
            seen.add(name)
    return check.problems


VALIDATORS = {"interfaces": validate_interface, "types": validate_types, "errors": validate_errors}
