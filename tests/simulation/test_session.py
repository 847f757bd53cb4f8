"""A whole charging session on a simulated EVSE, event by event, as EvseManager publishes it."""

from __future__ import annotations

from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.generated.types import iso15118 as _iso15118
from everest_py.ocpp16.simulation import TokenResult

from .support import Event, bench

StopReason = _evse_manager.StopTransactionReason


async def test_start_publishes_what_evse_manager_publishes_when_ready() -> None:
    async with bench() as b:
        watch = b.watch(1)
        enabled = await watch.wait_event(Event.Enabled)
        assert enabled.source is not None
        assert watch.ready == [True]
        evse = await b.evse_client(1).get_evse()
        assert (evse.id, [c.id for c in evse.connectors]) == (1, [1])


async def test_plug_authorize_charge_pause_stop_unplug() -> None:
    async with bench() as b:
        watch, control = b.watch(1), b.station.evse(1)
        await watch.wait_event(Event.Enabled)
        start = len(watch.events)

        await control.plug_in()
        started = await watch.wait_event(Event.AuthRequired, start)
        first = watch.events[start]
        assert first.event is Event.SessionStarted and first.session_started is not None
        assert first.session_started.reason is _evse_manager.StartSessionReason.EVConnected
        assert started.uuid == first.uuid != ""

        assert await control.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        await watch.wait_event(Event.ChargingStarted, start)
        assert watch.kinds()[start:] == [
            Event.SessionStarted,
            Event.AuthRequired,
            Event.Authorized,
            Event.TransactionStarted,
            Event.PrepareCharging,
            Event.ChargingStarted,
        ]
        tx = next(e for e in watch.events if e.event is Event.TransactionStarted)
        assert tx.transaction_started is not None
        assert tx.transaction_started.id_tag.id_token.value == "GOOD"
        meter_start = tx.transaction_started.meter_value.energy_Wh_import.total
        assert b.validator.asked == ["GOOD"]

        # An hour at 3 x 16 A x 230 V: 11.04 kWh more on the register.
        b.clock.advance(3600)
        count = len(watch.meter)
        b.tickers[0].tick()
        reading = await watch.wait_meter(count + 1)
        assert reading.energy_Wh_import.total - meter_start == 11040.0
        assert reading.power_W is not None and reading.power_W.total == 11040.0
        assert reading.current_A is not None and reading.current_A.L3 == 16.0
        assert reading.voltage_V is not None and reading.voltage_V.L1 == 230.0

        mark = len(watch.events)
        await control.pause_ev()
        await watch.wait_event(Event.ChargingPausedEV, mark)
        assert watch.kinds()[mark:] == [Event.StoppingCharging, Event.ChargingPausedEV]
        assert control.state.power_w == 0.0
        b.clock.advance(600)  # no power: the register stays
        assert control.state.energy_wh == meter_start + 11040.0
        await control.resume_ev()
        await watch.wait_event(Event.ChargingStarted, mark)

        mark = len(watch.events)
        b.clock.advance(60)
        stopped = await b.evse_client(1).stop_transaction(
            request=_evse_manager.StopTransactionRequest(reason=StopReason.Remote)
        )
        assert stopped is True
        finished = await watch.wait_event(Event.TransactionFinished, mark)
        assert watch.kinds()[mark:] == [
            Event.StoppingCharging,
            Event.ChargingFinished,
            Event.TransactionFinished,
        ]
        assert finished.transaction_finished is not None
        assert finished.transaction_finished.reason is StopReason.Remote
        meter_stop = finished.transaction_finished.meter_value.energy_Wh_import.total
        assert meter_stop == meter_start + 11040.0 + 184.0

        mark = len(watch.events)
        await control.unplug()
        done = await watch.wait_event(Event.SessionFinished, mark)
        assert done.session_finished is not None and control.state.state == "Idle"
        assert watch.protocols[0] == "IEC61851-1" and watch.protocols[-1] == "Unknown"
        # Nothing to stop any more.
        assert not await b.evse_client(1).stop_transaction(
            request=_evse_manager.StopTransactionRequest(reason=StopReason.Remote)
        )


async def test_unplugging_while_charging_ends_the_transaction_as_ev_disconnected() -> None:
    async with bench() as b:
        watch, control = b.watch(1), b.station.evse(1)
        await control.plug_in()
        await control.present_tag("GOOD")
        await watch.wait_event(Event.ChargingStarted)
        await control.unplug()
        finished = await watch.wait_event(Event.TransactionFinished)
        assert finished.transaction_finished is not None
        assert finished.transaction_finished.reason is StopReason.EVDisconnected
        await watch.wait_event(Event.SessionFinished)


async def test_evse_side_pause_and_resume() -> None:
    async with bench() as b:
        watch, control, client = b.watch(1), b.station.evse(1), b.evse_client(1)
        assert not await client.pause_charging()  # no transaction yet
        await control.plug_in()
        await control.present_tag("GOOD")
        await watch.wait_event(Event.ChargingStarted)
        mark = len(watch.events)
        assert await client.pause_charging()
        paused = await watch.wait_event(Event.ChargingPausedEVSE, mark)
        assert paused.charging_paused_evse is not None
        assert paused.charging_paused_evse.reasons == [
            _evse_manager.PauseChargingEVSEReasonEnum.UserPause
        ]
        assert control.state.power_w == 0.0
        assert await client.resume_charging()
        await watch.wait_event(Event.ChargingStarted, mark)
        assert control.state.power_w == 11040.0


async def test_stop_transaction_keeps_the_id_tag_of_the_request_and_the_car_unplugs_later() -> None:
    async with bench(unplug_after_stop=0.0) as b:
        watch, control = b.watch(1), b.station.evse(1)
        await control.plug_in()
        await control.present_tag("GOOD")
        await watch.wait_event(Event.ChargingStarted)
        # The same card again at the reader stops the transaction (Auth: Local, with the tag).
        assert await control.present_tag("GOOD") is TokenResult.USED_TO_STOP_TRANSACTION
        finished = await watch.wait_event(Event.TransactionFinished)
        assert finished.transaction_finished is not None
        assert finished.transaction_finished.reason is StopReason.Local
        assert finished.transaction_finished.id_tag is not None
        assert finished.transaction_finished.id_tag.id_token.value == "GOOD"
        await watch.wait_event(Event.SessionFinished)
        assert not control.state.car_plugged


async def test_authorization_first_then_plug_in() -> None:
    async with bench() as b:
        watch, control = b.watch(1), b.station.evse(1)
        await watch.wait_event(Event.Enabled)
        mark = len(watch.events)
        assert await b.station.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        started = await watch.wait_event(Event.SessionStarted, mark)
        assert started.session_started is not None
        assert started.session_started.reason is _evse_manager.StartSessionReason.Authorized
        assert started.session_started.id_tag is not None
        await control.plug_in()
        await watch.wait_event(Event.ChargingStarted, mark)
        assert watch.kinds()[mark:] == [
            Event.SessionStarted,
            Event.Authorized,
            Event.AuthRequired,
            Event.TransactionStarted,
            Event.PrepareCharging,
            Event.ChargingStarted,
        ]


async def test_disable_stops_the_transaction_and_enable_returns() -> None:
    async with bench() as b:
        watch, control, client = b.watch(1), b.station.evse(1), b.evse_client(1)
        await control.plug_in()
        await control.present_tag("GOOD")
        await watch.wait_event(Event.ChargingStarted)
        source = _evse_manager.EnableDisableSource(
            enable_source=_evse_manager.EnableDisableSourceEnableSource.CSMS,
            enable_state=_evse_manager.EnableDisableSourceEnableState.Disable,
            enable_priority=5000,
        )
        mark = len(watch.events)
        assert await client.enable_disable(connector_id=0, cmd_source=source) is False
        disabled = await watch.wait_event(Event.Disabled, mark)
        assert disabled.source is not None and disabled.connector_id is None
        finished = next(e for e in watch.events if e.event is Event.TransactionFinished)
        assert finished.transaction_finished is not None
        assert finished.transaction_finished.reason is StopReason.EVSEDisabled
        assert control.state.state == "Disabled"
        source.enable_state = _evse_manager.EnableDisableSourceEnableState.Enable
        mark = len(watch.events)
        assert await client.enable_disable(connector_id=1, cmd_source=source) is True
        enabled = await watch.wait_event(Event.Enabled, mark)
        assert enabled.connector_id == 1
        # The car still in the socket is seen again: a new session waits for authorization.
        await watch.wait_event(Event.AuthRequired, mark)


async def test_reservation_events_and_refusals() -> None:
    async with bench() as b:
        watch, client = b.watch(1), b.evse_client(1)
        assert await client.reserve(reservation_id=7)
        start = await watch.wait_event(Event.ReservationStart)
        assert start.uuid == ""
        assert not await client.reserve(reservation_id=8)  # reserved for another
        await client.cancel_reservation()
        await watch.wait_event(Event.ReservationEnd)
        await b.station.evse(1).plug_in()
        assert not await client.reserve(reservation_id=9)  # a car is there


async def test_force_unlock_ends_the_transaction_and_without_hlc_answers_no_hlc() -> None:
    async with bench() as b:
        watch, control, client = b.watch(1), b.station.evse(1), b.evse_client(1)
        await control.plug_in()
        await control.present_tag("GOOD")
        await watch.wait_event(Event.ChargingStarted)
        assert await client.force_unlock(connector_id=1)
        finished = await watch.wait_event(Event.TransactionFinished)
        assert finished.transaction_finished is not None
        assert finished.transaction_finished.reason is StopReason.UnlockCommand
        assert not await client.external_ready_to_start_charging()
        modes = await client.update_allowed_energy_transfer_modes(
            allowed_energy_transfer_modes=[_iso15118.EnergyTransferMode.AC_three_phase_core]
        )
        assert modes is _evse_manager.UpdateAllowedEnergyTransferModesResult.NoHlc
        der = await client.set_der_available(available=True)
        assert der is _evse_manager.SetDerAvailableResult.NoHlc
