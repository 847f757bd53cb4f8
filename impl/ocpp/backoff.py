"""Randomised exponential backoff for reconnecting."""

from __future__ import annotations

import random


class Backoff:
    """Attempt n waits a random time in [(1 - jitter) * base, base], with
    base = min(maximum, initial * multiplier**n): spread out, never longer than `maximum`."""

    # A plain class: it is defined at every start, where a dataclass costs a millisecond of
    # compiling its methods.
    def __init__(
        self,
        initial: float = 1.0,
        maximum: float = 60.0,
        multiplier: float = 2.0,
        jitter: float = 0.5,
        rng: random.Random | None = None,
    ) -> None:
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = jitter
        self.rng = rng if rng is not None else random.Random()
        if self.initial <= 0 or self.maximum < self.initial:
            raise ValueError("backoff: need 0 < initial_delay <= max_delay")
        if self.multiplier < 1:
            raise ValueError("backoff: multiplier must be at least 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("backoff: jitter must be within 0..1")

    def delay(self, attempt: int) -> float:
        base = min(self.maximum, self.initial * self.multiplier ** min(attempt, 64))
        return self.rng.uniform(base * (1 - self.jitter), base)
