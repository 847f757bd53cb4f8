"""How an exception is named in log lines and security event texts; the base of the errors
about the charge point's own files."""

from __future__ import annotations


class UnusableFileError(Exception):
    """A file the charge point keeps (a store) cannot be used; the message names the file.
    Raised while a charge point is built, it stops `run`, a fleet's check of its first member
    and the EVerest module with one line and exit code 2, the file left as found. The packages
    that keep such files derive their errors from it, so the CLI catches them without loading
    those packages first."""


def describe(error: BaseException) -> str:
    """`Type: message`, or only the type when the message is empty."""
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
