"""The README's examples run as written.

A fenced ``python`` block right after a ``<!-- readme-test: NAME -->`` marker is
executed in a fresh interpreter from the project root.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"<!-- readme-test: (?P<name>[\w-]+) -->\s*```python\n(?P<code>.*?)```", re.S)


def _examples() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {match["name"]: match["code"] for match in _BLOCK.finditer(text)}


def test_readme_has_examples() -> None:
    assert "handler" in _examples()


@pytest.mark.parametrize("name", sorted(_examples()))
def test_readme_example_runs(name: str, tmp_path: Path) -> None:
    script = tmp_path / f"{name}.py"
    script.write_text(_examples()[name], encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
