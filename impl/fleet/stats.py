"""What a fleet reports: counters fed by each member's frame observer, snapshots of them
(summed across worker processes) and the summary line and final report made from them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

# OCPP-J message type ids: the first element of every frame, `[2,` / `[3,` / `[4,`.
CALL, RESULT, ERROR = "2", "3", "4"


class FrameCounter:
    """One member's traffic, counted from the redacted frames its RPC endpoint observes.
    Only the message type is looked at (the character after '['): cheap per frame.

    `pending` is how many calls (either way) still wait for their answer on this connection;
    a connection that ends answers none of them, so `connection_ended` clears it."""

    __slots__ = ("_ours", "_theirs", "errors", "received", "sent")

    # errors: CALLERRORs either way, plus connections lost while the fleet runs

    def __init__(self) -> None:
        self.sent = 0
        self.received = 0
        self.errors = 0
        self._ours = 0  # our CALLs the CSMS has not answered
        self._theirs = 0  # CSMS CALLs we have not answered

    def __call__(self, direction: str, text: str) -> None:
        kind = _message_type(text)
        if direction == "send":
            self.sent += 1
            if kind == CALL:
                self._ours += 1
            elif self._theirs > 0:
                self._theirs -= 1
        else:
            self.received += 1
            if kind == CALL:
                self._theirs += 1
            elif self._ours > 0:
                self._ours -= 1
        if kind == ERROR:
            self.errors += 1

    @property
    def pending(self) -> int:
        return self._ours + self._theirs

    def connected_changed(self, connected: bool) -> None:
        if not connected:
            self.connection_ended()

    def connection_ended(self) -> None:
        """A connection closed or was lost: an error, and its calls stay unanswered."""
        self.errors += 1
        self._ours = self._theirs = 0


def _message_type(text: str) -> str:
    start = text.find("[")
    return text[start + 1 : start + 2] if start >= 0 else ""


@dataclass(frozen=True)
class Snapshot:
    """A fleet's (or one worker's) state at one moment; `sum` adds workers' snapshots."""

    elapsed: float  # seconds since the fleet started
    count: int
    started: int  # members whose start has come (the ramp)
    failed: int  # members that could not be built or started
    connected: int
    booted: int
    pending: int
    errors: int
    sent: int
    received: int
    # Seconds from the fleet's start until every member had booted once; None: not yet.
    all_booted_after: float | None = None
    # Members whose worker process ended while the fleet ran (counted by the supervisor).
    lost: int = 0

    @property
    def messages(self) -> int:
        return self.sent + self.received

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> Snapshot:
        names = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in document.items() if key in names})

    @classmethod
    def sum(cls, parts: list[Snapshot], elapsed: float) -> Snapshot:
        booted_after = [part.all_booted_after for part in parts]
        everyone = None if not parts or None in booted_after else max(booted_after)  # type: ignore[type-var]
        return cls(
            elapsed=elapsed,
            count=sum(part.count for part in parts),
            started=sum(part.started for part in parts),
            failed=sum(part.failed for part in parts),
            connected=sum(part.connected for part in parts),
            booted=sum(part.booted for part in parts),
            pending=sum(part.pending for part in parts),
            errors=sum(part.errors for part in parts),
            sent=sum(part.sent for part in parts),
            received=sum(part.received for part in parts),
            all_booted_after=everyone,
            lost=sum(part.lost for part in parts),
        )


def summary_line(now: Snapshot, before: Snapshot | None) -> str:
    """`fleet 5.0s: connected 998/1000 booted 990/1000 pending 3 errors 0 msg/s 812.4`;
    msg/s over the time since `before` (since the start without one)."""
    since = before.elapsed if before is not None else 0.0
    messages = now.messages - (before.messages if before is not None else 0)
    seconds = now.elapsed - since
    rate = messages / seconds if seconds > 0 else 0.0
    failed = f" failed {now.failed}" if now.failed else ""
    lost = f" lost {now.lost}" if now.lost else ""
    return (
        f"fleet {now.elapsed:.1f}s: connected {now.connected}/{now.count} "
        f"booted {now.booted}/{now.count} pending {now.pending} errors {now.errors}"
        f"{failed}{lost} msg/s {rate:.1f}"
    )


def final_report(last: Snapshot) -> str:
    """The lines printed when the fleet stops."""
    booted = (
        f"all {last.count} booted {last.all_booted_after:.2f}s after the start"
        if last.all_booted_after is not None
        else f"not all booted ({last.booted}/{last.count} at the end)"
    )
    rate = last.messages / last.elapsed if last.elapsed > 0 else 0.0
    return "\n".join(
        [
            f"fleet stopped after {last.elapsed:.1f}s: {last.count} charge points, {booted}",
            f"fleet messages: {last.sent} sent, {last.received} received "
            f"({rate:.1f}/s on average), errors {last.errors}, failed to start {last.failed}"
            + (f", lost with their worker process {last.lost}" if last.lost else ""),
        ]
    )
