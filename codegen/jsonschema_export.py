"""Export EVerest type files as plain JSON Schema (draft-07) documents.

Used to feed other tools the same types (the benchmark's baseline, and the
tests that check samples against the original schemas).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .validate import REF_PATTERN


def type_file_schema(
    module: str, types: Mapping[str, Any], extension: str = ".json", local_refs: bool = True
) -> dict[str, Any]:
    """One type file as a JSON Schema with its types under ``definitions``.

    ``/other#/Name`` becomes ``other.json#/definitions/Name``; a reference into
    the same file becomes ``#/definitions/Name`` (with ``local_refs``) or names
    the file too.
    """
    own = module if local_refs else None
    definitions = {
        name: _rewrite(copy.deepcopy(schema), own, extension) for name, schema in types.items()
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"{module}{extension}",
        "title": module,
        "definitions": definitions,
    }


def _rewrite(node: Any, module: str | None, extension: str) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            match = REF_PATTERN.match(str(node["$ref"]))
            if match is not None:
                target = "" if match["module"] == module else match["module"] + extension
                # Draft-07 ignores siblings of $ref; drop them so no tool reads them.
                return {"$ref": f"{target}#/definitions/{match['name']}"}
        return {key: _rewrite(value, module, extension) for key, value in node.items()}
    if isinstance(node, list):
        return [_rewrite(value, module, extension) for value in node]
    return node
