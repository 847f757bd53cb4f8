"""Errors for EvseManager
All error codes that begin with MREC need to be implemented to fulfill the Minimum Required
Error Codes defined by the ChargeX consortium:
https://inl.gov/content/uploads/2023/07/ChargeX_MREC_Rev5_09.12.23.pdf

Generated from errors/evse_manager.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class EvseManagerError(StrEnum):
    """Error types of evse_manager, as EVerest puts them on the wire: ``evse_manager/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    Internal = "evse_manager/Internal"
    MREC4OverCurrentFailure = "evse_manager/MREC4OverCurrentFailure"
    MREC5OverVoltage = "evse_manager/MREC5OverVoltage"
    MREC9AuthorizationTimeout = "evse_manager/MREC9AuthorizationTimeout"
    PowermeterTransactionStartFailed = "evse_manager/PowermeterTransactionStartFailed"
    Inoperative = "evse_manager/Inoperative"
    MREC22ResistanceFault = "evse_manager/MREC22ResistanceFault"
    MREC11CableCheckFault = "evse_manager/MREC11CableCheckFault"
    VoltagePlausibilityFault = "evse_manager/VoltagePlausibilityFault"


DESCRIPTIONS: dict[EvseManagerError, str] = {
    EvseManagerError.Internal: "Internal error of the state machine",
    EvseManagerError.MREC4OverCurrentFailure: "Over current event",
    EvseManagerError.MREC5OverVoltage: "Over voltage event",
    EvseManagerError.MREC9AuthorizationTimeout: (
        "No authorization was provided within timeout after plugin"
    ),
    EvseManagerError.PowermeterTransactionStartFailed: (
        "Transaction could not be started at the powermeter"
    ),
    EvseManagerError.Inoperative: (
        "Charging is not possible. Usually caused by another error from one of the requirements."
    ),
    EvseManagerError.MREC22ResistanceFault: (
        "An Isolation Monitoring Device tripped due to low resistance to the chassis during active "
        "charging."
    ),
    EvseManagerError.MREC11CableCheckFault: (
        "Cable check failed. Isolation monitor self test failed before charging."
    ),
    EvseManagerError.VoltagePlausibilityFault: (
        "Voltage plausibility check failed. Standard deviation between voltage measurements from "
        "different sources exceeded threshold for configured duration."
    ),
}
"""What each error of EvseManagerError means."""
