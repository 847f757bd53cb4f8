"""The user:password of a URL the CSMS sends (UpdateFirmware, SignedUpdateFirmware, GetDiagnostics,
GetLog) is hidden in logged frames; the rest of the URL stays readable."""

from __future__ import annotations

import json

import pytest

from everest_py.ocpp16.ocpp.redaction import redact

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
