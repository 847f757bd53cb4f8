"""Typed errors a caller sees when a command fails.

Each subclass is named after the error event EVerest puts on the wire
(``__everest__error_type``); ``EVENT`` holds that exact string.
"""

from typing import ClassVar

__all__ = [
    "EVENT_KEY",
    "MESSAGE_KEY",
    "CmdTimeout",
    "CommandError",
    "ConnectionLost",
    "HandlerException",
    "MessageParsingError",
    "NotReady",
    "SchemaValidationError",
    "Shutdown",
    "error_for_event",
]

EVENT_KEY = "__everest__error_type"
MESSAGE_KEY = "__everest__error_msg"


class CommandError(Exception):
    """A command call failed; ``command`` is the wire name of the command.

    ``event`` is the wire event string (the class's ``EVENT``, or whatever a
    remote module sent when it is not one this runtime knows).
    """

    EVENT: ClassVar[str | None] = None

    def __init__(
        self,
        command: str,
        message: str,
        *,
        target: str | None = None,
        argument: str | None = None,
        event: str | None = None,
    ) -> None:
        self.command = command
        self.message = message
        self.target = target
        self.argument = argument
        self.event = event if event is not None else self.EVENT
        where = f"{target}->{command}" if target else command
        kind = f"{self.event}: " if self.event and type(self) is CommandError else ""
        super().__init__(f"{kind}{where}: {message}")


class MessageParsingError(CommandError):
    """The call or its response was not JSON or lacked the envelope/fields."""

    EVENT = "MessageParsingError"


class SchemaValidationError(CommandError):
    """An argument, a result or a variable value does not match the interface.

    ``argument`` names the offending argument (None for a result).
    """

    EVENT = "SchemaValidationError"


class HandlerException(CommandError):
    """The handler of the providing module raised."""

    EVENT = "HandlerException"


class CmdTimeout(CommandError):
    """No response arrived within the caller's timeout."""

    EVENT = "CmdTimeout"


class Shutdown(CommandError):
    """The call was abandoned because a module stopped while it was in flight."""

    EVENT = "Shutdown"


class NotReady(CommandError):
    """The call was made before the module (or its target) was started."""

    EVENT = "NotReady"


class ConnectionLost(CommandError):
    """The broker connection dropped (or was down) while the call was in flight.

    Local to the caller: EVerest has no wire event for it, it is never sent.
    """


_BY_EVENT: dict[str, type[CommandError]] = {
    cls.EVENT: cls
    for cls in (
        MessageParsingError,
        SchemaValidationError,
        HandlerException,
        CmdTimeout,
        Shutdown,
        NotReady,
    )
    if cls.EVENT is not None
}


def error_for_event(event: str, command: str, message: str, *, target: str | None) -> CommandError:
    """Build the typed error for a wire event; an unknown event gives a plain CommandError."""
    cls = _BY_EVENT.get(event, CommandError)
    return cls(command, message, target=target, event=event)
