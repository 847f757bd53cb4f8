"""Validation: EVerest's meta-schemas (vendored, or the tree's own), then the generator's rules.

Every case runs the whole front end (load, validate, resolve) in-process and looks at the
problems it raises: file, line, key path and text.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from everest_py.codegen.diagnostics import InputError, Problem
from everest_py.codegen.metaschemas import SCHEMA_FILES
from everest_py.codegen.pipeline import build_model

from .conftest import EVEREST_CORE

VENDORED = Path(__file__).resolve().parents[2] / "codegen" / "schemas"
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
