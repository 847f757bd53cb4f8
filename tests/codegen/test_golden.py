"""Golden files: the exact output for small inputs that cover every construct.

A template or renderer change shows up here as a diff. After checking the diff
is intended, refresh with ``UPDATE_GOLDEN=1 pytest tests/codegen/test_golden.py``.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from everest_py.codegen.pipeline import generate

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("case", CASES)
def test_output_matches_golden_files(case: str, tmp_path: Path) -> None:
    out = tmp_path / "bindings"
    generate([GOLDEN / case / "input"], out)
    expected_dir = GOLDEN / case / "expected"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(out, expected_dir, ignore=shutil.ignore_patterns("__pycache__"))
    actual, expected = _files(out), _files(expected_dir)
    assert sorted(actual) == sorted(expected)
    for relative, text in expected.items():
        if actual[relative] != text:
            diff = "".join(
                difflib.unified_diff(
                    text.splitlines(keepends=True),
                    actual[relative].splitlines(keepends=True),
                    f"expected/{relative}",
                    f"generated/{relative}",
                )
            )
            pytest.fail(f"{relative} differs from the golden file:\n{diff}")


def test_generation_is_deterministic(tmp_path: Path) -> None:
    source = GOLDEN / "constructs" / "input"
    generate([source], tmp_path / "first")
    generate([source], tmp_path / "second")
    first, second = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert first == second
