"""A real mosquitto broker for tests: loopback only, an OS-chosen free port.

    broker = MosquittoBroker()
    broker.start()            # returns once mosquitto reports it is running
    ... connect to broker.host / broker.port ...
    broker.restart()          # same port: clients can reconnect
    broker.stop()

``mosquitto_broker`` below is a ready-made pytest fixture; import it into a
conftest.py (``from tests.support.mosquitto import mosquitto_broker``) to use it.
Async tests can call ``await broker.stop_async()`` / ``start_async()`` so the
event loop keeps running while mosquitto stops or starts.
"""

from __future__ import annotations

import asyncio
import os
import selectors
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["MOSQUITTO", "MosquittoBroker", "mosquitto_broker"]

MOSQUITTO = os.environ.get("MOSQUITTO", shutil.which("mosquitto") or "/usr/sbin/mosquitto")
_READY_LINE = "running"  # "mosquitto version X running", logged once every listener is open
_START_TIMEOUT = 10.0


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class MosquittoBroker:
    """One mosquitto process bound to 127.0.0.1; the port is kept across restarts."""

    host = "127.0.0.1"

    def __init__(self, port: int | None = None) -> None:
        self.port = port or _free_loopback_port()
        self._directory = Path(tempfile.mkdtemp(prefix="mosquitto-test-"))
        self._config = self._directory / "mosquitto.conf"
        self._config.write_text(
            f"listener {self.port} {self.host}\n"
            "allow_anonymous true\n"
            "persistence false\n"
            "set_tcp_nodelay true\n"
            "log_dest stderr\n"
            "log_type error\n"
            "log_type warning\n"
            "log_type notice\n"
            "log_type information\n"
        )
        self._process: subprocess.Popen[bytes] | None = None
        self._drain: _OutputDrain | None = None
        self.log: list[str] = []

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start mosquitto and block until it logs that it is running."""
        if self.running:
            return
        if not Path(MOSQUITTO).exists():
            pytest.fail(
                f"mosquitto not installed at {MOSQUITTO}: run `make broker` (the MQTT tests need a real broker)"
            )
        process = subprocess.Popen(
            [MOSQUITTO, "-c", str(self._config)],
            # stderr is unbuffered: each log line arrives as mosquitto writes it.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        self._process = process
        assert process.stderr is not None
        descriptor = process.stderr.fileno()
        deadline = time.monotonic() + _START_TIMEOUT
        pending = b""
        with selectors.DefaultSelector() as selector:
            selector.register(descriptor, selectors.EVENT_READ)
            while not any(_READY_LINE in line for line in self._lines(pending)):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    self._fail_start("did not report running within the time limit", pending)
                chunk = os.read(descriptor, 65536)
                if not chunk:
                    self._fail_start("exited on start", pending)
                pending += chunk
        self.log.extend(self._lines(pending))
        # Keep draining its output so a chatty broker never blocks on a full pipe.
        self._drain = _OutputDrain(process, self.log)

    @staticmethod
    def _lines(output: bytes) -> list[str]:
        return output.decode(errors="replace").splitlines()

    def _fail_start(self, why: str, output: bytes) -> None:
        self.log.extend(self._lines(output))
        self.stop()
        raise RuntimeError(f"mosquitto {why} (port {self.port}): {self.log[-10:]}")

    def stop(self) -> None:
        """Stop mosquitto (SIGTERM, then SIGKILL) and wait until the process has ended."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if self._drain is not None:
            self._drain.join()
            self._drain = None

    def restart(self) -> None:
        self.stop()
        self.start()

    async def start_async(self) -> None:
        await asyncio.to_thread(self.start)

    async def stop_async(self) -> None:
        await asyncio.to_thread(self.stop)

    def close(self) -> None:
        """Stop and remove the configuration directory."""
        self.stop()
        shutil.rmtree(self._directory, ignore_errors=True)

    def __enter__(self) -> MosquittoBroker:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _OutputDrain:
    """Reads the broker's remaining output into its log on a daemon thread."""

    def __init__(self, process: subprocess.Popen[bytes], log: list[str]) -> None:
        import threading

        def pump() -> None:
            assert process.stderr is not None
            for line in process.stderr:
                log.append(line.decode(errors="replace").rstrip())

        self._thread = threading.Thread(target=pump, daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join(timeout=5)


@pytest.fixture
def mosquitto_broker() -> Iterator[MosquittoBroker]:
    """A running mosquitto on a free 127.0.0.1 port, stopped after the test."""
    with MosquittoBroker() as broker:
        yield broker
