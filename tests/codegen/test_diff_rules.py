"""One small old/new pair per compatibility rule, each asserting every change and its class.

Arguments flow from users (callers) to providers (implementers); results and
variables flow back. A narrower type breaks whoever writes the value, a wider
one whoever reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .diff_cases.support import BASE, Edit, changes_between, summarise, variant

CANVAS = "interfaces/canvas.yaml"
SHAPES = "types/shapes.yaml"
BOTH = "breaking:providers+users"
PROVIDERS = "breaking:providers"
USERS = "breaking:users"
OK = "compatible"


@dataclass(frozen=True)
class Case:
    name: str
    edits: dict[str, list[Edit]]
    expected: set[tuple[str, str, str, str]]
    files: dict[str, str | None] = field(default_factory=dict)


COUNT = """\
      count:
        description: How many points
        type: integer
"""
DRAW_RESULT = """\
    result:
      description: Number of points drawn
      type: integer
"""
POINT_REQUIRED = """\
    required:
      - x
    properties:
      x:
        description: Horizontal position"""
READING_REQUIRED = """\
    required:
      - value
    properties:"""
GEOMETRY = """\
description: Geometry
types:
  Point:
    description: A point; passed to commands only
    type: object
    additionalProperties: false
    required:
      - x
    properties:
      x:
        description: Horizontal position
        type: number
      y:
        description: Vertical position
        type: number
"""
POINT_IN_SHAPES = GEOMETRY.split("types:\n", 1)[1]
COUNT_LIMITS = COUNT + "        minimum: 0\n        maximum: 10\n"
CLEAR = """\
  clear:
    description: Clears the canvas
"""

CASES = [
    # -- breaking for providers --------------------------------------------------------
    Case(
        "command added",
        {CANVAS: [(CLEAR, CLEAR + "  fill:\n    description: Fills the canvas\n")]},
        {("interfaces/canvas", "cmds.fill", "command_added", PROVIDERS)},
    ),
    Case(
        "argument added (every argument is required)",
        {
            CANVAS: [
                (
                    COUNT_LIMITS,
                    COUNT_LIMITS + "      size:\n        description: Size\n"
                    "        type: number\n",
                )
            ]
        },
        {("interfaces/canvas", "cmds.draw.arguments.size", "argument_added", BOTH)},
    ),
    Case(
        "argument type widened: providers must handle more",
        {CANVAS: [(COUNT, COUNT.replace("integer", "number"))]},
        {("interfaces/canvas", "cmds.draw.arguments.count", "type_widened", PROVIDERS)},
    ),
    Case(
        "result type narrowed: providers may return what is now refused",
        {CANVAS: [(DRAW_RESULT, DRAW_RESULT + "      minimum: 1\n")]},
        {("interfaces/canvas", "cmds.draw.result.minimum", "constraint_tightened", PROVIDERS)},
    ),
    Case(
        "result added",
        {CANVAS: [(CLEAR, CLEAR + "    result:\n      description: Done\n      type: boolean\n")]},
        {("interfaces/canvas", "cmds.clear.result", "result_added", PROVIDERS)},
    ),
    Case(
        "field made required in a published type",
        {
            SHAPES: [
                (READING_REQUIRED, READING_REQUIRED.replace("- value", "- value\n      - unit"))
            ]
        },
        {("types/shapes", "types.Reading.properties.unit", "field_made_required", PROVIDERS)},
    ),
    Case(
        "enum value removed from a type used in both directions",
        {SHAPES: [("      - green\n", "")]},
        {("types/shapes", "types.Color.enum", "enum_value_removed", BOTH)},
    ),
    # -- breaking for users -------------------------------------------------------------
    Case(
        "command removed",
        {CANVAS: [(CLEAR, "")]},
        {("interfaces/canvas", "cmds.clear", "command_removed", USERS)},
    ),
    Case(
        "command renamed (same signature)",
        {CANVAS: [(CLEAR, CLEAR.replace("clear:", "wipe:"))]},
        {("interfaces/canvas", "cmds.clear", "command_renamed", BOTH)},
    ),
    Case(
        "argument removed",
        {CANVAS: [(COUNT_LIMITS, "")]},
        {("interfaces/canvas", "cmds.draw.arguments.count", "argument_removed", BOTH)},
    ),
    Case(
        "argument type narrowed: users may send what is now refused",
        {CANVAS: [("        maximum: 10\n", "        maximum: 5\n")]},
        {("interfaces/canvas", "cmds.draw.arguments.count.maximum", "constraint_tightened", USERS)},
    ),
    Case(
        "argument type changed",
        {CANVAS: [(COUNT, COUNT.replace("integer", "string"))]},
        {("interfaces/canvas", "cmds.draw.arguments.count", "type_changed", BOTH)},
    ),
    Case(
        "result type widened: users must handle more",
        {CANVAS: [(DRAW_RESULT, DRAW_RESULT.replace("integer", "number"))]},
        {("interfaces/canvas", "cmds.draw.result", "type_widened", USERS)},
    ),
    Case(
        "result removed",
        {CANVAS: [(DRAW_RESULT + "      maximum: 100\n", "")]},
        {("interfaces/canvas", "cmds.draw.result", "result_removed", BOTH)},
    ),
    Case(
        "variable removed",
        {
            CANVAS: [
                ("  busy:\n    description: Whether the canvas is busy\n    type: boolean\n", "")
            ]
        },
        {("interfaces/canvas", "vars.busy", "variable_removed", BOTH)},
    ),
    Case(
        "variable type changed",
        {CANVAS: [("    type: boolean\n", "    type: string\n")]},
        {("interfaces/canvas", "vars.busy", "type_changed", BOTH)},
    ),
    Case(
        "object field removed",
        {
            SHAPES: [
                ("      y:\n        description: Vertical position\n        type: number\n", "")
            ]
        },
        {("types/shapes", "types.Point.properties.y", "field_removed", BOTH)},
    ),
    Case(
        "object field made required in an argument type",
        {SHAPES: [(POINT_REQUIRED, POINT_REQUIRED.replace("- x", "- x\n      - y"))]},
        {("types/shapes", "types.Point.properties.y", "field_made_required", USERS)},
    ),
    Case(
        "object field made optional in a published type: readers must handle None",
        {SHAPES: [(READING_REQUIRED, READING_REQUIRED.replace("- value", "- other"))]},
        {("types/shapes", "types.Reading.properties.value", "field_made_optional", USERS)},
    ),
    Case(
        "required field added to an argument type",
        {
            SHAPES: [
                (
                    POINT_REQUIRED,
                    "    required:\n      - x\n      - z\n    properties:\n"
                    "      z:\n        description: Depth\n        type: number\n"
                    "      x:\n        description: Horizontal position",
                )
            ]
        },
        {("types/shapes", "types.Point.properties.z", "field_added", USERS)},
    ),
    Case(
        "additional properties refused in a published type",
        {
            SHAPES: [
                (
                    "    required:\n      - value\n",
                    "    additionalProperties: false\n    required:\n      - value\n",
                )
            ]
        },
        {
            (
                "types/shapes",
                "types.Reading.additionalProperties",
                "additional_properties",
                PROVIDERS,
            )
        },
    ),
    Case(
        "constraint tightened in a published type",
        {SHAPES: [("        minimum: 0\n", "        minimum: 1\n")]},
        {
            (
                "types/shapes",
                "types.Reading.properties.value.minimum",
                "constraint_tightened",
                PROVIDERS,
            )
        },
    ),
    Case(
        "enum argument becomes a plain string: providers must handle any text",
        {
            CANVAS: [
                (
                    "        type: string\n        $ref: /shapes#/Color\n      count:",
                    "        type: string\n      count:",
                )
            ]
        },
        {("interfaces/canvas", "cmds.draw.arguments.color", "type_widened", PROVIDERS)},
    ),
    Case(
        "$ref target renamed",
        {SHAPES: [("  Shade:\n", "  Tone:\n")], CANVAS: [("/shapes#/Shade", "/shapes#/Tone")]},
        {
            ("interfaces/canvas", "cmds.shade.result", "reference_renamed", BOTH),
            ("types/shapes", "types.Shade", "type_renamed", BOTH),
        },
    ),
    Case(
        "type used by no interface changes: judged for both directions",
        {SHAPES: [("      note:\n", "      remark:\n")]},
        {
            ("types/shapes", "types.Orphan.properties.note", "field_removed", BOTH),
            ("types/shapes", "types.Orphan.properties.remark", "field_added", OK),
        },
    ),
    Case(
        "error removed from a list",
        {"errors/canvas.yaml": [("OutOfInk", "OutOfPaper")]},
        {
            ("errors/canvas", "errors.OutOfInk", "error_removed", BOTH),
            ("errors/canvas", "errors.OutOfPaper", "error_added", OK),
        },
    ),
    # -- inline definitions, unions, nesting, recursion -------------------------------------
    Case(
        "inline enum value removed from an argument",
        {CANVAS: [("          - glossy\n", "")]},
        {("interfaces/canvas", "cmds.paint.arguments.finish.enum", "enum_value_removed", BOTH)},
    ),
    Case(
        "type option added to a result: users must handle it",
        {
            CANVAS: [
                (
                    '        - integer\n        - "null"\n',
                    '        - integer\n        - string\n        - "null"\n',
                )
            ]
        },
        {("interfaces/canvas", "cmds.paint.result", "union_option_added", USERS)},
    ),
    Case(
        "null no longer allowed in a result: providers returning None break",
        {CANVAS: [('        - integer\n        - "null"\n', "        - integer\n")]},
        {("interfaces/canvas", "cmds.paint.result", "union_option_removed", PROVIDERS)},
    ),
    Case(
        "field of a nested anonymous object widened in a published type",
        {
            SHAPES: [
                (
                    "            description: Border width\n            type: integer\n",
                    "            description: Border width\n            type: number\n",
                )
            ]
        },
        {("types/shapes", "types.Frame.properties.border.properties.width", "type_widened", USERS)},
    ),
    Case(
        "recursive type renamed",
        {
            SHAPES: [("  Frame:\n", "  Panel:\n"), ("/shapes#/Frame", "/shapes#/Panel")],
            CANVAS: [("/shapes#/Frame", "/shapes#/Panel")],
        },
        {
            ("interfaces/canvas", "vars.frame", "reference_renamed", BOTH),
            ("types/shapes", "types.Frame", "type_renamed", BOTH),
        },
    ),
    Case(
        "enum becomes an object under the same name",
        {
            SHAPES: [
                (
                    "    type: string\n    enum:\n      - light\n      - dark\n",
                    "    type: object\n    properties:\n      level:\n"
                    "        description: Level\n        type: integer\n",
                )
            ]
        },
        {("types/shapes", "types.Shade", "type_changed", BOTH)},
    ),
    # -- compatible ------------------------------------------------------------------------
    Case(
        "description changed",
        {CANVAS: [("Clears the canvas", "Wipes the canvas clean")]},
        {("interfaces/canvas", "cmds.clear.description", "description_changed", OK)},
    ),
    Case(
        "optional field added",
        {
            SHAPES: [
                (
                    "      unit:\n",
                    "      note:\n        description: Note\n        type: string\n"
                    "      unit:\n",
                )
            ]
        },
        {("types/shapes", "types.Reading.properties.note", "field_added", OK)},
    ),
    Case(
        "inline enum value added to an argument: providers read it",
        {CANVAS: [("          - glossy\n", "          - glossy\n          - satin\n")]},
        {("interfaces/canvas", "cmds.paint.arguments.finish.enum", "enum_value_added", OK)},
    ),
    Case(
        "enum value added to a result-only type: users read it",
        {SHAPES: [("      - dark\n", "      - dark\n      - medium\n")]},
        {("types/shapes", "types.Shade.enum", "enum_value_added", OK)},
    ),
    Case(
        "constraint relaxed on an argument",
        {CANVAS: [("        maximum: 10\n", "        maximum: 20\n")]},
        {("interfaces/canvas", "cmds.draw.arguments.count.maximum", "constraint_relaxed", OK)},
    ),
    Case(
        "argument type narrowed (number to integer) is compatible for providers only: users break",
        {
            SHAPES: [
                (
                    "        description: Vertical position\n        type: number\n",
                    "        description: Vertical position\n        type: integer\n",
                )
            ]
        },
        {("types/shapes", "types.Point.properties.y", "type_narrowed", USERS)},
    ),
    Case(
        "variable added",
        {CANVAS: [("vars:\n", "vars:\n  ready:\n    description: Ready\n    type: boolean\n")]},
        {("interfaces/canvas", "vars.ready", "variable_added", OK)},
    ),
    Case(
        "type moved to another file behind an unchanged $ref target",
        {
            SHAPES: [
                (
                    POINT_IN_SHAPES,
                    "  Point:\n    description: A point; passed to commands only\n"
                    "    type: object\n    $ref: /geometry#/Point\n",
                )
            ]
        },
        {
            ("types/shapes", "types.Point", "type_moved", OK),
            ("types/geometry", "", "type_file_added", OK),
        },
        files={"types/geometry.yaml": GEOMETRY},
    ),
    Case(
        "$ref moved to another file with the same structure",
        {SHAPES: [(POINT_IN_SHAPES, "")], CANVAS: [("/shapes#/Point", "/geometry#/Point")]},
        {
            ("interfaces/canvas", "cmds.draw.arguments.point", "reference_moved", OK),
            ("types/shapes", "types.Point", "type_removed", BOTH),
            ("types/geometry", "", "type_file_added", OK),
        },
        files={"types/geometry.yaml": GEOMETRY},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rule(case: Case, tmp_path: Path) -> None:
    new = variant(tmp_path / "new", case.edits, case.files)
    assert summarise(changes_between(BASE, new)) == case.expected


def test_identical_folders_have_no_changes() -> None:
    assert changes_between(BASE, BASE) == []


@pytest.mark.parametrize(
    ("edit", "readers"),
    [
        (("      - dark\n", "      - dark\n      - medium\n"), "users may receive it"),
        (
            ("      - green\n", "      - green\n      - blue\n"),
            "providers and users may receive it",
        ),
    ],
    ids=["result-only type", "type used both ways"],
)
def test_enum_value_added_names_the_reading_side(edit: Edit, readers: str, tmp_path: Path) -> None:
    (change,) = changes_between(BASE, variant(tmp_path / "new", {SHAPES: [edit]}))
    assert change.classification == OK
    assert readers in change.message


def test_a_changed_kind_of_definition_says_so(tmp_path: Path) -> None:
    edit = (
        "  Shade:\n    description: A shade; returned by commands only\n    type: string\n"
        "    enum:\n      - light\n      - dark\n",
        "  Shade:\n    description: A shade; returned by commands only\n    type: object\n"
        "    properties:\n      level:\n        description: Level\n        type: integer\n",
    )
    (change,) = changes_between(BASE, variant(tmp_path / "new", {SHAPES: [edit]}))
    assert (change.old, change.new) == ("enum shapes.Shade", "object shapes.Shade")
