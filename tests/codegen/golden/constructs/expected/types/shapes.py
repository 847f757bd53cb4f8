"""Shapes for the golden test.

A second paragraph with a "quote" and a backslash \\ in it.

Generated from types/shapes.yaml. Do not edit: regenerate.
"""

import re
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


Tag = Annotated[JsonString, Field(max_length=8, pattern=re.compile("^[a-z]+\\Z"))]
"""A short tag"""


class Point(EverestModel):
    """A point; extra properties are forbidden"""

    model_config = ConfigDict(extra="forbid")

    x: JsonNumber = Field(description="Horizontal position")
    y: Annotated[JsonNumber, Field(ge=-100, le=100)] = Field(description="Vertical position")
    label: Omittable[Annotated[JsonString, Field(min_length=1)]] = Field(
        default=None,
        description="A label whose maximum constrains nothing (JSON Schema)",
    )


class ShapeStyleStroke(StrEnum):
    """An inline enum"""

    solid = "solid"
    dashed = "dashed"


class ShapeStyle(EverestModel):
    """A nested anonymous object"""

    model_config = ConfigDict(extra="forbid")

    stroke: Omittable[ShapeStyleStroke] = Field(default=None, description="An inline enum")
    width: Omittable[JsonInt] = Field(default=None, description="Default: 1.")


class Shape(EverestModel):
    """Every construct of the dialect in one object"""

    model_config = ConfigDict(extra="allow")

    id: Annotated[JsonInt, Field(ge=0, lt=1000)] = Field(description="Shadows a builtin")
    type: Omittable[JsonString] = Field(default=None, description="Shadows a builtin")
    from_: Omittable[JsonString] = Field(default=None, alias="from", description="A Python keyword")
    model_name: Omittable[JsonString] = Field(
        default=None,
        description="Pydantic reserves model_ names",
    )
    json_: Omittable[JsonBool] = Field(
        default=None,
        alias="json",
        description="An attribute of BaseModel",
    )
    CamelCase: Omittable[JsonString] = Field(
        default=None,
        description="Capitals are kept on the wire",
    )
    points: Annotated[list[Point], Field(min_length=1, max_length=10)] = Field(
        description="Array of references with item counts",
    )
    color: Omittable[Color] = Field(
        default=None,
        description="A $ref whose sibling type contradicts the target; the $ref wins",
    )
    size: Omittable[_units.Length] = Field(
        default=None,
        description="A reference into another type file",
    )
    created: Omittable[JsonDateTime] = Field(default=None, description="A timestamp")
    meta: Omittable[dict[str, JsonValue]] = Field(default=None, description="A free-form object")
    anything: JsonValue = Field(default=None, description="Any JSON value")
    tags: Omittable[list[Tag]] = Field(default=None, description="Array of constrained strings")
    style: Omittable[ShapeStyle] = Field(default=None, description="A nested anonymous object")
    children: Omittable[list["Shape"]] = Field(
        default=None,
        description="Recursion through an array",
    )
    counts: Omittable[dict[str, JsonInt]] = Field(default=None, description="A map of integers")
    id_or_name: Omittable[JsonString | JsonInt] = Field(
        default=None,
        description="Either of two types",
    )
