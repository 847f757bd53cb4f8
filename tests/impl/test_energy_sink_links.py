"""Which `evse_energy_sink` limits which connector: by the sink module's 3-tier mapping under
EVerest (0 = the whole station), by position otherwise; and the core hands each connector's
limits to its sink, the station's only when a sink is mapped to connector 0."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from typing import Any, cast

import pytest

from everest_py.generated.types import energy as _energy
from everest_py.ocpp16 import ChargePointCore
from everest_py.ocpp16.charging import ChargingLinks, RequirementError
from everest_py.ocpp16.charging.links import sinks_by_connector
from everest_py.ocpp16.everest_module import _energy_sinks
from everest_py.runtime.everest.config import Connection, Mapping3Tier
from everest_py.runtime.hosting import ModuleContext
from tests.impl.conftest import settings_for


def test_sinks_go_by_position_unless_mapped() -> None:
    assert sinks_by_connector(["a", "b"]) == {1: "a", 2: "b"}
    assert sinks_by_connector(["a", "b", "c"], [0, 2, None]) == {0: "a", 2: "b", 3: "c"}
    with pytest.raises(RequirementError, match="two sinks for connector 1"):
        sinks_by_connector(["a", "b"], [None, 1])
    with pytest.raises(RequirementError, match="130 connections, at most 129"):
        sinks_by_connector(list(range(130)))


def test_under_everest_the_sink_modules_mapping_decides() -> None:
    connections = tuple(
        Connection("evse_energy_sink", index, module, "energy_sink")
        for index, module in enumerate(["station_sink", "sink_a", "unmapped"])
    )
    config = SimpleNamespace(
        connections={"evse_energy_sink": connections},
        mappings=MappingProxyType({"station_sink": Mapping3Tier(0), "sink_a": Mapping3Tier(2)}),
    )

    def require_all(_client: type[Any], requirement: str) -> list[str]:
        return [c.module_id for c in config.connections.get(requirement, ())]

    ctx = cast(ModuleContext, SimpleNamespace(config=config, require_all=require_all))
    assert cast(dict[int, Any], _energy_sinks(ctx)) == {
        0: "station_sink",
        2: "sink_a",
        3: "unmapped",  # no mapping: its position (the third connection)
    }


class FakeSink:
    def __init__(self) -> None:
        self.limits: list[_energy.ExternalLimits] = []
        self.arrived = asyncio.Event()

    async def set_external_limits(
        self, value: _energy.ExternalLimits, *, timeout: float | None = None
    ) -> None:
        self.limits.append(value)
        self.arrived.set()


async def test_the_core_applies_each_connectors_limits_to_its_sink(tmp_path: Path) -> None:
    station, first = FakeSink(), FakeSink()
    links = ChargingLinks(energy_sinks=cast(dict[int, Any], {0: station, 1: first}))
    # No CSMS listens: the limits do not wait for one.
    core = ChargePointCore(settings_for("ws://127.0.0.1:9/x", tmp_path), links=links)
    await core.start()
    try:
        async with asyncio.timeout(10):
            await station.arrived.wait()
            await first.arrived.wait()
    finally:
        await core.close()
    # No profile: libocpp's default 48 A, from now on.
    current = first.limits[0].schedule_import[0].limits_to_leaves.ac_max_current_A
    assert current is not None and current.value == 48.0
    assert station.limits[0].schedule_import[0].limits_to_leaves.ac_max_current_A is not None
