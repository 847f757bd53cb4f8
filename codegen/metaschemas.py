"""EVerest's meta-schemas, as a fast compiled gate in front of ``jsonschema`` validators.

The package carries verbatim copies (``schemas/``, see its README). An ``--everest-dir`` that has
its own ``schemas/`` folder wins over them: that tree's meta-schemas are the rules its EVerest
version (and its ev-cli) applies, so a newer checkout is judged by its own dialect rather than by
the snapshot this package was built with. With several such folders the last one wins, as for
the other files. The copies are the fallback for trees without one (e.g. a project's overlay).

Each meta-schema is checked in two steps (see ``SchemaCheck``): a ``fastjsonschema`` validator
says yes or no; only on a no is ``jsonschema`` imported, to list every error with its path. The
fast validators of the bundled meta-schemas and of the JSON-Schema draft-07 meta-schema are
compiled ahead of time into ``schemas/compiled/`` (``python -m everest_py.codegen.metaschemas
--compile`` rewrites it); a tree whose meta-schemas differ from them is compiled at run time.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import importlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Problem
from .load import FileKind, parse

SCHEMA_FILES: Mapping[FileKind, str] = {
    "interfaces": "interface.yaml",
    "types": "type.yaml",
    "errors": "error-declaration-list.yaml",
}
BUNDLED = "bundled with everest-py"
DRAFT_07 = "http://json-schema.org/draft-07/schema"
# The key of the draft-07 meta-schema among the precompiled sources.
DRAFT_07_SOURCE = "draft-07"
COMPILED_MODULES: Mapping[str, str] = {
    "interface.yaml": "interface",
    "type.yaml": "type",
    "error-declaration-list.yaml": "error_declaration_list",
    DRAFT_07_SOURCE: "draft_07",
}
COMPILED_PACKAGE = "schemas.compiled"
# fastjsonschema's drafts that agree with jsonschema's (it reads any other $schema as 2019-09).
FAST_DRAFTS = frozenset(f"http://json-schema.org/draft-0{n}/schema" for n in (4, 6, 7))

# libyaml, as in load.py: the meta-schemas are parsed on every run.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FastValidator = Callable[[Any], object]

# -- formats: the gate may be stricter than jsonschema, never more lenient -----------------------

# jsonschema checks a format only when the package for it is installed (rfc3987, ...), and its
# checks differ from fastjsonschema's. So the gate accepts only values every checker accepts:
# plain URIs and references for the formats draft-07 uses, nothing for the others; ``regex``
# is re.compile in both. A value the gate refuses goes to jsonschema, which decides.
_FRAGMENT = r"(?:#[A-Za-z0-9._~$/-]*)?"
_SEGMENTS = rf"/?(?:[A-Za-z0-9._~$-]+/)*[A-Za-z0-9._~$-]*{_FRAGMENT}"  # no ':', one reading
_URI = rf"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~$-]*)*{_FRAGMENT}"
_NOTHING = r"(?!)"
SAFE_FORMATS: Mapping[str, str] = {
    "uri": rf"^{_URI}\Z",
    "iri": rf"^{_URI}\Z",
    "uri-reference": rf"^(?:{_URI}|{_SEGMENTS})\Z",
    "iri-reference": rf"^(?:{_URI}|{_SEGMENTS})\Z",
    **{
        name: _NOTHING
        for name in (
            "date-time", "date", "time", "duration", "email", "idn-email", "hostname",
            "idn-hostname", "ipv4", "ipv6", "uri-template", "json-pointer",
            "relative-json-pointer", "uuid", "color",
        )
    },
}  # fmt: skip


class SchemaCheck:
    """One meta-schema: a fast gate, and jsonschema's validator built only when it is needed."""

    def __init__(self, document: Callable[[], Any], fast: FastValidator | None) -> None:
        self._document = document
        self._fast = fast
        self._validator: Any = None

    def errors(self, instance: Any) -> list[Any]:
        """jsonschema's errors for ``instance``: none when the fast validator accepts it.

        The fast check is only a gate. fastjsonschema stops at the first error, words it its
        own way and without our key paths, and is stricter in places (``$`` as ``\\Z``, formats
        above, 1 and true as equal items); so its no only means "ask jsonschema", whose errors
        are the report. When jsonschema finds none, the document is valid: there is no problem.
        """
        if self._fast is not None and _accepts(self._fast, instance):
            return []
        if self._validator is None:
            self._validator = _validator(self._document())
        return list(self._validator.iter_errors(instance))

    @property
    def fast(self) -> FastValidator | None:
        """The gate (None: jsonschema alone, for a meta-schema fastjsonschema cannot read)."""
        return self._fast


def _accepts(fast: FastValidator, instance: Any) -> bool:
    try:
        fast(instance)
    except Exception:  # its ValueError, or e.g. a TypeError on a key that is no text
        return False
    return True


@dataclass(frozen=True)
class MetaSchemas:
    """One check per file kind, plus the check of embedded JSON schemas."""

    checks: Mapping[FileKind, SchemaCheck]
    origins: Mapping[FileKind, str]
    # interface.yaml leaves argument, result and variable schemas open; EVerest's framework
    # validates them against the JSON-Schema meta-schema in an extra step, and so do we.
    embedded_schema: SchemaCheck
    problems: tuple[Problem, ...] = ()


def meta_schemas_for(everest_dirs: Sequence[Path]) -> MetaSchemas:
    checks: dict[FileKind, SchemaCheck] = {}
    origins: dict[FileKind, str] = {}
    problems: list[Problem] = []
    for kind, file_name in SCHEMA_FILES.items():
        checks[kind], origins[kind], problem = _check_for(everest_dirs, file_name)
        if problem is not None:
            problems.append(problem)
    return MetaSchemas(checks, origins, _embedded_schema_check(), tuple(problems))


def _check_for(
    everest_dirs: Sequence[Path], file_name: str
) -> tuple[SchemaCheck, str, Problem | None]:
    own = _tree_schema(everest_dirs, file_name)
    if own is None:
        return _bundled_check(file_name), BUNDLED, None
    if _digest(own.read_bytes()) == _compiled_digest(file_name):  # the bundled rules, verbatim
        return _precompiled_check(own, file_name), str(own), None
    check, problem = _tree_check(own, own.stat().st_mtime_ns)
    if check is None:
        return _bundled_check(file_name), BUNDLED, problem
    return check, str(own), None


def _tree_schema(everest_dirs: Sequence[Path], file_name: str) -> Path | None:
    candidates = [d / "schemas" / file_name for d in everest_dirs]
    present = [path for path in candidates if path.is_file()]
    return present[-1] if present else None


@cache
def _precompiled_check(path: Path, file_name: str) -> SchemaCheck:
    """A tree's meta-schema that is byte for byte the one compiled ahead of time."""
    return SchemaCheck(lambda: parse(path)[0], _compiled_validator(file_name))


@cache
def _bundled_check(file_name: str) -> SchemaCheck:
    raw = resources.files(__package__).joinpath("schemas", file_name).read_bytes()

    def document() -> Any:
        return yaml.load(raw.decode("utf-8"), Loader=_Loader)

    if _digest(raw) == _compiled_digest(file_name):
        return SchemaCheck(document, _compiled_validator(file_name))
    return SchemaCheck(document, _compile_fast(document()))  # edited without --compile


@cache
def _tree_check(path: Path, mtime_ns: int) -> tuple[SchemaCheck | None, Problem | None]:
    """The check of a tree's own meta-schema; ``mtime_ns`` keys the cache to the file's content."""
    document, problem = parse(path)
    if problem is not None:
        return None, problem
    from jsonschema import exceptions, validators  # only for meta-schemas of their own

    cls = validators.validator_for(document, default=validators.Draft7Validator)
    try:
        cls.check_schema(document)
    except exceptions.SchemaError as error:
        key_path = tuple(str(part) for part in error.absolute_path)
        return None, Problem(path, key_path, f"not a valid meta-schema: {error.message}")
    return SchemaCheck(lambda: document, _compile_fast(document)), None


@cache
def _embedded_schema_check() -> SchemaCheck:
    return SchemaCheck(_draft_07_meta_schema, _compiled_validator(DRAFT_07_SOURCE))


# -- jsonschema, imported only when the gate says no ---------------------------------------------


def _draft_07_meta_schema() -> Any:
    from jsonschema import validators

    return validators.Draft7Validator.META_SCHEMA


def _validator(schema: Any) -> Any:
    """A validator of the draft the schema declares (draft-07 for EVerest's), checking formats.

    The format check is what rejects a ``pattern`` that is no regular expression.
    """
    from jsonschema import validators

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


# -- fastjsonschema: ahead of time, or at run time for a tree's own meta-schemas ----------------


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _compiled_digest(source: str) -> str | None:
    from .schemas import compiled

    return compiled.SOURCES.get(source)


def _compiled_validator(source: str) -> FastValidator:
    module = importlib.import_module(f".{COMPILED_PACKAGE}.{COMPILED_MODULES[source]}", __package__)
    validate: FastValidator = module.validate
    return validate


def _compile_fast(schema: Any) -> FastValidator | None:
    """fastjsonschema's validator, or None (jsonschema alone) for what it cannot read alike."""
    import fastjsonschema

    fast_schema = _fast_schema(schema)
    if fast_schema is None:
        return None
    try:
        validate: FastValidator = fastjsonschema.compile(fast_schema, **_fast_options())
    except Exception:  # a definition fastjsonschema rejects, or a $ref it may not fetch
        return None
    return validate


def _fast_schema(schema: Any) -> Any:
    """The schema with an explicit draft (jsonschema's default, draft-07), or None."""
    if not isinstance(schema, dict):
        return None
    declared = schema.get("$schema", DRAFT_07)
    if not isinstance(declared, str) or declared.rstrip("#") not in FAST_DRAFTS:
        return None
    # A deep copy: fastjsonschema rewrites the $refs of what it compiles, in place.
    return copy.deepcopy({**schema, "$schema": declared})


def _fast_options() -> dict[str, Any]:
    # No defaults written into the documents; remote $refs resolve to draft-07, locally, or fail.
    handlers = {"http": _local_draft_07, "https": _local_draft_07}
    return {"handlers": handlers, "formats": dict(SAFE_FORMATS), "use_default": False}


def _local_draft_07(uri: str) -> Any:
    if uri.rstrip("#").replace("https://", "http://", 1) != DRAFT_07:
        raise ValueError(f"{uri}: remote references other than draft-07 are not fetched")
    return copy.deepcopy(_draft_07_meta_schema())  # jsonschema's own: not to be rewritten


# -- python -m everest_py.codegen.metaschemas --compile -----------------------------------------

_HEADER = '''\
"""Precompiled fastjsonschema validators of the bundled meta-schemas (generated, do not edit).

Regenerate after changing a file in ``codegen/schemas/`` or upgrading fastjsonschema:

    python -m everest_py.codegen.metaschemas --compile

``SOURCES`` holds the SHA-256 of each source; ``tests/codegen/test_validate.py`` fails when they
no longer match. The modules raise the exceptions below instead of fastjsonschema's, so that
importing them does not import fastjsonschema (and its urllib).
"""

from typing import Any

FASTJSONSCHEMA_VERSION = {version}
SOURCES = {sources}


class JsonSchemaValueException(ValueError):
    def __init__(self, message: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(message)


JsonSchemaValuesException = JsonSchemaValueException
'''
_GENERATED = "# Generated: see __init__.py.\n# ruff: noqa\n# mypy: ignore-errors\n"
_FIRST_FUNCTION = re.compile(r"^def (\w+)\(", re.M)
_IMPORT_LINE = re.compile(r"^from fastjsonschema import (.+)$", re.M)


def source_documents() -> dict[str, tuple[bytes, Any]]:
    """(raw bytes, document) of each precompiled source; draft-07 as canonical JSON."""
    sources: dict[str, tuple[bytes, Any]] = {}
    for file_name in SCHEMA_FILES.values():
        raw = resources.files(__package__).joinpath("schemas", file_name).read_bytes()
        sources[file_name] = raw, yaml.load(raw.decode("utf-8"), Loader=_Loader)
    draft = _draft_07_meta_schema()
    sources[DRAFT_07_SOURCE] = json.dumps(draft, sort_keys=True).encode(), draft
    return sources


def source_digests() -> dict[str, str]:
    return {name: _digest(raw) for name, (raw, _) in source_documents().items()}


def compiled_modules() -> dict[str, str]:
    """File name → text of the ``schemas/compiled`` package, as ``--compile`` writes it."""
    import fastjsonschema

    texts: dict[str, str] = {}
    for name, (_, document) in source_documents().items():
        code = fastjsonschema.compile_to_code(
            _fast_schema(document), detailed_exceptions=False, **_fast_options()
        )
        texts[f"{COMPILED_MODULES[name]}.py"] = _standalone(code)
    texts["__init__.py"] = _HEADER.format(
        version=json.dumps(fastjsonschema.VERSION), sources=_dict_literal(source_digests())
    )
    return texts


def _standalone(code: str) -> str:
    """The generated module, importing our exceptions and, always, Decimal; ``validate`` is its
    first function (named after the schema's ``$id``, if any).

    fastjsonschema's code for a ``regex`` format drops the Decimal import that its number
    checks use (its run-time ``compile`` passes Decimal in as a global instead).
    """
    code, replaced = _IMPORT_LINE.subn(r"from . import \1", code)
    if replaced != 1:
        raise RuntimeError("fastjsonschema's generated code no longer imports as expected")
    root = _FIRST_FUNCTION.search(code)
    if root is None:
        raise RuntimeError("fastjsonschema generated no validation function")
    alias = "" if root.group(1) == "validate" else f"\n\nvalidate = {root.group(1)}\n"
    return _GENERATED + "from decimal import Decimal\n" + code + alias


def _dict_literal(values: Mapping[str, str]) -> str:
    lines = "".join(
        f"    {json.dumps(key)}: {json.dumps(value)},\n" for key, value in values.items()
    )
    return "{\n" + lines + "}"


def write_compiled(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in compiled_modules().items():
        (folder / name).write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Precompile the bundled meta-schemas.")
    parser.add_argument("--compile", action="store_true", required=True)
    parser.parse_args(argv)
    write_compiled(Path(__file__).resolve().parent / "schemas" / "compiled")


if __name__ == "__main__":
    main()
