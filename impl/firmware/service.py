"""Firmware Management and diagnostics through the required `system` module, as EVerest's OCPP
module and libocpp do them.

The CSMS's UpdateFirmware / SignedUpdateFirmware become `system.update_firmware`, GetDiagnostics
/ GetLog `system.upload_logs`; what the system then publishes on `firmware_update_status` and
`log_status` becomes FirmwareStatusNotification / SignedFirmwareStatusNotification /
DiagnosticsStatusNotification / LogStatusNotification (notifications.py), queued in the outbox. The
last status of each is kept for TriggerMessage / ExtendedTriggerMessage; once an update or
upload has ended it is Idle again.

A SignedUpdateFirmware's signing certificate is checked against the installed manufacturer root
(`evse_security.verify_certificate`, leaf type MF) before the system hears of it; the downloaded
file's signature is the system's to check (it reports InvalidSignature).

Between a firmware ready to install and the end of its update the connectors are held
Unavailable, and the system allowed to install once no transaction runs (installation.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from ocpp.v16.enums import (
    LogStatus,
    UpdateFirmwareStatus,
)

from everest_py.runtime.errors import CommandError

from ..ocpp import RpcEndpoint
from ..security import SecurityEventType
from .installation import InstallationGate
from .notifications import RecordEvent, Statuses, StatusNotifications
from .outbox import NotificationOutbox

# The system types (and mapping.py, keyed by them) load with the first request to or status from
# the system module: a charge point that hears neither does not load them (start-up time).
if TYPE_CHECKING:  # the clients come from the links: only their type is needed
    from everest_py.generated.interfaces.evse_security import EvseSecurityClient
    from everest_py.generated.interfaces.system import SystemClient
    from everest_py.generated.types import system as _system
    from everest_py.runtime import Subscription

    from ..charging import ChargingStation

LOGGER = logging.getLogger(__name__)
CALL_TIMEOUT: Final = 10.0  # seconds for the system or evse_security to answer a command
MAX_FILE_NAME: Final = 255  # GetDiagnostics.conf fileName / GetLog.conf filename: CiString255


class SystemUnavailable(Exception):
    """No `system` module is linked: nothing can download, install or upload."""


class SystemFailed(Exception):
    """The `system` module did not answer a command (error or timeout)."""


class FirmwareService:
    def __init__(
        self,
        system: SystemClient | None,
        security: EvseSecurityClient | None,
        endpoint: Callable[[], RpcEndpoint | None],
        record_event: RecordEvent,
        charging: ChargingStation | None = None,
    ) -> None:
        """`record_event`: the charge point's security events (`SecurityEvents.record`).
        `charging`: whose connectors are held Unavailable while a firmware waits to install
        (installation.py); without it the installation is allowed at once."""
        self._system = system
        self._security = security
        self.notifications = StatusNotifications(endpoint, record_event)
        self.installation = InstallationGate(system, charging)
        self._subscriptions: list[Subscription] = []

    # -- life cycle -------------------------------------------------------------------------

    @property
    def outbox(self) -> NotificationOutbox:
        return self.notifications.outbox

    @property
    def statuses(self) -> Statuses:
        return self.notifications.statuses

    def start(self) -> None:
        self.outbox.start()
        if self._system is not None and not self._subscriptions:
            self._subscriptions = [
                self._system.subscribe_firmware_update_status(self.firmware_status_changed),
                self._system.subscribe_log_status(self.log_status_changed),
            ]

    def firmware_status_changed(self, update: _system.FirmwareUpdateStatus) -> None:
        """What the system published on `firmware_update_status`."""
        self.notifications.firmware_status_changed(update)
        self.installation.firmware_status(update.firmware_update_status, update.request_id)

    def log_status_changed(self, update: _system.LogStatus) -> None:
        """What the system published on `log_status`."""
        self.notifications.log_status_changed(update)

    async def close(self) -> None:
        for subscription in self._subscriptions:
            subscription.cancel()
        self._subscriptions = []
        await self.installation.close()
        await self.outbox.close()

    def online(self, registered: bool, first: bool = False) -> None:
        """Registered (`first`: after a BootNotification) or not. A boot ends a signed update
        that was rebooting to install: after it nothing is happening (Idle)."""
        self.notifications.online(registered, first)
        self.installation.online(registered)

    # -- the CSMS's requests ----------------------------------------------------------------

    async def update_firmware(
        self, location: str, retrieve_date: str, retries: int | None, retry_interval: int | None
    ) -> None:
        """UpdateFirmware: hand it to the system (its answer does not reach the CSMS).
        Raises ValueError (a date-time the system cannot take), SystemUnavailable, SystemFailed."""
        from everest_py.generated.types import system as _system

        from . import mapping

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
        Raises ValueError for an unusable date-time. A requestId of -1 is Rejected: the
        `system` interface marks the unsigned UpdateFirmware with it, and such an update would
        be installed without its signature checked, its statuses sent as the unsigned ones."""
        from . import mapping

        if request_id == mapping.PLAIN_REQUEST_ID:
            LOGGER.warning("SignedUpdateFirmware rejected: requestId -1 marks unsigned updates")
            return UpdateFirmwareStatus.rejected
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
        from everest_py.generated.types import system as _system

        from . import mapping

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
        """GetLog: the system's answer and file name. Raises ValueError. A requestId of -1 is
        Rejected: the `system` interface marks GetDiagnostics with it (its statuses would go out
        as DiagnosticsStatusNotifications)."""
        from . import mapping

        if request_id == mapping.PLAIN_REQUEST_ID:
            LOGGER.warning("GetLog rejected: requestId -1 marks GetDiagnostics uploads")
            return LogStatus.rejected, None
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

    # -- triggered messages (sent on the endpoint the trigger came on, after its reply) -------

    async def send_firmware_status(self, endpoint: RpcEndpoint) -> None:
        """TriggerMessage(FirmwareStatusNotification): the last plain status (Idle if none)."""
        await self.notifications.send_firmware_status(endpoint)

    async def send_diagnostics_status(self, endpoint: RpcEndpoint) -> None:
        """TriggerMessage(DiagnosticsStatusNotification)."""
        await self.notifications.send_diagnostics_status(endpoint)

    async def send_signed_firmware_status(self, endpoint: RpcEndpoint) -> None:
        """ExtendedTriggerMessage(FirmwareStatusNotification): SignedFirmwareStatusNotification
        with the last signed status and its request id."""
        await self.notifications.send_signed_firmware_status(endpoint)

    async def send_log_status(self, endpoint: RpcEndpoint) -> None:
        """ExtendedTriggerMessage(LogStatusNotification)."""
        await self.notifications.send_log_status(endpoint)

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
        # Loaded with the client's interface, not at start (a charge point may have no client).
        from everest_py.generated.types import evse_security as _security

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
        self.notifications.record(SecurityEventType.INVALID_FIRMWARE_SIGNING_CERTIFICATE, problem)
        return UpdateFirmwareStatus.invalid_certificate


def _file_name(name: str | None) -> str | None:
    # A longer name than the answer may carry is cut, as EVerest's OCPP module does.
    return None if name is None else name[:MAX_FILE_NAME]
