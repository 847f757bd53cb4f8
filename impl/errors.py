"""How an exception is named in log lines and security event texts."""

from __future__ import annotations


def describe(error: BaseException) -> str:
    """`Type: message`, or only the type when the message is empty."""
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
