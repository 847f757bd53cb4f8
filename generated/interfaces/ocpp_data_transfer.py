"""This interface defines a OCPP data transfer

Generated from interfaces/ocpp_data_transfer.yaml. Do not edit: regenerate.
"""

import abc
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    PublisherTransport,
)
from pydantic import TypeAdapter

from ..types import ocpp as _ocpp


class OcppDataTransferHandler(abc.ABC):
    """Provides ocpp_data_transfer: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_data_transfer(
        self,
        request: _ocpp.DataTransferRequest,
    ) -> _ocpp.DataTransferResponse:
        """Performs a OCPP data transfer request and returns the response

        Args:
            request: Request object containing data transfer request

        Returns:
            Result object containing data transfer response
        """


class OcppDataTransferPublisher:
    """Publishes the variables of ocpp_data_transfer, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class OcppDataTransferClient:
    """Calls the commands of a module providing ocpp_data_transfer, subscribes to its variables.

    What each command and variable means is documented on ``OcppDataTransferHandler`` and
    ``OcppDataTransferPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def data_transfer(
        self,
        request: _ocpp.DataTransferRequest,
        *,
        timeout: float | None = None,
    ) -> _ocpp.DataTransferResponse:
        """Call ``data_transfer``: see ``OcppDataTransferHandler.handle_data_transfer``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["data_transfer"],
            {"request": request},
            timeout,
        )
        return cast(_ocpp.DataTransferResponse, result)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="ocpp_data_transfer",
    commands={
        "data_transfer": CommandSpec(
            name="data_transfer",
            py_name="data_transfer",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_ocpp.DataTransferRequest),
                ),
            ),
            result=TypeAdapter(_ocpp.DataTransferResponse),
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
OcppDataTransferHandler.INTERFACE = INTERFACE
OcppDataTransferHandler.ERRORS = RAISABLE_ERRORS
OcppDataTransferPublisher.INTERFACE = INTERFACE
OcppDataTransferPublisher.ERRORS = RAISABLE_ERRORS
OcppDataTransferClient.INTERFACE = INTERFACE
OcppDataTransferClient.ERRORS = RAISABLE_ERRORS
