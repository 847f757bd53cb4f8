"""This interface provides an AC Residual Current Monitor (RCD). Actual emergency switch off is
done in HW directly, but this interface allows some control and telemetry.

Generated from interfaces/ac_rcd.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonNumber,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..errors import ac_rcd as _errors_ac_rcd


class AcRcdHandler(abc.ABC):
    """Provides ac_rcd: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_self_test(self) -> None:
        """Executes a self test of the RCD. If it fails, an error of type Selftest should be
        raised.
        """

    @abc.abstractmethod
    async def handle_reset(self) -> bool:
        """Resets the RCD after a trigger. May not be supported by actual hardware.

        Returns:
            True: Reset successful, False: Reset failed.
        """


class AcRcdPublisher:
    """Publishes the variables of ac_rcd, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_rcd_current_mA(self, value: float) -> None:
        """Residual current in mA. Note that this does not trigger anything, it is merely for
        reporting."""
        self._transport.publish(INTERFACE.variables["rcd_current_mA"], value)


class AcRcdClient:
    """Calls the commands of a module providing ac_rcd, subscribes to its variables.

    What each command and variable means is documented on ``AcRcdHandler`` and
    ``AcRcdPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def self_test(self, *, timeout: float | None = None) -> None:
        """Call ``self_test``: see ``AcRcdHandler.handle_self_test``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["self_test"], {}, timeout)

    async def reset(self, *, timeout: float | None = None) -> bool:
        """Call ``reset``: see ``AcRcdHandler.handle_reset``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["reset"], {}, timeout)
        return cast(bool, result)

    def subscribe_rcd_current_mA(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``AcRcdPublisher.publish_rcd_current_mA``."""
        return self._transport.subscribe(INTERFACE.variables["rcd_current_mA"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_ac_rcd.AcRcdError.Selftest,
    _errors_ac_rcd.AcRcdError.DC,
    _errors_ac_rcd.AcRcdError.AC,
    _errors_ac_rcd.AcRcdError.MREC2GroundFailure,
    _errors_ac_rcd.AcRcdError.VendorError,
    _errors_ac_rcd.AcRcdError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ac_rcd",
    commands={
        "self_test": CommandSpec(
            name="self_test",
            py_name="self_test",
            arguments=(),
            result=None,
        ),
        "reset": CommandSpec(
            name="reset",
            py_name="reset",
            arguments=(),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    variables={
        "rcd_current_mA": VariableSpec(
            name="rcd_current_mA",
            py_name="rcd_current_mA",
            adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
AcRcdHandler.INTERFACE = INTERFACE
AcRcdHandler.ERRORS = RAISABLE_ERRORS
AcRcdPublisher.INTERFACE = INTERFACE
AcRcdPublisher.ERRORS = RAISABLE_ERRORS
AcRcdClient.INTERFACE = INTERFACE
AcRcdClient.ERRORS = RAISABLE_ERRORS
