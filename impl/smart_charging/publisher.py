"""Keeps the EVSEs' limits current, as EVerest's OCPP module does: at start, after every change
of the installed profiles and every `interval` seconds it computes each connector's composite
schedule (from now, for `duration` seconds), hands each EVSE its ExternalLimits and publishes
all schedules. Connector 0 (the charge point as a whole) is applied only with
`include_station`, for a station that has a sink for it."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING

from .composite import Unit
from .limits import (
    PUBLISH_DURATION,
    PUBLISH_INTERVAL,
    charging_schedules,
    external_limits,
    schedules,
)
from .service import SmartCharging

if TYPE_CHECKING:  # loaded with the first limits built (limits.py)
    from everest_py.generated.types import energy, ocpp

LOGGER = logging.getLogger(__name__)
# connector id, its limits: e.g. the EVSE's external_energy_limits client's set_external_limits.
ApplyLimits = Callable[[int, "energy.ExternalLimits"], Awaitable[None] | None]
PublishSchedules = Callable[["ocpp.ChargingSchedules"], None]


class LimitPublisher:
    def __init__(
        self,
        service: SmartCharging,
        apply: ApplyLimits,
        publish: PublishSchedules | None = None,
        *,
        interval: float = PUBLISH_INTERVAL,
        duration: int = PUBLISH_DURATION,
        unit: Unit | None = None,
        source: str = "OCPP_set_external_limits",
        include_station: bool = False,
        to_system: Callable[[datetime], datetime] | None = None,
    ) -> None:
        """`to_system` moves a moment of the charge point's clock (the CSMS's time, which the
        schedules are computed on) to this machine's clock, the one the EVSEs read their
        limits' timestamps with (EVerest's energy manager too)."""
        self._service = service
        self._apply = apply
        self._publish = publish
        self._interval = interval
        self._duration = duration
        self._unit = unit
        self._source = source
        self._include_station = include_station
        self._to_system = to_system
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        service.change_listeners.append(self._changed.set)

    def recompute(self) -> None:
        """Compute and apply the limits again soon: something they depend on besides the
        profiles changed (a transaction started or ended, or got its CSMS id)."""
        self._changed.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="limits")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def _run(self) -> None:
        while True:
            self._changed.clear()
            await self.publish_now()
            try:
                async with asyncio.timeout(self._interval if self._interval > 0 else None):
                    await self._changed.wait()
            except TimeoutError:
                pass

    async def publish_now(self) -> None:
        by_connector = schedules(self._service, self._duration, self._unit)
        applied = by_connector
        if not self._include_station:
            # Nobody applies connector 0's limit (no EVSE-side limit for the charge point as a
            # whole): the connectors share the ChargePointMaxProfile themselves.
            connectors = {c: s for c, s in by_connector.items() if c != 0}
            applied = self._service.station_shares(connectors)
        for connector, schedule in applied.items():
            try:
                on_machine_clock = schedule
                if self._to_system is not None:
                    start = self._to_system(schedule.start)
                    on_machine_clock = dataclasses.replace(schedule, start=start)
                limits = external_limits(on_machine_clock, self._source)
                outcome = self._apply(connector, limits)
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:  # one EVSE failing must not stop the others' limits
                LOGGER.exception("applying the limits of connector %d failed", connector)
        if self._publish is not None:
            try:
                self._publish(charging_schedules(by_connector))
            except Exception:
                LOGGER.exception("publishing the charging schedules failed")
