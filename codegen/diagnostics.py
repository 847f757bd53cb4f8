"""Problems found in the input, reported together with file, key path and line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    file: Path
    key_path: tuple[str, ...]
    message: str
    line: int | None = None

    @property
    def dotted_path(self) -> str:
        return ".".join(self.key_path) if self.key_path else "<document>"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        return f"{where}: {self.dotted_path}: {self.message}"


class InputError(Exception):
    """Generation stopped because the input is broken; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class Warnings:
    """Collects warnings, one per place (file + key path + text)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[Path, tuple[str, ...], str], Problem] = {}

    def add(self, file: Path, key_path: tuple[str, ...], message: str) -> None:
        self._seen.setdefault((file, key_path, message), Problem(file, key_path, message))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._seen.values())

    def __len__(self) -> int:
        return len(self._seen)
