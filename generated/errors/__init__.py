"""Generated errors modules. Do not edit: regenerate."""

__all__ = [
    "ac_rcd",
    "connector_lock",
    "evse_board_support",
    "evse_manager",
    "example",
    "generic",
    "isolation_monitor",
    "over_voltage_monitor",
    "payment_terminal",
    "power_supply_DC",
    "powermeter",
    "system",
]
