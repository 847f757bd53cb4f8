"""Hardening against a hostile or broken CSMS, end to end over loopback (issue "Hardening")."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from everest_py.ocpp16 import ChargePointCore, build_settings
from everest_py.ocpp16.ocpp.rpc import MAX_FOLLOW_UPS

from .csms import CSMS_LOGGER, ScriptedCsms, default_answer
from .test_e2e_faults import CP_ID, make_core


def make_quick_core(csms_url: str, data_dir: Path, **configuration: str) -> ChargePointCore:
    """A core that gives up waiting for an answer after a fifth of a second."""
    settings = build_settings(
        {
            "csms_url": csms_url,
            "charge_point_id": CP_ID,
            "data_dir": str(data_dir),
            "reconnect": {"initial_delay": 0.05, "max_delay": 0.2, "jitter": 0},
            "response_timeout": 0.2,
            "configuration": {"WebSocketPingInterval": "0", **configuration},
        },
        {},
        "test",
    )
    return ChargePointCore(settings)


TAMPER = "TamperDetectionActivated"
FAR_FUTURE = "9999-12-31T23:59:59.999Z"


@pytest.fixture
async def far_future_csms() -> AsyncIterator[ScriptedCsms]:
    def answer(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str]:
        result = default_answer(action, payload)
        if isinstance(result, dict) and "currentTime" in result:
            result = {**result, "currentTime": FAR_FUTURE}
        return result

    server = ScriptedCsms(answer)
    await server.start()
    yield server
    await server.close()


async def test_an_absurd_csms_time_is_refused_once_and_events_still_flow(
    far_future_csms: ScriptedCsms, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    csms = far_future_csms
    caplog.set_level(logging.DEBUG, logger="everest_py")
    core = make_core(csms.url, tmp_path)
    await core.start()
    try:
        await csms.wait_connected()
        # The Heartbeat repeats the BootNotification's absurd time: still one warning.
        trigger = {"requestedMessage": "Heartbeat"}
        assert await csms.call("TriggerMessage", trigger) == {"status": "Accepted"}
        await csms.wait(lambda: "Heartbeat" in csms.actions)
        event = core.security_event(TAMPER, "after the absurd time")
        assert event.timestamp.year < 2200
        await csms.wait(lambda: "after the absurd time" in csms.infos(TAMPER))
        assert csms.accepted == 1  # never reconnected
        warnings = [
            r for r in caplog.records if r.levelno >= logging.WARNING and "9999" in r.getMessage()
        ]
        assert len(warnings) == 1, [r.getMessage() for r in warnings]
        assert not [r for r in caplog.records if r.exc_info]
    finally:
        await core.close()


async def test_security_events_the_csms_never_answers_are_kept_and_resent_in_order(
    tmp_path: Path,
) -> None:
    silent_for = {"first": 2}  # techInfo -> how many of its notifications go unanswered

    def answer(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str] | None:
        info = payload.get("techInfo")
        if action == "SecurityEventNotification" and silent_for.get(info, 0) > 0:
            silent_for[info] -= 1
            return None
        return default_answer(action, payload)

    csms = ScriptedCsms(answer)
    await csms.start()
    # One attempt allowed: before the fix, the first timeout dropped the event.
    core = make_quick_core(
        csms.url,
        tmp_path,
        TransactionMessageAttempts="1",
        TransactionMessageRetryInterval="1",
    )
    await core.start()
    try:
        await csms.wait_connected()
        core.security_event(TAMPER, "first")
        core.security_event(TAMPER, "second")
        await csms.wait(lambda: "second" in csms.infos(TAMPER))
        firsts = [e for e in csms.events if e.tech_info == "first"]
        assert len(firsts) == 3 and len({e.message_id for e in firsts}) == 1
        assert csms.infos(TAMPER)[-1] == "second"  # after every attempt of the first
        assert csms.accepted == 1
    finally:
        await core.close()
        await csms.close()


CP_PASSWORD = "InitialSecret-0123456789"


async def test_no_secret_reaches_any_log_at_debug(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: every logger of the process
    csms = ScriptedCsms(password=CP_PASSWORD)
    await csms.start()
    core = make_core(csms.url, tmp_path, SecurityProfile="1", AuthorizationKey=CP_PASSWORD)
    await core.start()
    secrets = [CP_PASSWORD]
    try:
        await csms.wait_connected()
        connection = csms.connection
        assert connection is not None
        # The key in every spelling the parser accepts, and the value before the key.
        frames = {
            "plain": '{"key":"AuthorizationKey","value":"%s"}',
            "escaped": '{"key":"\\u0041uthorizationKey","value":"%s"}',
            "escaped value": '{"key":"AuthorizationKey","value":"\\u0053%s"}',
            "lower case": '{"key":"authorizationkey","value":"%s"}',
            "value first": '{"value":"%s","key":"AUTHORIZATIONKEY"}',
            "object between": '{"value":"%s","x":{"y":{}},"key":"AuthorizationKey"}',
            "spaced": '{ "value" : "%s" , "key" : "Authorization\\u004bey" }',
        }
        # First a frame holding a secret that cannot be parsed (it gets no answer).
        secrets.append("Secret-in-a-broken-frame-01")
        await connection.send('[2,"broken","ChangeConfiguration",{"key":"AuthorizationKey",'
                              '"value":"Secret-in-a-broken-frame-01"')  # fmt: skip
        for number, (name, template) in enumerate(frames.items()):
            secret = f"Secret{number}-{name.replace(' ', '')}-0123456789"[:40]
            secrets.append(secret)
            await connection.send(f'[2,"cc-{number}","ChangeConfiguration",{template % secret}]')
        answered = {f"cc-{number}" for number in range(len(frames))}
        await csms.wait(lambda: answered <= {str(r[1]) for r in csms.replies})
        assert csms.authorizations[0] is not None  # Basic auth was used
    finally:
        await core.close()
        await csms.close()
    escaped_secret = "S" + secrets[4]  # "\\u0053" decodes to "S"
    forbidden = {escaped_secret}
    for secret in secrets:
        forbidden.add(secret)
        forbidden.add(base64.b64encode(secret.encode()).decode())
        forbidden.add(base64.b64encode(f"{CP_ID}:{secret}".encode()).decode())
    text = "\n".join(
        caplog.handler.format(record)
        for record in caplog.records
        if not record.name.startswith(CSMS_LOGGER)
    )
    assert "ChangeConfiguration" in text and "Authorization" in text  # logged, redacted
    leaked = sorted(secret for secret in forbidden if secret in text)
    assert not leaked


def make_core_with_timeout(
    csms_url: str, data_dir: Path, response_timeout: float, **configuration: str
) -> ChargePointCore:
    settings = build_settings(
        {
            "csms_url": csms_url,
            "charge_point_id": CP_ID,
            "data_dir": str(data_dir),
            "reconnect": {"initial_delay": 0.05, "max_delay": 0.2, "jitter": 0},
            "response_timeout": response_timeout,
            "configuration": {"WebSocketPingInterval": "0", **configuration},
        },
        {},
        "test",
    )
    return ChargePointCore(settings)


async def send_calls(
    csms: ScriptedCsms, frames: list[tuple[str, str, dict[str, Any]]]
) -> list[Any]:
    """Send CALLs at once (no waiting between them); returns their replies in order."""
    connection = csms.connection
    assert connection is not None
    for unique_id, action, payload in frames:
        await connection.send(json.dumps([2, unique_id, action, payload]))
    ids = [unique_id for unique_id, _, _ in frames]
    await csms.wait(lambda: set(ids) <= {str(r[1]) for r in csms.replies})
    by_id = {str(r[1]): r for r in csms.replies}
    return [by_id[unique_id] for unique_id in ids]


async def test_a_flood_of_triggers_is_coalesced_not_queued(tmp_path: Path) -> None:
    heartbeats = {"seen": 0}

    def answer(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str] | None:
        if action == "Heartbeat":
            heartbeats["seen"] += 1
            if heartbeats["seen"] == 1:
                return None  # the first stays unanswered while the flood arrives
        return default_answer(action, payload)

    csms = ScriptedCsms(answer)
    await csms.start()
    core = make_core_with_timeout(csms.url, tmp_path, 2.0)
    await core.start()
    try:
        await csms.wait_connected()
        await csms.wait(lambda: csms.actions.count("StatusNotification") >= 2)
        trigger = {"requestedMessage": "Heartbeat"}
        flood = [(f"hb-{n}", "TriggerMessage", trigger) for n in range(50)]
        replies = await send_calls(csms, flood)
        assert all(reply[2] == {"status": "Accepted"} for reply in replies)
        # A marker queued behind whatever the flood queued.
        marker = {"requestedMessage": "StatusNotification", "connectorId": 1}
        await send_calls(csms, [("marker", "TriggerMessage", marker)])
        before = csms.actions.count("StatusNotification")
        await csms.wait(lambda: csms.actions.count("StatusNotification") > before)
        # Fifty triggers: the Heartbeat in flight (if it went out before the flood was read),
        # and one more for every trigger after it.
        assert csms.actions.count("Heartbeat") in (1, 2)
    finally:
        await core.close()
        await csms.close()


async def test_trigger_message_is_rejected_while_the_follow_up_queue_is_full(
    tmp_path: Path,
) -> None:
    csms = ScriptedCsms()
    await csms.start()
    core = make_core(csms.url, tmp_path)
    await core.start()
    release = asyncio.Event()
    try:
        await csms.wait_connected()
        endpoint = core.session.endpoint
        assert endpoint is not None
        blocked = [  # stand-ins for work the CSMS queued earlier
            endpoint.spawn(release.wait(), "blocked", key=("test", n))
            for n in range(endpoint.max_follow_ups)
        ]
        # The bound grows with the connectors (one RemoteStartTransaction each may wait).
        assert endpoint.max_follow_ups == MAX_FOLLOW_UPS + core.connectors.count
        trigger = {"requestedMessage": "Heartbeat"}
        assert await csms.call("TriggerMessage", trigger) == {"status": "Rejected"}
        status = {"requestedMessage": "StatusNotification"}
        assert await csms.call("TriggerMessage", status) == {"status": "Rejected"}
        release.set()
        # The endpoint's own done-callbacks run before gather's: the queue is empty after this.
        await asyncio.wait_for(asyncio.gather(*blocked), 10)
        assert await csms.call("TriggerMessage", trigger) == {"status": "Accepted"}
        await csms.wait(lambda: "Heartbeat" in csms.actions)
    finally:
        release.set()
        await core.close()
        await csms.close()
