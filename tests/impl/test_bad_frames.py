"""Malformed input from the CSMS: hand-written frames from a raw websocket server."""

from __future__ import annotations

import logging
import re

import pytest

from tests.impl.conftest import StartChargePoint
from tests.impl.csms import RawCsms

FRAME_LIMIT = 4096
GOOD_REQUEST = '[2,"ok","GetConfiguration",{"key":["HeartbeatInterval"]}]'


@pytest.fixture
async def raw(raw_csms: RawCsms, start_charge_point: StartChargePoint) -> RawCsms:
    await start_charge_point(raw_csms.url, max_frame_length=FRAME_LIMIT)
    await raw_csms.connected.wait()
    return raw_csms


async def still_works(raw: RawCsms) -> None:
    reply = await raw.exchange(GOOD_REQUEST)
    assert reply[:2] == [3, "ok"]
    assert raw.connection_count == 1


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ('[5,"u1",{}]', "ProtocolError"),
        ('["2","u2","Heartbeat",{}]', "ProtocolError"),
        ('[2,"u3",["A"],{}]', "FormationViolation"),
        ('[2,"u4","ChangeConfiguration"]', "FormationViolation"),
        ('[2,"u5","ChangeConfiguration",[]]', "FormationViolation"),
        ('[2,"u6","ChangeConfiguration",{"key":"HeartbeatInterval"}]', "ProtocolError"),
        ('[2,"u7","ChangeConfiguration",{"key":1,"value":"x"}]', "TypeConstraintViolation"),
        (
            '[2,"u8","ChangeConfiguration",{"key":"' + "k" * 51 + '","value":"x"}]',
            "TypeConstraintViolation",
        ),
        ('[2,"u9","Reset",{"type":"Sideways"}]', "PropertyConstraintViolation"),
        ('[2,"u10","TriggerMessage",{"requestedMessage":"Coffee"}]', "PropertyConstraintViolation"),
        ('[2,"u11","ChangeConfiguration",{"key":"a","value":"b","x":1}]', "FormationViolation"),
        ('[2,"u12","GetConfiguration",{"key":[' + ",".join(['"k"'] * 5) + "]}]", None),
        ('[2,"u13","MakeCoffee",{}]', "NotImplemented"),
        ('[2,"u14","UpdateFirmware",{}]', "ProtocolError"),  # implemented: fields missing
        ('[2,"u16","ReserveNow",{}]', "ProtocolError"),  # implemented: its fields are missing
        (
            '[2,"u15","GetConfiguration",{"key":["' + "k" * FRAME_LIMIT + '"]}]',
            "FormationViolation",
        ),
    ],
)
async def test_a_bad_call_gets_the_callerror_the_spec_names(
    raw: RawCsms, frame: str, code: str | None
) -> None:
    unique_id = re.match(r'\["?\d"?,"(u\d+)"', frame).group(1)  # type: ignore[union-attr]
    reply = await raw.exchange(frame)
    if code is None:
        assert reply[0] == 3  # within GetConfigurationMaxKeys: answered
    else:
        assert reply[:3] == [4, unique_id, code], reply
        assert isinstance(reply[3], str) and reply[3]
    await still_works(raw)


@pytest.mark.parametrize(
    "frame",
    ["not json", "[]", "[2]", '{"a":1}', "[3]", '[3,"nobody-asked",{}]', '[4,"nobody",1]', "[2,7]"],
)
async def test_a_frame_without_an_answerable_id_is_logged_and_the_session_goes_on(
    raw: RawCsms, frame: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    await raw.send(frame)
    await still_works(raw)  # the bad frame got no reply: the next reply is for "ok"
    assert any(
        r.levelno == logging.WARNING
        for r in caplog.records
        if r.name.startswith("everest_py.ocpp16")
    )


async def test_a_binary_frame_is_answered_formation_violation(raw: RawCsms) -> None:
    reply = await raw.exchange(b'[2,"bin","Heartbeat",{}]')
    assert reply[:3] == [4, "bin", "FormationViolation"]
    await still_works(raw)


async def test_a_frame_far_over_the_limit_costs_the_connection_not_the_registration(
    raw: RawCsms,
) -> None:
    await raw.registered.wait()
    await raw.send('[2,"huge","GetConfiguration",{"key":["' + "k" * (5 * FRAME_LIMIT) + '"]}]')
    await raw.wait_connections(2)
    reply = await raw.exchange(GOOD_REQUEST)
    assert reply[:2] == [3, "ok"]
    boots = [call for call in raw.calls_seen if call[2] == "BootNotification"]
    assert len(boots) == 1


# A charging profile with its one period's limit left as %s.
_PROFILE = (
    '{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile",'
    '"chargingProfileKind":"Absolute","chargingSchedule":{"chargingRateUnit":"A",'
    '"chargingSchedulePeriod":[{"startPeriod":0,"limit":%s}]}}'
)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _data_transfer(field: str, value: str) -> str:
    unique_id = "deep1" if field == "data" else "deep2"
    return f'[2,"{unique_id}","DataTransfer",{{"vendorId":"v","{field}":{value}}}]'


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        # Deeper than the JSON decoder's recursion limit.
        (_data_transfer("data", _nested(2000)), "FormationViolation"),
        # Parses, but deeper than any OCPP message: refused before recursive code sees it.
        (_data_transfer("x", _nested(200)), "FormationViolation"),
        ('[2,"deep3","Reset",{"type":' + '{"a":' * 900 + "1" + "}" * 900 + "}]",
         "FormationViolation"),
        # More digits than Python converts (4300).
        ('[2,"big1","ChangeAvailability",{"connectorId":' + "9" * 4400 + ',"type":"Operative"}]',
         "TypeConstraintViolation"),
        # Python's JSON reader takes these; JSON has none (a multipleOf check would raise).
        ('[2,"nan1","SetChargingProfile",{"connectorId":1,"csChargingProfiles":' + _PROFILE
         % "NaN" + "}]", "FormationViolation"),
        ('[2,"inf1","Reset",{"type":-Infinity}]', "FormationViolation"),
        # JSON numbers no double holds: Python reads 1e400 as infinity, and the schema gate's
        # arithmetic on a 401-digit integer overflows.
        ('[2,"huge1","SetChargingProfile",{"connectorId":1,"csChargingProfiles":' + _PROFILE
         % "1e400" + "}]", "TypeConstraintViolation"),
        ('[2,"huge2","SetChargingProfile",{"connectorId":1,"csChargingProfiles":' + _PROFILE
         % "-1E+400" + "}]", "TypeConstraintViolation"),
        ('[2,"huge3","SetChargingProfile",{"connectorId":1,"csChargingProfiles":' + _PROFILE
         % ("1" + "0" * 400) + "}]", "TypeConstraintViolation"),
    ],
)  # fmt: skip
async def test_valid_json_that_cannot_be_used_gets_its_callerror_without_a_traceback(
    raw_csms: RawCsms,
    start_charge_point: StartChargePoint,
    caplog: pytest.LogCaptureFixture,
    frame: str,
    code: str,
) -> None:
    await start_charge_point(raw_csms.url, max_frame_length=64 * 1024)
    await raw_csms.connected.wait()
    caplog.set_level(logging.DEBUG)
    unique_id = re.match(r'\[2,"(\w+)"', frame).group(1)  # type: ignore[union-attr]
    reply = await raw_csms.exchange(frame)
    assert reply[:3] == [4, unique_id, code], reply
    await still_works(raw_csms)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def test_a_deep_or_huge_response_fails_the_waiting_call_not_the_session(
    raw_csms: RawCsms, start_charge_point: StartChargePoint, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await start_charge_point(raw_csms.url, max_frame_length=64 * 1024)
    await raw_csms.connected.wait()
    await raw_csms.send('[3,"nobody",' + '{"a":' * 2000 + "1" + "}" * 2000 + "]")
    await raw_csms.send('[3,"nobody2",{"a":' + "9" * 4400 + "}]")
    await still_works(raw_csms)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
