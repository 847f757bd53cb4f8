"""An OCPP 1.6-J charge point on EVerest's `ocpp_1_6_charge_point` interface.

The door of the package: code outside it (the demo, tests, users) imports these names. They
load on first use, so `python -m everest_py.ocpp16 --help` (or `fleet`, `keys-table`) does not
import the whole charge point first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy_names import names_on_first_use

if TYPE_CHECKING:
    from .app import ChargePointApp
    from .core import ChargePointCore
    from .ocpp import Registration
    from .settings import Settings, SettingsError, build_settings, read_config_file

# Name -> the module (relative) that defines it.
_EXPORTS = {
    "ChargePointApp": ".app",
    "ChargePointCore": ".core",
    "Registration": ".ocpp",
    "Settings": ".settings",
    "SettingsError": ".settings",
    "build_settings": ".settings",
    "read_config_file": ".settings",
}

__all__ = [
    "ChargePointApp",
    "ChargePointCore",
    "Registration",
    "Settings",
    "SettingsError",
    "build_settings",
    "read_config_file",
]


__getattr__, __dir__ = names_on_first_use(__name__, globals(), _EXPORTS)
