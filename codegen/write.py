"""Write the generated package atomically, or compare it with what is on disk."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def stage(out: Path, files: dict[str, str]) -> Path:
    """Write ``files`` into a fresh folder beside ``out``; removed again if writing fails."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def replace_tree(staging: Path, out: Path) -> None:
    """Swap ``staging`` in as ``out``: readers see the old tree or the new one, never a mix."""
    if not out.exists():
        os.replace(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    retired.rmdir()
    os.replace(out, retired)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(retired, out)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def stale_files(files: dict[str, str], out: Path) -> list[str]:
    """Relative paths that differ between the fresh ``files`` and ``out`` (missing, extra or
    changed). Compared in memory: ``check`` writes nothing (a read-only checkout can be
    checked), the bytes being those ``stage`` would write."""
    fresh = {relative: text.encode("utf-8") for relative, text in files.items()}
    current = _tree(out) if out.is_dir() else {}
    stale = []
    for relative in sorted(fresh.keys() | current.keys()):
        if fresh.get(relative) != current.get(relative):
            stale.append(relative)
    return stale


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
