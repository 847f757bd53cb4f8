"""Generated interfaces modules. Do not edit: regenerate."""

__all__ = [
    "example",
    "example_error_framework",
    "kvs",
]
