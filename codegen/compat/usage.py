"""Which way values of each declared type flow: walk interfaces → references → types."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import AliasDef, ObjectDef, Project, TypeExpr, definition_references, references
from .catalog import Catalog, NamedKey, Place
from .changes import Flow


@dataclass
class Usage:
    flows: set[Flow] = field(default_factory=set)
    interfaces: set[str] = field(default_factory=set)


def type_usage(project: Project, catalog: Catalog) -> dict[NamedKey, Usage]:
    """For every declared type reached from an interface: the flows and interfaces it is reached from."""
    usage: dict[NamedKey, Usage] = defaultdict(Usage)
    seen: set[tuple[Place, str, Flow, str]] = set()

    def walk(expression: TypeExpr, place: Place, flow: Flow, interface: str) -> None:
        for ref in references(expression):
            found = catalog.target(place, ref)
            if found is None:
                continue
            definition, target_place = found
            key = catalog.named_key(place, ref)
            if key is not None:
                usage[key].flows.add(flow)
                usage[key].interfaces.add(interface)
            marker = (target_place, definition.name, flow, interface)
            if marker in seen:
                continue
            seen.add(marker)
            if isinstance(definition, ObjectDef | AliasDef):
                for inner in definition_references(definition):
                    walk(inner, target_place, flow, interface)

    for name, interface in project.interfaces.items():
        place = Place("interfaces", name)
        for command in interface.commands:
            for argument in command.arguments:
                walk(argument.type, place, Flow.TO_PROVIDER, name)
            if command.result is not None:
                walk(command.result.type, place, Flow.TO_USER, name)
        for variable in interface.variables:
            walk(variable.type, place, Flow.TO_USER, name)
    return dict(usage)
