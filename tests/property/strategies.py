"""Shared Hypothesis strategies."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

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
