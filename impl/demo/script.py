"""How the loopback CSMS reacts to each CALL from a charge point: per-action answers (a payload or
a function of the request), CALLERRORs, delays, silence, a dropped connection; sensible defaults
for everything not scripted."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Payload = dict[str, Any]


@dataclass(frozen=True)
class Request:
    cp_id: str
    action: str
    payload: Payload


@dataclass(frozen=True)
class Answer:
    """A CALLRESULT: this payload, or what the function makes of the request."""

    payload: Payload | Callable[[Request], Payload]
    delay: float = 0.0

    def result(self, request: Request) -> Payload:
        return self.payload(request) if callable(self.payload) else self.payload


@dataclass(frozen=True)
class Fail:
    """A CALLERROR."""

    code: str = "InternalError"
    description: str = "scripted"
    details: Payload = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class NoAnswer:
    """Nothing at all: the charge point's call times out."""


@dataclass(frozen=True)
class Drop:
    """Close the connection instead of answering; `abort`: a TCP abort, no close frame."""

    abort: bool = False


Reaction = Answer | Fail | NoAnswer | Drop


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


EMPTY_ANSWERS = (
    "StatusNotification",
    "SecurityEventNotification",
    "MeterValues",
    "DiagnosticsStatusNotification",
    "FirmwareStatusNotification",
    "LogStatusNotification",
    "SignedFirmwareStatusNotification",
)


class Script:
    """Reactions by action. Lookup order: the next one-shot reaction queued for the action, the
    standing one, then `default` (which `default_reaction` implements)."""

    def __init__(self, heartbeat_interval: int = 300) -> None:
        self.heartbeat_interval = heartbeat_interval
        self.drop_after: int | None = None  # frames per connection, then it is closed
        self.default: Callable[[Request], Reaction] = self.default_reaction
        self._standing: dict[str, Reaction] = {}
        self._once: dict[str, deque[Reaction]] = {}
        self._transaction_ids = itertools.count(1)
        self.last_transaction_id: int | None = None  # the newest transactionId handed out

    def on(self, action: str, reaction: Reaction, *, once: bool = False) -> None:
        if once:
            self._once.setdefault(action, deque()).append(reaction)
        else:
            self._standing[action] = reaction

    def answer(
        self,
        action: str,
        payload: Payload | Callable[[Request], Payload],
        *,
        delay: float = 0.0,
        once: bool = False,
    ) -> None:
        self.on(action, Answer(payload, delay), once=once)

    def fail(
        self,
        action: str,
        code: str,
        description: str = "scripted",
        *,
        delay: float = 0.0,
        once: bool = False,
    ) -> None:
        self.on(action, Fail(code, description, delay=delay), once=once)

    def ignore(self, action: str, *, once: bool = False) -> None:
        self.on(action, NoAnswer(), once=once)

    def drop_on(self, action: str, *, abort: bool = False, once: bool = False) -> None:
        self.on(action, Drop(abort), once=once)

    def forget(self, action: str) -> None:
        """Back to the default reaction for `action`."""
        self._standing.pop(action, None)
        self._once.pop(action, None)

    def reaction(self, request: Request) -> Reaction:
        queued = self._once.get(request.action)
        if queued:
            return queued.popleft()
        standing = self._standing.get(request.action)
        return standing if standing is not None else self.default(request)

    def default_reaction(self, request: Request) -> Reaction:
        payload = self.default_answer(request)
        if payload is None:
            return Fail("NotImplemented", f"the loopback CSMS has no answer to {request.action}")
        return Answer(payload)

    def default_answer(self, request: Request) -> Payload | None:
        action = request.action
        if action == "BootNotification":
            return {
                "status": "Accepted",
                "currentTime": utc_now(),
                "interval": self.heartbeat_interval,
            }
        if action == "Heartbeat":
            return {"currentTime": utc_now()}
        if action in EMPTY_ANSWERS:
            return {}
        if action in ("Authorize", "StopTransaction"):
            return {"idTagInfo": {"status": "Accepted"}}
        if action == "StartTransaction":
            return {"idTagInfo": {"status": "Accepted"}, "transactionId": self.next_transaction()}
        if action == "DataTransfer":
            return {"status": "UnknownVendorId"}
        if action == "SignCertificate":
            return {"status": "Accepted"}
        return None

    def next_transaction(self) -> int:
        self.last_transaction_id = next(self._transaction_ids)
        return self.last_transaction_id
