"""Validation at the boundary: arguments, results and variable values against an InterfaceSpec."""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .contract import ArgumentSpec, CommandSpec
from .errors import SchemaValidationError

__all__ = [
    "decode_arguments",
    "decode_result",
    "describe_validation_error",
    "encode_arguments",
    "encode_arguments_json",
    "to_wire",
    "to_wire_json",
    "validate_result",
]

_MAX_INPUT_REPR = 80


def to_wire(adapter: TypeAdapter[Any], value: Any) -> Any:
    """The JSON form of ``value``; the same rule as ``contract.to_json_value`` (what was set)."""
    return adapter.dump_python(value, mode="json", by_alias=True, exclude_unset=True)


def to_wire_json(adapter: TypeAdapter[Any], value: Any) -> bytes:
    """``to_wire`` as JSON text, serialised by pydantic-core in one pass (no Python dicts)."""
    return adapter.dump_json(value, by_alias=True, exclude_unset=True)


def describe_validation_error(error: ValidationError) -> str:
    """One line per problem: where (dotted location), why, and the offending input."""
    problems = []
    for detail in error.errors(include_url=False):
        location = ".".join(str(part) for part in detail["loc"])
        shown = repr(detail.get("input"))
        if len(shown) > _MAX_INPUT_REPR:
            shown = shown[: _MAX_INPUT_REPR - 3] + "..."
        where = f"at '{location}': " if location else ""
        problems.append(f"{where}{detail['msg']} (got {shown})")
    return "; ".join(problems)


def _argument_error(
    command: CommandSpec, name: str, why: str, target: str | None
) -> SchemaValidationError:
    return SchemaValidationError(
        command.name, f"argument '{name}': {why}", target=target, argument=name
    )


def _reject_unknown(command: CommandSpec, given: Mapping[str, Any], target: str | None) -> None:
    known = {argument.name for argument in command.arguments}
    unknown = sorted(str(name) for name in given if name not in known)
    if unknown:
        expected = ", ".join(sorted(known)) or "none"
        raise _argument_error(
            command, unknown[0], f"not an argument of this command (expected: {expected})", target
        )


def _validated_arguments(
    command: CommandSpec, arguments: Mapping[str, Any], target: str | None
) -> Iterator[tuple[ArgumentSpec, Any]]:
    """Caller side: (ArgumentSpec, validated value) for every argument that goes on the wire.

    An optional argument given as None is left out, as it would be on the wire.
    """
    given = 0
    for argument in command.arguments:
        if argument.name not in arguments or (
            arguments[argument.name] is None and not argument.required
        ):
            if argument.required:
                raise _argument_error(command, argument.name, "missing", target)
            given += argument.name in arguments
            continue
        given += 1
        try:
            valid = argument.adapter.validate_python(arguments[argument.name])
        except ValidationError as error:
            raise _argument_error(
                command, argument.name, describe_validation_error(error), target
            ) from None
        yield argument, valid
    if len(arguments) > given:
        _reject_unknown(command, arguments, target)


def encode_arguments(
    command: CommandSpec, arguments: Mapping[str, Any], *, target: str | None = None
) -> dict[str, Any]:
    """Caller side: validate Python values keyed by wire name, return their JSON forms."""
    return {
        argument.name: to_wire(argument.adapter, valid)
        for argument, valid in _validated_arguments(command, arguments, target)
    }


def encode_arguments_json(
    command: CommandSpec, arguments: Mapping[str, Any], *, target: str | None = None
) -> bytes:
    """``encode_arguments`` as the JSON text of the ``args`` object."""
    members = [
        json.dumps(argument.name).encode() + b":" + to_wire_json(argument.adapter, valid)
        for argument, valid in _validated_arguments(command, arguments, target)
    ]
    return b"{" + b",".join(members) + b"}"


def decode_arguments(
    command: CommandSpec, wire_arguments: Mapping[str, Any], *, target: str | None = None
) -> dict[str, Any]:
    """Provider side: validate JSON arguments, return handler keyword arguments (by py_name)."""
    keyword_arguments: dict[str, Any] = {}
    found = 0
    for argument in command.arguments:
        if argument.name not in wire_arguments:
            if argument.required:
                raise _argument_error(command, argument.name, "missing", target)
            keyword_arguments[argument.py_name] = None
            continue
        found += 1
        try:
            keyword_arguments[argument.py_name] = argument.adapter.validate_python(
                wire_arguments[argument.name], by_name=False  # wire data: the YAML names only
            )
        except ValidationError as error:
            raise _argument_error(
                command, argument.name, describe_validation_error(error), target
            ) from None
    if len(wire_arguments) > found:
        _reject_unknown(command, wire_arguments, target)
    return keyword_arguments


def validate_result(command: CommandSpec, value: Any, *, target: str | None = None) -> Any:
    """Provider side: check what the handler returned before it is sent."""
    if command.result is None:
        if value is not None:
            raise SchemaValidationError(
                command.name,
                f"result: the command returns nothing, the handler returned {value!r:.80}",
                target=target,
            )
        return None
    try:
        return command.result.validate_python(value)
    except ValidationError as error:
        raise SchemaValidationError(
            command.name, f"result: {describe_validation_error(error)}", target=target
        ) from None


def decode_result(command: CommandSpec, retval: Any, *, target: str | None = None) -> Any:
    """Caller side: validate a received result and return it as a model/enum/value."""
    if command.result is None:
        # EVerest sends "retval": null for a command without result; anything else is ignored.
        return None
    try:
        return command.result.validate_python(retval, by_name=False)  # wire: YAML names only
    except ValidationError as error:
        raise SchemaValidationError(
            command.name, f"result: {describe_validation_error(error)}", target=target
        ) from None
