"""What the loopback CSMS keeps of what it received, bounded, and how a caller waits for it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .ocpp_j import Call, CallError, CallResult, Message

Kind = Literal["call", "result", "error", "invalid"]
Listener = Callable[["Received"], None]


@dataclass(frozen=True)
class Received:
    """One frame from a charge point."""

    seq: int  # 0-based position among everything this CSMS received
    cp_id: str
    connection: int  # 1-based number of the connection it arrived on
    message: Message | None  # None: not a well-formed OCPP-J frame
    action: str | None  # a CALL's action; for an answer, the action of the CALL it answers
    at: float  # the event loop's clock (monotonic)
    text: str | bytes = field(repr=False)

    @property
    def kind(self) -> Kind:
        if isinstance(self.message, Call):
            return "call"
        if isinstance(self.message, CallResult):
            return "result"
        if isinstance(self.message, CallError):
            return "error"
        return "invalid"

    @property
    def payload(self) -> dict[str, Any]:
        """A CALL's or CALLRESULT's payload; {} for anything else."""
        if isinstance(self.message, Call | CallResult):
            return self.message.payload
        return {}


@dataclass(frozen=True)
class Violation:
    """Something a charge point sent that OCPP 1.6-J does not allow."""

    cp_id: str
    seq: int  # of the Received it is about
    problem: str


class Changes:
    """Wakes every waiter whenever something was recorded; waiters re-check their condition."""

    def __init__(self) -> None:
        self._changed = asyncio.Event()

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def until(self, condition: Callable[[], bool], timeout: float) -> None:
        """Returns once `condition()` holds; TimeoutError after `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while not condition():
                await self._changed.wait()


class Recording:
    """The most recent `limit` frames received, in order. Older ones are discarded (counted in
    `discarded`), so a CSMS left running keeps constant memory; listeners see every frame."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a recording keeps at least one frame")
        self.limit = limit
        self.discarded = 0
        self._items: list[Received] = []
        self._listeners: list[Listener] = []

    @property
    def next_seq(self) -> int:
        return self.discarded + len(self._items)

    def add(self, item: Received) -> None:
        self._items.append(item)
        if len(self._items) > self.limit:
            # Trim a tenth at a time: amortised O(1) per frame.
            surplus = len(self._items) - self.limit + self.limit // 10
            del self._items[:surplus]
            self.discarded += surplus
        for listener in list(self._listeners):
            listener(item)

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def since(self, seq: int) -> list[Received]:
        """The kept frames from sequence number `seq` on."""
        return self._items[max(0, seq - self.discarded) :]

    def __iter__(self) -> Iterator[Received]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)


class Violations:
    """The first `limit` violations (the first is usually the cause); later ones are counted in
    `overflow` only."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.overflow = 0
        self._items: list[Violation] = []

    def add(self, violation: Violation) -> None:
        if len(self._items) < self.limit:
            self._items.append(violation)
        else:
            self.overflow += 1

    def __iter__(self) -> Iterator[Violation]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items) + self.overflow

    def __bool__(self) -> bool:
        return len(self) > 0
