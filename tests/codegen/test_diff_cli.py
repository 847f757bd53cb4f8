"""The ``diff`` verb: formats, exit codes, bad input on either side, and ``--old-ref``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from everest_py.codegen.cli import main

from .diff_cases.support import BASE, variant

ROOT = Path(__file__).resolve().parents[2]
SHAPES = "types/shapes.yaml"
CANVAS = "interfaces/canvas.yaml"
BREAKING_AND_COMPATIBLE = {
    CANVAS: [("Clears the canvas", "Wipes the canvas")],
    SHAPES: [("      - green\n", "")],
}


def run_diff(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    return variant(tmp_path / "new", BREAKING_AND_COMPATIBLE)


def test_text_lists_one_line_per_change_grouped_by_file(
    capsys: pytest.CaptureFixture[str], changed: Path
) -> None:
    code, out, _ = run_diff(capsys, "--old", BASE, "--new", changed)
    assert code == 1
    assert out.splitlines() == [
        "[compatible] interfaces/canvas: cmds.clear.description: description changed: "
        '"Clears the canvas" -> "Wipes the canvas"',
        "",
        "[breaking:providers+users] types/shapes: types.Color.enum: enum value 'green' removed: "
        "code naming the member changes: green -> (none) (argument and result/variable of canvas)",
        "",
        "2 change(s): 1 breaking (1 for providers, 1 for users), 1 compatible",
    ]


@pytest.mark.parametrize(
    ("fail_on", "edits", "expected"),
    [
        ("breaking", BREAKING_AND_COMPATIBLE, 1),
        ("breaking", {CANVAS: [("Clears the canvas", "Wipes the canvas")]}, 0),
        ("any", {CANVAS: [("Clears the canvas", "Wipes the canvas")]}, 1),
        ("any", {}, 0),
        ("none", BREAKING_AND_COMPATIBLE, 0),
    ],
)
def test_exit_code_follows_fail_on(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    fail_on: str,
    edits: dict[str, list[tuple[str, str]]],
    expected: int,
) -> None:
    new = variant(tmp_path / "new", edits)
    code, _, _ = run_diff(capsys, "--old", BASE, "--new", new, "--fail-on", fail_on)
    assert code == expected


def test_json_is_a_list_of_change_objects(
    capsys: pytest.CaptureFixture[str], changed: Path
) -> None:
    code, out, _ = run_diff(capsys, "--old", BASE, "--new", changed, "--format", "json")
    assert code == 1
    items = json.loads(out)
    assert items[1] == {
        "file": "types/shapes",
        "path": "types.Color.enum",
        "kind": "enum_value_removed",
        "classification": "breaking:providers+users",
        "breaks": ["providers", "users"],
        "old": "green",
        "new": None,
        "message": "enum value 'green' removed: code naming the member changes",
        "context": "argument and result/variable of canvas",
    }
    assert [item["kind"] for item in items] == ["description_changed", "enum_value_removed"]


def test_markdown_is_a_table_with_escaped_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    new = variant(tmp_path / "new", {CANVAS: [("Clears the canvas", "Clears | resets")]})
    code, out, _ = run_diff(capsys, "--old", BASE, "--new", new, "--format", "markdown")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| classification | file | path |")
    assert rows[1:] == [
        "| compatible | interfaces/canvas | cmds.clear.description | description changed "
        "| Clears the canvas | Clears \\| resets |   |"
    ]


def test_report_is_deterministic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    edits = {
        CANVAS: [("  busy:\n", "  idle:\n"), ("  clear:\n", "  wipe:\n")],
        SHAPES: [("      - dark\n", "      - dark\n      - dim\n"), ("  Orphan:\n", "  Lone:\n")],
    }
    new = variant(tmp_path / "new", edits)
    outputs = {run_diff(capsys, "--old", BASE, "--new", new, "--format", "json")[1] for _ in "ab"}
    (out,) = outputs
    keys = [(item["file"], item["path"], item["kind"]) for item in json.loads(out)]
    assert keys == sorted(keys, key=lambda k: (k[0].startswith("types"), *k))


def test_bad_input_on_both_sides_lists_every_problem_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = variant(tmp_path / "old", {CANVAS: [("/shapes#/Shade", "/shapes#/Missing")]})
    new = variant(
        tmp_path / "new", {SHAPES: [("    description: A colour", "    descr: A colour")]}
    )
    code, out, err = run_diff(capsys, "--old", old, "--new", new)
    assert code == 2
    assert out == ""
    assert "problem(s) in the old input" in err
    assert "problem(s) in the new input" in err
    assert f"{old / CANVAS}:30: cmds.shade.result.$ref: reference '/shapes#/Missing'" in err
    assert f"{new / SHAPES}:" in err and "types.Color" in err


def test_later_folders_override_earlier_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    overlay = tmp_path / "overlay"
    (overlay / "types").mkdir(parents=True)
    text = (BASE / SHAPES).read_text(encoding="utf-8").replace("      - green\n", "")
    (overlay / SHAPES).write_text(text, encoding="utf-8")
    code, out, _ = run_diff(capsys, "--old", BASE, "--old", overlay, "--new", BASE)
    assert code == 0
    assert "enum value 'green' added" in out


# -- --old-ref: the working tree against a git ref --------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.invalid",
         *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose ``everest/`` folder is the base, tagged v1, then edited."""
    repo = tmp_path / "repo"
    variant(repo / "everest")
    (repo / "README").write_text("not EVerest\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1")
    shapes = repo / "everest" / SHAPES
    shapes.write_text(shapes.read_text().replace("      - green\n", ""))
    return repo


def test_old_ref_defaults_to_the_latest_tag(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    git(repo, "commit", "-q", "-am", "v2 without green")  # HEAD now equals the working tree
    code, out, err = run_diff(capsys, "--old-ref", "--new", repo / "everest")
    assert "comparing against v1" in err
    assert code == 1
    assert "types.Color.enum: enum value 'green' removed" in out


def test_old_ref_compares_the_working_tree_with_the_ref(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    code, out, _ = run_diff(
        capsys, "--old-ref", "HEAD", "--new", repo / "everest", "--format", "json"
    )
    assert code == 1
    assert [item["path"] for item in json.loads(out)] == ["types.Color.enum"]


def test_old_ref_without_tags_uses_head(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    git(repo, "tag", "-d", "v1")
    code, out, err = run_diff(capsys, "--old-ref", "--new", repo / "everest")
    assert "no git tag found; comparing against HEAD" in err
    assert code == 1
    assert "types.Color.enum: enum value 'green' removed" in out


@pytest.mark.parametrize(
    ("ref", "folder", "message"),
    [
        ("no-such-ref", "everest", "failed"),
        ("HEAD", "outside", "not a git repository"),
    ],
)
def test_old_ref_problems_exit_2(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, ref: str, folder: str,
    message: str,
) -> None:  # fmt: skip
    outside = variant(tmp_path / "outside")
    target = repo / "everest" if folder == "everest" else outside
    code, out, err = run_diff(capsys, "--old-ref", ref, "--new", target)
    assert code == 2
    assert out == ""
    assert message in err


def test_command_line_entry_point(changed: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "everest_py.codegen", "diff", "--old", str(BASE), "--new", str(changed)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stdout.endswith("1 breaking (1 for providers, 1 for users), 1 compatible\n")


def test_markdown_without_changes_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_diff(capsys, "--old", BASE, "--new", BASE, "--format", "markdown")
    assert (code, out) == (0, "**no changes**\n")
