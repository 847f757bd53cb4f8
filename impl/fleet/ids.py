"""Charge point ids of a fleet: a format pattern over consecutive numbers, and the split of
that range between worker processes (contiguous, disjoint, complete)."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import charge_point_id_problem

MAX_ID_LENGTH = 48  # the settings' limit on charge_point_id (a URL path segment)


class IdPatternError(ValueError):
    """An id pattern that cannot name charge points; the message says why."""


@dataclass(frozen=True)
class IdRange:
    """`count` ids from `pattern` (a str.format pattern with the field `n`), n = first,
    first + 1, ... Fleets on several machines use disjoint ranges (`first`, `count`)."""

    pattern: str
    first: int
    count: int

    def __post_init__(self) -> None:
        if self.count < 1:
            raise IdPatternError(f"count {self.count}: need at least 1 charge point")
        if self.first < 0:
            raise IdPatternError(f"first {self.first}: must be 0 or more")
        samples = {self.id_at(0), self.id_at(self.count - 1)}
        if self.count > 1 and len(samples) < 2:
            raise IdPatternError(f"id pattern {self.pattern!r}: every id is the same")
        # Every id is checked, and each must be its own: two members sharing an id would share
        # a data directory and a CSMS identity.
        first_of: dict[str, int] = {}
        for index in range(self.count):
            charge_point_id = self.id_at(index)
            earlier = first_of.setdefault(charge_point_id, index)
            if earlier != index:
                raise IdPatternError(
                    f"id pattern {self.pattern!r}: n={self.first + earlier} and "
                    f"n={self.first + index} both give {charge_point_id!r}; every id must differ"
                )

    def id_at(self, index: int) -> str:
        """The id of the `index`-th charge point (0-based)."""
        try:
            charge_point_id = self.pattern.format(n=self.first + index)
        except Exception as error:  # any field, conversion or format spec may fail
            raise IdPatternError(
                f"id pattern {self.pattern!r}: {error!r}; use the field n, e.g. 'CP{{n:05d}}'"
            ) from None
        _check_id(self.pattern, charge_point_id)
        return charge_point_id

    def ids(self, start: int = 0, stop: int | None = None) -> list[str]:
        """The ids of indexes start..stop-1 (default: all)."""
        end = self.count if stop is None else stop
        return [self.id_at(index) for index in range(start, end)]


def _check_id(pattern: str, charge_point_id: str) -> None:
    if not charge_point_id or len(charge_point_id) > MAX_ID_LENGTH:
        raise IdPatternError(
            f"id pattern {pattern!r}: {charge_point_id!r} is not 1..{MAX_ID_LENGTH} characters"
        )
    problem = charge_point_id_problem(charge_point_id)
    if problem is not None:
        raise IdPatternError(f"id pattern {pattern!r}: {charge_point_id!r} {problem}")


def split(count: int, parts: int) -> list[range]:
    """Indexes 0..count-1 in `parts` contiguous slices whose sizes differ by at most one
    (fewer slices when there are fewer ids than parts; none is empty)."""
    if count < 0 or parts < 1:
        raise ValueError(f"cannot split {count} ids into {parts} parts")
    parts = min(parts, count) or 1
    size, extra = divmod(count, parts)
    slices: list[range] = []
    start = 0
    for part in range(parts):
        stop = start + size + (1 if part < extra else 0)
        slices.append(range(start, stop))
        start = stop
    return [piece for piece in slices if piece]
