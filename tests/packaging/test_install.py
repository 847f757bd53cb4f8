"""The distribution as a user installs it: a wheel, non-editable, into clean virtualenvs.

Slow (builds a wheel and two virtualenvs from PyPI), so it runs in `make test-packaging`, not in
the plain suite; `.ci/run` runs both.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVEREST_CORE = ROOT.parent / "shared" / "everest-core"

pytestmark = pytest.mark.packaging


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run outside the source tree (by default in the root folder), so that nothing of the
    checkout (its `everest_py/`, its egg-info) can be imported in place of the installed wheel."""
    completed = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd or Path("/"),
        check=False,
    )
    assert completed.returncode == 0, f"{command}:\n{completed.stdout}\n{completed.stderr}"
    return completed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", out, ROOT)
    (built,) = out.glob("everest_py-*.whl")
    return built


def _virtualenv(base: Path, requirement: str) -> Path:
    venv.create(base, with_pip=True)
    python = base / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", requirement)
    return python


@pytest.fixture(scope="module")
def codegen_env(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield _virtualenv(
        tmp_path_factory.mktemp("codegen-env"), f"everest-py[codegen] @ {wheel.as_uri()}"
    )


def _installed_top_level(python: Path) -> set[str]:
    """Top-level names our distribution put into site-packages, read from its RECORD."""
    record = _run(
        python,
        "-c",
        "import importlib.metadata as m; "
        "print('\\n'.join(str(f) for f in m.distribution('everest-py').files))",
    ).stdout.split()
    return {entry.split("/")[0] for entry in record if not entry.startswith("..")}


def test_one_top_level_package_with_py_typed(codegen_env: Path) -> None:
    assert _installed_top_level(codegen_env) == {"everest_py", "everest_py-0.1.0.dist-info"}
    location = _run(codegen_env, "-c", "import everest_py; print(everest_py.__file__)").stdout
    assert (Path(location.strip()).parent / "py.typed").is_file()
    assert "site-packages" in location


def test_codegen_extra_installs_no_formatter(codegen_env: Path) -> None:
    missing = _run(
        codegen_env,
        "-c",
        "import importlib.util as u; print([m for m in ('ruff', 'black', 'ocpp', 'aiomqtt') "
        "if u.find_spec(m)])",
    ).stdout.strip()
    assert missing == "[]"


def test_console_scripts_report_the_version(codegen_env: Path) -> None:
    printed = _run(codegen_env.parent / "everest-codegen", "--version").stdout
    assert "0.1.0" in printed


def test_codegen_extra_alone_generates_the_corpus_as_a_dev_install_does(
    codegen_env: Path, tmp_path: Path
) -> None:
    assert EVEREST_CORE.is_dir(), f"reference corpus not found at {EVEREST_CORE}"
    lean, full = tmp_path / "lean", tmp_path / "full"
    _run(codegen_env.parent / "everest-codegen", "generate", "--everest-dir", EVEREST_CORE,
         "--out", lean / "bindings", cwd=tmp_path)  # fmt: skip
    _run(sys.executable, "-m", "everest_py.codegen", "generate", "--everest-dir", EVEREST_CORE,
         "--out", full / "bindings", cwd=tmp_path)  # fmt: skip
    lean_files = {p.relative_to(lean): p.read_bytes() for p in lean.rglob("*") if p.is_file()}
    full_files = {p.relative_to(full): p.read_bytes() for p in full.rglob("*") if p.is_file()}
    assert len(lean_files) > 90
    assert lean_files.keys() == full_files.keys()
    assert [name for name in lean_files if lean_files[name] != full_files[name]] == []


def test_charge_point_extra_runs_its_console_script(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    python = _virtualenv(
        tmp_path_factory.mktemp("ocpp-env"), f"everest-py[ocpp] @ {wheel.as_uri()}"
    )
    printed = _run(python.parent / "ocpp16-charge-point", "--version").stdout
    assert "0.1.0" in printed
    _run(python, "-c", "import everest_py.ocpp16, everest_py.runtime.mqtt")
