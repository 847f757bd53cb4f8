"""Durable before acknowledged, without blocking the event loop: a ChangeConfiguration is
answered after its change is on disk, and a security event is handed to delivery (sent) only
once it is on disk."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ocpp.v16 import call

from everest_py.ocpp16 import ChargePointCore
from everest_py.ocpp16.configuration import StateFile
from everest_py.ocpp16.security import SecurityLog
from everest_py.ocpp16.security.delivery import DeliveryResult, SecurityEventDelivery
from everest_py.ocpp16.security.recorder import SecurityEventRecorder
from everest_py.ocpp16.security.store import QueuedSecurityEvent, SecurityEventStore
from tests.impl.conftest import settings_for
from tests.impl.csms import Csms

WAIT = 10.0


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


async def test_a_security_event_is_sent_only_once_it_is_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[QueuedSecurityEvent] = []
    arrived = asyncio.Event()

    async def send(event: QueuedSecurityEvent) -> DeliveryResult:
        sent.append(event)
        arrived.set()
        return DeliveryResult.DELIVERED

    store = SecurityEventStore(tmp_path / "events.sqlite")
    delivery = SecurityEventDelivery(store, send, attempts=lambda: 3, retry_interval=lambda: 1.0)
    recorder = SecurityEventRecorder(store, SecurityLog(tmp_path / "log"), delivery)
    task = asyncio.create_task(delivery.run())
    delivery.online(True)
    try:
        gate = Gate(store._commit)
        monkeypatch.setattr(store, "_commit", gate)
        recorded = recorder.record("MemoryExhaustion", "full", timestamp=datetime.now(UTC))
        assert recorded.queued is not None and recorded.stored is not None
        await gate.wait_entered()  # written, not yet committed
        assert store.oldest(10) == [] and len(store) == 0 and sent == []
        gate.release.set()
        await asyncio.wait_for(arrived.wait(), WAIT)
        assert [event.message_id for event in sent] == [recorded.queued.message_id]
    finally:
        await delivery.stop()
        await asyncio.wait_for(task, WAIT)
        store.close()


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
