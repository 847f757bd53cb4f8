"""The simulated system's transfers: every failure is a TransferError (a status line that is
not HTTP, a URL urllib cannot take), so the update ends DownloadFailed instead of staying
Downloading; a URL's user:password goes in a Basic header and never into a log line."""

from __future__ import annotations

import base64
import logging
import socket
import threading
from collections.abc import Iterator

import pytest

from everest_py.generated.types import system as _system
from everest_py.ocpp16.simulation import http_transfer
from everest_py.ocpp16.simulation.system import SimulatedSystem

from ..impl.firmware_support import file_server

SECRET = "s3cr3t-pw"
WAIT = 10.0


@pytest.fixture
def not_http() -> Iterator[int]:
    """A server that answers every request with a line that is not HTTP."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(4096)
                connection.sendall(b"GARBAGE\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() (close alone does not)
    listener.close()
    thread.join(WAIT)


async def test_a_reply_that_is_not_http_is_a_transfer_error(not_http: int) -> None:
    with pytest.raises(http_transfer.TransferError, match="BadStatusLine"):
        await http_transfer.download(f"http://127.0.0.1:{not_http}/fw.bin", timeout=WAIT)


class Statuses:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def publish_firmware_update_status(self, status: _system.FirmwareUpdateStatus) -> None:
        self.seen.append(status.firmware_update_status.value)

    def publish_log_status(self, status: _system.LogStatus) -> None:
        pass


async def test_an_update_from_a_server_that_is_not_http_ends_download_failed(
    not_http: int,
) -> None:
    system, statuses = SimulatedSystem(), Statuses()
    system.attach(statuses)  # type: ignore[arg-type]
    system.default_retry_interval = 0
    request = _system.FirmwareUpdateRequest(
        request_id=-1,
        location=f"http://127.0.0.1:{not_http}/fw.bin",
        retrieve_timestamp="2020-01-01T00:00:00Z",
        retries=2,
    )
    await system.handle_update_firmware(request)
    task = system._firmware_task
    assert task is not None
    await task
    assert statuses.seen[-1] == "DownloadFailed"


async def test_url_credentials_go_in_a_basic_header_and_not_in_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with file_server() as server:
        server.files["/fw.bin"] = b"image"
        url = server.url("/fw.bin").replace("http://", f"http://fw-user:{SECRET}@")
        assert await http_transfer.download(url, timeout=WAIT) == b"image"
        expected = base64.b64encode(f"fw-user:{SECRET}".encode()).decode()
        assert server.authorizations == [f"Basic {expected}"]
        with pytest.raises(http_transfer.TransferError) as failed:
            await http_transfer.download(url.replace("/fw.bin", "/missing"), timeout=WAIT)
    assert SECRET not in str(failed.value)
    assert SECRET not in caplog.text
