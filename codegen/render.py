"""Render the resolved model to Python source with the templates in ``templates/``.

Everything a template prints is computed here; templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .model import (
    AliasDef,
    AnyJson,
    ArrayOf,
    Constraints,
    Definition,
    EnumDef,
    ErrorModule,
    FreeObject,
    InterfaceModule,
    MapOf,
    ObjectDef,
    Primitive,
    Project,
    TypeExpr,
    TypeModule,
    UnionOf,
)
from .pyliterals import docstring, docstring_item, string_literal

TEMPLATES = Path(__file__).parent / "templates"
SUPPORT_MODULE = TEMPLATES / "_support.py"

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,
    undefined=jinja2.StrictUndefined,
)
_ENVIRONMENT.filters["doc"] = docstring
_ENVIRONMENT.filters["literal"] = string_literal
_ENVIRONMENT.filters["item"] = docstring_item

_PRIMITIVES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
}
_CONSTRAINT_ARGS = (
    ("minimum", "ge"),
    ("maximum", "le"),
    ("exclusive_minimum", "gt"),
    ("exclusive_maximum", "lt"),
    ("multiple_of", "multiple_of"),
    ("min_length", "min_length"),
    ("max_length", "max_length"),
    ("pattern", "pattern"),
    ("min_items", "min_length"),
    ("max_items", "max_length"),
)


@dataclass
class Annotator:
    """Turns type expressions into annotation source and records what they need imported."""

    module_prefix: str  # "." in type modules, "..types." in interface modules
    defined: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)
    forward: bool = False
    plain: bool = False  # drop constraints: for signatures, where the runtime has validated already

    def annotation(self, expression: TypeExpr) -> str:
        if isinstance(expression, Primitive):
            base = "AwareDatetime" if expression.date_time else _PRIMITIVES[expression.kind]
            if expression.date_time:
                self.uses.add("AwareDatetime")
            return self.constrained(base, expression.constraints)
        if isinstance(expression, ArrayOf):
            return self.constrained(
                f"list[{self.annotation(expression.items)}]", expression.constraints
            )
        if isinstance(expression, MapOf):
            return f"dict[str, {self.annotation(expression.values)}]"
        if isinstance(expression, FreeObject):
            self.uses.add("JsonValue")
            return "dict[str, JsonValue]"
        if isinstance(expression, AnyJson):
            self.uses.add("JsonValue")
            return "JsonValue"
        if isinstance(expression, UnionOf):
            return " | ".join(self.annotation(option) for option in expression.options)
        if expression.module is not None:
            return f"_{expression.module}.{expression.name}"
        if expression.name not in self.defined:
            self.forward = True
            return f'"{expression.name}"'
        return expression.name

    def constrained(self, base: str, constraints: Constraints) -> str:
        if constraints.is_empty() or self.plain:
            return base
        self.uses.update({"Annotated", "Field"})
        args = ", ".join(
            f"{argument}={_python_value(getattr(constraints, attribute))}"
            for attribute, argument in _CONSTRAINT_ARGS
            if getattr(constraints, attribute) is not None
        )
        return f"Annotated[{base}, Field({args})]"

    def signature(self, expression: TypeExpr) -> str:
        self.plain = True
        try:
            return self.annotation(expression)
        finally:
            self.plain = False

    def optional(self, annotation: str, expression: TypeExpr) -> str:
        nullable = isinstance(expression, AnyJson) or (
            isinstance(expression, Primitive) and expression.kind == "null"
        )
        if nullable or (isinstance(expression, UnionOf) and "None" in annotation.split(" | ")):
            return annotation
        return f"{annotation} | None"


def _python_value(value: Any) -> str:
    if isinstance(value, str):
        return string_literal(value)
    return repr(value)


# -- views ---------------------------------------------------------------------------


def _field_line(annotator: Annotator, field_def: Any) -> dict[str, str]:
    annotation = annotator.annotation(field_def.type)
    description = field_def.description
    if field_def.default_note:
        description = f"{description} {field_def.default_note}".strip()
    args: list[str] = []
    if field_def.py_name != field_def.name:
        args.append(f"alias={string_literal(field_def.name)}")
    if not field_def.required:
        annotation = annotator.optional(annotation, field_def.type)
        args.insert(0, "default=None")
    if args == ["default=None"]:
        value = " = None"
    elif args:
        annotator.uses.add("Field")
        value = f" = Field({', '.join(args)})"
    else:
        value = ""
    return {
        "py_name": field_def.py_name,
        "annotation": annotation,
        "value": value,
        "description": description,
    }


def _definition_views(
    annotator: Annotator, definitions: Iterable[Definition]
) -> tuple[list[dict[str, Any]], list[str]]:
    views: list[dict[str, Any]] = []
    rebuild: list[str] = []
    for definition in definitions:
        annotator.forward = False
        if isinstance(definition, ObjectDef):
            annotator.uses.add("EverestModel")
            fields = [_field_line(annotator, f) for f in definition.fields]
            annotator.uses.add("ConfigDict")
            views.append(
                {
                    "kind": "object",
                    "name": definition.name,
                    "description": definition.description or definition.name,
                    "fields": fields,
                    "forbid_extra": definition.extra == "forbid",
                }
            )
            if annotator.forward or rebuild:
                # It refers to a later model, or may hold one that does.
                rebuild.append(definition.name)
        elif isinstance(definition, EnumDef):
            annotator.uses.add("StrEnum")
            views.append(
                {
                    "kind": "enum",
                    "name": definition.name,
                    "description": definition.description or definition.name,
                    "members": [
                        {"name": m.py_name, "value": string_literal(m.value, 4)}
                        for m in definition.members
                    ],
                }
            )
        elif isinstance(definition, AliasDef):
            views.append(
                {
                    "kind": "alias",
                    "name": definition.name,
                    "description": definition.description,
                    "annotation": annotator.annotation(definition.type),
                }
            )
        annotator.defined.add(definition.name)
    return views, rebuild


def _pydantic_imports(uses: set[str]) -> str:
    names = sorted(uses & {"ConfigDict", "Field", "AwareDatetime", "JsonValue", "TypeAdapter"})
    return ", ".join(names)


def render_type_module(module: TypeModule) -> str:
    annotator = Annotator(".")
    definitions, rebuild = _definition_views(annotator, module.definitions)
    return _ENVIRONMENT.get_template("type_module.py.j2").render(
        module=module,
        description=module.description or f"Types of {module.name}.",
        definitions=definitions,
        rebuild=rebuild,
        imports=module.imports,
        uses=annotator.uses,
        pydantic_imports=_pydantic_imports(annotator.uses),
    )


def render_interface_module(interface: InterfaceModule, project: Project) -> str:
    annotator = Annotator("..types.")
    definitions, rebuild = _definition_views(annotator, interface.definitions)
    commands = []
    for command in interface.commands:
        arguments = [
            {
                "name": argument.name,
                "py_name": argument.py_name,
                "annotation": annotator.signature(argument.type),
                "adapter": annotator.annotation(argument.type),
                "description": argument.description,
            }
            for argument in command.arguments
        ]
        result = annotator.signature(command.result.type) if command.result else "None"
        result_adapter = annotator.annotation(command.result.type) if command.result else "None"
        commands.append(
            {
                "name": command.name,
                "name_literal": string_literal(command.name),
                "py_name": command.py_name,
                "description": command.description,
                "arguments": arguments,
                "result": result,
                "result_adapter": result_adapter,
                "result_description": command.result.description if command.result else "",
                "has_result": command.result is not None,
                "call_prefix": "result = " if command.result is not None else "",
            }
        )
    variables = [
        {
            "name": variable.name,
            "name_literal": string_literal(variable.name),
            "py_name": variable.py_name,
            "annotation": annotator.signature(variable.type),
            "adapter": annotator.annotation(variable.type),
            "description": variable.description,
            "is_null": isinstance(variable.type, Primitive) and variable.type.kind == "null",
        }
        for variable in interface.variables
    ]
    errors: list[dict[str, str]] = []
    for ref in interface.errors:
        error_module = project.errors[ref.module]
        names = [ref.error] if ref.error else [e.name for e in error_module.errors]
        for name in names:
            member = {"member": f"_errors_{ref.module}.{error_module.enum_name}.{name}"}
            if member not in errors:
                errors.append(member)
    if variables or any(c["arguments"] or c["has_result"] for c in commands):
        annotator.uses.add("TypeAdapter")
    return _ENVIRONMENT.get_template("interface_module.py.j2").render(
        interface=interface,
        description=interface.description,
        definitions=definitions,
        rebuild=rebuild,
        commands=commands,
        variables=variables,
        errors=errors,
        imports=interface.imports,
        error_imports=interface.error_imports,
        uses=annotator.uses,
        pydantic_imports=_pydantic_imports(annotator.uses),
        uses_cast=any(c["has_result"] for c in commands),
        uses_arguments=any(c["arguments"] for c in commands),
        uses_callable=bool(variables),
    )


def render_error_module(module: ErrorModule) -> str:
    return _ENVIRONMENT.get_template("error_module.py.j2").render(
        module=module,
        description=module.description,
        errors=[
            {
                "name": e.name,
                "value": string_literal(f"{module.name}/{e.name}", 4),
                "description": e.description,
                "description_literal": string_literal(
                    e.description, 8 + len(module.enum_name + e.name)
                ),
            }
            for e in module.errors
        ],
    )


def render_package_init(kind: str, names: list[str]) -> str:
    return _ENVIRONMENT.get_template("package_init.py.j2").render(kind=kind, names=names)


def render_project(project: Project) -> dict[str, str]:
    """Every output file, relative path → source text (not yet formatted)."""
    files: dict[str, str] = {
        "__init__.py": render_package_init("root", []),
        "_support.py": SUPPORT_MODULE.read_text(encoding="utf-8"),
        "types/__init__.py": render_package_init("types", sorted(project.types)),
        "interfaces/__init__.py": render_package_init("interfaces", sorted(project.interfaces)),
        "errors/__init__.py": render_package_init("errors", sorted(project.errors)),
    }
    for name, type_module in project.types.items():
        files[f"types/{name}.py"] = render_type_module(type_module)
    for name, interface in project.interfaces.items():
        files[f"interfaces/{name}.py"] = render_interface_module(interface, project)
    for name, error_module in project.errors.items():
        files[f"errors/{name}.py"] = render_error_module(error_module)
    return files


__all__ = ["render_project"]
