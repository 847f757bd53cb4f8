"""The bundled meta-schemas (YAML, verbatim) and their precompiled validators."""
