"""A process that never speaks MQTT does not load the MQTT client stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MQTT_STACK = ("aiomqtt", "paho", "everest_py.runtime.mqtt")


def loaded_after(statement: str) -> list[str]:
    probe = (
        f"import sys\n{statement}\n"
        f"print(' '.join(sorted(m for m in sys.modules if m.startswith({MQTT_STACK!r}))))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.split()


def test_the_runtime_and_the_charge_point_app_load_no_mqtt_client() -> None:
    assert loaded_after("import runtime; from everest_py.runtime import Module, InProcessBus") == []
    assert loaded_after("import everest_py.ocpp16.app") == []


def test_the_mqtt_transport_is_loaded_when_asked_for() -> None:
    loaded = loaded_after(
        "from everest_py.runtime import MqttTransport; assert MqttTransport.__name__"
    )
    assert "everest_py.runtime.mqtt" in loaded
