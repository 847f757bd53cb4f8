"""The user:password of a URL the CSMS sends (UpdateFirmware, SignedUpdateFirmware, GetDiagnostics,
GetLog) is hidden in logged frames; the rest of the URL stays readable. So is that of the CSMS
URL itself in the charge point's connection log lines and errors."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from pathlib import Path

import pytest

from everest_py.ocpp16 import ChargePointCore
from everest_py.ocpp16.configuration import ConfigurationError
from everest_py.ocpp16.ocpp.redaction import redact
from tests.impl.conftest import settings_for
from tests.impl.csms import WAIT

SECRET = "S3cret-pw"


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("UpdateFirmware", {"location": f"https://fw:{SECRET}@example.com/fw.bin"}),
        ("GetDiagnostics", {"location": f"ftp://diag:{SECRET}@10.0.0.1:21/up/"}),
        ("SignedUpdateFirmware", {"firmware": {"location": f"http://u:{SECRET}@h/f"}}),
        ("GetLog", {"log": {"remoteLocation": f"https://only-user-{SECRET}@h/logs"}}),
    ],
)
def test_url_credentials_are_hidden(action: str, payload: dict[str, object]) -> None:
    shown = redact(json.dumps([2, "1", action, payload]))
    assert SECRET not in shown
    assert "***@" in shown


def test_a_url_without_credentials_is_shown_as_sent() -> None:
    frame = [2, "1", "UpdateFirmware", {"location": "https://example.com/path/a@b.bin"}]
    assert json.loads(redact(json.dumps(frame))) == frame


class _Lines(logging.Handler):
    """Every log line of the charge point, formatted; `seen` is set by the first that has
    `wanted` in it."""

    def __init__(self, wanted: str) -> None:
        super().__init__(logging.DEBUG)
        self.wanted, self.lines, self.seen = wanted, list[str](), asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
        if self.wanted in self.lines[-1]:
            self.seen.set()


async def test_the_csms_urls_password_is_in_no_log_line(tmp_path: Path) -> None:
    with socket.socket() as unused:  # nothing listens there: each attempt is logged
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    lines = _Lines("cannot connect to ws://***@127.0.0.1")
    logger = logging.getLogger("everest_py")
    logger.addHandler(lines)
    level, logger.level = logger.level, logging.DEBUG
    core = ChargePointCore(settings_for(f"ws://cp:{SECRET}@127.0.0.1:{port}/ocpp", tmp_path))
    try:
        await core.start()
        await asyncio.wait_for(lines.seen.wait(), WAIT)
    finally:
        await core.close()
        logger.removeHandler(lines)
        logger.setLevel(level)
    assert not [line for line in lines.lines if SECRET in line]


def test_the_csms_urls_password_is_in_no_error_and_no_repr(tmp_path: Path) -> None:
    settings = settings_for(
        f"wss://cp:{SECRET}@127.0.0.1:9/ocpp",
        tmp_path,
        configuration={"AuthorizationKey": SECRET * 2},
    )
    assert SECRET not in repr(settings)
    with pytest.raises(ConfigurationError) as refused:  # profile 0 with a wss:// URL
        ChargePointCore(settings)
    assert "the CSMS URL is wss:// but security profile 0" in str(refused.value)
    assert SECRET not in str(refused.value)
