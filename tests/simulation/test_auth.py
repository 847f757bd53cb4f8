"""The simulated Auth: which EVSE a token goes to, validation, remote start, timeouts."""

from __future__ import annotations

import pytest

from everest_py.generated.types import authorization as _authorization
from everest_py.ocpp16.simulation import TokenResult
from everest_py.ocpp16.simulation import auth as auth_module

from .support import Event, bench

TokenStatus = _authorization.TokenValidationStatus


async def test_rfid_at_the_station_goes_to_the_evse_with_a_car_waiting() -> None:
    async with bench(connectors=3) as b:
        await b.station.evse(2).plug_in()
        assert await b.station.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        await b.watch(2).wait_event(Event.TransactionStarted)
        assert b.station.evse(1).state.state == "Idle"
        assert b.station.evse(3).state.state == "Idle"
        assert await b.statuses_of("GOOD", 3) == [
            TokenStatus.Processing,
            TokenStatus.Accepted,
            TokenStatus.UsedToStart,
        ]


async def test_rfid_at_an_evse_reader_goes_to_that_evse() -> None:
    async with bench(connectors=2) as b:
        await b.station.evse(1).plug_in()
        await b.station.evse(2).plug_in()
        assert await b.station.evse(2).present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        await b.watch(2).wait_event(Event.ChargingStarted)
        assert not b.station.evse(1).state.transaction_active


async def test_an_invalid_tag_is_rejected_and_nothing_starts() -> None:
    async with bench() as b:
        await b.station.evse(1).plug_in()
        assert await b.station.present_tag("BAD") is TokenResult.REJECTED
        assert b.validator.asked == ["BAD"]
        assert b.station.evse(1).state.state == "WaitingForAuthentication"
        assert Event.Authorized not in b.watch(1).kinds()


async def test_provider_token_with_connectors_prevalidated_skips_the_validator() -> None:
    async with bench(connectors=2, auto_plug_on_remote_start=False) as b:
        await b.station.evse(2).plug_in()
        b.remote_start("REMOTE", 2, prevalidated=True)
        await b.watch(2).wait_event(Event.TransactionStarted)
        assert b.validator.asked == []


async def test_provider_token_not_prevalidated_is_validated() -> None:
    async with bench(accepted={"REMOTE"}) as b:
        await b.station.evse(1).plug_in()
        b.remote_start("REMOTE", 1, prevalidated=False)
        await b.watch(1).wait_event(Event.TransactionStarted)
        assert b.validator.asked == ["REMOTE"]


async def test_remote_start_on_an_idle_evse_plugs_a_car_in() -> None:
    async with bench(connectors=2) as b:
        watch = b.watch(2)
        await watch.wait_event(Event.Enabled)
        mark = len(watch.events)
        b.remote_start("REMOTE", 2)
        await watch.wait_event(Event.ChargingStarted, mark)
        assert watch.kinds()[mark:] == [
            Event.SessionStarted,
            Event.Authorized,
            Event.AuthRequired,
            Event.TransactionStarted,
            Event.PrepareCharging,
            Event.ChargingStarted,
        ]
        assert b.station.evse(2).state.car_plugged
        assert not b.station.evse(1).state.car_plugged


async def test_without_auto_plug_the_authorization_times_out() -> None:
    async with bench(auto_plug_on_remote_start=False, connection_timeout=0) as b:
        watch = b.watch(1)
        b.remote_start("REMOTE", 1)
        await watch.wait_event(Event.Deauthorized)
        finished = await watch.wait_event(Event.SessionFinished)
        assert finished.session_finished is not None
        assert TokenStatus.TimedOut in await b.statuses_of("REMOTE", 4)
        assert b.station.evse(1).state.state == "Idle"


async def test_no_evse_available_is_rejected() -> None:
    async with bench() as b:
        await b.station.evse(1).plug_in()
        assert await b.station.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        assert await b.station.present_tag("OTHER") is TokenResult.NO_CONNECTOR_AVAILABLE


async def test_withdraw_authorization_before_and_during_a_transaction() -> None:
    async with bench() as b:
        auth = b.auth_client()
        request = _authorization.WithdrawAuthorizationRequest(evse_id=1)
        not_found = await auth.withdraw_authorization(request=request)
        assert not_found is _authorization.WithdrawAuthorizationResult.AuthorizationNotFound
        missing = await auth.withdraw_authorization(
            request=_authorization.WithdrawAuthorizationRequest(evse_id=9)
        )
        assert missing is _authorization.WithdrawAuthorizationResult.EvseNotFound
        await b.station.present_tag("GOOD")  # authorized, no car yet
        accepted = await auth.withdraw_authorization(request=request)
        assert accepted is _authorization.WithdrawAuthorizationResult.Accepted
        await b.watch(1).wait_event(Event.SessionFinished)
        await b.station.evse(1).plug_in()
        await b.station.present_tag("GOOD")
        await b.watch(1).wait_event(Event.TransactionStarted)
        assert await auth.withdraw_authorization(request=request) is accepted
        finished = await b.watch(1).wait_event(Event.TransactionFinished)
        assert finished.transaction_finished is not None
        assert str(finished.transaction_finished.reason) == "DeAuthorized"


async def test_plug_in_timeout_with_several_evses_needs_a_replug() -> None:
    async with bench(connectors=2, plug_in_timeout_enabled=True, connection_timeout=0) as b:
        await b.station.evse(1).plug_in()
        await b.watch(1).wait_event(Event.PluginTimeout)
        # EVSE 1 is out of the game until the car replugs.
        assert await b.station.present_tag("GOOD") is TokenResult.USED_TO_START_TRANSACTION
        await b.watch(2).wait_event(Event.SessionStarted)
        assert not b.station.evse(1).state.authorized


async def test_set_connection_timeout_and_master_pass_group() -> None:
    async with bench() as b:
        await b.auth_client().set_connection_timeout(connection_timeout=30)
        await b.auth_client().set_master_pass_group_id(master_pass_group_id="POLICE")
        assert b.station.auth.connection_timeout == 30
        assert b.station.auth.master_pass_group_id == "POLICE"
        await b.auth_client().set_master_pass_group_id(master_pass_group_id="")
        assert b.station.auth.master_pass_group_id is None


async def test_a_remote_start_before_auths_ready_is_served_once_it_is() -> None:
    # Under the real manager the charge point's provided token can arrive before Auth's ready
    # learnt the EVSE ids: it waits for the start instead of being dropped.
    async with bench(connectors=2, ready=False) as b:
        b.remote_start("REMOTE", 2)
        await b.station.ready()
        await b.watch(2).wait_event(Event.TransactionStarted)
        assert not b.station.evse(1).state.car_plugged


async def test_a_token_is_rejected_with_a_reason_when_auth_never_starts(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(auth_module, "START_WAIT", 0.01)
    async with bench(ready=False) as b:
        b.remote_start("REMOTE", 1)
        assert await b.statuses_of("REMOTE", 1) == [TokenStatus.Rejected]
        assert "token REMOTE rejected: Auth has not started within" in caplog.text


async def test_a_call_spawned_as_auth_stops_leaves_no_coroutine_unawaited() -> None:
    # Auth's stop cancels its spawned calls, some before their first step: the call must be
    # made inside the task, or its coroutine is dropped never awaited (a RuntimeWarning).
    import asyncio
    import gc
    import types
    import warnings

    made: list[str] = []

    async def withdraw() -> None:
        made.append("withdraw")

    auth = auth_module.SimulatedAuth
    owner = types.SimpleNamespace(_tasks=set(), _plug_in_queue=[], connection_timeout=1)
    owner._spawn_call = lambda call, evse: auth._spawn_call(owner, call, evse)  # type: ignore[arg-type]
    client = types.SimpleNamespace(withdraw_authorization=withdraw)
    evse = types.SimpleNamespace(evse_id=1, timer=None, client=client, plug_in_timeout=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        auth._plug_in_timed_out(owner, evse)  # type: ignore[arg-type]
        (task,) = owner._tasks
        task.cancel()
        await asyncio.wait([task])
        assert task.cancelled()
        del task  # the last reference: a coroutine never awaited is reported when it goes
        gc.collect()
    assert made == []
    assert not [w for w in caught if "never awaited" in str(w.message)]
