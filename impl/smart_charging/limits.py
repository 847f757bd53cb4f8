"""The limit each connector must keep to now, and the same as EVerest's energy types.

EVerest's OCPP module computes every connector's composite schedule (from now, for its
PublishChargingScheduleDurationS, in its RequestCompositeScheduleUnit) at start, whenever the
CSMS changed profiles and every PublishChargingScheduleIntervalS; it hands each EVSE's schedule
to the EVSE's `external_energy_limits.set_external_limits` and publishes all of them as
`ocpp_generic`'s `charging_schedules`. `external_limits` and `charging_schedules` build those
values; `connector_limits` is the short form for a simulated EVSE."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .composite import CompositeSchedule, Unit, timestamp
from .service import SmartCharging

# The EVerest types load with the first limits built: a charge point without energy sinks never
# builds any (start-up time).
if TYPE_CHECKING:
    from everest_py.generated.types import energy, ocpp

# EVerest's module defaults: a 600 s schedule, refreshed every 60 s.
PUBLISH_DURATION = 600
PUBLISH_INTERVAL = 60


@dataclass(frozen=True)
class ConnectorLimit:
    """The limit a connector must keep to now, and when it changes next."""

    limit: float  # in `unit`; A per phase, W in total
    unit: Unit
    phases: int | None  # None: as many as the connector has
    min_rate: float | None
    next_change: datetime | None  # when the limit changes next (None: not within the horizon)


def connector_limits(
    service: SmartCharging, duration: int = PUBLISH_DURATION, unit: Unit | None = None
) -> dict[int, ConnectorLimit]:
    """For each connector 1..N, the limit in force now and when it next changes."""
    result = {}
    for connector in range(1, service.connectors + 1):
        schedule = service.composite(connector, duration, unit)
        period, change = schedule.period_at(schedule.start)
        result[connector] = ConnectorLimit(
            period.limit, schedule.unit, period.number_phases, period.min_rate, change
        )
    return result


def schedules(
    service: SmartCharging, duration: int = PUBLISH_DURATION, unit: Unit | None = None
) -> dict[int, CompositeSchedule]:
    """Every connector's composite schedule, 0 (the charge point) included, as EVerest's OCPP
    module computes them for publishing."""
    return service.composites(duration, unit)


def external_limits(schedule: CompositeSchedule, source: str) -> energy.ExternalLimits:
    """The value for `external_energy_limits.set_external_limits` of one EVSE: per period the
    A limit (with minChargingRate as the minimum current) or the W limit, and the phase count."""
    from everest_py.generated.types import energy

    entries = []
    for period in schedule.periods:
        limits = energy.LimitsReq()
        if period.number_phases is not None:
            limits.ac_max_phase_count = energy.IntegerWithSource(
                value=period.number_phases, source=source
            )
        if schedule.unit is Unit.amps:
            limits.ac_max_current_A = energy.NumberWithSource(value=period.limit, source=source)
            if period.min_rate is not None:
                limits.ac_min_current_A = energy.NumberWithSource(
                    value=period.min_rate, source=source
                )
        else:
            limits.total_power_W = energy.NumberWithSource(value=period.limit, source=source)
        moment = schedule.start + timedelta(seconds=period.start_period)
        entries.append(
            energy.ScheduleReqEntry(
                timestamp=timestamp(moment),
                limits_to_root=energy.LimitsReq(),
                limits_to_leaves=limits,
            )
        )
    return energy.ExternalLimits(schedule_import=entries, schedule_export=[], schedule_setpoints=[])


def charging_schedules(by_connector: Mapping[int, CompositeSchedule]) -> ocpp.ChargingSchedules:
    """The value `ocpp_generic` publishes as `charging_schedules` (evse = connector id)."""
    from everest_py.generated.types import ocpp

    return ocpp.ChargingSchedules(
        schedules=[
            ocpp.ChargingSchedule(
                evse=connector,
                charging_rate_unit=schedule.unit.value,
                charging_schedule_period=[
                    ocpp.ChargingSchedulePeriod(
                        start_period=period.start_period,
                        limit=period.limit,
                        number_phases=period.number_phases,
                    )
                    for period in schedule.periods
                ],
                duration=schedule.duration,
                start_schedule=timestamp(schedule.start),
                min_charging_rate=schedule.min_charging_rate,
            )
            for connector, schedule in sorted(by_connector.items())
        ]
    )
