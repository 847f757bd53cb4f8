"""OCPP 1.6 meter values from EVerest's `powermeter` readings: each configured measurand the
meter offers becomes sampled values (per phase where the meter reports phases), in the units
OCPP names; a measurand the meter does not offer is left out (OCPP 1.6 3.16.1)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

# Readings arrive from an EVSE's powermeter, whose types load with the EVSE links: a charge
# point without EVSEs never loads them (start-up time).
if TYPE_CHECKING:
    from everest_py.generated.types.powermeter import Powermeter

SampledValue = dict[str, Any]  # camelCase JSON of a SampledValue
_PHASES = ("L1", "L2", "L3")
# Voltage is measured phase to neutral: OCPP names the phases L1-N, L2-N, L3-N.
_VOLTAGE_PHASES = {"L1": "L1-N", "L2": "L2-N", "L3": "L3-N"}


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _totals_and_phases(reading: Any, total_field: str) -> list[tuple[str | None, float]]:
    """(phase, value) pairs of an EVerest units object: its total first, then each phase."""
    if reading is None:
        return []
    pairs: list[tuple[str | None, float]] = []
    total = getattr(reading, total_field, None)
    if total is not None:
        pairs.append((None, float(total)))
    pairs.extend(
        (p, float(getattr(reading, p))) for p in _PHASES if getattr(reading, p, None) is not None
    )
    return pairs


def _energy_import(meter: Powermeter) -> list[tuple[str | None, float]]:
    return _totals_and_phases(meter.energy_Wh_import, "total")


def _energy_export(meter: Powermeter) -> list[tuple[str | None, float]]:
    return _totals_and_phases(meter.energy_Wh_export, "total")


def _power_import(meter: Powermeter) -> list[tuple[str | None, float]]:
    return [(p, max(v, 0.0)) for p, v in _totals_and_phases(meter.power_W, "total")]


def _power_export(meter: Powermeter) -> list[tuple[str | None, float]]:
    return [(p, max(-v, 0.0)) for p, v in _totals_and_phases(meter.power_W, "total")]


def _current(meter: Powermeter) -> list[tuple[str | None, float]]:
    return _totals_and_phases(meter.current_A, "DC")


def _voltage(meter: Powermeter) -> list[tuple[str | None, float]]:
    pairs = _totals_and_phases(meter.voltage_V, "DC")
    return [(_VOLTAGE_PHASES.get(p, p) if p else None, v) for p, v in pairs]


def _frequency(meter: Powermeter) -> list[tuple[str | None, float]]:
    frequency = meter.frequency_Hz
    return [] if frequency is None else [(None, float(frequency.L1))]


def _reactive(meter: Powermeter) -> list[tuple[str | None, float]]:
    return _totals_and_phases(meter.VAR, "total")


def _temperature(meter: Powermeter) -> list[tuple[str | None, float]]:
    return [(None, float(t.temperature)) for t in (meter.temperatures or [])[:1]]


Reader = Callable[["Powermeter"], list[tuple[str | None, float]]]
# measurand -> (how to read it, unit)
MEASURANDS: dict[str, tuple[Reader, str]] = {
    "Energy.Active.Import.Register": (_energy_import, "Wh"),
    "Energy.Active.Export.Register": (_energy_export, "Wh"),
    "Power.Active.Import": (_power_import, "W"),
    "Power.Active.Export": (_power_export, "W"),
    "Current.Import": (_current, "A"),
    "Voltage": (_voltage, "V"),
    "Frequency": (_frequency, None),  # type: ignore[dict-item]  # OCPP has no Hz unit
    "Power.Reactive.Import": (_reactive, "var"),
    "Temperature": (_temperature, "Celsius"),
}


def sampled_values(
    meter: Powermeter, measurands: Iterable[str], context: str
) -> list[SampledValue]:
    """The sampled values of `measurands` in `meter`, all with `context`."""
    values: list[SampledValue] = []
    for measurand in measurands:
        known = MEASURANDS.get(measurand)
        if known is None:
            continue
        read, unit = known
        for phase, number in read(meter):
            value: SampledValue = {"value": _number(number), "context": context}
            value["measurand"] = measurand
            if phase is not None:
                value["phase"] = phase
            value["location"] = "Outlet"
            if unit is not None:
                value["unit"] = unit
            values.append(value)
    return values


def meter_value(timestamp: str, values: list[SampledValue]) -> dict[str, Any]:
    return {"timestamp": timestamp, "sampledValue": values}


def measurand_list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def energy_wh(meter: Powermeter | None) -> int:
    """The import register in whole Wh (StartTransaction meterStart, StopTransaction meterStop)."""
    return 0 if meter is None else round(meter.energy_Wh_import.total)
