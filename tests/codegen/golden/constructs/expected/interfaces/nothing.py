"""An interface with no commands and no variables

Generated from interfaces/nothing.yaml. Do not edit: regenerate.
"""

from typing import ClassVar

from .._support import (
    ClientTransport,
    InterfaceSpec,
    PublisherTransport,
)

RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="nothing",
    description="An interface with no commands and no variables",
    commands={},
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""


class NothingHandler:
    """Provides nothing: implement every ``handle_*`` method.

    An interface with no commands and no variables
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS


class NothingPublisher:
    """Publishes the variables of nothing.

    For the module that provides the interface.
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class NothingClient:
    """Uses a module that provides nothing.

    Calls its commands and subscribes to its variables.
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport
