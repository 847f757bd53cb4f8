"""Interface for power supplies used for DC charging
Implementation guidelines for this interface: 1) During start up of the driver, publish
capabilities as soon as they are available, ideally in ready() function.
   The charging logic in EvseManager will not allow any charging until it receives the
capabilities at least once.
   Capabilities may be published at any later point in time to update the values. This may
happen if they e.g. change due
   to thermal derating etc. If a charging session is active when the update is received,
   only power/current limits will be applied immediately. All other values will become active
at the next charging session.

2) setMode/setVoltageCurrent commands should be executed on the hardware immediately. If this
is not possible because an error is currently active
   (e.g. communication to the hardware is lost), the driver module shall cache the last mode
and voltage/current settings.
   Once the PSU is back on-line (e.g. after a CommunicationFault), set the last mode and
voltage/current value received and only after that clear the error.

3) setMode to Off requires special attention. To avoid switching the output relays of the
charger off under full load, make sure to return
   from the setMode function(Off) only when the current is below a safe threshold for
switching off the relays (exact value is hardware dependent).
   If communication is lost with the power supply, make sure to still return, the call must
not block for a longer period of time.
   EVerest will ensure the order of the calls is correct during shutdown, but will not wait
for the power supply to actually turn off:
    1. call setMode(Off) on power_supply_DC
    2. call allow_power_on(false) on evse_board_support
  If the setMode(Off) returns immediately, it may happen that the bsp implementation opens the
relays before the power supply is shutdown.

4) var voltage_current shall be published on regular intervals. The interval depends on the
hardware, but it shall be at least once per second. If possible,
   update at e.g. 4 Hertz is recommended.

Generated from interfaces/power_supply_DC.yaml. Do not edit: regenerate.
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

from ..errors import power_supply_DC as _errors_power_supply_DC
from ..types import power_supply_DC as _power_supply_DC


class PowerSupplyDCHandler(abc.ABC):
    """Provides power_supply_DC: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_setMode(
        self,
        mode: _power_supply_DC.Mode,
        phase: _power_supply_DC.ChargingPhase,
    ) -> None:
        """Set operation mode of the bidirectional DC power supply

        Args:
            mode: Operation mode of power supply
            phase: Charging phase for this mode change. This information should normally not be
                needed by the power supply, as it should always just operate in CCCV mode. Some
                special setups however are handling CableCheck/PreCharge/Charge a little bit
                different internally.
        """

    @abc.abstractmethod
    async def handle_setExportVoltageCurrent(self, voltage: float, current: float) -> None:
        """Set output target voltage limit. Must be within reported limits.

        Args:
            voltage: Output voltage in Volt
            current: Output current limit in Ampere
        """

    @abc.abstractmethod
    async def handle_setImportVoltageCurrent(self, voltage: float, current: float) -> None:
        """Set minimal import voltage and current limit.  Must be within reported limits.

        Args:
            voltage: Current will be drawn if input is above this voltage (in Volt)
            current: Input current limit in Ampere
        """


class PowerSupplyDCPublisher:
    """Publishes the variables of power_supply_DC, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_voltage_current(self, value: _power_supply_DC.VoltageCurrent) -> None:
        """Voltage/Current at the input/output"""
        self._transport.publish(INTERFACE.variables["voltage_current"], value)

    def publish_mode(self, value: _power_supply_DC.Mode) -> None:
        """Current mode. Published on change."""
        self._transport.publish(INTERFACE.variables["mode"], value)

    def publish_capabilities(self, value: _power_supply_DC.Capabilities) -> None:
        """Publish capabilities of this PSU."""
        self._transport.publish(INTERFACE.variables["capabilities"], value)


class PowerSupplyDCClient:
    """Calls the commands of a module providing power_supply_DC, subscribes to its variables.

    What each command and variable means is documented on ``PowerSupplyDCHandler`` and
    ``PowerSupplyDCPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def setMode(
        self,
        mode: _power_supply_DC.Mode,
        phase: _power_supply_DC.ChargingPhase,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``setMode``: see ``PowerSupplyDCHandler.handle_setMode``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["setMode"],
            {"mode": mode, "phase": phase},
            timeout,
        )

    async def setExportVoltageCurrent(
        self,
        voltage: float,
        current: float,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``setExportVoltageCurrent``: see
        ``PowerSupplyDCHandler.handle_setExportVoltageCurrent``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["setExportVoltageCurrent"],
            {"voltage": voltage, "current": current},
            timeout,
        )

    async def setImportVoltageCurrent(
        self,
        voltage: float,
        current: float,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``setImportVoltageCurrent``: see
        ``PowerSupplyDCHandler.handle_setImportVoltageCurrent``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["setImportVoltageCurrent"],
            {"voltage": voltage, "current": current},
            timeout,
        )

    def subscribe_voltage_current(
        self,
        callback: Callable[[_power_supply_DC.VoltageCurrent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``PowerSupplyDCPublisher.publish_voltage_current``."""
        return self._transport.subscribe(INTERFACE.variables["voltage_current"], callback)

    def subscribe_mode(
        self,
        callback: Callable[[_power_supply_DC.Mode], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``PowerSupplyDCPublisher.publish_mode``."""
        return self._transport.subscribe(INTERFACE.variables["mode"], callback)

    def subscribe_capabilities(
        self,
        callback: Callable[[_power_supply_DC.Capabilities], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``PowerSupplyDCPublisher.publish_capabilities``."""
        return self._transport.subscribe(INTERFACE.variables["capabilities"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_power_supply_DC.PowerSupplyDCError.CommunicationFault,
    _errors_power_supply_DC.PowerSupplyDCError.HardwareFault,
    _errors_power_supply_DC.PowerSupplyDCError.OverTemperature,
    _errors_power_supply_DC.PowerSupplyDCError.UnderTemperature,
    _errors_power_supply_DC.PowerSupplyDCError.UnderVoltageAC,
    _errors_power_supply_DC.PowerSupplyDCError.OverVoltageAC,
    _errors_power_supply_DC.PowerSupplyDCError.UnderVoltageDC,
    _errors_power_supply_DC.PowerSupplyDCError.OverVoltageDC,
    _errors_power_supply_DC.PowerSupplyDCError.OverCurrentAC,
    _errors_power_supply_DC.PowerSupplyDCError.OverCurrentDC,
    _errors_power_supply_DC.PowerSupplyDCError.VendorError,
    _errors_power_supply_DC.PowerSupplyDCError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="power_supply_DC",
    commands={
        "setMode": CommandSpec(
            name="setMode",
            py_name="setMode",
            arguments=(
                ArgumentSpec(
                    name="mode",
                    py_name="mode",
                    adapter=TypeAdapter(_power_supply_DC.Mode),
                ),
                ArgumentSpec(
                    name="phase",
                    py_name="phase",
                    adapter=TypeAdapter(_power_supply_DC.ChargingPhase),
                ),
            ),
            result=None,
        ),
        "setExportVoltageCurrent": CommandSpec(
            name="setExportVoltageCurrent",
            py_name="setExportVoltageCurrent",
            arguments=(
                ArgumentSpec(
                    name="voltage",
                    py_name="voltage",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="current",
                    py_name="current",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "setImportVoltageCurrent": CommandSpec(
            name="setImportVoltageCurrent",
            py_name="setImportVoltageCurrent",
            arguments=(
                ArgumentSpec(
                    name="voltage",
                    py_name="voltage",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="current",
                    py_name="current",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "voltage_current": VariableSpec(
            name="voltage_current",
            py_name="voltage_current",
            adapter=TypeAdapter(_power_supply_DC.VoltageCurrent),
        ),
        "mode": VariableSpec(
            name="mode",
            py_name="mode",
            adapter=TypeAdapter(_power_supply_DC.Mode),
        ),
        "capabilities": VariableSpec(
            name="capabilities",
            py_name="capabilities",
            adapter=TypeAdapter(_power_supply_DC.Capabilities),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
PowerSupplyDCHandler.INTERFACE = INTERFACE
PowerSupplyDCHandler.ERRORS = RAISABLE_ERRORS
PowerSupplyDCPublisher.INTERFACE = INTERFACE
PowerSupplyDCPublisher.ERRORS = RAISABLE_ERRORS
PowerSupplyDCClient.INTERFACE = INTERFACE
PowerSupplyDCClient.ERRORS = RAISABLE_ERRORS
