"""Every code block of README.md and docs/*.md runs as written.

Each fenced block follows a marker ``<!-- doc-test: NAME [option=value ...] -->`` (a block
without one fails the test, so no untested example can be added). By language:

- ``python``: run as a script in a fresh interpreter from the project root. Names starting with
  ``mqtt`` get a real mosquitto, found through ``EV_MQTT_BROKER_HOST``/``EV_MQTT_BROKER_PORT``.
  ``as-module`` runs it under another name than ``__main__``: for a module's entry point, whose
  ``if __name__ == "__main__"`` part needs the EVerest manager (tests/everest_real runs that).
- ``sh``: run by bash (``set -euo pipefail``) from the project root, ``.venv/bin`` first on
  PATH and ``EVEREST_CORE`` set. Options: ``cwd=tmp`` runs it in an empty temporary folder;
  ``until="TEXT"`` is for commands that run until stopped: the test waits for TEXT in the output,
  then interrupts; ``dry-run`` runs ``make`` lines as ``make -n`` (for ``make test``, which would
  run this suite inside itself).
- ``yaml``: parsed; ``check=module:function`` hands the document to that function, which raises
  when it is not valid (e.g. the charge point's settings model).
- ``text``: sample output; ``output-of=NAME`` makes every line of it (but ``...``) appear in the
  output of block NAME.
"""

from __future__ import annotations

import importlib
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.support.mosquitto import MosquittoBroker

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TIMEOUT = 120.0

_FENCE = re.compile(r"^```(?P<language>[\w-]*)\n(?P<code>.*?)^```\n", re.S | re.M)
_MARKER = re.compile(r"<!-- doc-test: (?P<name>[\w-]+)(?P<options>[^>]*?)\s*-->\s*\Z")


@dataclass(frozen=True)
class Block:
    document: str
    line: int
    name: str
    language: str
    code: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}"


def _options(text: str) -> dict[str, str]:
    options = {}
    for word in shlex.split(text):
        key, _, value = word.partition("=")
        options[key] = value
    return options


def _blocks() -> tuple[list[Block], list[str]]:
    blocks: list[Block] = []
    unmarked: list[str] = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        relative = str(document.relative_to(ROOT))
        for match in _FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            marker = _MARKER.search(text, 0, match.start())
            if marker is None or text[marker.end() : match.start()].strip():
                unmarked.append(f"{relative}:{line}")
                continue
            blocks.append(
                Block(
                    relative,
                    line,
                    marker["name"],
                    match["language"],
                    match["code"],
                    _options(marker["options"]),
                )
            )
    return blocks, unmarked


BLOCKS, UNMARKED = _blocks()
OUTPUTS: dict[str, str] = {}


def test_every_block_is_marked_and_named_once() -> None:
    assert UNMARKED == [], "code blocks without a doc-test marker"
    names = [block.name for block in BLOCKS]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    assert {"handler", "mqtt-module"} <= set(names)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["EVEREST_CORE"] = str(ROOT.parent / "shared" / "everest-core")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _run_until(command: list[str], cwd: Path, env: dict[str, str], text: str) -> str:
    """Start a long-running command, return its output once TEXT appeared, then interrupt it."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen = threading.Event()
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if text in line:
                seen.set()
        seen.set()  # end of output: stop waiting too

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen.wait(TIMEOUT)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # The script's background jobs (`... &`) ignore SIGINT, as bash starts them without job
    # control: end whatever is left of the group, or it outlives the test.
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    reader.join(5)
    output = "".join(lines)
    assert text in output, f"never printed {text!r}:\n{output}"
    return output


def _run_sh(block: Block, tmp_path: Path) -> str:
    cwd = tmp_path if block.options.get("cwd") == "tmp" else ROOT
    code = block.code
    if "dry-run" in block.options:
        code = re.sub(r"^make ", "make -n ", code, flags=re.M)
    script = f"set -euo pipefail\ncd {shlex.quote(str(ROOT))}\ncd {shlex.quote(str(cwd))}\n{code}"
    env = _environment()
    if "until" in block.options:
        return _run_until(["bash", "-c", script], cwd, env, block.options["until"])
    completed = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert completed.returncode == 0, f"{block.where}:\n{completed.stdout}{completed.stderr}"
    return completed.stdout + completed.stderr


def _run_python(block: Block, tmp_path: Path) -> str:
    script = tmp_path / f"{block.name}.py"
    script.write_text(block.code, encoding="utf-8")
    env = _environment()
    command = [sys.executable, str(script)]
    if "as-module" in block.options:
        run_path = f"import runpy; runpy.run_path({str(script)!r}, run_name='doc_example')"
        command = [sys.executable, "-c", run_path]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    if block.name.startswith("mqtt"):
        with MosquittoBroker() as broker:
            env.update(EV_MQTT_BROKER_HOST="127.0.0.1", EV_MQTT_BROKER_PORT=str(broker.port))
            completed = run()
    else:
        completed = run()
    assert completed.returncode == 0, f"{block.where}:\n{completed.stdout}{completed.stderr}"
    return completed.stdout + completed.stderr


def _check_yaml(block: Block) -> str:
    document = yaml.safe_load(block.code)
    if "check" in block.options:
        module, _, function = block.options["check"].partition(":")
        getattr(importlib.import_module(module), function)(document)
    return ""


def _check_text(block: Block) -> str:
    source = block.options.get("output-of")
    assert source, f"{block.where}: a text block names the block it shows with output-of=NAME"
    if source not in OUTPUTS:
        with tempfile.TemporaryDirectory() as scratch:
            _run(next(b for b in BLOCKS if b.name == source), Path(scratch))
    lines = [line.strip() for line in block.code.splitlines() if line.strip()]
    missing = [line for line in lines if line != "..." and line not in OUTPUTS[source]]
    assert missing == [], f"{block.where}: not in the output of {source}"
    return ""


def _run(block: Block, tmp_path: Path) -> None:
    runners = {
        "sh": lambda: _run_sh(block, tmp_path),
        "python": lambda: _run_python(block, tmp_path),
        "yaml": lambda: _check_yaml(block),
        "text": lambda: _check_text(block),
    }
    assert block.language in runners, f"{block.where}: no runner for ```{block.language}"
    OUTPUTS[block.name] = runners[block.language]()


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_block_runs(block: Block, tmp_path: Path) -> None:
    _run(block, tmp_path)


def _indented_code(document: Path) -> list[str]:
    """Lines that open an indented code block (4 spaces after a blank line, not in a list)."""
    lines = document.read_text(encoding="utf-8").split("\n")
    found, fenced = [], False
    for number, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        if fenced or not line.startswith("    ") or number == 0 or lines[number - 1].strip():
            continue
        previous = next((p for p in reversed(lines[:number]) if p.strip()), "")
        if not (re.match(r"\s*([-*]|\d+\.)\s", previous) or previous.startswith("  ")):
            found.append(f"{document.relative_to(ROOT)}:{number + 1}")
    return found


def test_no_indented_code_blocks() -> None:
    """Indented blocks would escape the doc-test markers: every example is fenced and run."""
    assert [where for document in DOCUMENTS for where in _indented_code(document)] == []


def test_the_readme_stays_short() -> None:
    """The README is an entry point; reference material belongs in docs/."""
    assert len((ROOT / "README.md").read_bytes()) <= 12 * 1024


def test_every_document_is_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [d.name for d in DOCUMENTS[1:] if f"docs/{d.name}" not in readme] == []


def check_charge_point_settings(document: dict[str, object]) -> None:
    """A config-file example must be valid settings for the charge point (doc-test check)."""
    from everest_py.ocpp16 import build_settings

    build_settings(document, {}, "example")


def check_simulation_defaults(document: dict[str, object]) -> None:
    """The documented `simulation:` section is the settings model's defaults (doc-test check)."""
    from everest_py.ocpp16.settings import Simulation

    assert Simulation.from_document(document) == Simulation()
    assert document == Simulation().to_document()


_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\((?P<target>[^)#\s]+)(?:#[^)]*)?\)")


def test_every_relative_link_points_to_a_file() -> None:
    broken = []
    for document in DOCUMENTS:
        prose = _CODE_SPAN.sub("", _FENCE.sub("", document.read_text(encoding="utf-8")))
        for match in _LINK.finditer(prose):
            target = match["target"]
            if "://" not in target and not (document.parent / target).exists():
                broken.append(f"{document.relative_to(ROOT)}: {target}")
    assert broken == []


def check_everest_config(document: dict[str, object]) -> None:
    """The EVerest config shown in the docs is the one the real-manager tests run."""
    shipped = yaml.safe_load((ROOT / "examples" / "everest-config.yaml").read_text("utf-8"))
    assert document == shipped
