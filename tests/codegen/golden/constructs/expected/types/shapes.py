"""Shapes for the golden test.

A second paragraph with a "quote" and a backslash \\ in it.

Generated from types/shapes.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import (
    EverestModel,
    JsonBool,
    JsonDateTime,
    JsonInt,
    JsonNumber,
    JsonString,
    Omittable,
)
from pydantic import ConfigDict, Field, JsonValue

from . import units as _units


class Color(StrEnum):
    """Colours, including values that are not Python names"""

    Red = "Red"
    None_ = "None"
    light_blue = "light-blue"
    V2D = "2D"
    class_ = "class"


Tag = Annotated[JsonString, Field(max_length=8, pattern="^[a-z]+$")]
"""A short tag"""


class Point(EverestModel):
    """A point; extra properties are forbidden"""

    model_config = ConfigDict(extra="forbid")

    x: JsonNumber
    """Horizontal position"""
    y: Annotated[JsonNumber, Field(ge=-100, le=100)]
    """Vertical position"""
    label: Omittable[Annotated[JsonString, Field(min_length=1)]] = None
    """A label whose maximum constrains nothing (JSON Schema)"""


class ShapeStyleStroke(StrEnum):
    """An inline enum"""

    solid = "solid"
    dashed = "dashed"


class ShapeStyle(EverestModel):
    """A nested anonymous object"""

    model_config = ConfigDict(extra="forbid")

    stroke: Omittable[ShapeStyleStroke] = None
    """An inline enum"""
    width: Omittable[JsonInt] = None
    """Default: 1."""


class Shape(EverestModel):
    """Every construct of the dialect in one object"""

    model_config = ConfigDict(extra="allow")

    id: Annotated[JsonInt, Field(ge=0, lt=1000)]
    """Shadows a builtin"""
    type: Omittable[JsonString] = None
    """Shadows a builtin"""
    from_: Omittable[JsonString] = Field(default=None, alias="from")
    """A Python keyword"""
    model_name: Omittable[JsonString] = None
    """Pydantic reserves model_ names"""
    json_: Omittable[JsonBool] = Field(default=None, alias="json")
    """An attribute of BaseModel"""
    CamelCase: Omittable[JsonString] = None
    """Capitals are kept on the wire"""
    points: Annotated[list[Point], Field(min_length=1, max_length=10)]
    """Array of references with item counts"""
    color: Omittable[Color] = None
    """A $ref whose sibling type contradicts the target; the $ref wins"""
    size: Omittable[_units.Length] = None
    """A reference into another type file"""
    created: Omittable[JsonDateTime] = None
    """A timestamp"""
    meta: Omittable[dict[str, JsonValue]] = None
    """A free-form object"""
    anything: JsonValue = None
    """Any JSON value"""
    tags: Omittable[list[Tag]] = None
    """Array of constrained strings"""
    style: Omittable[ShapeStyle] = None
    """A nested anonymous object"""
    children: Omittable[list["Shape"]] = None
    """Recursion through an array"""
    counts: Omittable[dict[str, JsonInt]] = None
    """A map of integers"""
    id_or_name: Omittable[JsonString | JsonInt] = None
    """Either of two types"""
