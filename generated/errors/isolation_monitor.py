"""Errors for Isolation Monitor
Note that actual isolation faults should just be reported as resistance values, EvseManager
will interpret them according to the limits given in the norm and stop charging.
This is only to report device errors to indicate valid isolation resistance measurements etc
are no longer possible.

Generated from errors/isolation_monitor.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class IsolationMonitorError(StrEnum):
    """Error types of isolation_monitor, as EVerest puts them on the wire:
    ``isolation_monitor/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    DeviceFault = "isolation_monitor/DeviceFault"
    CommunicationFault = "isolation_monitor/CommunicationFault"
    VendorError = "isolation_monitor/VendorError"
    VendorWarning = "isolation_monitor/VendorWarning"


DESCRIPTIONS: dict[IsolationMonitorError, str] = {
    IsolationMonitorError.DeviceFault: (
        "The IMD device is not fully functional anymore and cannot be used to monitor the isolation"
        " resistance."
    ),
    IsolationMonitorError.CommunicationFault: (
        "The communication to the hardware or underlying driver is lost or has errors."
    ),
    IsolationMonitorError.VendorError: "Vendor specific error code. Will stop charging session.",
    IsolationMonitorError.VendorWarning: "Vendor specific error code. Charging may continue.",
}
"""What each error of IsolationMonitorError means."""
