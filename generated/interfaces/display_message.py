"""A module that implements this interface should be able to: - store (add, remove, change) and
retrieve predefined messages - show messages on a display
When a display message contains a session id, the display message must be removed once the
session has ended.

Generated from interfaces/display_message.yaml. Do not edit: regenerate.
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

from ..types import display_message as _display_message


class DisplayMessageHandler(abc.ABC):
    """Provides display_message: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_set_display_message(
        self,
        request: list[_display_message.DisplayMessage],
    ) -> _display_message.SetDisplayMessageResponse:
        """Command to set or replace a display message.

        Args:
            request: Request to set a display message

        Returns:
            Response to the set display message request.
        """

    @abc.abstractmethod
    async def handle_get_display_messages(
        self,
        request: _display_message.GetDisplayMessageRequest,
    ) -> _display_message.GetDisplayMessageResponse:
        """Command to get one or more display messages.

        Args:
            request: The request for display messages

        Returns:
            The display messages or an empty array if there are none
        """

    @abc.abstractmethod
    async def handle_clear_display_message(
        self,
        request: _display_message.ClearDisplayMessageRequest,
    ) -> _display_message.ClearDisplayMessageResponse:
        """Command to remove a display message

        Args:
            request: The request to clear a message

        Returns:
            Response on the clear message request
        """


class DisplayMessagePublisher:
    """Publishes the variables of display_message, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class DisplayMessageClient:
    """Calls the commands of a module providing display_message, subscribes to its variables.

    What each command and variable means is documented on ``DisplayMessageHandler`` and
    ``DisplayMessagePublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def set_display_message(
        self,
        request: list[_display_message.DisplayMessage],
        *,
        timeout: float | None = None,
    ) -> _display_message.SetDisplayMessageResponse:
        """Call ``set_display_message``: see
        ``DisplayMessageHandler.handle_set_display_message``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["set_display_message"],
            {"request": request},
            timeout,
        )
        return cast(_display_message.SetDisplayMessageResponse, result)

    async def get_display_messages(
        self,
        request: _display_message.GetDisplayMessageRequest,
        *,
        timeout: float | None = None,
    ) -> _display_message.GetDisplayMessageResponse:
        """Call ``get_display_messages``: see
        ``DisplayMessageHandler.handle_get_display_messages``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_display_messages"],
            {"request": request},
            timeout,
        )
        return cast(_display_message.GetDisplayMessageResponse, result)

    async def clear_display_message(
        self,
        request: _display_message.ClearDisplayMessageRequest,
        *,
        timeout: float | None = None,
    ) -> _display_message.ClearDisplayMessageResponse:
        """Call ``clear_display_message``: see
        ``DisplayMessageHandler.handle_clear_display_message``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["clear_display_message"],
            {"request": request},
            timeout,
        )
        return cast(_display_message.ClearDisplayMessageResponse, result)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="display_message",
    commands={
        "set_display_message": CommandSpec(
            name="set_display_message",
            py_name="set_display_message",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(list[_display_message.DisplayMessage], config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_display_message.SetDisplayMessageResponse),
        ),
        "get_display_messages": CommandSpec(
            name="get_display_messages",
            py_name="get_display_messages",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_display_message.GetDisplayMessageRequest),
                ),
            ),
            result=TypeAdapter(_display_message.GetDisplayMessageResponse),
        ),
        "clear_display_message": CommandSpec(
            name="clear_display_message",
            py_name="clear_display_message",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_display_message.ClearDisplayMessageRequest),
                ),
            ),
            result=TypeAdapter(_display_message.ClearDisplayMessageResponse),
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
DisplayMessageHandler.INTERFACE = INTERFACE
DisplayMessageHandler.ERRORS = RAISABLE_ERRORS
DisplayMessagePublisher.INTERFACE = INTERFACE
DisplayMessagePublisher.ERRORS = RAISABLE_ERRORS
DisplayMessageClient.INTERFACE = INTERFACE
DisplayMessageClient.ERRORS = RAISABLE_ERRORS
