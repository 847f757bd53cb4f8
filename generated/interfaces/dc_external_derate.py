"""Provides an interface for implementing DC power supply derating functionality. This allows
integration of hardware-specific derating logic, for example, adjusting output current based
on internal temperature measurements.
In the simplest case, derating is determined solely by the plug temperature, as reported by
the evse_board_support driver. This value is exposed here for convenience.
More advanced implementations may incorporate additional temperature sensors, such as relay
temperature or other relevant measurements, to enable more precise control.
Note that this is for DC output in DC charging only. To derate for AC chargers (or the AC side
in DC chargers), use an EnergyNode and set external_limits instead.

Generated from interfaces/dc_external_derate.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonNumber,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..types import dc_external_derate as _dc_external_derate


class DcExternalDerateHandler(abc.ABC):
    """Provides dc_external_derate: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_set_external_derating(
        self,
        derate: _dc_external_derate.ExternalDerating,
    ) -> None:
        """Set external derating values. The provided values will be merged with the existing
        internal capabilities of the power supply: The minimum of the internal and external
        values will be used. All values are optional, unset means no limit.

        Args:
            derate: Operation mode of power supply
        """


class DcExternalDeratePublisher:
    """Publishes the variables of dc_external_derate, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_plug_temperature_C(self, value: float) -> None:
        """Current temperature of the plug in degree celsius"""
        self._transport.publish(INTERFACE.variables["plug_temperature_C"], value)


class DcExternalDerateClient:
    """Calls the commands of a module providing dc_external_derate, subscribes to its variables.

    What each command and variable means is documented on ``DcExternalDerateHandler`` and
    ``DcExternalDeratePublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def set_external_derating(
        self,
        derate: _dc_external_derate.ExternalDerating,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_external_derating``: see
        ``DcExternalDerateHandler.handle_set_external_derating``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_external_derating"],
            {"derate": derate},
            timeout,
        )

    def subscribe_plug_temperature_C(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``DcExternalDeratePublisher.publish_plug_temperature_C``."""
        return self._transport.subscribe(INTERFACE.variables["plug_temperature_C"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="dc_external_derate",
    commands={
        "set_external_derating": CommandSpec(
            name="set_external_derating",
            py_name="set_external_derating",
            arguments=(
                ArgumentSpec(
                    name="derate",
                    py_name="derate",
                    adapter=TypeAdapter(_dc_external_derate.ExternalDerating),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "plug_temperature_C": VariableSpec(
            name="plug_temperature_C",
            py_name="plug_temperature_C",
            adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
DcExternalDerateHandler.INTERFACE = INTERFACE
DcExternalDerateHandler.ERRORS = RAISABLE_ERRORS
DcExternalDeratePublisher.INTERFACE = INTERFACE
DcExternalDeratePublisher.ERRORS = RAISABLE_ERRORS
DcExternalDerateClient.INTERFACE = INTERFACE
DcExternalDerateClient.ERRORS = RAISABLE_ERRORS
