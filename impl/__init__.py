"""The OCPP 1.6-J charge point. The names below are the package's door: code outside the core
(the demo, for one) imports them from here."""

from .app import ChargePointApp
from .session import Registration
from .settings import Settings, build_settings

__all__ = ["ChargePointApp", "Registration", "Settings", "build_settings"]
