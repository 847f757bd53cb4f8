"""Delivering variable values to subscriber callbacks, in order, without blocking the publisher."""

import asyncio
import inspect
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from .contract import VariableSpec

__all__ = ["Subscriber", "SubscriberSet"]

_log = logging.getLogger(__name__)

MAX_PENDING_VALUES = 10_000
"""Values an async callback may be behind; a peer publishing faster than it finishes would
otherwise grow memory for as long as it goes on. Beyond it the oldest value is dropped."""

Callback = Callable[[Any], Awaitable[None] | None]


class Subscriber:
    """One callback of one variable; ``cancel`` stops delivery.

    A plain callback runs at delivery. An async callback's coroutines are
    awaited one after the other by a worker task, so a subscriber sees values
    in publication order and a slow one holds up nobody else.
    """

    def __init__(
        self, variable: VariableSpec, callback: Callback, owner: "SubscriberSet", tag: object
    ) -> None:
        self.variable = variable
        self.callback = callback
        self.tag = tag
        self._owner = owner
        self._active = asyncio.Event()
        self._pending: deque[Awaitable[None]] = deque()
        self._wakeup: asyncio.Event | None = None
        self._worker: asyncio.Task[None] | None = None
        self._dropped = 0  # values dropped since the callback last caught up
        self.cancelled = False

    def mark_active(self) -> None:
        self._active.set()

    async def wait_active(self) -> None:
        """Wait until values published from now on reach this subscriber (broker confirmed)."""
        await self._active.wait()

    def deliver(self, value: Any) -> None:
        if self.cancelled:
            return
        try:
            outcome = self.callback(value)
        except Exception:
            _log.exception("subscriber of variable '%s' raised", self.variable.name)
            return
        if outcome is not None and inspect.isawaitable(outcome):
            if len(self._pending) >= MAX_PENDING_VALUES:
                self._drop_oldest()
            self._pending.append(outcome)
            if self._worker is None:
                self._wakeup = asyncio.Event()
                self._worker = asyncio.get_running_loop().create_task(self._drain())
            assert self._wakeup is not None
            self._wakeup.set()

    async def _drain(self) -> None:
        assert self._wakeup is not None
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._pending:
                try:
                    await self._pending.popleft()
                except Exception:
                    _log.exception("subscriber of variable '%s' raised", self.variable.name)
            if self._dropped:
                _log.warning(
                    "subscriber of variable '%s' caught up; %d value(s) were dropped",
                    self.variable.name,
                    self._dropped,
                )
                self._dropped = 0

    def _drop_oldest(self) -> None:
        if not self._dropped:
            _log.warning(
                "subscriber of variable '%s' is %d values behind: the oldest are dropped until "
                "it catches up",
                self.variable.name,
                len(self._pending),
            )
        self._dropped += 1
        _close(self._pending.popleft())

    def cancel(self) -> None:
        """Stop delivering; values not yet handled by an async callback are dropped."""
        if self.cancelled:
            return
        self.cancelled = True
        self._owner.remove(self)
        if self._worker is not None:
            self._worker.cancel()
        while self._pending:
            _close(self._pending.popleft())

    async def wait_closed(self) -> None:
        """Wait until the worker of a cancelled subscriber has ended."""
        if self._worker is not None:
            await asyncio.gather(self._worker, return_exceptions=True)


def _close(pending: Awaitable[None]) -> None:
    if inspect.iscoroutine(pending):
        pending.close()  # never awaited, on purpose: no warning


class SubscriberSet:
    """All subscribers of the variables a transport delivers, grouped by a routing key."""

    def __init__(self, on_empty: Callable[[str], None] | None = None) -> None:
        self._by_key: dict[str, list[Subscriber]] = {}
        self._key_of: dict[int, str] = {}
        self._on_empty = on_empty

    def add(
        self, key: str, variable: VariableSpec, callback: Callback, tag: object = None
    ) -> Subscriber:
        subscriber = Subscriber(variable, callback, self, tag)
        self._by_key.setdefault(key, []).append(subscriber)
        self._key_of[id(subscriber)] = key
        return subscriber

    def remove(self, subscriber: Subscriber) -> None:
        key = self._key_of.pop(id(subscriber), None)
        if key is None:
            return
        subscribers = self._by_key[key]
        subscribers.remove(subscriber)
        if not subscribers:
            del self._by_key[key]
            if self._on_empty is not None:
                self._on_empty(key)

    def get(self, key: str) -> list[Subscriber]:
        return self._by_key.get(key, [])

    def keys(self) -> list[str]:
        return list(self._by_key)

    def all(self) -> list[Subscriber]:
        return [subscriber for group in self._by_key.values() for subscriber in group]

    async def cancel_all(self, tag: object = None) -> None:
        """Cancel every subscriber (only those added with ``tag`` when it is given)."""
        subscribers = [s for s in self.all() if tag is None or s.tag is tag]
        for subscriber in subscribers:
            subscriber.cancel()
        for subscriber in subscribers:
            await subscriber.wait_closed()
