"""Clock-aligned meter values are planned on the wall clock and slept for on the monotonic one:
a wall clock slewed or stepped back must neither send early nor give one boundary two readings."""

from __future__ import annotations

from everest_py.ocpp16.charging.station import next_boundary


def test_the_next_boundary_is_the_next_multiple_of_the_interval() -> None:
    assert next_boundary(100.2, 15, sent_for=0) == 105
    assert next_boundary(105.0, 15, sent_for=0) == 120  # exactly on one: the next


def test_a_wake_up_before_the_boundary_waits_for_the_same_boundary() -> None:
    # Woken by the monotonic clock while the wall clock (slewed back) still reads 104.999.
    assert next_boundary(104.999, 15, sent_for=90) == 105


def test_a_boundary_already_sent_for_is_never_planned_again() -> None:
    # Sent for 105, then the wall clock stepped back to 103: the next reading is at 120.
    assert next_boundary(103.0, 15, sent_for=105) == 120
    assert next_boundary(60.0, 15, sent_for=105) == 120
