"""Generic errors used by multiple modules

Generated from errors/generic.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class GenericError(StrEnum):
    """Error types of generic, as EVerest puts them on the wire: ``generic/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    CommunicationFault = "generic/CommunicationFault"
    VendorError = "generic/VendorError"
    VendorWarning = "generic/VendorWarning"


DESCRIPTIONS: dict[GenericError, str] = {
    GenericError.CommunicationFault: (
        "Communication with the underlying hardware or device has a fault"
    ),
    GenericError.VendorError: "Vendor specific error code.",
    GenericError.VendorWarning: "Vendor specific error code.",
}
"""What each error of GenericError means."""
