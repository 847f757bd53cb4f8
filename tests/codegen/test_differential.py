"""Differential test: the generated bindings validate exactly as EVerest's JSON Schema does.

For every type of the shared corpus and every argument, result and variable of its
interfaces, seeded random instances valid against the schema must be accepted and come back
unchanged (``to_json_value``); mutations of them (wrong JSON type, null, extra fields, enum
values outside, bounds ±1, broken patterns and date-times, ...) must be refused exactly when
the oracle refuses them. The oracle is ``jsonschema`` draft-07 with a strict RFC 3339
date-time checker, ECMA-262 patterns and nlohmann's integer rule (see differential.py).

EVEREST_DIFF_EXAMPLES is the budget of valid instances over the whole corpus (default 2000,
spread evenly over its ~660 schemas, at least one each; 5000+ for a longer run); each gets
EVEREST_DIFF_MUTATIONS mutations (default 8). EVEREST_DIFF_SEED changes the seed. Runs are
deterministic for a seed. The counts are in docs/validation.md.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from everest_py.codegen.jsonschema_export import type_file_schema
from everest_py.codegen.naming import python_identifier
from everest_py.runtime.contract import to_json_value

from .conftest import EVEREST_CORE, import_module
from .differential import Generator, Mutation, mutations, oracles, registry, same_json

BUDGET = int(os.environ.get("EVEREST_DIFF_EXAMPLES", "2000"))
MUTATIONS = int(os.environ.get("EVEREST_DIFF_MUTATIONS", "8"))
SEED = int(os.environ.get("EVEREST_DIFF_SEED", "20261201"))

# The whole corpus is checked while the first test sets up; a large budget needs long.
pytestmark = pytest.mark.timeout(max(120, BUDGET // 20))

# Where the bindings knowingly differ from plain draft-07 (docs/validation.md says why).
# Against the EVerest oracle there is one: year 0000, valid RFC 3339 but no Python datetime.
EVEREST_DISAGREEMENTS = {"bad date-time: accepted by oracle"}
DRAFT7_DISAGREEMENTS = EVEREST_DISAGREEMENTS | {"wrong type for integer: float: accepted by oracle"}


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


@dataclass
class Case:
    label: str
    adapter: TypeAdapter[Any]
    schema: dict[str, Any]


@dataclass
class Tally:
    checked: Counter[str] = field(default_factory=Counter)
    disagreements: Counter[str] = field(default_factory=Counter)
    draft7_only: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)


def _cases(package: str, schemas: dict[str, dict[str, Any]]) -> Iterator[Case]:
    for module in sorted(p.stem for p in (EVEREST_CORE / "types").glob("*.yaml")):
        bindings = import_module(package, "types", module)
        for name in schemas[f"{module}.json"]["definitions"]:
            generated = getattr(bindings, python_identifier(name) or name)
            yield Case(
                f"types/{module}:{name}",
                TypeAdapter(generated),
                {"$ref": f"{module}.json#/definitions/{name}"},
            )
    for path in sorted((EVEREST_CORE / "interfaces").glob("*.yaml")):
        document = _yaml(path) or {}
        spec = import_module(package, "interfaces", path.stem).INTERFACE

        def schema(raw: Any) -> dict[str, Any]:
            exported = type_file_schema("_", {"x": raw}, local_refs=False)["definitions"]["x"]
            return exported  # type: ignore[no-any-return]

        for cmd_name, cmd in (document.get("cmds") or {}).items():
            command = spec.commands[cmd_name]
            for argument in command.arguments:
                raw = cmd["arguments"][argument.name]
                yield Case(
                    f"{path.stem}.{cmd_name}({argument.name})", argument.adapter, schema(raw)
                )
            if command.result is not None:
                yield Case(f"{path.stem}.{cmd_name} result", command.result, schema(cmd["result"]))
        for var_name, var in (document.get("vars") or {}).items():
            adapter = spec.variables[var_name].adapter
            yield Case(f"{path.stem}.{var_name} var", adapter, schema(var))


def _accepts(adapter: TypeAdapter[Any], instance: Any) -> tuple[bool, Any]:
    """Whether the bindings accept ``instance`` (as parsed JSON and as JSON text): both must."""
    try:
        value = adapter.validate_python(instance)
        python_ok = True
    except ValidationError:
        value, python_ok = None, False
    try:
        adapter.validate_json(json.dumps(instance))
        json_ok = True
    except ValidationError:
        json_ok = False
    assert python_ok == json_ok, f"validate_python and validate_json disagree on {instance!r}"
    return python_ok, value


def _run(
    case: Case, examples: int, store: Any, resolve: Any, rng: random.Random, tally: Tally
) -> None:
    everest, draft7 = oracles(case.schema, store)
    for _ in range(examples):
        generator = Generator(resolve, rng)
        document = generator.instance(case.schema)
        assert everest.is_valid(document), f"{case.label}: generated {document!r} is invalid"
        accepted, value = _accepts(case.adapter, document)
        assert accepted, f"{case.label}: refused the valid {document!r}"
        output = to_json_value(case.adapter, value)
        assert same_json(output, document), f"{case.label}: {document!r} came back as {output!r}"
        tally.checked["valid"] += 1
        for mutation in _pick_mutations(document, generator, rng):
            _judge(case, mutation.kind, mutation.instance, everest, draft7, tally)


def _pick_mutations(document: Any, generator: Generator, rng: random.Random) -> list[Mutation]:
    """MUTATIONS of ``document``, drawn from a few random places (building all is slow)."""
    slots = list(generator.slots)
    rng.shuffle(slots)
    candidates: list[Mutation] = []
    for slot in slots:
        candidates.extend(mutations(document, slot))
        if len(candidates) >= 4 * MUTATIONS:
            break
    return rng.sample(candidates, min(MUTATIONS, len(candidates)))


def _judge(case: Case, kind: str, instance: Any, everest: Any, draft7: Any, tally: Tally) -> None:
    expected = everest.is_valid(instance)
    accepted, value = _accepts(case.adapter, instance)
    tally.checked[kind] += 1
    if accepted != expected:
        key = f"{kind}: {'accepted by oracle' if expected else 'refused by oracle'}"
        tally.disagreements[key] += 1
        tally.examples.setdefault(key, f"{case.label}: {instance!r:.200}")
    if accepted != draft7.is_valid(instance):
        key = f"{kind}: {'accepted by oracle' if not accepted else 'refused by oracle'}"
        tally.draft7_only[key] += 1
    if accepted and expected:  # what both accept must come back unchanged
        output = to_json_value(case.adapter, value)
        assert same_json(output, instance), f"{case.label}: {instance!r} came back as {output!r}"


@pytest.fixture(scope="module")
def tally(corpus_package: str) -> Tally:
    schemas = {
        f"{p.stem}.json": type_file_schema(p.stem, _yaml(p).get("types") or {}, local_refs=False)
        for p in sorted((EVEREST_CORE / "types").glob("*.yaml"))
    }
    store = registry(schemas)

    def resolve(ref: str) -> dict[str, Any]:
        target, _, pointer = ref.partition("#/definitions/")
        return schemas[target]["definitions"][pointer]  # type: ignore[no-any-return]

    result = Tally()
    rng = random.Random(SEED)
    cases = list(_cases(corpus_package, schemas))
    examples = max(1, -(-BUDGET // len(cases)))
    for case in cases:
        _run(case, examples, store, resolve, rng, result)
    summary = {
        "checked": sum(result.checked.values()),
        "valid": result.checked["valid"],
        "disagreements (EVerest oracle)": dict(result.disagreements),
        "disagreements (plain draft-07)": dict(result.draft7_only),
        "examples": result.examples,
    }
    print("\ndifferential:", json.dumps(summary, indent=1, ensure_ascii=False))
    return result


def test_valid_instances_are_accepted_and_round_trip(tally: Tally) -> None:
    assert tally.checked["valid"] >= min(BUDGET, 600)


def test_agrees_with_everest_json_schema_except_the_named_cases(tally: Tally) -> None:
    unexpected = {k: v for k, v in tally.disagreements.items() if k not in EVEREST_DISAGREEMENTS}
    assert not unexpected, {k: tally.examples[k] for k in unexpected}
    # The named one is year 0000 only.
    assert all("0000-" in tally.examples[k] for k in tally.disagreements)


def test_differs_from_plain_draft7_only_where_documented(tally: Tally) -> None:
    unexpected = {k: v for k, v in tally.draft7_only.items() if k not in DRAFT7_DISAGREEMENTS}
    assert not unexpected, unexpected


def test_every_mutation_kind_was_tried(tally: Tally) -> None:
    tried = {kind.split(":")[0] for kind in tally.checked}
    for kind in ("wrong type for integer", "wrong type for boolean", "wrong type for string",
                 "enum value outside", "bad date-time", "pattern break", "extra field",
                 "property null", "maximum ±1", "minimum ±1", "maxLength ±1", "maxItems +1"):  # fmt: skip
        assert kind in tried, f"no {kind} mutation was generated"
