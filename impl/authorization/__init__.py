"""Authorization (OCPP 1.6 3.5, Local Auth List Management): the local authorization list, the
authorization cache, Authorize.req and the offline rules (`Authorization`), kept in SQLite in the
data directory; and the `auth_validator` implementation (`AuthTokenValidator`)."""

from typing import TYPE_CHECKING

from ..lazy_names import names_on_first_use
from .authorizer import Authorization
from .cache import MAX_CACHE_ENTRIES, AuthorizationCache
from .entries import AuthEntry, BadEntry
from .local_list import LocalAuthList
from .store import FILE_NAME, AuthorizationStoreError

if TYPE_CHECKING:
    from .validator import Authorizer, AuthTokenValidator, validation_result

# The validator implements a generated interface whose authorization and ISO 15118 types take a
# tenth of a second to load: only a charge point with modules to serve it needs them.
_VALIDATOR_NAMES = {
    name: ".validator" for name in ("Authorizer", "AuthTokenValidator", "validation_result")
}

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


__getattr__, __dir__ = names_on_first_use(__name__, globals(), _VALIDATOR_NAMES)
