"""The README's examples run as written.

A fenced ``python`` block right after a ``<!-- readme-test: NAME -->`` marker is
executed in a fresh interpreter from the project root.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.mosquitto import MosquittoBroker

ROOT = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"<!-- readme-test: (?P<name>[\w-]+) -->\s*```python\n(?P<code>.*?)```", re.S)
# An example may be followed by the output it prints: "Output:" and a fenced block.
_OUTPUT = re.compile(r"\s*Output:\s*```\n(?P<output>.*?)```", re.S)


def _examples() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {match["name"]: match["code"] for match in _BLOCK.finditer(text)}


def _outputs() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    outputs = {}
    for match in _BLOCK.finditer(text):
        output = _OUTPUT.match(text, match.end())
        if output is not None:
            outputs[match["name"]] = output["output"]
    return outputs


def test_readme_has_examples() -> None:
    assert {"handler", "mqtt-module"} <= set(_examples())
    assert "mqtt-module" in _outputs()


def _run(script: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(_examples()))
def test_readme_example_runs(name: str, tmp_path: Path) -> None:
    """Examples named ``mqtt-*`` get a real mosquitto, found through EV_MQTT_BROKER_*."""
    script = tmp_path / f"{name}.py"
    script.write_text(_examples()[name], encoding="utf-8")
    env = dict(os.environ)
    if name.startswith("mqtt"):
        with MosquittoBroker() as broker:
            env.update(EV_MQTT_BROKER_HOST="127.0.0.1", EV_MQTT_BROKER_PORT=str(broker.port))
            completed = _run(script, env)
    else:
        completed = _run(script, env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    if name.startswith("mqtt"):
        assert "is_connected: True" in completed.stdout
    if name in _outputs():  # The output shown in the README is what the example prints.
        assert completed.stdout == _outputs()[name]
