"""Firmware Management and diagnostics through the required `system` module, as EVerest's OCPP
module and libocpp do them.

The CSMS's UpdateFirmware / SignedUpdateFirmware become `system.update_firmware`, GetDiagnostics
/ GetLog `system.upload_logs`; what the system then publishes on `firmware_update_status` and
`log_status` becomes FirmwareStatusNotification / SignedFirmwareStatusNotification /
DiagnosticsStatusNotification / LogStatusNotification (mapping.py), queued in the outbox. The
last status of each is kept for TriggerMessage / ExtendedTriggerMessage; once an update or
upload has ended it is Idle again.

A SignedUpdateFirmware's signing certificate is checked against the installed manufacturer root
(`evse_security.verify_certificate`, leaf type MF) before the system hears of it; the downloaded
file's signature is the system's to check (it reports InvalidSignature).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from ocpp.v16 import call
from ocpp.v16.enums import (
    DiagnosticsStatus,
    FirmwareStatus,
    LogStatus,
    UpdateFirmwareStatus,
    UploadLogStatus,
)

from everest_py.generated.interfaces.evse_security import EvseSecurityClient
from everest_py.generated.interfaces.system import SystemClient
from everest_py.generated.types import evse_security as _security
from everest_py.generated.types import system as _system
from everest_py.runtime import Subscription
from everest_py.runtime.errors import CommandError

from ..ocpp import CallErrorReceived, InvalidResponse, RpcEndpoint
from ..security import SecurityEventType
from . import mapping
from .outbox import NotificationOutbox

LOGGER = logging.getLogger(__name__)
CALL_TIMEOUT: Final = 10.0  # seconds for the system or evse_security to answer a command
MAX_FILE_NAME: Final = 255  # GetDiagnostics.conf fileName / GetLog.conf filename: CiString255

RecordEvent = Callable[..., object]  # SecurityEvents.record(type, tech_info, critical=None)


class SystemUnavailable(Exception):
    """No `system` module is linked: nothing can download, install or upload."""


class SystemFailed(Exception):
    """The `system` module did not answer a command (error or timeout)."""


@dataclass
class Statuses:
    """What TriggerMessage / ExtendedTriggerMessage report. A request id of -1: none yet."""

    firmware: FirmwareStatus = FirmwareStatus.idle
    diagnostics: DiagnosticsStatus = DiagnosticsStatus.idle
    signed_firmware: FirmwareStatus = FirmwareStatus.idle
    signed_firmware_request_id: int = -1
    log: UploadLogStatus = UploadLogStatus.idle
    log_request_id: int = -1


class FirmwareService:
    def __init__(
        self,
        system: SystemClient | None,
        security: EvseSecurityClient | None,
        endpoint: Callable[[], RpcEndpoint | None],
        record_event: RecordEvent,
    ) -> None:
        """`record_event`: the charge point's security events (`SecurityEvents.record`)."""
        self._system = system
        self._security = security
        self._record_event = record_event
        self.outbox = NotificationOutbox(endpoint)
        self.statuses = Statuses()
        self._subscriptions: list[Subscription] = []

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        self.outbox.start()
        if self._system is not None and not self._subscriptions:
            self._subscriptions = [
                self._system.subscribe_firmware_update_status(self.firmware_status_changed),
                self._system.subscribe_log_status(self.log_status_changed),
            ]

    async def close(self) -> None:
        for subscription in self._subscriptions:
            subscription.cancel()
        self._subscriptions = []
        await self.outbox.close()

    def online(self, registered: bool, first: bool = False) -> None:
        """Registered (`first`: after a BootNotification) or not. A boot ends a signed update
        that was rebooting to install: after it nothing is happening (Idle)."""
        if first and self.statuses.signed_firmware is FirmwareStatus.install_rebooting:
            self.statuses.signed_firmware = FirmwareStatus.idle
        self.outbox.online(registered)

    # -- the CSMS's requests ----------------------------------------------------------------

    async def update_firmware(
        self, location: str, retrieve_date: str, retries: int | None, retry_interval: int | None
    ) -> None:
        """UpdateFirmware: hand it to the system (its answer does not reach the CSMS).
        Raises ValueError (a date-time the system cannot take), SystemUnavailable, SystemFailed."""
        request = mapping.firmware_request(location, retrieve_date, retries, retry_interval)
        answer = await self._call_system(lambda s: s.update_firmware(request, timeout=CALL_TIMEOUT))
        if answer is not _system.UpdateFirmwareResponse.Accepted:
            LOGGER.warning(
                "UpdateFirmware of %s: the system answered %s",
                mapping.shown(location),
                answer.value,
            )

    async def signed_update_firmware(
        self,
        request_id: int,
        firmware: dict[str, Any],
        retries: int | None,
        retry_interval: int | None,
    ) -> UpdateFirmwareStatus:
        """SignedUpdateFirmware: its certificate checked first (InvalidCertificate and the
        InvalidFirmwareSigningCertificate event when it fails), then the system's answer.
        Raises ValueError for an unusable date-time."""
        certificate = str(firmware.get("signing_certificate", ""))
        request = mapping.firmware_request(
            str(firmware.get("location", "")),
            str(firmware.get("retrieve_date_time", "")),
            retries,
            retry_interval,
            request_id=request_id,
            signature=str(firmware.get("signature", "")),
            signing_certificate=certificate,
            install=firmware.get("install_date_time"),
        )
        problem = await self._certificate_problem(certificate)
        if problem is not None:
            return self._invalid_certificate(request_id, problem)
        try:
            answer = await self._call_system(
                lambda s: s.update_firmware(request, timeout=CALL_TIMEOUT)
            )
        except (SystemUnavailable, SystemFailed) as error:
            LOGGER.warning("SignedUpdateFirmware %d rejected: %s", request_id, error)
            return UpdateFirmwareStatus.rejected
        status = mapping.UPDATE_STATUS[answer]
        if status is UpdateFirmwareStatus.invalid_certificate:
            return self._invalid_certificate(request_id, "the system refused the certificate")
        return status

    async def get_diagnostics(
        self,
        location: str,
        retries: int | None,
        retry_interval: int | None,
        start_time: str | None,
        stop_time: str | None,
    ) -> str | None:
        """GetDiagnostics: the name of the file the system uploads (None: nothing to upload).
        Raises ValueError, SystemUnavailable, SystemFailed."""
        request = mapping.logs_request(location, retries, retry_interval, start_time, stop_time)
        answer = await self._call_system(lambda s: s.upload_logs(request, timeout=CALL_TIMEOUT))
        if answer.upload_logs_status is _system.UploadLogsStatus.Rejected:
            LOGGER.warning(
                "GetDiagnostics to %s: the system refused the upload", mapping.shown(location)
            )
            return None
        return _file_name(answer.file_name)

    async def get_log(
        self,
        log_type: str,
        request_id: int,
        log: dict[str, Any],
        retries: int | None,
        retry_interval: int | None,
    ) -> tuple[LogStatus, str | None]:
        """GetLog: the system's answer and file name. Raises ValueError."""
        request = mapping.logs_request(
            str(log.get("remote_location", "")),
            retries,
            retry_interval,
            log.get("oldest_timestamp"),
            log.get("latest_timestamp"),
            log_type=log_type,
            request_id=request_id,
        )
        try:
            answer = await self._call_system(lambda s: s.upload_logs(request, timeout=CALL_TIMEOUT))
        except (SystemUnavailable, SystemFailed) as error:
            LOGGER.warning("GetLog %d rejected: %s", request_id, error)
            return LogStatus.rejected, None
        return mapping.LOGS_STATUS[answer.upload_logs_status], _file_name(answer.file_name)

    # -- what the system publishes ----------------------------------------------------------

    def firmware_status_changed(self, update: _system.FirmwareUpdateStatus) -> None:
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
            signed = mapping.SIGNED_FIRMWARE[state]
            self.outbox.put(
                call.SignedFirmwareStatusNotification(status=signed, request_id=request_id)
            )
            self.statuses.signed_firmware = FirmwareStatus.idle if ended else signed
            self.statuses.signed_firmware_request_id = request_id
            if state is _system.FirmwareUpdateStatusEnum.InvalidSignature:
                # Critical whatever its default, as libocpp makes it (OCTT TC_081).
                self._record(
                    SecurityEventType.INVALID_FIRMWARE_SIGNATURE,
                    f"the firmware of request {request_id} has an invalid signature",
                    critical=True,
                )
        if state is _system.FirmwareUpdateStatusEnum.Installed:
            self._record(SecurityEventType.FIRMWARE_UPDATED, f"firmware installed ({request_id})")

    def log_status_changed(self, update: _system.LogStatus) -> None:
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

    # -- internals --------------------------------------------------------------------------

    async def _call_system(self, command: Callable[[SystemClient], Any]) -> Any:
        if self._system is None:
            raise SystemUnavailable("no system module is linked")
        try:
            return await command(self._system)
        except (CommandError, TimeoutError) as error:
            raise SystemFailed(f"the system module failed: {error}") from error

    async def _certificate_problem(self, certificate: str) -> str | None:
        """Why the signing certificate is not accepted, or None when evse_security says Valid."""
        if self._security is None:
            LOGGER.warning(
                "SignedUpdateFirmware: no evse_security module is linked (requirement "
                "`security`) to verify the signing certificate: InvalidCertificate"
            )
            return "no evse_security module to verify the certificate"
        try:
            result = await self._security.verify_certificate(
                certificate, [_security.LeafCertificateType.MF], timeout=CALL_TIMEOUT
            )
        except (CommandError, TimeoutError) as error:
            LOGGER.warning("SignedUpdateFirmware: verify_certificate failed: %s", error)
            return f"the certificate could not be verified: {error}"
        if result is _security.CertificateValidationResult.Valid:
            return None
        return f"the signing certificate is not valid: {result.value}"

    def _invalid_certificate(self, request_id: int, problem: str) -> UpdateFirmwareStatus:
        LOGGER.warning("SignedUpdateFirmware %d: %s", request_id, problem)
        self._record(SecurityEventType.INVALID_FIRMWARE_SIGNING_CERTIFICATE, problem)
        return UpdateFirmwareStatus.invalid_certificate

    def _record(self, event: SecurityEventType, info: str, critical: bool | None = None) -> None:
        try:
            self._record_event(event.value, info, critical=critical)
        except Exception:  # the notification goes out all the same
            LOGGER.exception("security event %s could not be recorded", event.value)


def _file_name(name: str | None) -> str | None:
    # A longer name than the answer may carry is cut, as EVerest's OCPP module does.
    return None if name is None else name[:MAX_FILE_NAME]


async def _send(endpoint: RpcEndpoint, payload: Any) -> None:
    try:
        await endpoint.request(payload)
    except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
        LOGGER.warning("triggered %s failed: %s", type(payload).__name__, error)
