"""Checks provided tokens for validity

Generated from interfaces/auth_token_validator.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import TypeAdapter

from ..errors import generic as _errors_generic
from ..types import authorization as _authorization


class AuthTokenValidatorHandler(abc.ABC):
    """Provides auth_token_validator: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_validate_token(
        self,
        provided_token: _authorization.ProvidedIdToken,
    ) -> _authorization.ValidationResult:
        """Validate auth token and return result (with optional reason string)

        Args:
            provided_token: Contains information about the authorization request

        Returns:
            Result object containing validation result
        """


class AuthTokenValidatorPublisher:
    """Publishes the variables of auth_token_validator, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_validate_result_update(self, value: _authorization.ValidationResultUpdate) -> None:
        """Updated validation result for a given token due to some changes. These can be
        triggered by TransactionEvent messages or StartTransaction."""
        self._transport.publish(INTERFACE.variables["validate_result_update"], value)


class AuthTokenValidatorClient:
    """Calls the commands of a module providing auth_token_validator, subscribes to its
    variables.

    What each command and variable means is documented on ``AuthTokenValidatorHandler`` and
    ``AuthTokenValidatorPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def validate_token(
        self,
        provided_token: _authorization.ProvidedIdToken,
        *,
        timeout: float | None = None,
    ) -> _authorization.ValidationResult:
        """Call ``validate_token``: see ``AuthTokenValidatorHandler.handle_validate_token``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["validate_token"],
            {"provided_token": provided_token},
            timeout,
        )
        return cast(_authorization.ValidationResult, result)

    def subscribe_validate_result_update(
        self,
        callback: Callable[[_authorization.ValidationResultUpdate], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``AuthTokenValidatorPublisher.publish_validate_result_update``."""
        return self._transport.subscribe(INTERFACE.variables["validate_result_update"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="auth_token_validator",
    commands={
        "validate_token": CommandSpec(
            name="validate_token",
            py_name="validate_token",
            arguments=(
                ArgumentSpec(
                    name="provided_token",
                    py_name="provided_token",
                    adapter=TypeAdapter(_authorization.ProvidedIdToken),
                ),
            ),
            result=TypeAdapter(_authorization.ValidationResult),
        ),
    },
    variables={
        "validate_result_update": VariableSpec(
            name="validate_result_update",
            py_name="validate_result_update",
            adapter=TypeAdapter(_authorization.ValidationResultUpdate),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
AuthTokenValidatorHandler.INTERFACE = INTERFACE
AuthTokenValidatorHandler.ERRORS = RAISABLE_ERRORS
AuthTokenValidatorPublisher.INTERFACE = INTERFACE
AuthTokenValidatorPublisher.ERRORS = RAISABLE_ERRORS
AuthTokenValidatorClient.INTERFACE = INTERFACE
AuthTokenValidatorClient.ERRORS = RAISABLE_ERRORS
