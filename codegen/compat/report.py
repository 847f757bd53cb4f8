"""The report in three formats: text (for people), json (for tools), markdown (for PRs)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .changes import PROVIDERS, USERS, Change

FORMATS = ("text", "json", "markdown")
_TEXT_VALUE_WIDTH = 60


def render(changes: Sequence[Change], form: str) -> str:
    if form == "json":
        return as_json(changes)
    if form == "markdown":
        return as_markdown(changes)
    return as_text(changes)


def summary(changes: Sequence[Change]) -> str:
    if not changes:
        return "no changes"
    breaking = [c for c in changes if c.is_breaking]
    providers = sum(PROVIDERS in c.breaks for c in breaking)
    users = sum(USERS in c.breaks for c in breaking)
    return (
        f"{len(changes)} change(s): {len(breaking)} breaking "
        f"({providers} for providers, {users} for users), "
        f"{len(changes) - len(breaking)} compatible"
    )


def as_text(changes: Sequence[Change]) -> str:
    lines: list[str] = []
    current_file = None
    for change in changes:
        if change.file != current_file:
            if current_file is not None:
                lines.append("")
            current_file = change.file
        where = f"{change.file}: {change.path}" if change.path else change.file
        context = f" ({change.context})" if change.context else ""
        lines.append(
            f"[{change.classification}] {where}: {change.message}{_values(change)}{context}"
        )
    if lines:
        lines.append("")
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def _values(change: Change) -> str:
    if change.old is None and change.new is None:
        return ""
    quoted = change.kind == "description_changed"
    return f": {_short(change.old, quoted)} -> {_short(change.new, quoted)}"


def _short(value: str | None, quoted: bool) -> str:
    if value is None:
        return "(none)"
    flat = " ".join(value.split())
    if len(flat) > _TEXT_VALUE_WIDTH:
        flat = flat[: _TEXT_VALUE_WIDTH - 3] + "..."
    return f'"{flat}"' if quoted else flat


def as_json(changes: Sequence[Change]) -> str:
    items = [
        {
            "file": change.file,
            "path": change.path,
            "kind": change.kind,
            "classification": change.classification,
            "breaks": sorted(change.breaks),
            "old": change.old,
            "new": change.new,
            "message": change.message,
            "context": change.context,
        }
        for change in changes
    ]
    return json.dumps(items, indent=2) + "\n"


def as_markdown(changes: Sequence[Change]) -> str:
    if not changes:
        return f"**{summary(changes)}**\n"
    lines = [
        f"**{summary(changes)}**",
        "",
        "| classification | file | path | change | old | new | used as |",
        "|---|---|---|---|---|---|---|",
    ]
    for change in changes:
        cells = (
            change.classification,
            change.file,
            change.path,
            change.message,
            change.old or "",
            change.new or "",
            change.context,
        )
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|") if flat else " "
