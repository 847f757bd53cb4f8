"""Authorization (OCPP 1.6 3.5, Local Auth List Management): the local authorization list, the
authorization cache, Authorize.req and the offline rules (`Authorization`), kept in SQLite in the
data directory; and the `auth_validator` implementation (`AuthTokenValidator`)."""

from .authorizer import Authorization
from .cache import MAX_CACHE_ENTRIES, AuthorizationCache
from .entries import AuthEntry, BadEntry
from .local_list import LocalAuthList
from .store import FILE_NAME, AuthorizationStoreError
from .validator import Authorizer, AuthTokenValidator, validation_result

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
