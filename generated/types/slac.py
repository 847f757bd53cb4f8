"""SLAC shared types

Generated from types/slac.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class State(StrEnum):
    """SLAC state enum"""

    UNMATCHED = "UNMATCHED"
    MATCHING = "MATCHING"
    MATCHED = "MATCHED"
