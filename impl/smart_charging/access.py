"""How the CSMS actions find the service: the core's `smart_charging` attribute (None or
absent: the charge point has no Smart Charging, and the actions answer NotSupported)."""

from __future__ import annotations

from ..ocpp import CallRefused, ErrorCode
from .service import SmartCharging


def service_of(charge_point: object) -> SmartCharging:
    service = getattr(charge_point, "smart_charging", None)
    if not isinstance(service, SmartCharging):
        raise CallRefused(
            ErrorCode.NOT_SUPPORTED, "Smart Charging is not enabled on this charge point"
        )
    return service
