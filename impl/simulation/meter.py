"""The simulated power meter: an energy register that grows with the power drawn."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from everest_py.generated.types import powermeter as _powermeter
from everest_py.generated.types import units as _units

__all__ = ["PowerMeter"]

_PHASES = ("L1", "L2", "L3")


class PowerMeter:
    """Integrates power over ``clock`` time; ``reading`` is the types/powermeter.yaml dataset."""

    def __init__(
        self,
        meter_id: str,
        *,
        voltage_v: float,
        phases: int,
        energy_wh: float = 0.0,
        clock: Callable[[], float],
    ) -> None:
        self.meter_id = meter_id
        self.voltage_v = voltage_v
        self.phases = phases
        self._clock = clock
        self._energy_wh = energy_wh
        self._current_a = 0.0
        self._since = clock()

    @property
    def current_a(self) -> float:
        return self._current_a

    @property
    def power_w(self) -> float:
        return self._current_a * self.voltage_v * self.phases

    @property
    def energy_wh(self) -> float:
        self._integrate()
        return self._energy_wh

    def set_energy(self, energy_wh: float) -> None:
        """Set the register (a meter that kept its count across a reboot)."""
        self._integrate()
        self._energy_wh = energy_wh

    def set_current(self, current_a: float) -> None:
        """The current per phase from now on (0 when nothing charges)."""
        self._integrate()
        self._current_a = current_a

    def reading(self) -> _powermeter.Powermeter:
        energy = self.energy_wh
        per_phase = energy / self.phases
        power_per_phase = self._current_a * self.voltage_v
        active = _PHASES[: self.phases]
        return _powermeter.Powermeter(
            timestamp=datetime.now(UTC),
            meter_id=self.meter_id,
            energy_Wh_import=_units.Energy(
                total=round(energy, 3), **{phase: round(per_phase, 3) for phase in active}
            ),
            power_W=_units.Power(
                total=self.power_w, **{phase: power_per_phase for phase in active}
            ),
            voltage_V=_units.Voltage(**{phase: self.voltage_v for phase in active}),
            current_A=_units.Current(**{phase: self._current_a for phase in active}),
        )

    def _integrate(self) -> None:
        now = self._clock()
        elapsed = max(0.0, now - self._since)
        self._since = now
        self._energy_wh += self.power_w * elapsed / 3600.0
