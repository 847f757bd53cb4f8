"""Structural comparison of two versions of a type, as findings with an effect.

References to the same declared type on both sides are not followed: that
type's own changes are reported once, against its type file. References to
different targets are compared by the structure behind them, so a type moved
to another file is not a change of shape, while a different type name is a rename.
"""

from __future__ import annotations

from ..model import (
    AliasDef,
    AnyJson,
    ArrayOf,
    Constraints,
    Definition,
    EnumDef,
    FreeObject,
    MapOf,
    ObjectDef,
    Primitive,
    TypeExpr,
    TypeRef,
    UnionOf,
)
from .catalog import Catalog, Node, Place, annotation
from .changes import Effect, Finding

Path = tuple[str, ...]

# (attribute, YAML keyword): a larger lower bound or a smaller upper bound admits fewer values
_LOWER_BOUNDS = (
    ("minimum", "minimum"),
    ("exclusive_minimum", "exclusiveMinimum"),
    ("min_length", "minLength"),
    ("min_items", "minItems"),
)
_UPPER_BOUNDS = (
    ("maximum", "maximum"),
    ("exclusive_maximum", "exclusiveMaximum"),
    ("max_length", "maxLength"),
    ("max_items", "maxItems"),
)


class TypeDiff:
    def __init__(self, old: Catalog, new: Catalog) -> None:
        self.old = old
        self.new = new
        self._visiting: set[tuple[Place, str, Place, str]] = set()
        # Declared types taken to be one type under two names (a rename being checked).
        self._assumed: set[tuple[tuple[str, str], tuple[str, str]]] = set()

    # -- entry points ---------------------------------------------------------

    def expressions(
        self, old: TypeExpr, old_place: Place, new: TypeExpr, new_place: Place, path: Path
    ) -> list[Finding]:
        if isinstance(old, TypeRef) and isinstance(new, TypeRef):
            old_key = self.old.named_key(old_place, old)
            new_key = self.new.named_key(new_place, new)
            if old_key is not None and new_key is not None:
                return self._named(old, old_place, new, new_place, path, old_key, new_key)
        old_node, old_at = self.old.expand(old, old_place)
        new_node, new_at = self.new.expand(new, new_place)
        return self.nodes(old_node, old_at, new_node, new_at, path)

    def definitions(
        self, old: Definition, old_place: Place, new: Definition, new_place: Place, path: Path
    ) -> list[Finding]:
        """Two versions of one declared type (the description is the caller's business)."""
        findings: list[Finding] = []
        if isinstance(old, AliasDef) and isinstance(new, AliasDef):
            return self.expressions(old.type, old_place, new.type, new_place, path)
        if isinstance(new, AliasDef) and isinstance(new.type, TypeRef) and new.type.module:
            findings.append(
                Finding(
                    path,
                    "type_moved",
                    Effect.NEUTRAL,
                    annotation(old, old_place),
                    annotation(new.type),
                    f"now an alias of {annotation(new.type)}",
                )
            )
        old_node, old_at = _definition_node(self.old, old, old_place)
        new_node, new_at = _definition_node(self.new, new, new_place)
        return findings + self.nodes(old_node, old_at, new_node, new_at, path)

    def same(self, old: TypeExpr, old_place: Place, new: TypeExpr, new_place: Place) -> bool:
        """Nothing a program can observe differs."""
        findings = self.expressions(old, old_place, new, new_place, ())
        return all(finding.effect is Effect.NEUTRAL for finding in findings)

    def same_definition(
        self, old: Definition, old_place: Place, new: Definition, new_place: Place
    ) -> bool:
        """Whether two declared types are one renamed type (recursion through itself included)."""
        pair = ((old_place.module, old.name), (new_place.module, new.name))
        self._assumed.add(pair)
        try:
            findings = self.definitions(old, old_place, new, new_place, ())
        finally:
            self._assumed.discard(pair)
        return all(finding.effect is Effect.NEUTRAL for finding in findings)

    # -- references ----------------------------------------------------------------

    def _named(
        self,
        old: TypeRef,
        old_place: Place,
        new: TypeRef,
        new_place: Place,
        path: Path,
        old_key: tuple[str, str],
        new_key: tuple[str, str],
    ) -> list[Finding]:
        if old_key == new_key or (old_key, new_key) in self._assumed:
            return []  # reported against the type file itself
        old_text, new_text = f"{old_key[0]}.{old_key[1]}", f"{new_key[0]}.{new_key[1]}"
        if old_key[1] != new_key[1]:
            same = self._same_target(old, old_place, new, new_place)
            detail = "a type of the same structure" if same else "a different type"
            return [
                Finding(
                    path,
                    "reference_renamed",
                    Effect.CHANGED,
                    old_text,
                    new_text,
                    f"refers to {detail} under another name: code naming the class changes",
                )
            ]
        moved = Finding(
            path,
            "reference_moved",
            Effect.NEUTRAL,
            old_text,
            new_text,
            f"type moved from types/{old_key[0]} to types/{new_key[0]}",
        )
        old_node, old_at = self.old.expand(old, old_place)
        new_node, new_at = self.new.expand(new, new_place)
        return [moved, *self.nodes(old_node, old_at, new_node, new_at, path)]

    def _same_target(self, old: TypeRef, old_place: Place, new: TypeRef, new_place: Place) -> bool:
        old_node, old_at = self.old.expand(old, old_place)
        new_node, new_at = self.new.expand(new, new_place)
        findings = self.nodes(old_node, old_at, new_node, new_at, ())
        return all(finding.effect is Effect.NEUTRAL for finding in findings)

    # -- shapes -------------------------------------------------------------------------

    def nodes(
        self, old: Node, old_at: Place, new: Node, new_at: Place, path: Path
    ) -> list[Finding]:
        if isinstance(old, ObjectDef) and isinstance(new, ObjectDef):
            return self._guarded(old, old_at, new, new_at, path)
        if isinstance(old, EnumDef) and isinstance(new, EnumDef):
            return _enums(old, new, path)
        if isinstance(old, UnionOf) or isinstance(new, UnionOf):
            return self._unions(old, old_at, new, new_at, path)
        old_text, new_text = annotation(old, old_at), annotation(new, new_at)
        if isinstance(old, AnyJson) and isinstance(new, AnyJson):
            return []
        if isinstance(old, FreeObject) and isinstance(new, FreeObject):
            return []
        if isinstance(new, AnyJson) or (isinstance(old, MapOf) and isinstance(new, FreeObject)):
            return [_type_finding(path, Effect.WIDENED, old_text, new_text)]
        if isinstance(old, AnyJson) or (isinstance(old, FreeObject) and isinstance(new, MapOf)):
            return [_type_finding(path, Effect.NARROWED, old_text, new_text)]
        if _is_plain_string(old) and isinstance(new, EnumDef):
            return [_type_finding(path, Effect.NARROWED, old_text, new_text)]
        if isinstance(old, EnumDef) and _is_plain_string(new):
            return [_type_finding(path, Effect.WIDENED, old_text, new_text)]
        if isinstance(old, Primitive) and isinstance(new, Primitive):
            return _primitives(old, new, path)
        if isinstance(old, ArrayOf) and isinstance(new, ArrayOf):
            items = self.expressions(old.items, old_at, new.items, new_at, path + ("items",))
            return items + _constraints(old.constraints, new.constraints, path)
        if isinstance(old, MapOf) and isinstance(new, MapOf):
            return self.expressions(
                old.values, old_at, new.values, new_at, path + ("additionalProperties",)
            )
        if old_text == new_text:  # same name, another kind of definition
            old_text, new_text = f"{_kind(old)} {old_text}", f"{_kind(new)} {new_text}"
        return [_type_finding(path, Effect.CHANGED, old_text, new_text)]

    def _guarded(
        self, old: ObjectDef, old_at: Place, new: ObjectDef, new_at: Place, path: Path
    ) -> list[Finding]:
        key = (old_at, old.name, new_at, new.name)
        if key in self._visiting:
            return []  # recursion: this pair is being compared further up
        self._visiting.add(key)
        try:
            return self._objects(old, old_at, new, new_at, path)
        finally:
            self._visiting.discard(key)

    def _objects(
        self, old: ObjectDef, old_at: Place, new: ObjectDef, new_at: Place, path: Path
    ) -> list[Finding]:
        findings: list[Finding] = []
        old_fields = {f.name: f for f in old.fields}
        new_fields = {f.name: f for f in new.fields}
        for name, field in old_fields.items():
            where = path + ("properties", name)
            if name not in new_fields:
                findings.append(
                    Finding(
                        where,
                        "field_removed",
                        Effect.CHANGED,
                        annotation(field.type, old_at),
                        None,
                        "field removed: code reading or setting it changes",
                    )
                )
                continue
            after = new_fields[name]
            if field.required and not after.required:
                findings.append(
                    Finding(
                        where,
                        "field_made_optional",
                        Effect.WIDENED,
                        "required",
                        "optional",
                        "field made optional: {readers} must handle None",
                    )
                )
            elif after.required and not field.required:
                findings.append(
                    Finding(
                        where,
                        "field_made_required",
                        Effect.NARROWED,
                        "optional",
                        "required",
                        "field made required: {writers} must always set it",
                    )
                )
            findings += self.expressions(field.type, old_at, after.type, new_at, where)
            findings += description(where, field.description, after.description)
        for name, field in new_fields.items():
            if name in old_fields:
                continue
            where = path + ("properties", name)
            text = annotation(field.type, new_at)
            if field.required:
                findings.append(
                    Finding(
                        where,
                        "field_added",
                        Effect.NARROWED,
                        None,
                        text,
                        "required field added: {writers} must set it",
                    )
                )
            else:
                findings.append(
                    Finding(
                        where, "field_added", Effect.NEUTRAL, None, text, "optional field added"
                    )
                )
        if old.extra != new.extra:
            effect = Effect.NARROWED if new.extra == "forbid" else Effect.NEUTRAL
            message = (
                "additional properties now refused: {writers} must not send undeclared ones"
                if new.extra == "forbid"
                else "additional properties now allowed"
            )
            findings.append(
                Finding(
                    path + ("additionalProperties",),
                    "additional_properties",
                    effect,
                    str(old.extra != "forbid").lower(),
                    str(new.extra != "forbid").lower(),
                    message,
                )
            )
        return findings

    def _unions(
        self, old: Node, old_at: Place, new: Node, new_at: Place, path: Path
    ) -> list[Finding]:
        old_options = list(old.options) if isinstance(old, UnionOf) else [old]
        new_options = list(new.options) if isinstance(new, UnionOf) else [new]
        unmatched_new = list(new_options)
        unmatched_old: list[Node] = []
        for option in old_options:
            match = next(
                (n for n in unmatched_new if self._same_node(option, old_at, n, new_at)), None
            )
            if match is None:
                unmatched_old.append(option)
            else:
                unmatched_new.remove(match)
        if len(unmatched_old) == 1 and len(unmatched_new) == 1:
            return self._option(unmatched_old[0], old_at, unmatched_new[0], new_at, path)
        findings = [
            Finding(
                path,
                "union_option_removed",
                Effect.NARROWED,
                annotation(option, old_at),
                None,
                "type option removed: {writers} must not send it",
            )
            for option in unmatched_old
        ]
        findings += [
            Finding(
                path,
                "union_option_added",
                Effect.WIDENED,
                None,
                annotation(option, new_at),
                "type option added: {readers} must handle it",
            )
            for option in unmatched_new
        ]
        return findings

    def _option(
        self, old: Node, old_at: Place, new: Node, new_at: Place, path: Path
    ) -> list[Finding]:
        if isinstance(old, TypeRef) and isinstance(new, TypeRef):
            return self.expressions(old, old_at, new, new_at, path)
        if isinstance(old, TypeRef):
            old, old_at = self.old.expand(old, old_at)
        if isinstance(new, TypeRef):
            new, new_at = self.new.expand(new, new_at)
        return self.nodes(old, old_at, new, new_at, path)

    def _same_node(self, old: Node, old_at: Place, new: Node, new_at: Place) -> bool:
        findings = self._option(old, old_at, new, new_at, ())
        return all(finding.effect is Effect.NEUTRAL for finding in findings)


def _definition_node(catalog: Catalog, definition: Definition, place: Place) -> tuple[Node, Place]:
    if isinstance(definition, AliasDef):
        return catalog.expand(definition.type, place)
    return definition, place


def _kind(node: Node) -> str:
    return (
        "object" if isinstance(node, ObjectDef) else "enum" if isinstance(node, EnumDef) else "type"
    )


def _is_plain_string(node: Node) -> bool:
    return isinstance(node, Primitive) and node.kind == "string" and not node.date_time


def _type_finding(path: Path, effect: Effect, old: str, new: str) -> Finding:
    wording = {
        Effect.WIDENED: "type widened: {readers} must handle more",
        Effect.NARROWED: "type narrowed: {writers} may send what is now refused",
        Effect.CHANGED: "type changed",
    }[effect]
    return Finding(path, f"type_{effect.value}", effect, old, new, wording)


def _primitives(old: Primitive, new: Primitive, path: Path) -> list[Finding]:
    old_text, new_text = annotation(old), annotation(new)
    if old.kind == new.kind and old.date_time == new.date_time:
        return _constraints(old.constraints, new.constraints, path)
    if (old.kind, new.kind) == ("integer", "number"):
        return [_type_finding(path, Effect.WIDENED, old_text, new_text)] + _constraints(
            old.constraints, new.constraints, path
        )
    if (old.kind, new.kind) == ("number", "integer"):
        return [_type_finding(path, Effect.NARROWED, old_text, new_text)] + _constraints(
            old.constraints, new.constraints, path
        )
    return [_type_finding(path, Effect.CHANGED, old_text, new_text)]


def _constraints(old: Constraints, new: Constraints, path: Path) -> list[Finding]:
    findings: list[Finding] = []
    for attribute, keyword in _LOWER_BOUNDS + _UPPER_BOUNDS:
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before == after:
            continue
        lower = (attribute, keyword) in _LOWER_BOUNDS
        if before is None or after is None:
            tightened = after is not None
        else:
            tightened = after > before if lower else after < before
        findings.append(_constraint(path + (keyword,), tightened, before, after))
    if old.pattern != new.pattern:
        # A different pattern may refuse what the old one accepted: judged as tightened.
        findings.append(
            _constraint(path + ("pattern",), new.pattern is not None, old.pattern, new.pattern)
        )
    if old.multiple_of != new.multiple_of:
        before, after = old.multiple_of, new.multiple_of
        relaxed = after is None or (before is not None and before % after == 0)
        findings.append(_constraint(path + ("multipleOf",), not relaxed, before, after))
    return findings


def _constraint(path: Path, tightened: bool, before: object, after: object) -> Finding:
    old_text = None if before is None else str(before)
    new_text = None if after is None else str(after)
    if tightened:
        return Finding(
            path,
            "constraint_tightened",
            Effect.NARROWED,
            old_text,
            new_text,
            f"{path[-1]} tightened: {{writers}} may send what is now refused",
        )
    return Finding(
        path,
        "constraint_relaxed",
        Effect.RELAXED,
        old_text,
        new_text,
        f"{path[-1]} relaxed: {{readers}} may receive values outside the old range",
    )


def _enums(old: EnumDef, new: EnumDef, path: Path) -> list[Finding]:
    before = [m.value for m in old.members]
    after = [m.value for m in new.members]
    where = path + ("enum",)
    findings = [
        Finding(
            where,
            "enum_value_removed",
            Effect.CHANGED,
            value,
            None,
            f"enum value {value!r} removed: code naming the member changes",
        )
        for value in before
        if value not in after
    ]
    findings += [
        Finding(
            where,
            "enum_value_added",
            Effect.RELAXED,
            None,
            value,
            f"enum value {value!r} added: {{readers}} may receive it (an exhaustive match breaks)",
        )
        for value in after
        if value not in before
    ]
    return findings


def description(path: Path, old: str, new: str) -> list[Finding]:
    if old == new:
        return []
    return [
        Finding(
            path + ("description",),
            "description_changed",
            Effect.NEUTRAL,
            old,
            new,
            "description changed",
        )
    ]
