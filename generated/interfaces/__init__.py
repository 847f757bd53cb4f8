"""Generated interfaces modules. Do not edit: regenerate."""

__all__ = [
    "ocpp_1_6_charge_point",
]
