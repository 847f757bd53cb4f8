"""The simulated EVSE's energy sink: ``external_energy_limits``, through which the OCPP module
hands it the composite schedule (EVerest's ``evse_energy_sink``), and the current those limits
allow now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from everest_py.generated.interfaces.external_energy_limits import (
    ExternalEnergyLimitsHandler,
    ExternalEnergyLimitsPublisher,
)
from everest_py.generated.types import energy as _energy

__all__ = ["POWER_AVAILABLE_ABOVE_A", "EvseEnergySink", "allowed_current", "limits_in_force"]

# EvseManager (basic AC charging) sees power as available above 5.9 A; below, the EV cannot
# charge (IEC 61851 minimum 6 A) and the EVSE pauses with ChargingPausedEVSE (NoEnergy).
POWER_AVAILABLE_ABOVE_A = 5.9


class EvseEnergySink(ExternalEnergyLimitsHandler):
    """Served as ``energy_sink`` next to the EVSE's ``evse``: every ``set_external_limits``
    goes to ``on_limits``; ``start`` publishes the EVSE's ``capabilities``."""

    def __init__(
        self,
        on_limits: Callable[[_energy.ExternalLimits], None],
        capabilities: _energy.CapabilityLimits,
    ) -> None:
        self._on_limits = on_limits
        self.capabilities = capabilities
        self._publisher: ExternalEnergyLimitsPublisher | None = None

    def attach(self, publisher: ExternalEnergyLimitsPublisher) -> None:
        self._publisher = publisher

    def start(self) -> None:
        # Unattached (an EVSE served without its sink) there is nobody to tell.
        if self._publisher is not None:
            self._publisher.publish_capabilities(self.capabilities)

    async def handle_set_external_limits(self, value: _energy.ExternalLimits) -> None:
        self._on_limits(value)


def limits_in_force(
    limits: _energy.ExternalLimits, now: datetime
) -> list[_energy.LimitsReq] | None:
    """The import limits (to the leaves and to the root) of the entry in force at ``now``: the
    first entry applies at once even if its timestamp is later, each later one from its
    timestamp, the last one for ever after. None: the schedule is empty (no limit)."""
    entries = sorted(limits.schedule_import, key=lambda entry: entry.timestamp)
    if not entries:
        return None
    current = entries[0]
    for entry in entries[1:]:
        if entry.timestamp > now:
            break
        current = entry
    return [current.limits_to_leaves, current.limits_to_root]


def allowed_current(limits: list[_energy.LimitsReq], voltage_v: float, phases: int) -> float | None:
    """The current per phase the limits allow (A; a W limit over ``phases`` at ``voltage_v``);
    None: they limit nothing the simulation models."""
    bounds = []
    for limit in limits:
        if limit.ac_max_current_A is not None:
            bounds.append(limit.ac_max_current_A.value)
        if limit.total_power_W is not None and voltage_v > 0 and phases > 0:
            bounds.append(limit.total_power_W.value / (voltage_v * phases))
    return max(0.0, min(bounds)) if bounds else None
