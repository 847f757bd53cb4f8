"""Format generated sources in one ``ruff format`` run (black's style, much faster)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruff.__main__ import find_ruff_bin

LINE_LENGTH = 100


class FormatError(RuntimeError):
    """The formatter rejected generated code: a generator bug, never the user's input."""


def format_tree(root: Path) -> None:
    """Format every ``.py`` file under ``root`` in place.

    ``--isolated`` ignores any ruff configuration around the output folder, so
    the same input gives the same bytes wherever the package is generated.
    """
    completed = subprocess.run(
        [
            find_ruff_bin(),
            "format",
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
        raise FormatError(f"ruff format failed on generated code:\n{(completed.stdout + completed.stderr).strip()}")
