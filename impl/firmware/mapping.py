"""OCPP 1.6 ⇄ EVerest `system` for firmware and logs, as EVerest's OCPP module and libocpp map
them: request id -1 marks the plain messages (UpdateFirmware, GetDiagnostics and their
FirmwareStatusNotification / DiagnosticsStatusNotification); any other id the security
whitepaper's (SignedUpdateFirmware, GetLog; SignedFirmwareStatusNotification /
LogStatusNotification). OCPP's `retries` does not count the first attempt, `system`'s does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit, urlunsplit

from ocpp.v16.enums import (
    DiagnosticsStatus,
    FirmwareStatus,
    LogStatus,
    UpdateFirmwareStatus,
    UploadLogStatus,
)

from everest_py.generated.types import system as _system

PLAIN_REQUEST_ID: Final = -1
_Fw = _system.FirmwareUpdateStatusEnum
_Log = _system.LogStatusEnum

# FirmwareStatusNotification knows seven of the system's statuses; the others are not sent.
PLAIN_FIRMWARE: Final[Mapping[_Fw, FirmwareStatus]] = {
    _Fw.Downloaded: FirmwareStatus.downloaded,
    _Fw.DownloadFailed: FirmwareStatus.download_failed,
    _Fw.Downloading: FirmwareStatus.downloading,
    _Fw.Idle: FirmwareStatus.idle,
    _Fw.InstallationFailed: FirmwareStatus.installation_failed,
    _Fw.Installing: FirmwareStatus.installing,
    _Fw.Installed: FirmwareStatus.installed,
}
# SignedFirmwareStatusNotification knows them all, by the same names.
SIGNED_FIRMWARE: Final[Mapping[_Fw, FirmwareStatus]] = {
    state: FirmwareStatus(state.value) for state in _Fw
}
# After these nothing is happening any more: a later trigger reports Idle (as libocpp does).
FIRMWARE_ENDS: Final = frozenset(
    {
        _Fw.Installed,
        _Fw.InstallationFailed,
        _Fw.DownloadFailed,
        _Fw.InvalidSignature,
        _Fw.InstallVerificationFailed,
    }
)
# DiagnosticsStatus has one failure (UploadFailed) for the system's several; an upload the
# system cancelled (a GetLog replaced it) did not complete either.
DIAGNOSTICS: Final[Mapping[_Log, DiagnosticsStatus]] = {
    _Log.AcceptedCanceled: DiagnosticsStatus.upload_failed,
    _Log.Idle: DiagnosticsStatus.idle,
    _Log.Uploading: DiagnosticsStatus.uploading,
    _Log.Uploaded: DiagnosticsStatus.uploaded,
    _Log.UploadFailure: DiagnosticsStatus.upload_failed,
    _Log.PermissionDenied: DiagnosticsStatus.upload_failed,
    _Log.BadMessage: DiagnosticsStatus.upload_failed,
    _Log.NotSupportedOperation: DiagnosticsStatus.upload_failed,
}
# UploadLogStatus of OCPP 1.6 has no AcceptedCanceled: that one is not sent.
LOG: Final[Mapping[_Log, UploadLogStatus]] = {
    state: UploadLogStatus(state.value) for state in _Log if state is not _Log.AcceptedCanceled
}
UPDATE_STATUS: Final[Mapping[_system.UpdateFirmwareResponse, UpdateFirmwareStatus]] = {
    state: UpdateFirmwareStatus(state.value) for state in _system.UpdateFirmwareResponse
}
LOGS_STATUS: Final[Mapping[_system.UploadLogsStatus, LogStatus]] = {
    state: LogStatus(state.value) for state in _system.UploadLogsStatus
}


def firmware_request(
    location: str,
    retrieve: str,
    retries: int | None,
    retry_interval: int | None,
    *,
    request_id: int = PLAIN_REQUEST_ID,
    signature: str | None = None,
    signing_certificate: str | None = None,
    install: str | None = None,
) -> _system.FirmwareUpdateRequest:
    """Raises ValueError for a date-time the system cannot take (e.g. without a time zone)."""
    fields = {
        "location": location,
        "request_id": request_id,
        "retrieve_timestamp": retrieve,
        "install_timestamp": install,
        "retries": _attempts(retries),
        "retry_interval_s": retry_interval,
        "signature": signature,
        "signing_certificate": signing_certificate,
    }
    return _system.FirmwareUpdateRequest.model_validate(_present(fields))


def logs_request(
    location: str,
    retries: int | None,
    retry_interval: int | None,
    oldest: str | None,
    latest: str | None,
    *,
    log_type: str | None = None,
    request_id: int | None = None,
) -> _system.UploadLogsRequest:
    """GetDiagnostics (no type, no request id) or GetLog; ValueError as firmware_request."""
    fields = {
        "location": location,
        "retries": _attempts(retries),
        "retry_interval_s": retry_interval,
        "oldest_timestamp": oldest,
        "latest_timestamp": latest,
        "type": log_type,
        "request_id": request_id,
    }
    return _system.UploadLogsRequest.model_validate(_present(fields))


def _attempts(retries: int | None) -> int | None:
    return None if retries is None else max(0, retries) + 1


def shown(location: str) -> str:
    """A location for a log line: without the user:password a URL may carry."""
    try:
        parts = urlsplit(location)
        port = parts.port
    except ValueError:
        return "(an unparsable URL)"
    if parts.username is None and parts.password is None:
        return location
    host = parts.hostname or ""
    return urlunsplit(parts._replace(netloc=f"{host}:{port}" if port else host))


def _present(fields: Mapping[str, object]) -> dict[str, object]:
    # An absent optional field is left out: the generated models refuse an explicit null.
    return {name: value for name, value in fields.items() if value is not None}
