"""The real manager starting EVerest's C++ modules AND ours from examples/everest-config.yaml.

Our modules are installed with ``make everest-install`` into the run's modules folder (next to
links to the C++ modules), exactly as a user installs them into an EVerest prefix.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from everest_py.runtime.everest.environment import TcpBroker, UnixSocketBroker

from .manager import UP, Installation, LogWatch

REPOSITORY = Path(__file__).resolve().parents[2]
CONFIG = REPOSITORY / "examples" / "everest-config.yaml"


def managed_config(
    broker: TcpBroker | UnixSocketBroker,
    modules_dir: Path,
    csms_url: str,
    data_dir: Path,
    source: Path = CONFIG,
) -> dict[str, Any]:
    """``source`` (examples/everest-config.yaml) with this run's broker, modules folder, CSMS
    and state (the charge point's ``DataDir``, SimSecurity's ``store_dir`` under it)."""
    config: dict[str, Any] = yaml.safe_load(source.read_text())
    charge_point = config["active_modules"]["charge_point"]["config_module"]
    charge_point |= {"CsmsUrl": csms_url, "DataDir": str(data_dir)}
    for module in config["active_modules"].values():
        if module["module"] == "SimSecurity":  # its certificate store, next to the state
            module.setdefault("config_module", {})["store_dir"] = str(data_dir / "sim-security")
    settings: dict[str, Any] = {"modules_dir": str(modules_dir)}
    if isinstance(broker, UnixSocketBroker):
        settings["mqtt_broker_socket_path"] = str(broker.path)
    else:
        settings |= {"mqtt_broker_host": broker.host, "mqtt_broker_port": broker.port}
    config["settings"] = settings
    return config


def install_our_modules(modules_dir: Path) -> None:
    subprocess.run(
        [
            "make",
            "-s",
            "everest-install",
            f"EVEREST_MODULES_DIR={modules_dir}",
            f"VENV={sys.prefix}",
        ],
        cwd=REPOSITORY,
        check=True,
    )


class ManagedSystem:
    def __init__(
        self,
        installation: Installation,
        broker: TcpBroker | UnixSocketBroker,
        csms_url: str,
        *args: str,
        source: Path = CONFIG,
    ) -> None:
        self.installation = installation
        self.run_dir = Path(tempfile.mkdtemp(prefix=f"everest-py-{installation.version.value}-"))
        modules_dir = self.run_dir / "modules"
        modules_dir.mkdir()
        for module in (installation.prefix / "libexec" / "everest" / "modules").iterdir():
            (modules_dir / module.name).symlink_to(module)
        install_our_modules(modules_dir)
        config = managed_config(broker, modules_dir, csms_url, self.run_dir / "cp-data", source)
        self.config = self.run_dir / "config.yaml"
        self.config.write_text(yaml.safe_dump(config))
        self.command = [
            str(installation.manager),
            "--prefix", str(installation.prefix),
            "--config", str(self.config),
            *args,
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None
        self.log: LogWatch | None = None

    def start(self) -> LogWatch:
        """Start the manager; return once every module, ours included, is ready."""
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.log = LogWatch(self.process)
        self.log.wait_for(UP, timeout=60)
        return self.log

    def terminate(self) -> int:
        """SIGTERM the manager (it stops its modules) and wait; its exit code."""
        process = self.process
        assert process is not None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if self.log is not None:
            # The output closes once the modules (which share it) exited: the 2025 manager
            # dies at once and its modules get SIGTERM from the kernel, stopping on their own.
            self.log.join()
        try:  # only a module that did not stop by then
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return process.returncode

    def close(self) -> None:
        if self.process is not None:
            self.terminate()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def check_charging_config(document: dict[str, object]) -> None:
    """docs/everest.md's charging config is examples/everest-charging.yaml (a doc-test check)."""
    shipped = yaml.safe_load((REPOSITORY / "examples" / "everest-charging.yaml").read_text())
    assert document == shipped
