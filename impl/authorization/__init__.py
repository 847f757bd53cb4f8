"""Authorization (OCPP 1.6 3.5, Local Auth List Management): the local authorization list, the
authorization cache, Authorize.req and the offline rules (`Authorization`), kept in SQLite in the
data directory; and the `auth_validator` implementation (`AuthTokenValidator`)."""

from typing import TYPE_CHECKING

from .authorizer import Authorization
from .cache import MAX_CACHE_ENTRIES, AuthorizationCache
from .entries import AuthEntry, BadEntry
from .local_list import LocalAuthList
from .store import FILE_NAME, AuthorizationStoreError

if TYPE_CHECKING:
    from .validator import Authorizer, AuthTokenValidator, validation_result

# The validator implements a generated interface whose authorization and ISO 15118 types take a
# tenth of a second to load: only a charge point with modules to serve it needs them.
_VALIDATOR_NAMES = frozenset({"Authorizer", "AuthTokenValidator", "validation_result"})

__all__ = [
    "FILE_NAME",
    "MAX_CACHE_ENTRIES",
    "AuthEntry",
    "AuthTokenValidator",
    "Authorization",
    "AuthorizationCache",
    "AuthorizationStoreError",
    "Authorizer",
    "BadEntry",
    "LocalAuthList",
    "validation_result",
]


def __getattr__(name: str) -> object:
    if name in _VALIDATOR_NAMES:
        from . import validator

        return getattr(validator, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # The names loaded on first use are listed too (help(), completion).
    return sorted(set(globals()) | set(__all__))
