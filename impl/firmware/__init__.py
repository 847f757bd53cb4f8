"""Firmware Management and diagnostics (UpdateFirmware, GetDiagnostics) and the security
whitepaper's SignedUpdateFirmware and GetLog, through EVerest's `system` interface; see
docs/firmware.md. `FirmwareService` is what the CSMS actions and the core use."""

from typing import TYPE_CHECKING

from .installation import InstallationGate
from .notifications import Statuses, StatusNotifications
from .outbox import NotificationOutbox
from .service import FirmwareService, SystemFailed, SystemUnavailable

if TYPE_CHECKING:
    from .mapping import PLAIN_REQUEST_ID

__all__ = [
    "PLAIN_REQUEST_ID",
    "FirmwareService",
    "InstallationGate",
    "NotificationOutbox",
    "StatusNotifications",
    "Statuses",
    "SystemFailed",
    "SystemUnavailable",
]


def __getattr__(name: str) -> object:
    # mapping.py loads EVerest's system types: only with a system module or a firmware request.
    if name == "PLAIN_REQUEST_ID":
        from .mapping import PLAIN_REQUEST_ID

        return PLAIN_REQUEST_ID
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # The names loaded on first use are listed too (help(), completion).
    return sorted(set(globals()) | set(__all__))
