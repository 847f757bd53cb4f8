"""An interface with no commands and no variables

Generated from interfaces/nothing.yaml. Do not edit: regenerate.
"""

from typing import ClassVar

from everest_py.runtime.contract import ClientTransport, InterfaceSpec, PublisherTransport


class NothingHandler:
    """Provides nothing: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class NothingPublisher:
    """Publishes the variables of nothing, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class NothingClient:
    """Calls the commands of a module providing nothing, subscribes to its variables.

    What each command and variable means is documented on ``NothingHandler`` and
    ``NothingPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="nothing",
    commands={},
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
NothingHandler.INTERFACE = INTERFACE
NothingHandler.ERRORS = RAISABLE_ERRORS
NothingPublisher.INTERFACE = INTERFACE
NothingPublisher.ERRORS = RAISABLE_ERRORS
NothingClient.INTERFACE = INTERFACE
NothingClient.ERRORS = RAISABLE_ERRORS
