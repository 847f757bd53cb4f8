"""Collects the report lines, and pairs removed with added entries as renames."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from .changes import PROVIDERS, USERS, Change, Finding, Flow, breaks_for, sides_text

BOTH = frozenset({PROVIDERS, USERS})
NONE: frozenset[str] = frozenset()

T = TypeVar("T")


class Recorder:
    def __init__(self) -> None:
        self.changes: list[Change] = []

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


def find_renames(
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
