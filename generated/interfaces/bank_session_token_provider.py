"""Provides the token that can be used to uniquely identify the session in the bank statement.

Generated from interfaces/bank_session_token_provider.yaml. Do not edit: regenerate.
"""

import abc
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    PublisherTransport,
)
from pydantic import TypeAdapter

from ..types import payment_terminal as _payment_terminal


class BankSessionTokenProviderHandler(abc.ABC):
    """Provides bank_session_token_provider: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_get_bank_session_token(self) -> _payment_terminal.BankSessionToken:
        """Returns the token.

        Returns:
            token
        """


class BankSessionTokenProviderPublisher:
    """Publishes the variables of bank_session_token_provider, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class BankSessionTokenProviderClient:
    """Calls the commands of a module providing bank_session_token_provider, subscribes to its
    variables.

    What each command and variable means is documented on ``BankSessionTokenProviderHandler``
    and ``BankSessionTokenProviderPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def get_bank_session_token(
        self,
        *,
        timeout: float | None = None,
    ) -> _payment_terminal.BankSessionToken:
        """Call ``get_bank_session_token``: see
        ``BankSessionTokenProviderHandler.handle_get_bank_session_token``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_bank_session_token"],
            {},
            timeout,
        )
        return cast(_payment_terminal.BankSessionToken, result)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="bank_session_token_provider",
    commands={
        "get_bank_session_token": CommandSpec(
            name="get_bank_session_token",
            py_name="get_bank_session_token",
            arguments=(),
            result=TypeAdapter(_payment_terminal.BankSessionToken),
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
BankSessionTokenProviderHandler.INTERFACE = INTERFACE
BankSessionTokenProviderHandler.ERRORS = RAISABLE_ERRORS
BankSessionTokenProviderPublisher.INTERFACE = INTERFACE
BankSessionTokenProviderPublisher.ERRORS = RAISABLE_ERRORS
BankSessionTokenProviderClient.INTERFACE = INTERFACE
BankSessionTokenProviderClient.ERRORS = RAISABLE_ERRORS
