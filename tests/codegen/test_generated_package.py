"""The generated package as a library: typed for its users, formatted, tied to one contract."""

from __future__ import annotations

import ast
import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from everest_py.codegen import render
from everest_py.codegen.pipeline import generate
from everest_py.runtime import contract

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_EXPECTED = GOLDEN / "constructs" / "expected"

USER_MODULE = '''\
"""What a user writes against generated bindings; must pass mypy --strict as it is."""

from everest_py.runtime import InProcessBus, Module

from corpus_bindings.interfaces.ocpp_1_6_charge_point import (
    Ocpp16ChargePointClient,
    Ocpp16ChargePointHandler,
)
from corpus_bindings.types.ocpp import (
    ConfigurationStatus,
    GetConfigurationResponse,
    KeyValue,
    SecurityEvent,
)


class ChargePoint(Ocpp16ChargePointHandler):
    async def handle_stop(self) -> bool:
        return True

    async def handle_restart(self) -> bool:
        return False

    async def handle_get_configuration_key(self, keys: list[str]) -> GetConfigurationResponse:
        known = [KeyValue(key=key, read_only=True, value="1") for key in keys]
        return GetConfigurationResponse(configuration_keys=known, unknown_keys=[])

    async def handle_set_configuration_key(self, key: str, value: str) -> ConfigurationStatus:
        return ConfigurationStatus.Accepted

    async def handle_monitor_configuration_keys(self, keys: list[str]) -> None:
        return None

    async def handle_security_event(self, type: str, info: str) -> None:
        return None


def on_event(event: SecurityEvent) -> None:
    print(event.type, event.critical)


async def main() -> None:
    bus = InProcessBus()
    provider = Module("cp", bus.transport())
    provider.provide("main", ChargePoint())
    user = Module("user", bus.transport())
    client = user.require(Ocpp16ChargePointClient, module_id="cp", impl_id="main")
    client.subscribe_security_event(on_event)
    await provider.start()
    await user.start()
    response = await client.get_configuration_key(["HeartbeatInterval"], timeout=1.0)
    first: KeyValue = response.configuration_keys[0]
    status: ConfigurationStatus = await client.set_configuration_key(first.key, "60")
    stopped: bool = await client.stop()
    print(status, stopped)
'''


@pytest.fixture(scope="module")
def golden_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("golden")
    generate([GOLDEN_EXPECTED.parent / "input"], base / "golden_bindings")
    sys.path.insert(0, str(base))
    try:
        yield "golden_bindings"
    finally:
        sys.path.remove(str(base))
        for name in [n for n in sys.modules if n.startswith("golden_bindings")]:
            del sys.modules[name]


def _package_dir(package: str) -> Path:
    return Path(importlib.import_module(package).__path__[0])


def test_package_is_typed_and_has_no_support_copy(corpus_package: str) -> None:
    package_dir = _package_dir(corpus_package)
    assert (package_dir / "py.typed").is_file()
    assert not (package_dir / "_support.py").exists()
    interface = importlib.import_module(f"{corpus_package}.interfaces.ocpp_1_6_charge_point")
    assert isinstance(interface.INTERFACE, contract.InterfaceSpec)


def test_user_code_and_corpus_output_pass_mypy_strict(corpus_package: str) -> None:
    package_dir = _package_dir(corpus_package)
    user_module = package_dir.parent / "user_module.py"
    user_module.write_text(USER_MODULE, encoding="utf-8")
    # The generated code imports everest_py.runtime.contract: mypy finds it in the source tree.
    environment = {**os.environ, "MYPYPATH": str(ROOT)}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file=",
            package_dir.name,
            user_module.name,
        ],
        cwd=package_dir.parent,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_golden_output_passes_mypy_strict(tmp_path: Path) -> None:
    """Every golden case, as a package of its own (awkward holds the names and constructs that
    broke generated code once), in one mypy run."""
    packages = []
    for expected in sorted(GOLDEN.glob("*/expected")):
        packages.append(f"{expected.parent.name}_bindings")
        shutil.copytree(expected, tmp_path / packages[-1])
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file=", *packages],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _tool(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *arguments], cwd=cwd, capture_output=True, text=True, check=False
    )


_STYLE = ["--line-length=100", "--target-version=py311"]
# Generated packages live in a user's project, where everest_py is an installed dependency.
_THIRD_PARTY = "--config=lint.isort.known-third-party=['everest_py']"


def _formatting_problems(package_dir: Path) -> list[str]:
    """What black, ruff format and ruff's import sorting would change; empty when nothing."""
    where, name = package_dir.parent, package_dir.name
    runs = {
        "black": _tool("black", "--check", "--diff", *_STYLE, name, cwd=where),
        "ruff format": _tool("ruff", "format", "--isolated", "--check", "--diff", *_STYLE, name, cwd=where),
        "ruff check": _tool("ruff", "check", "--isolated", *_STYLE, _THIRD_PARTY, "--select=E,F,W,I,B,UP", name, cwd=where),
    }  # fmt: skip
    return [
        f"{tool}:\n{run.stdout}{run.stderr}" for tool, run in runs.items() if run.returncode != 0
    ]


def test_corpus_output_is_already_formatted(corpus_package: str) -> None:
    assert _formatting_problems(_package_dir(corpus_package)) == []


@pytest.mark.parametrize("case", sorted(p.parent.name for p in GOLDEN.glob("*/expected")))
def test_golden_output_is_already_formatted(case: str, tmp_path: Path) -> None:
    # long_names holds names long enough for every split the layout knows.
    copy = tmp_path / "golden_bindings"
    shutil.copytree(GOLDEN / case / "expected", copy)
    assert _formatting_problems(copy) == []


def test_generator_and_runtime_agree_on_the_contract_version() -> None:
    assert render.CONTRACT_VERSION == contract.CONTRACT_VERSION


@pytest.mark.parametrize(
    ("needed", "remedy"),
    [(contract.CONTRACT_VERSION + 1, "upgrade everest-py"), (0, "regenerate the package")],
)
def test_contract_mismatch_says_what_to_do(needed: int, remedy: str) -> None:
    with pytest.raises(ImportError) as raised:
        contract.require_contract(needed, "site_bindings")
    message = str(raised.value)
    assert "site_bindings" in message
    assert f"contract {needed}" in message
    assert f"contract {contract.CONTRACT_VERSION}" in message
    assert remedy in message


def test_importing_a_package_for_another_contract_fails(
    golden_package: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contract, "CONTRACT_VERSION", contract.CONTRACT_VERSION + 1)
    with pytest.raises(ImportError, match="regenerate the package") as raised:
        importlib.import_module(golden_package)
    assert isinstance(raised.value, contract.ContractMismatch)
    monkeypatch.undo()
    widget = importlib.import_module(f"{golden_package}.interfaces.widget")
    assert widget.WidgetHandler.INTERFACE is widget.INTERFACE


def test_each_description_appears_once(golden_package: str) -> None:
    module_dir = _package_dir(golden_package)
    for relative in ("interfaces/widget.py", "types/shapes.py", "errors/widget.py"):
        source = (module_dir / relative).read_text(encoding="utf-8")
        for description in (
            "Draws a shape",
            "Scale factor",
            "The shape as drawn",
            "The last shape drawn",
            "Horizontal position",
            "The widget is stuck",
            "A widget that draws shapes",
        ):
            assert source.count(description) <= 1, f"{description!r} repeated in {relative}"
    widget = (module_dir / "interfaces/widget.py").read_text(encoding="utf-8")
    # Classes first, the machine-readable spec last.
    assert widget.index("class WidgetClient") < widget.index("INTERFACE = InterfaceSpec(")
    # No parenthesised single strings such as description=("...").
    assert re.search(r"=\(\s*[\"']", widget) is None


def test_generating_needs_no_formatter(tmp_path: Path) -> None:
    """The [codegen] extra is enough: neither ruff nor black is imported or run."""
    script = (
        "import sys\n"
        "sys.modules['ruff'] = sys.modules['black'] = None  # importing either now fails\n"
        "from pathlib import Path\n"
        "from everest_py.codegen.pipeline import generate\n"
        f"generate([Path({str(GOLDEN_EXPECTED.parent / 'input')!r})], Path({str(tmp_path / 'out')!r}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PATH": str(tmp_path)},  # no ruff binary to find either
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "out" / "interfaces" / "widget.py").is_file()


def _imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def test_the_names_generated_modules_bind_are_the_reserved_ones(corpus_package: str) -> None:
    """naming.TYPE_MODULE_NAMES and INTERFACE_MODULE_NAMES are what a declared or generated
    type name must not be: every name a module imports (but the `_<file>` modules) or binds
    besides its types and classes is among them."""
    from everest_py.codegen.naming import INTERFACE_MODULE_NAMES, TYPE_MODULE_NAMES

    assert {"INTERFACE", "RAISABLE_ERRORS", "_DEFERRED"} <= INTERFACE_MODULE_NAMES
    seen: set[str] = set()
    for package in [_package_dir(corpus_package), *GOLDEN.glob("*/expected")]:
        for kind, reserved in (
            ("types", TYPE_MODULE_NAMES),
            ("interfaces", INTERFACE_MODULE_NAMES),
        ):
            for path in (package / kind).glob("[!_]*.py"):
                imported = {n for n in _imported_names(path) if not n.startswith("_")}
                assert imported <= reserved, (path, imported - reserved)
                seen |= imported
    assert seen >= {"StrEnum", "Annotated", "EverestModel", "TypeAdapter", "ClassVar", "re"}
