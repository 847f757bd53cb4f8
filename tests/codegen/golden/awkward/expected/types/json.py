"""A type file whose nested object would be JsonValue

Generated from types/json.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonInt, Omittable
from pydantic import ConfigDict


class JsonValue(EverestModel):
    """JsonValue"""

    model_config = ConfigDict(extra="allow")

    y: Omittable[JsonInt] = None


class Json(EverestModel):
    """Its property value would be the model JsonValue"""

    model_config = ConfigDict(extra="allow")

    value: Omittable[JsonValue] = None
