"""Configuration keys: their definitions (keys.py, validators in rules.py), the live values with
validated changes (values.py), the state file that persists them (store.py) and the README key
table (keys_table.py). Other packages import from here only."""

from .keys import DEFINITIONS, find
from .keys_table import markdown_table
from .rules import Access, InvalidValue, KeyDefinition
from .store import StateFile, StateFileError
from .values import ChangeOrigin, Configuration, ConfigurationError, KeyChange, UndoPoint

__all__ = [
    "DEFINITIONS",
    "Access",
    "ChangeOrigin",
    "Configuration",
    "ConfigurationError",
    "InvalidValue",
    "KeyChange",
    "KeyDefinition",
    "StateFile",
    "StateFileError",
    "UndoPoint",
    "find",
    "markdown_table",
]
