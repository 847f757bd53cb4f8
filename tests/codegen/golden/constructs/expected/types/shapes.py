"""Shapes for the golden test.

A second paragraph with a "quote" and a backslash \\ in it.

Generated from types/shapes.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel
from pydantic import AwareDatetime, ConfigDict, Field, JsonValue

from . import units as _units


class Color(StrEnum):
    """Colours, including values that are not Python names"""

    Red = "Red"
    None_ = "None"
    light_blue = "light-blue"
    V2D = "2D"
    class_ = "class"


Tag = Annotated[str, Field(max_length=8, pattern="^[a-z]+$")]
"""A short tag"""


class Point(EverestModel):
    """A point; extra properties are forbidden"""

    model_config = ConfigDict(extra="forbid")

    x: float
    """Horizontal position"""
    y: Annotated[float, Field(ge=-100, le=100)]
    """Vertical position"""
    label: Annotated[str, Field(min_length=1)] | None = None
    """A label whose maximum constrains nothing (JSON Schema)"""


class ShapeStyleStroke(StrEnum):
    """An inline enum"""

    solid = "solid"
    dashed = "dashed"


class ShapeStyle(EverestModel):
    """A nested anonymous object"""

    model_config = ConfigDict(extra="forbid")

    stroke: ShapeStyleStroke | None = None
    """An inline enum"""
    width: int | None = None
    """Default: 1."""


class Shape(EverestModel):
    """Every construct of the dialect in one object"""

    model_config = ConfigDict(extra="allow")

    id: Annotated[int, Field(ge=0, lt=1000)]
    """Shadows a builtin"""
    type: str | None = None
    """Shadows a builtin"""
    from_: str | None = Field(default=None, alias="from")
    """A Python keyword"""
    model_name: str | None = None
    """Pydantic reserves model_ names"""
    json_: bool | None = Field(default=None, alias="json")
    """An attribute of BaseModel"""
    CamelCase: str | None = None
    """Capitals are kept on the wire"""
    points: Annotated[list[Point], Field(min_length=1, max_length=10)]
    """Array of references with item counts"""
    color: Color | None = None
    """A $ref whose sibling type contradicts the target; the $ref wins"""
    size: _units.Length | None = None
    """A reference into another type file"""
    created: AwareDatetime | None = None
    """A timestamp"""
    meta: dict[str, JsonValue] | None = None
    """A free-form object"""
    anything: JsonValue = None
    """Any JSON value"""
    tags: list[Tag] | None = None
    """Array of constrained strings"""
    style: ShapeStyle | None = None
    """A nested anonymous object"""
    children: list["Shape"] | None = None
    """Recursion through an array"""
    counts: dict[str, int] | None = None
    """A map of integers"""
    id_or_name: str | int | None = None
    """Either of two types"""


# Resolve references to models defined later in this module (recursive types).
Shape.model_rebuild()
