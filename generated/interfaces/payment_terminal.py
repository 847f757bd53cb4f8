"""Interface that provides functionality for a Payment Terminal

Generated from interfaces/payment_terminal.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonInt,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..errors import payment_terminal as _errors_payment_terminal
from ..types import authorization as _authorization
from ..types import payment_terminal as _payment_terminal


class PaymentTerminalHandler(abc.ABC):
    """Provides payment_terminal: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_enable_card_reading(
        self,
        supported_cards: list[_authorization.AuthorizationType],
        connector_id: int,
    ) -> None:
        """Enables or disables card reading for given connector. An empty vector disables every
        card type.

        Args:
            supported_cards: Supported card types array
            connector_id: Which connector
        """

    @abc.abstractmethod
    async def handle_allow_all_cards_for_every_connector(self) -> None:
        """Enable all card types on each connector. This is default behavior on the startup"""


class PaymentTerminalPublisher:
    """Publishes the variables of payment_terminal, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_bank_transaction_summary(
        self,
        value: _payment_terminal.BankTransactionSummary,
    ) -> None:
        """Provides information of the session that was committed to the bank. This data may be
        needed for accounting purposes. Summary of a bank transaction. Depends on bank and the
        backend. Therefore it's mostly opaque data at the moment."""
        self._transport.publish(INTERFACE.variables["bank_transaction_summary"], value)


class PaymentTerminalClient:
    """Calls the commands of a module providing payment_terminal, subscribes to its variables.

    What each command and variable means is documented on ``PaymentTerminalHandler`` and
    ``PaymentTerminalPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def enable_card_reading(
        self,
        supported_cards: list[_authorization.AuthorizationType],
        connector_id: int,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``enable_card_reading``: see
        ``PaymentTerminalHandler.handle_enable_card_reading``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["enable_card_reading"],
            {"supported_cards": supported_cards, "connector_id": connector_id},
            timeout,
        )

    async def allow_all_cards_for_every_connector(self, *, timeout: float | None = None) -> None:
        """Call ``allow_all_cards_for_every_connector``: see
        ``PaymentTerminalHandler.handle_allow_all_cards_for_every_connector``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["allow_all_cards_for_every_connector"],
            {},
            timeout,
        )

    def subscribe_bank_transaction_summary(
        self,
        callback: Callable[[_payment_terminal.BankTransactionSummary], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``PaymentTerminalPublisher.publish_bank_transaction_summary``."""
        return self._transport.subscribe(INTERFACE.variables["bank_transaction_summary"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_payment_terminal.PaymentTerminalError.TerminalIdNotSet,
    _errors_payment_terminal.PaymentTerminalError.IncorrectDeviceId,
    _errors_payment_terminal.PaymentTerminalError.GenericPaymentTerminalError,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="payment_terminal",
    commands={
        "enable_card_reading": CommandSpec(
            name="enable_card_reading",
            py_name="enable_card_reading",
            arguments=(
                ArgumentSpec(
                    name="supported_cards",
                    py_name="supported_cards",
                    adapter=TypeAdapter(list[_authorization.AuthorizationType], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="connector_id",
                    py_name="connector_id",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "allow_all_cards_for_every_connector": CommandSpec(
            name="allow_all_cards_for_every_connector",
            py_name="allow_all_cards_for_every_connector",
            arguments=(),
            result=None,
        ),
    },
    variables={
        "bank_transaction_summary": VariableSpec(
            name="bank_transaction_summary",
            py_name="bank_transaction_summary",
            adapter=TypeAdapter(_payment_terminal.BankTransactionSummary),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
PaymentTerminalHandler.INTERFACE = INTERFACE
PaymentTerminalHandler.ERRORS = RAISABLE_ERRORS
PaymentTerminalPublisher.INTERFACE = INTERFACE
PaymentTerminalPublisher.ERRORS = RAISABLE_ERRORS
PaymentTerminalClient.INTERFACE = INTERFACE
PaymentTerminalClient.ERRORS = RAISABLE_ERRORS
