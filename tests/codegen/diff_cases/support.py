"""Building old/new EVerest folders for the compatibility report tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from everest_py.codegen.compat import Change, compare, load

CASES = Path(__file__).resolve().parent
BASE = CASES / "base"

Edit = tuple[str, str]  # (text in the base file, its replacement)


def variant(
    target: Path,
    edits: dict[str, list[Edit]] | None = None,
    files: dict[str, str | None] | None = None,
) -> Path:
    """A copy of the base folder with text replaced, files written, or (None) deleted."""
    shutil.copytree(BASE, target)
    for relative, replacements in (edits or {}).items():
        path = target / relative
        text = path.read_text(encoding="utf-8")
        for before, after in replacements:
            assert text.count(before) == 1, f"{relative}: {before!r} must occur exactly once"
            text = text.replace(before, after)
        path.write_text(text, encoding="utf-8")
    for relative, content in (files or {}).items():
        path = target / relative
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    return target


def changes_between(old: Path, new: Path) -> list[Change]:
    return compare(load([old]), load([new]))


def summarise(changes: list[Change]) -> set[tuple[str, str, str, str]]:
    """(file, path, kind, classification) of every change: what each rule test asserts."""
    return {(c.file, c.path, c.kind, c.classification) for c in changes}
