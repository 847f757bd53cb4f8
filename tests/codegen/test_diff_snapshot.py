"""The report between an older snapshot (diff_cases/snapshot_old) and the shared corpus.

The expected lines below were found by reading the old and new files side by side.
"""

from __future__ import annotations

import pytest

from everest_py.codegen.compat import compare, load

from .conftest import EVEREST_CORE
from .diff_cases.support import CASES

SNAPSHOT = CASES / "snapshot_old"

BREAKING = {
    ("interfaces/isolation_monitor", "cmds.start_self_test", "command_added", "breaking:providers"),
    ("interfaces/uk_random_delay", "cmds.get_countdown", "command_removed", "breaking:users"),
    # number -> integer: a caller may still pass 1.5
    ("interfaces/uk_random_delay", "cmds.set_duration_s.arguments.value", "type_narrowed",
     "breaking:users"),
    # published only: subscribers now get None
    ("types/isolation_monitor", "types.IsolationMeasurement.properties.voltage_V",
     "field_made_optional", "breaking:users"),
    # published only: the publisher must now fill it
    ("types/uk_random_delay", "types.CountDown.properties.current_limit_during_delay_A",
     "field_added", "breaking:providers"),
    # str -> datetime changes the Python type on both ends
    ("types/uk_random_delay", "types.CountDown.properties.start_time", "type_changed",
     "breaking:providers+users"),
}  # fmt: skip
COMPATIBLE = {
    ("interfaces/isolation_monitor", "vars.self_test_result", "variable_added"),
    ("types/isolation_monitor", "types.IsolationMeasurement.properties.voltage_to_earth_l2e_V",
     "field_added"),
    ("types/uk_random_delay", "types.CountDown.properties.countdown_s.minimum",
     "constraint_relaxed"),
    ("interfaces/uk_random_delay", "cmds.set_duration_s.description", "description_changed"),
}  # fmt: skip
CHANGED_FILES = {
    "interfaces/isolation_monitor",
    "interfaces/uk_random_delay",
    "types/isolation_monitor",
    "types/uk_random_delay",
}


@pytest.fixture(scope="module")
def corpus_changes() -> list[tuple[str, str, str, str]]:
    if not EVEREST_CORE.is_dir():
        pytest.fail(
            f"reference corpus not found at {EVEREST_CORE}: the tests need ../shared beside the clone"
        )
    changes = compare(load([EVEREST_CORE, SNAPSHOT]), load([EVEREST_CORE]))
    return [(c.file, c.path, c.kind, c.classification) for c in changes]


def test_breaking_changes_are_exactly_the_known_ones(
    corpus_changes: list[tuple[str, str, str, str]],
) -> None:
    assert {c for c in corpus_changes if c[3] != "compatible"} == BREAKING


def test_known_compatible_changes_are_reported(
    corpus_changes: list[tuple[str, str, str, str]],
) -> None:
    compatible = {c[:3] for c in corpus_changes if c[3] == "compatible"}
    assert compatible >= COMPATIBLE
    assert {c[2] for c in corpus_changes if c[3] == "compatible"} == {
        "variable_added", "field_added", "constraint_relaxed", "description_changed",
    }  # fmt: skip


def test_only_the_snapshot_files_differ(corpus_changes: list[tuple[str, str, str, str]]) -> None:
    assert {c[0] for c in corpus_changes} == CHANGED_FILES
    assert corpus_changes == sorted(corpus_changes, key=lambda c: (c[0].startswith("types"), c))


def test_the_corpus_against_itself_has_no_changes() -> None:
    if not EVEREST_CORE.is_dir():
        pytest.fail(
            f"reference corpus not found at {EVEREST_CORE}: the tests need ../shared beside the clone"
        )
    assert compare(load([EVEREST_CORE]), load([EVEREST_CORE])) == []
