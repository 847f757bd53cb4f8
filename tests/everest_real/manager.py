"""The real EVerest manager with Store, Example, ExampleUser and one standalone Python module.

Readiness is read from the manager's log, never slept for. Everything it starts is stopped by
PID: the manager gets SIGTERM (it stops the modules it spawned), then SIGKILL if it hangs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from everest_py.runtime.everest.environment import TcpBroker, UnixSocketBroker
from everest_py.runtime.everest.protocol import WireVersion

MODULE_ID = "py_lifecycle"
MODULE_NAME = "PyLifecycle"
MANIFEST = Path(__file__).parent / MODULE_NAME / "manifest.yaml"
DEFAULT_PREFIXES = {WireVersion.V2025: "/opt/everest", WireVersion.V2026: "/opt/everest-2026"}
WAITING_FOR_STANDALONE = "waiting for standalone modules"
UP = "EVerest up and running"


@dataclass(frozen=True)
class Installation:
    version: WireVersion
    prefix: Path

    @property
    def manager(self) -> Path:
        return self.prefix / "bin" / "manager"

    @classmethod
    def of(cls, version: WireVersion) -> Installation:
        variable = f"EVEREST_PREFIX_{version.value}"
        prefix = Path(os.environ.get(variable, DEFAULT_PREFIXES[version]))
        installation = cls(version, prefix)
        if not installation.manager.exists():
            raise FileNotFoundError(
                f"no EVerest {version.value} manager at {installation.manager} ({variable}): "
                "run `make test-everest`, which builds it"
            )
        return installation


def broker_settings(broker: TcpBroker | UnixSocketBroker) -> str:
    if isinstance(broker, UnixSocketBroker):
        return f"  mqtt_broker_socket_path: {broker.path}\n"
    return f"  mqtt_broker_host: {broker.host}\n  mqtt_broker_port: {broker.port}\n"


def config_yaml(broker: TcpBroker | UnixSocketBroker, modules_dir: Path) -> str:
    """Example <- ExampleUser as in everest-core's example, but Example's kvs is OUR module
    (so Example calls us) and our own kvs requirement is Store (so we call a C++ module)."""
    return f"""\
active_modules:
  store:
    module: Store
  example:
    module: Example
    config_implementation:
      example:
        current: 42
        enum_test: one
        enum_test2: 2
    connections:
      kvs:
        - module_id: {MODULE_ID}
          implementation_id: main
  example_user:
    module: ExampleUser
    connections:
      example:
        - module_id: example
          implementation_id: example
  {MODULE_ID}:
    module: {MODULE_NAME}
    standalone: true
    connections:
      example:
        - module_id: example
          implementation_id: example
      kvs:
        - module_id: store
          implementation_id: main
settings:
{broker_settings(broker)}  modules_dir: {modules_dir}
"""


class LogWatch:
    """Collects a process's output lines on a thread; ``wait_for`` blocks on a condition."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._pump, args=(process,), daemon=True)
        self._thread.start()

    def _pump(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            with self._changed:
                self.lines.append(raw.decode(errors="replace").rstrip())
                self._changed.notify_all()
        with self._changed:
            self.lines.append("<process output closed>")
            self._changed.notify_all()

    def contains(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self.contains(text):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.contains("<process output closed>"):
                    tail = "\n".join(self.lines[-25:])
                    raise TimeoutError(f"manager never logged {text!r}; last lines:\n{tail}")
                self._changed.wait(remaining)

    def join(self) -> None:
        self._thread.join(timeout=5)


class RealManager:
    def __init__(
        self, installation: Installation, broker: TcpBroker | UnixSocketBroker, *args: str
    ) -> None:
        self.installation = installation
        self.run_dir = Path(tempfile.mkdtemp(prefix=f"everest-{installation.version.value}-"))
        modules_dir = self.run_dir / "modules"
        modules_dir.mkdir()
        for module in (installation.prefix / "libexec" / "everest" / "modules").iterdir():
            (modules_dir / module.name).symlink_to(module)
        (modules_dir / MODULE_NAME).mkdir()
        shutil.copy(MANIFEST, modules_dir / MODULE_NAME / "manifest.yaml")
        self.config = self.run_dir / "config.yaml"
        self.config.write_text(config_yaml(broker, modules_dir))
        self.command = [
            str(installation.manager),
            "--prefix", str(installation.prefix),
            "--config", str(self.config),
            "--standalone", MODULE_ID,
            *args,
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None
        self.log: LogWatch | None = None

    def start(self) -> None:
        """Start the manager; return once it waits for our standalone module."""
        # Own process group: the modules the manager spawns can be reaped by its group id.
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.log = LogWatch(self.process)
        self.log.wait_for(WAITING_FOR_STANDALONE, timeout=30)

    def terminate(self) -> int:
        """SIGTERM and wait; the exit code."""
        process = self.process
        assert process is not None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self._kill_leftover_modules(process.pid)
        if self.log is not None:
            self.log.join()
        return process.returncode

    @staticmethod
    def _kill_leftover_modules(group: int) -> None:
        # The manager stops its modules itself; this only catches one it left behind.
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def close(self) -> None:
        if self.process is not None:
            self.terminate()
        shutil.rmtree(self.run_dir, ignore_errors=True)
