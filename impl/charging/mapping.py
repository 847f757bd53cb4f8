"""EVerest's words in OCPP 1.6 terms, as EVerest's OCPP module maps them: the stop reason of a
transaction, and the ChargePointErrorCode of an error a required module raises."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ocpp.v16.enums import ChargePointErrorCode, Reason

if TYPE_CHECKING:  # Loaded with the first EVSE event: a charge point without EVSEs never needs it.
    from everest_py.generated.types.evse_manager import StopTransactionReason

# By StopTransactionReason value (a string enum), as the other EVSE tables, so that the table
# needs no EVSE types loaded.
_SAME_NAME: Final[dict[str, Reason]] = {
    "EmergencyStop": Reason.emergency_stop,
    "EVDisconnected": Reason.ev_disconnected,
    "HardReset": Reason.hard_reset,
    "Local": Reason.local,
    "PowerLoss": Reason.power_loss,
    "Reboot": Reason.reboot,
    "Remote": Reason.remote,
    "SoftReset": Reason.soft_reset,
    "UnlockCommand": Reason.unlock_command,
    "DeAuthorized": Reason.de_authorized,
}


def ocpp_reason(reason: StopTransactionReason | None) -> Reason:
    """OCPP 1.6 has ten reasons; EVerest's others (EnergyLimitReached, StoppedByEV, ...) are
    Other, and so is a TransactionFinished without a reason."""
    return _SAME_NAME.get(reason, Reason.other) if reason is not None else Reason.other


# Error type (its "<interface>/<Name>" contains the key) -> (code, vendorErrorCode), from the
# ChargeX MREC list EVerest's OCPP module follows; vendorId CHARGE_X_VENDOR_ID goes with them.
CHARGE_X_VENDOR_ID: Final = "https://chargex.inl.gov"
_MREC: Final[dict[str, tuple[ChargePointErrorCode, str]]] = {
    "connector_lock/MREC1ConnectorLockFailure": (
        ChargePointErrorCode.connector_lock_failure,
        "CX001",
    ),
    "MREC2GroundFailure": (ChargePointErrorCode.ground_failure, "CX002"),
    "MREC3HighTemperature": (ChargePointErrorCode.high_temperature, "CX003"),
    "MREC4OverCurrentFailure": (ChargePointErrorCode.over_current_failure, "CX004"),
    "MREC5OverVoltage": (ChargePointErrorCode.over_voltage, "CX005"),
    "MREC6UnderVoltage": (ChargePointErrorCode.under_voltage, "CX006"),
    "MREC8EmergencyStop": (ChargePointErrorCode.other_error, "CX008"),
    "MREC10InvalidVehicleMode": (ChargePointErrorCode.other_error, "CX010"),
    "MREC11CableCheckFault": (ChargePointErrorCode.other_error, "CX011"),
    "MREC14PilotFault": (ChargePointErrorCode.other_error, "CX014"),
    "MREC15PowerLoss": (ChargePointErrorCode.other_error, "CX015"),
    "MREC17EVSEContactorFault": (ChargePointErrorCode.other_error, "CX017"),
    "MREC18CableOverTempDerate": (ChargePointErrorCode.other_error, "CX018"),
    "MREC19CableOverTempStop": (ChargePointErrorCode.other_error, "CX019"),
    "MREC20PartialInsertion": (ChargePointErrorCode.other_error, "CX020"),
    "MREC22ResistanceFault": (ChargePointErrorCode.other_error, "CX022"),
    "MREC23ProximityFault": (ChargePointErrorCode.other_error, "CX023"),
    "MREC24ConnectorVoltageHigh": (ChargePointErrorCode.other_error, "CX024"),
    "MREC25BrokenLatch": (ChargePointErrorCode.other_error, "CX025"),
    "MREC26CutCable": (ChargePointErrorCode.other_error, "CX026"),
}
_OTHER: Final = {"powermeter/CommunicationFault": ChargePointErrorCode.power_meter_failure}


def error_code(error_type: str) -> tuple[ChargePointErrorCode, str | None, str | None]:
    """(errorCode, vendorId, vendorErrorCode) of an EVerest error type; unknown types are
    OtherError with the type's name after the interface as vendorErrorCode."""
    for key, (code, vendor_code) in _MREC.items():
        if key in error_type:
            return code, CHARGE_X_VENDOR_ID, vendor_code
    for key, code in _OTHER.items():
        if key in error_type:
            return code, None, None
    name = error_type.split("/", 1)[-1]
    return ChargePointErrorCode.other_error, None, name[:50]
