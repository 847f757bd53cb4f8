"""Periodic timers (heartbeats, pings) fire on a grid of loop time, so the timers of many charge
points in one process share a wake-up of the loop; a timer already due is not delayed."""

from __future__ import annotations

import asyncio

from everest_py.ocpp16.ocpp.session import TIMER_GRID, on_timer_grid


class FrozenLoop:
    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


def deadline(at: float, now: float) -> float:
    loop = FrozenLoop(now)
    return on_timer_grid(at, loop)  # type: ignore[arg-type]


def test_a_future_deadline_moves_up_to_the_next_grid_point() -> None:
    assert deadline(10.01, now=5.0) == 10.0 + TIMER_GRID
    assert deadline(10.0 + TIMER_GRID, now=5.0) == 10.0 + TIMER_GRID  # on the grid: kept
    assert 0 <= deadline(123.456, now=0.0) - 123.456 < TIMER_GRID


def test_deadlines_of_different_charge_points_in_one_slot_coincide() -> None:
    slot = {deadline(100.0 + n * TIMER_GRID / 10, now=0.0) for n in range(1, 10)}
    assert len(slot) == 1


def test_a_due_deadline_is_not_delayed() -> None:
    assert deadline(9.9, now=10.0) == 9.9


async def test_the_real_loop_is_accepted() -> None:
    loop = asyncio.get_running_loop()
    assert on_timer_grid(loop.time() + 1.0, loop) >= loop.time() + 1.0
