"""What the simulated station needs to run as separate modules under a real manager: each
SimEvse's car behind car_simulator (how SimAuth's remote start and a technician reach it from
another process), and the 2025 manager's index-less connections numbered by position."""

from __future__ import annotations

import json
from typing import Any

import pytest

from everest_py.ocpp16.simulation import SimulatedStation, SimulationOptions
from everest_py.ocpp16.simulation.everest_modules import (
    CarStepError,
    SimulatedCar,
    parse_car_steps,
)
from everest_py.runtime import InProcessBus
from everest_py.runtime.errors import CommandError
from everest_py.runtime.everest.config import parse_config_response
from everest_py.runtime.everest.protocol import WireVersion, encode_envelope


class EnabledRecorder:
    def __init__(self) -> None:
        self.values: list[bool] = []

    def publish_enabled(self, value: bool) -> None:
        self.values.append(value)


def test_steps_are_parsed_and_fault_names_resolved() -> None:
    assert parse_car_steps("plug; fault evse_manager/MREC4OverCurrentFailure ;; clear;unplug") == [
        ("plug", None),
        ("fault", "evse_manager/MREC4OverCurrentFailure"),
        ("clear", None),
        ("unplug", None),
    ]
    assert parse_car_steps("fault") == [("fault", "evse_board_support/MREC2GroundFailure")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("plug; fly", "step 2: unknown step 'fly'"),
        ("plug 1", "step 1: 'plug' takes 0 argument"),
        ("fault NoSuchError", "step 1: unknown fault 'NoSuchError'"),
        (" ; ", "no step"),
        ("plug;" * 200, "1000 characters, at most 500"),
    ],
)
def test_bad_steps_are_refused_naming_the_step(text: str, message: str) -> None:
    with pytest.raises(CarStepError, match=message):
        parse_car_steps(text)


async def test_the_car_plugs_faults_and_refuses_bad_input_without_doing_any_of_it() -> None:
    station = SimulatedStation(InProcessBus(), options=SimulationOptions(unplug_after_stop=None))
    await station.start()
    try:
        evse = station.evse_handler(1)
        car = SimulatedCar(evse)
        enabled = EnabledRecorder()
        car.attach(enabled)  # type: ignore[arg-type]

        with pytest.raises(CommandError, match="EVSE 1 car simulator: step 2: unknown step"):
            await car.handle_execute_charging_session("plug; fly")
        assert not evse.state.car_plugged  # checked before any step ran

        await car.handle_execute_charging_session(
            "plug; fault evse_manager/MREC4OverCurrentFailure"
        )
        assert evse.state.car_plugged
        assert "evse_manager/MREC4OverCurrentFailure" in evse.state.faults
        await car.handle_execute_charging_session("clear; unplug")
        assert (evse.state.faults, evse.state.car_plugged) == ([], False)

        await car.handle_enable(False)
        with pytest.raises(CommandError, match="disabled"):
            await car.handle_execute_charging_session("plug")
        assert not evse.state.car_plugged
        assert enabled.values == [True, False]
    finally:
        await station.stop()


def _config_response(version: WireVersion, fulfilments: list[dict[str, Any]]) -> bytes:
    config = {
        "module_id": "sim_auth",
        "module_name": "SimAuth",
        "standalone": False,
        "telemetry_enabled": False,
        "configuration_parameters": {"!module": []},
        "connections": {"evse_manager": fulfilments},
        "mapping": None,
    }
    body = {
        "status": "Ok",
        "response": {"type": "Module", "data": {"module_config": config, "mappings": {}}},
    }
    return encode_envelope(version.config_response_type, json.loads(json.dumps(body)))


def _fulfilment(module_id: str, index: int | None) -> dict[str, Any]:
    requirement: dict[str, Any] = {"id": "evse_manager"}
    if index is not None:
        requirement["index"] = index
    return {"module_id": module_id, "implementation_id": "evse", "requirement": requirement}


def test_the_2025_managers_index_less_connections_are_numbered_by_position() -> None:
    # As captured from everest-framework v0.25.0: no "index" in either fulfilment.
    payload = _config_response(
        WireVersion.V2025, [_fulfilment("sim_evse_1", None), _fulfilment("sim_evse_2", None)]
    )
    config = parse_config_response(WireVersion.V2025, payload)
    assert config.connection("evse_manager", 0).module_id == "sim_evse_1"
    assert config.connection("evse_manager", 1).module_id == "sim_evse_2"


def test_indices_the_manager_sent_are_kept() -> None:
    # The 2026 manager numbers them itself (0 is left out on the wire), possibly not in order.
    payload = _config_response(
        WireVersion.V2026, [_fulfilment("sim_evse_2", 1), _fulfilment("sim_evse_1", None)]
    )
    parsed = parse_config_response(WireVersion.V2026, payload)
    assert parsed.connection("evse_manager", 1).module_id == "sim_evse_2"
