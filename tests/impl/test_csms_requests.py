"""Requests from the CSMS (an `ocpp`-package central system) over a real loopback websocket."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from ocpp.exceptions import OCPPError
from ocpp.v16 import call

from everest_py.generated.types.ocpp import KeyValue
from everest_py.ocpp16 import ChargePointCore
from everest_py.ocpp16.configuration import DEFINITIONS
from tests.impl.conftest import StartChargePoint
from tests.impl.csms import Csms, RawCsms


async def registered(
    csms: Csms, start_charge_point: StartChargePoint, **changes: object
) -> ChargePointCore:
    core = await start_charge_point(csms.url, **changes)
    await csms.wait_action("StatusNotification", 3)
    return core


async def test_get_configuration_all_known_unknown_and_the_key_limit(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    await registered(csms, start_charge_point, configuration={"GetConfigurationMaxKeys": 3})
    everything = await csms.call(call.GetConfiguration())
    keys = {item["key"]: item for item in everything.configuration_key}
    assert set(keys) == {d.name for d in DEFINITIONS}
    assert keys["AuthorizationKey"] == {"key": "AuthorizationKey", "readonly": False}
    assert keys["NumberOfConnectors"] == {
        "key": "NumberOfConnectors",
        "readonly": True,
        "value": "2",
    }
    some = await csms.call(call.GetConfiguration(key=["heartbeatinterval", "Nope"]))
    assert [k["key"] for k in some.configuration_key] == ["HeartbeatInterval"]
    assert some.unknown_key == ["Nope"]
    with pytest.raises(OCPPError) as refused:
        await csms.call(call.GetConfiguration(key=["A", "B", "C", "D"]))
    assert type(refused.value).__name__ == "OccurenceConstraintViolationError"
    assert "GetConfigurationMaxKeys is 3" in str(refused.value)


async def test_change_configuration_answers(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    core = await registered(csms, start_charge_point)
    cases = [
        ("MeterValuesSampledData", "Voltage,SoC", "Accepted"),
        ("NumberOfConnectors", "5", "Rejected"),
        ("NoSuchKey", "1", "NotSupported"),
        ("MeterValuesSampledData", "Voltage,Watts", "Rejected"),
        ("WebSocketPingInterval", "-1", "Rejected"),
    ]
    for key, value, expected in cases:
        answer = await csms.call(call.ChangeConfiguration(key=key, value=value))
        assert (key, answer.status) == (key, expected)
    assert core.configuration.value("MeterValuesSampledData") == "Voltage,SoC"


async def test_the_authorization_key_is_never_returned_or_logged(
    csms: Csms, start_charge_point: StartChargePoint, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="everest_py.ocpp16")
    await registered(csms, start_charge_point)
    secret = "TopSecretKey-0123456789"
    answer = await csms.call(call.ChangeConfiguration(key="AuthorizationKey", value=secret))
    assert answer.status == "Accepted"
    too_long = secret * 3
    answer = await csms.call(call.ChangeConfiguration(key="AuthorizationKey", value=too_long))
    assert answer.status == "Rejected"
    read = await csms.call(call.GetConfiguration(key=["AuthorizationKey"]))
    assert read.configuration_key == [{"key": "AuthorizationKey", "readonly": False}]
    impl_log = "\n".join(
        r.getMessage() for r in caplog.records if r.name.startswith("everest_py.ocpp16")
    )
    assert "ChangeConfiguration" in impl_log  # frames were logged, with the value hidden
    assert secret not in impl_log


async def test_monitors_publish_csms_changes_and_add_up(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    core = await registered(csms, start_charge_point)
    published: list[KeyValue] = []
    core.key_listeners.append(published.append)
    core.monitor_configuration_keys(["HeartbeatInterval"])
    core.monitor_configuration_keys(["metervaluesampleinterval"])
    await csms.call(call.ChangeConfiguration(key="HeartbeatInterval", value="600"))
    await csms.call(call.ChangeConfiguration(key="MeterValueSampleInterval", value="20"))
    await csms.call(call.ChangeConfiguration(key="LightIntensity", value="20"))  # not monitored
    await csms.call(call.ChangeConfiguration(key="HeartbeatInterval", value="bad"))  # rejected
    # The same value again: accepted, so published (libocpp calls its callback too).
    await csms.call(call.ChangeConfiguration(key="MeterValueSampleInterval", value="20"))
    assert core.set_configuration_key("HeartbeatInterval", "700").value == "Accepted"  # local
    assert published == [
        KeyValue(key="HeartbeatInterval", read_only=False, value="600"),
        KeyValue(key="MeterValueSampleInterval", read_only=False, value="20"),
        KeyValue(key="MeterValueSampleInterval", read_only=False, value="20"),
    ]


async def test_trigger_message(csms: Csms, start_charge_point: StartChargePoint) -> None:
    await registered(csms, start_charge_point)
    answers = {}
    for message, connector in (
        ("BootNotification", None),
        ("Heartbeat", None),
        ("Heartbeat", 9),  # connectorId is irrelevant to a Heartbeat: ignored
        ("StatusNotification", 1),
        ("MeterValues", None),
        ("StatusNotification", 9),
    ):
        answer = await csms.call(
            call.TriggerMessage(requested_message=message, connector_id=connector)
        )
        answers[(message, connector)] = answer.status
    assert answers == {
        ("BootNotification", None): "Accepted",
        ("Heartbeat", None): "Accepted",
        ("Heartbeat", 9): "Accepted",
        ("StatusNotification", 1): "Accepted",
        ("MeterValues", None): "Rejected",  # no EVSE, no meter: nothing would be sent
        ("StatusNotification", 9): "Rejected",
    }
    await csms.wait_action("BootNotification", 2)
    await csms.wait_action("Heartbeat", 1)
    status = await csms.wait_action("StatusNotification", 4)
    assert status.payload["connectorId"] == 1
    # A Heartbeat trigger that comes while the previous one's Heartbeat still waits (behind the
    # triggered boot) is answered by that Heartbeat (coalesced); one that comes after it was
    # sent gets its own.
    assert len(csms.actions("Heartbeat")) in (1, 2)


async def test_the_trigger_answer_goes_out_before_the_triggered_message(
    raw_csms: RawCsms, start_charge_point: StartChargePoint
) -> None:
    await start_charge_point(raw_csms.url)

    def calls_of(action: str, frames: list[list[Any]]) -> list[int]:
        return [i for i, frame in enumerate(frames) if frame[0] == 2 and frame[2] == action]

    await raw_csms.wait_frames(lambda frames: len(calls_of("StatusNotification", frames)) == 3)
    for message in ("BootNotification", "Heartbeat", "StatusNotification"):
        unique_id = f"trigger-{message}"
        start = len(raw_csms.frames)
        request = {"requestedMessage": message, "connectorId": 1}
        await raw_csms.send(json.dumps([2, unique_id, "TriggerMessage", request]))
        await raw_csms.wait_frames(
            lambda frames, message=message, start=start: bool(calls_of(message, frames[start:]))
        )
        sent = raw_csms.frames[start:]
        answer = next(i for i, frame in enumerate(sent) if frame[:2] == [3, unique_id])
        assert sent[answer][2] == {"status": "Accepted"}
        assert answer < calls_of(message, sent)[0]


async def test_change_availability_reports_the_new_status(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    await registered(csms, start_charge_point)
    answer = await csms.call(call.ChangeAvailability(connector_id=1, type="Inoperative"))
    assert answer.status == "Accepted"
    status = await csms.wait_action("StatusNotification", 4)
    assert (status.payload["connectorId"], status.payload["status"]) == (1, "Unavailable")
    answer = await csms.call(call.ChangeAvailability(connector_id=7, type="Inoperative"))
    assert answer.status == "Rejected"
    answer = await csms.call(call.ChangeAvailability(connector_id=1, type="Inoperative"))
    assert answer.status == "Accepted"
    answer = await csms.call(call.ChangeAvailability(connector_id=0, type="Operative"))
    assert answer.status == "Accepted"
    status = await csms.wait_action("StatusNotification", 5)
    assert (status.payload["connectorId"], status.payload["status"]) == (1, "Available")


async def test_data_transfer_clear_cache_unlock_and_unhandled_actions(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    await registered(csms, start_charge_point, data_transfer={"com.example": {"ping": "pong"}})
    unknown_vendor = await csms.call(call.DataTransfer(vendor_id="org.other", message_id="x"))
    assert unknown_vendor.status == "UnknownVendorId"
    known = await csms.call(call.DataTransfer(vendor_id="com.example", message_id="ping"))
    assert (known.status, known.data) == ("Accepted", "pong")
    unknown_message = await csms.call(call.DataTransfer(vendor_id="com.example", message_id="y"))
    assert unknown_message.status == "UnknownMessageId"
    # The authorization cache is off by default: nothing to clear (as libocpp answers).
    assert (await csms.call(call.ClearCache())).status == "Rejected"
    assert (await csms.call(call.UnlockConnector(connector_id=1))).status == "NotSupported"
    # Without an EVSE there is no connector to start on (issue 11: was NotSupported).
    assert (await csms.call(call.RemoteStartTransaction(id_tag="TAG"))).status == "Rejected"
