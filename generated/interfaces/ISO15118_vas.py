"""Custom VAS provider for ISO 15118

Generated from interfaces/ISO15118_vas.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonInt,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..types import iso15118_vas as _iso15118_vas


class ISO15118VasHandler(abc.ABC):
    """Provides ISO15118_vas: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_get_service_parameters(
        self,
        service_id: int,
    ) -> list[_iso15118_vas.ParameterSet]:
        """This command dynamically returns the parameter sets for a single service. It is called
        upon receiving ServiceDetailReq and returns the payload for ServiceDetailRes.

        Args:
            service_id: Service ID

        Returns:
            Parameter Sets for this VAS
        """

    @abc.abstractmethod
    async def handle_selected_services(
        self,
        selected_services: list[_iso15118_vas.SelectedService],
    ) -> None:
        """Callback to notify the VAS provider which services and parameter sets were selected by
        the EV. It is called upon receiving ServiceSelectionReq and called only once per
        Request.

        Args:
            selected_services: List of selected services and their parameter set IDs
        """


class ISO15118VasPublisher:
    """Publishes the variables of ISO15118_vas, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_offered_vas(self, value: _iso15118_vas.OfferedServices) -> None:
        """List of offered VAS Service IDs"""
        self._transport.publish(INTERFACE.variables["offered_vas"], value)


class ISO15118VasClient:
    """Calls the commands of a module providing ISO15118_vas, subscribes to its variables.

    What each command and variable means is documented on ``ISO15118VasHandler`` and
    ``ISO15118VasPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def get_service_parameters(
        self,
        service_id: int,
        *,
        timeout: float | None = None,
    ) -> list[_iso15118_vas.ParameterSet]:
        """Call ``get_service_parameters``: see
        ``ISO15118VasHandler.handle_get_service_parameters``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_service_parameters"],
            {"service_id": service_id},
            timeout,
        )
        return cast(list[_iso15118_vas.ParameterSet], result)

    async def selected_services(
        self,
        selected_services: list[_iso15118_vas.SelectedService],
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``selected_services``: see ``ISO15118VasHandler.handle_selected_services``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["selected_services"],
            {"selected_services": selected_services},
            timeout,
        )

    def subscribe_offered_vas(
        self,
        callback: Callable[[_iso15118_vas.OfferedServices], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118VasPublisher.publish_offered_vas``."""
        return self._transport.subscribe(INTERFACE.variables["offered_vas"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ISO15118_vas",
    commands={
        "get_service_parameters": CommandSpec(
            name="get_service_parameters",
            py_name="get_service_parameters",
            arguments=(
                ArgumentSpec(
                    name="service_id",
                    py_name="service_id",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(list[_iso15118_vas.ParameterSet], config=_DEFERRED),
        ),
        "selected_services": CommandSpec(
            name="selected_services",
            py_name="selected_services",
            arguments=(
                ArgumentSpec(
                    name="selected_services",
                    py_name="selected_services",
                    adapter=TypeAdapter(list[_iso15118_vas.SelectedService], config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "offered_vas": VariableSpec(
            name="offered_vas",
            py_name="offered_vas",
            adapter=TypeAdapter(_iso15118_vas.OfferedServices),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ISO15118VasHandler.INTERFACE = INTERFACE
ISO15118VasHandler.ERRORS = RAISABLE_ERRORS
ISO15118VasPublisher.INTERFACE = INTERFACE
ISO15118VasPublisher.ERRORS = RAISABLE_ERRORS
ISO15118VasClient.INTERFACE = INTERFACE
ISO15118VasClient.ERRORS = RAISABLE_ERRORS
