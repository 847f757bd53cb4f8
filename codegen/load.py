"""Find and parse the YAML files of one or more EVerest directories."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from .diagnostics import Problem

# libyaml parses the corpus about 9x faster than the pure-Python loader.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FileKind = Literal["interfaces", "types", "errors"]
KINDS: tuple[FileKind, ...] = ("interfaces", "types", "errors")


@dataclass(frozen=True)
class SourceFile:
    """One parsed YAML file; ``document`` is None when it could not be parsed."""

    kind: FileKind
    name: str
    path: Path
    document: Any


@dataclass
class Sources:
    files: dict[FileKind, dict[str, SourceFile]]
    problems: list[Problem]


def discover(everest_dirs: list[Path]) -> Sources:
    """Load every ``interfaces/``, ``types/`` and ``errors/`` YAML file.

    A file in a later directory replaces the file of the same kind and name in
    an earlier one, so a project can layer its own files over a checkout.
    """
    files: dict[FileKind, dict[str, SourceFile]] = {kind: {} for kind in KINDS}
    problems: list[Problem] = []
    for everest_dir in everest_dirs:
        if not everest_dir.is_dir():
            problems.append(Problem(everest_dir, (), "is not a directory"))
            continue
        if not any((everest_dir / kind).is_dir() for kind in KINDS):
            problems.append(Problem(everest_dir, (), "has none of interfaces/, types/ or errors/"))
            continue
        for kind in KINDS:
            folder = everest_dir / kind
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.yaml")):
                document, problem = parse(path)
                if problem is not None:
                    problems.append(problem)
                files[kind][path.stem] = SourceFile(kind, path.stem, path, document)
    return Sources(files, problems)


def parse(path: Path) -> tuple[Any, Problem | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, Problem(path, (), f"cannot be read: {error}")
    try:
        return yaml.load(text, Loader=_Loader), None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        return None, Problem(path, (), f"invalid YAML: {reason}", line)


def line_finder(path: Path) -> Callable[[tuple[str, ...]], int | None]:
    """A function giving the line where a key path (or its deepest existing prefix) starts.

    The file is composed once, and only when a problem is reported, so the
    second parse costs nothing on the happy path.
    """
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        root = None

    def line_of(key_path: tuple[str, ...]) -> int | None:
        if root is None:
            return None
        node = root
        line: int = node.start_mark.line + 1
        for key in key_path:
            if isinstance(node, yaml.MappingNode):
                match = next((pair for pair in node.value if pair[0].value == key), None)
                if match is None:
                    break
                line = match[0].start_mark.line + 1
                node = match[1]
            elif (
                isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value)
            ):
                node = node.value[int(key)]
                line = node.start_mark.line + 1
            else:
                break
        return line

    return line_of


def with_lines(problems: Iterable[Problem]) -> list[Problem]:
    """Attach the YAML line of each problem's key path (one re-parse per affected file)."""
    by_file: dict[Path, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.file].append(problem)
    located: list[Problem] = []
    for file, file_problems in by_file.items():
        line_of = line_finder(file) if file.is_file() else None
        for problem in file_problems:
            if problem.line is None and line_of is not None:
                problem = Problem(
                    problem.file, problem.key_path, problem.message, line_of(problem.key_path)
                )
            located.append(problem)
    return located
