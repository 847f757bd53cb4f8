"""This defines a car simulator that can execute a full charging session, from plugging in to
plugging out. It uses HIL or SIL simulation controllers from e.g. the Yeti HIL simulator.

Generated from interfaces/car_simulator.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter


class CarSimulatorHandler(abc.ABC):
    """Provides car_simulator: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_enable(self, value: bool) -> None:
        """Enables or disables the simulation.

        Args:
            value: Enable/Disable simulation mode
        """

    @abc.abstractmethod
    async def handle_execute_charging_session(self, value: str) -> None:
        """Executes a charging simulation string

        Args:
            value: Charging simulation string
        """


class CarSimulatorPublisher:
    """Publishes the variables of car_simulator, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_enabled(self, value: bool) -> None:
        """Indicates whether simulation is currently enabled or not"""
        self._transport.publish(INTERFACE.variables["enabled"], value)


class CarSimulatorClient:
    """Calls the commands of a module providing car_simulator, subscribes to its variables.

    What each command and variable means is documented on ``CarSimulatorHandler`` and
    ``CarSimulatorPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def enable(self, value: bool, *, timeout: float | None = None) -> None:
        """Call ``enable``: see ``CarSimulatorHandler.handle_enable``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["enable"], {"value": value}, timeout)

    async def execute_charging_session(self, value: str, *, timeout: float | None = None) -> None:
        """Call ``execute_charging_session``: see
        ``CarSimulatorHandler.handle_execute_charging_session``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["execute_charging_session"],
            {"value": value},
            timeout,
        )

    def subscribe_enabled(self, callback: Callable[[bool], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see
        ``CarSimulatorPublisher.publish_enabled``."""
        return self._transport.subscribe(INTERFACE.variables["enabled"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="car_simulator",
    commands={
        "enable": CommandSpec(
            name="enable",
            py_name="enable",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "execute_charging_session": CommandSpec(
            name="execute_charging_session",
            py_name="execute_charging_session",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "enabled": VariableSpec(
            name="enabled",
            py_name="enabled",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
CarSimulatorHandler.INTERFACE = INTERFACE
CarSimulatorHandler.ERRORS = RAISABLE_ERRORS
CarSimulatorPublisher.INTERFACE = INTERFACE
CarSimulatorPublisher.ERRORS = RAISABLE_ERRORS
CarSimulatorClient.INTERFACE = INTERFACE
CarSimulatorClient.ERRORS = RAISABLE_ERRORS
