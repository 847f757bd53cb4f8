"""Command line: ``everest-codegen generate|check|diff`` (also ``python -m everest_py.codegen``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .compat import command as diff_command
from .diagnostics import InputError, Problem
from .load import with_lines
from .pipeline import Result, check, generate

EXIT_OK, EXIT_STALE, EXIT_INPUT = 0, 1, 2
CONSOLE_SCRIPT = "everest-codegen"
DISTRIBUTION = "everest-py"


def distribution_version() -> str:
    # Imported here: importlib.metadata costs tens of ms of every run, for --version only.
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show the version and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"{parser.prog} {distribution_version()}")
        parser.exit()


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Typed Python bindings for EVerest interfaces."
    )
    parser.add_argument("--version", action=_Version)
    verbs = parser.add_subparsers(dest="verb", required=True)
    for verb, text in (
        ("generate", "write the bindings package to OUT (atomically)"),
        (
            "check",
            "exit 1 and list the stale files when OUT differs from what generate would write",
        ),
    ):
        sub = verbs.add_parser(verb, help=text, description=text)
        sub.add_argument(
            "--everest-dir",
            action="append",
            required=True,
            type=Path,
            metavar="DIR",
            help="a folder with interfaces/, types/ and optionally errors/ and schemas/ "
            "(repeatable; later ones win)",
        )
        sub.add_argument("--out", required=True, type=Path, help="the package folder to write")
        _add_verbosity(sub)
    diff_command.add_parser(verbs)
    return parser


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print errors only (no summary, no count of warnings)",
    )
    loudness.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every warning about the input, with its line",
    )


def main(argv: Sequence[str] | None = None, prog: str = CONSOLE_SCRIPT) -> int:
    args = _parser(prog).parse_args(argv)
    if args.verb == "diff":
        return diff_command.run(args)
    try:
        if args.verb == "generate":
            result = generate(args.everest_dir, args.out)
        else:
            result = check(args.everest_dir, args.out)
    except InputError as error:
        _print_input_errors(error.problems)
        return EXIT_INPUT
    _print_warnings(result.warnings, verbose=args.verbose, quiet=args.quiet)
    if args.verb == "check":
        return _report_check(result, args.out, quiet=args.quiet)
    if not args.quiet:
        print(f"wrote {result.files} files to {args.out}")
    return EXIT_OK


def _print_input_errors(problems: Sequence[Problem]) -> None:
    print(f"error: {len(problems)} problem(s) in the input; nothing was written:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def _print_warnings(warnings: Sequence[Problem], *, verbose: bool, quiet: bool) -> None:
    """Warnings are mostly about YAML the user does not own (EVerest's), so by default they
    are one line that says how to see them, not a screenful on every run."""
    if verbose:
        for warning in with_lines(warnings):
            print(f"warning: {warning}", file=sys.stderr)
    elif warnings and not quiet:
        count = len(warnings)
        noun = "warning" if count == 1 else "warnings"
        print(
            f"{count} {noun} about the input (use --verbose to list them)",
            file=sys.stderr,
        )


def _report_check(result: Result, out: Path, *, quiet: bool) -> int:
    if result.stale:
        print(f"{out} is stale; run generate. Differing files:", file=sys.stderr)
        for relative in result.stale:
            print(f"  {relative}", file=sys.stderr)
        return EXIT_STALE
    if not quiet:
        print(f"{out} is up to date ({result.files} files)")
    return EXIT_OK
