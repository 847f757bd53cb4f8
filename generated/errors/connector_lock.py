"""Errors for Connector Lock
The following error types give more details about connector lock errors. You should consider
setting a MREC_1_ConnectorLockFailure to indicate a generic lock failure with an MREC error
code as well as one of the more detailed but custom error codes to specify the reason:
All error codes that begin with MREC needs to be implemented to fulfill the Minimum Required
Error Codes defined by the ChargeX consortium:
https://inl.gov/content/uploads/2023/07/ChargeX_MREC_Rev5_09.12.23.pdf

Generated from errors/connector_lock.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class ConnectorLockError(StrEnum):
    """Error types of connector_lock, as EVerest puts them on the wire:
    ``connector_lock/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    ConnectorLockCapNotCharged = "connector_lock/ConnectorLockCapNotCharged"
    ConnectorLockUnexpectedOpen = "connector_lock/ConnectorLockUnexpectedOpen"
    ConnectorLockUnexpectedClose = "connector_lock/ConnectorLockUnexpectedClose"
    ConnectorLockFailedLock = "connector_lock/ConnectorLockFailedLock"
    ConnectorLockFailedUnlock = "connector_lock/ConnectorLockFailedUnlock"
    MREC1ConnectorLockFailure = "connector_lock/MREC1ConnectorLockFailure"
    VendorError = "connector_lock/VendorError"
    VendorWarning = "connector_lock/VendorWarning"


DESCRIPTIONS: dict[ConnectorLockError, str] = {
    ConnectorLockError.ConnectorLockCapNotCharged: (
        "The capacitor for connector lock motor failed to charge within expected time"
    ),
    ConnectorLockError.ConnectorLockUnexpectedOpen: (
        "The connector lock feedback returns open while it should be closed"
    ),
    ConnectorLockError.ConnectorLockUnexpectedClose: (
        "The connector lock feedback returns closed while it should be open"
    ),
    ConnectorLockError.ConnectorLockFailedLock: (
        "The connector lock failed to lock (feedback still returns open)"
    ),
    ConnectorLockError.ConnectorLockFailedUnlock: (
        "The connector lock failed to unlock (feedback still returns closed)"
    ),
    ConnectorLockError.MREC1ConnectorLockFailure: (
        "Failure to lock or unlock connector on the vehicle side as per MREC definition. How should"
        " that be implemented? We can only find out about locking on the EVSE side, so we will use "
        "this error to report EVSE side lock failures. It is probably a mistake in the MREC "
        "definition."
    ),
    ConnectorLockError.VendorError: "Vendor specific error code. Will stop charging session.",
    ConnectorLockError.VendorWarning: "Vendor specific error code. Charging may continue.",
}
"""What each error of ConnectorLockError means."""
