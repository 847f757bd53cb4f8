"""This interface provides functions for a random delay feature as required by the UK smart
charging regulations The logic whether to use a random delay or not is not included in
EvseManager, a different module can use this interface to enable/disable the feature during
runtime and cancel a running random delay. This always applies to all connectors of this EVSE.
By default, on start up, random delays are disabled.

Generated from interfaces/uk_random_delay.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

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

from ..types import uk_random_delay as _uk_random_delay


class UkRandomDelayHandler(abc.ABC):
    """Provides uk_random_delay: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_enable(self) -> None:
        """Call to enable the random delay feature"""

    @abc.abstractmethod
    async def handle_disable(self) -> None:
        """Call to disable the random delay feature"""

    @abc.abstractmethod
    async def handle_cancel(self) -> None:
        """Cancels a running random delay. The effect is the same as if the time expired just
        now.
        """

    @abc.abstractmethod
    async def handle_set_duration_s(self, value: int) -> None:
        """Set the maximum duration of the random delay. Default is 600 seconds.

        Args:
            value: Maximum duration in seconds
        """


class UkRandomDelayPublisher:
    """Publishes the variables of uk_random_delay, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_countdown(self, value: _uk_random_delay.CountDown) -> None:
        """Countdown of the currently running random delay"""
        self._transport.publish(INTERFACE.variables["countdown"], value)


class UkRandomDelayClient:
    """Calls the commands of a module providing uk_random_delay, subscribes to its variables.

    What each command and variable means is documented on ``UkRandomDelayHandler`` and
    ``UkRandomDelayPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def enable(self, *, timeout: float | None = None) -> None:
        """Call ``enable``: see ``UkRandomDelayHandler.handle_enable``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["enable"], {}, timeout)

    async def disable(self, *, timeout: float | None = None) -> None:
        """Call ``disable``: see ``UkRandomDelayHandler.handle_disable``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["disable"], {}, timeout)

    async def cancel(self, *, timeout: float | None = None) -> None:
        """Call ``cancel``: see ``UkRandomDelayHandler.handle_cancel``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["cancel"], {}, timeout)

    async def set_duration_s(self, value: int, *, timeout: float | None = None) -> None:
        """Call ``set_duration_s``: see ``UkRandomDelayHandler.handle_set_duration_s``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["set_duration_s"], {"value": value}, timeout)

    def subscribe_countdown(
        self,
        callback: Callable[[_uk_random_delay.CountDown], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``UkRandomDelayPublisher.publish_countdown``."""
        return self._transport.subscribe(INTERFACE.variables["countdown"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="uk_random_delay",
    commands={
        "enable": CommandSpec(
            name="enable",
            py_name="enable",
            arguments=(),
            result=None,
        ),
        "disable": CommandSpec(
            name="disable",
            py_name="disable",
            arguments=(),
            result=None,
        ),
        "cancel": CommandSpec(
            name="cancel",
            py_name="cancel",
            arguments=(),
            result=None,
        ),
        "set_duration_s": CommandSpec(
            name="set_duration_s",
            py_name="set_duration_s",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "countdown": VariableSpec(
            name="countdown",
            py_name="countdown",
            adapter=TypeAdapter(_uk_random_delay.CountDown),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
UkRandomDelayHandler.INTERFACE = INTERFACE
UkRandomDelayHandler.ERRORS = RAISABLE_ERRORS
UkRandomDelayPublisher.INTERFACE = INTERFACE
UkRandomDelayPublisher.ERRORS = RAISABLE_ERRORS
UkRandomDelayClient.INTERFACE = INTERFACE
UkRandomDelayClient.ERRORS = RAISABLE_ERRORS
