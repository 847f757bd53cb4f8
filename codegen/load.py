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
    # A file's problems go with it: a later folder's file of the same kind and name replaces
    # both (a broken file layered over is no longer an error).
    file_problems: dict[tuple[FileKind, str], list[Problem]] = {}
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
                found: list[Problem] = []
                document, problem = parse(path)
                if path.stem.startswith("__"):
                    # `__init__.yaml` would be written over the package's own __init__.py.
                    found.append(Problem(path, (), "cannot become a Python module name"))
                    document = None
                elif problem is not None:
                    found.append(problem)
                else:
                    keys = non_string_keys(path, document)
                    if keys:  # validation and resolution expect names: report, do not crash
                        found.extend(keys)
                        document = None
                files[kind][path.stem] = SourceFile(kind, path.stem, path, document)
                file_problems[(kind, path.stem)] = found
    for found in file_problems.values():
        problems.extend(found)
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


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def non_string_keys(path: Path, document: Any) -> list[Problem]:
    """One problem per mapping key YAML did not read as a text (``on:``/``no:`` are booleans in
    YAML 1.1, ``1:`` an integer). Every name in EVerest's files is a text; such a key is almost
    always a name that needs quotes. Cheap on the happy path: the file is composed again only
    when such a key exists, to report the key as written, its key path and line."""
    if not _has_non_string_key(document):
        return []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # parsed a moment ago
        root = None
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())] if root is not None else []
    while stack:
        node, key_path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                written = key.value if isinstance(key, yaml.ScalarNode) else "<complex key>"
                if key.tag not in (_STR_TAG, _MERGE_TAG):
                    kind = key.tag.rsplit(":", 1)[-1]
                    kind = {"bool": "boolean", "int": "number", "float": "number"}.get(kind, kind)
                    message = (
                        f"key {written!r} is read by YAML as a {kind}, not as a name; "
                        f"quote it ('{written}':)"
                        if isinstance(key, yaml.ScalarNode)
                        else "a key must be a name (a text)"
                    )
                    line = key.start_mark.line + 1
                    problems.append(Problem(path, (*key_path, str(written)), message, line))
                stack.append((value, (*key_path, str(written))))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in reversed(list(enumerate(node.value))):
                stack.append((item, (*key_path, str(index))))
    problems.sort(key=lambda problem: problem.line or 0)
    return problems or [Problem(path, (), "a mapping key is not a text; quote names")]


def _has_non_string_key(value: Any) -> bool:
    if isinstance(value, dict):
        return any(
            not isinstance(key, str) or _has_non_string_key(item) for key, item in value.items()
        )
    if isinstance(value, list):
        return any(_has_non_string_key(item) for item in value)
    return False


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
