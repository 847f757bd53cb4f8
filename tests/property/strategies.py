"""Shared Hypothesis strategies."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The property tests' settings, applied per test (never as a global profile: other tests use
# hypothesis too): modest example counts keep the plain suite fast, no per-example deadline
# (the machine is shared; speed claims live in bench/), nothing written into the checkout.
# Derandomized: every run tries the same examples, so a CI run cannot fail on a draw no
# earlier run saw (a case found once is kept with @example).
PROPERTY = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Any JSON value, including huge integers and odd strings.
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)


def huge_integer(digits: int) -> str:
    return "9" * digits


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth
