"""This interface is empty and can be used for a config-only (main) implementation

Generated from interfaces/empty.yaml. Do not edit: regenerate.
"""

from typing import ClassVar

from everest_py.runtime.contract import ClientTransport, InterfaceSpec, PublisherTransport


class EmptyHandler:
    """Provides empty: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class EmptyPublisher:
    """Publishes the variables of empty, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class EmptyClient:
    """Calls the commands of a module providing empty, subscribes to its variables.

    What each command and variable means is documented on ``EmptyHandler`` and
    ``EmptyPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="empty",
    commands={},
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EmptyHandler.INTERFACE = INTERFACE
EmptyHandler.ERRORS = RAISABLE_ERRORS
EmptyPublisher.INTERFACE = INTERFACE
EmptyPublisher.ERRORS = RAISABLE_ERRORS
EmptyClient.INTERFACE = INTERFACE
EmptyClient.ERRORS = RAISABLE_ERRORS
