"""A simulated charging station: EVerest modules in Python that provide what the OCPP charge
point requires (``evse_manager`` per connector, ``auth``, ``system``), so a car can charge
without hardware. See docs/simulation.md."""

from .auth import SimulatedAuth, TokenResult
from .control import (
    ControlCommand,
    ControlError,
    apply_command,
    parse_command,
    read_commands,
    stdin_reader,
)
from .energy_sink import EvseEnergySink
from .errors import DEFAULT_FAULT, FAULT_TYPES, UnknownFault, resolve_fault
from .evse import EvseSnapshot, SimulatedEvse
from .meter import PowerMeter
from .options import IntervalTicker, ManualTicker, MeterTicker, SimulationOptions
from .station import (
    AUTH_MODULE_ID,
    ENERGY_SINK_IMPL_ID,
    EVSE_IMPL_ID,
    SYSTEM_MODULE_ID,
    EvseControl,
    SimulatedStation,
    evse_module_id,
)
from .system import ResetRecord, SimulatedSystem

__all__ = [
    "AUTH_MODULE_ID",
    "DEFAULT_FAULT",
    "ENERGY_SINK_IMPL_ID",
    "EVSE_IMPL_ID",
    "FAULT_TYPES",
    "SYSTEM_MODULE_ID",
    "ControlCommand",
    "ControlError",
    "EvseControl",
    "EvseEnergySink",
    "EvseSnapshot",
    "IntervalTicker",
    "ManualTicker",
    "MeterTicker",
    "PowerMeter",
    "ResetRecord",
    "SimulatedAuth",
    "SimulatedEvse",
    "SimulatedStation",
    "SimulatedSystem",
    "SimulationOptions",
    "TokenResult",
    "UnknownFault",
    "apply_command",
    "evse_module_id",
    "parse_command",
    "read_commands",
    "resolve_fault",
    "stdin_reader",
]
