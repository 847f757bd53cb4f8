"""Caller side over MQTT: a command's CmdResult payload parsed and validated in one pass.

pydantic-core reads the JSON straight into the validated result (model, enum, value) against
a schema of the whole envelope, without building the intermediate Python dicts that
``json.loads`` + ``validate_python`` would. This covers the common case only: a well-formed
result with a string call id and no error. For anything else ``read`` returns None and the
caller takes the explicit path (``wire.decode_result``, then ``validation.decode_result``),
which names what is wrong, so errors read exactly as before.
"""

from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import SchemaValidator, core_schema

from .contract import CommandSpec
from .wire import MSG_CMD_RESULT

__all__ = ["ResultReader", "result_reader"]

_NO_CONFIG_ATTRIBUTE = object()


class ResultReader:
    """Reads successful CmdResult payloads of one command (its result adapter)."""

    def __init__(self, command: CommandSpec, result_schema: core_schema.CoreSchema) -> None:
        self.command = command

        def field(schema: core_schema.CoreSchema) -> core_schema.TypedDictField:
            return core_schema.typed_dict_field(schema)

        inner = core_schema.typed_dict_schema(
            {
                "id": field(core_schema.str_schema()),
                "retval": field(result_schema),
                # An error response (with or without retval) is not for this path.
                "error": core_schema.typed_dict_field(core_schema.none_schema(), required=False),
            }
        )
        envelope = core_schema.typed_dict_schema(
            {
                "msg_type": field(core_schema.literal_schema([MSG_CMD_RESULT])),
                "data": field(core_schema.typed_dict_schema({"data": field(inner)})),
            }
        )
        self._validator = SchemaValidator(envelope)

    def read(self, payload: bytes) -> tuple[str, Any] | None:
        """(call id, validated result), or None when the payload needs the explicit path."""
        try:
            # Wire data: the YAML names only (a Python name is no key of the schema's).
            envelope = self._validator.validate_json(payload, by_alias=True, by_name=False)
        except ValidationError:
            return None
        inner = envelope["data"]["data"]
        return inner["id"], inner["retval"]


def result_reader(command: CommandSpec) -> ResultReader | None:
    """A reader for ``command``'s results, or None when its results need the explicit path.

    The envelope schema embeds the result adapter's core schema; configuration given to the
    TypeAdapter itself is not part of that schema, so such adapters keep the explicit path.
    The one exception is ``defer_build`` (what generated code gives), which changes only when
    the schema is built: it is built here, on the command's first result.
    """
    adapter = command.result
    if not isinstance(adapter, TypeAdapter):
        return None
    config = getattr(adapter, "_config", _NO_CONFIG_ATTRIBUTE)
    if config is not None and (not isinstance(config, dict) or set(config) - {"defer_build"}):
        return None
    if not adapter.pydantic_complete:
        adapter.rebuild(raise_errors=False)
    schema = adapter.core_schema
    if not isinstance(schema, dict):  # could not be built: the explicit path says why
        return None
    return ResultReader(command, schema)
