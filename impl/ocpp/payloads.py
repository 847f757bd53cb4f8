"""Payload conversion between the `ocpp` package's snake_case dataclasses and OCPP's camelCase
JSON, with the package's own naming rules, cached per name (the package re-derives every key on
every message, a quarter of the cost of a GetConfiguration answer). The name caches are bounded:
a peer chooses the names of unknown fields."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, Final

from ocpp.charge_point import camel_to_snake_case, snake_to_camel_case

NAME_CACHE_SIZE = 512  # far above the number of field names OCPP 1.6 defines


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def camel_name(name: str) -> str:
    return str(next(iter(snake_to_camel_case({name: None}))))


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def snake_name(name: str) -> str:
    return str(next(iter(camel_to_snake_case({name: None}))))


@functools.cache
def _field_names(cls: type) -> tuple[tuple[str, str], ...]:
    return tuple((field.name, camel_name(field.name)) for field in dataclasses.fields(cls))


@functools.cache
def _snake_names(cls: type) -> frozenset[str]:
    return frozenset(name for name, _ in _field_names(cls))


def dataclass_arguments(cls: type, payload: dict[str, Any]) -> dict[str, Any]:
    """A camelCase JSON payload as keyword arguments of the dataclass `cls`; fields it does
    not have are left out (the field names are looked up once per class)."""
    names = _snake_names(cls)
    return {k: v for k, v in to_keyword_arguments(payload).items() if k in names}


_PLAIN: Final = frozenset({str, int, float, bool})


def to_json_payload(value: Any) -> Any:
    """A dataclass (or list/dict of them) as a camelCase JSON value, None values left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = {}
        for name, camel in _field_names(type(value)):
            item = getattr(value, name)
            if type(item) in _PLAIN:  # most fields: no call needed (str enums are not plain)
                result[camel] = item
            elif item is not None:
                result[camel] = to_json_payload(item)
        return result
    if isinstance(value, list | tuple):  # a tuple is a JSON array too, and leaves as a list
        return [to_json_payload(item) for item in value if item is not None]
    if isinstance(value, dict):
        return {camel_name(k): to_json_payload(v) for k, v in value.items() if v is not None}
    return value


def to_keyword_arguments(payload: dict[str, Any]) -> dict[str, Any]:
    """A camelCase JSON payload as snake_case keyword arguments (nested objects too)."""
    return {snake_name(key): _snake_value(value) for key, value in payload.items()}


def _snake_value(value: Any) -> Any:
    if isinstance(value, dict):
        return to_keyword_arguments(value)
    if isinstance(value, list):
        return [_snake_value(item) for item in value]
    return value
