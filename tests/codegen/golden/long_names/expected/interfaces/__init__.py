"""Generated interfaces modules. Do not edit: regenerate."""

__all__ = [
    "long_interface_name_for_testing_layouts",
]
