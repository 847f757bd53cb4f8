"""Generated interfaces modules. Do not edit: regenerate."""

__all__ = [
    "tree",
]
