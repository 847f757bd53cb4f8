"""Render the resolved model to Python source with the templates in ``templates/``.

Everything a template prints is computed here; templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .layout import (
    LINE_LENGTH,
    Group,
    ImportSection,
    Node,
    annotated_statement,
    block,
    call,
    fits,
    string_value,
    type_node,
)
from .model import (
    PLAIN_PRIMITIVES,
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
    accepts_null,
    nullable_aliases,
)
from .patterns import python_pattern
from .pyliterals import docstring, docstring_block, docstring_item, string_literal, string_pieces

TEMPLATES = Path(__file__).parent / "templates"
CONTRACT_MODULE = "everest_py.runtime.contract"
CONTRACT_VERSION = 2
"""The runtime contract the emitted code is written against (``runtime.contract``).

Kept here rather than imported so that generating does not load the runtime and pydantic.
"""

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
_ENVIRONMENT.filters["docblock"] = docstring_block

# Model fields and adapters validate with the contract's strict JSON types (no coercion);
# method signatures show the plain Python types they stand for.
_PRIMITIVES = {
    "string": "JsonString",
    "integer": "JsonInt",
    "number": "JsonNumber",
    "boolean": "JsonBool",
    "null": "None",
}
# Everything generated code may take from the runtime contract besides the spec classes.
CONTRACT_TYPES = frozenset(
    {"EverestModel", "JsonBool", "JsonDateTime", "JsonInt", "JsonNumber", "JsonString", "Omittable"}
    | {"DateTimeText"}
)
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
    home: str | None = None  # the type file rendered; None for an interface
    nullable: frozenset[tuple[str, str]] = frozenset()  # model.nullable_aliases of the project
    defined: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)
    plain: bool = False  # drop constraints: for signatures, where the runtime has validated already
    deferred: bool = False  # an interface module's adapter uses _DEFERRED

    def annotation(self, expression: TypeExpr) -> str:
        if isinstance(expression, Primitive):
            if expression.date_time:
                base = "JsonDateTime"
            elif self.plain:
                base = PLAIN_PRIMITIVES[expression.kind]
            else:
                base = _PRIMITIVES[expression.kind]
            if base in CONTRACT_TYPES:
                self.uses.add(base)
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
            # Nested unions flattened, each type once: `None | None` fails at import.
            return " | ".join(dict.fromkeys(self._union_members(expression)))
        if expression.module is not None:
            return f"_{expression.module}.{expression.name}"
        if expression.name not in self.defined:
            return f'"{expression.name}"'
        return expression.name

    def _union_members(self, union: UnionOf) -> Iterator[str]:
        for option in union.options:
            if isinstance(option, UnionOf):
                yield from self._union_members(option)
            else:
                yield self.annotation(option)

    def constrained(self, base: str, constraints: Constraints) -> str:
        if constraints.is_empty() or self.plain:
            return base
        arguments: list[str] = []
        for attribute, argument in _CONSTRAINT_ARGS:
            value = getattr(constraints, attribute)
            if value is None:
                continue
            if attribute == "pattern":
                # A compiled pattern makes pydantic use Python's re (patterns.py says why).
                self.uses.add("re")
                arguments.append(f"{argument}=re.compile({string_literal(python_pattern(value))})")
            else:
                arguments.append(f"{argument}={_python_value(value)}")
        args = ", ".join(arguments)
        if base == "JsonDateTime":  # the string keywords apply to its text, not the datetime
            self.uses.update({"Annotated", "DateTimeText"})
            return f"Annotated[{base}, DateTimeText({args})]"
        self.uses.update({"Annotated", "Field"})
        return f"Annotated[{base}, Field({args})]"

    def signature(self, expression: TypeExpr) -> str:
        self.plain = True
        try:
            return self.annotation(expression)
        finally:
            self.plain = False

    def optional(self, annotation: str, expression: TypeExpr) -> str:
        nullable = accepts_null(
            expression, lambda ref: (ref.module or self.home, ref.name) in self.nullable
        )
        if nullable:  # also through an alias that allows null (`$ref` to `type: [string, "null"]`)
            return annotation  # null is a value here: absent and null both read as None
        # Absent reads as None, but an explicit null is refused as JSON Schema does.
        self.uses.add("Omittable")
        return f"Omittable[{annotation}]"


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
    # The description goes in Field(), not in a docstring under the field: pydantic reads
    # attribute docstrings from the source of every class on import (use_attribute_docstrings),
    # which cost more start-up time than building the models.
    if description.strip():
        args.append(f"description={string_literal(description.strip())}")
    if args == ["default=None"]:
        value = "None"
    elif args:
        annotator.uses.add("Field")
        value = f"Field({', '.join(args)})"
    else:
        value = ""
    return {"source": annotated_statement(field_def.py_name, annotation, value, 4)}


def _definition_views(
    annotator: Annotator, definitions: Iterable[Definition]
) -> list[dict[str, Any]]:
    """The template's view of each definition. A model that refers to a later one needs no
    ``model_rebuild()``: models are built on first use (``defer_build``), when every name of
    the module is defined."""
    views: list[dict[str, Any]] = []
    for definition in definitions:
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
        elif isinstance(definition, EnumDef):
            annotator.uses.add("StrEnum")
            views.append(
                {
                    "kind": "enum",
                    "name": definition.name,
                    "description": definition.description or definition.name,
                    "members": [
                        {"name": m.py_name, "value": string_literal(m.value)}
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
                    "source": annotated_statement(
                        f"{definition.name} =", annotator.annotation(definition.type), "", 0
                    ),
                }
            )
        annotator.defined.add(definition.name)
    return views


_PYDANTIC_NAMES = {"ConfigDict", "Field", "JsonValue", "TypeAdapter"}


def _one_tuple(head: str, items: list[Node], *, explode: bool = False) -> Group:
    """A tuple display; one item keeps its comma when it stays on one line.

    black joins a one-item tuple that fits (its comma is not "magic"), so it is never exploded.
    """
    if len(items) == 1:
        return Group(head, (items[0],), ",)")
    return Group(head, tuple(items), ")", explode)


def _signature(prefix: str, parameters: list[str], result: str) -> str:
    return block(Group(f"{prefix}(", tuple(type_node(p) for p in parameters), f") -> {result}:"), 4)


def render_type_module(
    module: TypeModule, nullable: frozenset[tuple[str, str]] = frozenset()
) -> str:
    annotator = Annotator(".", module.name, nullable)
    definitions = _definition_views(annotator, module.definitions)
    return _ENVIRONMENT.get_template("type_module.py.j2").render(
        module=module,
        description=module.description or f"Types of {module.name}.",
        definitions=definitions,
        imports=_type_module_imports(annotator, module).source(),
    )


def type_module_imports(
    module: TypeModule, nullable: frozenset[tuple[str, str]] = frozenset()
) -> frozenset[str]:
    """The names the import section of ``render_type_module(module, nullable)`` binds, found
    without rendering the module (resolve.py asks it of every module it resolves)."""
    annotator = Annotator(".", module.name, nullable)
    _definition_views(annotator, module.definitions)
    return _type_module_imports(annotator, module).names()


def _type_module_imports(annotator: Annotator, module: TypeModule) -> ImportSection:
    """What a type module imports, once ``annotator`` has seen its definitions."""
    return ImportSection(
        plain={"re"} & annotator.uses,
        stdlib={"enum": {"StrEnum"} & annotator.uses, "typing": {"Annotated"} & annotator.uses},
        third_party={
            CONTRACT_MODULE: set(CONTRACT_TYPES & annotator.uses),
            "pydantic": _PYDANTIC_NAMES & annotator.uses,
        },
        local=[(".", name, f"_{name}") for name in module.imports],
    )


def _adapter(keyword: str, annotator: Annotator, annotation: str) -> Group:
    """``keyword=TypeAdapter(annotation)``, built on first use like the models.

    A model (a plain name) defers its own build; pydantic refuses a config for it. Any other
    type gets ``config=_DEFERRED``: a list of models would build them on import otherwise.
    """
    if annotation.replace("_", "").replace(".", "").isalnum() and not _is_primitive(annotation):
        return call(f"{keyword}=TypeAdapter", [type_node(annotation)])
    annotator.uses.add("ConfigDict")
    annotator.deferred = True
    return call(f"{keyword}=TypeAdapter", [type_node(annotation), "config=_DEFERRED"])


def _is_primitive(annotation: str) -> bool:
    return annotation in CONTRACT_TYPES or annotation in {"JsonValue", *PLAIN_PRIMITIVES.values()}


def _command_view(annotator: Annotator, command: Any, class_prefix: str) -> dict[str, Any]:
    parameters = [
        f"{argument.py_name}: {annotator.signature(argument.type)}"
        for argument in command.arguments
    ]
    result = annotator.signature(command.result.type) if command.result else "None"
    wire_arguments = Group(
        "{",
        tuple(
            f"{string_literal(argument.name)}: {argument.py_name}" for argument in command.arguments
        ),
        "}",
    )
    prefix = "result = " if command.result is not None else ""
    transport_call = call(
        f"{prefix}await self._transport.call",
        [f"INTERFACE.commands[{string_literal(command.name)}]", wire_arguments, "timeout"],
    )
    spec_arguments: list[Node] = [
        call(
            "ArgumentSpec",
            [
                f"name={string_literal(argument.name)}",
                f"py_name={string_literal(argument.py_name)}",
                _adapter("adapter", annotator, annotator.annotation(argument.type)),
            ],
        )
        for argument in command.arguments
    ]
    spec_result: Node = (
        _adapter("result", annotator, annotator.annotation(command.result.type))
        if command.result is not None
        else "result=None"
    )
    spec = call(
        f"{string_literal(command.name)}: CommandSpec",
        [
            f"name={string_literal(command.name)}",
            f"py_name={string_literal(command.py_name)}",
            _one_tuple("arguments=(", spec_arguments),
            spec_result,
        ],
        explode=True,
    )
    return {
        "name": command.name,
        "py_name": command.py_name,
        "description": command.description,
        "arguments": [
            {"py_name": argument.py_name, "description": argument.description}
            for argument in command.arguments
        ],
        "has_result": command.result is not None,
        "result_description": command.result.description if command.result else "",
        "handler_signature": _signature(
            f"async def handle_{command.py_name}", ["self", *parameters], result
        ),
        "client_signature": _signature(
            f"async def {command.py_name}",
            ["self", *parameters, "*", "timeout: float | None = None"],
            result,
        ),
        "client_doc": (
            f"Call ``{command.name}``: see ``{class_prefix}Handler.handle_{command.py_name}``."
            "\n\n``timeout`` is in seconds; None waits as long as the module's default."
        ),
        "client_call": block(transport_call, 8),
        "client_return": block(call("return cast", [type_node(result), "result"]), 8),
        "spec": spec,
    }


def _variable_view(annotator: Annotator, variable: Any, class_prefix: str) -> dict[str, Any]:
    annotation = annotator.signature(variable.type)
    is_null = isinstance(variable.type, Primitive) and variable.type.kind == "null"
    value_parameter = "value: None = None" if is_null else f"value: {annotation}"
    spec_key = f"INTERFACE.variables[{string_literal(variable.name)}]"
    spec = call(
        f"{string_literal(variable.name)}: VariableSpec",
        [
            f"name={string_literal(variable.name)}",
            f"py_name={string_literal(variable.py_name)}",
            _adapter("adapter", annotator, annotator.annotation(variable.type)),
        ],
    )
    return {
        "py_name": variable.py_name,
        "description": variable.description,
        "publish_signature": _signature(
            f"def publish_{variable.py_name}", ["self", value_parameter], "None"
        ),
        "publish_call": block(call("self._transport.publish", [spec_key, "value"]), 8),
        "subscribe_signature": _signature(
            f"def subscribe_{variable.py_name}",
            ["self", f"callback: Callable[[{annotation}], Awaitable[None] | None]"],
            "Subscription",
        ),
        "subscribe_doc": (
            f"Call ``callback`` with every value published: see "
            f"``{class_prefix}Publisher.publish_{variable.py_name}``."
        ),
        "subscribe_call": block(
            call("return self._transport.subscribe", [spec_key, "callback"]), 8
        ),
        "spec": spec,
    }


def _interface_imports(
    interface: InterfaceModule,
    annotator: Annotator,
    commands: list[dict[str, Any]],
    has_variables: bool,
) -> ImportSection:
    """What an interface module imports, once ``annotator`` has seen its definitions,
    commands and variables."""
    contract = {"ClientTransport", "InterfaceSpec", "PublisherTransport"}
    if commands:
        contract.add("CommandSpec")
    if any(command["arguments"] for command in commands):
        contract.add("ArgumentSpec")
    if has_variables:
        contract.update({"Subscription", "VariableSpec"})
    contract.update(CONTRACT_TYPES & annotator.uses)
    typing_names = {"ClassVar"} | ({"Annotated"} & annotator.uses)
    if any(command["has_result"] for command in commands):
        typing_names.add("cast")
    if has_variables or any(c["arguments"] or c["has_result"] for c in commands):
        annotator.uses.add("TypeAdapter")
    local = [("..errors", name, f"_errors_{name}") for name in interface.error_imports]
    local += [("..types", name, f"_{name}") for name in interface.imports]
    return ImportSection(
        plain=(["abc"] if commands else []) + sorted({"re"} & annotator.uses),
        stdlib={
            "collections.abc": {"Awaitable", "Callable"} if has_variables else set(),
            "enum": {"StrEnum"} & annotator.uses,
            "typing": typing_names,
        },
        third_party={CONTRACT_MODULE: contract, "pydantic": _PYDANTIC_NAMES & annotator.uses},
        local=local,
    )


def render_interface_module(
    interface: InterfaceModule, project: Project, nullable: frozenset[tuple[str, str]] = frozenset()
) -> str:
    annotator = Annotator("..types.", None, nullable)
    definitions = _definition_views(annotator, interface.definitions)
    commands = [
        _command_view(annotator, command, interface.class_prefix) for command in interface.commands
    ]
    variables = [
        _variable_view(annotator, variable, interface.class_prefix)
        for variable in interface.variables
    ]
    errors: list[Node] = []
    for ref in interface.errors:
        error_module = project.errors[ref.module]
        names = [ref.error] if ref.error else [e.name for e in error_module.errors]
        for name in names:
            member = f"_errors_{ref.module}.{error_module.enum_name}.{name}"
            if member not in errors:
                errors.append(member)
    imports = _interface_imports(interface, annotator, commands, bool(variables)).source()
    spec = call(
        "INTERFACE = InterfaceSpec",
        [
            f"name={string_literal(interface.name)}",
            Group("commands={", tuple(c["spec"] for c in commands), "}", explode=True),
            Group("variables={", tuple(v["spec"] for v in variables), "}", explode=True),
            "errors=RAISABLE_ERRORS",
        ],
        explode=True,
    )
    return _ENVIRONMENT.get_template("interface_module.py.j2").render(
        interface=interface,
        description=interface.description,
        definitions=definitions,
        commands=commands,
        variables=variables,
        raisable_errors=block(
            _one_tuple("RAISABLE_ERRORS: tuple[str, ...] = (", errors, explode=True), 0
        ),
        imports=imports,
        deferred=annotator.deferred,
        spec=block(spec, 0),
        client_doc=(
            f"Calls the commands of a module providing {interface.name}, subscribes to its "
            f"variables.\n\nWhat each command and variable means is documented on "
            f"``{interface.class_prefix}Handler`` and ``{interface.class_prefix}Publisher``."
        ),
    )


def _description_entry(prefix: str, text: str) -> str:
    """One ``member: "description",`` line of an errors module's DESCRIPTIONS, split if long."""
    one_line = f"{prefix}{string_literal(text)},"
    if fits(4, one_line):
        return "    " + one_line
    return string_value(prefix, string_pieces(text, LINE_LENGTH - 8), 4)


def interface_module_imports(
    interface: InterfaceModule, nullable: frozenset[tuple[str, str]] = frozenset()
) -> frozenset[str]:
    """The names the import section of ``render_interface_module(interface, project,
    nullable)`` binds, found without rendering the module (see type_module_imports)."""
    annotator = Annotator("..types.", None, nullable)
    _definition_views(annotator, interface.definitions)
    commands = [
        _command_view(annotator, command, interface.class_prefix) for command in interface.commands
    ]
    for variable in interface.variables:
        _variable_view(annotator, variable, interface.class_prefix)
    return _interface_imports(interface, annotator, commands, bool(interface.variables)).names()


def render_error_module(module: ErrorModule) -> str:
    return _ENVIRONMENT.get_template("error_module.py.j2").render(
        module=module,
        description=module.description,
        enum_doc=(
            f"Error types of {module.name}, as EVerest puts them on the wire: "
            f"``{module.name}/<Name>``.\n\n``DESCRIPTIONS`` says what each one means."
        ),
        errors=[
            {
                "name": e.name,
                "value": string_literal(f"{module.name}/{e.name}"),
                "source": _description_entry(
                    f"{module.enum_name}.{e.name}: ", " ".join(e.description.split())
                ),
            }
            for e in module.errors
        ],
    )


def render_package_init(kind: str, names: list[str]) -> str:
    return _ENVIRONMENT.get_template("package_init.py.j2").render(
        kind=kind,
        all_names=block(
            Group("__all__ = [", tuple(f'"{name}"' for name in names), "]", explode=True), 0
        ),
        contract_version=CONTRACT_VERSION,
    )


def render_project(project: Project) -> dict[str, str]:
    """Every output file, relative path → source text, laid out as black would."""
    files: dict[str, str] = {
        "__init__.py": render_package_init("root", []),
        # PEP 561: type checkers read the annotations of an installed generated package.
        "py.typed": "",
        "types/__init__.py": render_package_init("types", sorted(project.types)),
        "interfaces/__init__.py": render_package_init("interfaces", sorted(project.interfaces)),
        "errors/__init__.py": render_package_init("errors", sorted(project.errors)),
    }
    nullable = nullable_aliases(project.types)
    for name, type_module in project.types.items():
        files[f"types/{name}.py"] = render_type_module(type_module, nullable)
    for name, interface in project.interfaces.items():
        files[f"interfaces/{name}.py"] = render_interface_module(interface, project, nullable)
    for name, error_module in project.errors.items():
        files[f"errors/{name}.py"] = render_error_module(error_module)
    return files


__all__ = ["render_project"]
