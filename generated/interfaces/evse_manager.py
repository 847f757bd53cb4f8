"""This interface defines the evse manager. An evse manager represents the charging kernel of one
physical connector.

Generated from interfaces/evse_manager.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonInt,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..errors import evse_manager as _errors_evse_manager
from ..types import authorization as _authorization
from ..types import energy as _energy
from ..types import evse_board_support as _evse_board_support
from ..types import evse_manager as _evse_manager
from ..types import iso15118 as _iso15118
from ..types import powermeter as _powermeter


class EvseManagerHandler(abc.ABC):
    """Provides evse_manager: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_get_evse(self) -> _evse_manager.Evse:
        """Call to get information about the EVSE including its connectors

        Returns:
            Object that contains information of the EVSE including its connectors
        """

    @abc.abstractmethod
    async def handle_enable_disable(
        self,
        connector_id: int,
        cmd_source: _evse_manager.EnableDisableSource,
    ) -> bool:
        """Enables or disables the evse. Turns off PWM with error F. Charging is only possible if
        an EVSE is enabled.

        Args:
            connector_id: Specifies the ID of the connector to enable. If 0, the whole EVSE
                should be enabled
            cmd_source: Source of the enable command

        Returns:
            Returns true if evse is enabled after the command, false if it is disabled. This
            may not be the same value as the request, since there may be a higher priority
            request from another source that is actually deciding whether it is enabled or
            disabled.
        """

    @abc.abstractmethod
    async def handle_authorize_response(
        self,
        provided_token: _authorization.ProvidedIdToken,
        validation_result: _authorization.ValidationResult,
    ) -> None:
        """Reports the result of an authorization request to the EvseManager. Contains the
        provided_token for which authorization was requested and the validation_result

        Args:
            provided_token: The token for which authorization was requested
            validation_result: The validation result
        """

    @abc.abstractmethod
    async def handle_withdraw_authorization(self) -> None:
        """Call to signals that EVSE is not further authorized to start a transaction (e.g. on a
        connection_timeout)
        """

    @abc.abstractmethod
    async def handle_reserve(self, reservation_id: int) -> bool:
        """Call to signal that EVSE is reserved. This can be used to e.g. change the color of the
        HMI LEDs to indicate reservation.

        Args:
            reservation_id: The reservation id (should be added to the TransactionStarted
                event). Set this to a negative value if there is no specific reservation id for
                this evse but the evse should still move to a Reserved state because of total
                global reservations.

        Returns:
            Returns true if the EVSE accepted the reservation, else false.
        """

    @abc.abstractmethod
    async def handle_cancel_reservation(self) -> None:
        """Call to signal that EVSE is not reserved anymore"""

    @abc.abstractmethod
    async def handle_pause_charging(self) -> bool:
        """Call to signal EVSE to pause charging

        Returns:
            Returns true if successfully paused or was already in paused_by_evse mode
        """

    @abc.abstractmethod
    async def handle_resume_charging(self) -> bool:
        """Call to signal EVSE to resume charging

        Returns:
            Returns true if resume was successful, false otherwise (e.g. resuming a car pause
            won't work)
        """

    @abc.abstractmethod
    async def handle_stop_transaction(self, request: _evse_manager.StopTransactionRequest) -> bool:
        """Stops transaction and cancels charging externally, charging can only be resumed by
        replugging car. EVSE will also stop transaction automatically e.g. on disconnect, so
        this only needs to be called if the transaction should end before.

        Args:
            request: Request to stop the transaction.

        Returns:
            Returns true if successful
        """

    @abc.abstractmethod
    async def handle_force_unlock(self, connector_id: int) -> bool:
        """Forces connector to unlock connector now. During normal operation, connector will be
        locked/unlocked in the correct sequence. Do not use this function except if explicitly
        requested by e.g. management cloud.

        Args:
            connector_id: Specifies the ID of the connector that should be unlocked

        Returns:
            Returns true if unlocking command was accepted, or false if it is not supported.
            It does not reflect the success/failure of the actual unlocking. If unlocking
            fails, the connector_lock interface shall raise an error asynchronously.
        """

    @abc.abstractmethod
    async def handle_external_ready_to_start_charging(self) -> bool:
        """There are situations where another module needs to do some initialization after evse
        manager is in principle ready to start charging. This command can be used (optimally
        in combination with a configuration option) to delay charging ready until the external
        module is done with its initialization

        Returns:
            Returns true if the signal was used by the evse manager implementation
        """

    @abc.abstractmethod
    async def handle_set_plug_and_charge_configuration(
        self,
        plug_and_charge_configuration: _evse_manager.PlugAndChargeConfiguration,
    ) -> None:
        """Sets the configuration required for ISO15118 to handle contract authorization.

        Args:
            plug_and_charge_configuration: The plug and charge configuration object
        """

    @abc.abstractmethod
    async def handle_update_allowed_energy_transfer_modes(
        self,
        allowed_energy_transfer_modes: list[_iso15118.EnergyTransferMode],
    ) -> _evse_manager.UpdateAllowedEnergyTransferModesResult:
        """Sets the supported energy transfer mode for ISO15118. It is expected that this command
        will update the ISO15118 software stack to only propose the list of
        allowed_energy_transfer_modes presented in this message. If a transaction is already
        in progress, it is expected that this triggers a service renegotiation. If no HLC is
        present, this will be accepted, but do nothing.

        Args:
            allowed_energy_transfer_modes: The list of supported energy transfer modes. It
                cannot be empty as we need to propose something to the EV.

        Returns:
            Returns an enum indicating whether the update was successful or not.
        """

    @abc.abstractmethod
    async def handle_set_der_available(
        self,
        available: bool,
    ) -> _evse_manager.SetDerAvailableResult:
        """Declare whether DER directive support (a grid_support provider) is wired for this
        EVSE. When true and the EVSE is export-capable, EvseManager advertises the ISO
        15118-20 AC_DER_IEC energy transfer mode. This is a boot-time wiring fact, not the
        EV's runtime DER capability. Returns NoHlc and does nothing if no HLC is present.

        Args:
            available: True if DER directive support is wired for this EVSE.

        Returns:
            Whether EvseManager accepted the update.
        """


class EvseManagerPublisher:
    """Publishes the variables of evse_manager, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_session_event(self, value: _evse_manager.SessionEvent) -> None:
        """Emits all events related to sessions"""
        self._transport.publish(INTERFACE.variables["session_event"], value)

    def publish_hlc_session_failed(self, value: _evse_manager.HlcSessionFailedEvent) -> None:
        """Published whenever an HLC session failure occurs and the connection is terminated.
        Uses the uuid field to correlate with session_event. Not used with basic charging."""
        self._transport.publish(INTERFACE.variables["hlc_session_failed"], value)

    def publish_limits(self, value: _evse_manager.Limits) -> None:
        """Limits of this evse, published on change"""
        self._transport.publish(INTERFACE.variables["limits"], value)

    def publish_ev_info(self, value: _evse_manager.EVInfo) -> None:
        """More details about the EV if available"""
        self._transport.publish(INTERFACE.variables["ev_info"], value)

    def publish_car_manufacturer(self, value: _evse_manager.CarManufacturer) -> None:
        """Car manufacturer (if known)"""
        self._transport.publish(INTERFACE.variables["car_manufacturer"], value)

    def publish_telemetry(self, value: _evse_board_support.Telemetry) -> None:
        """Other telemetry"""
        self._transport.publish(INTERFACE.variables["telemetry"], value)

    def publish_powermeter(self, value: _powermeter.Powermeter) -> None:
        """Measured dataset"""
        self._transport.publish(INTERFACE.variables["powermeter"], value)

    def publish_powermeter_public_key_ocmf(self, value: str) -> None:
        """Powermeter public key"""
        self._transport.publish(INTERFACE.variables["powermeter_public_key_ocmf"], value)

    def publish_evse_id(self, value: str) -> None:
        """EVSE ID including the connector number, e.g. DE*PNX*E123456*1"""
        self._transport.publish(INTERFACE.variables["evse_id"], value)

    def publish_hw_capabilities(self, value: _evse_board_support.HardwareCapabilities) -> None:
        """Hardware capability/limits"""
        self._transport.publish(INTERFACE.variables["hw_capabilities"], value)

    def publish_enforced_limits(self, value: _energy.EnforcedLimits) -> None:
        """Enforced limits for this node (coming from the EnergyManager)"""
        self._transport.publish(INTERFACE.variables["enforced_limits"], value)

    def publish_waiting_for_external_ready(self, value: bool) -> None:
        """Signals that the EVSE Manager is in principle ready to start charging, but delays
        sending its ready signal waiting for the external_ready_to_start_charging command."""
        self._transport.publish(INTERFACE.variables["waiting_for_external_ready"], value)

    def publish_ready(self, value: bool) -> None:
        """Signals that the EVSE Manager is ready to start charging"""
        self._transport.publish(INTERFACE.variables["ready"], value)

    def publish_selected_protocol(self, value: str) -> None:
        """Contains the selected protocol used for charging for informative purposes"""
        self._transport.publish(INTERFACE.variables["selected_protocol"], value)

    def publish_supported_energy_transfer_modes(
        self,
        value: list[_iso15118.EnergyTransferMode],
    ) -> None:
        """Contains the list of supported energy transfers e.g. AC mono/tri, DC, DC_BPT, etc."""
        self._transport.publish(INTERFACE.variables["supported_energy_transfer_modes"], value)


class EvseManagerClient:
    """Calls the commands of a module providing evse_manager, subscribes to its variables.

    What each command and variable means is documented on ``EvseManagerHandler`` and
    ``EvseManagerPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def get_evse(self, *, timeout: float | None = None) -> _evse_manager.Evse:
        """Call ``get_evse``: see ``EvseManagerHandler.handle_get_evse``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["get_evse"], {}, timeout)
        return cast(_evse_manager.Evse, result)

    async def enable_disable(
        self,
        connector_id: int,
        cmd_source: _evse_manager.EnableDisableSource,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``enable_disable``: see ``EvseManagerHandler.handle_enable_disable``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["enable_disable"],
            {"connector_id": connector_id, "cmd_source": cmd_source},
            timeout,
        )
        return cast(bool, result)

    async def authorize_response(
        self,
        provided_token: _authorization.ProvidedIdToken,
        validation_result: _authorization.ValidationResult,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``authorize_response``: see ``EvseManagerHandler.handle_authorize_response``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["authorize_response"],
            {"provided_token": provided_token, "validation_result": validation_result},
            timeout,
        )

    async def withdraw_authorization(self, *, timeout: float | None = None) -> None:
        """Call ``withdraw_authorization``: see
        ``EvseManagerHandler.handle_withdraw_authorization``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["withdraw_authorization"], {}, timeout)

    async def reserve(self, reservation_id: int, *, timeout: float | None = None) -> bool:
        """Call ``reserve``: see ``EvseManagerHandler.handle_reserve``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["reserve"],
            {"reservation_id": reservation_id},
            timeout,
        )
        return cast(bool, result)

    async def cancel_reservation(self, *, timeout: float | None = None) -> None:
        """Call ``cancel_reservation``: see ``EvseManagerHandler.handle_cancel_reservation``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["cancel_reservation"], {}, timeout)

    async def pause_charging(self, *, timeout: float | None = None) -> bool:
        """Call ``pause_charging``: see ``EvseManagerHandler.handle_pause_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["pause_charging"], {}, timeout)
        return cast(bool, result)

    async def resume_charging(self, *, timeout: float | None = None) -> bool:
        """Call ``resume_charging``: see ``EvseManagerHandler.handle_resume_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["resume_charging"], {}, timeout)
        return cast(bool, result)

    async def stop_transaction(
        self,
        request: _evse_manager.StopTransactionRequest,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``stop_transaction``: see ``EvseManagerHandler.handle_stop_transaction``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["stop_transaction"],
            {"request": request},
            timeout,
        )
        return cast(bool, result)

    async def force_unlock(self, connector_id: int, *, timeout: float | None = None) -> bool:
        """Call ``force_unlock``: see ``EvseManagerHandler.handle_force_unlock``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["force_unlock"],
            {"connector_id": connector_id},
            timeout,
        )
        return cast(bool, result)

    async def external_ready_to_start_charging(self, *, timeout: float | None = None) -> bool:
        """Call ``external_ready_to_start_charging``: see
        ``EvseManagerHandler.handle_external_ready_to_start_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["external_ready_to_start_charging"],
            {},
            timeout,
        )
        return cast(bool, result)

    async def set_plug_and_charge_configuration(
        self,
        plug_and_charge_configuration: _evse_manager.PlugAndChargeConfiguration,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_plug_and_charge_configuration``: see
        ``EvseManagerHandler.handle_set_plug_and_charge_configuration``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_plug_and_charge_configuration"],
            {"plug_and_charge_configuration": plug_and_charge_configuration},
            timeout,
        )

    async def update_allowed_energy_transfer_modes(
        self,
        allowed_energy_transfer_modes: list[_iso15118.EnergyTransferMode],
        *,
        timeout: float | None = None,
    ) -> _evse_manager.UpdateAllowedEnergyTransferModesResult:
        """Call ``update_allowed_energy_transfer_modes``: see
        ``EvseManagerHandler.handle_update_allowed_energy_transfer_modes``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["update_allowed_energy_transfer_modes"],
            {"allowed_energy_transfer_modes": allowed_energy_transfer_modes},
            timeout,
        )
        return cast(_evse_manager.UpdateAllowedEnergyTransferModesResult, result)

    async def set_der_available(
        self,
        available: bool,
        *,
        timeout: float | None = None,
    ) -> _evse_manager.SetDerAvailableResult:
        """Call ``set_der_available``: see ``EvseManagerHandler.handle_set_der_available``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["set_der_available"],
            {"available": available},
            timeout,
        )
        return cast(_evse_manager.SetDerAvailableResult, result)

    def subscribe_session_event(
        self,
        callback: Callable[[_evse_manager.SessionEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_session_event``."""
        return self._transport.subscribe(INTERFACE.variables["session_event"], callback)

    def subscribe_hlc_session_failed(
        self,
        callback: Callable[[_evse_manager.HlcSessionFailedEvent], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_hlc_session_failed``."""
        return self._transport.subscribe(INTERFACE.variables["hlc_session_failed"], callback)

    def subscribe_limits(
        self,
        callback: Callable[[_evse_manager.Limits], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_limits``."""
        return self._transport.subscribe(INTERFACE.variables["limits"], callback)

    def subscribe_ev_info(
        self,
        callback: Callable[[_evse_manager.EVInfo], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_ev_info``."""
        return self._transport.subscribe(INTERFACE.variables["ev_info"], callback)

    def subscribe_car_manufacturer(
        self,
        callback: Callable[[_evse_manager.CarManufacturer], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_car_manufacturer``."""
        return self._transport.subscribe(INTERFACE.variables["car_manufacturer"], callback)

    def subscribe_telemetry(
        self,
        callback: Callable[[_evse_board_support.Telemetry], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_telemetry``."""
        return self._transport.subscribe(INTERFACE.variables["telemetry"], callback)

    def subscribe_powermeter(
        self,
        callback: Callable[[_powermeter.Powermeter], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_powermeter``."""
        return self._transport.subscribe(INTERFACE.variables["powermeter"], callback)

    def subscribe_powermeter_public_key_ocmf(
        self,
        callback: Callable[[str], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_powermeter_public_key_ocmf``."""
        return self._transport.subscribe(
            INTERFACE.variables["powermeter_public_key_ocmf"],
            callback,
        )

    def subscribe_evse_id(self, callback: Callable[[str], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_evse_id``."""
        return self._transport.subscribe(INTERFACE.variables["evse_id"], callback)

    def subscribe_hw_capabilities(
        self,
        callback: Callable[[_evse_board_support.HardwareCapabilities], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_hw_capabilities``."""
        return self._transport.subscribe(INTERFACE.variables["hw_capabilities"], callback)

    def subscribe_enforced_limits(
        self,
        callback: Callable[[_energy.EnforcedLimits], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_enforced_limits``."""
        return self._transport.subscribe(INTERFACE.variables["enforced_limits"], callback)

    def subscribe_waiting_for_external_ready(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_waiting_for_external_ready``."""
        return self._transport.subscribe(
            INTERFACE.variables["waiting_for_external_ready"],
            callback,
        )

    def subscribe_ready(self, callback: Callable[[bool], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_ready``."""
        return self._transport.subscribe(INTERFACE.variables["ready"], callback)

    def subscribe_selected_protocol(
        self,
        callback: Callable[[str], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_selected_protocol``."""
        return self._transport.subscribe(INTERFACE.variables["selected_protocol"], callback)

    def subscribe_supported_energy_transfer_modes(
        self,
        callback: Callable[[list[_iso15118.EnergyTransferMode]], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseManagerPublisher.publish_supported_energy_transfer_modes``."""
        return self._transport.subscribe(
            INTERFACE.variables["supported_energy_transfer_modes"],
            callback,
        )


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_evse_manager.EvseManagerError.Internal,
    _errors_evse_manager.EvseManagerError.MREC4OverCurrentFailure,
    _errors_evse_manager.EvseManagerError.MREC5OverVoltage,
    _errors_evse_manager.EvseManagerError.MREC9AuthorizationTimeout,
    _errors_evse_manager.EvseManagerError.PowermeterTransactionStartFailed,
    _errors_evse_manager.EvseManagerError.Inoperative,
    _errors_evse_manager.EvseManagerError.MREC22ResistanceFault,
    _errors_evse_manager.EvseManagerError.MREC11CableCheckFault,
    _errors_evse_manager.EvseManagerError.VoltagePlausibilityFault,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="evse_manager",
    commands={
        "get_evse": CommandSpec(
            name="get_evse",
            py_name="get_evse",
            arguments=(),
            result=TypeAdapter(_evse_manager.Evse),
        ),
        "enable_disable": CommandSpec(
            name="enable_disable",
            py_name="enable_disable",
            arguments=(
                ArgumentSpec(
                    name="connector_id",
                    py_name="connector_id",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="cmd_source",
                    py_name="cmd_source",
                    adapter=TypeAdapter(_evse_manager.EnableDisableSource),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "authorize_response": CommandSpec(
            name="authorize_response",
            py_name="authorize_response",
            arguments=(
                ArgumentSpec(
                    name="provided_token",
                    py_name="provided_token",
                    adapter=TypeAdapter(_authorization.ProvidedIdToken),
                ),
                ArgumentSpec(
                    name="validation_result",
                    py_name="validation_result",
                    adapter=TypeAdapter(_authorization.ValidationResult),
                ),
            ),
            result=None,
        ),
        "withdraw_authorization": CommandSpec(
            name="withdraw_authorization",
            py_name="withdraw_authorization",
            arguments=(),
            result=None,
        ),
        "reserve": CommandSpec(
            name="reserve",
            py_name="reserve",
            arguments=(
                ArgumentSpec(
                    name="reservation_id",
                    py_name="reservation_id",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "cancel_reservation": CommandSpec(
            name="cancel_reservation",
            py_name="cancel_reservation",
            arguments=(),
            result=None,
        ),
        "pause_charging": CommandSpec(
            name="pause_charging",
            py_name="pause_charging",
            arguments=(),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "resume_charging": CommandSpec(
            name="resume_charging",
            py_name="resume_charging",
            arguments=(),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "stop_transaction": CommandSpec(
            name="stop_transaction",
            py_name="stop_transaction",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_evse_manager.StopTransactionRequest),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "force_unlock": CommandSpec(
            name="force_unlock",
            py_name="force_unlock",
            arguments=(
                ArgumentSpec(
                    name="connector_id",
                    py_name="connector_id",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "external_ready_to_start_charging": CommandSpec(
            name="external_ready_to_start_charging",
            py_name="external_ready_to_start_charging",
            arguments=(),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "set_plug_and_charge_configuration": CommandSpec(
            name="set_plug_and_charge_configuration",
            py_name="set_plug_and_charge_configuration",
            arguments=(
                ArgumentSpec(
                    name="plug_and_charge_configuration",
                    py_name="plug_and_charge_configuration",
                    adapter=TypeAdapter(_evse_manager.PlugAndChargeConfiguration),
                ),
            ),
            result=None,
        ),
        "update_allowed_energy_transfer_modes": CommandSpec(
            name="update_allowed_energy_transfer_modes",
            py_name="update_allowed_energy_transfer_modes",
            arguments=(
                ArgumentSpec(
                    name="allowed_energy_transfer_modes",
                    py_name="allowed_energy_transfer_modes",
                    adapter=TypeAdapter(
                        Annotated[list[_iso15118.EnergyTransferMode], Field(min_length=1)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(_evse_manager.UpdateAllowedEnergyTransferModesResult),
        ),
        "set_der_available": CommandSpec(
            name="set_der_available",
            py_name="set_der_available",
            arguments=(
                ArgumentSpec(
                    name="available",
                    py_name="available",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_evse_manager.SetDerAvailableResult),
        ),
    },
    variables={
        "session_event": VariableSpec(
            name="session_event",
            py_name="session_event",
            adapter=TypeAdapter(_evse_manager.SessionEvent),
        ),
        "hlc_session_failed": VariableSpec(
            name="hlc_session_failed",
            py_name="hlc_session_failed",
            adapter=TypeAdapter(_evse_manager.HlcSessionFailedEvent),
        ),
        "limits": VariableSpec(
            name="limits",
            py_name="limits",
            adapter=TypeAdapter(_evse_manager.Limits),
        ),
        "ev_info": VariableSpec(
            name="ev_info",
            py_name="ev_info",
            adapter=TypeAdapter(_evse_manager.EVInfo),
        ),
        "car_manufacturer": VariableSpec(
            name="car_manufacturer",
            py_name="car_manufacturer",
            adapter=TypeAdapter(_evse_manager.CarManufacturer),
        ),
        "telemetry": VariableSpec(
            name="telemetry",
            py_name="telemetry",
            adapter=TypeAdapter(_evse_board_support.Telemetry),
        ),
        "powermeter": VariableSpec(
            name="powermeter",
            py_name="powermeter",
            adapter=TypeAdapter(_powermeter.Powermeter),
        ),
        "powermeter_public_key_ocmf": VariableSpec(
            name="powermeter_public_key_ocmf",
            py_name="powermeter_public_key_ocmf",
            adapter=TypeAdapter(JsonString, config=_DEFERRED),
        ),
        "evse_id": VariableSpec(
            name="evse_id",
            py_name="evse_id",
            adapter=TypeAdapter(JsonString, config=_DEFERRED),
        ),
        "hw_capabilities": VariableSpec(
            name="hw_capabilities",
            py_name="hw_capabilities",
            adapter=TypeAdapter(_evse_board_support.HardwareCapabilities),
        ),
        "enforced_limits": VariableSpec(
            name="enforced_limits",
            py_name="enforced_limits",
            adapter=TypeAdapter(_energy.EnforcedLimits),
        ),
        "waiting_for_external_ready": VariableSpec(
            name="waiting_for_external_ready",
            py_name="waiting_for_external_ready",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "ready": VariableSpec(
            name="ready",
            py_name="ready",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "selected_protocol": VariableSpec(
            name="selected_protocol",
            py_name="selected_protocol",
            adapter=TypeAdapter(JsonString, config=_DEFERRED),
        ),
        "supported_energy_transfer_modes": VariableSpec(
            name="supported_energy_transfer_modes",
            py_name="supported_energy_transfer_modes",
            adapter=TypeAdapter(
                Annotated[list[_iso15118.EnergyTransferMode], Field(min_length=1)],
                config=_DEFERRED,
            ),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EvseManagerHandler.INTERFACE = INTERFACE
EvseManagerHandler.ERRORS = RAISABLE_ERRORS
EvseManagerPublisher.INTERFACE = INTERFACE
EvseManagerPublisher.ERRORS = RAISABLE_ERRORS
EvseManagerClient.INTERFACE = INTERFACE
EvseManagerClient.ERRORS = RAISABLE_ERRORS
