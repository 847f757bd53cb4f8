"""This interface defines the interface for an solar energy production forecast

Generated from interfaces/solar_forecast.yaml. Do not edit: regenerate.
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
from pydantic import ConfigDict, JsonValue, TypeAdapter


class SolarForecastHandler:
    """Provides solar_forecast: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class SolarForecastPublisher:
    """Publishes the variables of solar_forecast, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_forecast(self, value: dict[str, JsonValue]) -> None:
        """Forecast JSON Object containing a timestamp and the energy forecast in watthours."""
        self._transport.publish(INTERFACE.variables["forecast"], value)


class SolarForecastClient:
    """Calls the commands of a module providing solar_forecast, subscribes to its variables.

    What each command and variable means is documented on ``SolarForecastHandler`` and
    ``SolarForecastPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    def subscribe_forecast(
        self,
        callback: Callable[[dict[str, JsonValue]], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SolarForecastPublisher.publish_forecast``."""
        return self._transport.subscribe(INTERFACE.variables["forecast"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="solar_forecast",
    commands={},
    variables={
        "forecast": VariableSpec(
            name="forecast",
            py_name="forecast",
            adapter=TypeAdapter(dict[str, JsonValue], config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
SolarForecastHandler.INTERFACE = INTERFACE
SolarForecastHandler.ERRORS = RAISABLE_ERRORS
SolarForecastPublisher.INTERFACE = INTERFACE
SolarForecastPublisher.ERRORS = RAISABLE_ERRORS
SolarForecastClient.INTERFACE = INTERFACE
SolarForecastClient.ERRORS = RAISABLE_ERRORS
