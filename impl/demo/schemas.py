"""The OCPP 1.6 JSON schemas shipped in the `ocpp` package, as validators."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from jsonschema.validators import validator_for

SCHEMA_PACKAGE = "ocpp"
SCHEMA_FOLDER = ("v16", "schemas")


class Schemas:
    """Validators by schema name (`BootNotification`, `BootNotificationResponse`, ...), loaded on
    first use. Only names with a shipped schema are kept, so a peer cannot grow the cache."""

    def __init__(self) -> None:
        self._validators: dict[str, Any] = {}
        self._folder = files(SCHEMA_PACKAGE).joinpath(*SCHEMA_FOLDER)

    def known(self, name: str) -> bool:
        return self._validator(name) is not None

    def problems(self, name: str, payload: dict[str, Any]) -> list[str]:
        """What is wrong with `payload` for schema `name` (empty when it conforms)."""
        validator = self._validator(name)
        if validator is None:
            return [f"no OCPP 1.6 schema named {name}"]
        return [_describe(error) for error in validator.iter_errors(payload)]

    def _validator(self, name: str) -> Any:
        if name in self._validators:
            return self._validators[name]
        if not name.isidentifier():
            return None
        resource = self._folder.joinpath(f"{name}.json")
        if not resource.is_file():
            return None
        schema = json.loads(resource.read_text(encoding="utf-8"))
        validator_class = validator_for(schema)
        validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
        self._validators[name] = validator
        return validator


def _describe(error: Any) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "(payload)"
    return f"{where}: {error.message}"
