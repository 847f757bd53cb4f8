"""Constructs that broke the output once, the YAML valid all along

Generated from types/tree.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonInt, JsonString, Omittable
from pydantic import ConfigDict, Field, JsonValue


class NodeKind(StrEnum):
    """The enum applies to the whole value, so integers are refused"""

    leaf = "leaf"
    branch = "branch"


class NodeExtra(EverestModel):
    """A closed object without properties admits {} only"""

    model_config = ConfigDict(extra="forbid")


class NodeTag2(StrEnum):
    """NodeTag2"""

    red = "red"
    green = "green"


Note = JsonString | None
"""A text or null"""


class Node(EverestModel):
    """Reaches itself through the aliases Children and Label"""

    model_config = ConfigDict(extra="forbid")

    children: Omittable["Children"] = None
    label: Omittable["Label"] = None
    note: Note = Field(
        default=None,
        description="An alias that allows null, so an explicit null is a value",
    )
    kind: Omittable[NodeKind] = Field(
        default=None,
        description="The enum applies to the whole value, so integers are refused",
    )
    extra: Omittable[NodeExtra] = Field(
        default=None,
        description="A closed object without properties admits {} only",
    )
    anything: JsonValue = Field(default=None, description="Any JSON value, by intent")
    NodeTag: Omittable[JsonInt] = Field(
        default=None,
        description="A field named as the enum of tag would have been",
    )
    tag: Omittable[NodeTag2] = None


Children = Annotated[list[Node], Field(min_length=1)]
"""At least one node"""


Label = Annotated[JsonString, Field(max_length=3)] | Node
"""A short text or a node"""


class StrEnum2(StrEnum):
    """StrEnum2"""

    a = "a"
    b = "b"


class Str(EverestModel):
    """Its property enum would be the enum StrEnum"""

    model_config = ConfigDict(extra="allow")

    enum: Omittable[StrEnum2] = None


class BaseModelValue(EverestModel):
    """A nested object"""

    model_config = ConfigDict(extra="allow")

    x: Omittable[JsonInt] = None


class BaseModel(EverestModel):
    """A name generated modules do not import"""

    model_config = ConfigDict(extra="allow")

    value: Omittable[BaseModelValue] = Field(default=None, description="A nested object")
