"""What the generated code does: models, enums, constraints, interfaces, errors.

The golden input is generated into a package with a name of the test's
choosing, which also shows the output needs no particular import name.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from everest_py.codegen.pipeline import generate

INPUT = Path(__file__).parent / "golden" / "constructs" / "input"


@pytest.fixture(scope="module")
def bindings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    base = tmp_path_factory.mktemp("behaviour")
    generate([INPUT], base / "any_name_at_all")
    sys.path.insert(0, str(base))
    try:
        yield {
            name: importlib.import_module(f"any_name_at_all.{name}")
            for name in ("types.shapes", "types.units", "interfaces.widget", "errors.widget")
        }
    finally:
        sys.path.remove(str(base))


def _shape(**extra: Any) -> dict[str, Any]:
    return {"id": 1, "points": [{"x": 0, "y": 0}], **extra}


def test_enum_values_are_the_yaml_strings(bindings: dict[str, ModuleType]) -> None:
    color = bindings["types.shapes"].Color
    assert [member.value for member in color] == ["Red", "None", "light-blue", "2D", "class"]
    assert all(member.name.isidentifier() for member in color)
    assert color("light-blue") is color.light_blue
    assert isinstance(color.Red, str)


def test_required_and_optional_fields(bindings: dict[str, ModuleType]) -> None:
    shape_type = bindings["types.shapes"].Shape
    with pytest.raises(ValidationError, match="id"):
        shape_type.model_validate({"points": [{"x": 0, "y": 0}]})
    shape = shape_type.model_validate(_shape())
    assert shape.type is None and shape.color is None and shape.children is None


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (_shape(points=[{"x": 0, "y": 101}]), "less than or equal to 100"),
        (_shape(points=[]), "at least 1 item"),
        (_shape(points=[{"x": 0, "y": 0}] * 11), "at most 10 items"),
        (_shape(id=1000), "less than 1000"),
        (_shape(id=-1), "greater than or equal to 0"),
        (_shape(tags=["ABC"]), "should match pattern"),
        (_shape(tags=["abcdefghi"]), "at most 8 characters"),
        (_shape(points=[{"x": 0, "y": 0, "z": 1}]), "Extra inputs are not permitted"),
        (_shape(points=[{"x": 0, "y": 0, "label": ""}]), "at least 1 character"),
        (_shape(size=-0.5), "greater than or equal to 0"),
        (_shape(created="2026-01-01T00:00:00"), "timezone"),
        (_shape(style={"stroke": "dotted"}), "'solid' or 'dashed'"),
        (_shape(color="Blue"), "Input should be"),
    ],
)
def test_constraints_reject_bad_documents(
    bindings: dict[str, ModuleType], document: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ValidationError, match=problem):
        bindings["types.shapes"].Shape.model_validate(document)


def test_maximum_on_a_string_constrains_nothing(bindings: dict[str, ModuleType]) -> None:
    point = bindings["types.shapes"].Point.model_validate({"x": 1, "y": 2, "label": "x" * 50})
    assert point.label == "x" * 50


def test_round_trip_keeps_wire_names_extras_and_recursion(bindings: dict[str, ModuleType]) -> None:
    document = _shape(
        **{
            "from": "a keyword",
            "json": True,
            "model_name": "reserved prefix",
            "CamelCase": "kept",
            "created": "2026-11-25T10:20:30Z",
            "anything": [1, "two", None],
            "counts": {"a": 1},
            "id_or_name": 5,
            "children": [_shape(children=[_shape()])],
            "not_declared": {"kept": True},
        }
    )
    adapter = TypeAdapter(bindings["types.shapes"].Shape)
    shape = adapter.validate_python(document)
    assert shape.from_ == "a keyword" and shape.json_ is True
    assert shape.children[0].children[0].id == 1
    assert shape.created == datetime(2026, 11, 25, 10, 20, 30, tzinfo=UTC)
    assert adapter.dump_python(shape, mode="json", by_alias=True, exclude_none=True) == document


def test_python_names_are_accepted_too(bindings: dict[str, ModuleType]) -> None:
    shape = bindings["types.shapes"].Shape(id=3, points=[{"x": 1, "y": 1}], from_="py name")
    assert shape.model_dump(mode="json", exclude_none=True)["from"] == "py name"


def test_handler_missing_a_command_fails_at_instantiation(bindings: dict[str, ModuleType]) -> None:
    widget = bindings["interfaces.widget"]

    class Partial(widget.WidgetHandler):  # type: ignore[misc,name-defined]
        async def handle_draw(self, shape: Any, scale: float) -> Any:
            return shape

        async def handle_reset(self) -> None:
            return None

        async def handle_count(self) -> int:
            return 0

    with pytest.raises(TypeError, match="handle_paint"):
        Partial()


class RecordingTransport:
    def __init__(self, result: Any = None) -> None:
        self.calls: list[tuple[str, dict[str, Any], float | None]] = []
        self.published: list[tuple[str, Any]] = []
        self.subscribed: list[str] = []
        self.result = result

    async def call(self, command: Any, arguments: dict[str, Any], timeout: float | None) -> Any:
        self.calls.append((command.name, arguments, timeout))
        return self.result

    def subscribe(self, variable: Any, callback: Any) -> Any:
        self.subscribed.append(variable.name)
        return None

    def publish(self, variable: Any, value: Any) -> None:
        self.published.append((variable.name, value))


async def test_client_sends_wire_names_and_timeout(bindings: dict[str, ModuleType]) -> None:
    widget = bindings["interfaces.widget"]
    transport = RecordingTransport(result=["Red"])
    client = widget.WidgetClient(transport)
    result = await client.paint(
        class_="c",
        timeout_=1.5,
        brush=widget.PaintBrush(size=2),
        finish=widget.PaintFinish.matte,
        timeout=3,
    )
    assert result == ["Red"]
    name, arguments, timeout = transport.calls[0]
    assert name == "paint" and timeout == 3
    assert list(arguments) == ["class", "timeout", "brush", "finish"]
    assert arguments["class"] == "c" and arguments["timeout"] == 1.5
    client.subscribe_count(lambda value: None)
    assert transport.subscribed == ["count"]


def test_interface_spec_describes_commands_in_yaml_order(bindings: dict[str, ModuleType]) -> None:
    spec = bindings["interfaces.widget"].INTERFACE
    assert list(spec.commands) == ["draw", "reset", "count", "paint"]
    paint = spec.commands["paint"]
    assert [(a.name, a.py_name) for a in paint.arguments] == [
        ("class", "class_"), ("timeout", "timeout_"), ("brush", "brush"), ("finish", "finish")
    ]  # fmt: skip
    assert spec.commands["reset"].result is None and spec.commands["reset"].arguments == ()
    assert spec.commands["draw"].handler_method == "handle_draw"
    scale = spec.commands["draw"].arguments[1].adapter
    with pytest.raises(ValidationError):
        scale.validate_python(11)
    assert list(spec.variables) == ["ready", "shape", "count"]
    assert spec.variables["ready"].adapter.validate_python(None) is None


def test_publisher_publishes_through_transport(bindings: dict[str, ModuleType]) -> None:
    widget = bindings["interfaces.widget"]
    transport = RecordingTransport()
    publisher = widget.WidgetPublisher(transport)
    publisher.publish_ready()
    publisher.publish_count(3)
    assert transport.published == [("ready", None), ("count", 3)]


def test_errors_become_enums_reachable_from_the_interface(bindings: dict[str, ModuleType]) -> None:
    errors = bindings["errors.widget"]
    widget = bindings["interfaces.widget"]
    assert [e.value for e in errors.WidgetError] == ["widget/Jammed", "widget/Overheated"]
    assert errors.DESCRIPTIONS[errors.WidgetError.Jammed] == "The widget is stuck"
    assert widget.WidgetHandler.ERRORS == ("widget/Jammed", "widget/Overheated")
    assert widget.INTERFACE.errors == widget.WidgetClient.ERRORS == widget.WidgetPublisher.ERRORS


def test_interface_without_commands_or_variables(bindings: dict[str, ModuleType]) -> None:
    nothing = importlib.import_module("any_name_at_all.interfaces.nothing")
    assert nothing.INTERFACE.commands == {} and nothing.INTERFACE.variables == {}
    nothing.NothingHandler()


def test_any_of_becomes_a_union(bindings: dict[str, ModuleType]) -> None:
    adapter = TypeAdapter(bindings["types.units"].Reading)
    assert adapter.validate_python(1.5) == 1.5
    assert adapter.validate_python("16 A") == "16 A"
    with pytest.raises(ValidationError):
        adapter.validate_python("sixteen amps")


def test_descriptions_are_docstrings_and_kept_on_the_models(
    bindings: dict[str, ModuleType],
) -> None:
    shapes = bindings["types.shapes"]
    assert shapes.Point.__doc__ == "A point; extra properties are forbidden"
    assert shapes.Point.model_fields["x"].description == "Horizontal position"
    assert shapes.Shape.model_fields["from_"].description == "A Python keyword"
    schema = shapes.Point.model_json_schema()
    assert schema["properties"]["y"]["description"] == "Vertical position"
    widget = bindings["interfaces.widget"]
    assert "Scale factor" in (widget.WidgetHandler.handle_draw.__doc__ or "")
