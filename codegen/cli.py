"""Command line: ``python -m everest_py.codegen generate|check|diff``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .compat import command as diff_command
from .diagnostics import InputError
from .pipeline import check, generate

EXIT_OK, EXIT_STALE, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m everest_py.codegen", description="Typed Python bindings for EVerest interfaces."
    )
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
            help="a folder with interfaces/, types/ and optionally errors/ (repeatable; later ones win)",
        )
        sub.add_argument("--out", required=True, type=Path, help="the package folder to write")
        sub.add_argument(
            "-q", "--quiet", action="store_true", help="print warnings and errors only"
        )
    diff_command.add_parser(verbs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.verb == "diff":
        return diff_command.run(args)
    try:
        if args.verb == "generate":
            result = generate(args.everest_dir, args.out)
        else:
            result = check(args.everest_dir, args.out)
    except InputError as error:
        print(
            f"error: {len(error.problems)} problem(s) in the input; nothing was written:",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INPUT
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.verb == "check":
        if result.stale:
            print(f"{args.out} is stale; run generate. Differing files:", file=sys.stderr)
            for relative in result.stale:
                print(f"  {relative}", file=sys.stderr)
            return EXIT_STALE
        if not args.quiet:
            print(f"{args.out} is up to date ({result.files} files)")
        return EXIT_OK
    if not args.quiet:
        print(f"wrote {result.files} files to {args.out}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
