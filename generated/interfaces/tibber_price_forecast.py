"""This interface defines the interface for an energy price forecast

Generated from interfaces/tibber_price_forecast.yaml. Do not edit: regenerate.
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


class TibberPriceForecastHandler:
    """Provides tibber_price_forecast: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]


class TibberPriceForecastPublisher:
    """Publishes the variables of tibber_price_forecast, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_forecast(self, value: dict[str, JsonValue]) -> None:
        """Forecast JSON Object containing a timestamp and the price forecast"""
        self._transport.publish(INTERFACE.variables["forecast"], value)


class TibberPriceForecastClient:
    """Calls the commands of a module providing tibber_price_forecast, subscribes to its
    variables.

    What each command and variable means is documented on ``TibberPriceForecastHandler`` and
    ``TibberPriceForecastPublisher``.
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
        ``TibberPriceForecastPublisher.publish_forecast``."""
        return self._transport.subscribe(INTERFACE.variables["forecast"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="tibber_price_forecast",
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
TibberPriceForecastHandler.INTERFACE = INTERFACE
TibberPriceForecastHandler.ERRORS = RAISABLE_ERRORS
TibberPriceForecastPublisher.INTERFACE = INTERFACE
TibberPriceForecastPublisher.ERRORS = RAISABLE_ERRORS
TibberPriceForecastClient.INTERFACE = INTERFACE
TibberPriceForecastClient.ERRORS = RAISABLE_ERRORS
