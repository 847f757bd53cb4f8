"""This interface is the internal charger information interface between nodes.

Generated from interfaces/charger_information.yaml. Do not edit: regenerate.
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

from ..types import charger_information as _charger_information


class ChargerInformationHandler(abc.ABC):
    """Provides charger_information: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_get_charger_information(self) -> _charger_information.ChargerInformation:
        """Queries the current charger information

        Returns:
            Returns an object with the current charger meta information
        """


class ChargerInformationPublisher:
    """Publishes the variables of charger_information, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class ChargerInformationClient:
    """Calls the commands of a module providing charger_information, subscribes to its variables.

    What each command and variable means is documented on ``ChargerInformationHandler`` and
    ``ChargerInformationPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def get_charger_information(
        self,
        *,
        timeout: float | None = None,
    ) -> _charger_information.ChargerInformation:
        """Call ``get_charger_information``: see
        ``ChargerInformationHandler.handle_get_charger_information``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_charger_information"],
            {},
            timeout,
        )
        return cast(_charger_information.ChargerInformation, result)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="charger_information",
    commands={
        "get_charger_information": CommandSpec(
            name="get_charger_information",
            py_name="get_charger_information",
            arguments=(),
            result=TypeAdapter(_charger_information.ChargerInformation),
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ChargerInformationHandler.INTERFACE = INTERFACE
ChargerInformationHandler.ERRORS = RAISABLE_ERRORS
ChargerInformationPublisher.INTERFACE = INTERFACE
ChargerInformationPublisher.ERRORS = RAISABLE_ERRORS
ChargerInformationClient.INTERFACE = INTERFACE
ChargerInformationClient.ERRORS = RAISABLE_ERRORS
