"""EVerest errors on the in-process bus: the shapes of runtime.hosting, without a broker."""

from __future__ import annotations

import pytest

from everest_py.runtime import InProcessBus
from everest_py.runtime.everest.config import Mapping3Tier
from everest_py.runtime.everest.errors import ErrorSeverity, ErrorState, EverestError

ALLOWED = ("example/ExampleErrorA", "example/ExampleErrorB")


async def test_raise_and_clear_reach_subscribers_of_that_implementation_and_type() -> None:
    bus = InProcessBus()
    raiser, watcher = bus.transport(), bus.transport()
    errors = raiser.errors("mod", "impl", ALLOWED, mapping=Mapping3Tier(2))
    only_a: list[EverestError] = []
    everything: list[EverestError] = []
    other_impl: list[EverestError] = []
    await watcher.subscribe_errors("mod", "impl", ["example/ExampleErrorA"], only_a.append)
    await watcher.subscribe_all_errors(everything.append)
    await watcher.subscribe_errors("mod", "other", ALLOWED, other_impl.append)

    raised = await errors.raise_error(
        "example/ExampleErrorA", "hot", severity=ErrorSeverity.HIGH, sub_type="x"
    )
    await errors.raise_error("example/ExampleErrorB")
    assert raised.origin.mapping == Mapping3Tier(2) and raised.is_active
    assert [e.type for e in everything] == list(ALLOWED)
    assert only_a == [raised] and other_impl == []
    assert {e.type for e in bus.active_errors} == set(ALLOWED)

    cleared = await errors.clear_error("example/ExampleErrorA", "x")
    assert cleared is not None and cleared.uuid == raised.uuid
    assert cleared.state is ErrorState.CLEARED_BY_MODULE
    assert only_a[-1] is cleared
    assert await errors.clear_error("example/ExampleErrorA", "x") is None  # not active any more
    assert [e.type for e in await errors.clear_all_errors()] == ["example/ExampleErrorB"]
    assert bus.active_errors == [] and errors.active_errors == []


async def test_an_undeclared_type_is_refused() -> None:
    bus = InProcessBus()
    errors = bus.transport().errors("mod", "impl", ALLOWED)
    with pytest.raises(ValueError, match="cannot raise 'example/Nope'"):
        await errors.raise_error("example/Nope")


async def test_closing_a_transport_drops_its_subscriptions_and_a_failing_callback_is_contained() -> (
    None
):
    bus = InProcessBus()
    raiser, watcher, other = bus.transport(), bus.transport(), bus.transport()
    await watcher.open("watcher", {})
    errors = raiser.errors("mod", "impl", ALLOWED)
    seen: list[EverestError] = []
    cancelled: list[EverestError] = []

    def broken(error: EverestError) -> None:
        raise RuntimeError("subscriber bug")

    await other.subscribe_all_errors(broken)
    await watcher.subscribe_all_errors(seen.append)
    subscription = await other.subscribe_all_errors(cancelled.append)
    subscription.cancel()
    await errors.raise_error("example/ExampleErrorA")
    assert len(seen) == 1 and cancelled == []
    await watcher.close()
    await errors.raise_error("example/ExampleErrorB")
    assert len(seen) == 1
    # One object per implementation: a restarted module clears what it raised before.
    assert raiser.errors("mod", "impl", ALLOWED) is errors


async def test_an_active_error_is_not_raised_again() -> None:
    """EVerest's framework refuses a raise of a type (and sub type) still active; a second
    raise under a new uuid would leave C++ requirers unable to clear it."""
    bus = InProcessBus()
    raiser, watcher = bus.transport(), bus.transport()
    errors = raiser.errors("mod", "impl", ALLOWED)
    seen: list[EverestError] = []
    await watcher.subscribe_all_errors(seen.append)
    first = await errors.raise_error("example/ExampleErrorA", "first")
    again = await errors.raise_error("example/ExampleErrorA", "again")
    assert again == first and [e.uuid for e in seen] == [first.uuid]
    other = await errors.raise_error("example/ExampleErrorA", sub_type="other")  # a sub type
    assert other.uuid != first.uuid and len(seen) == 2
    cleared = await errors.clear_error("example/ExampleErrorA")
    assert cleared is not None and cleared.uuid == first.uuid
    assert (await errors.raise_error("example/ExampleErrorA")).uuid != first.uuid  # cleared
