"""Looking up the definitions behind references in one resolved project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import (
    AliasDef,
    AnyJson,
    ArrayOf,
    Definition,
    EnumDef,
    MapOf,
    ObjectDef,
    Primitive,
    Project,
    TypeExpr,
    TypeRef,
    UnionOf,
)

# A place to compare: a concrete definition, or a type expression that is not a reference.
Node = ObjectDef | EnumDef | TypeExpr
NamedKey = tuple[str, str]  # (type file, class name) of a type declared at the top of a type file

_PRIMITIVE_NAMES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
}


@dataclass(frozen=True)
class Place:
    """Where a local reference (``TypeRef(None, name)``) resolves: a type file or an interface."""

    kind: Literal["types", "interfaces"]
    module: str


class Catalog:
    """The definitions of one project by place, and which of them a type file declares by name.

    ``declared`` maps a type file to {class name: YAML name} of its top-level types;
    everything else in a type module is an anonymous object or inline enum that
    belongs to the type it was written in.
    """

    def __init__(self, project: Project, declared: dict[str, dict[str, str]]) -> None:
        self.project = project
        self.declared = declared
        self._definitions: dict[Place, dict[str, Definition]] = {}
        for name, type_module in project.types.items():
            self._definitions[Place("types", name)] = {d.name: d for d in type_module.definitions}
        for name, interface in project.interfaces.items():
            self._definitions[Place("interfaces", name)] = {
                d.name: d for d in interface.definitions
            }

    def target(self, place: Place, ref: TypeRef) -> tuple[Definition, Place] | None:
        target_place = Place("types", ref.module) if ref.module is not None else place
        definition = self._definitions.get(target_place, {}).get(ref.name)
        return None if definition is None else (definition, target_place)

    def named_key(self, place: Place, ref: TypeRef) -> NamedKey | None:
        """The type-file type a reference names, or None for an anonymous local definition."""
        target_place = Place("types", ref.module) if ref.module is not None else place
        if target_place.kind != "types":
            return None
        if ref.name in self.declared.get(target_place.module, {}):
            return (target_place.module, ref.name)
        return None

    def yaml_name(self, module: str, class_name: str) -> str:
        return self.declared.get(module, {}).get(class_name, class_name)

    def declared_definitions(self, module: str) -> dict[str, Definition]:
        """Top-level types of a type file by YAML name, in file order."""
        by_class = self._definitions.get(Place("types", module), {})
        names = self.declared.get(module, {})
        return {yaml: by_class[cls] for cls, yaml in names.items() if cls in by_class}

    def expand(self, expression: TypeExpr, place: Place) -> tuple[Node, Place]:
        """Follow references and aliases down to an object, an enum or a non-reference type."""
        seen: set[tuple[Place, str]] = set()
        current: TypeExpr = expression
        while isinstance(current, TypeRef):
            found = self.target(place, current)
            if found is None or (found[1], current.name) in seen:
                return AnyJson(), place  # unresolvable; the generator has refused such input
            seen.add((found[1], current.name))
            definition, place = found
            if not isinstance(definition, AliasDef):
                return definition, place
            current = definition.type
        return current, place


def annotation(node: Node | AliasDef, place: Place | None = None) -> str:
    """A short Python-like spelling of a type for the report."""
    if isinstance(node, ObjectDef | EnumDef | AliasDef):
        return f"{place.module}.{node.name}" if place and place.kind == "types" else node.name
    if isinstance(node, Primitive):
        if node.date_time:
            return "datetime"
        return _PRIMITIVE_NAMES[node.kind]
    if isinstance(node, ArrayOf):
        return f"list[{annotation(node.items, place)}]"
    if isinstance(node, MapOf):
        return f"dict[str, {annotation(node.values, place)}]"
    if isinstance(node, UnionOf):
        return " | ".join(annotation(option, place) for option in node.options)
    if isinstance(node, TypeRef):
        if node.module is not None:
            return f"{node.module}.{node.name}"
        return f"{place.module}.{node.name}" if place and place.kind == "types" else node.name
    if isinstance(node, AnyJson):
        return "JsonValue"
    return "dict[str, JsonValue]"  # FreeObject
