"""Compare two resolved projects: interfaces, type files and error lists."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..model import Definition, ErrorModule, InterfaceModule, TypeModule
from ..pipeline import build_model
from .catalog import Catalog, NamedKey, Place
from .changes import BOTH_FLOWS, Change
from .interfacediff import InterfaceDiff
from .recorder import BOTH, NONE, Recorder, find_renames
from .typediff import TypeDiff, description
from .usage import Usage, type_usage

_SHOWN_INTERFACES = 3


def load(everest_dirs: list[Path]) -> Catalog:
    """The generator's own loading and resolving; raises InputError on bad input."""
    project, _warnings = build_model(everest_dirs)
    return Catalog(project, {name: module.declared for name, module in project.types.items()})


def compare(old: Catalog, new: Catalog) -> list[Change]:
    """Every change from ``old`` to ``new``, in report order."""
    return sorted(_ProjectDiff(old, new).run(), key=Change.sort_key)


class _ProjectDiff:
    def __init__(self, old: Catalog, new: Catalog) -> None:
        self.old, self.new = old, new
        self.types = TypeDiff(old, new)
        self.usage = _merge(type_usage(old.project, old), type_usage(new.project, new))
        self.recorder = Recorder()
        self.add = self.recorder.add
        self.findings = self.recorder.findings
        self.interfaces = InterfaceDiff(self.recorder, self.types)

    def run(self) -> list[Change]:
        old, new = self.old.project, self.new.project
        for name in _names(old.interfaces, new.interfaces):
            self.file("interfaces", name, old.interfaces.get(name), new.interfaces.get(name))
        for name in _names(old.types, new.types):
            self.file("types", name, old.types.get(name), new.types.get(name))
        for name in _names(old.errors, new.errors):
            self.file("errors", name, old.errors.get(name), new.errors.get(name))
        return self.recorder.changes

    def file(
        self,
        kind: str,
        name: str,
        old: InterfaceModule | TypeModule | ErrorModule | None,
        new: InterfaceModule | TypeModule | ErrorModule | None,
    ) -> None:
        file = f"{kind}/{name}"
        singular = {"interfaces": "interface", "types": "type file", "errors": "error list"}[kind]
        kind_name = singular.replace(" ", "_")
        if new is None:
            self.add(
                file,
                (),
                f"{kind_name}_removed",
                BOTH,
                name,
                None,
                f"{singular} removed: every module importing it changes",
            )
            return
        if old is None:
            self.add(file, (), f"{kind_name}_added", NONE, None, name, f"{singular} added")
            return
        self.findings(file, description((), old.description, new.description), BOTH_FLOWS)
        if isinstance(old, InterfaceModule) and isinstance(new, InterfaceModule):
            self.interfaces.interface(file, old, new)
        elif isinstance(old, TypeModule) and isinstance(new, TypeModule):
            self.type_file(file, name)
        elif isinstance(old, ErrorModule) and isinstance(new, ErrorModule):
            self.error_list(file, old, new)

    # -- type files ---------------------------------------------------------------------

    def type_file(self, file: str, module: str) -> None:
        at = Place("types", module)
        old_defs = self.old.declared_definitions(module)
        new_defs = self.new.declared_definitions(module)
        renamed = find_renames(
            old_defs, new_defs, lambda a, b: self.types.same_definition(a, at, b, at)
        )
        for old_name, new_name in renamed.items():
            key = (module, old_defs[old_name].name)
            self.add(
                file,
                ("types", old_name),
                "type_renamed",
                BOTH,
                old_name,
                new_name,
                "type renamed: code naming the class changes",
                self.used_by(key),
            )
        for name, definition in old_defs.items():
            key = (module, definition.name)
            if name in new_defs:
                self.definition(file, key, name, definition, new_defs[name])
            elif name not in renamed:
                self.add(
                    file,
                    ("types", name),
                    "type_removed",
                    BOTH,
                    name,
                    None,
                    "type removed: code naming the class changes",
                    self.used_by(key),
                )
        for name in new_defs.keys() - old_defs.keys() - set(renamed.values()):
            self.add(file, ("types", name), "type_added", NONE, None, name, "type added")

    def definition(
        self, file: str, key: NamedKey, yaml_name: str, old: Definition, new: Definition
    ) -> None:
        at = Place("types", key[0])
        path = ("types", yaml_name)
        usage = self.usage.get(key)
        flows = frozenset(usage.flows) if usage else BOTH_FLOWS
        findings = description(path, old.description, new.description)
        findings += self.types.definitions(old, at, new, at, path)
        self.findings(file, findings, flows, self.used_by(key))

    def used_by(self, key: NamedKey) -> str:
        usage = self.usage.get(key)
        if usage is None:
            return "used by no interface: judged for both directions"
        names = sorted(usage.interfaces)
        shown = ", ".join(names[:_SHOWN_INTERFACES])
        if len(names) > _SHOWN_INTERFACES:
            shown += f" and {len(names) - _SHOWN_INTERFACES} more"
        flows = " and ".join(sorted(flow.value for flow in usage.flows))
        return f"{flows} of {shown}"

    # -- error lists -----------------------------------------------------------------------

    def error_list(self, file: str, old: ErrorModule, new: ErrorModule) -> None:
        old_errors = {e.name: e for e in old.errors}
        new_errors = {e.name: e for e in new.errors}
        for name, error in old_errors.items():
            where = ("errors", name)
            if name not in new_errors:
                self.add(
                    file,
                    where,
                    "error_removed",
                    BOTH,
                    name,
                    None,
                    "error removed: code raising or catching it changes",
                )
            else:
                found = description(where, error.description, new_errors[name].description)
                self.findings(file, found, BOTH_FLOWS)
        for name in new_errors.keys() - old_errors.keys():
            self.add(
                file,
                ("errors", name),
                "error_added",
                NONE,
                None,
                name,
                "error added: providers may raise it, users may receive it",
            )


def _names(old: Mapping[str, object], new: Mapping[str, object]) -> list[str]:
    return sorted(old.keys() | new.keys())


def _merge(first: dict[NamedKey, Usage], second: dict[NamedKey, Usage]) -> dict[NamedKey, Usage]:
    merged: dict[NamedKey, Usage] = {}
    for usage_map in (first, second):
        for key, usage in usage_map.items():
            target = merged.setdefault(key, Usage())
            target.flows |= usage.flows
            target.interfaces |= usage.interfaces
    return merged


__all__ = ["Change", "compare", "load"]
