"""This is an example interface used for the error framework example modules.

Generated from interfaces/example_error_framework.yaml. Do not edit: regenerate.
"""

from typing import ClassVar

from everest_py.runtime.contract import ClientTransport, InterfaceSpec, PublisherTransport

from ..errors import example as _errors_example


class ExampleErrorFrameworkHandler:
    """Provides example_error_framework: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class ExampleErrorFrameworkPublisher:
    """Publishes the variables of example_error_framework, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class ExampleErrorFrameworkClient:
    """Calls the commands of a module providing example_error_framework, subscribes to its
    variables.

    What each command and variable means is documented on ``ExampleErrorFrameworkHandler`` and
    ``ExampleErrorFrameworkPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_example.ExampleError.ExampleErrorA,
    _errors_example.ExampleError.ExampleErrorB,
    _errors_example.ExampleError.ExampleErrorC,
    _errors_example.ExampleError.ExampleErrorD,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="example_error_framework",
    commands={},
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ExampleErrorFrameworkHandler.INTERFACE = INTERFACE
ExampleErrorFrameworkHandler.ERRORS = RAISABLE_ERRORS
ExampleErrorFrameworkPublisher.INTERFACE = INTERFACE
ExampleErrorFrameworkPublisher.ERRORS = RAISABLE_ERRORS
ExampleErrorFrameworkClient.INTERFACE = INTERFACE
ExampleErrorFrameworkClient.ERRORS = RAISABLE_ERRORS
