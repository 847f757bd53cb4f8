"""docs/architecture.md: inside the charge point, code reaches another package of it through
that package's `__init__` (its door) only, never one of its modules: `from ..ocpp import X`,
not `from ..ocpp.payloads import X`. A package's own modules import each other freely."""

from __future__ import annotations

import ast
from pathlib import Path

IMPL = Path(__file__).resolve().parents[2] / "impl"


def _reaches_past_a_door(path: Path, node: ast.ImportFrom) -> str | None:
    """The module `node` (an import in `path`) takes names from, when that module belongs to
    another package than the importer's (below its door); None when the import is allowed."""
    if node.level == 0 or node.module is None:
        return None  # absolute (other distributions, the generated bindings, the runtime)
    own = path.parent.relative_to(IMPL).parts  # the importer's package, from impl/
    base = own[: len(own) - (node.level - 1)]
    target = (*base, *node.module.split("."))
    holder = target[:-1]  # the package the imported module lies in
    if not holder or (own and holder[: len(own)] == own):
        return None  # a module of impl/ itself, a door, or inside the importer's own package
    return ".".join(target)


def test_other_packages_are_reached_through_their_door_only() -> None:
    offending = []
    for path in sorted(IMPL.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _reaches_past_a_door(path, node)
                if target is not None:
                    offending.append(f"{path.relative_to(IMPL)}:{node.lineno}: {target}")
    assert offending == []


def test_the_rule_sees_an_import_past_a_door() -> None:
    """The check itself: it must flag what the rule forbids and pass what it allows."""
    charging = IMPL / "charging" / "station.py"
    forbidden = ast.parse("from ..ocpp.payloads import to_keyword_arguments").body[0]
    allowed = ast.parse("from ..ocpp import to_keyword_arguments").body[0]
    own = ast.parse("from .store import TransactionStore").body[0]
    assert isinstance(forbidden, ast.ImportFrom) and isinstance(allowed, ast.ImportFrom)
    assert isinstance(own, ast.ImportFrom)
    assert _reaches_past_a_door(charging, forbidden) == "ocpp.payloads"
    assert _reaches_past_a_door(charging, allowed) is None
    assert _reaches_past_a_door(charging, own) is None
    top = IMPL / "cli.py"
    deep = ast.parse("from .fleet.command import run_fleet_command").body[0]
    door = ast.parse("from .fleet import run_fleet_command").body[0]
    assert isinstance(deep, ast.ImportFrom) and isinstance(door, ast.ImportFrom)
    assert _reaches_past_a_door(top, deep) == "fleet.command"
    assert _reaches_past_a_door(top, door) is None
