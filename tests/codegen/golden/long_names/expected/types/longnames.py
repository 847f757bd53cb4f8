"""Synthetic long names

Generated from types/longnames.yaml. Do not edit: regenerate.
"""

import re
from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonString, Omittable
from pydantic import ConfigDict, Field


class AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes(StrEnum):
    """An enum"""

    a = "a"
    b = "b"


class Holder(EverestModel):
    """Holds things"""

    model_config = ConfigDict(extra="allow")

    some_really_long_property_name_with_dashes_that_needs_alias: Omittable[
        Annotated[
            list[AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes],
            Field(min_length=1, max_length=5),
        ]
    ] = Field(
        default=None,
        alias="some-really-long-property-name-with-dashes-that-needs-alias",
        description="aliased, optional, constrained list of long refs",
    )
    another_property_with_a_long_name_but_required_and_constrained_list: Annotated[
        list[AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes],
        Field(min_length=1, max_length=500000),
    ] = Field(description="required constrained list")
    short: Omittable[Annotated[JsonString, Field(pattern=re.compile("^[a-z]+(\\.[a-z]+)*\\Z"))]] = (
        Field(default=None, description="A description with \"quotes\" and 'single' ones")
    )
