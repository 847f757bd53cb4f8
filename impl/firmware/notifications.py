"""The notifications of what the `system` module publishes: FirmwareStatusNotification,
SignedFirmwareStatusNotification, DiagnosticsStatusNotification and LogStatusNotification
(mapping.py names which), queued in the outbox; the last status of each, for TriggerMessage and
ExtendedTriggerMessage (Idle again once an update or upload has ended, as libocpp does)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ocpp.v16 import call
from ocpp.v16.enums import DiagnosticsStatus, FirmwareStatus, UploadLogStatus

from ..ocpp import CallErrorReceived, InvalidResponse, RpcEndpoint
from ..security import SecurityEventType
from .outbox import NotificationOutbox

# The system types (and mapping.py, keyed by them) load with the first request to or status from
# the system module: a charge point that hears neither does not load them (start-up time).
if TYPE_CHECKING:
    from everest_py.generated.types import system as _system

LOGGER = logging.getLogger(__name__)

RecordEvent = Callable[..., object]  # SecurityEvents.record(type, tech_info, critical=None)


class Statuses:
    """What TriggerMessage / ExtendedTriggerMessage report. A request id of -1: none yet.
    (A plain class: defined at every start, where a dataclass costs a millisecond.)"""

    def __init__(self) -> None:
        self.firmware = FirmwareStatus.idle
        self.diagnostics = DiagnosticsStatus.idle
        self.signed_firmware = FirmwareStatus.idle
        self.signed_firmware_request_id = -1
        self.log = UploadLogStatus.idle
        self.log_request_id = -1


class StatusNotifications:
    def __init__(
        self, endpoint: Callable[[], RpcEndpoint | None], record_event: RecordEvent
    ) -> None:
        self.outbox = NotificationOutbox(endpoint)
        self.statuses = Statuses()
        self._record_event = record_event

    def online(self, registered: bool, first: bool) -> None:
        """A boot ends a signed update that was rebooting to install: nothing is happening."""
        if first and self.statuses.signed_firmware is FirmwareStatus.install_rebooting:
            self.statuses.signed_firmware = FirmwareStatus.idle
        self.outbox.online(registered)

    # -- what the system publishes ----------------------------------------------------------

    def firmware_status_changed(self, update: _system.FirmwareUpdateStatus) -> None:
        from everest_py.generated.types import system as _system

        from . import mapping

        state, request_id = update.firmware_update_status, update.request_id
        ended = state in mapping.FIRMWARE_ENDS
        if request_id == mapping.PLAIN_REQUEST_ID:
            status = mapping.PLAIN_FIRMWARE.get(state)
            if status is None:
                LOGGER.debug("firmware status %s has no FirmwareStatusNotification", state.value)
            else:
                self.outbox.put(call.FirmwareStatusNotification(status=status))
                self.statuses.firmware = FirmwareStatus.idle if ended else status
        else:
            # The system runs one update at a time: a signed one replaced any unsigned one (the
            # system may not say how that ended), so an unsigned one is no longer running.
            self.statuses.firmware = FirmwareStatus.idle
            signed = mapping.SIGNED_FIRMWARE[state]
            self.outbox.put(
                call.SignedFirmwareStatusNotification(status=signed, request_id=request_id)
            )
            self.statuses.signed_firmware = FirmwareStatus.idle if ended else signed
            self.statuses.signed_firmware_request_id = request_id
            if state is _system.FirmwareUpdateStatusEnum.InvalidSignature:
                # Critical whatever its default, as libocpp makes it (OCTT TC_081).
                self.record(
                    SecurityEventType.INVALID_FIRMWARE_SIGNATURE,
                    f"the firmware of request {request_id} has an invalid signature",
                    critical=True,
                )
        if state is _system.FirmwareUpdateStatusEnum.Installed:
            self.record(SecurityEventType.FIRMWARE_UPDATED, f"firmware installed ({request_id})")

    def log_status_changed(self, update: _system.LogStatus) -> None:
        from everest_py.generated.types import system as _system

        from . import mapping

        state, request_id = update.log_status, update.request_id
        uploading = state is _system.LogStatusEnum.Uploading
        if request_id == mapping.PLAIN_REQUEST_ID:
            diagnostics = mapping.DIAGNOSTICS.get(state)
            if diagnostics is None:
                LOGGER.debug("log status %s has no DiagnosticsStatusNotification", state.value)
                return
            self.outbox.put(call.DiagnosticsStatusNotification(status=diagnostics))
            self.statuses.diagnostics = diagnostics if uploading else DiagnosticsStatus.idle
            return
        # One upload at a time: a GetLog's replaced any GetDiagnostics upload.
        self.statuses.diagnostics = DiagnosticsStatus.idle
        log = mapping.LOG.get(state)
        if log is None:
            LOGGER.debug("log status %s has no LogStatusNotification", state.value)
            return
        self.outbox.put(call.LogStatusNotification(status=log, request_id=request_id))
        self.statuses.log = log if uploading else UploadLogStatus.idle
        self.statuses.log_request_id = request_id

    # -- triggered messages (sent on the endpoint the trigger came on, after its reply) -------

    async def send_firmware_status(self, endpoint: RpcEndpoint) -> None:
        """TriggerMessage(FirmwareStatusNotification)."""
        await _send(endpoint, call.FirmwareStatusNotification(status=self.statuses.firmware))

    async def send_diagnostics_status(self, endpoint: RpcEndpoint) -> None:
        """TriggerMessage(DiagnosticsStatusNotification)."""
        status = self.statuses.diagnostics
        await _send(endpoint, call.DiagnosticsStatusNotification(status=status))

    async def send_signed_firmware_status(self, endpoint: RpcEndpoint) -> None:
        """ExtendedTriggerMessage(FirmwareStatusNotification)."""
        s = self.statuses
        payload = call.SignedFirmwareStatusNotification(
            status=s.signed_firmware, request_id=s.signed_firmware_request_id
        )
        await _send(endpoint, payload)

    async def send_log_status(self, endpoint: RpcEndpoint) -> None:
        """ExtendedTriggerMessage(LogStatusNotification)."""
        s = self.statuses
        await _send(endpoint, call.LogStatusNotification(status=s.log, request_id=s.log_request_id))

    def record(self, event: SecurityEventType, info: str, critical: bool | None = None) -> None:
        try:
            self._record_event(event.value, info, critical=critical)
        except Exception:  # the notification goes out all the same
            LOGGER.exception("security event %s could not be recorded", event.value)


async def _send(endpoint: RpcEndpoint, payload: Any) -> None:
    try:
        await endpoint.request(payload)
    except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
        LOGGER.warning("triggered %s failed: %s", type(payload).__name__, error)
