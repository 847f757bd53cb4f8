"""The loopback CSMS itself (everest_py.ocpp16.demo.csms), driven by a raw websocket client."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from everest_py.ocpp16.demo.csms import CallFailed, CallTimeout, LoopbackCsms
from everest_py.ocpp16.demo.schemas import Schemas
from everest_py.ocpp16.demo.script import Request, Script

WAIT = 10.0
BOOT = {"chargePointVendor": "V", "chargePointModel": "M"}


@pytest.fixture
async def loopback() -> AsyncIterator[LoopbackCsms]:
    async with LoopbackCsms() as csms:
        yield csms


async def connect(csms: LoopbackCsms, cp_id: str = "CP-1") -> ClientConnection:
    return await websockets.connect(
        f"{csms.url}/{cp_id}", subprotocols=[websockets.Subprotocol("ocpp1.6")]
    )


async def exchange(client: ClientConnection, frame: list[Any]) -> list[Any]:
    await client.send(json.dumps(frame))
    answer: list[Any] = json.loads(await asyncio.wait_for(client.recv(), WAIT))
    return answer


async def test_default_answers_conform_to_the_response_schemas() -> None:
    script, schemas = Script(), Schemas()
    for action in ("BootNotification", "Heartbeat", "StatusNotification", "Authorize",
                   "StartTransaction", "StopTransaction", "MeterValues",
                   "SecurityEventNotification", "DataTransfer"):  # fmt: skip
        answer = script.default_answer(Request("CP", action, {}))
        assert answer is not None, action
        assert schemas.problems(f"{action}Response", answer) == [], action


async def test_boot_is_accepted_and_recorded_with_the_id_from_the_path(
    loopback: LoopbackCsms,
) -> None:
    async with await connect(loopback, "CP%201") as client:
        answer = await exchange(client, [2, "b1", "BootNotification", BOOT])
        assert answer[:2] == [3, "b1"] and answer[2]["status"] == "Accepted"
        boot = await loopback.wait_for("BootNotification")
    assert (boot.cp_id, boot.payload, boot.connection) == ("CP 1", BOOT, 1)
    assert loopback.connections[0].subprotocol == "ocpp1.6"
    assert not loopback.violations


async def test_scripted_callerror_delay_once_and_function_answers(
    loopback: LoopbackCsms,
) -> None:
    loopback.script.fail("Authorize", "SecurityError", "no", once=True)
    loopback.script.answer("Authorize", lambda r: {"idTagInfo": {"status": r.payload["idTag"]}})
    loopback.script.answer("Heartbeat", {"currentTime": "2030-01-01T00:00:00Z"}, delay=0.2)
    async with await connect(loopback) as client:
        first = await exchange(client, [2, "a1", "Authorize", {"idTag": "Blocked"}])
        assert first == [4, "a1", "SecurityError", "no", {}]
        second = await exchange(client, [2, "a2", "Authorize", {"idTag": "Blocked"}])
        assert second == [3, "a2", {"idTagInfo": {"status": "Blocked"}}]
        sent = loopback.recording.next_seq
        heartbeat = await exchange(client, [2, "h1", "Heartbeat", {}])
        assert heartbeat == [3, "h1", {"currentTime": "2030-01-01T00:00:00Z"}]
    received = await loopback.wait_for("Heartbeat", since=sent)
    assert received.at - loopback.calls("Authorize")[-1].at >= 0


async def test_no_answer_then_drop_on_an_action(loopback: LoopbackCsms) -> None:
    loopback.script.ignore("MeterValues")
    loopback.script.drop_on("StopTransaction")
    async with await connect(loopback) as client:
        await client.send(
            json.dumps([2, "m1", "MeterValues", {"connectorId": 1, "meterValue": []}])
        )
        answer = await exchange(client, [2, "h1", "Heartbeat", {}])
        assert answer[1] == "h1"  # the MeterValues got nothing, the next call its answer
        stop = {"meterStop": 1, "timestamp": "2030-01-01T00:00:00Z", "transactionId": 1}
        await client.send(json.dumps([2, "s1", "StopTransaction", stop]))
        with pytest.raises(websockets.ConnectionClosed):
            await asyncio.wait_for(client.recv(), WAIT)
    await loopback.wait_until(lambda: not loopback.connections[0].open)


async def test_drop_after_n_frames(loopback: LoopbackCsms) -> None:
    loopback.script.drop_after = 2
    async with await connect(loopback) as client:
        assert (await exchange(client, [2, "h1", "Heartbeat", {}]))[1] == "h1"
        assert (await exchange(client, [2, "h2", "Heartbeat", {}]))[1] == "h2"  # answered,
        with pytest.raises(websockets.ConnectionClosed):  # then the connection is closed
            await asyncio.wait_for(client.recv(), WAIT)
    assert len(loopback.calls("Heartbeat")) == 2


async def test_schema_violations_are_recorded(loopback: LoopbackCsms) -> None:
    async with await connect(loopback) as client:
        await exchange(client, [2, "b1", "BootNotification", {"chargePointVendor": "V"}])
        await client.send("not json")
        calling = asyncio.create_task(loopback.call("CP-1", "GetConfiguration", {}))
        request = json.loads(await asyncio.wait_for(client.recv(), WAIT))
        assert request[2:] == ["GetConfiguration", {}]
        await client.send(
            json.dumps([3, request[1], {"configurationKey": [{"key": 1, "readonly": False}]}])
        )
        assert await calling == {"configurationKey": [{"key": 1, "readonly": False}]}
    problems = [violation.problem for violation in loopback.violations]
    assert len(problems) == 3, problems
    assert "'chargePointModel' is a required property" in problems[0]
    assert problems[1].startswith("not JSON")
    assert "configurationKey/0/key" in problems[2]


async def test_calls_to_the_charge_point_fail_on_callerror_and_time_out(
    loopback: LoopbackCsms,
) -> None:
    async with await connect(loopback) as client:
        calling = asyncio.create_task(loopback.call("CP-1", "Reset", {"type": "Soft"}))
        request = json.loads(await asyncio.wait_for(client.recv(), WAIT))
        await client.send(json.dumps([4, request[1], "NotSupported", "nope", {}]))
        with pytest.raises(CallFailed) as failed:
            await calling
        assert failed.value.code == "NotSupported"
        with pytest.raises(CallTimeout):
            await loopback.call("CP-1", "ClearCache", {}, timeout=0.1)
    assert not loopback.violations


async def test_the_recording_keeps_the_newest_frames() -> None:
    async with LoopbackCsms(record_limit=10) as csms, await connect(csms) as client:
        for n in range(25):
            await exchange(client, [2, f"h{n}", "Heartbeat", {}])
        assert len(csms.recording) <= 10 and csms.recording.discarded >= 15
        assert csms.recording.next_seq == 25
        last = csms.received[-1]
        assert last.message is not None and last.message.unique_id == "h24"


async def test_standalone_prints_its_url_accepts_a_charge_point_and_stops_on_sigint() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16.demo.csms", "--port", "0",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    try:
        url = (await asyncio.wait_for(process.stdout.readline(), WAIT)).decode().strip()
        assert url.startswith("ws://127.0.0.1:") and url.endswith("/ocpp")
        async with websockets.connect(
            url + "/CP-9", subprotocols=[websockets.Subprotocol("ocpp1.6")]
        ) as client:
            answer = await exchange(client, [2, "b1", "BootNotification", BOOT])
            assert answer[2]["status"] == "Accepted"
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = await asyncio.wait_for(process.communicate(), WAIT)
    assert process.returncode == 0
    assert "BootNotification" in errors.decode()  # every frame is logged
