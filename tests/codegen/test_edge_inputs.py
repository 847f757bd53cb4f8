"""Valid but unusual YAML: names that would break the generated code, and keywords that would
break validation at first use. Each case is generated from a small YAML into its own package."""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from everest_py.codegen.pipeline import generate

Build = Callable[[dict[str, str]], dict[str, ModuleType]]


@pytest.fixture
def build(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Build]:
    """Generate the files into a package named after the test and import its modules."""
    package = "edge_" + "".join(c if c.isalnum() else "_" for c in request.node.name)
    source = tmp_path / "in"
    sys.path.insert(0, str(tmp_path))

    def run(files: dict[str, str]) -> dict[str, ModuleType]:
        for relative, text in files.items():
            path = source / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        generate([source], tmp_path / package)
        return {
            relative.removesuffix(".yaml"): importlib.import_module(
                f"{package}.{relative.removesuffix('.yaml').replace('/', '.')}"
            )
            for relative in files
        }

    try:
        yield run
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


def _model_accepts(annotation: Any, value: Any) -> tuple[bool, Any]:
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    try:
        validated = adapter.validate_json(json.dumps(value))
    except ValidationError:
        return False, None
    return True, adapter.dump_python(validated, mode="json", by_alias=True, exclude_unset=True)


# -- names ------------------------------------------------------------------------------------


def test_properties_named_like_builtins_or_underscore_get_a_python_name(build: Build) -> None:
    types = build({"types/t.yaml": """\
                description: Names that Python or pydantic would misread
                types:
                  Tariff:
                    description: Builtins first, then annotations that use them
                    type: object
                    properties:
                      list:
                        type: integer
                      dict:
                        type: integer
                      str:
                        type: integer
                      _:
                        type: integer
                      steps:
                        type: array
                        items:
                          type: number
                      names:
                        type: object
                        additionalProperties:
                          type: string
                    additionalProperties: false
                """})["types/t"]
    tariff = types.Tariff
    document = {"list": 1, "dict": 2, "str": 3, "_": 4, "steps": [0.5], "names": {"a": "b"}}
    value = tariff.model_validate(document)
    assert (value.list_, value.dict_, value.str_, value.field_) == (1, 2, 3, 4)
    assert value.model_dump(mode="json", by_alias=True, exclude_unset=True) == document
    with pytest.raises(ValidationError):
        tariff.model_validate({"_": "x"})
    assert tariff(list_=1, field_=4).model_dump(by_alias=True, exclude_unset=True) == {
        "list": 1,
        "_": 4,
    }
