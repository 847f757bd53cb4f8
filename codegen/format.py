"""Format generated sources in one ``ruff format`` run (black's style, much faster)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruff.__main__ import find_ruff_bin

LINE_LENGTH = 100


class FormatError(RuntimeError):
    """The formatter rejected generated code: a generator bug, never the user's input."""


def format_tree(root: Path) -> None:
    """Sort imports and format every ``.py`` file under ``root`` in place.

    ``--isolated`` ignores any ruff configuration around the output folder, so
    the same input gives the same bytes wherever the package is generated.
    """
    _ruff(["check", "--select=I", "--fix", "--exit-zero"], root)
    _ruff(["format"], root)


def _ruff(command: list[str], root: Path) -> None:
    completed = subprocess.run(
        [
            find_ruff_bin(),
            *command,
            "--isolated",
            "--no-cache",
            "--quiet",
            f"--line-length={LINE_LENGTH}",
            "--target-version=py311",
            str(root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise FormatError(
            f"ruff format failed on generated code:\n{(completed.stdout + completed.stderr).strip()}"
        )
