"""Firmware Management and diagnostics (UpdateFirmware, GetDiagnostics) and the security
whitepaper's SignedUpdateFirmware and GetLog, through EVerest's `system` interface; see
docs/firmware.md. `FirmwareService` is what the CSMS actions and the core use."""

from typing import TYPE_CHECKING

from ..lazy_names import names_on_first_use
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


# mapping.py loads EVerest's system types: only with a system module or a firmware request.
__getattr__, __dir__ = names_on_first_use(__name__, globals(), {"PLAIN_REQUEST_ID": ".mapping"})
