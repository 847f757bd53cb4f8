"""The EVerest folders as they were at a git ref, exported with ``git archive``."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from ..load import KINDS


class GitRefError(Exception):
    """The ref or the repository could not be read; the message says which and why."""


def latest_tag(folder: Path) -> str | None:
    """The most recent tag reachable from HEAD, or None when there is none."""
    found = _git(folder, "describe", "--tags", "--abbrev=0", check=False)
    return found or None


def export(folders: list[Path], ref: str, into: Path) -> list[Path]:
    """Write ``interfaces/``, ``types/`` and ``errors/`` of each folder at ``ref`` below ``into``.

    Returns one folder per input folder, in the same order, for ``build_model``.
    """
    exported: list[Path] = []
    for index, folder in enumerate(folders):
        root = Path(_git(folder, "rev-parse", "--show-toplevel"))
        prefix = folder.resolve().relative_to(root.resolve()).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        present = _git(root, "ls-tree", "-d", "--name-only", f"{ref}:{prefix}" if prefix else ref)
        kinds = [kind for kind in KINDS if kind in present.splitlines()]
        if not kinds:
            raise GitRefError(f"{folder}: has none of interfaces/, types/ or errors/ at {ref!r}")
        archive = _git_bytes(
            root, "archive", "--format=tar", ref, "--", *(prefix + k for k in kinds)
        )
        target = into / str(index)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4
                tar.extractall(target, filter="data")
            else:  # pragma: no cover - the archive comes from the local repository
                tar.extractall(target)
        exported.append(target / prefix if prefix else target)
    return exported


def _git(folder: Path, *args: str, check: bool = True) -> str:
    return _git_bytes(folder, *args, check=check).decode("utf-8", "replace").strip()


def _git_bytes(folder: Path, *args: str, check: bool = True) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except OSError as error:
        raise GitRefError(f"cannot run git: {error}") from error
    if done.returncode != 0 and check:
        reason = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise GitRefError(f"{folder}: git {' '.join(args[:2])} failed: {reason}")
    return done.stdout if done.returncode == 0 else b""
