"""The simulated system behind the generated ``SystemHandler``: resets, time, boot reason,
firmware updates and log uploads, as EVerest's System module does them.

Firmware (``update_firmware``; request id -1 is OCPP's plain UpdateFirmware, any other id a
SignedUpdateFirmware): wait for ``retrieve_timestamp``, download the http(s) location with up
to ``retries`` attempts ``retry_interval_s`` apart, check a signed image's signature (SHA-256,
the signing certificate's key; ``firmware_signature.py``), wait for the charge point's
``allow_firmware_installation`` (it makes the connectors Unavailable first; InstallationFailed
when it never comes), "install" it (keep its digest), and publish every step on
``firmware_update_status``. A signed update then reboots the station
(InstallRebooting and a Hard reset through ``on_reset``), as the System module does with its
default ``ResetAfterUpdate``. Unlike the System module's scripts, DownloadFailed is published
once, after the last attempt, not after each.

Logs (``upload_logs``): a small generated diagnostics file (the system's recent events) is PUT
to the location (a location ending in ``/`` gets the file name appended), with the same retries,
reported on ``log_status``. Only http:// and https:// locations are supported; another scheme
fails at once (DownloadFailed / UploadFailure), with a log line saying why.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from everest_py.generated.interfaces.system import SystemHandler, SystemPublisher
from everest_py.generated.types import network as _network
from everest_py.generated.types import system as _system

from . import http_transfer
from .firmware_signature import signature_valid
from .options import SimulationOptions

__all__ = ["InstalledFirmware", "ResetRecord", "SimulatedSystem"]

_log = logging.getLogger(__name__)

ResetHook = Callable[[_system.ResetType, bool], Awaitable[None]]
FirmwareState = _system.FirmwareUpdateStatusEnum
LogState = _system.LogStatusEnum
PLAIN_REQUEST_ID: Final = -1  # what EVerest's OCPP module sends for UpdateFirmware/GetDiagnostics
MAX_ATTEMPTS: Final = 100  # a CSMS's retries beyond this are cut (each may take a timeout)
MAX_EVENTS: Final = 200  # recent events kept for the diagnostics file
# How long a downloaded firmware waits for allow_firmware_installation: the charge point sends
# it once every transaction has ended, and a charging session can last a night.
INSTALLATION_PERMISSION_TIMEOUT: Final = 24 * 3600.0


@dataclass(frozen=True)
class ResetRecord:
    type: _system.ResetType
    scheduled: bool


@dataclass(frozen=True)
class InstalledFirmware:
    location: str
    sha256: str
    size: int
    request_id: int


class SimulatedSystem(SystemHandler):
    """Serve as ``main`` of ``sim_system``. ``on_reset`` (set by the station, or by the app)
    runs on every reset: the simulated reboot. ``attach`` a publisher for the firmware and log
    statuses (without one they are only logged)."""

    def __init__(
        self,
        options: SimulationOptions | None = None,
        *,
        boot_reason: _system.BootReason = _system.BootReason.PowerUp,
    ) -> None:
        self.options = options or SimulationOptions()
        self.refuse_reset = self.options.refuse_reset
        self.boot_reason = boot_reason
        self.resets: list[ResetRecord] = []
        self.system_time: datetime | None = None
        self.on_reset: ResetHook | None = None
        # The System module's configuration (DefaultRetries, DefaultRetryInterval,
        # ResetAfterUpdate) and curl's timeout; tests shorten them.
        self.default_retries = 1
        self.default_retry_interval = 1.0
        self.reset_after_signed_update = True
        self.transfer_timeout = http_transfer.TRANSFER_TIMEOUT
        self.installation_permission_timeout = INSTALLATION_PERMISSION_TIMEOUT
        self.installation_allowed = asyncio.Event()  # reset by every update
        self.installed: InstalledFirmware | None = None
        self.uploaded: list[str] = []  # the URLs files went to, newest last (at most 16)
        self.events: deque[str] = deque(maxlen=MAX_EVENTS)
        self._publisher: SystemPublisher | None = None
        self._firmware_task: asyncio.Task[None] | None = None
        self._installing = False
        self._log_task: asyncio.Task[None] | None = None
        self._log_request_id = PLAIN_REQUEST_ID

    def attach(self, publisher: SystemPublisher) -> None:
        self._publisher = publisher

    async def stop(self) -> None:
        """Cancel a running firmware update or log upload."""
        tasks = [t for t in (self._firmware_task, self._log_task) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- resets, time ---------------------------------------------------------------------

    async def handle_is_reset_allowed(self, type: _system.ResetType) -> bool:
        return not self.refuse_reset

    async def handle_reset(self, type: _system.ResetType, scheduled: bool) -> None:
        # A reboot ends a firmware update that has not started installing (its task publishes
        # how it ended: DownloadFailed or InstallationFailed); an installation runs to its end.
        if self._firmware_task is not None and not self._installing:
            await self._cancel(self._firmware_task)
        await self._reboot(type, scheduled, _system.BootReason.RemoteReset)

    async def handle_set_system_time(self, timestamp: datetime) -> bool:
        # The simulation keeps the host's clock; it records what it was told.
        self.system_time = timestamp
        return True

    async def handle_get_boot_reason(self) -> _system.BootReason:
        return self.boot_reason

    async def handle_configure_network(
        self, request: _network.ConfigureNetworkRequest
    ) -> _network.ConfigureNetworkResponse:
        return _network.ConfigureNetworkResponse(
            status=_network.ConfigureNetworkStatusEnum.NotSupported
        )

    async def _reboot(
        self, type: _system.ResetType, scheduled: bool, reason: _system.BootReason
    ) -> None:
        self.resets.append(ResetRecord(type, scheduled))
        del self.resets[:-16]
        self._event(f"{type.value} reset (scheduled: {scheduled})")
        _log.info("simulated system: %s reset (scheduled: %s)", type.value, scheduled)
        # After a reboot the system reports why it booted.
        self.boot_reason = reason
        if self.on_reset is not None:
            await self.on_reset(type, scheduled)

    # -- firmware ---------------------------------------------------------------------------

    async def handle_update_firmware(
        self, firmware_update_request: _system.FirmwareUpdateRequest
    ) -> _system.UpdateFirmwareResponse:
        request = firmware_update_request
        # A signature or certificate makes it signed whatever its id: never installed unchecked.
        signed = (
            request.request_id != PLAIN_REQUEST_ID
            or request.signature is not None
            or request.signing_certificate is not None
        )
        running = self._firmware_task is not None and not self._firmware_task.done()
        if signed and not (request.signature and request.signing_certificate):
            _log.warning("simulated system: a signed update without signature or certificate")
            return _system.UpdateFirmwareResponse.Rejected
        if self._installing or (running and not signed):
            _log.info("simulated system: a firmware update is already running; rejected")
            return _system.UpdateFirmwareResponse.Rejected
        if running:
            # A signed update replaces the download in progress (the System module's way).
            await self._cancel(self._firmware_task)
        self._firmware_task = asyncio.get_running_loop().create_task(
            self._update_firmware(request, signed)
        )
        self._firmware_task.add_done_callback(_log_failure)
        if running:
            return _system.UpdateFirmwareResponse.AcceptedCanceled
        return _system.UpdateFirmwareResponse.Accepted

    async def handle_allow_firmware_installation(self) -> None:
        _log.info("simulated system: firmware installation allowed")
        self.installation_allowed.set()

    async def _update_firmware(self, request: _system.FirmwareUpdateRequest, signed: bool) -> None:
        request_id = request.request_id
        self.installation_allowed.clear()

        def publish(state: FirmwareState) -> None:
            self._publish_firmware(state, request_id)

        scheduled = FirmwareState.DownloadScheduled if signed else None
        try:
            await self._wait_until(request.retrieve_timestamp, scheduled, publish)
            image = await self._download(request, publish)
        except asyncio.CancelledError:
            # Replaced by a new update, or the system reboots or stops: this download ends here,
            # and the charge point must not report it Downloading for ever.
            publish(FirmwareState.DownloadFailed)
            raise
        if image is None:
            return
        publish(FirmwareState.Downloaded)
        if signed:
            assert request.signature is not None and request.signing_certificate is not None
            # Hashing an image of up to 16 MiB is the worker thread's, not the event loop's.
            valid = await asyncio.to_thread(
                signature_valid, image, request.signature, request.signing_certificate
            )
            if not valid:
                publish(FirmwareState.InvalidSignature)
                return
            publish(FirmwareState.SignatureVerified)
        if not await self._ready_to_install(request, signed, publish):
            return
        self._installing = True
        try:
            publish(FirmwareState.Installing)
            digest = await asyncio.to_thread(lambda: hashlib.sha256(image).hexdigest())
            self.installed = InstalledFirmware(request.location, digest, len(image), request_id)
            publish(FirmwareState.Installed)
            if signed and self.reset_after_signed_update:
                publish(FirmwareState.InstallRebooting)
                await self._reboot(_system.ResetType.Hard, False, _system.BootReason.FirmwareUpdate)
        finally:
            self._installing = False

    async def _ready_to_install(
        self,
        request: _system.FirmwareUpdateRequest,
        signed: bool,
        publish: Callable[[FirmwareState], None],
    ) -> bool:
        """Wait for a signed update's `install_timestamp`, then for allow_firmware_installation.
        InstallationFailed (and False) when that does not come in time; InstallationFailed too
        when the update is cancelled meanwhile (stop, or replaced by a new one): the charge
        point then gives its connectors back."""
        request_id = request.request_id
        try:
            if signed:
                await self._wait_until(
                    request.install_timestamp, FirmwareState.InstallScheduled, publish
                )
            async with asyncio.timeout(self.installation_permission_timeout):
                await self.installation_allowed.wait()
        except TimeoutError:
            _log.warning(
                "simulated system: firmware of request %d not installed: no "
                "allow_firmware_installation within %.0f s",
                request_id,
                self.installation_permission_timeout,
            )
            publish(FirmwareState.InstallationFailed)
            return False
        except asyncio.CancelledError:
            _log.warning(
                "simulated system: firmware of request %d not installed: the update was "
                "cancelled before it could install",
                request_id,
            )
            publish(FirmwareState.InstallationFailed)
            raise
        return True

    async def _download(
        self, request: _system.FirmwareUpdateRequest, publish: Callable[[FirmwareState], None]
    ) -> bytes | None:
        try:
            http_transfer.check_location(request.location)
        except http_transfer.UnsupportedLocation as error:
            _log.warning("simulated system: firmware download failed: %s", error)
            publish(FirmwareState.DownloadFailed)
            return None
        publish(FirmwareState.Downloading)
        attempts = self._attempts(request.retries)
        for attempt in range(1, attempts + 1):
            try:
                return await http_transfer.download(request.location, timeout=self.transfer_timeout)
            except http_transfer.TransferError as error:
                _log.warning(
                    "simulated system: firmware download %d/%d failed: %s", attempt, attempts, error
                )
            if attempt < attempts:
                await asyncio.sleep(self._interval(request.retry_interval_s))
        publish(FirmwareState.DownloadFailed)
        return None

    def _publish_firmware(self, state: FirmwareState, request_id: int) -> None:
        self._event(f"firmware {state.value} (request {request_id})")
        if self._publisher is not None:
            status = _system.FirmwareUpdateStatus(
                firmware_update_status=state, request_id=request_id
            )
            self._publisher.publish_firmware_update_status(status)

    # -- logs -----------------------------------------------------------------------------

    async def handle_upload_logs(
        self, upload_logs_request: _system.UploadLogsRequest
    ) -> _system.UploadLogsResponse:
        request = upload_logs_request
        canceled = self._log_task is not None and not self._log_task.done()
        if canceled:
            await self._cancel(self._log_task)
            self._publish_log(LogState.AcceptedCanceled, self._log_request_id)
        request_id = request.request_id if request.request_id is not None else PLAIN_REQUEST_ID
        self._log_request_id = request_id
        file_name = _log_file_name(request.type)
        content = self._diagnostics(request)
        self._log_task = asyncio.get_running_loop().create_task(
            self._upload(request, request_id, file_name, content)
        )
        self._log_task.add_done_callback(_log_failure)
        status = (
            _system.UploadLogsStatus.AcceptedCanceled
            if canceled
            else (_system.UploadLogsStatus.Accepted)
        )
        return _system.UploadLogsResponse(upload_logs_status=status, file_name=file_name)

    async def _upload(
        self, request: _system.UploadLogsRequest, request_id: int, file_name: str, content: bytes
    ) -> None:
        try:
            http_transfer.check_location(request.location)
        except http_transfer.UnsupportedLocation as error:
            _log.warning("simulated system: log upload failed: %s", error)
            self._publish_log(LogState.UploadFailure, request_id)
            return
        self._publish_log(LogState.Uploading, request_id)
        attempts = self._attempts(request.retries)
        for attempt in range(1, attempts + 1):
            try:
                target = await http_transfer.upload(
                    request.location, file_name, content, timeout=self.transfer_timeout
                )
            except http_transfer.TransferError as error:
                _log.warning(
                    "simulated system: log upload %d/%d failed: %s", attempt, attempts, error
                )
            else:
                self.uploaded.append(target)
                del self.uploaded[:-16]
                self._publish_log(LogState.Uploaded, request_id)
                return
            if attempt < attempts:
                await asyncio.sleep(self._interval(request.retry_interval_s))
        self._publish_log(LogState.UploadFailure, request_id)

    def _diagnostics(self, request: _system.UploadLogsRequest) -> bytes:
        """The file the system uploads: what it knows of itself and its recent events."""
        report = {
            "type": request.type or "Diagnostics",
            "created": _now().isoformat(),
            "oldest_timestamp": _text(request.oldest_timestamp),
            "latest_timestamp": _text(request.latest_timestamp),
            "boot_reason": self.boot_reason.value,
            "resets": len(self.resets),
            "installed_firmware": None if self.installed is None else self.installed.sha256,
            "events": list(self.events),
        }
        return json.dumps(report, indent=1).encode()

    def _publish_log(self, state: LogState, request_id: int) -> None:
        self._event(f"log upload {state.value} (request {request_id})")
        if self._publisher is not None:
            self._publisher.publish_log_status(
                _system.LogStatus(log_status=state, request_id=request_id)
            )

    # -- shared ---------------------------------------------------------------------------

    def _attempts(self, retries: int | None) -> int:
        wanted = retries if retries is not None else self.default_retries
        return max(1, min(wanted, MAX_ATTEMPTS))

    def _interval(self, seconds: int | None) -> float:
        return float(max(0, seconds)) if seconds is not None else self.default_retry_interval

    async def _wait_until(
        self,
        moment: datetime | None,
        state: FirmwareState | None,
        publish: Callable[[FirmwareState], None],
    ) -> None:
        delay = 0.0 if moment is None else (moment - _now()).total_seconds()
        if delay <= 0:
            return
        if state is not None:
            publish(state)
        _log.info("simulated system: waiting %.0f s until %s", delay, moment)
        await asyncio.sleep(delay)

    async def _cancel(self, task: asyncio.Task[None] | None) -> None:
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    def _event(self, text: str) -> None:
        self.events.append(f"{_now().isoformat()} {text}")


def _log_file_name(kind: str | None) -> str:
    prefix = {"SecurityLog": "security-log", "DiagnosticsLog": "diagnostics-log"}.get(
        kind or "", "diagnostics"
    )
    return f"{prefix}-{_now().strftime('%Y%m%dT%H%M%SZ')}.json"


def _now() -> datetime:
    return datetime.now(UTC)


def _text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        _log.error("simulated system: a transfer failed", exc_info=task.exception())
