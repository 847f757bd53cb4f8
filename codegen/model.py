"""The resolved model of an EVerest directory: what the templates render.

Every name here is already checked and turned into a Python identifier by
``resolve``; the renderer only has to print it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

PrimitiveKind = Literal["string", "integer", "number", "boolean", "null"]
ExtraPolicy = Literal["forbid", "allow", "ignore"]


@dataclass(frozen=True)
class Constraints:
    """JSON-Schema validation keywords that apply to the value's own type."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None

    def is_empty(self) -> bool:
        return all(value is None for value in vars(self).values())


@dataclass(frozen=True)
class Primitive:
    kind: PrimitiveKind
    constraints: Constraints = Constraints()
    date_time: bool = False


@dataclass(frozen=True)
class ArrayOf:
    items: TypeExpr
    constraints: Constraints = Constraints()


@dataclass(frozen=True)
class MapOf:
    """An object with no declared properties whose values all share one schema."""

    values: TypeExpr


@dataclass(frozen=True)
class AnyJson:
    """Any JSON value (``type`` lists every JSON type, or no type at all)."""


@dataclass(frozen=True)
class FreeObject:
    """A JSON object with no declared properties."""


@dataclass(frozen=True)
class UnionOf:
    options: tuple[TypeExpr, ...]


@dataclass(frozen=True)
class TypeRef:
    """A reference to a named definition: in ``module`` (a type file) or local (``module is None``)."""

    module: str | None
    name: str


TypeExpr = Primitive | ArrayOf | MapOf | AnyJson | FreeObject | UnionOf | TypeRef


@dataclass(frozen=True)
class FieldDef:
    name: str
    py_name: str
    description: str
    type: TypeExpr
    required: bool
    default_note: str | None = None


@dataclass(frozen=True)
class ObjectDef:
    name: str
    description: str
    fields: tuple[FieldDef, ...]
    extra: ExtraPolicy


@dataclass(frozen=True)
class EnumMember:
    py_name: str
    value: str


@dataclass(frozen=True)
class EnumDef:
    name: str
    description: str
    members: tuple[EnumMember, ...]


@dataclass(frozen=True)
class AliasDef:
    name: str
    description: str
    type: TypeExpr


Definition = ObjectDef | EnumDef | AliasDef


def references(expression: TypeExpr) -> Iterator[TypeRef]:
    """Every named definition a type expression refers to."""
    if isinstance(expression, TypeRef):
        yield expression
    elif isinstance(expression, ArrayOf):
        yield from references(expression.items)
    elif isinstance(expression, MapOf):
        yield from references(expression.values)
    elif isinstance(expression, UnionOf):
        for option in expression.options:
            yield from references(option)


# The plain Python types a method signature shows for the primitive kinds.
PLAIN_PRIMITIVES: dict[PrimitiveKind, str] = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
}


def signature_names(expression: TypeExpr) -> set[str]:
    """The names the plain (signature) annotation of ``expression`` looks up: builtins such as
    ``list`` and ``int``, the contract's ``JsonValue``/``JsonDateTime``, local classes and the
    ``_<file>`` aliases of imported type modules."""
    if isinstance(expression, Primitive):
        if expression.date_time:
            return {"JsonDateTime"}
        return {PLAIN_PRIMITIVES[expression.kind]} - {"None"}
    if isinstance(expression, ArrayOf):
        return {"list"} | signature_names(expression.items)
    if isinstance(expression, MapOf):
        return {"dict", "str"} | signature_names(expression.values)
    if isinstance(expression, FreeObject):
        return {"dict", "str", "JsonValue"}
    if isinstance(expression, AnyJson):
        return {"JsonValue"}
    if isinstance(expression, UnionOf):
        return set().union(*(signature_names(option) for option in expression.options))
    return {expression.name if expression.module is None else f"_{expression.module}"}


def definition_references(definition: Definition) -> Iterator[TypeRef]:
    """Every named definition a definition refers to (enums refer to none)."""
    if isinstance(definition, ObjectDef):
        for field_def in definition.fields:
            yield from references(field_def.type)
    elif isinstance(definition, AliasDef):
        yield from references(definition.type)


def accepts_null(expression: TypeExpr, nullable_ref: Callable[[TypeRef], bool]) -> bool:
    """Whether JSON null is a valid value of ``expression``; ``nullable_ref`` answers it for
    the named definitions (only an alias can accept null: objects and enums never do)."""
    if isinstance(expression, AnyJson):
        return True
    if isinstance(expression, Primitive):
        return expression.kind == "null"
    if isinstance(expression, UnionOf):
        return any(accepts_null(option, nullable_ref) for option in expression.options)
    if isinstance(expression, TypeRef):
        return nullable_ref(expression)
    return False


@dataclass(frozen=True)
class TypeModule:
    """One type file: its definitions in emission order (dependencies first)."""

    name: str
    description: str
    definitions: tuple[Definition, ...]
    imports: tuple[str, ...]
    declared: dict[str, str] = field(default_factory=dict)
    """Class name → YAML name of the types the file declares at top level (not the promoted ones)."""


def nullable_aliases(types: Mapping[str, TypeModule]) -> frozenset[tuple[str, str]]:
    """(type file, name) of every alias that accepts null, also through other aliases
    (``Maybe = Text | None`` and ``Other = Maybe | int`` both do)."""
    aliases = {
        (module.name, definition.name): definition.type
        for module in types.values()
        for definition in module.definitions
        if isinstance(definition, AliasDef)
    }
    found: dict[tuple[str, str], bool] = {}

    def check(key: tuple[str, str]) -> bool:
        if key not in found:
            found[key] = False  # a cycle of aliases alone is an input error: not rendered

            def nullable_ref(ref: TypeRef) -> bool:
                target = (ref.module or key[0], ref.name)
                return target in aliases and check(target)

            found[key] = accepts_null(aliases[key], nullable_ref)
        return found[key]

    return frozenset(key for key in aliases if check(key))


@dataclass(frozen=True)
class ArgumentDef:
    name: str
    py_name: str
    description: str
    type: TypeExpr


@dataclass(frozen=True)
class ResultDef:
    description: str
    type: TypeExpr


@dataclass(frozen=True)
class CommandDef:
    name: str
    py_name: str
    description: str
    arguments: tuple[ArgumentDef, ...]
    result: ResultDef | None


@dataclass(frozen=True)
class VariableDef:
    name: str
    py_name: str
    description: str
    type: TypeExpr


@dataclass(frozen=True)
class ErrorRef:
    """An error list (``error is None``) or a single error an interface may raise."""

    module: str
    error: str | None


@dataclass(frozen=True)
class InterfaceModule:
    name: str
    class_prefix: str
    description: str
    commands: tuple[CommandDef, ...]
    variables: tuple[VariableDef, ...]
    errors: tuple[ErrorRef, ...]
    definitions: tuple[Definition, ...]
    imports: tuple[str, ...]
    error_imports: tuple[str, ...]


@dataclass(frozen=True)
class ErrorDef:
    name: str
    description: str


@dataclass(frozen=True)
class ErrorModule:
    name: str
    enum_name: str
    description: str
    errors: tuple[ErrorDef, ...]


@dataclass(frozen=True)
class Project:
    """Everything found in the EVerest directories, resolved."""

    types: dict[str, TypeModule] = field(default_factory=dict)
    interfaces: dict[str, InterfaceModule] = field(default_factory=dict)
    errors: dict[str, ErrorModule] = field(default_factory=dict)
