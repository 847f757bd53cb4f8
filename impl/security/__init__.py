"""Security for the OCPP 1.6-J charge point: security events with guaranteed delivery, the
local security log, and security profiles 0–3 (see the README, section Security).

This module is the only door: code outside `security/` imports from here. Nothing in this
package knows OCPP messages; the OCPP layer sends what it is handed (`SecurityEvents(send=...)`).
"""

from .delivery import DeliveryResult, Send
from .events import SECURITY_EVENTS, SecurityEventType, is_critical, wire_event_type
from .failures import ConnectionFailure, classify_connection_failure
from .log import SecurityLog, SecurityLogError
from .profile_control import ConnectionTarget, SecurityProfileControl
from .profiles import ConnectionSecurity, SecurityProfileError, TlsFiles
from .recorder import RecordedSecurityEvent
from .service import SecurityEvents
from .store import QueuedSecurityEvent, SecurityStoreError

__all__ = [
    "SECURITY_EVENTS",
    "ConnectionFailure",
    "ConnectionSecurity",
    "ConnectionTarget",
    "DeliveryResult",
    "QueuedSecurityEvent",
    "RecordedSecurityEvent",
    "SecurityEventType",
    "SecurityEvents",
    "SecurityLog",
    "SecurityLogError",
    "SecurityProfileControl",
    "SecurityProfileError",
    "SecurityStoreError",
    "Send",
    "TlsFiles",
    "classify_connection_failure",
    "is_critical",
    "wire_event_type",
]
