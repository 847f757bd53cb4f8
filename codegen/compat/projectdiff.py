"""Compare two resolved projects: interfaces, type files and error lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from ..load import discover
from ..model import (
    ArgumentDef,
    CommandDef,
    Definition,
    ErrorModule,
    InterfaceModule,
    TypeModule,
)
from ..naming import python_identifier
from ..pipeline import build_model
from .catalog import Catalog, NamedKey, Place, annotation
from .changes import (
    BOTH_FLOWS,
    PROVIDERS,
    USERS,
    Change,
    Effect,
    Finding,
    Flow,
    breaks_for,
    sides_text,
)
from .typediff import TypeDiff, description
from .usage import Usage, type_usage

BOTH = frozenset({PROVIDERS, USERS})
NONE: frozenset[str] = frozenset()
_SHOWN_INTERFACES = 3

T = TypeVar("T")


def load(everest_dirs: list[Path]) -> Catalog:
    """The generator's own loading and resolving; raises InputError on bad input."""
    project, _warnings = build_model(everest_dirs)
    return Catalog(project, _declared_type_names(everest_dirs))


def _declared_type_names(everest_dirs: list[Path]) -> dict[str, dict[str, str]]:
    """{type file: {class name: YAML name}} of the types each file declares at top level."""
    declared: dict[str, dict[str, str]] = {}
    for name, source in discover(everest_dirs).files["types"].items():
        types = source.document.get("types") if isinstance(source.document, dict) else None
        names = types if isinstance(types, dict) else {}
        declared[name] = {python_identifier(str(t)) or str(t): str(t) for t in names}
    return declared


def compare(old: Catalog, new: Catalog) -> list[Change]:
    """Every change from ``old`` to ``new``, in report order."""
    return sorted(_ProjectDiff(old, new).run(), key=Change.sort_key)


class _ProjectDiff:
    def __init__(self, old: Catalog, new: Catalog) -> None:
        self.old, self.new = old, new
        self.types = TypeDiff(old, new)
        self.usage = _merge(type_usage(old.project, old), type_usage(new.project, new))
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        old, new = self.old.project, self.new.project
        for name in _names(old.interfaces, new.interfaces):
            self.file("interfaces", name, old.interfaces.get(name), new.interfaces.get(name))
        for name in _names(old.types, new.types):
            self.file("types", name, old.types.get(name), new.types.get(name))
        for name in _names(old.errors, new.errors):
            self.file("errors", name, old.errors.get(name), new.errors.get(name))
        return self.changes

    def add(
        self,
        file: str,
        path: tuple[str, ...],
        kind: str,
        breaks: frozenset[str],
        old: str | None,
        new: str | None,
        message: str,
        context: str = "",
    ) -> None:
        self.changes.append(Change(file, ".".join(path), kind, breaks, old, new, message, context))

    def findings(
        self, file: str, findings: Iterable[Finding], flows: frozenset[Flow], context: str = ""
    ) -> None:
        for finding in findings:
            message = sides_text(finding.message, flows)
            breaks = breaks_for(finding.effect, flows)
            self.add(
                file, finding.path, finding.kind, breaks, finding.old, finding.new, message, context
            )

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
            self.interface(file, old, new)
        elif isinstance(old, TypeModule) and isinstance(new, TypeModule):
            self.type_file(file, name)
        elif isinstance(old, ErrorModule) and isinstance(new, ErrorModule):
            self.error_list(file, old, new)

    # -- interfaces -----------------------------------------------------------------

    def interface(self, file: str, old: InterfaceModule, new: InterfaceModule) -> None:
        old_at, new_at = Place("interfaces", old.name), Place("interfaces", new.name)
        old_cmds = {c.name: c for c in old.commands}
        new_cmds = {c.name: c for c in new.commands}
        renamed = _renames(old_cmds, new_cmds, lambda a, b: self.same_command(a, old_at, b, new_at))
        for old_name, new_name in renamed.items():
            self.add(
                file,
                ("cmds", old_name),
                "command_renamed",
                BOTH,
                old_name,
                new_name,
                "command renamed: users call it and providers implement it " "under the new name",
            )
        for name, command in old_cmds.items():
            if name in new_cmds:
                self.command(file, command, old_at, new_cmds[name], new_at)
            elif name not in renamed:
                self.add(
                    file,
                    ("cmds", name),
                    "command_removed",
                    frozenset({USERS}),
                    name,
                    None,
                    "command removed: users calling it change",
                )
        for name in new_cmds.keys() - old_cmds.keys() - set(renamed.values()):
            self.add(
                file,
                ("cmds", name),
                "command_added",
                frozenset({PROVIDERS}),
                None,
                name,
                "command added: providers must implement it",
            )
        self.variables(file, old, old_at, new, new_at)
        self.raised_errors(file, old, new)

    def command(
        self, file: str, old: CommandDef, old_at: Place, new: CommandDef, new_at: Place
    ) -> None:
        path = ("cmds", old.name)
        self.findings(file, description(path, old.description, new.description), BOTH_FLOWS)
        self.arguments(file, path, old.arguments, old_at, new.arguments, new_at)
        result_path = path + ("result",)
        if old.result is None and new.result is not None:
            self.add(
                file,
                result_path,
                "result_added",
                frozenset({PROVIDERS}),
                None,
                annotation(new.result.type, new_at),
                "result added: providers must return it",
            )
        elif old.result is not None and new.result is None:
            self.add(
                file,
                result_path,
                "result_removed",
                BOTH,
                annotation(old.result.type, old_at),
                None,
                "result removed: users reading it and providers returning it change",
            )
        elif old.result is not None and new.result is not None:
            findings = description(result_path, old.result.description, new.result.description)
            findings += self.types.expressions(
                old.result.type, old_at, new.result.type, new_at, result_path
            )
            self.findings(file, findings, frozenset({Flow.TO_USER}))

    def arguments(
        self,
        file: str,
        path: tuple[str, ...],
        old: tuple[ArgumentDef, ...],
        old_at: Place,
        new: tuple[ArgumentDef, ...],
        new_at: Place,
    ) -> None:
        old_args = {a.name: a for a in old}
        new_args = {a.name: a for a in new}
        renamed = _renames(
            old_args,
            new_args,
            lambda a, b: [x.name for x in old].index(a.name) == [x.name for x in new].index(b.name)
            and self.types.same(a.type, old_at, b.type, new_at),
        )
        flows = frozenset({Flow.TO_PROVIDER})
        for old_name, new_name in renamed.items():
            self.add(
                file,
                path + ("arguments", old_name),
                "argument_renamed",
                BOTH,
                old_name,
                new_name,
                "argument renamed: callers and handlers use the new name",
            )
        for name, argument in old_args.items():
            where = path + ("arguments", name)
            if name in new_args:
                after = new_args[name]
                findings = description(where, argument.description, after.description)
                findings += self.types.expressions(argument.type, old_at, after.type, new_at, where)
                self.findings(file, findings, flows)
            elif name not in renamed:
                self.add(
                    file,
                    where,
                    "argument_removed",
                    BOTH,
                    annotation(argument.type, old_at),
                    None,
                    "argument removed: callers pass it and handlers declare it",
                )
        for name, argument in new_args.items():
            if name not in old_args and name not in renamed.values():
                self.add(
                    file,
                    path + ("arguments", name),
                    "argument_added",
                    BOTH,
                    None,
                    annotation(argument.type, new_at),
                    "argument added (every argument is required): callers must pass it "
                    "and handlers must accept it",
                )
        kept_old = [a.name for a in old if a.name in new_args]
        kept_new = [a.name for a in new if a.name in old_args]
        if kept_old != kept_new:
            self.add(
                file,
                path + ("arguments",),
                "arguments_reordered",
                BOTH,
                ", ".join(kept_old),
                ", ".join(kept_new),
                "argument order changed: positional calls and handler signatures " "change",
            )

    def variables(
        self, file: str, old: InterfaceModule, old_at: Place, new: InterfaceModule, new_at: Place
    ) -> None:
        old_vars = {v.name: v for v in old.variables}
        new_vars = {v.name: v for v in new.variables}
        renamed = _renames(
            old_vars, new_vars, lambda a, b: self.types.same(a.type, old_at, b.type, new_at)
        )
        for old_name, new_name in renamed.items():
            self.add(
                file,
                ("vars", old_name),
                "variable_renamed",
                BOTH,
                old_name,
                new_name,
                "variable renamed: publishers and subscribers use the new name",
            )
        for name, variable in old_vars.items():
            where = ("vars", name)
            if name in new_vars:
                after = new_vars[name]
                findings = description(where, variable.description, after.description)
                findings += self.types.expressions(variable.type, old_at, after.type, new_at, where)
                self.findings(file, findings, frozenset({Flow.TO_USER}))
            elif name not in renamed:
                self.add(
                    file,
                    where,
                    "variable_removed",
                    BOTH,
                    annotation(variable.type, old_at),
                    None,
                    "variable removed: providers publishing it and users subscribing " "change",
                )
        for name, variable in new_vars.items():
            if name not in old_vars and name not in renamed.values():
                self.add(
                    file,
                    ("vars", name),
                    "variable_added",
                    NONE,
                    None,
                    annotation(variable.type, new_at),
                    "variable added: providers may publish it, users may subscribe",
                )

    def raised_errors(self, file: str, old: InterfaceModule, new: InterfaceModule) -> None:
        def spelled(module: str, error: str | None) -> str:
            return f"/errors/{module}" + (f"#/{error}" if error else "")

        before = {spelled(e.module, e.error) for e in old.errors}
        after = {spelled(e.module, e.error) for e in new.errors}
        for reference in sorted(before - after):
            self.add(
                file,
                ("errors",),
                "raised_error_removed",
                frozenset({PROVIDERS}),
                reference,
                None,
                "error no longer declared: providers raising it change",
            )
        for reference in sorted(after - before):
            self.add(
                file,
                ("errors",),
                "raised_error_added",
                NONE,
                None,
                reference,
                "error declared: users may now receive it",
            )

    def same_command(self, old: CommandDef, old_at: Place, new: CommandDef, new_at: Place) -> bool:
        if [a.name for a in old.arguments] != [a.name for a in new.arguments]:
            return False
        if not all(
            self.types.same(a.type, old_at, b.type, new_at)
            for a, b in zip(old.arguments, new.arguments, strict=True)
        ):
            return False
        if old.result is None or new.result is None:
            return old.result is new.result
        return self.types.same(old.result.type, old_at, new.result.type, new_at)

    # -- type files ---------------------------------------------------------------------

    def type_file(self, file: str, module: str) -> None:
        at = Place("types", module)
        old_defs = self.old.declared_definitions(module)
        new_defs = self.new.declared_definitions(module)
        renamed = _renames(
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


def _renames(
    old: Mapping[str, T], new: Mapping[str, T], same: Callable[[T, T], bool]
) -> dict[str, str]:
    """Pairs of one removed and one added entry that are otherwise identical: a rename."""
    removed = [name for name in old if name not in new]
    added = [name for name in new if name not in old]
    pairs: dict[str, str] = {}
    for old_name in removed:
        candidates = [name for name in added if same(old[old_name], new[name])]
        if len(candidates) == 1 and candidates[0] not in pairs.values():
            pairs[old_name] = candidates[0]
    return pairs


def _merge(first: dict[NamedKey, Usage], second: dict[NamedKey, Usage]) -> dict[NamedKey, Usage]:
    merged: dict[NamedKey, Usage] = {}
    for usage_map in (first, second):
        for key, usage in usage_map.items():
            target = merged.setdefault(key, Usage())
            target.flows |= usage.flows
            target.interfaces |= usage.interfaces
    return merged


__all__ = ["Change", "Effect", "compare", "load"]
