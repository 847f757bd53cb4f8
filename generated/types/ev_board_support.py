"""EV and EVSE board support types

Generated from types/ev_board_support.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class EvCpState(StrEnum):
    """ControlPilot state"""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
