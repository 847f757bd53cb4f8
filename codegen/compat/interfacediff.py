"""Compare two versions of one interface: commands, arguments, results, variables, errors."""

from __future__ import annotations

from ..model import ArgumentDef, CommandDef, InterfaceModule
from .catalog import Place, annotation
from .changes import BOTH_FLOWS, PROVIDERS, USERS, Flow
from .recorder import BOTH, NONE, Recorder, find_renames
from .typediff import TypeDiff, description


class InterfaceDiff:
    def __init__(self, recorder: Recorder, types: TypeDiff) -> None:
        self.recorder = recorder
        self.add = recorder.add
        self.findings = recorder.findings
        self.types = types

    def interface(self, file: str, old: InterfaceModule, new: InterfaceModule) -> None:
        old_at, new_at = Place("interfaces", old.name), Place("interfaces", new.name)
        old_cmds = {c.name: c for c in old.commands}
        new_cmds = {c.name: c for c in new.commands}
        renamed = find_renames(
            old_cmds, new_cmds, lambda a, b: self.same_command(a, old_at, b, new_at)
        )
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
        renamed = find_renames(
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
        renamed = find_renames(
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
