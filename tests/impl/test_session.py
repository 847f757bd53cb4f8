"""The session against a CSMS built on the `ocpp` package, over a real loopback websocket."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

import pytest
from ocpp.v16 import call

from everest_py.ocpp16 import ChargePointCore, Registration
from everest_py.ocpp16.security.recorder import RecordedSecurityEvent
from everest_py.ocpp16.security.store import SecurityStoreError
from tests.impl.conftest import StartChargePoint
from tests.impl.csms import WAIT, Csms, Received


class ConnectedLog:
    def __init__(self, core: ChargePointCore) -> None:
        self.values: list[bool] = []
        self._changed = asyncio.Event()
        core.connected_listeners.append(self._on)

    def _on(self, value: bool) -> None:
        self.values.append(value)
        self._changed.set()

    async def wait(self, count: int) -> None:
        async def until() -> None:
            while len(self.values) < count:
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), WAIT)


async def test_boot_sends_identity_then_status_of_every_connector(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    core = await start_charge_point(csms.url)
    boot = await csms.wait_action("BootNotification")
    assert boot.payload == {
        "chargePointVendor": "TestVendor",
        "chargePointModel": "TestModel",
        "chargePointSerialNumber": "SN1",
    }
    await csms.wait_action("StatusNotification", 3)
    statuses = [r.payload for r in csms.actions("StatusNotification")]
    assert [(s["connectorId"], s["status"], s["errorCode"]) for s in statuses] == [
        (0, "Available", "NoError"),
        (1, "Available", "NoError"),
        (2, "Available", "NoError"),
    ]
    assert csms.received[0].action == "BootNotification"
    assert csms.paths == ["/ocpp/CP-1"] and csms.subprotocols == ["ocpp1.6"]
    assert core.connected and core.session.clock.synchronised


async def test_heartbeat_follows_the_interval_of_the_boot_answer(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    csms.boot_answers = [("Accepted", 1)]
    core = await start_charge_point(csms.url)
    await csms.wait_action("Heartbeat", 2, timeout=5)
    assert core.configuration.value("HeartbeatInterval") == "1"


async def test_pending_retries_boot_sends_nothing_else_and_still_answers(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    csms.boot_answers = [("Pending", 1), ("Accepted", 3600)]
    core = await start_charge_point(csms.url)
    await csms.wait_action("BootNotification")
    await csms.wait_for(lambda: core.session.registration.value == "Pending")
    answer = await csms.call(call.GetConfiguration(key=["HeartbeatInterval"]))
    assert answer.configuration_key[0]["key"] == "HeartbeatInterval"
    await csms.wait_action("BootNotification", 2, timeout=5)
    await csms.wait_action("StatusNotification", 3)
    from_cp = [r.action for r in csms.received if r.action != "GetConfiguration"]
    assert from_cp[:2] == ["BootNotification", "BootNotification"]


async def test_rejected_retries_after_the_interval_and_answers_nothing_meanwhile(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    interval = 2
    csms.boot_answers = [("Rejected", interval), ("Accepted", 3600)]
    core = await start_charge_point(csms.url)
    await asyncio.wait_for(core.session.wait_registration(Registration.REJECTED), WAIT)
    # OCPP 1.6 4.2: no answer while Rejected; a triggered boot does not end the wait.
    for request in (
        call.GetConfiguration(key=["HeartbeatInterval"]),
        call.TriggerMessage(requested_message="BootNotification"),
    ):
        with pytest.raises(TimeoutError):
            await csms.call(request, timeout=0.3)
    await csms.wait_action("StatusNotification", 3)
    first, second = csms.actions("BootNotification")[:2]
    assert second.at - first.at >= interval
    assert [r.action for r in csms.received[:2]] == ["BootNotification", "BootNotification"]
    answer = await csms.call(call.GetConfiguration(key=["HeartbeatInterval"]))
    assert answer.configuration_key[0]["value"] == "3600"


@pytest.mark.parametrize("status", ["Rejected", "Pending"])
async def test_the_boot_interval_is_kept_across_a_reconnect(
    csms: Csms, start_charge_point: StartChargePoint, status: str
) -> None:
    # OCPP 1.6 4.2: the interval is the minimum wait before the next BootNotification; a
    # dropped connection does not end it (the reconnect itself comes at once).
    interval = 2
    csms.boot_answers = [(status, interval), ("Accepted", 3600)]
    core = await start_charge_point(csms.url)
    await asyncio.wait_for(core.session.wait_registration(Registration(status)), WAIT)
    await csms.drop_connections()
    await csms.wait_connections(2)
    await csms.wait_action("BootNotification", 2, timeout=WAIT)
    first, second = csms.actions("BootNotification")[:2]
    assert second.connection == 2
    assert second.at - first.at >= interval


async def test_a_triggered_boot_answer_is_acted_on_when_already_accepted(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    core = await start_charge_point(csms.url)
    await csms.wait_action("StatusNotification", 3)
    interval_changed = asyncio.Event()
    core.configuration.add_listener(
        lambda change: (
            interval_changed.set() if change.definition.name == "HeartbeatInterval" else None
        )
    )
    trigger = call.TriggerMessage(requested_message="BootNotification")
    csms.boot_answers = [("Accepted", 7)]
    assert (await csms.call(trigger)).status == "Accepted"
    await asyncio.wait_for(interval_changed.wait(), WAIT)
    assert core.configuration.value("HeartbeatInterval") == "7"

    csms.boot_answers = [("Pending", 1), ("Accepted", 9)]
    assert (await csms.call(trigger)).status == "Accepted"
    await asyncio.wait_for(core.session.wait_registration(Registration.PENDING), WAIT)
    core.security_event("TamperDetectionActivated", "while pending")

    def tamper_events() -> list[Received]:
        events = csms.actions("SecurityEventNotification")
        return [r for r in events if r.payload["type"] == "TamperDetectionActivated"]

    await csms.wait_for(lambda: bool(tamper_events()), what="the security event")
    assert core.configuration.value("HeartbeatInterval") == "9"
    received = csms.received
    pending_boot = [i for i, r in enumerate(received) if r.action == "BootNotification"][2]
    # Back in the registration loop: nothing but the next BootNotification, then as after a
    # first boot (statuses, then the queued security event).
    assert [r.action for r in received[pending_boot + 1 :]] == [
        "BootNotification",
        "StatusNotification",
        "StatusNotification",
        "StatusNotification",
        "SecurityEventNotification",
    ]
    assert received[-1] is tamper_events()[0]


async def test_a_heartbeat_interval_change_applies_at_once(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    await start_charge_point(csms.url)
    await csms.wait_action("StatusNotification", 3)
    assert csms.actions("Heartbeat") == []
    answer = await csms.call(call.ChangeConfiguration(key="HeartbeatInterval", value="1"))
    assert answer.status == "Accepted"
    await csms.wait_action("Heartbeat", timeout=5)


async def test_reconnects_after_a_lost_connection_without_a_new_boot(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    core = await start_charge_point(csms.url)
    connected = ConnectedLog(core)
    await csms.wait_action("StatusNotification", 3)
    await csms.drop_connections()
    await csms.wait_connections(2)
    await connected.wait(2)
    answer = await csms.call(call.GetConfiguration(key=["NumberOfConnectors"]), connection=2)
    assert answer.configuration_key[0]["value"] == "2"
    assert connected.values[-2:] == [False, True]
    assert [r.connection for r in csms.actions("BootNotification")] == [1]


async def test_reset_restarts_the_session_with_a_boot(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    await start_charge_point(csms.url)
    await csms.wait_action("StatusNotification", 3)
    for number, kind in ((2, "Soft"), (3, "Hard")):
        answer = await csms.call(call.Reset(type=kind))
        assert answer.status == "Accepted"
        boot = await csms.wait_action("BootNotification", number)
        assert boot.connection == number
        await csms.wait_action("StatusNotification", 3 * number)

    def resets() -> int:
        events = csms.actions("SecurityEventNotification")
        return sum(1 for r in events if r.payload["type"] == "ResetOrReboot")

    await csms.wait_for(lambda: resets() >= 2, what="two ResetOrReboot security events")


async def test_stop_and_restart(csms: Csms, start_charge_point: StartChargePoint) -> None:
    core = await start_charge_point(csms.url)
    connected = ConnectedLog(core)
    await csms.wait_action("StatusNotification", 3)
    assert await core.restart() is False
    assert await core.stop() is True
    assert connected.values == [True, False]
    assert await core.stop() is False
    assert await core.restart() is True
    await connected.wait(3)
    assert await core.restart() is False
    await csms.wait_connections(2)
    answer = await csms.call(call.GetConfiguration(key=["HeartbeatInterval"]), connection=2)
    assert answer.configuration_key
    assert [r.connection for r in csms.actions("BootNotification")] == [1]


async def test_a_csms_without_the_ocpp16_subprotocol_is_refused(
    start_charge_point: StartChargePoint,
) -> None:
    csms = Csms(select_subprotocol=False)
    await csms.start()
    try:
        core = await start_charge_point(csms.url)
        await csms.wait_connections(3)  # keeps retrying with backoff
        assert csms.actions("BootNotification") == []
        assert not core.connected
    finally:
        await csms.close()


async def test_security_profile_1_reconnects_with_basic_auth(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    await start_charge_point(csms.url)
    await csms.wait_action("StatusNotification", 3)
    refused = await csms.call(call.ChangeConfiguration(key="SecurityProfile", value="1"))
    assert refused.status == "Rejected"  # no AuthorizationKey yet
    key = "0123456789abcdef0123"
    assert (
        await csms.call(call.ChangeConfiguration(key="AuthorizationKey", value=key))
    ).status == ("Accepted")
    accepted = await csms.call(call.ChangeConfiguration(key="SecurityProfile", value="1"))
    assert accepted.status == "Accepted"
    await csms.wait_connections(2)
    expected = "Basic " + base64.b64encode(f"CP-1:{key}".encode()).decode()
    assert csms.authorizations == [None, expected]
    lowered = await csms.call(call.ChangeConfiguration(key="SecurityProfile", value="0"), 2)
    assert lowered.status == "Rejected"


async def test_the_state_survives_a_restart_of_the_process(
    csms: Csms, start_charge_point: StartChargePoint, tmp_path: Path
) -> None:
    first = await start_charge_point(csms.url, tmp_path / "kept")
    await csms.wait_action("StatusNotification", 3)
    await csms.call(call.ChangeConfiguration(key="MeterValueSampleInterval", value="15"))
    await csms.call(call.ChangeAvailability(connector_id=2, type="Inoperative"))
    await csms.wait_action("StatusNotification", 4)  # (2, Unavailable), before the close
    await first.close()
    await start_charge_point(csms.url, tmp_path / "kept")
    await csms.wait_action("StatusNotification", 7)
    restarted = [r.payload for r in csms.actions("StatusNotification") if r.connection == 2]
    assert [(s["connectorId"], s["status"]) for s in restarted] == [
        (0, "Available"),
        (1, "Available"),
        (2, "Unavailable"),
    ]
    answer = await csms.call(call.GetConfiguration(key=["MeterValueSampleInterval"]))
    assert answer.configuration_key[0]["value"] == "15"


@pytest.mark.parametrize("stop_first", [True, False])
async def test_concurrent_stop_and_restart_keep_security_events_working(
    csms: Csms, start_charge_point: StartChargePoint, stop_first: bool
) -> None:
    core = await start_charge_point(csms.url)
    await csms.wait_action("StatusNotification", 3)
    commands = (core.stop(), core.restart()) if stop_first else (core.restart(), core.stop())
    await asyncio.gather(*commands)
    if core.session.stopped:
        assert await core.restart() is True
    recorded = core.security.record("TamperDetectionActivated", "after stop and restart")
    assert recorded.queued is not None

    def delivered() -> bool:
        events = csms.actions("SecurityEventNotification")
        return any(r.payload["type"] == "TamperDetectionActivated" for r in events)

    await csms.wait_for(delivered, what="the security event after stop and restart")


async def test_an_accepted_reset_happens_when_its_security_event_cannot_be_stored(
    csms: Csms, start_charge_point: StartChargePoint, tmp_path: Path
) -> None:
    core = await start_charge_point(csms.url)
    await csms.wait_action("StatusNotification", 3)
    record = core.security.record

    def failing_record(
        event_type: str, tech_info: str | None, critical: bool | None = None
    ) -> RecordedSecurityEvent:
        if event_type == "ResetOrReboot":
            raise SecurityStoreError(tmp_path / "events.sqlite", "database error: disk full")
        return record(event_type, tech_info, critical)

    core.security.record = failing_record  # type: ignore[method-assign]
    assert (await csms.call(call.Reset(type="Soft"))).status == "Accepted"
    boot = await csms.wait_action("BootNotification", 2)
    assert boot.connection == 2


@pytest.mark.parametrize(
    ("compression", "negotiated"), [(None, []), (True, ["permessage-deflate"])]
)
async def test_permessage_deflate_is_offered_only_when_configured(
    csms: Csms,
    start_charge_point: StartChargePoint,
    compression: bool | None,
    negotiated: list[str],
) -> None:
    # Off by default, as libocpp: the CSMS (which would accept it) never sees it offered.
    changes = {} if compression is None else {"compression": compression}
    await start_charge_point(csms.url, **changes)
    await csms.wait_action("BootNotification")
    [connection] = csms.connections
    request = connection.websocket.request
    assert request is not None
    offered = request.headers.get("Sec-WebSocket-Extensions", "")
    assert [e.name for e in connection.websocket.protocol.extensions] == negotiated
    assert ("permessage-deflate" in offered) is bool(negotiated)
