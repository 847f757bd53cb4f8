"""What the CSMS asks of a charging station, carried out through the EVSEs: remote start/stop,
UnlockConnector, ChangeAvailability (Scheduled while charging), Reset through `system`,
TriggerMessage per connector; errors, MinimumStatusDuration and clock-aligned meter values."""

from __future__ import annotations

from pathlib import Path

from ocpp.v16 import call

from everest_py.generated.types import evse_manager
from everest_py.generated.types.evse_manager import StopTransactionReason
from tests.impl.charging_fakes import (
    FakeEvse,
    Station,
    charging_with_inoperative_scheduled,
    station,
)
from tests.impl.csms import Csms, Received


def statuses(csms: Csms, connector: int) -> list[str]:
    return [
        r.payload["status"]
        for r in csms.actions("StatusNotification")
        if r.payload["connectorId"] == connector
    ]


def status_is(csms: Csms, connector: int, status: str) -> bool:
    return statuses(csms, connector)[-1:] == [status]


async def test_remote_start_chooses_an_idle_connector(csms: Csms, tmp_path: Path) -> None:
    config = {"AuthorizeRemoteTxRequests": "false"}
    async with station(csms.url, tmp_path, connectors=2, configuration=config) as site:
        await csms.wait_for(lambda: status_is(csms, 2, "Available"), what="Available")
        site.evses[0].plug_in()
        site.evses[0].start_transaction("LOCAL")
        await csms.wait_for(lambda: status_is(csms, 1, "Charging"), what="Charging")
        busy = await csms.call(call.RemoteStartTransaction(id_tag="R", connector_id=1))
        missing = await csms.call(call.RemoteStartTransaction(id_tag="R", connector_id=3))
        assert (busy.status, missing.status) == ("Rejected", "Rejected")
        profile = {
            "chargingProfileId": 1,
            "stackLevel": 0,
            "chargingProfilePurpose": "TxProfile",
            "chargingProfileKind": "Relative",
            "chargingSchedule": {
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16}],
            },
        }
        answer = await csms.call(
            call.RemoteStartTransaction(id_tag="REMOTE", charging_profile=profile)
        )
        assert answer.status == "Accepted"
        start = await csms.wait_action("StartTransaction", 2)
        assert (start.payload["connectorId"], start.payload["idTag"]) == (2, "REMOTE")
        assert csms.actions("Authorize") == []  # AuthorizeRemoteTxRequests is false
        transaction = site.core.charging.evses[2].transaction
        assert transaction.charging_profile["charging_profile_id"] == 1


async def test_remote_start_rejects_a_profile_it_could_not_use(csms: Csms, tmp_path: Path) -> None:
    # OCPP 1.6 §5.11: the profile of a RemoteStartTransaction SHALL be a TxProfile; one that
    # could not be installed is refused in the answer, not dropped after an Accepted.
    config = {"AuthorizeRemoteTxRequests": "false"}
    async with station(csms.url, tmp_path, configuration=config) as site:
        await csms.wait_for(lambda: status_is(csms, 1, "Available"), what="Available")

        def profile(purpose: str = "TxProfile", stack_level: int = 0) -> dict[str, object]:
            return {
                "chargingProfileId": 7,
                "stackLevel": stack_level,
                "chargingProfilePurpose": purpose,
                "chargingProfileKind": "Relative",
                "chargingSchedule": {
                    "chargingRateUnit": "A",
                    "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 6}],
                },
            }

        for refused in (profile("TxDefaultProfile"), profile(stack_level=10_000)):
            answer = await csms.call(
                call.RemoteStartTransaction(id_tag="R", connector_id=1, charging_profile=refused)
            )
            assert answer.status == "Rejected", refused
        assert site.core.smart_charging.profiles == ()
        answer = await csms.call(
            call.RemoteStartTransaction(id_tag="R", connector_id=1, charging_profile=profile())
        )
        assert answer.status == "Accepted"
        await csms.wait_action("StartTransaction")


async def test_unlock_connector(csms: Csms, tmp_path: Path) -> None:
    async with station(csms.url, tmp_path) as site:
        evse = site.evses[0]
        await csms.wait_action("StatusNotification", 2)
        assert (await csms.call(call.UnlockConnector(connector_id=1))).status == "Unlocked"
        evse.unlock_result = False
        assert (await csms.call(call.UnlockConnector(connector_id=1))).status == "UnlockFailed"
        assert (await csms.call(call.UnlockConnector(connector_id=4))).status == "NotSupported"
        evse.unlock_result = True
        evse.plug_in()
        evse.start_transaction("TAG")
        await csms.wait_action("StartTransaction")
        assert (await csms.call(call.UnlockConnector(connector_id=1))).status == "Unlocked"
        stop = await csms.wait_action("StopTransaction")
        assert stop.payload["reason"] == "UnlockCommand"


async def charging_on_connector_1(csms: Csms, site: Station) -> FakeEvse:
    """A local transaction on connector 1, until the CSMS heard it is Charging."""
    evse = site.evses[0]
    await csms.wait_action("StatusNotification", 2)
    evse.plug_in()
    evse.start_transaction("TAG")
    await csms.wait_for(lambda: status_is(csms, 1, "Charging"), what="Charging")
    return evse


async def test_change_availability_is_scheduled_while_charging(csms: Csms, tmp_path: Path) -> None:
    async with station(csms.url, tmp_path) as site:
        evse = await charging_on_connector_1(csms, site)
        answer = await csms.call(call.ChangeAvailability(connector_id=1, type="Inoperative"))
        assert answer.status == "Scheduled"
        evse.finish(StopTransactionReason.Local)
        assert await evse.wait_command("enable_disable") == "Disable"
        evse.unplug()
        await csms.wait_for(lambda: status_is(csms, 1, "Unavailable"), what="Unavailable")
        assert statuses(csms, 1)[-3:] == ["Charging", "Finishing", "Unavailable"]


async def test_the_availability_a_charging_connector_already_has_is_accepted(
    csms: Csms, tmp_path: Path
) -> None:
    """§5.2: asked for the availability it already has, a connector answers Accepted,
    transaction or not; only a change waits for the transaction's end (Scheduled)."""
    async with station(csms.url, tmp_path) as site:
        await charging_on_connector_1(csms, site)
        for connector in (1, 0):
            same = call.ChangeAvailability(connector_id=connector, type="Operative")
            assert (await csms.call(same)).status == "Accepted"
        change = call.ChangeAvailability(connector_id=1, type="Inoperative")
        assert (await csms.call(change)).status == "Scheduled"
        assert statuses(csms, 1)[-1] == "Charging"


async def test_connector_0_inoperative_then_connector_1_operative(
    csms: Csms, tmp_path: Path
) -> None:
    async with station(csms.url, tmp_path) as site:
        await csms.wait_action("StatusNotification", 2)
        answer = await csms.call(call.ChangeAvailability(connector_id=0, type="Inoperative"))
        assert answer.status == "Accepted"
        await csms.wait_for(lambda: status_is(csms, 1, "Unavailable"), what="Unavailable")
        answer = await csms.call(call.ChangeAvailability(connector_id=1, type="Operative"))
        assert answer.status == "Accepted"
        await csms.wait_for(lambda: status_is(csms, 1, "Available"), what="Available again")
        assert await site.evses[0].wait_command("enable_disable", 2) == "Enable"
        assert status_is(csms, 0, "Unavailable")


async def test_reset_stops_transactions_and_asks_system(csms: Csms, tmp_path: Path) -> None:
    async with station(csms.url, tmp_path, with_system=True) as site:
        evse, system = site.evses[0], site.system
        assert system is not None
        await csms.wait_action("StatusNotification", 2)
        evse.plug_in()
        evse.start_transaction("TAG")
        await csms.wait_action("StartTransaction")
        system.allow = False
        assert (await csms.call(call.Reset(type="Hard"))).status == "Rejected"
        system.allow = True
        assert (await csms.call(call.Reset(type="Soft"))).status == "Accepted"
        stop = await csms.wait_action("StopTransaction")
        assert stop.payload["reason"] == "SoftReset"
        await csms.wait_for(lambda: bool(system.resets), what="system.reset")
        assert system.resets == [("Soft", False)]


async def test_trigger_meter_values_with_nothing_to_send_is_rejected(
    csms: Csms, tmp_path: Path
) -> None:
    # OCPP 1.6 5.17: Accepted means the message will be sent; with no reading yet, or no
    # measurand configured, there is none to send.
    async with station(csms.url, tmp_path, connectors=2) as site:
        await csms.wait_action("StatusNotification", 3)
        trigger = call.TriggerMessage(requested_message="MeterValues", connector_id=2)
        assert (await csms.call(trigger)).status == "Rejected"
        site.evses[1].publish_meter(add_wh=5)
        await csms.wait_for(lambda: site.core.charging.triggered_meter_values(2) != [])
        changed = await csms.call(call.ChangeConfiguration(key="MeterValuesSampledData", value=""))
        assert changed.status == "Accepted"
        assert (await csms.call(trigger)).status == "Rejected"
        assert csms.actions("MeterValues") == []


async def test_trigger_meter_values_and_status_per_connector(csms: Csms, tmp_path: Path) -> None:
    async with station(csms.url, tmp_path, connectors=2) as site:
        await csms.wait_action("StatusNotification", 3)
        site.evses[1].publish_meter(add_wh=5)
        answer = await csms.call(
            call.TriggerMessage(requested_message="MeterValues", connector_id=2)
        )
        assert answer.status == "Accepted"
        triggered = await csms.wait_action("MeterValues")
        assert triggered.payload["connectorId"] == 2
        value = triggered.payload["meterValue"][0]["sampledValue"][0]
        assert (value["context"], value["value"]) == ("Trigger", "2005")
        for message in ("MeterValues", "StatusNotification"):
            answer = await csms.call(call.TriggerMessage(requested_message=message, connector_id=3))
            assert answer.status == "Rejected"
        answer = await csms.call(
            call.TriggerMessage(requested_message="StatusNotification", connector_id=2)
        )
        assert answer.status == "Accepted"
        await csms.wait_action("StatusNotification", 4)
        assert csms.actions("StatusNotification")[-1].payload["connectorId"] == 2


async def test_an_error_faults_the_connector_until_cleared(csms: Csms, tmp_path: Path) -> None:
    async with station(csms.url, tmp_path) as site:
        await csms.wait_action("StatusNotification", 2)
        charging = site.core.charging
        charging.evse_error(0, "lock", "connector_lock/MREC1ConnectorLockFailure", True)
        await csms.wait_for(lambda: status_is(csms, 1, "Faulted"), what="Faulted")
        faulted = csms.actions("StatusNotification")[-1].payload
        assert faulted["errorCode"] == "ConnectorLockFailure"
        assert (faulted["vendorId"], faulted["vendorErrorCode"]) == (
            "https://chargex.inl.gov",
            "CX001",
        )
        charging.evse_error(0, "lock", "connector_lock/MREC1ConnectorLockFailure", False)
        await csms.wait_for(lambda: status_is(csms, 1, "Available"), what="Available")
        assert csms.actions("StatusNotification")[-1].payload["errorCode"] == "NoError"


async def test_minimum_status_duration_hides_short_flips(csms: Csms, tmp_path: Path) -> None:
    async with station(csms.url, tmp_path, configuration={"MinimumStatusDuration": "1"}) as site:
        evse = site.evses[0]
        await csms.wait_action("StatusNotification", 2)
        evse.plug_in()
        evse.unplug()
        evse.plug_in()
        await csms.wait_for(lambda: status_is(csms, 1, "Preparing"), what="Preparing")
        assert statuses(csms, 1) == ["Available", "Preparing"]


async def test_clock_aligned_meter_values(csms: Csms, tmp_path: Path) -> None:
    config = {"ClockAlignedDataInterval": "1"}
    async with station(csms.url, tmp_path, configuration=config) as site:
        site.evses[0].publish_meter()

        def aligned(connector: int) -> list[Received]:
            return [
                r
                for r in csms.actions("MeterValues")
                if r.payload["connectorId"] == connector
                and r.payload["meterValue"][0]["sampledValue"][0]["context"] == "Sample.Clock"
            ]

        await csms.wait_for(lambda: bool(aligned(0) and aligned(1)), what="aligned values")
        assert aligned(1)[0].payload["meterValue"][0]["sampledValue"][0]["value"] == "1000"
        assert "transactionId" not in aligned(1)[0].payload


async def test_charge_point_inoperative_waits_for_the_running_transaction(
    csms: Csms, tmp_path: Path
) -> None:
    async with station(csms.url, tmp_path, connectors=2) as site:
        evse = site.evses[0]
        await charging_with_inoperative_scheduled(csms, site)
        assert status_is(csms, 1, "Charging")
        evse.finish(StopTransactionReason.Local)
        evse.unplug()
        await csms.wait_for(lambda: status_is(csms, 1, "Unavailable"), what="connector 1")


async def test_a_plug_in_timeout_leaves_the_connector_finishing_until_unplugged(
    csms: Csms, tmp_path: Path
) -> None:
    """§4.9 Preparing -> Finishing: "Timed out. Usage was initiated (e.g. insert plug), but
    idTag not presented within timeout" (libocpp alike). Available would invite a remote start
    the EVSE cannot serve with the car still in the way."""
    async with station(csms.url, tmp_path) as site:
        evse = site.evses[0]
        await csms.wait_action("StatusNotification", 2)
        evse.plug_in()
        await csms.wait_for(lambda: status_is(csms, 1, "Preparing"), what="Preparing")
        evse.event(evse_manager.SessionEventEnum.PluginTimeout)
        await csms.wait_for(lambda: status_is(csms, 1, "Finishing"), what="Finishing")
        remote = call.RemoteStartTransaction(id_tag="TAG", connector_id=1)
        assert (await csms.call(remote)).status == "Rejected"
        evse.unplug()
        await csms.wait_for(lambda: status_is(csms, 1, "Available"), what="Available")
        assert statuses(csms, 1)[-3:] == ["Preparing", "Finishing", "Available"]
