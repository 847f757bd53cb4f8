"""Interface to provide a token

Generated from interfaces/auth_token_provider.yaml. Do not edit: regenerate.
"""

from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ClientTransport,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import TypeAdapter

from ..errors import generic as _errors_generic
from ..types import authorization as _authorization


class AuthTokenProviderHandler:
    """Provides auth_token_provider: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class AuthTokenProviderPublisher:
    """Publishes the variables of auth_token_provider, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_provided_token(self, value: _authorization.ProvidedIdToken) -> None:
        """The provided token"""
        self._transport.publish(INTERFACE.variables["provided_token"], value)


class AuthTokenProviderClient:
    """Calls the commands of a module providing auth_token_provider, subscribes to its variables.

    What each command and variable means is documented on ``AuthTokenProviderHandler`` and
    ``AuthTokenProviderPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_provided_token(
        self,
        callback: Callable[[_authorization.ProvidedIdToken], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``AuthTokenProviderPublisher.publish_provided_token``."""
        return self._transport.subscribe(INTERFACE.variables["provided_token"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="auth_token_provider",
    commands={},
    variables={
        "provided_token": VariableSpec(
            name="provided_token",
            py_name="provided_token",
            adapter=TypeAdapter(_authorization.ProvidedIdToken),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
AuthTokenProviderHandler.INTERFACE = INTERFACE
AuthTokenProviderHandler.ERRORS = RAISABLE_ERRORS
AuthTokenProviderPublisher.INTERFACE = INTERFACE
AuthTokenProviderPublisher.ERRORS = RAISABLE_ERRORS
AuthTokenProviderClient.INTERFACE = INTERFACE
AuthTokenProviderClient.ERRORS = RAISABLE_ERRORS
