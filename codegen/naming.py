"""Turning EVerest names into Python names."""

from __future__ import annotations

import keyword
import re

# What EVerest's meta-schemas accept for command, argument, variable and type names.
EVEREST_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_.-]*$")
_NOT_IDENTIFIER_CHAR = re.compile(r"[^0-9a-zA-Z_]")


# What a generated type module binds at top level besides its own types (its imports). A declared
# type may not take one of these names; a generated one (an inline object or enum) avoids them.
TYPE_MODULE_NAMES = frozenset(
    {"re", "StrEnum", "Annotated", "ConfigDict", "Field", "JsonValue", "EverestModel"}
    | {"JsonBool", "JsonDateTime", "JsonInt", "JsonNumber", "JsonString", "Omittable"}
    | {"DateTimeText"}
)
# The same for an interface module, besides its Handler, Publisher and Client classes (and the
# ``_<file>``/``_errors_<file>`` aliases of the modules it imports, which no class name can be).
INTERFACE_MODULE_NAMES = TYPE_MODULE_NAMES | frozenset(
    {"abc", "Awaitable", "Callable", "ClassVar", "cast", "TypeAdapter", "INTERFACE"}
    | {"RAISABLE_ERRORS", "_DEFERRED", "ArgumentSpec", "CommandSpec", "InterfaceSpec"}
    | {"VariableSpec", "ClientTransport", "PublisherTransport", "Subscription"}
)


def python_identifier(name: str) -> str | None:
    """The identifier a YAML name becomes, or None when it cannot become one.

    ``-`` and ``.`` (allowed by EVerest) become ``_``; keywords get a trailing
    ``_``; anything else outside EVerest's name pattern is refused. Soft keywords (``match``,
    ``case``, ``type`` since Python 3.12) are names like any other: renaming them would make
    the output depend on the Python version that runs the generator.
    """
    if not EVEREST_NAME.match(name):
        return None
    candidate = name.replace("-", "_").replace(".", "_")
    if keyword.iskeyword(candidate):
        candidate += "_"
    return candidate if candidate.isidentifier() else None


def pascal_case(name: str) -> str:
    """``ISO15118_charger`` → ``ISO15118Charger``, ``power_supply_DC`` → ``PowerSupplyDC``."""
    parts = re.split(r"[_.\-]+", name)
    return "".join(part[:1].upper() + part[1:] for part in parts if part)


def enum_member_names(values: list[str]) -> list[str]:
    """Member names for enum values: the value itself where it is a valid name."""
    names: list[str] = []
    taken: set[str] = set()
    for value in values:
        base = _NOT_IDENTIFIER_CHAR.sub("_", value) or "EMPTY"
        if base[0].isdigit():
            base = "V" + base
        if keyword.iskeyword(base) or base.startswith("_") or base in _ENUM_RESERVED:
            base = base.strip("_") + "_" if base.strip("_") else "V_"
        name = base
        counter = 2
        while name in taken:
            name = f"{base}_{counter}"
            counter += 1
        taken.add(name)
        names.append(name)
    return names


# Names an Enum subclass of str cannot use for members without shadowing behaviour.
_ENUM_RESERVED = frozenset({"mro", "name", "value"}) | frozenset(
    attr for attr in dir(str) if not attr.startswith("_")
)
