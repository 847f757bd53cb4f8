"""The command line: generate, check, and every kind of bad input.

Each bad input must exit 2, name the file, key path and line, report every
problem at once, and leave the output folder exactly as it was.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import EVEREST_CORE

ROOT = Path(__file__).resolve().parents[2]
GOOD_TYPES = """\
description: Types for the CLI tests
types:
  Level:
    description: A level
    type: integer
    minimum: 0
"""
GOOD_INTERFACE = """\
description: An interface for the CLI tests
cmds:
  set_level:
    description: Sets the level
    arguments:
      level:
        description: The level
        type: integer
        $ref: /levels#/Level
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "everest_py.codegen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def make_dir(base: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = base / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return base


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    return make_dir(
        tmp_path / "src", {"types/levels.yaml": GOOD_TYPES, "interfaces/level.yaml": GOOD_INTERFACE}
    )


def test_generate_then_check_is_clean(good_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    generated = run("generate", "--everest-dir", good_dir, "--out", out)
    assert generated.returncode == 0, generated.stderr
    assert (out / "interfaces" / "level.py").is_file()
    checked = run("check", "--everest-dir", good_dir, "--out", out)
    assert checked.returncode == 0, checked.stderr
    assert "up to date" in checked.stdout


def test_check_lists_stale_missing_and_extra_files(good_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", "--everest-dir", good_dir, "--out", out).returncode == 0
    (out / "types" / "levels.py").write_text("# edited by hand\n")
    (out / "errors" / "__init__.py").unlink()
    (out / "stray.py").write_text("")
    before = snapshot(out)
    checked = run("check", "--everest-dir", good_dir, "--out", out)
    assert checked.returncode == 1
    for relative in ("types/levels.py", "errors/__init__.py", "stray.py"):
        assert f"  {relative}" in checked.stderr
    assert "interfaces/level.py" not in checked.stderr
    assert snapshot(out) == before  # check never writes


def test_check_writes_nothing_beside_a_missing_output_either(
    good_dir: Path, tmp_path: Path
) -> None:
    """Nothing is staged on disk: no parent folders, no staging folder (a read-only checkout
    can be checked)."""
    parent = tmp_path / "not" / "there"
    checked = run("check", "--everest-dir", good_dir, "--out", parent / "out")
    assert checked.returncode == 1
    assert not (tmp_path / "not").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]


def test_console_script_has_the_same_verbs(good_dir: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "everest-codegen"
    assert script.exists(), "the package must be installed with its console scripts (make install)"
    completed = subprocess.run(
        [str(script), "generate", "--everest-dir", str(good_dir), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr


BAD_INPUTS = {
    "invalid YAML": (
        {"interfaces/level.yaml": "description: An interface\ncmds:\n  stop: [unclosed\n"},
        ["interfaces/level.yaml:4", "invalid YAML"],
    ),
    "unknown key": (
        {
            "interfaces/level.yaml": GOOD_INTERFACE.replace("    arguments:", "    argumentz:"),
            "types/levels.yaml": GOOD_TYPES,
        },
        ["interfaces/level.yaml:5: cmds.set_level.argumentz: unknown key 'argumentz'"],
    ),
    "missing description": (
        {
            "interfaces/level.yaml": GOOD_INTERFACE.replace("        description: The level\n", ""),
            "types/levels.yaml": GOOD_TYPES,
        },
        ["interfaces/level.yaml:6: cmds.set_level.arguments.level: missing description"],
    ),
    "reference to a missing file": (
        {
            "interfaces/level.yaml": GOOD_INTERFACE.replace("/levels#", "/nowhere#"),
            "types/levels.yaml": GOOD_TYPES,
        },
        [
            "interfaces/level.yaml:9: cmds.set_level.arguments.level.$ref",
            "type file 'nowhere' not found",
        ],
    ),
    "reference to a missing type": (
        {
            "interfaces/level.yaml": GOOD_INTERFACE.replace("#/Level", "#/Altitude"),
            "types/levels.yaml": GOOD_TYPES,
        },
        [
            "interfaces/level.yaml:9: cmds.set_level.arguments.level.$ref",
            "type 'Altitude' not found in 'levels'",
        ],
    ),
    "cyclic reference": (
        {
            "types/loop.yaml": """\
                description: Two aliases that refer to each other
                types:
                  First:
                    description: Refers to Second
                    $ref: /loop#/Second
                    type: string
                  Second:
                    description: Refers to First
                    type: string
                    $ref: /loop#/First
                """,
        },
        ["types/loop.yaml:3: types.First: cyclic reference: First -> Second -> First"],
    ),
    "cyclic reference between files": (
        {
            "types/alpha.yaml": """\
                description: Refers to beta
                types:
                  A:
                    description: Holds a B
                    type: object
                    properties:
                      b:
                        $ref: /beta#/B
                """,
            "types/beta.yaml": """\
                description: Refers to alpha
                types:
                  B:
                    description: Holds an A
                    type: object
                    properties:
                      a:
                        $ref: /alpha#/A
                """,
        },
        ["cyclic reference between type files: alpha -> beta -> alpha"],
    ),
    "two Client methods of one name": (
        {
            "interfaces/meter.yaml": """\
                description: A command subscribe_power beside a variable power
                cmds:
                  subscribe_power:
                    description: Asks for readings
                  INTERFACE:
                    description: Shadows the Client's spec
                vars:
                  power:
                    description: Power in W
                    type: number
                """,
        },
        [
            "interfaces/meter.yaml:3: cmds.subscribe_power: command 'subscribe_power' and variable"
            " 'power' would both be the Client method 'subscribe_power'; rename one of them",
            "interfaces/meter.yaml:5: cmds.INTERFACE: command name 'INTERFACE' clashes with the"
            " Client's attribute 'INTERFACE'",
        ],
    ),
    "YAML 1.1 booleans and numbers as names": (
        {
            "types/levels.yaml": GOOD_TYPES + "  yes:\n    description: A type\n    type: string\n"
            "  Relay:\n    description: A relay\n    type: object\n    properties:\n"
            "      on:\n        type: boolean\n      1:\n        type: string\n",
            "interfaces/level.yaml": """\
                description: An interface for the CLI tests
                cmds:
                  off:
                    description: Switches off
                  set:
                    description: Sets
                    arguments:
                      no:
                        description: The flag
                        type: boolean
                vars:
                  Yes:
                    description: A variable
                    type: string
                """,
        },
        [
            "types/levels.yaml:7: types.yes: key 'yes' is read by YAML as a boolean, not as a name;"
            " quote it ('yes':)",
            "types/levels.yaml:14: types.Relay.properties.on: key 'on' is read by YAML as a boolean",
            "types/levels.yaml:16: types.Relay.properties.1: key '1' is read by YAML as a number",
            "interfaces/level.yaml:3: cmds.off: key 'off' is read by YAML as a boolean",
            "interfaces/level.yaml:8: cmds.set.arguments.no: key 'no' is read by YAML as a boolean",
            "interfaces/level.yaml:12: vars.Yes: key 'Yes' is read by YAML as a boolean",
            "6 problem(s)",
        ],
    ),
    "name that cannot become an identifier": (
        {
            "types/levels.yaml": GOOD_TYPES
            + "  Reading:\n    description: A reading\n    type: object\n    properties:\n"
            "      'the value':\n        type: number\n",
            "interfaces/level.yaml": GOOD_INTERFACE.replace("set_level:", "2nd_level:"),
        },
        [
            "types/levels.yaml:11: types.Reading.properties.the value: property name 'the value' cannot become a Python identifier",
            "interfaces/level.yaml:3: cmds.2nd_level: invalid name '2nd_level'",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
@pytest.mark.parametrize("out_exists", [True, False], ids=["existing-out", "no-out"])
def test_bad_input_exits_2_names_the_place_and_writes_nothing(
    case: str, out_exists: bool, tmp_path: Path, good_dir: Path
) -> None:
    files, expected = BAD_INPUTS[case]
    source = make_dir(tmp_path / "bad", files)
    out = tmp_path / "out"
    if out_exists:
        assert run("generate", "--everest-dir", good_dir, "--out", out).returncode == 0
    before = snapshot(out) if out_exists else None
    completed = run("generate", "--everest-dir", source, "--out", out)
    assert completed.returncode == 2, completed.stderr
    assert "nothing was written" in completed.stderr
    message = completed.stderr.replace(str(source) + "/", "")
    for fragment in expected:
        assert fragment in message, message
    if out_exists:
        assert snapshot(out) == before
    else:
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["bad", "src", *(["out"] if out_exists else [])]
    )


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    source = make_dir(
        tmp_path / "bad",
        {
            "interfaces/one.yaml": "cmds: {}\n",
            "interfaces/two.yaml": "description: Two\nvars:\n  x:\n    description: The x\n",
            "types/three.yaml": "description: [broken\n",
        },
    )
    completed = run("generate", "--everest-dir", source, "--out", tmp_path / "out")
    assert completed.returncode == 2
    assert "3 problem(s)" in completed.stderr
    assert "one.yaml:1: <document>: missing description" in completed.stderr
    assert "two.yaml:3: vars.x: missing type" in completed.stderr
    assert "three.yaml" in completed.stderr and "invalid YAML" in completed.stderr


def test_warning_for_maximum_on_string_is_printed_once_per_place(tmp_path: Path) -> None:
    source = make_dir(
        tmp_path / "src",
        {
            "types/keys.yaml": """\
                description: Keys
                types:
                  Key:
                    description: A key
                    type: string
                    maximum: 50
                  Pair:
                    description: Two keys
                    type: object
                    properties:
                      first:
                        $ref: /keys#/Key
                      second:
                        type: string
                        maximum: 20
                """,
        },
    )
    completed = run("generate", "--verbose", "--everest-dir", source, "--out", tmp_path / "out")
    assert completed.returncode == 0
    warnings = [line for line in completed.stderr.splitlines() if "constrains nothing" in line]
    assert len(warnings) == 2, completed.stderr
    assert any("keys.yaml:6: types.Key.maximum" in w for w in warnings)
    assert any("keys.yaml:15: types.Pair.properties.second.maximum" in w for w in warnings)


def test_missing_directory_is_reported(tmp_path: Path) -> None:
    completed = run("generate", "--everest-dir", tmp_path / "nope", "--out", tmp_path / "out")
    assert completed.returncode == 2
    assert "is not a directory" in completed.stderr


def test_failed_write_leaves_output_untouched(
    good_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from everest_py.codegen import pipeline

    out = tmp_path / "out"
    pipeline.generate([good_dir], out)
    before = snapshot(out)

    write_text = Path.write_text

    def disk_full_at_levels(path: Path, text: str, encoding: str | None = None) -> int:
        if path.name == "levels.py":
            raise OSError("disk full")
        return write_text(path, text, encoding=encoding)

    (good_dir / "types" / "levels.yaml").write_text(GOOD_TYPES.replace("minimum: 0", "minimum: 5"))
    monkeypatch.setattr(Path, "write_text", disk_full_at_levels)
    with pytest.raises(OSError, match="disk full"):
        pipeline.generate([good_dir], out)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src"]


def test_a_later_everest_dir_replaces_files_of_an_earlier_one(
    good_dir: Path, tmp_path: Path
) -> None:
    overlay = make_dir(
        tmp_path / "overlay",
        {"types/levels.yaml": GOOD_TYPES.replace("minimum: 0", "minimum: 0\n    maximum: 9")},
    )
    out = tmp_path / "out"
    completed = run("generate", "--everest-dir", good_dir, "--everest-dir", overlay, "--out", out)
    assert completed.returncode == 0, completed.stderr
    levels = (out / "types" / "levels.py").read_text()
    assert "Field(ge=0, le=9)" in levels
    assert (out / "interfaces" / "level.py").is_file()  # kept from the first folder


# -- warnings: one summary line unless asked ----------------------------------------------------

WARNED_TYPES = GOOD_TYPES + "  Name:\n    description: A name\n    type: string\n    maximum: 5\n"


@pytest.fixture
def warned_dir(tmp_path: Path) -> Path:
    return make_dir(tmp_path / "warned", {"types/levels.yaml": WARNED_TYPES})


def test_warnings_are_one_summary_line_by_default(warned_dir: Path, tmp_path: Path) -> None:
    completed = run("generate", "--everest-dir", warned_dir, "--out", tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == "1 warning about the input (use --verbose to list them)\n"
    assert "wrote" in completed.stdout


def test_quiet_silences_the_warning_summary(warned_dir: Path, tmp_path: Path) -> None:
    completed = run("generate", "-q", "--everest-dir", warned_dir, "--out", tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == "" and completed.stdout == ""


def test_verbose_lists_each_warning_with_its_line(warned_dir: Path, tmp_path: Path) -> None:
    completed = run("check", "--verbose", "--everest-dir", warned_dir, "--out", tmp_path / "out")
    assert completed.returncode == 1  # nothing generated yet: stale
    [warning] = [line for line in completed.stderr.splitlines() if line.startswith("warning:")]
    assert warning.endswith(
        "levels.yaml:10: types.Name.maximum: 'maximum' on a value of type 'string' "
        "constrains nothing (JSON-Schema semantics); ignored"
    )


def test_quiet_and_verbose_exclude_each_other(warned_dir: Path, tmp_path: Path) -> None:
    completed = run("generate", "-q", "-v", "--everest-dir", warned_dir, "--out", tmp_path / "o")
    assert completed.returncode == 2
    assert "not allowed with argument" in completed.stderr
    assert not (tmp_path / "o").exists()


def test_input_errors_are_printed_even_when_quiet(tmp_path: Path) -> None:
    source = make_dir(tmp_path / "bad", {"types/levels.yaml": "types: {}\n"})
    completed = run("generate", "-q", "--everest-dir", source, "--out", tmp_path / "out")
    assert completed.returncode == 2
    assert "levels.yaml:1: <document>: missing description" in completed.stderr


# -- program name and version ----------------------------------------------------------------------

CONSOLE_SCRIPT = Path(sys.executable).parent / "everest-codegen"


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CONSOLE_SCRIPT), *args], capture_output=True, text=True, check=False)


def test_version_is_the_distribution_version() -> None:
    from importlib.metadata import version

    expected = version("everest-py")
    as_module = run("--version")
    assert as_module.returncode == 0
    assert as_module.stdout == f"python -m everest_py.codegen {expected}\n"
    as_script = run_script("--version")
    assert as_script.returncode == 0
    assert as_script.stdout == f"everest-codegen {expected}\n"


@pytest.mark.parametrize("verb", [[], ["generate"], ["check"], ["diff"]], ids=str)
def test_usage_names_the_program_as_it_was_run(verb: list[str]) -> None:
    as_module = run(*verb, "--help")
    assert as_module.returncode == 0
    assert as_module.stdout.startswith(f"usage: python -m everest_py.codegen {' '.join(verb)}")
    as_script = run_script(*verb, "--help")
    assert as_script.returncode == 0
    assert as_script.stdout.startswith(f"usage: everest-codegen {' '.join(verb)}")
    assert "codegen" not in as_script.stdout.replace("everest-codegen", "")


def test_every_attribute_of_pydantics_base_model_is_reserved() -> None:
    # The list is written out (generating does not import pydantic); a pydantic that adds a
    # name to BaseModel must fail here, or a field of that name would shadow it.
    from pydantic import BaseModel

    from everest_py.codegen.resolve import _MODEL_ATTRIBUTES

    # Public names only: a field cannot start with "_", and newer Pythons add dunders to
    # every class.
    public = {name for name in dir(BaseModel) if not name.startswith("_")}
    assert public - _MODEL_ATTRIBUTES == set()


def test_generating_loads_neither_pydantic_nor_package_metadata(tmp_path: Path) -> None:
    # Start-up of every generate run: pydantic and importlib.metadata were a fifth of it.
    source = EVEREST_CORE
    script = (
        "import sys\n"
        "from everest_py.codegen.cli import main\n"
        f"assert main(['generate', '--everest-dir', {str(source)!r}, '--out', "
        f"{str(tmp_path / 'out')!r}, '-q']) == 0\n"
        "print(sorted(m for m in ('pydantic', 'importlib.metadata') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
    assert (tmp_path / "out" / "interfaces" / "evse_manager.py").is_file()
