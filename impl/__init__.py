"""An OCPP 1.6-J charge point on EVerest's `ocpp_1_6_charge_point` interface.

The door of the package: code outside it (the demo, tests, users) imports these names.
"""

from .app import ChargePointApp
from .core import ChargePointCore
from .ocpp import Registration
from .settings import Settings, SettingsError, build_settings, read_config_file

__all__ = [
    "ChargePointApp",
    "ChargePointCore",
    "Registration",
    "Settings",
    "SettingsError",
    "build_settings",
    "read_config_file",
]
