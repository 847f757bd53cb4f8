"""An async subscriber that falls behind keeps at most MAX_PENDING_VALUES values: a peer
publishing faster than the callback finishes must not grow memory without bound."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from everest_py.runtime import subscriptions
from everest_py.runtime.subscriptions import SubscriberSet

WAIT = 5.0


async def test_a_subscriber_behind_drops_its_oldest_values_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(subscriptions, "MAX_PENDING_VALUES", 5)
    release = asyncio.Event()
    handled: list[int] = []
    done = asyncio.Event()

    async def slow(value: int) -> None:
        await release.wait()
        handled.append(value)
        if value == 19:
            done.set()

    variable: Any = SimpleNamespace(name="count")
    subscriber = SubscriberSet().add("key", variable, slow)
    subscriber.deliver(0)
    await asyncio.sleep(0)  # the worker takes the first value and waits in it
    for value in range(1, 20):
        subscriber.deliver(value)
    assert len(subscriber._pending) == 5
    release.set()
    await asyncio.wait_for(done.wait(), WAIT)
    # The one in progress, then the newest five; the ones between were dropped, in order.
    assert handled == [0, 15, 16, 17, 18, 19]
    messages = [record.getMessage() for record in caplog.records]
    assert any("values behind" in message for message in messages), messages
    assert any("14 value(s) were dropped" in message for message in messages), messages
    subscriber.cancel()
    await subscriber.wait_closed()
