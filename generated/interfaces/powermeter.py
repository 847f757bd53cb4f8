"""This interface defines a generic powermeter for 5 wire TN networks.

Generated from interfaces/powermeter.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..errors import powermeter as _errors_powermeter
from ..types import powermeter as _powermeter


class PowermeterHandler(abc.ABC):
    """Provides powermeter: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_start_transaction(
        self,
        value: _powermeter.TransactionReq,
    ) -> _powermeter.TransactionStartResponse:
        """Starts a transaction on the power meter (for signed metering according to German
        Eichrecht)

        Args:
            value: All information that should be included in the signed OCMF packet

        Returns:
            True on success, False if transaction could not be started in the power meter
        """

    @abc.abstractmethod
    async def handle_stop_transaction(
        self,
        transaction_id: str,
    ) -> _powermeter.TransactionStopResponse:
        """Stop the transaction on the power meter and return the signed metering information. If
        the transaction id is an empty string, all ongoing transaction should be cancelled.
        This is used on start up to clear dangling transactions that might still be ongoing in
        the power meter but are not known to the EvseManager.

        Args:
            transaction_id: Transaction id

        Returns:
            Response to transaction stop request including OCMF string.
        """


class PowermeterPublisher:
    """Publishes the variables of powermeter, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_powermeter(self, value: _powermeter.Powermeter) -> None:
        """Measured dataset"""
        self._transport.publish(INTERFACE.variables["powermeter"], value)

    def publish_public_key_ocmf(self, value: str) -> None:
        """The public key for OCMF"""
        self._transport.publish(INTERFACE.variables["public_key_ocmf"], value)


class PowermeterClient:
    """Calls the commands of a module providing powermeter, subscribes to its variables.

    What each command and variable means is documented on ``PowermeterHandler`` and
    ``PowermeterPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def start_transaction(
        self,
        value: _powermeter.TransactionReq,
        *,
        timeout: float | None = None,
    ) -> _powermeter.TransactionStartResponse:
        """Call ``start_transaction``: see ``PowermeterHandler.handle_start_transaction``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["start_transaction"],
            {"value": value},
            timeout,
        )
        return cast(_powermeter.TransactionStartResponse, result)

    async def stop_transaction(
        self,
        transaction_id: str,
        *,
        timeout: float | None = None,
    ) -> _powermeter.TransactionStopResponse:
        """Call ``stop_transaction``: see ``PowermeterHandler.handle_stop_transaction``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["stop_transaction"],
            {"transaction_id": transaction_id},
            timeout,
        )
        return cast(_powermeter.TransactionStopResponse, result)

    def subscribe_powermeter(
        self,
        callback: Callable[[_powermeter.Powermeter], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``PowermeterPublisher.publish_powermeter``."""
        return self._transport.subscribe(INTERFACE.variables["powermeter"], callback)

    def subscribe_public_key_ocmf(
        self,
        callback: Callable[[str], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``PowermeterPublisher.publish_public_key_ocmf``."""
        return self._transport.subscribe(INTERFACE.variables["public_key_ocmf"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_powermeter.PowermeterError.CommunicationFault,
    _errors_powermeter.PowermeterError.VendorError,
    _errors_powermeter.PowermeterError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="powermeter",
    commands={
        "start_transaction": CommandSpec(
            name="start_transaction",
            py_name="start_transaction",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(_powermeter.TransactionReq),
                ),
            ),
            result=TypeAdapter(_powermeter.TransactionStartResponse),
        ),
        "stop_transaction": CommandSpec(
            name="stop_transaction",
            py_name="stop_transaction",
            arguments=(
                ArgumentSpec(
                    name="transaction_id",
                    py_name="transaction_id",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_powermeter.TransactionStopResponse),
        ),
    },
    variables={
        "powermeter": VariableSpec(
            name="powermeter",
            py_name="powermeter",
            adapter=TypeAdapter(_powermeter.Powermeter),
        ),
        "public_key_ocmf": VariableSpec(
            name="public_key_ocmf",
            py_name="public_key_ocmf",
            adapter=TypeAdapter(JsonString, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
PowermeterHandler.INTERFACE = INTERFACE
PowermeterHandler.ERRORS = RAISABLE_ERRORS
PowermeterPublisher.INTERFACE = INTERFACE
PowermeterPublisher.ERRORS = RAISABLE_ERRORS
PowermeterClient.INTERFACE = INTERFACE
PowermeterClient.ERRORS = RAISABLE_ERRORS
