from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from everest_py.codegen.pipeline import generate

ROOT = Path(__file__).resolve().parents[2]
EVEREST_CORE = ROOT.parent / "shared" / "everest-core"


@pytest.fixture(scope="session")
def corpus_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole shared EVerest corpus generated into an importable package."""
    if not EVEREST_CORE.is_dir():
        pytest.fail(
            f"reference corpus not found at {EVEREST_CORE}: the tests need ../shared beside the clone"
        )
    base = tmp_path_factory.mktemp("corpus")
    generate([EVEREST_CORE], base / "corpus_bindings")
    sys.path.insert(0, str(base))
    try:
        yield "corpus_bindings"
    finally:
        sys.path.remove(str(base))
        for name in [n for n in sys.modules if n.startswith("corpus_bindings")]:
            del sys.modules[name]


def import_module(package: str, kind: str, name: str) -> ModuleType:
    return importlib.import_module(f"{package}.{kind}.{name}")
