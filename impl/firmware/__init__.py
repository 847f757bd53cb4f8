"""Firmware Management and diagnostics (UpdateFirmware, GetDiagnostics) and the security
whitepaper's SignedUpdateFirmware and GetLog, through EVerest's `system` interface; see
docs/firmware.md. `FirmwareService` is what the CSMS actions and the core use."""

from .installation import InstallationGate
from .mapping import PLAIN_REQUEST_ID
from .notifications import Statuses, StatusNotifications
from .outbox import NotificationOutbox
from .service import FirmwareService, SystemFailed, SystemUnavailable

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
