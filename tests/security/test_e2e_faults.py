"""End-to-end faults against the real charge point core (in-process) and a loopback CSMS."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from everest_py.ocpp16 import ChargePointCore, build_settings

from .csms import ReceivedEvent, ScriptedCsms

CP_ID = "CP_E2E"
TAMPER = "TamperDetectionActivated"


def make_core(csms_url: str, data_dir: Path, **configuration: str) -> ChargePointCore:
    settings = build_settings(
        {
            "csms_url": csms_url,
            "charge_point_id": CP_ID,
            "data_dir": str(data_dir),
            "reconnect": {"initial_delay": 0.05, "max_delay": 0.2, "jitter": 0},
            "response_timeout": 5,
            "configuration": {"WebSocketPingInterval": "0", **configuration},
        },
        {},
        "test",
    )
    return ChargePointCore(settings)


@pytest.fixture
async def csms() -> AsyncIterator[ScriptedCsms]:
    server = ScriptedCsms()
    await server.start()
    yield server
    await server.close()


def _assert_at_least_once_in_order(events: list[ReceivedEvent], expected: list[str]) -> None:
    """Every expected techInfo arrived; first arrivals in order; duplicates keep the message id."""
    ids: dict[str | None, set[str]] = {}
    first_seen: list[str | None] = []
    for event in events:
        if event.tech_info not in ids:
            first_seen.append(event.tech_info)
        ids.setdefault(event.tech_info, set()).add(event.message_id)
    assert first_seen == expected
    assert all(len(message_ids) == 1 for message_ids in ids.values())


async def test_csms_killed_and_restarted_during_a_burst(csms: ScriptedCsms, tmp_path: Path) -> None:
    core = make_core(csms.url, tmp_path)
    await core.start()
    try:
        await csms.wait_connected()
        burst = [str(n) for n in range(300)]
        for info in burst:
            core.security_event(TAMPER, info)  # returns once persisted
        await csms.wait(lambda: len(csms.infos(TAMPER)) >= 50)
        await csms.kill()  # mid-burst, abruptly
        await csms.start()  # same port
        await csms.wait(lambda: set(burst) <= set(csms.infos(TAMPER)))
        tamper = [event for event in csms.events if event.type == TAMPER]
        _assert_at_least_once_in_order(tamper, burst)
        assert len(tamper) <= len(burst) + 1  # at most the one in flight is repeated
    finally:
        await core.close()


async def test_events_queued_while_csms_is_down_wait_for_boot(tmp_path: Path) -> None:
    csms = ScriptedCsms()
    await csms.start()
    await csms.kill()  # keep the port, nobody listening
    core = make_core(csms.url, tmp_path)
    await core.start()
    try:
        for n in range(20):
            core.security_event(TAMPER, str(n))
        await core.security.durable()  # recorded at once, on disk by the writer thread
        assert core.security.queued == 21  # + StartupOfTheDevice
        await csms.start()
        await csms.wait(lambda: len(csms.infos(TAMPER)) >= 20)
        first_security = csms.actions.index("SecurityEventNotification")
        assert "BootNotification" in csms.actions[:first_security]
        assert csms.infos("StartupOfTheDevice") == [None]
        _assert_at_least_once_in_order(
            [e for e in csms.events if e.type == TAMPER], [str(n) for n in range(20)]
        )
    finally:
        await core.close()
        await csms.close()


async def test_not_implemented_csms_causes_no_tight_loop_and_blocks_nothing(
    tmp_path: Path,
) -> None:
    def answer(action: str, payload: dict[str, Any]) -> dict[str, Any] | tuple[str, str]:
        if action == "SecurityEventNotification":
            return ("error", "NotImplemented")
        from .csms import default_answer

        return default_answer(action, payload)

    csms = ScriptedCsms(answer)
    await csms.start()
    core = make_core(csms.url, tmp_path, TransactionMessageRetryInterval="1")
    await core.start()
    try:
        connection = await csms.wait_connected()
        await csms.wait(lambda: len(csms.events) >= 1)  # StartupOfTheDevice, rejected
        core.security_event(TAMPER, "after rejection")
        # While the charge point backs off, the CSMS's own calls are still answered...
        await connection.send(json.dumps([2, "cfg-1", "GetConfiguration", {"key": []}]))
        await csms.wait(lambda: any(reply[1] == "cfg-1" for reply in csms.replies))
        # ...and the rejected event was not retried in a loop.
        assert [e.type for e in csms.events] == ["StartupOfTheDevice"]
        await csms.wait(lambda: len(csms.events) >= 2)
        assert [e.tech_info for e in csms.events] == [None, "after rejection"]
        assert len({e.message_id for e in csms.events}) == 2  # each sent once, never retried
    finally:
        await core.close()
        await csms.close()


# -- malformed frames: the charge point answers or drops each one and keeps working ----------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
# CSMS-initiated actions that do not reset or reconfigure the charge point.
HARMLESS_ACTIONS = [
    "GetConfiguration",
    "DataTransfer",
    "ClearCache",
    "RemoteStartTransaction",
    "GetLocalListVersion",
    "NoSuchAction",
]
FRAMES = st.one_of(
    st.text(max_size=60),
    JSON.map(json.dumps),
    st.tuples(st.integers(-1, 5), JSON, JSON, JSON).map(lambda t: json.dumps(list(t))),
    st.tuples(st.just(2), st.text(max_size=40), st.sampled_from(HARMLESS_ACTIONS), JSON).map(
        lambda t: json.dumps(list(t))
    ),
    st.tuples(st.sampled_from([3, 4]), st.text(max_size=40), JSON).map(
        lambda t: json.dumps(list(t))
    ),
    st.binary(max_size=40),
)


class RunningChargePoint:
    """The core and the CSMS on an event loop in a thread, so sync hypothesis tests can drive it."""

    def __init__(self, data_dir: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.csms = ScriptedCsms()
        self.data_dir = data_dir
        self.core: ChargePointCore | None = None
        self.run(self._start())

    def run(self, coroutine: Any, timeout: float = 60.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _start(self) -> None:
        await self.csms.start()
        self.core = make_core(self.csms.url, self.data_dir)
        await self.core.start()
        await self.csms.wait_connected()

    async def send_then_probe(self, frame: str | bytes) -> None:
        """Send `frame`, then a CALL; its answer proves the frame was handled and the link lives."""
        connection = self.csms.connection
        assert connection is not None, "the charge point dropped the connection"
        await connection.send(frame)
        probe = f"probe-{uuid.uuid4()}"
        await connection.send(
            json.dumps([2, probe, "GetConfiguration", {"key": ["HeartbeatInterval"]}])
        )
        await self.csms.wait(lambda: any(r[1:2] == [probe] for r in self.csms.replies), 10)

    def close(self) -> None:
        async def stop() -> None:
            assert self.core is not None
            await self.core.close()
            await self.csms.close()

        self.run(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningChargePoint]:
    charge_point = RunningChargePoint(tmp_path_factory.mktemp("fuzz"))
    yield charge_point
    charge_point.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frame=FRAMES)
def test_malformed_frames_are_answered_or_dropped(
    running: RunningChargePoint, frame: str | bytes
) -> None:
    running.run(running.send_then_probe(frame))


def test_charge_point_still_delivers_after_the_fuzzing(running: RunningChargePoint) -> None:
    assert running.core is not None
    running.core.security_event(TAMPER, "after fuzzing")
    running.run(running.csms.wait(lambda: "after fuzzing" in running.csms.infos(TAMPER)))
