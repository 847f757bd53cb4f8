"""EVerest's meta-schemas, loaded and compiled into ``jsonschema`` validators once per process.

The package carries verbatim copies (``schemas/``, see its README). An ``--everest-dir`` that has
its own ``schemas/`` folder wins over them: that tree's meta-schemas are the rules its EVerest
version (and its ev-cli) applies, so a newer checkout is judged by its own dialect rather than by
the snapshot this package was built with. With several such folders the last one wins, as for
the other files. The copies are the fallback for trees without one (e.g. a project's overlay).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import exceptions, validators

from .diagnostics import Problem
from .load import FileKind, parse

SCHEMA_FILES: Mapping[FileKind, str] = {
    "interfaces": "interface.yaml",
    "types": "type.yaml",
    "errors": "error-declaration-list.yaml",
}
BUNDLED = "bundled with everest-py"

# libyaml, as in load.py: the meta-schemas are parsed on every run.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class MetaSchemas:
    """One compiled validator per file kind, plus the validator for embedded JSON schemas."""

    validators: Mapping[FileKind, Any]
    origins: Mapping[FileKind, str]
    # interface.yaml leaves argument, result and variable schemas open; EVerest's framework
    # validates them against the JSON-Schema meta-schema in an extra step, and so do we.
    embedded_schema: Any
    problems: tuple[Problem, ...] = ()


def meta_schemas_for(everest_dirs: Sequence[Path]) -> MetaSchemas:
    compiled: dict[FileKind, Any] = {}
    origins: dict[FileKind, str] = {}
    problems: list[Problem] = []
    for kind, file_name in SCHEMA_FILES.items():
        own = _tree_schema(everest_dirs, file_name)
        if own is not None:
            validator, problem = _compile_file(own, own.stat().st_mtime_ns)
            if problem is None:
                compiled[kind], origins[kind] = validator, str(own)
                continue
            problems.append(problem)
        compiled[kind], origins[kind] = _compile_bundled(file_name), BUNDLED
    return MetaSchemas(compiled, origins, _embedded_schema_validator(), tuple(problems))


def _tree_schema(everest_dirs: Sequence[Path], file_name: str) -> Path | None:
    candidates = [d / "schemas" / file_name for d in everest_dirs]
    present = [path for path in candidates if path.is_file()]
    return present[-1] if present else None


@functools.cache
def _compile_bundled(file_name: str) -> Any:
    text = resources.files(__package__).joinpath("schemas", file_name).read_text("utf-8")
    return _validator(yaml.load(text, Loader=_Loader))


@functools.cache
def _compile_file(path: Path, mtime_ns: int) -> tuple[Any, Problem | None]:
    """The validator of a tree's meta-schema; ``mtime_ns`` keys the cache to the file's content."""
    document, problem = parse(path)
    if problem is not None:
        return None, problem
    cls = validators.validator_for(document, default=validators.Draft7Validator)
    try:
        cls.check_schema(document)
    except exceptions.SchemaError as error:
        key_path = tuple(str(part) for part in error.absolute_path)
        return None, Problem(path, key_path, f"not a valid meta-schema: {error.message}")
    return _validator(document), None


def _validator(schema: Any) -> Any:
    """A validator of the draft the schema declares (draft-07 for EVerest's), checking formats.

    The format check is what rejects a ``pattern`` that is no regular expression.
    """
    cls = validators.validator_for(schema, default=validators.Draft7Validator)
    return cls(_forbidden_properties_as_not(schema), format_checker=cls.FORMAT_CHECKER)


def _forbidden_properties_as_not(schema: Any) -> Any:
    """``{"not": {}}`` for each property schema ``false`` (interface.yaml's ``default: false``).

    Both reject every value, but jsonschema reports a ``false`` schema without the key path of
    the property, and the user needs that path (and line) to find the ``default`` to remove.
    """
    if isinstance(schema, list):
        return [_forbidden_properties_as_not(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _forbidden_properties_as_not(value) for key, value in schema.items()}
    for key in ("properties", "patternProperties"):
        named = converted.get(key)
        if isinstance(named, dict):
            converted[key] = {
                name: FORBIDDEN if sub is False else sub for name, sub in named.items()
            }
    return converted


FORBIDDEN: Mapping[str, Any] = {"not": {}}


@functools.cache
def _embedded_schema_validator() -> Any:
    return _validator(validators.Draft7Validator.META_SCHEMA)
