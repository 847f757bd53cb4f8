"""Hardening of the charge point against CSMS behaviour (issue "Hardening")."""

from __future__ import annotations

import asyncio
import errno
import os
from pathlib import Path
from typing import Any

import pytest
from ocpp.v16 import call

from everest_py.ocpp16 import Registration
from everest_py.ocpp16.cli import main
from everest_py.ocpp16.configuration.store import FILE_NAME
from everest_py.ocpp16.ocpp.rpc import MAX_FOLLOW_UPS, RpcEndpoint
from tests.impl.conftest import StartChargePoint
from tests.impl.csms import WAIT, Csms


async def test_change_availability_while_pending_sends_no_status_notification(
    csms: Csms, start_charge_point: StartChargePoint
) -> None:
    csms.boot_answers = [("Pending", 3600), ("Accepted", 3600)]
    core = await start_charge_point(csms.url)
    await asyncio.wait_for(core.session.wait_registration(Registration.PENDING), WAIT)
    answer = await csms.call(call.ChangeAvailability(connector_id=1, type="Inoperative"))
    assert answer.status == "Accepted"
    # A triggered Heartbeat queues behind anything the ChangeAvailability started: once it has
    # arrived, an unsolicited StatusNotification would have too.
    heartbeat = call.TriggerMessage(requested_message="Heartbeat")
    assert (await csms.call(heartbeat)).status == "Accepted"
    await csms.wait_action("Heartbeat")
    assert not csms.actions("StatusNotification")  # OCPP 1.6 4.2: nothing untriggered
    # Once accepted, the statuses of every connector report the change.
    assert (await csms.call(call.TriggerMessage(requested_message="BootNotification"))).status
    await csms.wait_action("StatusNotification", 3)
    statuses = {r.payload["connectorId"]: r.payload["status"] for r in csms.received
                if r.action == "StatusNotification"}  # fmt: skip
    assert statuses == {0: "Available", 1: "Unavailable", 2: "Available"}


class _QuietConnection:
    async def send(self, message: str) -> None:
        pass

    async def recv(self) -> str:
        raise AssertionError("not read in this test")

    def __aiter__(self) -> _QuietConnection:
        return self


async def test_follow_ups_coalesce_by_key_and_are_bounded() -> None:
    endpoint = RpcEndpoint("CP", _QuietConnection(), route=lambda _endpoint, _action: None)

    async def work() -> None:
        pass

    assert endpoint.after_reply(work, key="Heartbeat")
    assert endpoint.after_reply(work, key="Heartbeat")  # coalesced: takes no room
    for _ in range(MAX_FOLLOW_UPS - 1):
        assert endpoint.after_reply(work)
    assert not endpoint.after_reply(work)  # full: the caller refuses the request
    assert not endpoint.after_reply(work, key="BootNotification")
    assert endpoint.after_reply(work, key="Heartbeat")  # already queued: still coalesced


BASE_CONFIG = "csms_url: ws://127.0.0.1:9/x\ncharge_point_id: X\n"


def _one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], names: Path) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert str(names) in err
    return err


@pytest.mark.parametrize(
    ("name", "text", "what"),
    [
        ("deep.yaml", BASE_CONFIG + "configuration: " + "[" * 3000 + "]" * 3000 + "\n", "nested"),
        ("deeper.yaml", BASE_CONFIG + "data_transfer: " + "[" * 40 + "]" * 40 + "\n", "nested"),
        ("deep.toml", 'csms_url = "ws://h/x"\nx = ' + "[" * 3000 + "]" * 3000 + "\n", "nested"),
        ("big.yaml", BASE_CONFIG + "connectors: " + "9" * 5000 + "\n", "digits"),
        ("big.toml", 'csms_url = "ws://h/x"\nconnectors = ' + "9" * 5000 + "\n", "digits"),
    ],
)
def test_an_absurd_config_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, what: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    err = _one_line_exit_2(capsys, ["run", "--config", str(path)], path)
    assert what in err


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ('{"version": 1, "configuration": ' + "[" * 3000 + "]" * 3000 + "}", "nested"),
        ('{"version": 1' + "0" * 5000 + "}", "digits"),
    ],
)
def test_an_absurd_state_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, what: str
) -> None:
    data_dir = tmp_path / "d"
    data_dir.mkdir()
    state = data_dir / FILE_NAME
    state.write_text(content)
    argv = ["run", "--csms", "ws://127.0.0.1:9/x", "--id", "X", "--data-dir", str(data_dir)]
    err = _one_line_exit_2(capsys, argv, state)
    assert what in err
    assert state.read_text() == content  # left for the operator


def test_a_data_directory_on_a_read_only_file_system_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only = tmp_path / "ro"
    real_mkdir = Path.mkdir

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.is_relative_to(read_only):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    data_dir = read_only / "data"
    argv = ["run", "--csms", "ws://127.0.0.1:9/x", "--id", "X", "--data-dir", str(data_dir)]
    err = _one_line_exit_2(capsys, argv, data_dir)
    assert "Read-only file system" in err
