"""load → validate → resolve → render → format → write, as one call."""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import InputError, Problem, Warnings
from .format import format_tree
from .load import Sources, discover, line_of
from .model import Project
from .render import render_project
from .resolve import Resolver
from .validate import VALIDATORS
from .write import replace_tree, stage, stale_files


@dataclass(frozen=True)
class Result:
    files: int
    warnings: tuple[Problem, ...]
    stale: tuple[str, ...] = ()


def build_model(everest_dirs: list[Path]) -> tuple[Project, Warnings]:
    """Load, validate and resolve; raises InputError with every problem found."""
    warnings = Warnings()
    sources = discover(everest_dirs)
    problems = list(sources.problems)
    for kind, files in sources.files.items():
        for source in files.values():
            if source.document is not None:
                problems.extend(VALIDATORS[kind](source, warnings))
    if problems:
        raise InputError(_with_lines(problems))
    resolver = Resolver(_parsed_only(sources), warnings)
    project = resolver.resolve()
    if resolver.problems:
        raise InputError(_with_lines(resolver.problems))
    return project, warnings


def generate(everest_dirs: list[Path], out: Path) -> Result:
    project, warnings = build_model(everest_dirs)
    files = render_project(project)
    staging = stage(out, files, format_tree)
    replace_tree(staging, out)
    return Result(len(files), tuple(warnings))


def check(everest_dirs: list[Path], out: Path) -> Result:
    project, warnings = build_model(everest_dirs)
    files = render_project(project)
    staging = stage(out, files, format_tree)
    try:
        stale = stale_files(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Result(len(files), tuple(warnings), tuple(stale))


def _parsed_only(sources: Sources) -> Sources:
    return sources


def _with_lines(problems: list[Problem]) -> list[Problem]:
    """Attach the YAML line of each problem's key path (one re-parse per affected file)."""
    by_file: dict[Path, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.file].append(problem)
    located: list[Problem] = []
    for file, file_problems in by_file.items():
        for problem in file_problems:
            if problem.line is None and file.is_file():
                problem = Problem(problem.file, problem.key_path, problem.message, line_of(file, problem.key_path))
            located.append(problem)
    return located
