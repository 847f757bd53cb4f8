"""Physical quantities used by the shapes

Generated from types/units.yaml. Do not edit: regenerate.
"""

import re
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonNumber, JsonString
from pydantic import ConfigDict, Field

Length = Annotated[JsonNumber, Field(ge=0)]
"""A length in metres"""


class Current(EverestModel):
    """Same name as a type in other files; lives in its own module"""

    model_config = ConfigDict(extra="allow")

    ampere: JsonNumber = Field(description="Current in A")


Reading = JsonNumber | Annotated[JsonString, Field(pattern=re.compile("^[0-9]+ (A|V)\\Z"))]
"""A value given either as a number or as a text (anyOf)"""
