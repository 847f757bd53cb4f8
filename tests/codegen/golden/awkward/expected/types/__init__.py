"""Generated types modules. Do not edit: regenerate."""

__all__ = [
    "json",
    "tree",
]
