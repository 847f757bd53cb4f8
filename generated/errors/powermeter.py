"""Powermeter errors

Generated from errors/powermeter.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class PowermeterError(StrEnum):
    """Error types of powermeter, as EVerest puts them on the wire: ``powermeter/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    CommunicationFault = "powermeter/CommunicationFault"
    VendorError = "powermeter/VendorError"
    VendorWarning = "powermeter/VendorWarning"


DESCRIPTIONS: dict[PowermeterError, str] = {
    PowermeterError.CommunicationFault: (
        "Communication with the underlying hardware or device has a fault"
    ),
    PowermeterError.VendorError: "Vendor specific error code.",
    PowermeterError.VendorWarning: "Vendor specific error code.",
}
"""What each error of PowermeterError means."""
