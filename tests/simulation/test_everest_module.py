"""The simulated EVSE as a separate EVerest module over a real mosquitto, driven by the
generated EvseManagerClient from another module, joined through a scripted manager."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiomqtt
import pytest
import yaml

from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.types import authorization as _authorization
from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.ocpp16.simulation.everest_modules import SimulatedEvseModule, options_from_config
from everest_py.runtime import Module
from everest_py.runtime.everest.environment import read_module_environment
from everest_py.runtime.everest.errors import decode_error_message
from everest_py.runtime.everest.protocol import WireVersion
from everest_py.runtime.hosting import EverestModule
from everest_py.runtime.mqtt import MqttTransport
from tests.runtime.scripted_manager import PREFIX, ScriptedManager, ScriptedModule
from tests.support.mosquitto import MosquittoBroker

from .support import WAIT

Event = _evse_manager.SessionEventEnum
MANIFESTS = Path(__file__).resolve().parents[2] / "impl" / "simulation" / "manifests"


class Events:
    def __init__(self) -> None:
        self.events: list[_evse_manager.SessionEvent] = []
        self.arrived = asyncio.Event()

    def add(self, event: _evse_manager.SessionEvent) -> None:
        self.events.append(event)
        self.arrived.set()

    async def wait(self, kind: Event, after: int = 0) -> _evse_manager.SessionEvent:
        async with asyncio.timeout(WAIT):
            while True:
                found = [e for e in self.events[after:] if e.event is kind]
                if found:
                    return found[0]
                self.arrived.clear()
                await self.arrived.wait()


def _environment(broker: MosquittoBroker, module_id: str) -> dict[str, str]:
    return {
        "EV_MODULE": module_id,
        "EV_MQTT_BROKER_HOST": broker.host,
        "EV_MQTT_BROKER_PORT": str(broker.port),
        "EV_MQTT_EVEREST_PREFIX": PREFIX,
    }


async def test_simulated_evse_module_over_mqtt(mosquitto_broker: MosquittoBroker) -> None:
    broker = mosquitto_broker
    modules = {"sim_evse_3": ScriptedModule("SimEvse", {}, {"evse_id": 3, "meter_interval": 60})}
    manager = ScriptedManager(broker.host, broker.port, WireVersion.V2025, modules)
    probe = Module("probe", MqttTransport(broker.host, broker.port, prefix=PREFIX))
    client = probe.require(EvseManagerClient, module_id="sim_evse_3", impl_id="evse")
    events = Events()
    hooks = SimulatedEvseModule()
    module = EverestModule(hooks, read_module_environment(_environment(broker, "sim_evse_3")))
    error_topic = f"{PREFIX}modules/sim_evse_3/impl/evse/error/#"
    async with probe, aiomqtt.Client(broker.host, broker.port) as raw:
        await raw.subscribe(error_topic, qos=2)
        subscription: Any = client.subscribe_session_event(events.add)
        await asyncio.wait_for(subscription.wait_active(), WAIT)
        await manager.start()
        try:
            async with module:
                await events.wait(Event.Enabled)
                evse = await client.get_evse()
                assert (evse.id, [c.id for c in evse.connectors]) == (3, [1])

                token = _authorization.ProvidedIdToken(
                    id_token=_authorization.IdToken(
                        value="GOOD", type=_authorization.IdTokenType.ISO14443
                    ),
                    authorization_type=_authorization.AuthorizationType.RFID,
                )
                accepted = _authorization.ValidationResult(
                    authorization_status=_authorization.AuthorizationStatus.Accepted,
                    tariff_messages=[],
                )
                await client.authorize_response(provided_token=token, validation_result=accepted)
                await events.wait(Event.Authorized)
                assert hooks.evse is not None
                hooks.evse.plug_in()
                started = await events.wait(Event.TransactionStarted)
                assert started.transaction_started is not None
                assert started.transaction_started.id_tag.id_token.value == "GOOD"
                await events.wait(Event.ChargingStarted)

                await hooks.evse.inject_fault("MREC2GroundFailure")
                async with asyncio.timeout(WAIT):
                    message = await anext(aiter(raw.messages))
                msg_type, error = decode_error_message(message.payload)  # type: ignore[arg-type]
                assert (msg_type, error.type) == (
                    "RaiseError",
                    "evse_board_support/MREC2GroundFailure",
                )
                await events.wait(Event.ChargingPausedEVSE)
                await hooks.evse.clear_fault()

                mark = len(events.events)
                request = _evse_manager.StopTransactionRequest(
                    reason=_evse_manager.StopTransactionReason.Remote
                )
                assert await client.stop_transaction(request=request)
                finished = await events.wait(Event.TransactionFinished, mark)
                assert finished.transaction_finished is not None
                assert finished.transaction_finished.reason is (
                    _evse_manager.StopTransactionReason.Remote
                )
        finally:
            await manager.close()


@pytest.mark.parametrize("name", ["SimEvse", "SimAuth", "SimSystem"])
def test_manifests_list_what_the_modules_provide_and_read(name: str) -> None:
    manifest = yaml.safe_load((MANIFESTS / name / "manifest.yaml").read_text())
    interfaces = {impl["interface"] for impl in manifest["provides"].values()}
    assert (
        interfaces
        == {
            "SimEvse": {"evse_manager", "external_energy_limits", "car_simulator"},
            "SimAuth": {"auth", "reservation"},
            "SimSystem": {"system"},
        }[name]
    )
    defaults = {key: entry["default"] for key, entry in manifest.get("config", {}).items()}
    defaults.pop("evse_id", None)
    options_from_config(defaults)  # every entry is one the module reads


def test_config_values_become_options() -> None:
    options = options_from_config(
        {"max_current_a": 32, "phases": 1, "unplug_after_stop": -1, "refuse_reset": True}
    )
    assert (options.max_current_a, options.phases) == (32.0, 1)
    assert options.unplug_after_stop is None and options.refuse_reset
