"""Generic temperature sensor reporting interface. Providers publish one or more temperature
readings (e.g. ambient temperature, internal temperature, etc.).

Generated from interfaces/temperature_sensor.yaml. Do not edit: regenerate.
"""

from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ClientTransport,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..errors import generic as _errors_generic
from ..types import temperature as _temperature


class TemperatureSensorHandler:
    """Provides temperature_sensor: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class TemperatureSensorPublisher:
    """Publishes the variables of temperature_sensor, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_temperatures(self, value: list[_temperature.Temperature]) -> None:
        """Temperature readings in degree Celsius. The meaning of each entry is product specific
        and may be specified via the identification or location fields."""
        self._transport.publish(INTERFACE.variables["temperatures"], value)


class TemperatureSensorClient:
    """Calls the commands of a module providing temperature_sensor, subscribes to its variables.

    What each command and variable means is documented on ``TemperatureSensorHandler`` and
    ``TemperatureSensorPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_temperatures(
        self,
        callback: Callable[[list[_temperature.Temperature]], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``TemperatureSensorPublisher.publish_temperatures``."""
        return self._transport.subscribe(INTERFACE.variables["temperatures"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="temperature_sensor",
    commands={},
    variables={
        "temperatures": VariableSpec(
            name="temperatures",
            py_name="temperatures",
            adapter=TypeAdapter(list[_temperature.Temperature], config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
TemperatureSensorHandler.INTERFACE = INTERFACE
TemperatureSensorHandler.ERRORS = RAISABLE_ERRORS
TemperatureSensorPublisher.INTERFACE = INTERFACE
TemperatureSensorPublisher.ERRORS = RAISABLE_ERRORS
TemperatureSensorClient.INTERFACE = INTERFACE
TemperatureSensorClient.ERRORS = RAISABLE_ERRORS
