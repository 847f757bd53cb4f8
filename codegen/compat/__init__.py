"""Compatibility report between two versions of the EVerest YAML (the ``diff`` verb)."""

from .changes import Change
from .projectdiff import compare, load

__all__ = ["Change", "compare", "load"]
