"""This interface defines one connector locking motor (e.g. for AC sockets with no fixed attached
cable)

Generated from interfaces/connector_lock.yaml. Do not edit: regenerate.
"""

import abc
from typing import ClassVar

from everest_py.runtime.contract import (
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    PublisherTransport,
)

from ..errors import connector_lock as _errors_connector_lock


class ConnectorLockHandler(abc.ABC):
    """Provides connector_lock: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_lock(self) -> None:
        """Lock connector lock"""

    @abc.abstractmethod
    async def handle_unlock(self) -> None:
        """Unlock connector lock (e.g. normal unlock or enforced by OCPP)"""


class ConnectorLockPublisher:
    """Publishes the variables of connector_lock, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class ConnectorLockClient:
    """Calls the commands of a module providing connector_lock, subscribes to its variables.

    What each command and variable means is documented on ``ConnectorLockHandler`` and
    ``ConnectorLockPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def lock(self, *, timeout: float | None = None) -> None:
        """Call ``lock``: see ``ConnectorLockHandler.handle_lock``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["lock"], {}, timeout)

    async def unlock(self, *, timeout: float | None = None) -> None:
        """Call ``unlock``: see ``ConnectorLockHandler.handle_unlock``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["unlock"], {}, timeout)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_connector_lock.ConnectorLockError.ConnectorLockCapNotCharged,
    _errors_connector_lock.ConnectorLockError.ConnectorLockUnexpectedOpen,
    _errors_connector_lock.ConnectorLockError.ConnectorLockUnexpectedClose,
    _errors_connector_lock.ConnectorLockError.ConnectorLockFailedLock,
    _errors_connector_lock.ConnectorLockError.ConnectorLockFailedUnlock,
    _errors_connector_lock.ConnectorLockError.MREC1ConnectorLockFailure,
    _errors_connector_lock.ConnectorLockError.VendorError,
    _errors_connector_lock.ConnectorLockError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="connector_lock",
    commands={
        "lock": CommandSpec(
            name="lock",
            py_name="lock",
            arguments=(),
            result=None,
        ),
        "unlock": CommandSpec(
            name="unlock",
            py_name="unlock",
            arguments=(),
            result=None,
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ConnectorLockHandler.INTERFACE = INTERFACE
ConnectorLockHandler.ERRORS = RAISABLE_ERRORS
ConnectorLockPublisher.INTERFACE = INTERFACE
ConnectorLockPublisher.ERRORS = RAISABLE_ERRORS
ConnectorLockClient.INTERFACE = INTERFACE
ConnectorLockClient.ERRORS = RAISABLE_ERRORS
