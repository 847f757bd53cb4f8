"""Durable before acknowledged, without blocking the event loop: a ChangeConfiguration is
answered after its change is on disk, and the `security_event` command returns only once its
event is on disk, while the CSMS may already have the event (sending acknowledges nothing);
an event leaves the store only after both its commit and the CSMS's answer."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ocpp.v16 import call

from everest_py.ocpp16 import ChargePointCore
from everest_py.ocpp16.configuration import StateFile
from everest_py.ocpp16.security import SecurityLog
from everest_py.ocpp16.security.delivery import (
    ACK_BATCH,
    HANDOFF_LIMIT,
    DeliveryResult,
    SecurityEventDelivery,
)
from everest_py.ocpp16.security.recorder import SecurityEventRecorder
from everest_py.ocpp16.security.store import (
    QueuedSecurityEvent,
    SecurityEventStore,
    SecurityStoreError,
)
from tests.impl.conftest import settings_for
from tests.impl.csms import Csms

WAIT = 10.0
REPO = Path(__file__).resolve().parents[2]


class Gate:
    """Holds a writer thread inside its sync until released."""

    def __init__(self, sync: Callable[[], None]) -> None:
        self._sync = sync
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self) -> None:
        self.entered.set()
        assert self.release.wait(WAIT)
        self._sync()

    async def wait_entered(self) -> None:
        # The event loop keeps running meanwhile: a sync on the loop would hang this wait.
        loop = asyncio.get_running_loop()
        assert await loop.run_in_executor(None, self.entered.wait, WAIT)


async def test_change_configuration_is_answered_after_the_change_is_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csms = Csms()
    await csms.start()
    core = ChargePointCore(settings_for(csms.url, tmp_path / "data"))
    await core.start()
    try:
        await csms.wait_action("StatusNotification", 3)
        gate = Gate(core.state._sync)
        monkeypatch.setattr(core.state, "_sync", gate)
        answer = asyncio.ensure_future(
            csms.call(call.ChangeConfiguration(key="HeartbeatInterval", value="321"))
        )
        await gate.wait_entered()
        assert core.get_configuration_key(["HeartbeatInterval"]).configuration_keys[0].value == (
            "321"
        )  # applied in memory, the loop serves other work ...
        assert not answer.done()  # ... but not answered before it is durable
        gate.release.set()
        assert (await asyncio.wait_for(answer, WAIT)).status == "Accepted"
        stored = StateFile(tmp_path / "data")
        stored.load()
        assert stored.configuration["HeartbeatInterval"] == "321"
    finally:
        await core.close()
        await csms.close()


async def test_change_availability_is_answered_after_the_change_is_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csms = Csms()
    await csms.start()
    core = ChargePointCore(settings_for(csms.url, tmp_path / "data"))
    await core.start()
    try:
        await csms.wait_action("StatusNotification", 3)
        gate = Gate(core.state._sync)
        monkeypatch.setattr(core.state, "_sync", gate)
        answer = asyncio.ensure_future(
            csms.call(call.ChangeAvailability(connector_id=1, type="Inoperative"))
        )
        await gate.wait_entered()  # the loop runs meanwhile (a sync on it would hang here)
        assert core.connectors.availability(1) == "Inoperative"  # applied in memory ...
        assert not answer.done()  # ... answered only once durable
        gate.release.set()
        assert (await asyncio.wait_for(answer, WAIT)).status == "Accepted"
        stored = StateFile(tmp_path / "data")
        stored.load()
        assert stored.availability["1"] == "Inoperative"
    finally:
        gate.release.set()
        await core.close()
        await csms.close()


async def test_the_command_returns_after_the_commit_while_the_csms_may_have_the_event_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from everest_py.ocpp16.interface import ChargePointInterface

    csms = Csms()
    await csms.start()
    core = ChargePointCore(settings_for(csms.url, tmp_path / "data"))
    interface = ChargePointInterface(core)
    await core.start()
    try:
        await csms.wait_action("SecurityEventNotification")  # StartupOfTheDevice: online
        await asyncio.wait_for(core.security.wait_idle(), WAIT)  # ... and it is removed
        store = core.security._store
        gate = Gate(store._commit)
        monkeypatch.setattr(store, "_commit", gate)
        command = asyncio.ensure_future(
            interface.handle_security_event("TamperDetectionActivated", "cover")
        )
        await gate.wait_entered()
        await csms.wait_for(
            lambda: any(
                received.payload.get("techInfo") == "cover"
                for received in csms.actions("SecurityEventNotification")
            ),
            what="the event at the CSMS",
        )
        # The CSMS has it (sending acknowledges nothing), the disk does not: not acknowledged.
        assert not command.done() and core.security.queued == 0
        gate.release.set()
        await asyncio.wait_for(command, WAIT)
        await asyncio.wait_for(core.security.wait_idle(), WAIT)
        assert core.security.queued == 0  # answered and committed: removed
    finally:
        gate.release.set()
        await core.close()
        await csms.close()


async def test_the_command_sets_up_its_wait_for_the_disk_only_after_the_first_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from everest_py.ocpp16.interface import ChargePointInterface

    core = ChargePointCore(settings_for("ws://127.0.0.1:9/ocpp", tmp_path / "data"))
    interface = ChargePointInterface(core)
    steps: list[str] = []

    async def send(event: QueuedSecurityEvent) -> DeliveryResult:
        steps.append(f"sent {event.tech_info}")
        return DeliveryResult.DELIVERED

    durable = core.security.durable

    async def waiting_for_the_disk() -> None:
        steps.append("waits for the disk")
        await durable()

    monkeypatch.setattr(core.security._delivery, "_send", send)
    monkeypatch.setattr(core.security, "durable", waiting_for_the_disk)
    core.security.start()
    core.security.online(True)
    try:
        await asyncio.wait_for(core.security.wait_idle(), WAIT)  # waiting for work
        await asyncio.wait_for(
            interface.handle_security_event("TamperDetectionActivated", "cover"), WAIT
        )
        assert steps == ["sent cover", "waits for the disk"]
    finally:
        await core.close()


class Parts:
    """Store, delivery (to a CSMS that answers at once) and recorder, as the service wires them."""

    def __init__(self, directory: Path) -> None:
        self.sent: list[QueuedSecurityEvent] = []
        self.arrived = asyncio.Condition()
        self.store = SecurityEventStore(directory / "events.sqlite")
        self.delivery = SecurityEventDelivery(
            self.store, self.send, attempts=lambda: 3, retry_interval=lambda: 1.0
        )
        self.recorder = SecurityEventRecorder(
            self.store, SecurityLog(directory / "log"), self.delivery
        )
        self.task = asyncio.create_task(self.delivery.run())

    async def send(self, event: QueuedSecurityEvent) -> DeliveryResult:
        async with self.arrived:
            self.sent.append(event)
            self.arrived.notify_all()
        return DeliveryResult.DELIVERED

    async def wait_sent(self, count: int) -> None:
        async with self.arrived:
            await asyncio.wait_for(self.arrived.wait_for(lambda: len(self.sent) >= count), WAIT)

    async def close(self) -> None:
        await self.delivery.stop()
        await asyncio.wait_for(self.task, WAIT)
        self.store.close()


async def test_events_waiting_for_their_commit_are_sent_in_order_and_removed_only_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = Parts(tmp_path)
    parts.delivery.online(True)
    try:
        gate = Gate(parts.store._commit)
        monkeypatch.setattr(parts.store, "_commit", gate)
        recorded = [parts.recorder.record("MemoryExhaustion", str(n)) for n in range(5)]
        await gate.wait_entered()  # the first one written, not committed
        await parts.wait_sent(5)
        # The CSMS has them all, in order, with the ids they keep for good ...
        assert parts.sent == [r.queued for r in recorded]
        # ... and none is on disk yet, so none is acknowledged to the caller.
        assert all(r.stored is not None and not r.stored.done() for r in recorded)
        assert parts.store.oldest(10) == [] and len(parts.store) == 0
        gate.release.set()
        await asyncio.wait_for(parts.store.flushed(), WAIT)
        await asyncio.wait_for(parts.delivery.idle.wait(), WAIT)
        # Removed after their commit: a removal run before its insert would leave the event.
        assert len(parts.store) == 0 and parts.store.oldest(10) == []
        assert parts.delivery.delivered == 5
    finally:
        gate.release.set()
        await parts.close()


async def test_the_first_send_goes_before_the_writer_thread_the_log_line_and_publication(
    tmp_path: Path,
) -> None:
    parts = Parts(tmp_path)
    published: list[str | None] = []
    log = SecurityLog(tmp_path / "log")
    recorder = SecurityEventRecorder(
        parts.store, log, parts.delivery, lambda recorded: published.append(recorded.tech_info)
    )
    seen_by_send: list[tuple[int, bool, list[str | None]]] = []
    send = parts.send

    async def noting_send(event: QueuedSecurityEvent) -> DeliveryResult:
        # Still held back from the writer thread, no line in the file, not published.
        seen_by_send.append((len(parts.store._committer._held), log.path.exists(), published[:]))
        return await send(event)

    parts.delivery._send = noting_send
    parts.delivery.online(True)
    try:
        await asyncio.wait_for(parts.delivery.idle.wait(), WAIT)  # waiting for work
        recorded = [recorder.record("MemoryExhaustion", str(n)) for n in range(2)]
        await parts.wait_sent(1)
        assert seen_by_send[0] == (2, False, [])
        await asyncio.wait_for(parts.store.flushed(), WAIT)
        assert all(r.stored is not None and r.stored.done() for r in recorded)
        assert published == ["0", "1"]  # in call order
        assert [e.tech_info for e in SecurityLog(tmp_path / "log").entries()] == ["0", "1"]
    finally:
        await parts.close()


async def test_beyond_the_hand_off_bound_delivery_reads_the_store_once_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = Parts(tmp_path)
    parts.delivery.online(True)
    try:
        gate = Gate(parts.store._commit)
        monkeypatch.setattr(parts.store, "_commit", gate)
        total = HANDOFF_LIMIT + 100
        # Recorded without a pause (the loop does not run in between): the hand-off overflows.
        recorded = [parts.recorder.record("MemoryExhaustion", str(n)) for n in range(total)]
        assert len(parts.delivery._handoff) <= HANDOFF_LIMIT  # memory stays bounded
        await gate.wait_entered()
        gate.release.set()
        await parts.wait_sent(total)
        await asyncio.wait_for(parts.delivery.idle.wait(), WAIT)
        assert [event.message_id for event in parts.sent] == [
            r.queued.message_id for r in recorded if r.queued is not None
        ]  # each once, in order, whether from memory or from the store
        assert len(parts.store) == 0
    finally:
        gate.release.set()
        await parts.close()


async def test_an_event_whose_write_failed_is_logged_and_not_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    parts = Parts(tmp_path)  # offline: nothing is sent before the writes are done
    insert = parts.store._insert

    def failing_for_bad(events: list[QueuedSecurityEvent]) -> list[QueuedSecurityEvent]:
        if events[0].tech_info == "bad":
            raise SecurityStoreError(parts.store.path, "database error: disk I/O error")
        return insert(events)

    monkeypatch.setattr(parts.store, "_insert", failing_for_bad)
    try:
        with caplog.at_level(logging.ERROR):
            bad = parts.recorder.record("MemoryExhaustion", "bad")
            good = parts.recorder.record("MemoryExhaustion", "good")
            await asyncio.wait_for(parts.store.flushed(), WAIT)  # the good one is on disk
            assert bad.stored is not None and bad.stored.exception() is not None
        assert any("NOT stored" in r.getMessage() for r in caplog.records)
        parts.delivery.online(True)
        await parts.wait_sent(1)
        await asyncio.wait_for(parts.delivery.idle.wait(), WAIT)
        assert parts.sent == [good.queued] and len(parts.store) == 0
    finally:
        await parts.close()


async def test_events_recorded_in_a_burst_reach_the_disk_in_order_in_few_syncs(
    tmp_path: Path,
) -> None:
    store = SecurityEventStore(tmp_path / "events.sqlite")
    try:
        futures = [store.submit_many([("A", str(n), datetime.now(UTC))])[1] for n in range(200)]
        await store.flushed()
        assert all(future.done() for future in futures)
        assert [event.tech_info for event in store.oldest(300)] == [str(n) for n in range(200)]
        assert store._committer.batches < 200
    finally:
        store.close()


async def test_the_interface_commands_return_once_their_data_is_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from everest_py.ocpp16.interface import ChargePointInterface

    core = ChargePointCore(settings_for("ws://127.0.0.1:9/ocpp", tmp_path / "data"))
    interface = ChargePointInterface(core)
    try:
        await core.state.commit()  # the first write (the snapshot) out of the way
        state_gate = Gate(core.state._sync)
        monkeypatch.setattr(core.state, "_sync", state_gate)
        setting = asyncio.ensure_future(
            interface.handle_set_configuration_key("HeartbeatInterval", "77")
        )
        await state_gate.wait_entered()
        assert not setting.done()
        state_gate.release.set()
        assert (await asyncio.wait_for(setting, WAIT)).value == "Accepted"

        store = core.security._store
        store_gate = Gate(store._commit)
        monkeypatch.setattr(store, "_commit", store_gate)
        recording = asyncio.ensure_future(
            interface.handle_security_event("TamperDetectionActivated", "cover")
        )
        await store_gate.wait_entered()
        assert not recording.done() and core.security.queued == 0
        store_gate.release.set()
        await asyncio.wait_for(recording, WAIT)
        assert core.security.queued == 1
    finally:
        await core.close()


_RECORDING_CHILD = """
import asyncio
import sys
from pathlib import Path

from everest_py.ocpp16.security.delivery import DeliveryResult, SecurityEventDelivery
from everest_py.ocpp16.security.log import SecurityLog
from everest_py.ocpp16.security.recorder import SecurityEventRecorder
from everest_py.ocpp16.security.store import SecurityEventStore


async def main() -> None:
    data = Path(sys.argv[1])
    store = SecurityEventStore(data / "events.sqlite")

    async def send(event):
        print("sent", event.seq, event.message_id, flush=True)  # the CSMS has it
        return DeliveryResult.DELIVERED

    delivery = SecurityEventDelivery(store, send, attempts=lambda: 3, retry_interval=lambda: 1.0)
    recorder = SecurityEventRecorder(store, SecurityLog(data / "log"), delivery)
    task = asyncio.create_task(delivery.run())
    delivery.online(True)
    n = 0
    while True:
        recorded = [recorder.record("TamperDetectionActivated", str(n + k)) for k in range(3)]
        await store.flushed()  # what the security_event command waits for
        for event in recorded:
            print("acked", event.queued.seq, event.queued.message_id, flush=True)
        n += 3


asyncio.run(main())
"""


def test_a_sigkill_while_events_are_committed_and_sent_loses_no_acknowledged_event(
    tmp_path: Path,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _RECORDING_CHILD, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None
    lines: list[list[str]] = []
    while sum(1 for line in lines if line[0] == "acked") < 300:
        line = process.stdout.readline().split()
        assert line, "the child ended early"
        lines.append(line)
    os.kill(process.pid, signal.SIGKILL)  # commits and sends are in flight all the time
    process.wait(timeout=30)
    lines += [line.split() for line in process.stdout.read().splitlines() if line.strip()]
    process.stdout.close()
    # The kill may tear the last line: a "sent" cut short was not sent yet (send() had not
    # returned, so the event is still in the store).
    lines = [line for line in lines if len(line) == 3]
    sent = [(int(seq), message_id) for kind, seq, message_id in lines if kind == "sent"]
    acked = {(int(seq), message_id) for kind, seq, message_id in lines if kind == "acked"}
    with SecurityEventStore(tmp_path / "events.sqlite") as store:
        kept = {(event.seq, event.message_id) for event in store.oldest(1_000_000)}
    assert [seq for seq, _ in sent] == sorted({seq for seq, _ in sent})  # in order, each once
    # Every acknowledged event is still queued or reached the CSMS (which answered at once).
    assert acked <= kept | set(sent)
    # A restart sends again only what was in flight, under the same message id.
    again = kept & set(sent)
    assert len(again) <= 2 * ACK_BATCH + 1
    assert {seq for seq, _ in again} == {seq for seq, _ in kept if seq <= max(s for s, _ in sent)}
