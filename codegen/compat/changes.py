"""What one change is, and who it breaks.

Values flow in one direction at each place of an interface: arguments from the
user (the caller) to the provider (the implementer), results and variables
from the provider to the user. A change to a value's type is judged by what it
does to the side that writes the value and to the side that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

PROVIDERS, USERS = "providers", "users"


class Flow(Enum):
    """Which way values move at a place in an interface."""

    TO_PROVIDER = "argument"  # users write, providers read
    TO_USER = "result/variable"  # providers write, users read

    @property
    def writer(self) -> str:
        return USERS if self is Flow.TO_PROVIDER else PROVIDERS

    @property
    def reader(self) -> str:
        return PROVIDERS if self is Flow.TO_PROVIDER else USERS


BOTH_FLOWS = frozenset(Flow)


class Effect(Enum):
    """What a change to a value's type does to the code that writes or reads it."""

    NARROWED = "narrowed"  # fewer values accepted: writers may produce a value now refused
    WIDENED = "widened"  # more values or a wider Python type: readers must handle more
    CHANGED = "changed"  # neither contains the other: both sides change
    RELAXED = "relaxed"  # more values, same Python type: readers see new values, code still fits
    NEUTRAL = "neutral"  # nothing a program can observe (descriptions, moves)

    @property
    def breaks_writer(self) -> bool:
        return self in (Effect.NARROWED, Effect.CHANGED)

    @property
    def breaks_reader(self) -> bool:
        return self in (Effect.WIDENED, Effect.CHANGED)


@dataclass(frozen=True)
class Finding:
    """A change found inside one value's type, before its flow is known."""

    path: tuple[str, ...]
    kind: str
    effect: Effect
    old: str | None
    new: str | None
    message: str  # may name "{writers}" and "{readers}", filled in once the flows are known


@dataclass(frozen=True)
class Change:
    """One line of the report."""

    file: str  # "interfaces/<name>", "types/<name>" or "errors/<name>"
    path: str  # dotted key path inside the file; "" for the file itself
    kind: str
    breaks: frozenset[str]  # subset of {PROVIDERS, USERS}
    old: str | None
    new: str | None
    message: str
    context: str = ""  # for type files: the interfaces and flows the type is reached from

    @property
    def classification(self) -> str:
        if not self.breaks:
            return "compatible"
        return "breaking:" + "+".join(sorted(self.breaks))

    @property
    def is_breaking(self) -> bool:
        return bool(self.breaks)

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        kind_order = ("interfaces", "types", "errors").index(self.file.split("/", 1)[0])
        return (kind_order, self.file, self.path, self.kind, self.old or "", self.new or "")


def breaks_for(effect: Effect, flows: frozenset[Flow]) -> frozenset[str]:
    """The sides a type change breaks, given the flows the type is reached from."""
    sides: set[str] = set()
    for flow in flows:
        if effect.breaks_writer:
            sides.add(flow.writer)
        if effect.breaks_reader:
            sides.add(flow.reader)
    return frozenset(sides)


def sides_text(message: str, flows: frozenset[Flow]) -> str:
    """Fill ``{writers}`` and ``{readers}`` in a finding's message with the sides they are."""
    writers = " and ".join(sorted({flow.writer for flow in flows}))
    readers = " and ".join(sorted({flow.reader for flow in flows}))
    return message.replace("{writers}", writers).replace("{readers}", readers)
