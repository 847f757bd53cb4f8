"""Issue 11's "done when", with the real simulated station (no test doubles): a CSMS that only
speaks OCPP drives a whole session of `ocpp16-charge-point run --simulate` in another process;
and a session while the CSMS is away is delivered afterwards, in order, ids remapped."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.recording import Received
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.ocpp16.simulation.auth import TokenResult

WAIT = 20.0
CP_ID = "SIM-CP-1"
TRANSACTION_ID = 4242
START_ANSWER = {"idTagInfo": {"status": "Accepted"}, "transactionId": TRANSACTION_ID}


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    yield server
    await server.close()


def statuses(csms: LoopbackCsms, connector: int, since: int = 0) -> list[str]:
    return [
        r.payload["status"]
        for r in csms.calls("StatusNotification")
        if r.seq >= since and r.payload["connectorId"] == connector
    ]


def transaction_calls(csms: LoopbackCsms, since: int) -> list[Received]:
    wanted = ("StartTransaction", "MeterValues", "StopTransaction")
    return [r for r in csms.calls() if r.seq >= since and r.action in wanted]


async def test_a_csms_alone_drives_a_whole_session(csms: LoopbackCsms, tmp_path: Path) -> None:
    csms.script.answer("StartTransaction", START_ANSWER)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "run", "--simulate",
        "--csms", csms.url, "--id", CP_ID, "--data-dir", str(tmp_path / "data"),
        stdin=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        await csms.wait_until(lambda: statuses(csms, 1) == ["Available"], WAIT)
        change = {"key": "MeterValueSampleInterval", "value": "1"}
        assert await csms.call(CP_ID, "ChangeConfiguration", change) == {"status": "Accepted"}
        start_request = {"connectorId": 1, "idTag": "TAG-42"}
        answer = await csms.call(CP_ID, "RemoteStartTransaction", start_request)
        assert answer == {"status": "Accepted"}

        start = await csms.wait_for("StartTransaction", timeout=WAIT)
        assert (start.payload["connectorId"], start.payload["idTag"]) == (1, "TAG-42")
        await csms.wait_until(lambda: statuses(csms, 1)[-1:] == ["Charging"], WAIT)
        assert statuses(csms, 1) == ["Available", "Preparing", "Charging"]
        transaction_id = TRANSACTION_ID

        def with_id(request: Received) -> bool:
            return request.payload.get("transactionId") == transaction_id

        await csms.wait_for("MeterValues", with_id, count=2, timeout=WAIT)
        answer = await csms.call(CP_ID, "RemoteStopTransaction", {"transactionId": transaction_id})
        assert answer == {"status": "Accepted"}
        stop = await csms.wait_for("StopTransaction", timeout=WAIT)
        assert (stop.payload["reason"], stop.payload["transactionId"]) == ("Remote", transaction_id)
        assert stop.payload["meterStop"] > start.payload["meterStart"]
        await csms.wait_until(lambda: statuses(csms, 1)[-1:] == ["Available"], WAIT)
        assert statuses(csms, 1)[-3:] == ["Charging", "Finishing", "Available"]
        # Every StatusNotification follows the transaction message that caused it.
        order = [r.action for r in transaction_calls(csms, 0) + csms.calls("StatusNotification")]
        assert order.count("StartTransaction") == 1 and order.count("StopTransaction") == 1
        assert list(csms.violations) == []
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            code = await process.wait()
    assert code == 0


async def test_a_session_while_the_csms_is_away(csms: LoopbackCsms, tmp_path: Path) -> None:
    settings = build_settings(
        {
            "csms_url": csms.url,
            "charge_point_id": CP_ID,
            "data_dir": str(tmp_path),
            "configuration": {"MeterValueSampleInterval": "1", "AllowOfflineTxForUnknownId": True},
            "simulation": {"unplug_after_stop": None},
        },
        {},
        "test",
    )
    csms.script.answer("StartTransaction", START_ANSWER)
    charge_point = SimulatedChargePoint(settings)
    messages = charge_point.app.core.transaction_messages

    async def on_disk(count: int) -> None:
        async with asyncio.timeout(WAIT):
            while len(messages.store) < count:
                messages.queued.clear()
                await messages.queued.wait()

    await charge_point.start()
    try:
        await csms.wait_until(lambda: statuses(csms, 1) == ["Available"], WAIT)
        await csms.kill()
        evse = charge_point.station.evse(1)
        await evse.plug_in()
        result = await evse.present_tag("OFFLINE-1")  # offline: AllowOfflineTxForUnknownId
        assert result is TokenResult.USED_TO_START_TRANSACTION
        await on_disk(3)  # StartTransaction and two sampled MeterValues
        await evse.unplug()
        await on_disk(4)
        seen = csms.recording.next_seq
        await csms.start()
        await csms.wait_for("StopTransaction", since=seen, timeout=WAIT)
        delivered = transaction_calls(csms, seen)
        actions = [r.action for r in delivered]
        assert actions[0] == "StartTransaction" and actions[-1] == "StopTransaction"
        assert set(actions[1:-1]) == {"MeterValues"} and len(actions) >= 4
        assert all(r.payload["transactionId"] == TRANSACTION_ID for r in delivered[1:])
        assert delivered[0].payload["idTag"] == "OFFLINE-1"
        assert delivered[-1].payload["reason"] == "EVDisconnected"
        assert delivered[-1].payload["meterStop"] > delivered[0].payload["meterStart"]
        assert list(csms.violations) == []
    finally:
        await charge_point.close()


async def test_a_remote_stop_right_behind_the_start_answer_finds_the_transaction(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    # The CSMS answers StartTransaction and at once sends RemoteStopTransaction with the id
    # it just gave: both frames arrive together, and the stop must find the transaction.
    answers: list[asyncio.Task[object]] = []

    def answer_then_stop(request: object) -> dict[str, object]:
        stop = {"transactionId": TRANSACTION_ID}
        answers.append(asyncio.create_task(csms.call(CP_ID, "RemoteStopTransaction", stop)))
        return START_ANSWER

    csms.script.answer("StartTransaction", answer_then_stop)
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path)}, {}, "test"
    )
    charge_point = SimulatedChargePoint(settings)
    await charge_point.start()
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 1, "idTag": "QUICK"})
        stop = await csms.wait_for("StopTransaction", timeout=WAIT)
        assert await answers[0] == {"status": "Accepted"}
        assert (stop.payload["transactionId"], stop.payload["reason"]) == (TRANSACTION_ID, "Remote")
    finally:
        await charge_point.close()


async def test_remote_starts_on_every_connector_wait_for_their_authorize(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    # Each accepted RemoteStartTransaction keeps a follow-up (Authorize, then the token to
    # Auth) until its Authorize is answered; ten connectors must not hit the endpoint's bound.
    csms.script.answer("Authorize", {"idTagInfo": {"status": "Accepted"}}, delay=0.2)
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path),
         "connectors": 10},
        {}, "test",
    )  # fmt: skip
    charge_point = SimulatedChargePoint(settings)
    await charge_point.start()
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        answers = [
            await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": n, "idTag": f"T{n}"})
            for n in range(1, 11)
        ]
        assert answers == [{"status": "Accepted"}] * 10
        await csms.wait_for("StartTransaction", count=10, timeout=WAIT)
    finally:
        await charge_point.close()


async def test_transaction_times_are_on_the_clock_the_csms_set(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    # The CSMS's clock is an hour ahead: StartTransaction, StatusNotification and MeterValues
    # are all stamped on the adopted clock (the EVSE's events come on this machine's).
    ahead = datetime.now(UTC) + timedelta(hours=1)
    csms.script.answer(
        "BootNotification",
        {"status": "Accepted", "interval": 3600,
         "currentTime": ahead.isoformat(timespec="milliseconds").replace("+00:00", "Z")},
    )  # fmt: skip
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path),
         "configuration": {"MeterValueSampleInterval": "1"}},
        {}, "test",
    )  # fmt: skip
    charge_point = SimulatedChargePoint(settings)
    await charge_point.start()
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 1, "idTag": "CLOCK"})
        start = await csms.wait_for("StartTransaction", timeout=WAIT)
        sampled = await csms.wait_for("MeterValues", timeout=WAIT)
        stamps = [
            _moment(start.payload["timestamp"]),
            _moment(sampled.payload["meterValue"][0]["timestamp"]),
            *(_moment(r.payload["timestamp"]) for r in csms.calls("StatusNotification")),
        ]
        assert max(stamps) - min(stamps) < timedelta(minutes=1), stamps
        assert min(stamps) > datetime.now(UTC) + timedelta(minutes=50)
    finally:
        await charge_point.close()


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def test_a_reset_reboots_the_station_and_the_charge_point_boots_again(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path)}, {}, "test"
    )
    charge_point = SimulatedChargePoint(settings)
    await charge_point.start()
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 1, "idTag": "RESET"})
        await csms.wait_for("StartTransaction", timeout=WAIT)
        assert await csms.call(CP_ID, "Reset", {"type": "Soft"}) == {"status": "Accepted"}
        stop = await csms.wait_for("StopTransaction", timeout=WAIT)
        assert stop.payload["reason"] == "SoftReset"
        second_boot = await csms.wait_for("BootNotification", count=2, timeout=WAIT)
        # Delivered before the reboot, not after it.
        assert stop.seq < second_boot.seq
        assert charge_point.station.reboots == 1
        # The car is still plugged in: after the reboot it waits for a new authorization.
        await csms.wait_until(
            lambda: statuses(csms, 1, since=second_boot.seq)[-1:] == ["Preparing"], WAIT
        )
    finally:
        await charge_point.close()


async def test_an_accepted_reset_happens_though_the_csms_hangs_up_at_once(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path)}, {}, "test"
    )
    charge_point = SimulatedChargePoint(settings)
    rebooted = asyncio.Event()

    async def on_reboot(_: object) -> None:
        rebooted.set()

    await charge_point.start()
    charge_point.station.on_reboot = on_reboot  # (replaces the charge point's own hook)
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 1, "idTag": "HANGUP"})
        await csms.wait_for("StartTransaction", timeout=WAIT)
        assert await csms.call(CP_ID, "Reset", {"type": "Hard"}) == {"status": "Accepted"}
        await csms.disconnect(CP_ID, abort=True)  # gone before the reset is carried out
        async with asyncio.timeout(WAIT):
            await rebooted.wait()
        assert charge_point.station.reboots == 1
        stop = await csms.wait_for("StopTransaction", timeout=WAIT)
        assert stop.payload["reason"] == "HardReset"
    finally:
        await charge_point.close()


async def test_sampling_goes_on_after_the_store_failed_once(
    csms: LoopbackCsms, tmp_path: Path
) -> None:
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path),
         "configuration": {"MeterValueSampleInterval": "1"}},
        {}, "test",
    )  # fmt: skip
    charge_point = SimulatedChargePoint(settings)
    messages = charge_point.app.core.transaction_messages
    enqueue = messages.enqueue
    failed: list[str] = []

    async def failing_once(action: str, *args: object, **kwargs: object) -> bool:
        if action == "MeterValues" and not failed:
            failed.append(action)
            raise OSError("disk full (test)")
        return await enqueue(action, *args, **kwargs)  # type: ignore[arg-type]

    messages.enqueue = failing_once  # type: ignore[method-assign]
    await charge_point.start()
    try:
        await csms.wait_for("BootNotification", timeout=WAIT)
        await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 1, "idTag": "DISK"})
        await csms.wait_for("MeterValues", count=2, timeout=WAIT)
        assert failed == ["MeterValues"]
    finally:
        await charge_point.close()
