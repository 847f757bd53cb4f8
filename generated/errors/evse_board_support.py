"""Errors for the evse_board_support interface. All error codes that begin with MREC need to be
implemented to fulfill the Minimum Required Error Codes defined by the ChargeX consortium:
https://inl.gov/content/uploads/2023/07/ChargeX_MREC_Rev5_09.12.23.pdf

Generated from errors/evse_board_support.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class EvseBoardSupportError(StrEnum):
    """Error types of evse_board_support, as EVerest puts them on the wire:
    ``evse_board_support/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    DiodeFault = "evse_board_support/DiodeFault"
    VentilationNotAvailable = "evse_board_support/VentilationNotAvailable"
    BrownOut = "evse_board_support/BrownOut"
    EnergyManagement = "evse_board_support/EnergyManagement"
    PermanentFault = "evse_board_support/PermanentFault"
    MREC2GroundFailure = "evse_board_support/MREC2GroundFailure"
    MREC3HighTemperature = "evse_board_support/MREC3HighTemperature"
    MREC4OverCurrentFailure = "evse_board_support/MREC4OverCurrentFailure"
    MREC5OverVoltage = "evse_board_support/MREC5OverVoltage"
    MREC6UnderVoltage = "evse_board_support/MREC6UnderVoltage"
    MREC8EmergencyStop = "evse_board_support/MREC8EmergencyStop"
    MREC10InvalidVehicleMode = "evse_board_support/MREC10InvalidVehicleMode"
    MREC14PilotFault = "evse_board_support/MREC14PilotFault"
    MREC15PowerLoss = "evse_board_support/MREC15PowerLoss"
    MREC17EVSEContactorFault = "evse_board_support/MREC17EVSEContactorFault"
    MREC18CableOverTempDerate = "evse_board_support/MREC18CableOverTempDerate"
    MREC19CableOverTempStop = "evse_board_support/MREC19CableOverTempStop"
    MREC20PartialInsertion = "evse_board_support/MREC20PartialInsertion"
    MREC23ProximityFault = "evse_board_support/MREC23ProximityFault"
    MREC24ConnectorVoltageHigh = "evse_board_support/MREC24ConnectorVoltageHigh"
    MREC25BrokenLatch = "evse_board_support/MREC25BrokenLatch"
    MREC26CutCable = "evse_board_support/MREC26CutCable"
    TiltDetected = "evse_board_support/TiltDetected"
    WaterIngressDetected = "evse_board_support/WaterIngressDetected"
    EnclosureOpen = "evse_board_support/EnclosureOpen"
    VendorError = "evse_board_support/VendorError"
    VendorWarning = "evse_board_support/VendorWarning"
    CommunicationFault = "evse_board_support/CommunicationFault"


DESCRIPTIONS: dict[EvseBoardSupportError, str] = {
    EvseBoardSupportError.DiodeFault: "The CP diode in the EV is shorted.",
    EvseBoardSupportError.VentilationNotAvailable: (
        "EV requested state D but no ventilation is available."
    ),
    EvseBoardSupportError.BrownOut: "The hardware/MCU detected a brown out.",
    EvseBoardSupportError.EnergyManagement: (
        "Energy could not be delivered because an (external) energy management failed."
    ),
    EvseBoardSupportError.PermanentFault: "The EVSE is permanently broken and requires repair.",
    EvseBoardSupportError.MREC2GroundFailure: (
        "Ground fault circuit interrupter has been activated."
    ),
    EvseBoardSupportError.MREC3HighTemperature: (
        "High temperature inside the EVSE is derating power delivery."
    ),
    EvseBoardSupportError.MREC4OverCurrentFailure: "Over current protection device has tripped.",
    EvseBoardSupportError.MREC5OverVoltage: (
        "Input voltage to the vehicle has risen above an acceptable level."
    ),
    EvseBoardSupportError.MREC6UnderVoltage: (
        "Input voltage to the vehicle has dropped below an acceptable level."
    ),
    EvseBoardSupportError.MREC8EmergencyStop: (
        "Emergency stop is pressed by the user (required if equipped)."
    ),
    EvseBoardSupportError.MREC10InvalidVehicleMode: (
        "The vehicle is in an invalid mode for charging (Reported by IEC stack)"
    ),
    EvseBoardSupportError.MREC14PilotFault: "The control pilot voltage is out of range.",
    EvseBoardSupportError.MREC15PowerLoss: (
        "The EVSE is unable to supply any power due to mains failure"
    ),
    EvseBoardSupportError.MREC17EVSEContactorFault: (
        "Contactors fail to open or close on EVSE's side. May also include welding related errors."
    ),
    EvseBoardSupportError.MREC18CableOverTempDerate: (
        "Temperature of charging cable or connector assembly is too high, resulting in reduced "
        "power operation."
    ),
    EvseBoardSupportError.MREC19CableOverTempStop: (
        "Temperature of charging cable or connector assembly is too high, resulting in a stopped "
        "charging session."
    ),
    EvseBoardSupportError.MREC20PartialInsertion: (
        "Cable latch is raised due to incomplete insertion into the vehicle charging port."
    ),
    EvseBoardSupportError.MREC23ProximityFault: "The proximity voltage is out of range.",
    EvseBoardSupportError.MREC24ConnectorVoltageHigh: (
        "The output voltage of EVSE is high before charging starts or after charging ends."
    ),
    EvseBoardSupportError.MREC25BrokenLatch: "The latch on the connector is broken.",
    EvseBoardSupportError.MREC26CutCable: "The output cable has been severed from the EVSE.",
    EvseBoardSupportError.TiltDetected: "The EVSE has been tilted beyond acceptable limits.",
    EvseBoardSupportError.WaterIngressDetected: (
        "A substantial amount of water has been detected inside the EVSE."
    ),
    EvseBoardSupportError.EnclosureOpen: (
        "The EVSE enclosure is open, e.g. a door or panel is not properly closed."
    ),
    EvseBoardSupportError.VendorError: "Vendor specific error code. Will stop charging session.",
    EvseBoardSupportError.VendorWarning: "Vendor specific error code. Charging may continue.",
    EvseBoardSupportError.CommunicationFault: (
        "The communication to the hardware or underlying driver is lost or has errors."
    ),
}
"""What each error of EvseBoardSupportError means."""
