"""Errors for Over Voltage Monitor
Note that the actual shutdown needs to be performed by lower layers outside of EVerest. In the
event of a shutdown, this error needs to be raised to indicate the nature of the shutdown to
EVerest after the fact.

Generated from errors/over_voltage_monitor.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class OverVoltageMonitorError(StrEnum):
    """Error types of over_voltage_monitor, as EVerest puts them on the wire:
    ``over_voltage_monitor/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    MREC5OverVoltage = "over_voltage_monitor/MREC5OverVoltage"
    DeviceFault = "over_voltage_monitor/DeviceFault"
    CommunicationFault = "over_voltage_monitor/CommunicationFault"
    VendorError = "over_voltage_monitor/VendorError"
    VendorWarning = "over_voltage_monitor/VendorWarning"


DESCRIPTIONS: dict[OverVoltageMonitorError, str] = {
    OverVoltageMonitorError.MREC5OverVoltage: (
        "The output voltage was above IEC61851-23:2023 6.3.1.106.2 Table 103 limits for more than "
        "9ms. (severity high) or above Table 104 (medium or low severity)."
    ),
    OverVoltageMonitorError.DeviceFault: (
        "The over voltage monitoring device is no longer functional."
    ),
    OverVoltageMonitorError.CommunicationFault: (
        "The communication to the hardware or underlying driver is lost or has errors."
    ),
    OverVoltageMonitorError.VendorError: "Vendor specific error code. Will stop charging session.",
    OverVoltageMonitorError.VendorWarning: "Vendor specific error code. Charging may continue.",
}
"""What each error of OverVoltageMonitorError means."""
