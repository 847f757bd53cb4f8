"""load → validate → resolve → render → write, as one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import InputError, Problem, Warnings
from .load import Sources, discover, with_lines
from .metaschemas import meta_schemas_for
from .model import Project
from .render import render_project
from .resolve import Resolver
from .validate import validate
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
    meta = meta_schemas_for(everest_dirs)
    problems = [*sources.problems, *meta.problems]
    broken: set[Path] = {problem.file for problem in sources.problems}
    for files in sources.files.values():
        for source in files.values():
            if source.path not in broken:  # unreadable files are reported already
                found = validate(source, meta, warnings)
                problems.extend(found)
                broken.update(problem.file for problem in found)
    # Resolve the valid files too, so one run reports every problem there is.
    resolver = Resolver(_without(sources, broken), warnings, broken_names=_names(sources, broken))
    project = resolver.resolve()
    problems.extend(resolver.problems)
    if problems:
        raise InputError(with_lines(problems))
    return project, warnings


def generate(everest_dirs: list[Path], out: Path) -> Result:
    project, warnings = build_model(everest_dirs)
    files = render_project(project)
    staging = stage(out, files)
    replace_tree(staging, out)
    return Result(len(files), tuple(warnings))


def check(everest_dirs: list[Path], out: Path) -> Result:
    project, warnings = build_model(everest_dirs)
    files = render_project(project)
    return Result(len(files), tuple(warnings), tuple(stale_files(files, out)))


def _without(sources: Sources, broken: set[Path]) -> Sources:
    files = {
        kind: {name: source for name, source in by_name.items() if source.path not in broken}
        for kind, by_name in sources.files.items()
    }
    return Sources(files, [])


def _names(sources: Sources, broken: set[Path]) -> set[str]:
    """``kind/name`` of every broken file: references to them are not reported again."""
    return {
        f"{kind}/{name}"
        for kind, by_name in sources.files.items()
        for name, source in by_name.items()
        if source.path in broken
    }
