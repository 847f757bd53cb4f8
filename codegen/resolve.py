"""Resolve validated YAML documents into the typed model (``model.py``).

Here references are followed, names become Python identifiers, anonymous
objects and inline enums become named definitions, and reference cycles that
Python cannot express are reported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from keyword import iskeyword
from pathlib import Path
from typing import Any

from .diagnostics import Problem, Warnings
from .load import SourceFile, Sources
from .model import (
    AliasDef,
    AnyJson,
    ArgumentDef,
    ArrayOf,
    CommandDef,
    Constraints,
    Definition,
    EnumDef,
    EnumMember,
    ErrorDef,
    ErrorModule,
    ErrorRef,
    ExtraPolicy,
    FieldDef,
    FreeObject,
    InterfaceModule,
    MapOf,
    ObjectDef,
    Primitive,
    PrimitiveKind,
    Project,
    ResultDef,
    TypeExpr,
    TypeModule,
    TypeRef,
    UnionOf,
    VariableDef,
    definition_references,
    nullable_aliases,
    references,
    signature_names,
)
from .naming import (
    TYPE_MODULE_NAMES,
    enum_member_names,
    pascal_case,
    python_identifier,
)
from .render import interface_module_imports, type_module_imports
from .validate import ERROR_REF_PATTERN, JSON_TYPES, REF_PATTERN

KeyPath = tuple[str, ...]

# Names every generated module binds at top level; a field may not shadow them.
_MODULE_NAMES = frozenset(
    {"Annotated", "Enum", "EverestModel", "Field", "JsonValue", "ConfigDict"}
    | {"JsonBool", "JsonDateTime", "JsonInt", "JsonNumber", "JsonString", "Omittable"}
    | {"DateTimeText", "re"}
)
# What a generated model inherits from pydantic's BaseModel (its dir() in pydantic 2.14): a
# field may not shadow it. Written out, so that generating does not import pydantic (a tenth of
# the CLI's run) and the output does not depend on the pydantic installed; a test fails when
# pydantic adds a name.
_MODEL_ATTRIBUTES = frozenset("""
    __abstractmethods__ __annotations__ __class__ __class_getitem__ __copy__ __deepcopy__
    __delattr__ __dict__ __dir__ __doc__ __eq__ __fields_set__ __format__ __ge__
    __get_pydantic_core_schema__ __get_pydantic_json_schema__ __getattr__ __getattribute__
    __getstate__ __gt__ __hash__ __init__ __init_subclass__ __iter__ __le__ __lt__ __module__
    __ne__ __new__ __pretty__ __pydantic_complete__ __pydantic_core_schema__
    __pydantic_decorators__ __pydantic_extra__ __pydantic_fields_set__ __pydantic_init_subclass__
    __pydantic_on_complete__ __pydantic_parent_namespace__ __pydantic_private__
    __pydantic_root_model__ __pydantic_serializer__ __pydantic_validator__ __reduce__ __reduce_ex__
    __replace__ __repr__ __repr_args__ __repr_name__ __repr_recursion__ __repr_str__ __rich_repr__
    __setattr__ __setstate__ __sizeof__ __slots__ __str__ __subclasshook__ _abc_impl
    _calculate_keys _copy_and_set_values _get_value _iter _setattr_handler construct copy dict
    from_orm json model_computed_fields model_config model_construct model_copy model_dump
    model_dump_json model_extra model_fields model_fields_set model_json_schema
    model_parametrized_name model_post_init model_rebuild model_validate model_validate_json
    model_validate_strings parse_file parse_obj parse_raw schema schema_json update_forward_refs
    validate
    """.split())
# Builtins the annotations of a generated model use (``list[...]``, ``dict[str, ...]``): a field of
# that name would shadow them for the annotations after it in the class body.
_ANNOTATION_BUILTINS = frozenset({"list", "dict", "str"})
# Names the body of every generated Client method uses besides its parameters
# (``await self._transport.call(INTERFACE.commands[...], {...}, timeout)``, ``cast(...)``).
_RESERVED_PARAMETERS = frozenset({"self", "timeout", "cast", "INTERFACE"})
# What a generated Client has besides its command and subscribe_* methods.
_CLIENT_ATTRIBUTES = frozenset({"INTERFACE", "ERRORS", "_transport"})
_KINDS: dict[str, PrimitiveKind] = {
    "string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "null": "null"
}  # fmt: skip
_STRING_ONLY = ("minLength", "maxLength", "pattern")
_NUMBER_ONLY = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_ARRAY_ONLY = ("minItems", "maxItems")


class _Scope:
    """Collects the named definitions of one output module while converting."""

    def __init__(self, source: SourceFile, module: str | None, reserved: frozenset[str]) -> None:
        self.source = source
        self.module = module  # the type file itself, None for interfaces
        self.definitions: list[Definition] = []
        self.names: set[str] = set()
        self.imports: set[str] = set()
        self.reserved = reserved  # what the module binds besides its definitions
        # Field names of the models being converted: a name given to a definition their
        # annotations use must differ (a field `ABar = None` would be what `ABar` means there).
        self.fields: list[set[str]] = []

    def unique_name(self, wanted: str) -> str:
        name, counter = wanted, 2
        while self.taken(name):
            name, counter = f"{wanted}{counter}", counter + 1
        self.names.add(name)
        return name

    def taken(self, name: str) -> bool:
        return (
            name in self.names
            or name in self.reserved
            or any(name in fields for fields in self.fields)
        )


class Resolver:
    def __init__(
        self, sources: Sources, warnings: Warnings, broken_names: set[str] | None = None
    ) -> None:
        self.sources = sources
        self.warnings = warnings
        self.broken = broken_names or set()
        self.problems: list[Problem] = []
        self.type_docs: dict[str, Mapping[str, Any]] = {
            name: (source.document.get("types") or {})
            for name, source in sources.files["types"].items()
        }

    # -- entry point -------------------------------------------------------

    def resolve(self) -> Project:
        project = Project()
        for kind in ("types", "interfaces", "errors"):
            for name, source in self.sources.files[kind].items():
                if python_identifier(name) != name:
                    self.problem(
                        source, (), f"file name {name!r} cannot become a Python module name"
                    )
        for name, source in self.sources.files["types"].items():
            project.types[name] = self.type_module(source, project)
        for name, source in self.sources.files["errors"].items():
            project.errors[name] = self.error_module(source)
        for name, source in self.sources.files["interfaces"].items():
            project.interfaces[name] = self.interface_module(source, project)
        self.check_module_cycles(project)
        return project

    def problem(self, source: SourceFile, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(source.path, path, message))

    # -- type files ----------------------------------------------------------

    def type_module(self, source: SourceFile, project: Project) -> TypeModule:
        """Names made up for inline definitions avoid what the rendered module imports: which
        that is shows once it is resolved, so a clash resolves it again avoiding those names."""
        reserved: frozenset[str] = frozenset()
        while True:
            mark = len(self.problems)
            module = self.type_module_once(source, reserved)
            types = {**project.types, module.name: module}
            imported = type_module_imports(module, nullable_aliases(types))
            generated = {d.name for d in module.definitions} - set(module.declared)
            if not generated & imported or imported <= reserved:
                return module
            del self.problems[mark:]
            reserved |= imported

    def type_module_once(self, source: SourceFile, reserved: frozenset[str]) -> TypeModule:
        scope = _Scope(source, source.name, reserved)
        types: Mapping[str, Any] = self.type_docs[source.name]
        first_of: dict[str, str] = {}
        for type_name in types:
            class_name = python_identifier(type_name)
            if class_name is None:
                self.problem(
                    source,
                    ("types", type_name),
                    f"type name {type_name!r} cannot become a Python class name",
                )
                continue
            if class_name in TYPE_MODULE_NAMES:
                self.problem(
                    source,
                    ("types", type_name),
                    f"type name {type_name!r} is a name the generated module imports "
                    f"({class_name!r}); rename the type",
                )
                continue
            if class_name in first_of:
                # `Foo-Bar` and `Foo_Bar` are both `Foo_Bar`: one would silently replace
                # the other, and references to either would get whichever came last.
                self.problem(
                    source,
                    ("types", type_name),
                    f"type names {first_of[class_name]!r} and {type_name!r} both become the "
                    f"Python name {class_name!r}",
                )
                continue
            first_of[class_name] = type_name
            scope.names.add(class_name)
        for type_name, schema in types.items():
            if first_of.get(python_identifier(type_name) or "") != type_name:
                continue  # refused above
            self.named_definition(scope, ("types", type_name), type_name, schema)
        for module in sorted(scope.imports):
            if f"_{module}" in first_of:
                self.problem(
                    source,
                    ("types", first_of[f"_{module}"]),
                    f"type name {first_of[f'_{module}']!r} is the name the generated module "
                    f"imports the type file {module!r} as; rename the type",
                )
        self.check_alias_cycles(scope)
        ordered = _dependency_order(scope.definitions)
        description = str(source.document.get("description", ""))
        declared = {python_identifier(name) or name: name for name in types}
        return TypeModule(
            source.name, description, tuple(ordered), tuple(sorted(scope.imports)), declared
        )

    def named_definition(
        self, scope: _Scope, path: KeyPath, name: str, schema: Mapping[str, Any]
    ) -> None:
        class_name = python_identifier(name) or name
        description = str(schema.get("description", ""))
        if "$ref" not in schema and schema.get("type") == "object" and _model_object(schema):
            scope.definitions.append(self.object_definition(scope, path, class_name, schema))
        elif _plain_enum(schema):
            self.warn_enum_types(scope, path, schema)
            scope.definitions.append(self.enum_definition(class_name, description, schema))
        else:
            expression = self.expression(scope, path, schema, class_name)
            scope.definitions.append(AliasDef(class_name, description, expression))

    def object_definition(
        self, scope: _Scope, path: KeyPath, class_name: str, schema: Mapping[str, Any]
    ) -> ObjectDef:
        properties: Mapping[str, Any] = schema.get("properties") or {}
        required = schema.get("required") or []
        self.warn_undeclared_required(scope, path, required, properties)
        fields: list[FieldDef] = []
        # Each field is named in turn, avoiding the classes named so far (as before), and the
        # classes named after it avoid it: the generated names of earlier versions stay.
        taken: set[str] = set()
        scope.fields.append(taken)
        for name, prop in properties.items():
            py_name = self.field_name(scope, path + ("properties", name), name, taken)
            if py_name is None:
                continue
            hint = class_name + pascal_case(name)
            expression = self.expression(scope, path + ("properties", name), prop, hint)
            default_note = f"Default: {prop['default']!r}." if "default" in prop else None
            fields.append(
                FieldDef(
                    name=name,
                    py_name=py_name,
                    description=str(prop.get("description", "")),
                    type=expression,
                    required=name in required,
                    default_note=default_note,
                )
            )
        scope.fields.pop()
        additional = schema.get("additionalProperties", True)
        extra: ExtraPolicy = "forbid" if additional is False else "allow"
        return ObjectDef(class_name, str(schema.get("description", "")), tuple(fields), extra)

    def warn_undeclared_required(
        self, scope: _Scope, path: KeyPath, required: list[str], properties: Mapping[str, Any]
    ) -> None:
        for name in required:
            if name not in properties:
                self.warnings.add(
                    scope.source.path,
                    path + ("required",),
                    f"required property {name!r} is not declared: its presence is not enforced",
                )

    def field_name(self, scope: _Scope, path: KeyPath, name: str, taken: set[str]) -> str | None:
        py_name = python_identifier(str(name))
        if py_name is None:
            self.problem(
                scope.source, path, f"property name {name!r} cannot become a Python identifier"
            )
            return None
        if py_name.startswith("_"):  # pydantic takes a leading _ for a private attribute
            py_name = (py_name.lstrip("_") or "field") + "_"
        if (
            py_name in _MODEL_ATTRIBUTES
            or py_name in _MODULE_NAMES
            or py_name in _ANNOTATION_BUILTINS
            or py_name in scope.names
        ):
            py_name += "_"
        if py_name in taken:
            self.problem(
                scope.source,
                path,
                f"property name {name!r} collides with another property as {py_name!r}",
            )
            return None
        taken.add(py_name)
        return py_name

    def enum_definition(
        self, class_name: str, description: str, schema: Mapping[str, Any]
    ) -> EnumDef:
        values = [str(value) for value in schema["enum"]]
        members = tuple(
            EnumMember(member, value)
            for member, value in zip(enum_member_names(values), values, strict=True)
        )
        return EnumDef(class_name, description, members)

    # -- schemas -> type expressions -------------------------------------------

    def expression(self, scope: _Scope, path: KeyPath, schema: Any, hint: str) -> TypeExpr:
        if not isinstance(schema, dict):
            return AnyJson()
        if "$ref" in schema:  # draft-07: everything beside a $ref is ignored
            return self.reference(scope, path + ("$ref",), schema["$ref"])
        for key in ("anyOf", "oneOf"):
            if key in schema:
                options = tuple(
                    self.expression(scope, path + (key, str(i)), option, f"{hint}Option{i + 1}")
                    for i, option in enumerate(schema[key])
                )
                return UnionOf(options)
        if "enum" in schema:
            # The enum applies to the whole value, whatever the type list (validate.py made sure
            # the type allows texts): only its texts are valid, `type: [string, integer]` or not.
            self.warn_enum_types(scope, path, schema)
            return self.single_type(scope, path, schema, "string", hint)
        declared = schema.get("type")
        if declared is None:
            return AnyJson()
        if isinstance(declared, list):
            kinds = set(declared)
            if kinds >= JSON_TYPES - {"integer"}:
                return AnyJson()
            if kinds >= {"integer", "number"}:
                kinds.discard("integer")  # every integer is a number
            options = tuple(
                self.single_type(scope, path, schema, kind, hint)
                for kind in declared
                if kind in kinds
            )
            return options[0] if len(options) == 1 else UnionOf(options)
        return self.single_type(scope, path, schema, declared, hint)

    def single_type(
        self, scope: _Scope, path: KeyPath, schema: Mapping[str, Any], kind: str, hint: str
    ) -> TypeExpr:
        self.warn_misplaced(scope, path, schema, kind)
        if kind == "object":
            if _model_object(schema):
                name = scope.unique_name(hint)
                scope.definitions.append(self.object_definition(scope, path, name, schema))
                return TypeRef(None, name)
            self.warn_undeclared_required(scope, path, schema.get("required") or [], {})
            additional = schema.get("additionalProperties")
            if isinstance(additional, dict):
                return MapOf(
                    self.expression(
                        scope, path + ("additionalProperties",), additional, hint + "Value"
                    )
                )
            return FreeObject()
        if kind == "array":
            items = schema.get("items")
            item = (
                self.expression(scope, path + ("items",), items, hint + "Item")
                if isinstance(items, dict)
                else AnyJson()
            )
            return ArrayOf(item, _constraints(schema, _ARRAY_ONLY))
        if kind == "string":
            if "enum" in schema:
                name = scope.unique_name(hint)
                scope.definitions.append(
                    self.enum_definition(name, str(schema.get("description", "")), schema)
                )
                return TypeRef(None, name)
            return Primitive(
                "string", _constraints(schema, _STRING_ONLY), schema.get("format") == "date-time"
            )
        if kind in ("integer", "number"):
            bounds = {k: schema[k] for k in _NUMBER_ONLY if k in schema}
            for keyword, value in bounds.items():
                if not math.isfinite(value):
                    self.problem(scope.source, path + (keyword,), "must be a finite number")
                    return Primitive(_KINDS[kind])
            if kind == "integer":
                bounds = _integer_bounds(bounds)
            return Primitive(_KINDS[kind], _constraints(bounds, _NUMBER_ONLY))
        return Primitive(_KINDS[kind])

    def warn_enum_types(self, scope: _Scope, path: KeyPath, schema: Mapping[str, Any]) -> None:
        declared = schema.get("type")
        others = (
            [kind for kind in declared if kind != "string"] if isinstance(declared, list) else []
        )
        if others:
            self.warnings.add(
                scope.source.path,
                path + ("type",),
                f"{', '.join(map(repr, others))} beside an enum of texts: only the enum's texts "
                "are valid (JSON-Schema semantics)",
            )

    def warn_misplaced(
        self, scope: _Scope, path: KeyPath, schema: Mapping[str, Any], kind: str
    ) -> None:
        """JSON Schema applies e.g. ``maximum`` to numbers only: on a string it constrains nothing."""
        applies = {
            "string": _STRING_ONLY,
            "integer": _NUMBER_ONLY,
            "number": _NUMBER_ONLY,
            "array": _ARRAY_ONLY,
        }
        own = applies.get(kind, ())
        for keyword in (*_STRING_ONLY, *_NUMBER_ONLY, *_ARRAY_ONLY):
            if keyword in schema and keyword not in own:
                if isinstance(schema.get("type"), list):
                    continue  # applies to another type of the list
                self.warnings.add(
                    scope.source.path,
                    path + (keyword,),
                    f"{keyword!r} on a value of type {kind!r} constrains nothing (JSON-Schema semantics); ignored",
                )

    def reference(self, scope: _Scope, path: KeyPath, ref: str) -> TypeExpr:
        match = REF_PATTERN.match(ref)
        if match is None:
            return AnyJson()  # already reported by validation
        module, name = match["module"], match["name"]
        if f"types/{module}" in self.broken:
            return AnyJson()  # that file's own problems are reported already
        if module not in self.type_docs:
            self.problem(scope.source, path, f"reference {ref!r}: type file {module!r} not found")
            return AnyJson()
        if name not in self.type_docs[module]:
            self.problem(
                scope.source, path, f"reference {ref!r}: type {name!r} not found in {module!r}"
            )
            return AnyJson()
        class_name = python_identifier(name) or name
        if module == scope.module:
            return TypeRef(None, class_name)
        scope.imports.add(module)
        return TypeRef(module, class_name)

    # -- cycles ------------------------------------------------------------------

    def check_alias_cycles(self, scope: _Scope) -> None:
        """References among aliases alone that lead back where they started cannot be built
        (`A = B | C` with `C = A | int`): every such cycle is reported, whichever option of a
        union or item of a list it goes through."""
        aliases = {d.name: d for d in scope.definitions if isinstance(d, AliasDef)}
        graph = {
            name: {ref.name for ref in references(alias.type) if ref.module is None}
            & aliases.keys()
            for name, alias in aliases.items()
        }
        for cycle in _find_cycles(graph):
            chain = " -> ".join([*cycle, cycle[0]])
            self.problem(scope.source, ("types", cycle[0]), f"cyclic reference: {chain}")

    def check_module_cycles(self, project: Project) -> None:
        graph = {name: set(module.imports) for name, module in project.types.items()}
        for cycle in _find_cycles(graph):
            source = self.sources.files["types"][cycle[0]]
            self.problem(
                source,
                ("types",),
                "cyclic reference between type files: " + " -> ".join([*cycle, cycle[0]]),
            )

    # -- interfaces --------------------------------------------------------------

    def interface_module(self, source: SourceFile, project: Project) -> InterfaceModule:
        """As ``type_module``: generated names avoid the classes and what the module imports."""
        prefix = pascal_case(source.name)
        classes = {f"{prefix}Handler", f"{prefix}Publisher", f"{prefix}Client"}
        reserved = frozenset(classes | {"INTERFACE", "RAISABLE_ERRORS", "_DEFERRED"})
        while True:
            mark = len(self.problems)
            module = self.interface_module_once(source, project, reserved)
            imported = interface_module_imports(module, nullable_aliases(project.types))
            generated = {d.name for d in module.definitions}
            if not generated & imported or imported <= reserved:
                return module
            del self.problems[mark:]
            reserved |= imported

    def interface_module_once(
        self, source: SourceFile, project: Project, reserved: frozenset[str]
    ) -> InterfaceModule:
        doc = source.document
        prefix = pascal_case(source.name)
        scope = _Scope(source, None, reserved)
        commands: list[CommandDef] = []
        command_names: set[str] = set()
        for cmd_name, cmd in (doc.get("cmds") or {}).items():
            path = ("cmds", cmd_name)
            py_name = python_identifier(cmd_name)
            if py_name is None or py_name in command_names:
                self.problem(
                    source, path, f"command name {cmd_name!r} cannot become a Python method name"
                )
                continue
            command_names.add(py_name)
            hint = pascal_case(cmd_name)
            arguments: list[ArgumentDef] = []
            taken: set[str] = set()
            for arg_name, arg in ((cmd or {}).get("arguments") or {}).items():
                arg_path = path + ("arguments", arg_name)
                arg_py = python_identifier(arg_name)
                if arg_py is None:
                    self.problem(
                        source,
                        arg_path,
                        f"argument name {arg_name!r} cannot become a Python identifier",
                    )
                    continue
                if arg_py in _RESERVED_PARAMETERS:
                    arg_py += "_"
                if arg_py in taken:
                    self.problem(
                        source,
                        arg_path,
                        f"argument name {arg_name!r} collides with another argument",
                    )
                    continue
                taken.add(arg_py)
                expression = self.expression(scope, arg_path, arg, hint + pascal_case(arg_name))
                arguments.append(
                    ArgumentDef(arg_name, arg_py, str(arg.get("description", "")), expression)
                )
            result = None
            raw_result = (cmd or {}).get("result")
            if raw_result is not None:
                expression = self.expression(scope, path + ("result",), raw_result, hint + "Result")
                result = ResultDef(str(raw_result.get("description", "")), expression)
                arguments = self.unshadowed(source, path, arguments, expression)
            commands.append(
                CommandDef(
                    cmd_name,
                    py_name,
                    str((cmd or {}).get("description", "")),
                    tuple(arguments),
                    result,
                )
            )
        variables: list[VariableDef] = []
        variable_of: dict[str, str] = {}
        for var_name, var in (doc.get("vars") or {}).items():
            path = ("vars", var_name)
            py_name = python_identifier(var_name)
            if py_name is None:
                self.problem(
                    source, path, f"variable name {var_name!r} cannot become a Python method name"
                )
                continue
            if py_name in variable_of:
                # Both would be `publish_<name>` / `subscribe_<name>`: the second would win.
                self.problem(
                    source,
                    path,
                    f"variable names {variable_of[py_name]!r} and {var_name!r} both become the "
                    f"Python name {py_name!r}",
                )
                continue
            variable_of[py_name] = var_name
            expression = self.expression(scope, path, var, pascal_case(var_name) + "Value")
            variables.append(
                VariableDef(var_name, py_name, str(var.get("description", "")), expression)
            )
        self.check_client_methods(source, commands, variables)
        errors, error_imports = self.error_refs(source, project)
        definitions = _dependency_order(scope.definitions)
        return InterfaceModule(
            name=source.name,
            class_prefix=prefix,
            description=str(doc.get("description", "")),
            commands=tuple(commands),
            variables=tuple(variables),
            errors=tuple(errors),
            definitions=tuple(definitions),
            imports=tuple(sorted(scope.imports)),
            error_imports=tuple(sorted(error_imports)),
        )

    def unshadowed(
        self, source: SourceFile, path: KeyPath, arguments: list[ArgumentDef], result: TypeExpr
    ) -> list[ArgumentDef]:
        """The Client method ends in ``cast(<result type>, result)``: an argument may not be
        named like a builtin, class or module that type names (`str` in `list[str]`,
        `GetResult`, `_types`), or it would be what the name means there. Any other argument
        keeps its name: handlers are called by keyword."""
        used = signature_names(result)
        names = {argument.py_name for argument in arguments}
        renamed: list[ArgumentDef] = []
        for argument in arguments:
            if argument.py_name in used:
                py_name = argument.py_name + "_"
                if py_name in names:
                    self.problem(
                        source,
                        path + ("arguments", argument.name),
                        f"argument name {argument.name!r} collides with another argument",
                    )
                    continue
                argument = ArgumentDef(argument.name, py_name, argument.description, argument.type)
            renamed.append(argument)
        return renamed

    def check_client_methods(
        self, source: SourceFile, commands: list[CommandDef], variables: list[VariableDef]
    ) -> None:
        """The Client has a method per command and ``subscribe_<variable>`` per variable, and
        ``INTERFACE``/``ERRORS`` attributes: a name may not stand for two of them."""
        for command in commands:
            if command.py_name in _CLIENT_ATTRIBUTES or command.py_name.startswith("__"):
                self.problem(
                    source,
                    ("cmds", command.name),
                    f"command name {command.name!r} clashes with the Client's attribute "
                    f"{command.py_name!r}",
                )
        by_method = {f"subscribe_{variable.py_name}": variable for variable in variables}
        for command in commands:
            variable = by_method.get(command.py_name)
            if variable is not None:
                self.problem(
                    source,
                    ("cmds", command.name),
                    f"command {command.name!r} and variable {variable.name!r} would both be the "
                    f"Client method {command.py_name!r}; rename one of them",
                )

    def error_refs(self, source: SourceFile, project: Project) -> tuple[list[ErrorRef], set[str]]:
        refs: list[ErrorRef] = []
        modules: set[str] = set()
        for index, entry in enumerate(source.document.get("errors") or []):
            path = ("errors", str(index), "reference")
            match = ERROR_REF_PATTERN.match(str(entry.get("reference", "")))
            if match is None:
                continue
            module, name = match["module"], match["name"]
            if f"errors/{module}" in self.broken:
                continue
            if module not in project.errors:
                self.problem(
                    source, path, f"error list {module!r} not found in any errors/ directory"
                )
                continue
            if name is not None and name not in {e.name for e in project.errors[module].errors}:
                self.problem(source, path, f"error {name!r} not found in error list {module!r}")
                continue
            modules.add(module)
            refs.append(ErrorRef(module, name))
        return refs, modules

    # -- error files -----------------------------------------------------------------

    def error_module(self, source: SourceFile) -> ErrorModule:
        doc = source.document
        errors: list[ErrorDef] = []
        for index, entry in enumerate(doc.get("errors") or []):
            name = str(entry["name"])
            if iskeyword(name):  # None, True, False pass EVerest's name pattern
                self.problem(
                    source,
                    ("errors", str(index), "name"),
                    f"error name {name!r} is a Python keyword: it cannot be an enum member",
                )
                continue
            errors.append(ErrorDef(name, str(entry.get("description", ""))))
        return ErrorModule(
            source.name,
            pascal_case(source.name) + "Error",
            str(doc.get("description", "")),
            tuple(errors),
        )


def _model_object(schema: Mapping[str, Any]) -> bool:
    """An object that becomes a model: with properties, or closed (then only ``{}`` is valid
    without properties). Any other object is a dict (``additionalProperties`` its values)."""
    return "properties" in schema or schema.get("additionalProperties") is False


def _plain_enum(schema: Mapping[str, Any]) -> bool:
    """An enum that is the whole schema (what ``expression`` makes of it is the enum alone)."""
    return "enum" in schema and not any(key in schema for key in ("$ref", "anyOf", "oneOf"))


def _integer_bounds(bounds: Mapping[str, Any]) -> dict[str, Any]:
    """An integer's number bounds as whole numbers, with the same meaning (draft-07 allows
    any number there; pydantic's integer bounds must be integers): `minimum: 0.5` is `1`,
    `exclusiveMaximum: 2.5` is `maximum: 2`, and `multipleOf: p/q` (in lowest terms) is
    `multipleOf: p` (an integer x is a multiple of p/q exactly when p divides it)."""
    whole: dict[str, Any] = {}
    lowest: list[int] = []
    highest: list[int] = []
    for keyword, value in bounds.items():
        integral = isinstance(value, int) or float(value).is_integer()
        if keyword == "multipleOf":
            whole[keyword] = int(value) if integral else Fraction(str(value)).numerator
        elif keyword == "minimum" or (keyword == "exclusiveMinimum" and not integral):
            lowest.append(math.ceil(value))
        elif keyword == "maximum" or (keyword == "exclusiveMaximum" and not integral):
            highest.append(math.floor(value))
        else:  # a whole exclusive bound stays exclusive
            whole[keyword] = int(value)
    if lowest:
        whole["minimum"] = max(lowest)
    if highest:
        whole["maximum"] = min(highest)
    return whole


def _constraints(schema: Mapping[str, Any], keywords: tuple[str, ...]) -> Constraints:
    names = {
        "minimum": "minimum", "maximum": "maximum", "exclusiveMinimum": "exclusive_minimum",
        "exclusiveMaximum": "exclusive_maximum", "multipleOf": "multiple_of", "minLength": "min_length",
        "maxLength": "max_length", "pattern": "pattern", "minItems": "min_items", "maxItems": "max_items",
    }  # fmt: skip
    return Constraints(**{names[k]: schema[k] for k in keywords if k in schema})


def _dependency_order(definitions: list[Definition]) -> list[Definition]:
    """YAML order, except that a definition comes after the local ones it uses.

    Back edges (recursion) stay; the renderer quotes them as forward references. They are
    models' references only: a model resolves a quoted name in its own module when it is
    built, an alias cannot (``Children = list["Node"]`` is resolved where a TypeAdapter of it
    is built, and fails there). So in a cycle of references (always through a model: one of
    aliases alone is an input error) an alias comes after everything it names.
    """
    by_name = {d.name: d for d in definitions}
    edges = {
        d.name: [r.name for r in definition_references(d) if r.module is None and r.name in by_name]
        for d in definitions
    }
    # Depth first, dependencies first (post-order), as Tarjan's strongly connected components:
    # a cycle is complete when the first of its definitions reached is finished.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    done: dict[str, int] = {}  # name -> when it was finished
    ordered: list[Definition] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        start = len(stack)
        stack.append(name)
        on_stack.add(name)
        for target in edges[name]:
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        done[name] = len(done)
        if low[name] == index[name]:
            cycle = sorted(stack[start:], key=done.__getitem__)
            del stack[start:]
            on_stack.difference_update(cycle)
            ordered.extend(by_name[n] for n in _aliases_last(cycle, edges, by_name))

    for definition in definitions:
        if definition.name not in index:
            visit(definition.name)
    return ordered


def _aliases_last(
    cycle: list[str], edges: dict[str, list[str]], by_name: dict[str, Definition]
) -> list[str]:
    """``cycle`` (in the depth-first order) with each alias moved after what it names."""
    if len(cycle) == 1:
        return cycle
    members = set(cycle)
    needs = {
        name: {target for target in edges[name] if target in members and target != name}
        for name in cycle
        if isinstance(by_name[name], AliasDef)
    }
    ordered: list[str] = []
    pending = list(cycle)
    while pending:
        placed = set(ordered)
        ready = next((n for n in pending if needs.get(n, set()) <= placed), pending[0])
        pending.remove(ready)  # pending[0] when none is: aliases alone, an input error
        ordered.append(ready)
    return ordered


def _find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target) :])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def source_path(source: SourceFile) -> Path:
    return source.path
