"""Raising EVerest errors from a simulated module, over either transport."""

from __future__ import annotations

from typing import Protocol

from everest_py.generated.errors.evse_board_support import EvseBoardSupportError
from everest_py.generated.errors.evse_manager import EvseManagerError
from everest_py.runtime.everest.errors import ErrorSeverity, EverestError

__all__ = [
    "DEFAULT_FAULT",
    "FAULT_TYPES",
    "ErrorRaiser",
    "UnknownFault",
    "resolve_fault",
]


class ErrorRaiser(Protocol):
    """``runtime.hosting``'s ImplementationContext and the in-process ``InProcessErrors``."""

    async def raise_error(
        self,
        error_type: str,
        message: str = "",
        *,
        severity: ErrorSeverity = ErrorSeverity.MEDIUM,
        sub_type: str = "",
        description: str = "",
    ) -> EverestError: ...

    async def clear_error(self, error_type: str, sub_type: str = "") -> EverestError | None: ...


# The simulated EVSE includes its board: it raises the board's errors as its own.
FAULT_TYPES: tuple[str, ...] = tuple(
    str(member) for member in (*EvseBoardSupportError, *EvseManagerError)
)
DEFAULT_FAULT = str(EvseBoardSupportError.MREC2GroundFailure)


class UnknownFault(ValueError):
    """A fault name that is not an error of errors/evse_board_support.yaml or evse_manager.yaml."""


def resolve_fault(name: str) -> str:
    """``evse_board_support/X`` or ``evse_manager/X`` as given, or a bare ``X`` (the board's
    error of that name first, then EvseManager's)."""
    if name in FAULT_TYPES:
        return name
    for error_type in FAULT_TYPES:
        if error_type.split("/", 1)[1] == name:
            return error_type
    raise UnknownFault(
        f"unknown fault {name!r}: use an error of errors/evse_board_support.yaml or "
        f"errors/evse_manager.yaml, e.g. MREC2GroundFailure or evse_manager/MREC4OverCurrentFailure"
    )
