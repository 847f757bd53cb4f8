"""Sample JSON documents derived from JSON schemas, for round-trip tests.

``full`` fills every property (down to a depth limit, so recursive types end);
``minimal`` only the required ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from hypothesis import find
from hypothesis import strategies as st

Mode = Literal["full", "minimal"]
RefResolver = Callable[[str], dict[str, Any]]
_MAX_DEPTH = 4
_CANDIDATES = ["abc", "a", "A1", "0", "a.b", "x_y", "AB", "1.0", "ok", ""]


def sample(schema: Any, resolve: RefResolver, mode: Mode, depth: int = 0) -> Any:
    if not isinstance(schema, dict):
        return {"free": [1, "two", True, None]}
    if "$ref" in schema:
        return sample(resolve(schema["$ref"]), resolve, mode, depth)
    declared = schema.get("type")
    if isinstance(declared, list):
        non_null = [t for t in declared if t != "null"]
        declared = non_null[0] if non_null and len(declared) < 6 else None
    if declared is None:
        return {"any": [1, "two", {"three": None}]}
    if declared == "object":
        return _object(schema, resolve, mode, depth)
    if declared == "array":
        return _array(schema, resolve, mode, depth)
    if declared == "string":
        return _string(schema, mode)
    if declared == "integer":
        return int(_number(schema, 7))
    if declared == "number":
        return _number(schema, 2.5)
    if declared == "boolean":
        return mode == "full"
    return None


def _object(schema: dict[str, Any], resolve: RefResolver, mode: Mode, depth: int) -> Any:
    properties = schema.get("properties")
    if not properties:
        additional = schema.get("additionalProperties")
        if isinstance(additional, dict):
            return {"key": sample(additional, resolve, mode, depth + 1)}
        return {"vendor": {"nested": [1, "x"]}, "flag": True}
    required = set(schema.get("required", []))
    document: dict[str, Any] = {}
    for name, sub in properties.items():
        if name in required or (mode == "full" and depth < _MAX_DEPTH):
            document[name] = sample(sub, resolve, mode, depth + 1)
    return document


def _array(schema: dict[str, Any], resolve: RefResolver, mode: Mode, depth: int) -> Any:
    count = 2 if mode == "full" and depth < _MAX_DEPTH else 0
    count = max(count, schema.get("minItems", 0))
    if "maxItems" in schema:
        count = min(count, schema["maxItems"])
    items = schema.get("items", {"type": "string"})
    return [sample(items, resolve, mode, depth + 1) for _ in range(count)]


def _string(schema: dict[str, Any], mode: Mode) -> str:
    if "enum" in schema:
        values = schema["enum"]
        return str(values[-1] if mode == "full" else values[0])
    if schema.get("format") == "date-time":
        return "2026-11-25T10:20:30Z"
    low = schema.get("minLength", 0)
    high = schema.get("maxLength", 1_000)
    pattern = schema.get("pattern")
    if pattern is None:
        return ("sample-text" * 10)[: max(low, min(high, 11))]

    def fits(text: str) -> bool:
        return low <= len(text) <= high and re.search(pattern, text) is not None

    for candidate in _CANDIDATES:
        if fits(candidate):
            return candidate
    found: str = find(st.from_regex(pattern), fits)
    return found


def _number(schema: dict[str, Any], preferred: float) -> float:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    if low is not None and high is not None:
        return (low + high) / 2 if schema.get("type") == "number" else (low + high) // 2
    if low is not None:
        return low + 1
    if high is not None:
        return high - 1
    return preferred
