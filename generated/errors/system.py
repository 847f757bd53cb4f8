"""Errors for System

Generated from errors/system.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class SystemError(StrEnum):
    """Error types of system, as EVerest puts them on the wire: ``system/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    CommunicationFault = "system/CommunicationFault"


DESCRIPTIONS: dict[SystemError, str] = {
    SystemError.CommunicationFault: (
        "The communication to the hardware or underlying driver is lost or has errors."
    ),
}
"""What each error of SystemError means."""
