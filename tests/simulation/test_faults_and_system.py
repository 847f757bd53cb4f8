"""Injected faults (EVerest errors on the bus, charging paused) and the simulated system."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.generated.types import system as _system
from everest_py.ocpp16.simulation import TokenResult, UnknownFault
from everest_py.runtime.everest.errors import ErrorSeverity

from .support import WAIT, Event, bench


async def test_a_fault_pauses_charging_raises_errors_and_clearing_resumes() -> None:
    async with bench() as b:
        watch, control = b.watch(1), b.station.evse(1)
        await control.plug_in()
        await control.present_tag("GOOD")
        await watch.wait_event(Event.ChargingStarted)
        mark = len(watch.events)

        raised = await control.inject_fault("MREC2GroundFailure")
        assert raised == "evse_board_support/MREC2GroundFailure"
        paused = await watch.wait_event(Event.ChargingPausedEVSE, mark)
        assert paused.charging_paused_evse is not None
        assert paused.charging_paused_evse.reasons == [
            _evse_manager.PauseChargingEVSEReasonEnum.Error
        ]
        assert control.state.power_w == 0.0 and control.state.faults == [raised]
        cause, inoperative = b.errors
        assert (cause.type, inoperative.type) == (raised, "evse_manager/Inoperative")
        assert cause.is_active and cause.severity is ErrorSeverity.HIGH
        assert (cause.origin.module_id, cause.origin.implementation_id) == ("sim_evse_1", "evse")
        assert cause.origin.mapping is not None and cause.origin.mapping.evse == 1
        assert inoperative.message == raised
        assert {e.type for e in b.bus.active_errors} == {raised, inoperative.type}

        mark = len(watch.events)
        assert await control.clear_fault() == [raised]
        await watch.wait_event(Event.ChargingStarted, mark)
        cleared = b.errors[2:]
        assert [(e.type, e.is_active) for e in cleared] == [
            (raised, False),
            ("evse_manager/Inoperative", False),
        ]
        assert [e.uuid for e in cleared] == [cause.uuid, inoperative.uuid]
        assert b.bus.active_errors == []
        assert control.state.power_w == 11040.0


async def test_a_faulted_idle_evse_is_not_offered_to_tokens() -> None:
    async with bench() as b:
        await b.station.evse(1).inject_fault("evse_manager/MREC4OverCurrentFailure")
        assert await b.station.present_tag("GOOD") is TokenResult.NO_CONNECTOR_AVAILABLE
        assert not await b.evse_client(1).reserve(reservation_id=1)
        await b.station.evse(1).clear_fault()
        assert await b.station.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION


async def test_unknown_fault_names_are_refused() -> None:
    async with bench() as b:
        with pytest.raises(UnknownFault, match="NoSuchError"):
            await b.station.evse(1).inject_fault("NoSuchError")
        assert b.errors == []


async def test_reset_refused_when_configured() -> None:
    async with bench(refuse_reset=True) as b:
        system = b.system_client()
        assert await system.is_reset_allowed(type=_system.ResetType.Hard) is False


async def test_reset_reboots_the_evses_and_tells_the_hook() -> None:
    async with bench() as b:
        system = b.system_client()
        control = b.station.evse(1)
        await control.plug_in()
        await control.present_tag("GOOD")
        await b.watch(1).wait_event(Event.ChargingStarted)
        b.clock.advance(3600)
        energy = control.state.energy_wh
        rebooted: asyncio.Queue[_system.ResetType] = asyncio.Queue(4)

        async def hook(reset_type: _system.ResetType) -> None:
            rebooted.put_nowait(reset_type)

        b.station.on_reboot = hook
        assert await system.is_reset_allowed(type=_system.ResetType.Soft) is True
        await system.reset(type=_system.ResetType.Soft, scheduled=False)
        async with asyncio.timeout(WAIT):
            assert await rebooted.get() is _system.ResetType.Soft
        assert [(r.type, r.scheduled) for r in b.station.system.resets] == [
            (_system.ResetType.Soft, False)
        ]
        assert await system.get_boot_reason() is _system.BootReason.RemoteReset
        # The meter kept its register; the car, still plugged, starts a new session.
        assert control.state.energy_wh == energy
        assert control.state.state == "WaitingForAuthentication"
        assert not control.state.transaction_active


async def test_system_time_boot_reason_and_missing_capabilities() -> None:
    async with bench() as b:
        system = b.system_client()
        assert await system.get_boot_reason() is _system.BootReason.PowerUp
        moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        assert await system.set_system_time(timestamp=moment)
        assert b.station.system.system_time == moment
        # A signed update without its signature: Rejected (tests/simulation/test_system_*.py
        # cover firmware and logs).
        firmware = await system.update_firmware(
            firmware_update_request=_system.FirmwareUpdateRequest(
                request_id=1, location="http://127.0.0.1/fw.bin"
            )
        )
        assert firmware is _system.UpdateFirmwareResponse.Rejected


async def test_a_reboot_clears_the_faults_raised_before_it() -> None:
    async with bench() as b:
        await b.station.evse(1).inject_fault()
        rebooted = asyncio.Event()

        async def hook(reset_type: _system.ResetType) -> None:
            rebooted.set()

        b.station.on_reboot = hook
        await b.system_client().reset(type=_system.ResetType.Hard, scheduled=True)
        async with asyncio.timeout(WAIT):
            await rebooted.wait()
        assert b.bus.active_errors == []
        assert [e.is_active for e in b.errors] == [True, True, False, False]
        assert b.station.evse(1).state.faults == []
        assert await b.station.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
