"""Interface providing access to generic errors

Generated from interfaces/generic_error.yaml. Do not edit: regenerate.
"""

from typing import ClassVar

from everest_py.runtime.contract import ClientTransport, InterfaceSpec, PublisherTransport

from ..errors import generic as _errors_generic


class GenericErrorHandler:
    """Provides generic_error: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class GenericErrorPublisher:
    """Publishes the variables of generic_error, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class GenericErrorClient:
    """Calls the commands of a module providing generic_error, subscribes to its variables.

    What each command and variable means is documented on ``GenericErrorHandler`` and
    ``GenericErrorPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="generic_error",
    commands={},
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
GenericErrorHandler.INTERFACE = INTERFACE
GenericErrorHandler.ERRORS = RAISABLE_ERRORS
GenericErrorPublisher.INTERFACE = INTERFACE
GenericErrorPublisher.ERRORS = RAISABLE_ERRORS
GenericErrorClient.INTERFACE = INTERFACE
GenericErrorClient.ERRORS = RAISABLE_ERRORS
