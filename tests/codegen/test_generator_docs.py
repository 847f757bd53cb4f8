"""The shell examples of docs/generator.md run as written, from the project root."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "generator.md"
SH_BLOCK = re.compile(r"```sh\n(?P<code>.*?)```", re.S)
BLOCKS = [match["code"] for match in SH_BLOCK.finditer(DOC.read_text(encoding="utf-8"))]


def test_the_doc_has_shell_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_shell_example_runs(code: str) -> None:
    # The doc tells readers to put .venv/bin on PATH; here that is the running interpreter's.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    completed = subprocess.run(
        ["bash", "-e", "-c", code],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
