"""Faults of the charge point *process* (`python -m everest_py.ocpp16 run`): SIGKILL with events queued,
and broken config files / data directories."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from everest_py.generated.interfaces.ocpp_1_6_charge_point import Ocpp16ChargePointClient
from everest_py.ocpp16.security.delivery import ACK_BATCH
from everest_py.ocpp16.security.store import SecurityEventStore
from everest_py.runtime import Module, MqttTransport
from tests.support.mosquitto import MosquittoBroker

from .csms import ScriptedCsms

REPO = Path(__file__).resolve().parents[2]
CP_ID = "CP_PROC"
MODULE_ID = "cp_security"
TAMPER = "TamperDetectionActivated"
WAIT = 60.0
EXIT_USAGE = 2


class ChargePointProcess:
    def __init__(self, *arguments: str) -> None:
        self.arguments = [sys.executable, "-m", "everest_py.ocpp16", "run", *arguments]
        self.process: asyncio.subprocess.Process | None = None
        self.log: list[str] = []

    async def start(self, ready_text: str = "running") -> None:
        self.process = await asyncio.create_subprocess_exec(
            *self.arguments,
            cwd=REPO,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        await asyncio.wait_for(self._read_until(ready_text), WAIT)
        self._drain = asyncio.create_task(self._read_until(None))

    async def _read_until(self, text: str | None) -> None:
        assert self.process is not None and self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self.log.append(line.decode(errors="replace"))
            if text is not None and text in self.log[-1]:
                return
        if text is not None:
            raise AssertionError(f"charge point exited before {text!r}:\n{''.join(self.log)}")

    async def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        await asyncio.wait_for(self.process.wait(), WAIT)
        await self._drain

    async def terminate(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await asyncio.wait_for(self.process.wait(), WAIT)
            await self._drain


@pytest.fixture
def broker() -> Iterator[MosquittoBroker]:
    with MosquittoBroker() as running:
        yield running


async def test_sigkill_with_events_queued_delivers_all_after_restart(
    broker: MosquittoBroker, tmp_path: Path
) -> None:
    csms = ScriptedCsms()
    await csms.start()
    await csms.kill()  # the CSMS is down: everything stays queued
    arguments = (
        *("--csms", csms.url, "--id", CP_ID, "--data-dir", str(tmp_path / "data")),
        *("--mqtt", f"127.0.0.1:{broker.port}", "--module-id", MODULE_ID),
    )
    charge_point = ChargePointProcess(*arguments)
    await charge_point.start()
    tester = Module("security_tester", MqttTransport("127.0.0.1", broker.port))
    client = tester.require(Ocpp16ChargePointClient, module_id=MODULE_ID, impl_id="main")
    await tester.start()
    try:
        infos = [str(n) for n in range(40)]
        for info in infos:
            await client.security_event(TAMPER, info, timeout=WAIT)  # returns once persisted
        await charge_point.kill()
        assert charge_point.process is not None
        assert charge_point.process.returncode == -signal.SIGKILL

        await csms.start()
        restarted = ChargePointProcess(*arguments)
        await restarted.start()
        try:
            await csms.wait(lambda: set(infos) <= set(csms.infos(TAMPER)))
        finally:
            await restarted.terminate()
        tamper = [event for event in csms.events if event.type == TAMPER]
        assert [event.tech_info for event in tamper] == infos  # in order, none twice
        assert len(csms.infos("StartupOfTheDevice")) == 2  # one per start
        boot = csms.actions.index("BootNotification")
        assert boot < csms.actions.index("SecurityEventNotification")
    finally:
        await tester.stop()
        await csms.close()


# -- broken config file or data directory: exit code 2, a clear message, nothing overwritten --


async def run_to_exit(*arguments: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "everest_py.ocpp16",
        "run",
        "--csms",
        "ws://127.0.0.1:9/ocpp",
        "--id",
        CP_ID,
        *arguments,
        cwd=REPO,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), WAIT)
    assert process.returncode is not None
    return process.returncode, stderr.decode(errors="replace")


async def test_broken_config_file_exits_2_naming_it(tmp_path: Path) -> None:
    config = tmp_path / "cp.yaml"
    config.write_text("csms_url: [unclosed\n")
    before = config.read_bytes()
    code, stderr = await run_to_exit("--config", str(config), "--data-dir", str(tmp_path / "d"))
    assert code == EXIT_USAGE
    assert str(config) in stderr and "Traceback" not in stderr
    assert config.read_bytes() == before


async def test_data_dir_that_is_a_file_exits_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.write_text("not a directory")
    code, stderr = await run_to_exit("--data-dir", str(data_dir))
    assert code == EXIT_USAGE
    assert str(data_dir) in stderr and "Traceback" not in stderr
    assert data_dir.read_text() == "not a directory"


@pytest.mark.parametrize("damage", ["garbage", "foreign"])
async def test_corrupt_security_event_store_exits_2_and_is_kept(
    tmp_path: Path, damage: str
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = data_dir / "security-events.sqlite"
    if damage == "garbage":
        store.write_bytes(b"\x00garbage" * 512)
    else:
        with sqlite3.connect(store) as conn:
            conn.execute("CREATE TABLE unrelated (x)")
    before = store.read_bytes()
    code, stderr = await run_to_exit("--data-dir", str(data_dir))
    assert code == EXIT_USAGE
    assert str(store) in stderr and "Traceback" not in stderr
    assert store.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["charging-profiles.json", "authorization.sqlite", "transactions.sqlite"]
)
async def test_corrupt_store_of_profiles_authorization_or_transactions_exits_2_and_is_kept(
    tmp_path: Path, name: str
) -> None:
    """Every store the charge point opens at start is reported as the security event store
    is: one line naming it, exit 2, the file as found (not a traceback)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = data_dir / name
    store.write_bytes(b"garbage{" * 512)
    code, stderr = await run_to_exit("--data-dir", str(data_dir))
    assert code == EXIT_USAGE, stderr
    assert str(store) in stderr and "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert store.read_bytes() == b"garbage{" * 512


async def test_security_log_path_that_is_a_file_exits_2_and_is_kept(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    log_dir = data_dir / "security-log"
    log_dir.write_text("not a directory")
    code, stderr = await run_to_exit("--data-dir", str(data_dir))
    assert code == EXIT_USAGE
    assert str(log_dir) in stderr and "Traceback" not in stderr
    assert log_dir.read_text() == "not a directory"


async def test_missing_ca_bundle_for_profile_2_exits_2_naming_it(tmp_path: Path) -> None:
    config = tmp_path / "cp.yaml"
    ca_bundle = tmp_path / "no-such-ca.pem"
    config.write_text(
        "configuration:\n"
        "  SecurityProfile: 2\n"
        "  AuthorizationKey: '0123456789abcdef0123'\n"
        f"tls:\n  ca_bundle: {ca_bundle}\n"
    )
    code, stderr = await run_to_exit("--config", str(config), "--data-dir", str(tmp_path / "d"))
    assert code == EXIT_USAGE
    assert str(ca_bundle) in stderr and "Traceback" not in stderr


# -- at-least-once: a SIGKILL during delivery sends again only what was in flight --------------


async def test_a_sigkill_during_delivery_duplicates_only_events_in_flight(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    infos = [str(n) for n in range(300)]
    with SecurityEventStore(data / "security-events.sqlite") as store:
        store.enqueue_many((TAMPER, info, datetime.now(UTC)) for info in infos)
    csms = ScriptedCsms()
    await csms.start()
    arguments = ("--csms", csms.url, "--id", CP_ID, "--data-dir", str(data))
    charge_point = ChargePointProcess(*arguments)
    try:
        await charge_point.start()
        await csms.wait(lambda: len(csms.infos(TAMPER)) >= 100)  # delivery under way
        await charge_point.kill()
        seen_before = {event.message_id for event in csms.events if event.type == TAMPER}
        with SecurityEventStore(data / "security-events.sqlite") as store:
            queued = {event.message_id for event in store.oldest(len(infos) + 10)}
        # In flight at the kill: the CSMS has it, the store still holds it (its answer not
        # read, or its removal not yet written: at most 2 × ACK_BATCH answered events + one).
        in_flight = seen_before & queued
        assert len(in_flight) <= 2 * ACK_BATCH + 1

        restarted = ChargePointProcess(*arguments)
        await restarted.start()
        try:
            await csms.wait(lambda: set(infos) <= set(csms.infos(TAMPER)))
        finally:
            await restarted.terminate()
        tamper = [event for event in csms.events if event.type == TAMPER]
        ids = [event.message_id for event in tamper]
        duplicates = len(ids) - len(set(ids))
        assert duplicates <= len(in_flight)  # at-least-once, duplicates bounded by the flight
        assert {event.message_id for event in tamper if ids.count(event.message_id) > 1} <= (
            in_flight
        )  # a duplicate keeps its message id
        first_arrivals = list(dict.fromkeys(event.tech_info for event in tamper))
        assert first_arrivals == infos  # none lost, in order
    finally:
        await charge_point.terminate()
        await csms.close()
