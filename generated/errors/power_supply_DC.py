"""Errors for DC power supply
Except for VendorWarning, all error codes will stop the charging session. During all errors,
follow the commands for setMode and setVoltageCurrent from EvseManager. If they cannot be sent
to the hardware, cache the last values received. Once the PSU is back on-line (e.g. after a
CommunicationFault), set the last mode and voltage/current values and only after that clear
the error.

Generated from errors/power_supply_DC.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class PowerSupplyDCError(StrEnum):
    """Error types of power_supply_DC, as EVerest puts them on the wire:
    ``power_supply_DC/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    CommunicationFault = "power_supply_DC/CommunicationFault"
    HardwareFault = "power_supply_DC/HardwareFault"
    OverTemperature = "power_supply_DC/OverTemperature"
    UnderTemperature = "power_supply_DC/UnderTemperature"
    UnderVoltageAC = "power_supply_DC/UnderVoltageAC"
    OverVoltageAC = "power_supply_DC/OverVoltageAC"
    UnderVoltageDC = "power_supply_DC/UnderVoltageDC"
    OverVoltageDC = "power_supply_DC/OverVoltageDC"
    OverCurrentAC = "power_supply_DC/OverCurrentAC"
    OverCurrentDC = "power_supply_DC/OverCurrentDC"
    VendorError = "power_supply_DC/VendorError"
    VendorWarning = "power_supply_DC/VendorWarning"


DESCRIPTIONS: dict[PowerSupplyDCError, str] = {
    PowerSupplyDCError.CommunicationFault: (
        "The communication to the hardware or underlying driver is lost or has errors."
    ),
    PowerSupplyDCError.HardwareFault: "The hardware reported a fault",
    PowerSupplyDCError.OverTemperature: (
        "The hardware shut down because of over temperature. This should not be used if the power "
        "supply can handle temperature reduction by reducing output power, in this case update the "
        "capabilities as needed."
    ),
    PowerSupplyDCError.UnderTemperature: "The hardware cannot operate because it is too cold",
    PowerSupplyDCError.UnderVoltageAC: "The AC input voltage is too low",
    PowerSupplyDCError.OverVoltageAC: "The AC input voltage is too high",
    PowerSupplyDCError.UnderVoltageDC: "The DC output voltage is too low",
    PowerSupplyDCError.OverVoltageDC: "The DC output voltage is too high",
    PowerSupplyDCError.OverCurrentAC: "The AC input current is too high",
    PowerSupplyDCError.OverCurrentDC: "The DC output current it too high",
    PowerSupplyDCError.VendorError: "Vendor specific error code. Will stop charging session.",
    PowerSupplyDCError.VendorWarning: "Vendor specific error code. Charging may continue.",
}
"""What each error of PowerSupplyDCError means."""
