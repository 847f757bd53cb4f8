"""EVerest system types

Generated from types/system.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import (
    EverestModel,
    JsonBool,
    JsonDateTime,
    JsonInt,
    JsonString,
    Omittable,
)
from pydantic import ConfigDict, Field


class FirmwareUpdateRequest(EverestModel):
    """Type defining a Firmware update request"""

    model_config = ConfigDict(extra="allow")

    retries: Omittable[Annotated[JsonInt, Field(ge=1)]] = Field(
        default=None,
        description="This specifies how many times the system must try to download the firmware "
        "before giving up.",
    )
    retry_interval_s: Omittable[JsonInt] = Field(
        default=None,
        description="The interval in seconds after which a retry may be attempted",
    )
    request_id: JsonInt = Field(description="The Id of this request")
    location: JsonString = Field(description="URI defining the origin of the firmware")
    retrieve_timestamp: Omittable[JsonDateTime] = Field(
        default=None,
        description="Time when the firmware update shall be retrieved in RFC3339 format",
    )
    install_timestamp: Omittable[JsonDateTime] = Field(
        default=None,
        description="Time when the firmware update shall be installed in RFC3339 format",
    )
    signing_certificate: Omittable[JsonString] = Field(
        default=None,
        description="Certificate with which the firmware was signed. PEM encoded X.509 certificate",
    )
    signature: Omittable[JsonString] = Field(
        default=None,
        description="Base64 encoded firmware signature",
    )


class UpdateFirmwareResponse(StrEnum):
    """Enum for the response of an update_firmware command
      Accepted: Accepted this firmware update request. This does not mean the firmware update
    is successful, the system will now start the firmware update process
      Rejected: Firmware update request rejected
      AcceptedCanceled: Accepted this firmware update request, but in doing this has cancelled
    an ongoing firmware update
      InvalidCertificate: The certificate is invalid
      RevokedCertificate: Failure end state. The Firmware Signing certificate has been revoked"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    AcceptedCanceled = "AcceptedCanceled"
    InvalidCertificate = "InvalidCertificate"
    RevokedCertificate = "RevokedCertificate"


class UploadLogsRequest(EverestModel):
    """Type defining an upload logs request."""

    model_config = ConfigDict(extra="allow")

    retries: Omittable[Annotated[JsonInt, Field(ge=1)]] = Field(
        default=None,
        description="This specifies how many the system must try to upload the logs before giving "
        "up.",
    )
    retry_interval_s: Omittable[JsonInt] = Field(
        default=None,
        description="The interval in seconds after which an upload retry may be attempted",
    )
    oldest_timestamp: Omittable[JsonDateTime] = Field(
        default=None,
        description="Oldest timestamp that should be incluced in the log in RFC3339 format",
    )
    latest_timestamp: Omittable[JsonDateTime] = Field(
        default=None,
        description="Latest timestamp that should be incluced in the log in RFC3339 format",
    )
    location: JsonString = Field(
        description="The URL of the location at the remote system where the log should be stored.",
    )
    type: Omittable[JsonString] = Field(
        default=None,
        description="The type of the log (e.g. in OCPP there is the SecurityLog and the "
        "DiagnosticsLog",
    )
    request_id: Omittable[JsonInt] = Field(default=None, description="The id of the request")


class UploadLogsStatus(StrEnum):
    """Enum for the upload logs status response
      Accepted: Request to upload logs has been accepted
      Rejected: Request to upload logs has been rejected
      AcceptedCanceled: Accepted this log upload, but in doing this has cancelled an ongoing
    log file upload"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    AcceptedCanceled = "AcceptedCanceled"


class UploadLogsResponse(EverestModel):
    """Response to a upload logs request"""

    model_config = ConfigDict(extra="forbid")

    file_name: Omittable[JsonString] = Field(
        default=None,
        description="This contains the name of the log file that will be uploaded.",
    )
    upload_logs_status: UploadLogsStatus = Field(description="The log status enum")


class LogStatusEnum(StrEnum):
    """State describing the current status of log upload of the system
    AcceptedCanceled: Log upload request accepted, but cancelled an ongoing log upload.
    BadMessage: A badly formatted packet or other protocol incompatibility was detected
    Idle: The system is not uploading a log file
    NotSupportedOperation: The server does not support the operation
    PermissionDenied: Insufficient permissions to perform the operation
    Uploaded: File has been uploaded successfully
    UploadFailure: Failed to upload the requested file
    Uploading: File is being uploaded"""

    BadMessage = "BadMessage"
    Idle = "Idle"
    NotSupportedOperation = "NotSupportedOperation"
    PermissionDenied = "PermissionDenied"
    Uploaded = "Uploaded"
    UploadFailure = "UploadFailure"
    Uploading = "Uploading"
    AcceptedCanceled = "AcceptedCanceled"


class LogStatus(EverestModel):
    """Type defining the status of a log upload"""

    model_config = ConfigDict(extra="allow")

    log_status: LogStatusEnum = Field(
        description="State describing the current status of log upload of the system",
    )
    request_id: JsonInt = Field(description="Id of the request")


class FirmwareUpdateStatusEnum(StrEnum):
    """State describing the current download/upload status of a firmware update of the system
      Downloaded: Intermediate state. New firmware has been downloaded by System
      DownloadFailed: Failure end state. System failed to download firmware
      Downloading: Intermediate state. Firmware is being downloaded
      DownloadScheduled: Intermediate state. Downloading of new firmware has been scheduled
      DownloadPaused: Intermediate state. Downloading has been paused
      Idle: System is not performing firmware update related tasks
      InstallationFailed: Failure end state. Installation of new firmware has failed
      Installing: Intermediate state. Firmware is being installed
      Installed: Successful end state. New firmware has successfully been installed in System
      InstallRebooting: Intermediate state. System is about to reboot to activate new firmware
      InstallScheduled: Intermediate state. Installation of the downloaded firmware is
    scheduled to take place on installDateTime
      InstallVerificationFailed: Failure end state. Verification of the new firmware (e.g.
    using a checksum or some other means) has failed and installation will not proceed. (Final
    failure state)
      InvalidSignature: Failure end state. The firmware signature is not valid
      SignatureVerified: Intermediate state. Provide signature successfully verified"""

    Downloaded = "Downloaded"
    DownloadFailed = "DownloadFailed"
    Downloading = "Downloading"
    DownloadScheduled = "DownloadScheduled"
    DownloadPaused = "DownloadPaused"
    Idle = "Idle"
    InstallationFailed = "InstallationFailed"
    Installing = "Installing"
    Installed = "Installed"
    InstallRebooting = "InstallRebooting"
    InstallScheduled = "InstallScheduled"
    InstallVerificationFailed = "InstallVerificationFailed"
    InvalidSignature = "InvalidSignature"
    SignatureVerified = "SignatureVerified"


class FirmwareUpdateMetadata(EverestModel):
    """Type carrying metadata about a firmware update"""

    model_config = ConfigDict(extra="allow")

    disable_connectors_during_install: Omittable[JsonBool] = Field(
        default=None,
        description="Whether all connectors should be made unavailable (disabled) for the duration"
        " of the firmware install Default: True.",
    )


class FirmwareUpdateStatus(EverestModel):
    """Type defining the status of a firmware update"""

    model_config = ConfigDict(extra="allow")

    firmware_update_status: FirmwareUpdateStatusEnum = Field(
        description="State describing the current status of firmware update of the system",
    )
    request_id: JsonInt = Field(description="Id of the request")
    firmware_update_metadata: Omittable[FirmwareUpdateMetadata] = Field(
        default=None,
        description="Metadata about the firmware update",
    )


class ResetType(StrEnum):
    """Enum defining the type of a reset"""

    Soft = "Soft"
    Hard = "Hard"
    NotSpecified = "NotSpecified"


class BootReason(StrEnum):
    """Enum defining the boot reason"""

    ApplicationReset = "ApplicationReset"
    FirmwareUpdate = "FirmwareUpdate"
    LocalReset = "LocalReset"
    PowerUp = "PowerUp"
    RemoteReset = "RemoteReset"
    ScheduledReset = "ScheduledReset"
    Triggered = "Triggered"
    Unknown = "Unknown"
    Watchdog = "Watchdog"
