"""This interface defines an example_user interface that uses the example interface

Generated from interfaces/example_user.yaml. Do not edit: regenerate.
"""

from typing import ClassVar

from everest_py.runtime.contract import ClientTransport, InterfaceSpec, PublisherTransport


class ExampleUserHandler:
    """Provides example_user: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class ExampleUserPublisher:
    """Publishes the variables of example_user, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class ExampleUserClient:
    """Calls the commands of a module providing example_user, subscribes to its variables.

    What each command and variable means is documented on ``ExampleUserHandler`` and
    ``ExampleUserPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="example_user",
    commands={},
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ExampleUserHandler.INTERFACE = INTERFACE
ExampleUserHandler.ERRORS = RAISABLE_ERRORS
ExampleUserPublisher.INTERFACE = INTERFACE
ExampleUserPublisher.ERRORS = RAISABLE_ERRORS
ExampleUserClient.INTERFACE = INTERFACE
ExampleUserClient.ERRORS = RAISABLE_ERRORS
