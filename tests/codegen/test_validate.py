"""Validation: EVerest's meta-schemas (vendored, or the tree's own), then the generator's rules.

Every case runs the whole front end (load, validate, resolve) in-process and looks at the
problems it raises: file, line, key path and text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from everest_py.codegen.diagnostics import InputError, Problem
from everest_py.codegen.metaschemas import (
    SCHEMA_FILES,
    compiled_modules,
    meta_schemas_for,
    source_digests,
)
from everest_py.codegen.pipeline import build_model
from everest_py.codegen.schemas import compiled
from everest_py.codegen.schemas.compiled import draft_07 as compiled_draft_07
from everest_py.codegen.schemas.compiled import interface as compiled_interface
from everest_py.codegen.schemas.compiled import type as compiled_type

from .conftest import EVEREST_CORE

VENDORED = Path(__file__).resolve().parents[2] / "codegen" / "schemas"
COMPILED = VENDORED / "compiled"
TYPES = "description: Types\ntypes:\n  Level:\n    description: A level\n    type: integer\n"


def write(base: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = base / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return base


def problems_of(*folders: Path) -> list[tuple[str, int | None, str, str]]:
    """(file name, line, dotted key path, message) of every problem, in report order."""
    with pytest.raises(InputError) as raised:
        build_model(list(folders))
    return [_row(problem) for problem in raised.value.problems]


def _row(problem: Problem) -> tuple[str, int | None, str, str]:
    return problem.file.name, problem.line, problem.dotted_path, problem.message


@pytest.mark.parametrize("file_name", sorted(SCHEMA_FILES.values()))
def test_vendored_meta_schemas_are_everests_verbatim(file_name: str) -> None:
    assert (VENDORED / file_name).read_bytes() == (
        EVEREST_CORE / "schemas" / file_name
    ).read_bytes()


def test_the_whole_everest_corpus_validates() -> None:
    project, warnings = build_model([EVEREST_CORE])
    assert len(project.interfaces) == 50 and len(project.types) == 30 and len(project.errors) == 11
    assert {w.message.split(" on ")[0] for w in warnings} == {"'maximum'"}


def test_two_errors_in_one_file_are_both_reported_with_lines_and_paths(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        {
            "interfaces/pump.yaml": """\
                description: A pump
                cmds:
                  start:
                    description: Starts
                    arguments:
                      rate:
                        description: Litres per minute
                  stop:
                    description: x
                """,
        },
    )
    assert problems_of(source) == [
        ("pump.yaml", 6, "cmds.start.arguments.rate", "missing type"),
        ("pump.yaml", 9, "cmds.stop.description", "must be a text of at least 2 characters"),
    ]


def test_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        {
            "types/levels.yaml": TYPES + "    minimum: ten\n",
            "errors/pump.yaml": "description: Pump errors\nerrors:\n  - name: dry\n    description: Dry\n",
            "interfaces/pump.yaml": "description: A pump\nvars:\n  rate: 5\n",
        },
    )
    assert sorted(problems_of(source)) == [
        ("levels.yaml", 6, "types.Level.minimum", "must be a number, found a text"),
        ("pump.yaml", 3, "errors.0.name", "'dry' does not match '^[A-Z][A-Za-z0-9]*$'"),
        ("pump.yaml", 3, "vars.rate", "must be a mapping, found an integer"),
    ]


@pytest.mark.parametrize(
    ("argument", "line", "key_path", "message"),
    [
        ("type: 'null'", 8, "type", "'null' does not match '^(?!null).*$'"),
        ("type: integer\ndefault: 3", 9, "default", "is not allowed here"),
        ("type: string\npattern: '[unclosed'", 9, "pattern", "'[unclosed' is not a 'regex'"),
        ("type: integer\nmaximum: high", 9, "maximum", "must be a number, found a text"),
        ("type: strin", 8, "type", "matches none of the allowed forms"),
        ("type: string\n$ref: levels#/Level", 9, "$ref", "invalid reference 'levels#/Level'"),
        ("type: string\nenum: [1, 2]", 9, "enum", "only string enums are supported"),
        ("type: string\nenum: [a, a]", 9, "enum", "values must be unique"),
        ("type: string\nenum: []", 9, "enum", "must be a non-empty list"),
    ],
)
def test_argument_schemas_are_checked(
    tmp_path: Path, argument: str, line: int, key_path: str, message: str
) -> None:
    indented = textwrap.indent(argument, " " * 8).lstrip()
    interface = (
        "description: A pump\ncmds:\n  start:\n    description: Starts\n    arguments:\n"
        f"      rate:\n        description: Litres\n        {indented}\n"
    )
    source = write(tmp_path, {"types/levels.yaml": TYPES, "interfaces/pump.yaml": interface})
    [(file, found_line, found_path, found_message)] = problems_of(source)
    assert (file, found_line, found_path) == (
        "pump.yaml",
        line,
        f"cmds.start.arguments.rate.{key_path}",
    )
    assert found_message.startswith(message)


def test_unknown_keys_and_invalid_names_name_what_is_allowed(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        {
            "interfaces/pump.yaml": """\
                description: A pump
                comment: not a key of interfaces
                vars:
                  2nd:
                    description: Invalid name
                    type: integer
                """,
        },
    )
    assert problems_of(source) == [
        ("pump.yaml", 4, "vars.2nd", "invalid name '2nd': must match ^[a-zA-Z_][a-zA-Z0-9_.-]*$"),
        (
            "pump.yaml",
            2,
            "comment",
            "unknown key 'comment' (allowed: cmds, description, errors, vars)",
        ),
    ]


def test_duplicate_error_names_are_reported(tmp_path: Path) -> None:
    errors = "description: Pump errors\nerrors:\n"
    errors += "  - name: Dry\n    description: No water\n" * 2
    assert problems_of(write(tmp_path, {"errors/pump.yaml": errors})) == [
        ("pump.yaml", 5, "errors.1.name", "duplicate error name 'Dry'")
    ]


def test_an_empty_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, {"types/empty.yaml": ""})) == [
        ("empty.yaml", None, "<document>", "must be a mapping, found nothing")
    ]


def test_unenforced_keywords_are_warnings(tmp_path: Path) -> None:
    source = write(tmp_path, {"types/levels.yaml": TYPES + "    const: 3\n    format: int32\n"})
    _, warnings = build_model([source])
    assert sorted(w.message for w in warnings) == [
        "JSON-Schema keyword 'const' is not enforced by the generated code",
        "format 'int32' is not enforced",
    ]


def test_dropped_keywords_are_warnings(tmp_path: Path) -> None:
    extra = (
        "  Tagged:\n    description: Keywords the generated code would drop silently\n"
        "    type: object\n    properties:\n      tags:\n        type: array\n"
        "        uniqueItems: true\n      any:\n        type: array\n        uniqueItems: false\n"
        "      either:\n        type: string\n        maxLength: 3\n        anyOf:\n"
        "          - type: string\n          - type: integer\n"
        "    additionalProperties:\n      type: integer\n"
    )
    source = write(tmp_path, {"types/levels.yaml": TYPES + extra})
    _, warnings = build_model([source])
    assert sorted((w.dotted_path, w.message) for w in warnings) == [
        (
            "types.Tagged.additionalProperties",
            "additionalProperties as a schema beside properties is not enforced: "
            "extra properties of any value are accepted",
        ),
        (
            "types.Tagged.properties.either.maxLength",
            "'maxLength' beside 'anyOf' is not enforced by the generated code "
            "(only the anyOf alternatives are)",
        ),
        (
            "types.Tagged.properties.either.type",
            "'type' beside 'anyOf' is not enforced by the generated code "
            "(only the anyOf alternatives are)",
        ),
        (
            "types.Tagged.properties.tags.uniqueItems",
            "JSON-Schema keyword 'uniqueItems' is not enforced by the generated code",
        ),
    ]


# -- whose meta-schemas: the tree's schemas/ wins over the vendored copies ---------------------


def _stricter_tree(base: Path) -> Path:
    """A tree whose own interface meta-schema also requires ``vars``."""
    schemas = base / "schemas"
    schemas.mkdir(parents=True)
    for file_name in SCHEMA_FILES.values():
        shutil.copy(VENDORED / file_name, schemas / file_name)
    text = (schemas / "interface.yaml").read_text()
    (schemas / "interface.yaml").write_text(
        text.replace("required:\n  - description\n", "required:\n  - description\n  - vars\n")
    )
    return base


def test_an_everest_dir_with_schemas_is_judged_by_them(tmp_path: Path) -> None:
    interface = {"interfaces/quiet.yaml": "description: No variables\n"}
    plain = write(tmp_path / "plain", interface)
    build_model([plain])  # the vendored meta-schema does not require vars
    strict = write(_stricter_tree(tmp_path / "strict"), interface)
    assert problems_of(strict) == [("quiet.yaml", 1, "<document>", "missing vars")]
    # Layered: the last folder with a schemas/ folder decides, for the files of all folders.
    assert problems_of(plain, strict)[0][2:] == ("<document>", "missing vars")


def test_a_broken_meta_schema_in_the_tree_is_reported(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        {"schemas/type.yaml": "type: 5\n", "types/levels.yaml": TYPES},
    )
    assert problems_of(source) == [
        (
            "type.yaml",
            1,
            "type",
            "not a valid meta-schema: 5 is not valid under any of the given schemas",
        )
    ]


def test_a_tree_with_more_lenient_meta_schemas_is_judged_by_them(tmp_path: Path) -> None:
    """Not only stricter: a tree whose meta-schema drops a rule gets its own (fast) check."""
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    for file_name in SCHEMA_FILES.values():
        shutil.copy(VENDORED / file_name, schemas / file_name)
    text = (schemas / "interface.yaml").read_text()
    lenient = text.replace("type: object\nrequired:\n  - description\n", "type: object\n")
    assert lenient != text
    (schemas / "interface.yaml").write_text(lenient)
    write(tmp_path, {"interfaces/quiet.yaml": "vars: {}\n"})
    build_model([tmp_path])  # the bundled meta-schema would want a description
    meta = meta_schemas_for([tmp_path])
    assert meta.origins["interfaces"] == str(schemas / "interface.yaml")
    assert meta.checks["interfaces"].fast is not None  # compiled at run time
    assert meta.checks["interfaces"].fast is not compiled_interface.validate
    assert meta.checks["types"].fast is compiled_type.validate  # unchanged: precompiled


# -- the fast gate: precompiled, current, sound ----------------------------------------------


def test_the_precompiled_validators_are_of_the_vendored_meta_schemas() -> None:
    """Fails when a file in codegen/schemas/ changed without
    ``python -m everest_py.codegen.metaschemas --compile``."""
    assert compiled.SOURCES == source_digests()


@pytest.mark.skipif(
    compiled.FASTJSONSCHEMA_VERSION != fastjsonschema.VERSION,
    reason="precompiled with another fastjsonschema version",
)
def test_the_precompiled_modules_are_what_compile_writes() -> None:
    written = {path.name: path.read_text() for path in COMPILED.glob("*.py")}
    assert written == compiled_modules()


def test_an_everest_dir_with_the_bundled_meta_schemas_uses_the_precompiled_gate() -> None:
    meta = meta_schemas_for([EVEREST_CORE])
    assert meta.origins["interfaces"] == str(EVEREST_CORE / "schemas" / "interface.yaml")
    assert meta.checks["interfaces"].fast is compiled_interface.validate
    assert meta.checks["types"].fast is compiled_type.validate
    assert meta.embedded_schema.fast is compiled_draft_07.validate


def test_a_valid_corpus_run_imports_no_jsonschema(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from everest_py.codegen.cli import main\n"
        f"code = main(['generate', '--everest-dir', {str(EVEREST_CORE)!r}, "
        f"'--out', {str(tmp_path / 'out')!r}, '-q'])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0].endswith('jsonschema')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert run.stdout.split() == ["0", "[]"]


def test_what_the_gate_refuses_but_jsonschema_accepts_is_no_problem() -> None:
    """fastjsonschema reads ``$`` as end of text; jsonschema (Python's re) allows a final newline."""
    errors = {"description": "Pump errors", "errors": [{"name": "Dry\n", "description": "Dry"}]}
    check = meta_schemas_for([]).checks["errors"]
    assert check.fast is not None
    with pytest.raises(ValueError):
        check.fast(errors)
    assert check.errors(errors) == []


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "integer", "null", "Dry\n", "[unclosed", "/a#/B", "a b", "#/x"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["type", "description", "enum", "$ref", "x", "2nd"]), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    inner = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value) if isinstance(value, list) else ()
    )
    return [path] + [place for key, sub in inner for place in _places(sub, path + (key,))]  # fmt: skip


def _replaced(document: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[path[0]] = _replaced(document[path[0]], path[1:], new)
    return copy


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_gate_never_accepts_what_jsonschema_rejects(data: st.DataObject) -> None:
    """Mutations of corpus files: whenever jsonschema finds an error, the gate said no."""
    meta = meta_schemas_for([])
    kind = data.draw(st.sampled_from(sorted(SCHEMA_FILES)))
    folder = EVEREST_CORE / kind
    path = data.draw(st.sampled_from(sorted(folder.glob("*.yaml"))))
    document = yaml.safe_load(path.read_text())
    place = data.draw(st.sampled_from(_places(document)))
    mutated = _replaced(document, place, data.draw(_JSON_VALUES))
    check = meta.checks[kind]  # type: ignore[index]
    if check.errors(mutated):
        assert check.fast is not None
        with pytest.raises(Exception):  # noqa: B017 - any refusal sends it to jsonschema
            check.fast(mutated)


def test_names_that_become_the_same_python_name_are_input_errors(tmp_path: Path) -> None:
    """`Foo-Bar` and `Foo_Bar` are both `Foo_Bar`, `max-current` and `max_current` both
    `max_current`: one would silently replace the other in the generated code."""
    source = write(
        tmp_path,
        {
            "types/odd.yaml": """\
                description: Types
                types:
                  Foo-Bar:
                    description: A number
                    type: integer
                  Foo_Bar:
                    description: A text
                    type: string
                """,
            "interfaces/meter.yaml": """\
                description: A meter
                vars:
                  max-current:
                    description: The limit
                    type: number
                  max_current:
                    description: The limit again
                    type: number
                """,
        },
    )
    assert sorted(problems_of(source)) == [
        ("meter.yaml", 6, "vars.max_current",
         "variable names 'max-current' and 'max_current' both become the Python name "
         "'max_current'"),
        ("odd.yaml", 6, "types.Foo_Bar",
         "type names 'Foo-Bar' and 'Foo_Bar' both become the Python name 'Foo_Bar'"),
    ]  # fmt: skip


def test_a_file_named_like_a_package_door_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path, {"types/__init__.yaml": TYPES, "types/good.yaml": TYPES})
    assert problems_of(source) == [
        ("__init__.yaml", 1, "<document>", "cannot become a Python module name")
    ]


def test_a_broken_file_replaced_by_a_later_folder_is_no_error(tmp_path: Path) -> None:
    """docs/generator.md: a file in a later folder replaces the one of the same kind and name
    in an earlier folder, broken or not."""
    early = write(tmp_path / "early", {"types/t.yaml": "types: [unclosed\n"})
    late = write(tmp_path / "late", {"types/t.yaml": TYPES})
    project, _ = build_model([early, late])
    assert list(project.types) == ["t"]
    assert problems_of(late, early)[0][0] == "t.yaml"  # the other way round it is the error


def test_error_names_that_are_python_keywords_and_infinite_bounds_are_input_errors(
    tmp_path: Path,
) -> None:
    """Both pass EVerest's meta-schemas, and both used to generate code that cannot be
    imported (`None = "kw/None"`, `Field(le=inf)`)."""
    source = write(
        tmp_path,
        {
            "errors/kw.yaml": """\
                description: Errors
                errors:
                  - name: None
                    description: Nothing
                """,
            "types/big.yaml": """\
                description: Types
                types:
                  Huge:
                    description: A number
                    type: number
                    maximum: .inf
                """,
        },
    )
    assert sorted(row[3] for row in problems_of(source)) == [
        "error name 'None' is a Python keyword: it cannot be an enum member",
        "must be a finite number",
    ]
