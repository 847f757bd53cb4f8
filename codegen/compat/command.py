"""The ``diff`` verb: parse its options, compare, print, choose the exit code."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..diagnostics import InputError
from .changes import Change
from .gitref import GitRefError, export, latest_tag
from .projectdiff import compare, load
from .report import FORMATS, render

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2
FAIL_ON = ("breaking", "any", "none")
LATEST_RELEASE = ""  # --old-ref without a value


def add_parser(verbs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    text = "report what changes between two versions of the EVerest YAML, and who it breaks"
    sub = verbs.add_parser("diff", help=text, description=text)
    old = sub.add_mutually_exclusive_group(required=True)
    old.add_argument(
        "--old",
        action="append",
        type=Path,
        metavar="DIR",
        help="an EVerest folder of the old version (repeatable; later ones win)",
    )
    old.add_argument(
        "--old-ref",
        nargs="?",
        const=LATEST_RELEASE,
        metavar="REF",
        help="the old version is each --new DIR at this git ref "
        "(without REF: the latest tag, else HEAD)",
    )
    sub.add_argument(
        "--new",
        action="append",
        required=True,
        type=Path,
        metavar="DIR",
        help="an EVerest folder of the new version (repeatable; later ones win)",
    )
    sub.add_argument("--format", choices=FORMATS, default="text", help="report format")
    sub.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="breaking",
        help="exit 1 when there is a breaking change (default), any change, or never",
    )


def run(args: argparse.Namespace) -> int:
    try:
        if args.old_ref is not None:
            with tempfile.TemporaryDirectory(prefix="codegen-compat-") as temp:
                ref = args.old_ref or _latest_release(args.new[0])
                old_dirs = export(args.new, ref, Path(temp))
                changes = _compare(old_dirs, args.new)
        else:
            changes = _compare(args.old, args.new)
    except _SideError as error:
        for side, problems in error.errors.items():
            print(
                f"error: {len(problems.problems)} problem(s) in the {side} input:", file=sys.stderr
            )
            for problem in problems.problems:
                print(f"  {problem}", file=sys.stderr)
        return EXIT_INPUT
    except GitRefError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.write(render(changes, args.format))
    return _exit_code(changes, args.fail_on)


def _latest_release(folder: Path) -> str:
    tag = latest_tag(folder)
    if tag is None:
        print("note: no git tag found; comparing against HEAD", file=sys.stderr)
        return "HEAD"
    print(f"note: comparing against {tag}", file=sys.stderr)
    return tag


class _SideError(Exception):
    """Bad input on one or both sides: {side: the generator's InputError}."""

    def __init__(self, errors: dict[str, InputError]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def _compare(old_dirs: list[Path], new_dirs: list[Path]) -> list[Change]:
    loaded, errors = {}, {}
    for side, dirs in (("old", old_dirs), ("new", new_dirs)):
        try:
            loaded[side] = load(dirs)
        except InputError as error:
            errors[side] = error
    if errors:
        raise _SideError(errors)
    return compare(loaded["old"], loaded["new"])


def _exit_code(changes: list[Change], fail_on: str) -> int:
    if fail_on == "any" and changes:
        return EXIT_FAIL
    if fail_on == "breaking" and any(change.is_breaking for change in changes):
        return EXIT_FAIL
    return EXIT_OK
