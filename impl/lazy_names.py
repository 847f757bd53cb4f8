"""The doors (package `__init__`s) that hand out some of their names on first use, so that
loading a package does not load what only some charge points use (start-up time,
tests/test_startup.py). A door lists those names with the module that defines each, and takes
its module `__getattr__` and `__dir__` from here:

    __getattr__, __dir__ = names_on_first_use(__name__, globals(), {"Name": ".module"})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def names_on_first_use(
    package: str, namespace: dict[str, Any], exports: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The `__getattr__` that loads `exports` (name -> module, relative to `package`) on first
    use and keeps each in `namespace` (found directly from then on), and the `__dir__` that
    lists them with the rest of `__all__`."""

    def getattr_(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted(set(namespace) | set(namespace.get("__all__", ())))

    return getattr_, dir_
