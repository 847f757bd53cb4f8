"""Valid but unusual YAML: names that would break the generated code, and keywords that would
break validation at first use. Each case is generated from a small YAML into its own package."""

from __future__ import annotations

import abc
import asyncio
import importlib
import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from everest_py.codegen.patterns import python_pattern
from everest_py.codegen.pipeline import generate

from .differential import oracles, registry

Build = Callable[[dict[str, str]], dict[str, ModuleType]]


@pytest.fixture
def build(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Build]:
    """Generate the files into a package named after the test and import its modules."""
    package = "edge_" + "".join(c if c.isalnum() else "_" for c in request.node.name)
    source = tmp_path / "in"
    sys.path.insert(0, str(tmp_path))

    def run(files: dict[str, str]) -> dict[str, ModuleType]:
        for relative, text in files.items():
            path = source / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        generate([source], tmp_path / package)
        return {
            relative.removesuffix(".yaml"): importlib.import_module(
                f"{package}.{relative.removesuffix('.yaml').replace('/', '.')}"
            )
            for relative in files
        }

    try:
        yield run
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


def _accepts(adapter: TypeAdapter[Any], value: Any) -> tuple[bool, Any]:
    try:
        validated = adapter.validate_json(json.dumps(value))
    except ValidationError:
        return False, None
    return True, adapter.dump_python(validated, mode="json", by_alias=True, exclude_unset=True)


# -- names ------------------------------------------------------------------------------------


def test_properties_named_like_builtins_or_underscore_get_a_python_name(build: Build) -> None:
    types = build({"types/t.yaml": """\
                description: Names that Python or pydantic would misread
                types:
                  Tariff:
                    description: Builtins first, then annotations that use them
                    type: object
                    properties:
                      list:
                        type: integer
                      dict:
                        type: integer
                      str:
                        type: integer
                      _:
                        type: integer
                      steps:
                        type: array
                        items:
                          type: number
                      names:
                        type: object
                        additionalProperties:
                          type: string
                    additionalProperties: false
                """})["types/t"]
    tariff = types.Tariff
    document = {"list": 1, "dict": 2, "str": 3, "_": 4, "steps": [0.5], "names": {"a": "b"}}
    value = tariff.model_validate(document)
    assert (value.list_, value.dict_, value.str_, value.field_) == (1, 2, 3, 4)
    assert value.model_dump(mode="json", by_alias=True, exclude_unset=True) == document
    with pytest.raises(ValidationError):
        tariff.model_validate({"_": "x"})
    assert tariff(list_=1, field_=4).model_dump(by_alias=True, exclude_unset=True) == {
        "list": 1,
        "_": 4,
    }


# -- keywords the default pydantic setup could not take ------------------------------------------

PATTERNS = """\
    description: Patterns with look-ahead and a backreference
    types:
      Key:
        description: Any text not starting with null (EVerest's interface.yaml has this one)
        type: string
        pattern: ^(?!null).*$
      Item:
        description: The pattern inside a model
        type: object
        properties:
          key:
            type: string
            pattern: ^(?!null).*$
          twice:
            type: string
            pattern: ^(a+)-\\1$
    """
PATTERN_INTERFACE = """\
    description: The pattern in an argument
    cmds:
      set_key:
        description: Sets the key
        arguments:
          key:
            description: The key
            type: string
            pattern: ^(?!null).*$
    """


def test_look_ahead_and_backreference_patterns_agree_with_json_schema(build: Build) -> None:
    modules = build({"types/p.yaml": PATTERNS, "interfaces/keys.yaml": PATTERN_INTERFACE})
    types = yaml.safe_load(textwrap.dedent(PATTERNS))["types"]
    argument_schema = yaml.safe_load(textwrap.dedent(PATTERN_INTERFACE))["cmds"]["set_key"][
        "arguments"
    ]["key"]
    spec = modules["interfaces/keys"].INTERFACE.commands["set_key"]
    keys = ["abc", "", "nullx", "xnull", "abc\n", "a\nb"]
    cases: list[tuple[dict[str, Any], TypeAdapter[Any], list[Any]]] = [
        (types["Key"], TypeAdapter(modules["types/p"].Key), keys),
        (argument_schema, spec.arguments[0].adapter, keys),
        (
            types["Item"],
            TypeAdapter(modules["types/p"].Item),
            [{"key": key} for key in keys]
            + [{"twice": text} for text in ("a-a", "aa-aa", "aa-a", "a-aa", "aa-aa\n")],
        ),
    ]
    for schema, adapter, values in cases:
        oracle, _ = oracles(schema, registry({}))
        for value in values:
            accepted, output = _accepts(adapter, value)
            assert accepted == oracle.is_valid(value), (schema, value)
            if accepted:
                assert output == value


DATE_TIMES = """\
    description: A date-time with the string keywords, which apply to its text
    types:
      Stamp:
        description: Twenty characters in UTC
        type: string
        format: date-time
        minLength: 20
        maxLength: 25
        pattern: Z$
      Event:
        description: The same inside a model
        type: object
        properties:
          at:
            $ref: /d#/Stamp
    """


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00.5Z",
        "2024-01-01T00:00:00.123456Z",
        "2024-01-01T00:00:00+00:00",
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:60Z",
        "not a date",
    ],
)
def test_date_time_length_and_pattern_apply_to_the_text(build: Build, text: str) -> None:
    module = build({"types/d.yaml": DATE_TIMES})["types/d"]
    schema = yaml.safe_load(textwrap.dedent(DATE_TIMES))["types"]["Stamp"]
    oracle, _ = oracles(schema, registry({}))
    accepted, output = _accepts(TypeAdapter(module.Stamp), text)
    assert accepted == oracle.is_valid(text)
    if accepted:
        assert output == text
    event_accepted, event_output = _accepts(TypeAdapter(module.Event), {"at": text})
    assert (event_accepted, event_output) == (accepted, {"at": text} if accepted else None)


def test_date_time_text_constraints_apply_to_a_python_datetime_as_written(build: Build) -> None:
    event = build({"types/d.yaml": DATE_TIMES})["types/d"].Event
    assert event(at=datetime(2024, 1, 1, tzinfo=UTC)).model_dump(mode="json") == {
        "at": "2024-01-01T00:00:00Z"
    }
    with pytest.raises(ValidationError, match="at most 25 characters"):
        event(at=datetime(2024, 1, 1, 0, 0, 0, 123456, tzinfo=UTC))
    with pytest.raises(ValidationError, match="should match pattern"):
        event(at=datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=1))))


@pytest.mark.parametrize(
    ("pattern", "python"),
    [
        ("^a$", "^a\\Z"),
        ("^a\\$$", "^a\\$\\Z"),
        ("[$]$", "[$]\\Z"),
        ("[]$]$", "[]$]\\Z"),
        ("[^]$]x$", "[^]$]x\\Z"),
        ("[\\]$]$", "[\\]$]\\Z"),
    ],
)
def test_ecma_dollar_ends_the_text_only_outside_classes_and_escapes(
    pattern: str, python: str
) -> None:
    assert python_pattern(pattern) == python


@pytest.mark.parametrize("name", ["type", "match", "case"])
def test_soft_keywords_stay_names_whatever_python_runs_the_generator(name: str) -> None:
    """`type` became a soft keyword in Python 3.12: renamed as a keyword, the corpus's
    `security_event(type, info)` would be generated as `type_` there and `type` on 3.11,
    and `check` would fail across versions. Soft keywords are valid names, kept as they are."""
    from everest_py.codegen.naming import python_identifier

    assert python_identifier(name) == name
    assert python_identifier("class") == "class_"  # a real keyword still is renamed


def test_fractional_bounds_of_an_integer_keep_their_meaning(build: Build) -> None:
    """draft-07 allows any number as an integer's bound; pydantic wants whole ones. x >= 0.5
    is x >= 1, x < 7.5 is x <= 7, and x a multiple of 1.5 is x a multiple of 3."""
    modules = build({"types/bounds.yaml": """\
                description: Types
                types:
                  Count:
                    description: A count
                    type: integer
                    minimum: 0.5
                    exclusiveMaximum: 7.5
                    multipleOf: 1.5
                """})
    adapter: TypeAdapter[Any] = TypeAdapter(modules["types/bounds"].Count)
    schema = {"type": "integer", "minimum": 0.5, "exclusiveMaximum": 7.5, "multipleOf": 1.5}
    everest, _ = oracles(schema, registry({}))
    for value in range(-3, 12):
        assert _accepts(adapter, value)[0] == everest.is_valid(value), value


def test_wire_data_takes_the_yaml_names_only_python_takes_both(build: Build) -> None:
    """A property `from` is the field `from_`. Python code may use either name; data from
    the wire (a received argument, result or variable value) is JSON Schema's, so `from_` is
    no key there: refused by a closed object, kept as an extra (not renamed) by an open one."""
    from everest_py.runtime.errors import SchemaValidationError
    from everest_py.runtime.validation import decode_arguments, decode_result, to_wire

    modules = build(
        {
            "types/t.yaml": """\
                description: Types
                types:
                  Closed:
                    description: Closed
                    type: object
                    additionalProperties: false
                    properties:
                      from:
                        type: integer
                  Open:
                    description: Open
                    type: object
                    properties:
                      from:
                        type: integer
                """,
            "interfaces/i.yaml": """\
                description: An interface
                cmds:
                  take:
                    description: Takes one
                    arguments:
                      value:
                        description: The value
                        type: object
                        $ref: /t#/Closed
                    result:
                      description: The same, open
                      type: object
                      $ref: /t#/Open
                """,
        }
    )
    closed = modules["types/t"].Closed
    assert closed(from_=1) == closed.model_validate({"from": 1}) == closed(**{"from": 1})
    take = modules["interfaces/i"].INTERFACE.commands["take"]
    assert decode_arguments(take, {"value": {"from": 1}})["value"] == closed(from_=1)
    with pytest.raises(SchemaValidationError, match="from_"):
        decode_arguments(take, {"value": {"from_": 1}})
    result = decode_result(take, {"from_": 2})
    assert result.from_ is None and result.model_extra == {"from_": 2}  # an extra, as it came
    assert to_wire(take.result, decode_result(take, {"from": 3})) == {"from": 3}


# -- what JSON Schema accepts, through references -------------------------------------------------


def _type_oracle(types_yaml: str, module: str, name: str) -> Any:
    """The EVerest oracle for type ``name`` of the type file ``module`` (its text given)."""
    from everest_py.codegen.jsonschema_export import type_file_schema

    types = yaml.safe_load(textwrap.dedent(types_yaml))["types"]
    store = registry({f"{module}.json": type_file_schema(module, types, local_refs=False)})
    everest, _ = oracles({"$ref": f"{module}.json#/definitions/{name}"}, store)
    return everest


NULLABLE_REFS = """\
    description: Optional properties whose referenced type allows null
    types:
      Maybe:
        description: A text or null
        type: [string, "null"]
      AlsoMaybe:
        description: Maybe, through one more alias
        type: [string, integer, "null"]
        anyOf:
          - $ref: /n#/Maybe
          - type: integer
      Text:
        description: Never null
        type: string
      Holder:
        description: Holds them
        type: object
        additionalProperties: false
        properties:
          maybe:
            $ref: /n#/Maybe
          also:
            $ref: /n#/AlsoMaybe
          either:
            anyOf:
              - $ref: /n#/Maybe
              - type: integer
          text:
            $ref: /n#/Text
    """


def test_an_optional_property_takes_null_when_its_referenced_type_does(build: Build) -> None:
    """Omittable refuses null for a property whose schema does not allow it; a `$ref` to a
    type that allows null (directly, through another alias or in one of anyOf's options)
    allows it, as JSON Schema says (it was refused)."""
    modules = build(
        {
            "types/n.yaml": NULLABLE_REFS,
            "types/other.yaml": """\
                description: The same from another type file
                types:
                  Elsewhere:
                    description: Holds one
                    type: object
                    properties:
                      maybe:
                        $ref: /n#/Maybe
                """,
        }
    )
    adapter: TypeAdapter[Any] = TypeAdapter(modules["types/n"].Holder)
    everest = _type_oracle(NULLABLE_REFS, "n", "Holder")
    for name in ("maybe", "also", "either", "text"):
        for value in (None, "x", 1):
            document = {name: value}
            accepted, output = _accepts(adapter, document)
            assert accepted == everest.is_valid(document), document
            if accepted:
                assert output == document  # an explicit null comes back
    assert _accepts(adapter, {"maybe": None})[0] and not _accepts(adapter, {"text": None})[0]
    elsewhere: TypeAdapter[Any] = TypeAdapter(modules["types/other"].Elsewhere)
    assert _accepts(elsewhere, {"maybe": None}) == (True, {"maybe": None})


ENUMS_BESIDE_TYPES = """\
    description: Enums beside a type list, and without a type
    types:
      Mixed:
        description: Texts or integers, but the enum has texts only
        type: [string, integer]
        enum: [a, b]
      Holder:
        description: The same inside a model
        type: object
        properties:
          mixed:
            type: [string, integer, "null"]
            enum: [a, b]
          untyped:
            enum: [a, b]
    """


def test_an_enum_applies_to_the_whole_value_whatever_the_type_list(
    build: Build, tmp_path: Path
) -> None:
    """`enum` beside `type: [string, integer]` (or without a type) admits its listed texts
    only: integers and null were accepted unchecked, as the enum went to the string branch.
    The types that admit nothing more are pointed out."""
    from everest_py.codegen.pipeline import build_model

    modules = build(
        {
            "types/e.yaml": ENUMS_BESIDE_TYPES,
            "interfaces/i.yaml": """\
                description: The enum in an argument
                cmds:
                  pick:
                    description: Picks one
                    arguments:
                      choice:
                        description: The choice
                        type: [string, integer]
                        enum: [a, b]
                """,
        }
    )
    types = modules["types/e"]
    assert [member.value for member in types.Mixed] == ["a", "b"]  # an enum of its own name
    argument = modules["interfaces/i"].INTERFACE.commands["pick"].arguments[0].adapter
    cases: list[tuple[str, TypeAdapter[Any], list[Any]]] = [
        ("Mixed", TypeAdapter(types.Mixed), ["a", "c", 1, None, 1.5]),
        ("Mixed", argument, ["a", "c", 1, None]),
        (
            "Holder",
            TypeAdapter(types.Holder),
            [{key: value} for key in ("mixed", "untyped") for value in ("b", "c", 1, None, [])],
        ),
    ]
    for name, adapter, values in cases:
        everest = _type_oracle(ENUMS_BESIDE_TYPES, "e", name)
        for value in values:
            accepted, output = _accepts(adapter, value)
            assert accepted == everest.is_valid(value), (name, value)
            if accepted:
                assert output == value
    _, warnings = build_model([tmp_path / "in"])
    assert sorted((w.dotted_path, w.message) for w in warnings) == [
        ("cmds.pick.arguments.choice.type", _ENUM_BESIDE.format("'integer'")),
        ("types.Holder.properties.mixed.type", _ENUM_BESIDE.format("'integer', 'null'")),
        ("types.Mixed.type", _ENUM_BESIDE.format("'integer'")),
    ]


_ENUM_BESIDE = "{} beside an enum of texts: only the enum's texts are valid (JSON-Schema semantics)"


def test_an_enum_of_texts_beside_a_type_without_string_is_an_input_error(tmp_path: Path) -> None:
    """No value is valid then: surely not what was meant."""
    from everest_py.codegen.diagnostics import InputError

    source = tmp_path / "in" / "types" / "e.yaml"
    source.parent.mkdir(parents=True)
    source.write_text(
        textwrap.dedent("""\
            description: An enum no value can meet
            types:
              Level:
                description: An integer that must be one of two texts
                type: [integer, "null"]
                enum: [low, high]
            """),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        generate([tmp_path / "in"], tmp_path / "out")
    assert [str(problem) for problem in caught.value.problems] == [
        f"{source}:6: types.Level.enum: lists texts only, which type ['integer', 'null'] does "
        "not allow: no value is valid"
    ]


@pytest.mark.parametrize(
    ("holder", "warned"),
    [
        (  # draft-07 ignores keywords beside a $ref: nothing to refuse or warn about
            """\
            type: array
            $ref: /r#/Codes
            items:
              type: integer
              enum: [a]
            """,
            [],
        ),
        (  # only the anyOf alternatives are enforced: the items are warned about, as before
            """\
            anyOf:
              - type: string
            items:
              type: integer
              enum: [a]
            """,
            [
                (
                    "types.Holder.properties.codes.items",
                    "'items' beside 'anyOf' is not enforced by the generated code (only the "
                    "anyOf alternatives are)",
                )
            ],
        ),
        (  # a type that makes no use of items: they are not enforced either
            """\
            type: string
            items:
              type: integer
              enum: [a]
            """,
            [],
        ),
    ],
    ids=["beside-ref", "beside-anyOf", "unused-by-type"],
)
def test_an_enum_no_value_meets_where_nothing_is_enforced_is_not_an_input_error(
    build: Build, holder: str, warned: list[tuple[str, str]]
) -> None:
    """The check that an enum of texts beside `type: integer` leaves no valid value applies to
    schemas the generated code enforces: one beside a `$ref` (ignored by draft-07) or beside an
    `anyOf` generated fine before it and must still."""
    from everest_py.codegen.pipeline import build_model

    files = {
        "types/r.yaml": """\
            description: Keywords the generated code does not enforce
            types:
              Codes:
                description: codes
                type: array
                items:
                  type: string
              Holder:
                description: holds
                type: object
                properties:
                  codes:
"""
        + textwrap.indent(textwrap.dedent(holder), " " * 20)
    }
    types = build(files)["types/r"]
    value = ["x"] if "$ref" in holder else "x"  # the $ref's list of texts; else a text
    assert types.Holder.model_validate({"codes": value}).codes == value
    _, warnings = build_model([Path(types.__file__).parents[2] / "in"])
    assert [(w.dotted_path, w.message) for w in warnings] == warned


UNTYPED = """\
    description: Schemas without a type, objects without properties
    types:
      Empty:
        description: Only the empty object
        type: object
        additionalProperties: false
      Free:
        description: Any object
        type: object
      Named:
        description: Any object, and a required name that is not enforced
        type: object
        required: [a]
      Holder:
        description: Holds them
        type: object
        properties:
          anything: {}
          described:
            description: Any JSON value, by intent
          props:
            properties:
              a:
                type: integer
            required: [a]
          low:
            minimum: 3
          closed:
            type: object
            additionalProperties: false
          open:
            type: object
          items:
            type: array
    """


def test_untyped_schemas_and_objects_without_properties(build: Build, tmp_path: Path) -> None:
    """`{}` (annotations aside) is any JSON value and `type: object` alone any object, by intent
    of JSON Schema: generated as such, with no warning. An object closed by
    `additionalProperties: false` without properties admits `{}` only (it admitted any object).
    Keywords that need a type to apply (`properties`, `minimum`, ...) are not enforced without
    one, and a required property that is not declared is not either: each is a warning."""
    from everest_py.codegen.pipeline import build_model

    types = build({"types/u.yaml": UNTYPED})["types/u"]
    values: list[Any] = [None, 1, 2.5, "x", True, [], [1, "a"], {}, {"a": 1}, {"a": "x"}]
    cases: list[tuple[str, Any, list[Any]]] = [
        ("Empty", types.Empty, values),
        ("Free", types.Free, values),
        (
            "Holder",
            types.Holder,
            [
                {key: value}
                for key in ("anything", "described", "closed", "open", "items")
                for value in values
            ],
        ),
    ]
    for name, python_type, documents in cases:
        everest = _type_oracle(UNTYPED, "u", name)
        adapter: TypeAdapter[Any] = TypeAdapter(python_type)
        for document in documents:
            accepted, output = _accepts(adapter, document)
            assert accepted == everest.is_valid(document), (name, document)
            if accepted:
                assert output == document
    _, warnings = build_model([tmp_path / "in"])
    assert sorted((w.dotted_path, w.message) for w in warnings) == [
        (
            "types.Holder.properties.low",
            "'minimum' without a 'type' is not enforced by the generated code: any JSON value "
            "is accepted (add a 'type')",
        ),
        (
            "types.Holder.properties.props",
            "'properties', 'required' without a 'type' are not enforced by the generated code: "
            "any JSON value is accepted (add a 'type')",
        ),
        (
            "types.Named.required",
            "required property 'a' is not declared: its presence is not enforced",
        ),
    ]


RECURSION_THROUGH_ALIASES = """\
    description: A model that reaches itself through aliases
    types:
      Node:
        description: A node
        type: object
        additionalProperties: false
        properties:
          children:
            $ref: /r#/Children
          label:
            $ref: /r#/Label
      Children:
        description: At least one node
        type: array
        minItems: 1
        items:
          $ref: /r#/Node
      Label:
        description: A short text or a node
        type: [string, object]
        anyOf:
          - type: string
            maxLength: 3
          - $ref: /r#/Node
    """


def test_recursion_through_an_alias_builds_every_adapter(build: Build) -> None:
    """`Children = list["Node"]` (the alias first, naming the model to come) could not be
    resolved by a TypeAdapter built in another module: the interface's adapters failed at first
    use. In a cycle of references the aliases now come after the models they name."""
    modules = build(
        {
            "types/r.yaml": RECURSION_THROUGH_ALIASES,
            "interfaces/i.yaml": """\
                description: Uses them
                cmds:
                  take:
                    description: Takes nodes
                    arguments:
                      children:
                        description: The nodes
                        type: array
                        $ref: /r#/Children
                      label:
                        description: The label
                        type: string
                        $ref: /r#/Label
                    result:
                      description: The node
                      type: object
                      $ref: /r#/Node
                vars:
                  forest:
                    description: Lists of nodes
                    type: array
                    items:
                      $ref: /r#/Children
                """,
        }
    )
    take = modules["interfaces/i"].INTERFACE.commands["take"]
    forest = modules["interfaces/i"].INTERFACE.variables["forest"].adapter
    leaf: dict[str, Any] = {"label": "ab"}
    tree: dict[str, Any] = {"children": [leaf, {"label": {"label": "xyz"}}], "label": leaf}
    cases: list[tuple[str, TypeAdapter[Any], list[Any]]] = [
        ("Children", take.arguments[0].adapter, [[tree], [], [{"label": "abcd"}], [{"x": 1}]]),
        ("Label", take.arguments[1].adapter, ["ab", "abcd", tree, {"children": []}, 1]),
        ("Node", take.result, [tree, {"label": 1}, {"children": [tree, {"children": [1]}]}]),
    ]
    for name, adapter, values in cases:
        everest = _type_oracle(RECURSION_THROUGH_ALIASES, "r", name)
        for value in values:
            accepted, output = _accepts(adapter, value)
            assert accepted == everest.is_valid(value), (name, value)
            if accepted:
                assert output == value
    assert _accepts(forest, [[tree], [leaf]]) == (True, [[tree], [leaf]])
    assert not _accepts(forest, [[]])[0]


def test_a_cycle_of_aliases_through_any_option_is_an_input_error(tmp_path: Path) -> None:
    """`A = B | C` with `C = A | int` cannot be built: it was let through when the cycle went
    through a union's second option (only the first reference was followed)."""
    from everest_py.codegen.diagnostics import InputError

    source = tmp_path / "in" / "types" / "loop.yaml"
    source.parent.mkdir(parents=True)
    source.write_text(
        textwrap.dedent("""\
            description: Aliases that name each other
            types:
              A:
                description: B or C
                type: [string, integer]
                anyOf:
                  - $ref: /loop#/B
                  - $ref: /loop#/C
              B:
                description: A text
                type: string
              C:
                description: A or an integer
                type: [string, integer]
                anyOf:
                  - $ref: /loop#/A
                  - type: integer
            """),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        generate([tmp_path / "in"], tmp_path / "out")
    assert [str(problem) for problem in caught.value.problems] == [
        f"{source}:3: types.A: cyclic reference: A -> C -> A"
    ]


# -- names the generated modules bind ----------------------------------------------------------


def test_generated_names_avoid_the_imports_the_classes_and_the_fields(build: Build) -> None:
    """An inline enum or object is named after where it is (`Str.enum` is `StrEnum`, command
    `foo`'s argument `handler` in interface `foo` is `FooHandler`): such a name was written as
    is, shadowing the import or class of that name (the interface did not import), or the field
    of the model using it (`ABar = None` made `bar: Omittable[ABar]` accept null only). It gets
    a number now, as two generated names that meet do. A type named like something the
    module does not import (`BaseModel`) is fine."""
    modules = build(
        {
            "types/t.yaml": """\
                description: Names met by generated ones
                types:
                  BaseModel:
                    description: Not imported by generated modules
                    type: object
                    properties:
                      x:
                        type: integer
                  Str:
                    description: Its property enum becomes StrEnum
                    type: object
                    properties:
                      enum:
                        type: string
                        enum: [a, b]
                  Json:
                    description: Its property value becomes JsonValue
                    type: object
                    properties:
                      value:
                        type: object
                        properties:
                          y:
                            type: integer
                  A:
                    description: A field ABar before the enum ABar of property bar
                    type: object
                    properties:
                      ABar:
                        type: integer
                      bar:
                        type: string
                        enum: [x, y]
                """,
            "interfaces/foo.yaml": """\
                description: Generated names that meet the interface's own
                cmds:
                  foo:
                    description: Its argument handler becomes FooHandler
                    arguments:
                      handler:
                        description: An enum
                        type: string
                        enum: [a, b]
                  class:
                    description: Its argument var becomes ClassVar
                    arguments:
                      var:
                        description: An enum
                        type: string
                        enum: [c, d]
                  type:
                    description: Its argument adapter becomes TypeAdapter
                    arguments:
                      adapter:
                        description: An object
                        type: object
                        properties:
                          z:
                            type: integer
                    result:
                      description: The result
                      type: object
                      $ref: /t#/BaseModel
                """,
        }
    )
    types, foo = modules["types/t"], modules["interfaces/foo"]
    assert types.BaseModel.model_validate({"x": 1}).x == 1
    assert types.Str.model_validate({"enum": "a"}).enum is types.StrEnum2.a
    assert types.Json.model_validate({"value": {"y": 1}}).value == types.JsonValue(
        y=1
    )  # not imported
    assert types.A.model_validate({"bar": "x"}).bar is types.ABar2.x
    with pytest.raises(ValidationError):
        types.A.model_validate({"bar": None})
    assert issubclass(foo.FooHandler, abc.ABC) and foo.FooHandler2.a == "a"
    commands = foo.INTERFACE.commands
    assert commands["foo"].arguments[0].adapter.validate_python("a") is foo.FooHandler2.a
    assert commands["class"].arguments[0].adapter.validate_python("d") is foo.ClassVar2.d
    assert commands["type"].arguments[0].adapter.validate_python({"z": 1}) == foo.TypeAdapter2(z=1)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("StrEnum", "is a name the generated module imports ('StrEnum'); rename the type"),
        ("Field", "is a name the generated module imports ('Field'); rename the type"),
        ("Annotated", "is a name the generated module imports ('Annotated'); rename the type"),
        ("EverestModel", "is a name the generated module imports ('EverestModel'); rename the type"),
        ("_other", "is the name the generated module imports the type file 'other' as; rename the type"),
    ],
)  # fmt: skip
def test_a_type_named_like_an_import_is_an_input_error(
    tmp_path: Path, name: str, problem: str
) -> None:
    """A declared name is the user's: not renamed behind their back (references to it, from
    other files too, would have to change), but refused with the file, line and name."""
    from everest_py.codegen.diagnostics import InputError

    (tmp_path / "in" / "types").mkdir(parents=True)
    (tmp_path / "in" / "types" / "other.yaml").write_text(
        "description: Another file\ntypes:\n  Thing:\n    description: A thing\n    type: string\n",
        encoding="utf-8",
    )
    source = tmp_path / "in" / "types" / "t.yaml"
    source.write_text(
        textwrap.dedent(f"""\
            description: A type named like an import
            types:
              {name}:
                description: The type
                type: object
                properties:
                  thing:
                    $ref: /other#/Thing
            """),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        generate([tmp_path / "in"], tmp_path / "out")
    assert [str(p) for p in caught.value.problems] == [
        f"{source}:3: types.{name}: type name {name!r} {problem}"
    ]


def test_an_argument_is_not_named_like_what_the_client_method_body_uses(build: Build) -> None:
    """The Client method returns ``cast(<result type>, result)``: an argument `str` made
    `cast(list[str], ...)` name the argument (mypy refused it), one named like the result's
    module alias (`_t`) or class failed at run time. Such an argument gets a trailing `_`, as
    `timeout` does; its wire name is unchanged."""
    modules = build(
        {
            "types/t.yaml": """\
                description: A type
                types:
                  Thing:
                    description: A thing
                    type: object
                    properties:
                      x:
                        type: integer
                """,
            "interfaces/p.yaml": """\
                description: Arguments named like names of the method body
                cmds:
                  texts:
                    description: Returns texts
                    arguments:
                      str:
                        description: A text
                        type: string
                      _t:
                        description: Not the module here (the result does not name it)
                        type: integer
                    result:
                      description: Texts
                      type: array
                      items:
                        type: string
                  thing:
                    description: Returns a thing
                    arguments:
                      _t:
                        description: Named like the module alias
                        type: integer
                    result:
                      description: A thing
                      type: object
                      $ref: /t#/Thing
                  made:
                    description: Returns a new object
                    arguments:
                      MadeResult:
                        description: Named like the result's class
                        type: integer
                    result:
                      description: A new object
                      type: object
                      properties:
                        x:
                          type: integer
                """,
        }
    )
    interface = modules["interfaces/p"]
    commands = interface.INTERFACE.commands
    assert [(a.name, a.py_name) for a in commands["texts"].arguments] == [
        ("str", "str_"), ("_t", "_t")
    ]  # fmt: skip
    assert [(a.name, a.py_name) for a in commands["thing"].arguments] == [("_t", "_t_")]
    assert [(a.name, a.py_name) for a in commands["made"].arguments] == [
        ("MadeResult", "MadeResult_")
    ]
    results = {
        "texts": ["a"], "thing": modules["types/t"].Thing(x=1), "made": interface.MadeResult(x=2)
    }  # fmt: skip

    class Transport:
        async def call(self, command: Any, arguments: dict[str, Any], timeout: Any) -> Any:
            assert list(arguments) == [a.name for a in command.arguments]  # the wire names
            return results[command.name]

    client = interface.PClient(Transport())
    assert asyncio.run(client.texts("a", 1)) == ["a"]
    assert asyncio.run(client.thing(_t_=1)).x == 1
    assert asyncio.run(client.made(MadeResult_=1)).x == 2


def test_an_argument_named_like_a_builtin_the_method_body_does_not_use_keeps_its_name(
    build: Build,
) -> None:
    """Handlers are called by keyword with the argument's Python name: renaming `int` to `int_`
    when the result (`bool`) does not name `int` broke `handle_scale(self, int: int)` for no
    reason. Only `self`, `timeout`, `cast`, `INTERFACE` and what the result's type names are
    renamed."""
    modules = build(
        {
            "interfaces/calc.yaml": """\
                description: Arguments named like builtins the result does not use
                cmds:
                  scale:
                    description: Scales
                    arguments:
                      int:
                        description: A factor
                        type: integer
                      list:
                        description: A list
                        type: array
                        items:
                          type: integer
                      JsonValue:
                        description: Any object
                        type: object
                      timeout:
                        description: Always renamed
                        type: number
                    result:
                      description: Whether it worked
                      type: boolean
                """,
        }
    )
    calc = modules["interfaces/calc"]
    arguments = calc.INTERFACE.commands["scale"].arguments
    assert [(a.name, a.py_name) for a in arguments] == [
        ("int", "int"), ("list", "list"), ("JsonValue", "JsonValue"), ("timeout", "timeout_")
    ]  # fmt: skip

    class Handler(calc.CalcHandler):
        async def handle_scale(
            self, int: int, list: list[int], JsonValue: dict[str, Any], timeout_: float
        ) -> bool:
            return int == 2 and list == [1] and JsonValue == {"a": None}

    from everest_py.runtime.validation import decode_arguments

    wire = {"int": 2, "list": [1], "JsonValue": {"a": None}, "timeout": 1.5}
    keywords = decode_arguments(calc.INTERFACE.commands["scale"], wire)
    assert asyncio.run(Handler().handle_scale(**keywords)) is True

    class Transport:
        async def call(self, command: Any, arguments: dict[str, Any], timeout: Any) -> Any:
            assert arguments == wire and timeout == 3
            return True

    client = calc.CalcClient(Transport())
    assert asyncio.run(
        client.scale(int=2, list=[1], JsonValue={"a": None}, timeout_=1.5, timeout=3)
    )


def test_generated_names_avoid_only_what_the_module_imports_and_keep_earlier_names(
    build: Build,
) -> None:
    """An inline class avoids an import only where the rendered module has it (`JsonValue` in a
    module that does not import JsonValue, `VariableSpec` in an interface without variables stay
    as they were), and a field is named before the classes of later properties, as before: `kind`
    (enum `FaultKind`) then property `FaultKind` keep `FaultKind` and `FaultKind_`."""
    modules = build(
        {
            "types/doc.yaml": """\
                description: Generated names of earlier versions
                types:
                  Json:
                    description: Its property value becomes the model JsonValue
                    type: object
                    properties:
                      value:
                        type: object
                        properties:
                          text:
                            type: string
                  Fault:
                    description: An inline enum, then a field named like its class
                    type: object
                    properties:
                      kind:
                        type: string
                        enum: [minor, major]
                      FaultKind:
                        type: integer
                """,
            "interfaces/v.yaml": """\
                description: No variables, so VariableSpec is not imported
                cmds:
                  variable:
                    description: sets
                    arguments:
                      spec:
                        description: which
                        type: string
                        enum: [a, b]
                """,
        }
    )
    types, v = modules["types/doc"], modules["interfaces/v"]
    assert types.Json.model_validate({"value": {"text": "t"}}).value == types.JsonValue(text="t")
    assert not hasattr(types, "JsonValue2")
    fault = types.Fault.model_validate({"kind": "minor", "FaultKind": 3})
    assert fault.kind is types.FaultKind.minor and fault.FaultKind_ == 3
    adapter = v.INTERFACE.commands["variable"].arguments[0].adapter
    assert adapter.validate_python("a") is v.VariableSpec.a and not hasattr(v, "VariableSpec2")


def test_a_type_in_nested_options_appears_once_in_the_union(build: Build) -> None:
    """Nested anyOf options are one union: `null` twice rendered `None | None | T0`, which
    Python refuses when the module is imported."""
    modules = build(
        {
            "types/n.yaml": """\
                description: Nested options
                types:
                  T0:
                    description: A text
                    type: string
                  T1:
                    description: Null or a text, nested
                    type: object
                    properties:
                      v:
                        anyOf:
                          - anyOf:
                              - type: 'null'
                              - type: 'null'
                          - $ref: /n#/T0
                          - anyOf:
                              - $ref: /n#/T0
                              - type: integer
                """,
        }
    )
    model = modules["types/n"].T1
    assert str(model.model_fields["v"].annotation).count("None") == 1
    for value in (None, "x", 3):
        assert model.model_validate({"v": value}).v == value
    with pytest.raises(ValidationError):
        model.model_validate({"v": 1.5})
