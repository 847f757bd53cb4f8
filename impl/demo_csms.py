"""A minimal central system's side of one connection (the `ocpp` package's v16 ChargePoint):
accepts every BootNotification and answers Heartbeat, StatusNotification and
SecurityEventNotification. Used by `python -m everest_py.ocpp16 demo` and by the tests' CSMS."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar, cast

from ocpp.routing import on
from ocpp.v16 import ChargePoint as LibraryChargePoint
from ocpp.v16 import call_result
from ocpp.v16.enums import Action, RegistrationStatus

_Handler = TypeVar("_Handler", bound=Callable[..., Any])


def handles(action: Action) -> Callable[[_Handler], _Handler]:
    """`ocpp.routing.on` with its type kept (the package has no type hints)."""
    return cast(Callable[[_Handler], _Handler], on(action))


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class DemoCsms(LibraryChargePoint):  # type: ignore[misc]  # ocpp ships no type hints
    heartbeat_interval: ClassVar[int] = 300

    def boot_answer(self) -> tuple[str, int]:
        """(status, interval) of the next BootNotification.conf."""
        return RegistrationStatus.accepted, self.heartbeat_interval

    @handles(Action.boot_notification)
    def on_boot(self, **_: Any) -> Any:
        status, interval = self.boot_answer()
        return call_result.BootNotification(
            current_time=utc_now(), interval=interval, status=status
        )

    @handles(Action.heartbeat)
    def on_heartbeat(self, **_: Any) -> Any:
        return call_result.Heartbeat(current_time=utc_now())

    @handles(Action.status_notification)
    def on_status(self, **_: Any) -> Any:
        return call_result.StatusNotification()

    @handles(Action.security_event_notification)
    def on_security_event(self, **_: Any) -> Any:
        return call_result.SecurityEventNotification()
