"""The whole shared EVerest corpus: generates, imports, type-checks, round-trips."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel, TypeAdapter
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from everest_py.codegen.jsonschema_export import type_file_schema
from everest_py.codegen.model import nullable_aliases
from everest_py.codegen.naming import python_identifier
from everest_py.codegen.pipeline import build_model
from everest_py.codegen.render import (
    interface_module_imports,
    render_interface_module,
    render_type_module,
    type_module_imports,
)

from .conftest import EVEREST_CORE, import_module
from .samples import sample


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _corpus(kind: str) -> list[str]:
    return sorted(p.stem for p in (EVEREST_CORE / kind).glob("*.yaml"))


def _type_cases() -> list[tuple[str, str]]:
    cases = []
    for module in _corpus("types"):
        for name in _yaml(EVEREST_CORE / "types" / f"{module}.yaml").get("types") or {}:
            cases.append((module, name))
    return cases


@pytest.mark.parametrize("kind", ["types", "interfaces", "errors"])
def test_every_generated_module_imports(corpus_package: str, kind: str) -> None:
    names = _corpus(kind)
    assert names, f"no {kind} in the corpus"
    for name in names:
        module = import_module(corpus_package, kind, name)
        assert module.__doc__, f"{kind}/{name} has no docstring"


def test_interfaces_expose_handler_publisher_client(corpus_package: str) -> None:
    from everest_py.codegen.naming import pascal_case

    for name in _corpus("interfaces"):
        module = import_module(corpus_package, "interfaces", name)
        spec = module.INTERFACE
        document = _yaml(EVEREST_CORE / "interfaces" / f"{name}.yaml")
        assert list(spec.commands) == list(document.get("cmds") or {})
        assert list(spec.variables) == list(document.get("vars") or {})
        prefix = pascal_case(name)
        handler = getattr(module, f"{prefix}Handler")
        for command in spec.commands.values():
            assert command.handler_method in handler.__abstractmethods__
            assert hasattr(getattr(module, f"{prefix}Client"), command.py_name)
        for variable in spec.variables.values():
            assert hasattr(getattr(module, f"{prefix}Publisher"), f"publish_{variable.py_name}")
            assert hasattr(getattr(module, f"{prefix}Client"), f"subscribe_{variable.py_name}")


@pytest.fixture(scope="module")
def exported_schemas() -> dict[str, dict[str, Any]]:
    return {
        module: type_file_schema(
            module,
            _yaml(EVEREST_CORE / "types" / f"{module}.yaml").get("types") or {},
            local_refs=False,
        )
        for module in _corpus("types")
    }


@pytest.mark.parametrize("mode", ["full", "minimal"])
@pytest.mark.parametrize(("module", "type_name"), _type_cases())
def test_type_round_trips_sample_json(
    corpus_package: str,
    exported_schemas: dict[str, dict[str, Any]],
    module: str,
    type_name: str,
    mode: str,
) -> None:
    schema_doc = exported_schemas[module]
    registry_store = {f"{name}.json": doc for name, doc in exported_schemas.items()}

    def resolve(ref: str) -> dict[str, Any]:
        target, _, pointer = ref.partition("#/definitions/")
        return registry_store[target]["definitions"][pointer]  # type: ignore[no-any-return]

    document = sample(schema_doc["definitions"][type_name], resolve, mode)  # type: ignore[arg-type]
    # The sample is valid against the original schema ...
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT7))
        for name, doc in registry_store.items()
    )
    jsonschema.Draft7Validator(
        {"$ref": f"{module}.json#/definitions/{type_name}"}, registry=registry
    ).validate(document)
    # ... and survives model_validate → model_dump(mode="json") unchanged.
    generated = getattr(
        import_module(corpus_package, "types", module), python_identifier(type_name) or type_name
    )
    adapter: TypeAdapter[Any] = TypeAdapter(generated)
    value = adapter.validate_python(document)
    _assert_no_undeclared_fields(value)
    dumped = adapter.dump_python(value, mode="json", by_alias=True, exclude_none=True)
    assert dumped == document


def _assert_no_undeclared_fields(value: Any) -> None:
    """Every property of a sample is declared, so nothing may land in a model's extras."""
    if isinstance(value, BaseModel):
        assert not value.model_extra, f"{type(value).__name__} did not declare {value.model_extra}"
        for field_name in type(value).model_fields:
            _assert_no_undeclared_fields(getattr(value, field_name))
    elif isinstance(value, list):
        for item in value:
            _assert_no_undeclared_fields(item)


def _interface_cases() -> list[str]:
    return _corpus("interfaces")


@pytest.mark.parametrize("name", _interface_cases())
def test_interface_arguments_results_and_variables_round_trip(
    corpus_package: str, exported_schemas: dict[str, dict[str, Any]], name: str
) -> None:
    registry_store = {f"{module}.json": doc for module, doc in exported_schemas.items()}

    def resolve(ref: str) -> dict[str, Any]:
        target, _, pointer = ref.partition("#/definitions/")
        return registry_store[target]["definitions"][pointer]  # type: ignore[no-any-return]

    spec = import_module(corpus_package, "interfaces", name).INTERFACE
    document = _yaml(EVEREST_CORE / "interfaces" / f"{name}.yaml")
    checked: list[tuple[Any, Any]] = []
    for cmd_name, cmd in (document.get("cmds") or {}).items():
        command = spec.commands[cmd_name]
        for argument, (arg_name, arg_schema) in zip(
            command.arguments, (cmd.get("arguments") or {}).items(), strict=True
        ):
            assert argument.name == arg_name
            checked.append((argument.adapter, arg_schema))
        if "result" in cmd:
            checked.append((command.result, cmd["result"]))
        else:
            assert command.result is None
    for var_name, var_schema in (document.get("vars") or {}).items():
        checked.append((spec.variables[var_name].adapter, var_schema))
    for adapter, raw_schema in checked:
        schema = type_file_schema("_", {"x": raw_schema}, local_refs=False)["definitions"]["x"]
        for mode in ("full", "minimal"):
            value = sample(schema, resolve, mode)  # type: ignore[arg-type]
            validated = adapter.validate_python(value)
            _assert_no_undeclared_fields(validated)
            assert (
                adapter.dump_python(validated, mode="json", by_alias=True, exclude_none=True)
                == value
            )


def _bound_by_imports(source: str) -> frozenset[str]:
    names: set[str] = set()
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            names.update(alias.asname or alias.name.split(".")[0] for alias in statement.names)
    return frozenset(names)


def test_the_import_names_resolve_avoids_are_those_the_modules_import() -> None:
    # resolve.py renames generated classes that would shadow an import, asking the renderer
    # which names a module imports without rendering it: the answer must be what the rendered
    # module's import statements bind, for every module of the corpus.
    project, _ = build_model([EVEREST_CORE])
    nullable = nullable_aliases(project.types)
    for module in project.types.values():
        rendered = render_type_module(module, nullable)
        assert type_module_imports(module, nullable) == _bound_by_imports(rendered), module.name
    for interface in project.interfaces.values():
        rendered = render_interface_module(interface, project, nullable)
        assert interface_module_imports(interface, nullable) == _bound_by_imports(rendered)
