"""What a simulated station can be told: its electrical limits, its timing and its manners."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "IntervalTicker",
    "ManualTicker",
    "MeterTicker",
    "SimulationOptions",
]


class MeterTicker(Protocol):
    """Paces the power meter: ``wait`` returns when the next reading is due."""

    async def wait(self) -> None: ...


class IntervalTicker:
    """A reading every ``seconds`` (the default ticker)."""

    def __init__(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError(f"meter_interval must be > 0 seconds, got {seconds}")
        self.seconds = seconds

    async def wait(self) -> None:
        await asyncio.sleep(self.seconds)


class ManualTicker:
    """A reading each time ``tick`` is called: tests decide when time has passed."""

    def __init__(self) -> None:
        self._ticks = asyncio.Queue[None](maxsize=64)

    def tick(self) -> None:
        self._ticks.put_nowait(None)

    async def wait(self) -> None:
        await self._ticks.get()


@dataclass
class SimulationOptions:
    """Options of a simulated station (all optional).

    ``clock`` (seconds, monotonic) drives the energy register and ``ticker_factory`` the meter's
    publishing period; tests replace both to make time pass without sleeping.
    """

    meter_interval: float = 1.0
    """Seconds between two ``powermeter`` publications of each EVSE."""
    max_current_a: float = 16.0
    """Current per phase the simulated car draws while charging (also the hardware limit)."""
    voltage_v: float = 230.0
    """Voltage per phase."""
    phases: int = 3
    """Phases the car charges on (1..3)."""
    initial_energy_wh: float = 0.0
    """The energy register of every EVSE's meter at start."""
    evse_id_prefix: str = "DE*SIM*E"
    """``evse_id`` published by EVSE n is this prefix followed by n."""
    auto_plug_on_remote_start: bool = True
    """A token from the OCPP provider (RemoteStartTransaction) for an idle EVSE plugs a car in."""
    unplug_after_stop: float | None = 2.0
    """Seconds after a transaction ends until the car unplugs; None: it stays until ``unplug``."""
    connection_timeout: int = 60
    """Seconds an authorization waits for a plug-in (and a plug-in for authorization)."""
    plug_in_timeout_enabled: bool = False
    """With more than one EVSE: a plug-in not authorized within ``connection_timeout`` needs a
    replug (EVerest Auth's ``plug_in_timeout_enabled``)."""
    refuse_reset: bool = False
    """The simulated system answers ``is_reset_allowed`` with false."""
    clock: Callable[[], float] = time.monotonic
    ticker_factory: Callable[[float], MeterTicker] | None = field(default=None)
    """Makes the meter's ticker from ``meter_interval``; None: ``IntervalTicker``."""

    def __post_init__(self) -> None:
        if self.meter_interval <= 0:
            raise ValueError(f"meter_interval must be > 0 seconds, got {self.meter_interval}")
        if not 1 <= self.phases <= 3:
            raise ValueError(f"phases must be 1, 2 or 3, got {self.phases}")
        if self.max_current_a < 0 or self.voltage_v < 0:
            raise ValueError("max_current_a and voltage_v must not be negative")
        if self.connection_timeout < 0:
            raise ValueError(f"connection_timeout must be >= 0, got {self.connection_timeout}")

    def new_ticker(self) -> MeterTicker:
        if self.ticker_factory is not None:
            return self.ticker_factory(self.meter_interval)
        return IntervalTicker(self.meter_interval)
