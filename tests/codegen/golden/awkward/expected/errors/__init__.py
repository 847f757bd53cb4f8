"""Generated errors modules. Do not edit: regenerate."""

__all__ = []
