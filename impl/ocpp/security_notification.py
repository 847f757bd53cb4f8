"""Critical security events on the wire: SecurityEventNotification.req, and what its answer
means to the delivery queue of `security` (which knows no OCPP)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ocpp.v16 import call

from ..security import DeliveryResult, QueuedSecurityEvent, Send
from .frames import ErrorCode
from .rpc import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint

LOGGER = logging.getLogger(__name__)
# The CSMS lacks the action: delivery pauses instead of retrying each event.
_NOT_IMPLEMENTED = (ErrorCode.NOT_IMPLEMENTED.value, ErrorCode.NOT_SUPPORTED.value)


def security_event_sender(endpoint: Callable[[], RpcEndpoint | None]) -> Send:
    """Send each queued event over the endpoint of the moment (None: not connected)."""

    async def send(event: QueuedSecurityEvent) -> DeliveryResult:
        current = endpoint()
        if current is None:
            return DeliveryResult.CONNECTION_LOST
        request = call.SecurityEventNotification(
            type=event.type,
            timestamp=event.timestamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            tech_info=event.tech_info,  # None is left out of the payload
        )
        try:
            # The event's own message id: a retry is recognisable as the same message.
            await current.request(request, unique_id=event.message_id)
        except CallErrorReceived as error:
            LOGGER.warning("SecurityEventNotification answered %s", error)
            if error.code in _NOT_IMPLEMENTED:
                return DeliveryResult.NOT_IMPLEMENTED
            return DeliveryResult.CALL_ERROR
        except InvalidResponse as error:
            LOGGER.warning("SecurityEventNotification: %s", error)
            return DeliveryResult.CALL_ERROR
        except TimeoutError as error:
            # Not an answer: delivery sends the event again and never drops it for this.
            LOGGER.warning("SecurityEventNotification: %s", error)
            return DeliveryResult.NO_ANSWER
        except ConnectionLost:
            return DeliveryResult.CONNECTION_LOST
        return DeliveryResult.DELIVERED

    return send
