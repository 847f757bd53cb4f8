"""Interface for reservations

Generated from interfaces/reservation.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonInt,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..types import reservation as _reservation


class ReservationHandler(abc.ABC):
    """Provides reservation: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_reserve_now(
        self,
        request: _reservation.Reservation,
    ) -> _reservation.ReservationResult:
        """Reserves an evse.

        Args:
            request: Requests to make a reservation

        Returns:
            Returns Accepted if reservation was successful or specifies error code.
        """

    @abc.abstractmethod
    async def handle_cancel_reservation(self, reservation_id: int) -> bool:
        """Cancels the reservation with the given reservation_id

        Args:
            reservation_id: Id of the reservation

        Returns:
            Returns true if reservation was cancelled. Returns false if there was no
            reservation to cancel.
        """

    @abc.abstractmethod
    async def handle_exists_reservation(
        self,
        request: _reservation.ReservationCheck,
    ) -> _reservation.ReservationCheckStatus:
        """Checks if there is a reservation made for the given connector and token. Will also
        return true if there is a reservation with this token for evse id 0.

        Args:
            request: The information to send for the check if there is a reservation on the
                given connector for the given token.

        Returns:
            Returns an enum which indicates the reservation status of the given id / id token
            / group id token combination.
        """


class ReservationPublisher:
    """Publishes the variables of reservation, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_reservation_update(self, value: _reservation.ReservationUpdateStatus) -> None:
        """Update of the reservation."""
        self._transport.publish(INTERFACE.variables["reservation_update"], value)


class ReservationClient:
    """Calls the commands of a module providing reservation, subscribes to its variables.

    What each command and variable means is documented on ``ReservationHandler`` and
    ``ReservationPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def reserve_now(
        self,
        request: _reservation.Reservation,
        *,
        timeout: float | None = None,
    ) -> _reservation.ReservationResult:
        """Call ``reserve_now``: see ``ReservationHandler.handle_reserve_now``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["reserve_now"],
            {"request": request},
            timeout,
        )
        return cast(_reservation.ReservationResult, result)

    async def cancel_reservation(
        self,
        reservation_id: int,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``cancel_reservation``: see ``ReservationHandler.handle_cancel_reservation``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["cancel_reservation"],
            {"reservation_id": reservation_id},
            timeout,
        )
        return cast(bool, result)

    async def exists_reservation(
        self,
        request: _reservation.ReservationCheck,
        *,
        timeout: float | None = None,
    ) -> _reservation.ReservationCheckStatus:
        """Call ``exists_reservation``: see ``ReservationHandler.handle_exists_reservation``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["exists_reservation"],
            {"request": request},
            timeout,
        )
        return cast(_reservation.ReservationCheckStatus, result)

    def subscribe_reservation_update(
        self,
        callback: Callable[[_reservation.ReservationUpdateStatus], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ReservationPublisher.publish_reservation_update``."""
        return self._transport.subscribe(INTERFACE.variables["reservation_update"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="reservation",
    commands={
        "reserve_now": CommandSpec(
            name="reserve_now",
            py_name="reserve_now",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_reservation.Reservation),
                ),
            ),
            result=TypeAdapter(_reservation.ReservationResult),
        ),
        "cancel_reservation": CommandSpec(
            name="cancel_reservation",
            py_name="cancel_reservation",
            arguments=(
                ArgumentSpec(
                    name="reservation_id",
                    py_name="reservation_id",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "exists_reservation": CommandSpec(
            name="exists_reservation",
            py_name="exists_reservation",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_reservation.ReservationCheck),
                ),
            ),
            result=TypeAdapter(_reservation.ReservationCheckStatus),
        ),
    },
    variables={
        "reservation_update": VariableSpec(
            name="reservation_update",
            py_name="reservation_update",
            adapter=TypeAdapter(_reservation.ReservationUpdateStatus),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ReservationHandler.INTERFACE = INTERFACE
ReservationHandler.ERRORS = RAISABLE_ERRORS
ReservationPublisher.INTERFACE = INTERFACE
ReservationPublisher.ERRORS = RAISABLE_ERRORS
ReservationClient.INTERFACE = INTERFACE
ReservationClient.ERRORS = RAISABLE_ERRORS
