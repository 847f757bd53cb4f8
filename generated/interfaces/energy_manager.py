"""This interface defines the global EnergyManager

Generated from interfaces/energy_manager.yaml. Do not edit: regenerate.
"""

from typing import ClassVar

from everest_py.runtime.contract import ClientTransport, InterfaceSpec, PublisherTransport


class EnergyManagerHandler:
    """Provides energy_manager: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class EnergyManagerPublisher:
    """Publishes the variables of energy_manager, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class EnergyManagerClient:
    """Calls the commands of a module providing energy_manager, subscribes to its variables.

    What each command and variable means is documented on ``EnergyManagerHandler`` and
    ``EnergyManagerPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="energy_manager",
    commands={},
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EnergyManagerHandler.INTERFACE = INTERFACE
EnergyManagerHandler.ERRORS = RAISABLE_ERRORS
EnergyManagerPublisher.INTERFACE = INTERFACE
EnergyManagerPublisher.ERRORS = RAISABLE_ERRORS
EnergyManagerClient.INTERFACE = INTERFACE
EnergyManagerClient.ERRORS = RAISABLE_ERRORS
