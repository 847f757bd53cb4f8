"""Precompiled fastjsonschema validators of the bundled meta-schemas (generated, do not edit).

Regenerate after changing a file in ``codegen/schemas/`` or upgrading fastjsonschema:

    python -m everest_py.codegen.metaschemas --compile

``SOURCES`` holds the SHA-256 of each source; ``tests/codegen/test_validate.py`` fails when they
no longer match. The modules raise the exceptions below instead of fastjsonschema's, so that
importing them does not import fastjsonschema (and its urllib).
"""

from typing import Any

FASTJSONSCHEMA_VERSION = "2.22.3"
SOURCES = {
    "interface.yaml": "9b1059249c4073737bec94753a6735f664d77b97321d4379b9de3179ea0a9cd5",
    "type.yaml": "eeea4de788f21d91af82eabe096077dbcbf1cbf69602e1ce01765a4b5a9b9235",
    "error-declaration-list.yaml": "0c11341772c83635df781e0c0d35c8b1f3a21a7b735311991b2991c8be7d54be",
    "draft-07": "cc24c1e32dc10cb24ec535a867e8f14d7c6cad9b25c33445e2953c9e5ed7e940",
}


class JsonSchemaValueException(ValueError):
    def __init__(self, message: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(message)


JsonSchemaValuesException = JsonSchemaValueException
