"""This interface provides access to the error history of the EVerest framework

Generated from interfaces/error_history.yaml. Do not edit: regenerate.
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
from pydantic import ConfigDict, TypeAdapter

from ..types import error_history as _error_history


class ErrorHistoryHandler(abc.ABC):
    """Provides error_history: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_get_errors(
        self,
        filters: _error_history.FilterArguments,
    ) -> list[_error_history.ErrorObject]:
        """Takes a list of filters and returns a list of errors

        Args:
            filters: Filters to apply to the list of errors

        Returns:
            List of filtered errors
        """


class ErrorHistoryPublisher:
    """Publishes the variables of error_history, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class ErrorHistoryClient:
    """Calls the commands of a module providing error_history, subscribes to its variables.

    What each command and variable means is documented on ``ErrorHistoryHandler`` and
    ``ErrorHistoryPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def get_errors(
        self,
        filters: _error_history.FilterArguments,
        *,
        timeout: float | None = None,
    ) -> list[_error_history.ErrorObject]:
        """Call ``get_errors``: see ``ErrorHistoryHandler.handle_get_errors``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_errors"],
            {"filters": filters},
            timeout,
        )
        return cast(list[_error_history.ErrorObject], result)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="error_history",
    commands={
        "get_errors": CommandSpec(
            name="get_errors",
            py_name="get_errors",
            arguments=(
                ArgumentSpec(
                    name="filters",
                    py_name="filters",
                    adapter=TypeAdapter(_error_history.FilterArguments),
                ),
            ),
            result=TypeAdapter(list[_error_history.ErrorObject], config=_DEFERRED),
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ErrorHistoryHandler.INTERFACE = INTERFACE
ErrorHistoryHandler.ERRORS = RAISABLE_ERRORS
ErrorHistoryPublisher.INTERFACE = INTERFACE
ErrorHistoryPublisher.ERRORS = RAISABLE_ERRORS
ErrorHistoryClient.INTERFACE = INTERFACE
ErrorHistoryClient.ERRORS = RAISABLE_ERRORS
