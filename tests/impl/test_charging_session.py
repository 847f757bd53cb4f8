"""A whole charging session against the schema-validating loopback CSMS, with scripted EVSEs on
the in-process bus (tests/impl/charging_fakes.py): the issue's "Done when" flow, statuses,
meter values, stop reasons and what follows a StartTransaction.conf."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ocpp.v16 import call

from everest_py.generated.types.evse_manager import SessionEventEnum, StopTransactionReason
from tests.impl.charging_fakes import station
from tests.impl.csms import WAIT, Csms, Received


def statuses(csms: Csms, connector: int) -> list[str]:
    return [
        r.payload["status"]
        for r in csms.actions("StatusNotification")
        if r.payload["connectorId"] == connector
    ]


async def test_remote_start_meter_values_remote_stop(csms: Csms, tmp_path: Path) -> None:
    config = {
        "MeterValueSampleInterval": "1",
        "StopTxnSampledData": "Energy.Active.Import.Register",
    }
    async with station(csms.url, tmp_path, configuration=config) as site:
        await csms.wait_for(lambda: statuses(csms, 1) == ["Available"], what="Available")
        answer = await csms.call(call.RemoteStartTransaction(id_tag="TAG-1", connector_id=1))
        assert answer.status == "Accepted"
        start = await csms.wait_action("StartTransaction")
        # AuthorizeRemoteTxRequests (true): Authorize.req first, then the token goes to Auth.
        assert csms.actions("Authorize")[0].payload == {"idTag": "TAG-1"}
        assert site.auth.tokens[0].connectors == [1] and site.auth.tokens[0].prevalidated
        assert start.payload["idTag"] == "TAG-1"
        assert (start.payload["connectorId"], start.payload["meterStart"]) == (1, 1000)
        await csms.wait_for(lambda: "Charging" in statuses(csms, 1), what="Charging")
        site.evses[0].publish_meter(add_wh=250)

        def sampled() -> list[Received]:
            return [r for r in csms.actions("MeterValues") if r.payload.get("transactionId") == 1]

        await csms.wait_for(lambda: len(sampled()) >= 2, what="two sampled MeterValues")
        value = sampled()[-1].payload["meterValue"][0]["sampledValue"][0]
        assert value["measurand"] == "Energy.Active.Import.Register"
        assert (value["context"], value["unit"]) == ("Sample.Periodic", "Wh")
        assert value["value"] == "1250"

        answer = await csms.call(call.RemoteStopTransaction(transaction_id=1))
        assert answer.status == "Accepted"
        stop = await csms.wait_action("StopTransaction")
        assert stop.payload["reason"] == "Remote"
        assert stop.payload["transactionId"] == 1
        assert stop.payload["meterStop"] > start.payload["meterStart"]
        contexts = [v["sampledValue"][0]["context"] for v in stop.payload["transactionData"]]
        assert contexts[0] == "Transaction.Begin" and contexts[-1] == "Transaction.End"
        site.evses[0].unplug()
        await csms.wait_for(lambda: statuses(csms, 1)[-1:] == ["Available"], what="Available")
        assert statuses(csms, 1) == ["Available", "Preparing", "Charging", "Finishing", "Available"]
        # Unknown transaction ids are refused.
        answer = await csms.call(call.RemoteStopTransaction(transaction_id=99))
        assert answer.status == "Rejected"


async def test_paused_states_and_every_stop_reason(csms: Csms, tmp_path: Path) -> None:
    async with station(csms.url, tmp_path) as site:
        evse = site.evses[0]
        await csms.wait_for(lambda: statuses(csms, 1) == ["Available"], what="Available")
        reasons = list(StopTransactionReason)
        for number, reason in enumerate(reasons, start=1):
            evse.plug_in()
            evse.start_transaction("TAG")
            if number == 1:
                evse.event(SessionEventEnum.ChargingPausedEV)
                evse.event(SessionEventEnum.ChargingPausedEVSE)
                evse.event(SessionEventEnum.ChargingStarted)
            evse.finish(reason)
            evse.unplug()
            await csms.wait_action("StopTransaction", number)
        sent = [r.payload["reason"] for r in csms.actions("StopTransaction")]
        ocpp_reasons = {
            "EmergencyStop", "EVDisconnected", "HardReset", "Local", "PowerLoss", "Reboot",
            "Remote", "SoftReset", "UnlockCommand", "DeAuthorized",
        }  # fmt: skip
        expected = [r.value if r.value in ocpp_reasons else "Other" for r in reasons]
        assert sent == expected
        assert statuses(csms, 1)[:6] == [
            "Available",
            "Preparing",
            "Charging",
            "SuspendedEV",
            "SuspendedEVSE",
            "Charging",
        ]
        # EVDisconnected unlocks the connector (UnlockConnectorOnEVSideDisconnect).
        assert await evse.wait_command("force_unlock") == 1


async def test_an_invalid_id_tag_stops_the_transaction(csms: Csms, tmp_path: Path) -> None:
    csms.loopback.script.answer(
        "StartTransaction", {"idTagInfo": {"status": "Invalid"}, "transactionId": 7}
    )
    async with station(csms.url, tmp_path) as site:
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("BAD")
        assert await evse.wait_command("stop_transaction") == StopTransactionReason.DeAuthorized
        stop = await csms.wait_action("StopTransaction")
        assert (stop.payload["transactionId"], stop.payload["reason"]) == (7, "DeAuthorized")


async def test_an_invalid_id_tag_pauses_when_not_to_stop(csms: Csms, tmp_path: Path) -> None:
    csms.loopback.script.answer(
        "StartTransaction", {"idTagInfo": {"status": "Blocked"}, "transactionId": 3}
    )
    config = {"StopTransactionOnInvalidId": "false"}
    async with station(csms.url, tmp_path, configuration=config) as site:
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("BLOCKED")
        await evse.wait_command("pause_charging")
        assert not [c for c, _ in evse.commands if c == "stop_transaction"]


async def test_max_energy_on_invalid_id(csms: Csms, tmp_path: Path) -> None:
    csms.loopback.script.answer(
        "StartTransaction", {"idTagInfo": {"status": "Invalid"}, "transactionId": 4}
    )
    async with station(csms.url, tmp_path, configuration={"MaxEnergyOnInvalidId": "100"}) as site:
        evse = site.evses[0]
        evse.plug_in()
        evse.start_transaction("BAD")
        await csms.wait_action("StartTransaction")
        async with asyncio.timeout(WAIT):  # the answer is handled before the queue idles
            await site.core.transaction_messages.idle.wait()
        evse.publish_meter(add_wh=50)
        assert not [c for c, _ in evse.commands if c == "stop_transaction"]
        evse.publish_meter(add_wh=60)
        assert await evse.wait_command("stop_transaction") == StopTransactionReason.DeAuthorized
