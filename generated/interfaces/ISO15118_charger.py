"""This interface defines a ISO15118 charger.

Generated from interfaces/ISO15118_charger.yaml. Do not edit: regenerate.
"""

import abc
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonDateTime,
    JsonNumber,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..errors import generic as _errors_generic
from ..types import authorization as _authorization
from ..types import evse_manager as _evse_manager
from ..types import iso15118 as _iso15118
from ..types import power_supply_DC as _power_supply_DC
from ..types import powermeter as _powermeter
from ..types import units as _units


class ISO15118ChargerHandler(abc.ABC):
    """Provides ISO15118_charger: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_setup(
        self,
        evse_id: _iso15118.EVSEID,
        sae_j2847_mode: _iso15118.SaeJ2847BidiMode,
        debug_mode: bool,
    ) -> None:
        """At startup all necessary info should be sent to the module once.

        Args:
            evse_id: Set an ID that uniquely identifies the EVSE and the power outlet the
                vehicle is connected to
            sae_j2847_mode: Charger is supporting SAE J2847 V2G/V2H version
            debug_mode: Enable/Disable debug mode
        """

    @abc.abstractmethod
    async def handle_set_charging_parameters(
        self,
        physical_values: _iso15118.SetupPhysicalValues,
    ) -> None:
        """At startup, set the the charging parameters at least once. May be updated later on. If
        a charging session is currently active, some updated values may only be used for the
        next charging session.

        Args:
            physical_values: Set up initial physical values for a AC or DC charging session
        """

    @abc.abstractmethod
    async def handle_session_setup(
        self,
        payment_options: list[_iso15118.PaymentOption],
        supported_certificate_service: bool,
        central_contract_validation_allowed: bool,
    ) -> None:
        """At each session start this info should be sent to the module.

        Args:
            payment_options: Providing a list of payment options to the EVCC
            supported_certificate_service: The charger supports the certificate
                installation/update service and has a connection to an SA for this purpose
            central_contract_validation_allowed: Indicates if the vehicle contract may be
                forwarded to and validated by a CSMS in case local validation was not successful
        """

    @abc.abstractmethod
    async def handle_bpt_setup(self, bpt_config: _iso15118.BptSetup) -> None:
        """At startup, set the bpt setup for ISO15118-20 at least once. May be updated later on.

        Args:
            bpt_config: The required parameters for a BPT setup
        """

    @abc.abstractmethod
    async def handle_set_powersupply_capabilities(
        self,
        capabilities: _power_supply_DC.Capabilities,
    ) -> None:
        """At startup, set the min and max limits from the power supply. Can be updated later on.

        Args:
            capabilities: The required capabilities from the power supply
        """

    @abc.abstractmethod
    async def handle_authorization_response(
        self,
        authorization_status: _authorization.AuthorizationStatus,
        certificate_status: _authorization.CertificateStatus,
    ) -> None:
        """This message is an async response to a previously published require_auth_eim or
        require_auth_pnc. The SECC informs the EVCC whether the authorization is accepted or
        not.

        Args:
            authorization_status: Authorization status of the ID Token
            certificate_status: Certificate status information
        """

    @abc.abstractmethod
    async def handle_ac_contactor_closed(self, status: bool) -> None:
        """This message is an async response to a previously published ac_close_contactor or
        ac_open_contactor.

        Args:
            status: Set to true when contactor is closed, false when contactor is open
        """

    @abc.abstractmethod
    async def handle_dlink_ready(self, value: bool) -> None:
        """Signals dlink_ready from SLAC layer according to ISO15118-3

        Args:
            value: Set to true when link becomes ready, false when the link is terminated
        """

    @abc.abstractmethod
    async def handle_cable_check_finished(self, status: bool) -> None:
        """Cable check is finished, voltage is under 20V and insulation resistor on the cable is
        alright

        Args:
            status: Set to true when cable check is okay
        """

    @abc.abstractmethod
    async def handle_receipt_is_required(self, receipt_required: bool) -> None:
        """This element is used by the SECC to indicate that the EVCC is required to send a
        MeteringReceiptReq message for the purpose of signing the meter info record.

        Args:
            receipt_required: Set to true when receipt is required, set to false when not
        """

    @abc.abstractmethod
    async def handle_stop_charging(self, stop: bool) -> None:
        """Stops the charging process

        Args:
            stop: Set to true when to stop, set to false when to continue
        """

    @abc.abstractmethod
    async def handle_pause_charging(self, pause: bool) -> None:
        """Pause the charging process (only in ISO15118-20)

        Args:
            pause: Set to true when to pause, set to false when to continue
        """

    @abc.abstractmethod
    async def handle_no_energy_pause_charging(self, mode: _iso15118.NoEnergyPauseMode) -> None:
        """Right now there is no power available for the charging process. According to
        IEC61851-23:2023 CC3.5.3 the charger can pause the session before or after the cable
        check and pre charge stage.

        Args:
            mode: Set to different no energy pause modes. For PauseAfterPrecharge the charger
                should pause but has power for cable check and pre charge. For
                PauseBeforeCableCheck the charger should pause before cable check. For
                AllowEvToIgnorePause charger should ignore, that the ev will go to CurrentDemand
                instead of pausing the session, this is against IEC61851-23:2023.
        """

    @abc.abstractmethod
    async def handle_update_supported_app_protocols(
        self,
        supported_app_protocols: _iso15118.SupportedAppProtocols,
    ) -> bool:
        """Update the supported charging protocols (DIN70121, ISO15118-2, ISO15118-20). Defaults
        are typically configured already; if this command is not called, the module keeps its
        default set of supported protocols. Note: This command is intended exclusively for
        Fake DC, primarily to disable specific supported protocols in case of
        incompatibilities between EVCC and SECC.

        Args:
            supported_app_protocols: Supported communication protocols advertised by the EVSE

        Returns:
            Returns true if the supported protocols were updated successfully
        """

    @abc.abstractmethod
    async def handle_update_energy_transfer_modes(
        self,
        supported_energy_transfer_modes: list[_iso15118.EnergyTransferMode],
    ) -> None:
        """Update the supported energy transfer modes. Call at least once during start up.
        Typically for ISO15118-2 and basic charging we expect unidirectional charging modes.
        For ISO15118-20 the user can set what type of modes the hardware supports, may that be
        bidirectional, unidirectional, wireless, etc charging.

        Args:
            supported_energy_transfer_modes: Available energy transfer modes supported by the
                EVSE
        """

    @abc.abstractmethod
    async def handle_update_ac_max_current(self, max_current: float) -> None:
        """Update the maximum allowed line current restriction per phase. Call at least once
        during start up.

        Args:
            max_current: Max current in A
        """

    @abc.abstractmethod
    async def handle_update_ac_parameters(self, ac_parameters: _iso15118.AcParameters) -> None:
        """Update the d20 initial ac parameters. Call at least once during start up

        Args:
            ac_parameters: Ac parameters the EVSE is setting
        """

    @abc.abstractmethod
    async def handle_update_ac_maximum_limits(
        self,
        maximum_limits: _iso15118.AcEvseMaximumPower,
    ) -> None:
        """Update the ac maximum limits. Call at least once during start up.

        Args:
            maximum_limits: Maximum values (charge and discharge) the EVSE can deliver
        """

    @abc.abstractmethod
    async def handle_update_ac_minimum_limits(
        self,
        minimum_limits: _iso15118.AcEvseMinimumPower,
    ) -> None:
        """Update the ac minimum limits. Call at least once during start up.

        Args:
            minimum_limits: Minimum values (charge and discharge) the EVSE can deliver
        """

    @abc.abstractmethod
    async def handle_update_ac_target_values(self, target_values: _iso15118.AcTargetValues) -> None:
        """Update the ac target values. Call at least once before charging begins.

        Args:
            target_values: AC target values
        """

    @abc.abstractmethod
    async def handle_update_ac_present_power(self, present_power: _units.Power) -> None:
        """Update the present power from the powermeter. Call at least once before charging
        begins

        Args:
            present_power: Present active power
        """

    @abc.abstractmethod
    async def handle_update_dc_maximum_limits(
        self,
        maximum_limits: _iso15118.DcEvseMaximumLimits,
    ) -> None:
        """Update the maximum limits. Call at least once during start up.

        Args:
            maximum_limits: Maximum values (current, power and voltage) the EVSE can deliver
        """

    @abc.abstractmethod
    async def handle_update_dc_minimum_limits(
        self,
        minimum_limits: _iso15118.DcEvseMinimumLimits,
    ) -> None:
        """Update the minimum limits. Call at least once during start up.

        Args:
            minimum_limits: Minimum values (current and voltage) the EVSE can deliver
        """

    @abc.abstractmethod
    async def handle_update_isolation_status(
        self,
        isolation_status: _iso15118.IsolationStatus,
    ) -> None:
        """Update the isolation condition

        Args:
            isolation_status: Result of the isolation monitoring
        """

    @abc.abstractmethod
    async def handle_update_dc_present_values(
        self,
        present_voltage_current: _iso15118.DcEvsePresentVoltageCurrent,
    ) -> None:
        """Update the present values from the DC powersupply

        Args:
            present_voltage_current: Present voltage and current
        """

    @abc.abstractmethod
    async def handle_update_meter_info(self, powermeter: _powermeter.Powermeter) -> None:
        """Update meter info

        Args:
            powermeter: Includes the meterInfo record containing the latest meter reading and
                other meter relevant data
        """

    @abc.abstractmethod
    async def handle_send_error(self, error: _iso15118.EvseError) -> None:
        """An error has happened. Send this error to inform the EV.

        Args:
            error: The EVSE error enum
        """

    @abc.abstractmethod
    async def handle_reset_error(self) -> None:
        """Reset all errors"""


class ISO15118ChargerPublisher:
    """Publishes the variables of ISO15118_charger, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_supported_app_protocols_secc(self, value: _iso15118.SupportedAppProtocols) -> None:
        """Supported charging protocols of the SECC. This always returns all supported protocols,
        even if they are restricted via cmd update_supported_app_protocols."""
        self._transport.publish(INTERFACE.variables["supported_app_protocols_secc"], value)

    def publish_require_auth_eim(self, value: None = None) -> None:
        """An EIM authorization is required"""
        self._transport.publish(INTERFACE.variables["require_auth_eim"], value)

    def publish_require_auth_pnc(self, value: _authorization.ProvidedIdToken) -> None:
        """The EVCC provides the payment details for a PnC authorization by sending the signature
        certificate chain and eMAID."""
        self._transport.publish(INTERFACE.variables["require_auth_pnc"], value)

    def publish_ac_close_contactor(self, value: None = None) -> None:
        """The contactor should be closed"""
        self._transport.publish(INTERFACE.variables["ac_close_contactor"], value)

    def publish_ac_open_contactor(self, value: None = None) -> None:
        """The contactor should be opened"""
        self._transport.publish(INTERFACE.variables["ac_open_contactor"], value)

    def publish_start_cable_check(self, value: None = None) -> None:
        """The charger should now start a cable check"""
        self._transport.publish(INTERFACE.variables["start_cable_check"], value)

    def publish_start_pre_charge(self, value: None = None) -> None:
        """The charger should now start the pre charge phase"""
        self._transport.publish(INTERFACE.variables["start_pre_charge"], value)

    def publish_dc_open_contactor(self, value: None = None) -> None:
        """The contactor should be opened"""
        self._transport.publish(INTERFACE.variables["dc_open_contactor"], value)

    def publish_v2g_setup_finished(self, value: None = None) -> None:
        """v2g_setup_finished from ISO15118-3. Trigger when EV sends a PowerDeliveryReq message
        with ChargeProgess equals Start or Stop"""
        self._transport.publish(INTERFACE.variables["v2g_setup_finished"], value)

    def publish_current_demand_started(self, value: None = None) -> None:
        """The charging process has started and the EV wants to be charged"""
        self._transport.publish(INTERFACE.variables["current_demand_started"], value)

    def publish_current_demand_finished(self, value: None = None) -> None:
        """The charging process was finished"""
        self._transport.publish(INTERFACE.variables["current_demand_finished"], value)

    def publish_sae_bidi_mode_active(self, value: None = None) -> None:
        """The SAE J2847 bidi mode is active"""
        self._transport.publish(INTERFACE.variables["sae_bidi_mode_active"], value)

    def publish_evcc_id(self, value: str) -> None:
        """Specifies the EVs identification in a readable format. It contains the MAC address of
        the EVCC in uppercase"""
        self._transport.publish(INTERFACE.variables["evcc_id"], value)

    def publish_selected_payment_option(self, value: _iso15118.PaymentOption) -> None:
        """This element is used for indicating the payment type"""
        self._transport.publish(INTERFACE.variables["selected_payment_option"], value)

    def publish_requested_energy_transfer_mode(self, value: _iso15118.EnergyTransferMode) -> None:
        """Selected energy transfer mode for charging that is requested by the EVCC."""
        self._transport.publish(INTERFACE.variables["requested_energy_transfer_mode"], value)

    def publish_departure_time(self, value: JsonDateTime) -> None:
        """Optional: [RFC3339 UTC] This element is used to indicate when the vehicle intends to
        finish the charging process"""
        self._transport.publish(INTERFACE.variables["departure_time"], value)

    def publish_ac_eamount(self, value: float) -> None:
        """[Wh] Amount of energy reflecting the EV's estimate how much energy is needed to
        fulfill the user configured charging goal for the current charging session"""
        self._transport.publish(INTERFACE.variables["ac_eamount"], value)

    def publish_ac_ev_max_voltage(self, value: float) -> None:
        """[V] The RMS of the maximal nominal voltage the vehicle can accept, measured between
        one phase and neutral"""
        self._transport.publish(INTERFACE.variables["ac_ev_max_voltage"], value)

    def publish_ac_ev_max_current(self, value: float) -> None:
        """[A] Maximum current supported by the EV per phase"""
        self._transport.publish(INTERFACE.variables["ac_ev_max_current"], value)

    def publish_ac_ev_min_current(self, value: float) -> None:
        """[A] EVMinCurrent is used to indicate to the SECC that charging below this minimum is
        not energy/cost efficient for the EV"""
        self._transport.publish(INTERFACE.variables["ac_ev_min_current"], value)

    def publish_ac_ev_power_limits(self, value: _iso15118.AcEvPowerLimits) -> None:
        """Ac charge & discharge power values supported and allowed by the EV"""
        self._transport.publish(INTERFACE.variables["ac_ev_power_limits"], value)

    def publish_ac_ev_present_powers(self, value: _iso15118.AcEvPresentPowerValues) -> None:
        """Present active and reactive power measured from the EV"""
        self._transport.publish(INTERFACE.variables["ac_ev_present_powers"], value)

    def publish_ac_ev_dynamic_control_mode(self, value: _iso15118.AcEvDynamicModeValues) -> None:
        """The parameters the EVCC offers and sets for ac dynamic control mode"""
        self._transport.publish(INTERFACE.variables["ac_ev_dynamic_control_mode"], value)

    def publish_dc_ev_energy_capacity(self, value: float) -> None:
        """Optional: [Wh] Energy capacity of the EV"""
        self._transport.publish(INTERFACE.variables["dc_ev_energy_capacity"], value)

    def publish_dc_ev_energy_request(self, value: float) -> None:
        """Optional: [Wh] Amount of energy the EV requests from the EVSE"""
        self._transport.publish(INTERFACE.variables["dc_ev_energy_request"], value)

    def publish_dc_full_soc(self, value: float) -> None:
        """Optional: [%] SOC at which the EV considers the battery to be fully charged"""
        self._transport.publish(INTERFACE.variables["dc_full_soc"], value)

    def publish_dc_bulk_soc(self, value: float) -> None:
        """Optional: [%] SOC at which the EV considers a fast charge process to end"""
        self._transport.publish(INTERFACE.variables["dc_bulk_soc"], value)

    def publish_dc_ev_status(self, value: _iso15118.DcEvStatus) -> None:
        """Current status of the EV"""
        self._transport.publish(INTERFACE.variables["dc_ev_status"], value)

    def publish_dc_bulk_charging_complete(self, value: bool) -> None:
        """Optional: If set to TRUE, the EV indicates that bulk charge (approx. 80% SOC) is
        complete"""
        self._transport.publish(INTERFACE.variables["dc_bulk_charging_complete"], value)

    def publish_dc_charging_complete(self, value: bool) -> None:
        """Optional: If set to TRUE, the EV indicates that full charge (100% SOC) is complete"""
        self._transport.publish(INTERFACE.variables["dc_charging_complete"], value)

    def publish_dc_ev_target_voltage_current(self, value: _iso15118.DcEvTargetValues) -> None:
        """Target voltage and current requested by the EV"""
        self._transport.publish(INTERFACE.variables["dc_ev_target_voltage_current"], value)

    def publish_dc_ev_maximum_limits(self, value: _iso15118.DcEvMaximumLimits) -> None:
        """Maximum Values (current, power and voltage) supported and allowed by the EV"""
        self._transport.publish(INTERFACE.variables["dc_ev_maximum_limits"], value)

    def publish_dc_ev_remaining_time(self, value: _iso15118.DcEvRemainingTime) -> None:
        """Estimated or calculated time until bulk and full charge is complete"""
        self._transport.publish(INTERFACE.variables["dc_ev_remaining_time"], value)

    def publish_hlc_session_failed(self, value: _evse_manager.HlcSessionFailedReasonEnum) -> None:
        """Published by the HLC module whenever an HLC session failure is detected, immediately
        when it occurs. Provides a protocol-agnostic reason for the failure independently of
        the EvseManager state machine transitions."""
        self._transport.publish(INTERFACE.variables["hlc_session_failed"], value)

    def publish_dlink_terminate(self, value: None = None) -> None:
        """Terminate the data link and become UNMATCHED."""
        self._transport.publish(INTERFACE.variables["dlink_terminate"], value)

    def publish_dlink_error(self, value: None = None) -> None:
        """Terminate the data link and restart the matching process."""
        self._transport.publish(INTERFACE.variables["dlink_error"], value)

    def publish_dlink_pause(self, value: None = None) -> None:
        """Request power saving mode, while staying MATCHED."""
        self._transport.publish(INTERFACE.variables["dlink_pause"], value)

    def publish_ev_app_protocol(self, value: _iso15118.AppProtocols) -> None:
        """Debug_Lite - This request message provides a list of charging protocols supported by
        the EVCC"""
        self._transport.publish(INTERFACE.variables["ev_app_protocol"], value)

    def publish_v2g_messages(self, value: _iso15118.V2gMessages) -> None:
        """Debug - This element contains all V2G elements and should be used for debug purposes
        only"""
        self._transport.publish(INTERFACE.variables["v2g_messages"], value)

    def publish_selected_protocol(self, value: str) -> None:
        """Debug - Contains the selected protocol"""
        self._transport.publish(INTERFACE.variables["selected_protocol"], value)

    def publish_display_parameters(self, value: _iso15118.DisplayParameters) -> None:
        """Parameters that may be displayed on the EVSE (Soc, battery capacity)"""
        self._transport.publish(INTERFACE.variables["display_parameters"], value)

    def publish_d20_dc_dynamic_charge_mode(
        self,
        value: _iso15118.DcChargeDynamicModeValues,
    ) -> None:
        """The parameters the EVCC offers and sets for dynamic control mode"""
        self._transport.publish(INTERFACE.variables["d20_dc_dynamic_charge_mode"], value)

    def publish_dc_ev_present_voltage(self, value: float) -> None:
        """Present Voltage measured from the EV"""
        self._transport.publish(INTERFACE.variables["dc_ev_present_voltage"], value)

    def publish_meter_info_requested(self, value: None = None) -> None:
        """The EV requested meter infos from the EVSE"""
        self._transport.publish(INTERFACE.variables["meter_info_requested"], value)

    def publish_selected_service_parameters(
        self,
        value: _iso15118.SelectedServiceParameters,
    ) -> None:
        """From the EV selected service parameters"""
        self._transport.publish(INTERFACE.variables["selected_service_parameters"], value)

    def publish_ev_termination(self, value: _iso15118.EvTermination) -> None:
        """The EV termination code as described in ISO15118-20."""
        self._transport.publish(INTERFACE.variables["ev_termination"], value)


class ISO15118ChargerClient:
    """Calls the commands of a module providing ISO15118_charger, subscribes to its variables.

    What each command and variable means is documented on ``ISO15118ChargerHandler`` and
    ``ISO15118ChargerPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def setup(
        self,
        evse_id: _iso15118.EVSEID,
        sae_j2847_mode: _iso15118.SaeJ2847BidiMode,
        debug_mode: bool,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``setup``: see ``ISO15118ChargerHandler.handle_setup``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["setup"],
            {"evse_id": evse_id, "sae_j2847_mode": sae_j2847_mode, "debug_mode": debug_mode},
            timeout,
        )

    async def set_charging_parameters(
        self,
        physical_values: _iso15118.SetupPhysicalValues,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_charging_parameters``: see
        ``ISO15118ChargerHandler.handle_set_charging_parameters``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_charging_parameters"],
            {"physical_values": physical_values},
            timeout,
        )

    async def session_setup(
        self,
        payment_options: list[_iso15118.PaymentOption],
        supported_certificate_service: bool,
        central_contract_validation_allowed: bool,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``session_setup``: see ``ISO15118ChargerHandler.handle_session_setup``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["session_setup"],
            {
                "payment_options": payment_options,
                "supported_certificate_service": supported_certificate_service,
                "central_contract_validation_allowed": central_contract_validation_allowed,
            },
            timeout,
        )

    async def bpt_setup(
        self,
        bpt_config: _iso15118.BptSetup,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``bpt_setup``: see ``ISO15118ChargerHandler.handle_bpt_setup``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["bpt_setup"],
            {"bpt_config": bpt_config},
            timeout,
        )

    async def set_powersupply_capabilities(
        self,
        capabilities: _power_supply_DC.Capabilities,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_powersupply_capabilities``: see
        ``ISO15118ChargerHandler.handle_set_powersupply_capabilities``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_powersupply_capabilities"],
            {"capabilities": capabilities},
            timeout,
        )

    async def authorization_response(
        self,
        authorization_status: _authorization.AuthorizationStatus,
        certificate_status: _authorization.CertificateStatus,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``authorization_response``: see
        ``ISO15118ChargerHandler.handle_authorization_response``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["authorization_response"],
            {
                "authorization_status": authorization_status,
                "certificate_status": certificate_status,
            },
            timeout,
        )

    async def ac_contactor_closed(self, status: bool, *, timeout: float | None = None) -> None:
        """Call ``ac_contactor_closed``: see
        ``ISO15118ChargerHandler.handle_ac_contactor_closed``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["ac_contactor_closed"],
            {"status": status},
            timeout,
        )

    async def dlink_ready(self, value: bool, *, timeout: float | None = None) -> None:
        """Call ``dlink_ready``: see ``ISO15118ChargerHandler.handle_dlink_ready``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["dlink_ready"], {"value": value}, timeout)

    async def cable_check_finished(self, status: bool, *, timeout: float | None = None) -> None:
        """Call ``cable_check_finished``: see
        ``ISO15118ChargerHandler.handle_cable_check_finished``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["cable_check_finished"],
            {"status": status},
            timeout,
        )

    async def receipt_is_required(
        self,
        receipt_required: bool,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``receipt_is_required``: see
        ``ISO15118ChargerHandler.handle_receipt_is_required``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["receipt_is_required"],
            {"receipt_required": receipt_required},
            timeout,
        )

    async def stop_charging(self, stop: bool, *, timeout: float | None = None) -> None:
        """Call ``stop_charging``: see ``ISO15118ChargerHandler.handle_stop_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["stop_charging"], {"stop": stop}, timeout)

    async def pause_charging(self, pause: bool, *, timeout: float | None = None) -> None:
        """Call ``pause_charging``: see ``ISO15118ChargerHandler.handle_pause_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["pause_charging"], {"pause": pause}, timeout)

    async def no_energy_pause_charging(
        self,
        mode: _iso15118.NoEnergyPauseMode,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``no_energy_pause_charging``: see
        ``ISO15118ChargerHandler.handle_no_energy_pause_charging``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["no_energy_pause_charging"],
            {"mode": mode},
            timeout,
        )

    async def update_supported_app_protocols(
        self,
        supported_app_protocols: _iso15118.SupportedAppProtocols,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``update_supported_app_protocols``: see
        ``ISO15118ChargerHandler.handle_update_supported_app_protocols``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["update_supported_app_protocols"],
            {"supported_app_protocols": supported_app_protocols},
            timeout,
        )
        return cast(bool, result)

    async def update_energy_transfer_modes(
        self,
        supported_energy_transfer_modes: list[_iso15118.EnergyTransferMode],
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_energy_transfer_modes``: see
        ``ISO15118ChargerHandler.handle_update_energy_transfer_modes``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_energy_transfer_modes"],
            {"supported_energy_transfer_modes": supported_energy_transfer_modes},
            timeout,
        )

    async def update_ac_max_current(
        self,
        max_current: float,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_ac_max_current``: see
        ``ISO15118ChargerHandler.handle_update_ac_max_current``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_ac_max_current"],
            {"max_current": max_current},
            timeout,
        )

    async def update_ac_parameters(
        self,
        ac_parameters: _iso15118.AcParameters,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_ac_parameters``: see
        ``ISO15118ChargerHandler.handle_update_ac_parameters``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_ac_parameters"],
            {"ac_parameters": ac_parameters},
            timeout,
        )

    async def update_ac_maximum_limits(
        self,
        maximum_limits: _iso15118.AcEvseMaximumPower,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_ac_maximum_limits``: see
        ``ISO15118ChargerHandler.handle_update_ac_maximum_limits``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_ac_maximum_limits"],
            {"maximum_limits": maximum_limits},
            timeout,
        )

    async def update_ac_minimum_limits(
        self,
        minimum_limits: _iso15118.AcEvseMinimumPower,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_ac_minimum_limits``: see
        ``ISO15118ChargerHandler.handle_update_ac_minimum_limits``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_ac_minimum_limits"],
            {"minimum_limits": minimum_limits},
            timeout,
        )

    async def update_ac_target_values(
        self,
        target_values: _iso15118.AcTargetValues,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_ac_target_values``: see
        ``ISO15118ChargerHandler.handle_update_ac_target_values``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_ac_target_values"],
            {"target_values": target_values},
            timeout,
        )

    async def update_ac_present_power(
        self,
        present_power: _units.Power,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_ac_present_power``: see
        ``ISO15118ChargerHandler.handle_update_ac_present_power``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_ac_present_power"],
            {"present_power": present_power},
            timeout,
        )

    async def update_dc_maximum_limits(
        self,
        maximum_limits: _iso15118.DcEvseMaximumLimits,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_dc_maximum_limits``: see
        ``ISO15118ChargerHandler.handle_update_dc_maximum_limits``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_dc_maximum_limits"],
            {"maximum_limits": maximum_limits},
            timeout,
        )

    async def update_dc_minimum_limits(
        self,
        minimum_limits: _iso15118.DcEvseMinimumLimits,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_dc_minimum_limits``: see
        ``ISO15118ChargerHandler.handle_update_dc_minimum_limits``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_dc_minimum_limits"],
            {"minimum_limits": minimum_limits},
            timeout,
        )

    async def update_isolation_status(
        self,
        isolation_status: _iso15118.IsolationStatus,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_isolation_status``: see
        ``ISO15118ChargerHandler.handle_update_isolation_status``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_isolation_status"],
            {"isolation_status": isolation_status},
            timeout,
        )

    async def update_dc_present_values(
        self,
        present_voltage_current: _iso15118.DcEvsePresentVoltageCurrent,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_dc_present_values``: see
        ``ISO15118ChargerHandler.handle_update_dc_present_values``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_dc_present_values"],
            {"present_voltage_current": present_voltage_current},
            timeout,
        )

    async def update_meter_info(
        self,
        powermeter: _powermeter.Powermeter,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_meter_info``: see ``ISO15118ChargerHandler.handle_update_meter_info``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_meter_info"],
            {"powermeter": powermeter},
            timeout,
        )

    async def send_error(self, error: _iso15118.EvseError, *, timeout: float | None = None) -> None:
        """Call ``send_error``: see ``ISO15118ChargerHandler.handle_send_error``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["send_error"], {"error": error}, timeout)

    async def reset_error(self, *, timeout: float | None = None) -> None:
        """Call ``reset_error``: see ``ISO15118ChargerHandler.handle_reset_error``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["reset_error"], {}, timeout)

    def subscribe_supported_app_protocols_secc(
        self,
        callback: Callable[[_iso15118.SupportedAppProtocols], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_supported_app_protocols_secc``."""
        return self._transport.subscribe(
            INTERFACE.variables["supported_app_protocols_secc"],
            callback,
        )

    def subscribe_require_auth_eim(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_require_auth_eim``."""
        return self._transport.subscribe(INTERFACE.variables["require_auth_eim"], callback)

    def subscribe_require_auth_pnc(
        self,
        callback: Callable[[_authorization.ProvidedIdToken], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_require_auth_pnc``."""
        return self._transport.subscribe(INTERFACE.variables["require_auth_pnc"], callback)

    def subscribe_ac_close_contactor(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_close_contactor``."""
        return self._transport.subscribe(INTERFACE.variables["ac_close_contactor"], callback)

    def subscribe_ac_open_contactor(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_open_contactor``."""
        return self._transport.subscribe(INTERFACE.variables["ac_open_contactor"], callback)

    def subscribe_start_cable_check(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_start_cable_check``."""
        return self._transport.subscribe(INTERFACE.variables["start_cable_check"], callback)

    def subscribe_start_pre_charge(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_start_pre_charge``."""
        return self._transport.subscribe(INTERFACE.variables["start_pre_charge"], callback)

    def subscribe_dc_open_contactor(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_open_contactor``."""
        return self._transport.subscribe(INTERFACE.variables["dc_open_contactor"], callback)

    def subscribe_v2g_setup_finished(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_v2g_setup_finished``."""
        return self._transport.subscribe(INTERFACE.variables["v2g_setup_finished"], callback)

    def subscribe_current_demand_started(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_current_demand_started``."""
        return self._transport.subscribe(INTERFACE.variables["current_demand_started"], callback)

    def subscribe_current_demand_finished(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_current_demand_finished``."""
        return self._transport.subscribe(INTERFACE.variables["current_demand_finished"], callback)

    def subscribe_sae_bidi_mode_active(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_sae_bidi_mode_active``."""
        return self._transport.subscribe(INTERFACE.variables["sae_bidi_mode_active"], callback)

    def subscribe_evcc_id(self, callback: Callable[[str], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_evcc_id``."""
        return self._transport.subscribe(INTERFACE.variables["evcc_id"], callback)

    def subscribe_selected_payment_option(
        self,
        callback: Callable[[_iso15118.PaymentOption], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_selected_payment_option``."""
        return self._transport.subscribe(INTERFACE.variables["selected_payment_option"], callback)

    def subscribe_requested_energy_transfer_mode(
        self,
        callback: Callable[[_iso15118.EnergyTransferMode], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_requested_energy_transfer_mode``."""
        return self._transport.subscribe(
            INTERFACE.variables["requested_energy_transfer_mode"],
            callback,
        )

    def subscribe_departure_time(
        self,
        callback: Callable[[JsonDateTime], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_departure_time``."""
        return self._transport.subscribe(INTERFACE.variables["departure_time"], callback)

    def subscribe_ac_eamount(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_eamount``."""
        return self._transport.subscribe(INTERFACE.variables["ac_eamount"], callback)

    def subscribe_ac_ev_max_voltage(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_ev_max_voltage``."""
        return self._transport.subscribe(INTERFACE.variables["ac_ev_max_voltage"], callback)

    def subscribe_ac_ev_max_current(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_ev_max_current``."""
        return self._transport.subscribe(INTERFACE.variables["ac_ev_max_current"], callback)

    def subscribe_ac_ev_min_current(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_ev_min_current``."""
        return self._transport.subscribe(INTERFACE.variables["ac_ev_min_current"], callback)

    def subscribe_ac_ev_power_limits(
        self,
        callback: Callable[[_iso15118.AcEvPowerLimits], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_ev_power_limits``."""
        return self._transport.subscribe(INTERFACE.variables["ac_ev_power_limits"], callback)

    def subscribe_ac_ev_present_powers(
        self,
        callback: Callable[[_iso15118.AcEvPresentPowerValues], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_ev_present_powers``."""
        return self._transport.subscribe(INTERFACE.variables["ac_ev_present_powers"], callback)

    def subscribe_ac_ev_dynamic_control_mode(
        self,
        callback: Callable[[_iso15118.AcEvDynamicModeValues], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ac_ev_dynamic_control_mode``."""
        return self._transport.subscribe(
            INTERFACE.variables["ac_ev_dynamic_control_mode"],
            callback,
        )

    def subscribe_dc_ev_energy_capacity(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_ev_energy_capacity``."""
        return self._transport.subscribe(INTERFACE.variables["dc_ev_energy_capacity"], callback)

    def subscribe_dc_ev_energy_request(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_ev_energy_request``."""
        return self._transport.subscribe(INTERFACE.variables["dc_ev_energy_request"], callback)

    def subscribe_dc_full_soc(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_full_soc``."""
        return self._transport.subscribe(INTERFACE.variables["dc_full_soc"], callback)

    def subscribe_dc_bulk_soc(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_bulk_soc``."""
        return self._transport.subscribe(INTERFACE.variables["dc_bulk_soc"], callback)

    def subscribe_dc_ev_status(
        self,
        callback: Callable[[_iso15118.DcEvStatus], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_ev_status``."""
        return self._transport.subscribe(INTERFACE.variables["dc_ev_status"], callback)

    def subscribe_dc_bulk_charging_complete(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_bulk_charging_complete``."""
        return self._transport.subscribe(INTERFACE.variables["dc_bulk_charging_complete"], callback)

    def subscribe_dc_charging_complete(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_charging_complete``."""
        return self._transport.subscribe(INTERFACE.variables["dc_charging_complete"], callback)

    def subscribe_dc_ev_target_voltage_current(
        self,
        callback: Callable[[_iso15118.DcEvTargetValues], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_ev_target_voltage_current``."""
        return self._transport.subscribe(
            INTERFACE.variables["dc_ev_target_voltage_current"],
            callback,
        )

    def subscribe_dc_ev_maximum_limits(
        self,
        callback: Callable[[_iso15118.DcEvMaximumLimits], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_ev_maximum_limits``."""
        return self._transport.subscribe(INTERFACE.variables["dc_ev_maximum_limits"], callback)

    def subscribe_dc_ev_remaining_time(
        self,
        callback: Callable[[_iso15118.DcEvRemainingTime], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_ev_remaining_time``."""
        return self._transport.subscribe(INTERFACE.variables["dc_ev_remaining_time"], callback)

    def subscribe_hlc_session_failed(
        self,
        callback: Callable[[_evse_manager.HlcSessionFailedReasonEnum], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_hlc_session_failed``."""
        return self._transport.subscribe(INTERFACE.variables["hlc_session_failed"], callback)

    def subscribe_dlink_terminate(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dlink_terminate``."""
        return self._transport.subscribe(INTERFACE.variables["dlink_terminate"], callback)

    def subscribe_dlink_error(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dlink_error``."""
        return self._transport.subscribe(INTERFACE.variables["dlink_error"], callback)

    def subscribe_dlink_pause(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dlink_pause``."""
        return self._transport.subscribe(INTERFACE.variables["dlink_pause"], callback)

    def subscribe_ev_app_protocol(
        self,
        callback: Callable[[_iso15118.AppProtocols], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ev_app_protocol``."""
        return self._transport.subscribe(INTERFACE.variables["ev_app_protocol"], callback)

    def subscribe_v2g_messages(
        self,
        callback: Callable[[_iso15118.V2gMessages], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_v2g_messages``."""
        return self._transport.subscribe(INTERFACE.variables["v2g_messages"], callback)

    def subscribe_selected_protocol(
        self,
        callback: Callable[[str], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_selected_protocol``."""
        return self._transport.subscribe(INTERFACE.variables["selected_protocol"], callback)

    def subscribe_display_parameters(
        self,
        callback: Callable[[_iso15118.DisplayParameters], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_display_parameters``."""
        return self._transport.subscribe(INTERFACE.variables["display_parameters"], callback)

    def subscribe_d20_dc_dynamic_charge_mode(
        self,
        callback: Callable[[_iso15118.DcChargeDynamicModeValues], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_d20_dc_dynamic_charge_mode``."""
        return self._transport.subscribe(
            INTERFACE.variables["d20_dc_dynamic_charge_mode"],
            callback,
        )

    def subscribe_dc_ev_present_voltage(
        self,
        callback: Callable[[float], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_dc_ev_present_voltage``."""
        return self._transport.subscribe(INTERFACE.variables["dc_ev_present_voltage"], callback)

    def subscribe_meter_info_requested(
        self,
        callback: Callable[[None], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_meter_info_requested``."""
        return self._transport.subscribe(INTERFACE.variables["meter_info_requested"], callback)

    def subscribe_selected_service_parameters(
        self,
        callback: Callable[[_iso15118.SelectedServiceParameters], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_selected_service_parameters``."""
        return self._transport.subscribe(
            INTERFACE.variables["selected_service_parameters"],
            callback,
        )

    def subscribe_ev_termination(
        self,
        callback: Callable[[_iso15118.EvTermination], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``ISO15118ChargerPublisher.publish_ev_termination``."""
        return self._transport.subscribe(INTERFACE.variables["ev_termination"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="ISO15118_charger",
    commands={
        "setup": CommandSpec(
            name="setup",
            py_name="setup",
            arguments=(
                ArgumentSpec(
                    name="evse_id",
                    py_name="evse_id",
                    adapter=TypeAdapter(_iso15118.EVSEID),
                ),
                ArgumentSpec(
                    name="sae_j2847_mode",
                    py_name="sae_j2847_mode",
                    adapter=TypeAdapter(_iso15118.SaeJ2847BidiMode),
                ),
                ArgumentSpec(
                    name="debug_mode",
                    py_name="debug_mode",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "set_charging_parameters": CommandSpec(
            name="set_charging_parameters",
            py_name="set_charging_parameters",
            arguments=(
                ArgumentSpec(
                    name="physical_values",
                    py_name="physical_values",
                    adapter=TypeAdapter(_iso15118.SetupPhysicalValues),
                ),
            ),
            result=None,
        ),
        "session_setup": CommandSpec(
            name="session_setup",
            py_name="session_setup",
            arguments=(
                ArgumentSpec(
                    name="payment_options",
                    py_name="payment_options",
                    adapter=TypeAdapter(
                        Annotated[list[_iso15118.PaymentOption], Field(min_length=1, max_length=2)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="supported_certificate_service",
                    py_name="supported_certificate_service",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="central_contract_validation_allowed",
                    py_name="central_contract_validation_allowed",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "bpt_setup": CommandSpec(
            name="bpt_setup",
            py_name="bpt_setup",
            arguments=(
                ArgumentSpec(
                    name="bpt_config",
                    py_name="bpt_config",
                    adapter=TypeAdapter(_iso15118.BptSetup),
                ),
            ),
            result=None,
        ),
        "set_powersupply_capabilities": CommandSpec(
            name="set_powersupply_capabilities",
            py_name="set_powersupply_capabilities",
            arguments=(
                ArgumentSpec(
                    name="capabilities",
                    py_name="capabilities",
                    adapter=TypeAdapter(_power_supply_DC.Capabilities),
                ),
            ),
            result=None,
        ),
        "authorization_response": CommandSpec(
            name="authorization_response",
            py_name="authorization_response",
            arguments=(
                ArgumentSpec(
                    name="authorization_status",
                    py_name="authorization_status",
                    adapter=TypeAdapter(_authorization.AuthorizationStatus),
                ),
                ArgumentSpec(
                    name="certificate_status",
                    py_name="certificate_status",
                    adapter=TypeAdapter(_authorization.CertificateStatus),
                ),
            ),
            result=None,
        ),
        "ac_contactor_closed": CommandSpec(
            name="ac_contactor_closed",
            py_name="ac_contactor_closed",
            arguments=(
                ArgumentSpec(
                    name="status",
                    py_name="status",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "dlink_ready": CommandSpec(
            name="dlink_ready",
            py_name="dlink_ready",
            arguments=(
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "cable_check_finished": CommandSpec(
            name="cable_check_finished",
            py_name="cable_check_finished",
            arguments=(
                ArgumentSpec(
                    name="status",
                    py_name="status",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "receipt_is_required": CommandSpec(
            name="receipt_is_required",
            py_name="receipt_is_required",
            arguments=(
                ArgumentSpec(
                    name="receipt_required",
                    py_name="receipt_required",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "stop_charging": CommandSpec(
            name="stop_charging",
            py_name="stop_charging",
            arguments=(
                ArgumentSpec(
                    name="stop",
                    py_name="stop",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "pause_charging": CommandSpec(
            name="pause_charging",
            py_name="pause_charging",
            arguments=(
                ArgumentSpec(
                    name="pause",
                    py_name="pause",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "no_energy_pause_charging": CommandSpec(
            name="no_energy_pause_charging",
            py_name="no_energy_pause_charging",
            arguments=(
                ArgumentSpec(
                    name="mode",
                    py_name="mode",
                    adapter=TypeAdapter(_iso15118.NoEnergyPauseMode),
                ),
            ),
            result=None,
        ),
        "update_supported_app_protocols": CommandSpec(
            name="update_supported_app_protocols",
            py_name="update_supported_app_protocols",
            arguments=(
                ArgumentSpec(
                    name="supported_app_protocols",
                    py_name="supported_app_protocols",
                    adapter=TypeAdapter(_iso15118.SupportedAppProtocols),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "update_energy_transfer_modes": CommandSpec(
            name="update_energy_transfer_modes",
            py_name="update_energy_transfer_modes",
            arguments=(
                ArgumentSpec(
                    name="supported_energy_transfer_modes",
                    py_name="supported_energy_transfer_modes",
                    adapter=TypeAdapter(
                        Annotated[
                            list[_iso15118.EnergyTransferMode],
                            Field(min_length=1, max_length=18),
                        ],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=None,
        ),
        "update_ac_max_current": CommandSpec(
            name="update_ac_max_current",
            py_name="update_ac_max_current",
            arguments=(
                ArgumentSpec(
                    name="max_current",
                    py_name="max_current",
                    adapter=TypeAdapter(
                        Annotated[JsonNumber, Field(ge=0, le=400)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=None,
        ),
        "update_ac_parameters": CommandSpec(
            name="update_ac_parameters",
            py_name="update_ac_parameters",
            arguments=(
                ArgumentSpec(
                    name="ac_parameters",
                    py_name="ac_parameters",
                    adapter=TypeAdapter(_iso15118.AcParameters),
                ),
            ),
            result=None,
        ),
        "update_ac_maximum_limits": CommandSpec(
            name="update_ac_maximum_limits",
            py_name="update_ac_maximum_limits",
            arguments=(
                ArgumentSpec(
                    name="maximum_limits",
                    py_name="maximum_limits",
                    adapter=TypeAdapter(_iso15118.AcEvseMaximumPower),
                ),
            ),
            result=None,
        ),
        "update_ac_minimum_limits": CommandSpec(
            name="update_ac_minimum_limits",
            py_name="update_ac_minimum_limits",
            arguments=(
                ArgumentSpec(
                    name="minimum_limits",
                    py_name="minimum_limits",
                    adapter=TypeAdapter(_iso15118.AcEvseMinimumPower),
                ),
            ),
            result=None,
        ),
        "update_ac_target_values": CommandSpec(
            name="update_ac_target_values",
            py_name="update_ac_target_values",
            arguments=(
                ArgumentSpec(
                    name="target_values",
                    py_name="target_values",
                    adapter=TypeAdapter(_iso15118.AcTargetValues),
                ),
            ),
            result=None,
        ),
        "update_ac_present_power": CommandSpec(
            name="update_ac_present_power",
            py_name="update_ac_present_power",
            arguments=(
                ArgumentSpec(
                    name="present_power",
                    py_name="present_power",
                    adapter=TypeAdapter(_units.Power),
                ),
            ),
            result=None,
        ),
        "update_dc_maximum_limits": CommandSpec(
            name="update_dc_maximum_limits",
            py_name="update_dc_maximum_limits",
            arguments=(
                ArgumentSpec(
                    name="maximum_limits",
                    py_name="maximum_limits",
                    adapter=TypeAdapter(_iso15118.DcEvseMaximumLimits),
                ),
            ),
            result=None,
        ),
        "update_dc_minimum_limits": CommandSpec(
            name="update_dc_minimum_limits",
            py_name="update_dc_minimum_limits",
            arguments=(
                ArgumentSpec(
                    name="minimum_limits",
                    py_name="minimum_limits",
                    adapter=TypeAdapter(_iso15118.DcEvseMinimumLimits),
                ),
            ),
            result=None,
        ),
        "update_isolation_status": CommandSpec(
            name="update_isolation_status",
            py_name="update_isolation_status",
            arguments=(
                ArgumentSpec(
                    name="isolation_status",
                    py_name="isolation_status",
                    adapter=TypeAdapter(_iso15118.IsolationStatus),
                ),
            ),
            result=None,
        ),
        "update_dc_present_values": CommandSpec(
            name="update_dc_present_values",
            py_name="update_dc_present_values",
            arguments=(
                ArgumentSpec(
                    name="present_voltage_current",
                    py_name="present_voltage_current",
                    adapter=TypeAdapter(_iso15118.DcEvsePresentVoltageCurrent),
                ),
            ),
            result=None,
        ),
        "update_meter_info": CommandSpec(
            name="update_meter_info",
            py_name="update_meter_info",
            arguments=(
                ArgumentSpec(
                    name="powermeter",
                    py_name="powermeter",
                    adapter=TypeAdapter(_powermeter.Powermeter),
                ),
            ),
            result=None,
        ),
        "send_error": CommandSpec(
            name="send_error",
            py_name="send_error",
            arguments=(
                ArgumentSpec(
                    name="error",
                    py_name="error",
                    adapter=TypeAdapter(_iso15118.EvseError),
                ),
            ),
            result=None,
        ),
        "reset_error": CommandSpec(
            name="reset_error",
            py_name="reset_error",
            arguments=(),
            result=None,
        ),
    },
    variables={
        "supported_app_protocols_secc": VariableSpec(
            name="supported_app_protocols_secc",
            py_name="supported_app_protocols_secc",
            adapter=TypeAdapter(_iso15118.SupportedAppProtocols),
        ),
        "require_auth_eim": VariableSpec(
            name="require_auth_eim",
            py_name="require_auth_eim",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "require_auth_pnc": VariableSpec(
            name="require_auth_pnc",
            py_name="require_auth_pnc",
            adapter=TypeAdapter(_authorization.ProvidedIdToken),
        ),
        "ac_close_contactor": VariableSpec(
            name="ac_close_contactor",
            py_name="ac_close_contactor",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "ac_open_contactor": VariableSpec(
            name="ac_open_contactor",
            py_name="ac_open_contactor",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "start_cable_check": VariableSpec(
            name="start_cable_check",
            py_name="start_cable_check",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "start_pre_charge": VariableSpec(
            name="start_pre_charge",
            py_name="start_pre_charge",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "dc_open_contactor": VariableSpec(
            name="dc_open_contactor",
            py_name="dc_open_contactor",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "v2g_setup_finished": VariableSpec(
            name="v2g_setup_finished",
            py_name="v2g_setup_finished",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "current_demand_started": VariableSpec(
            name="current_demand_started",
            py_name="current_demand_started",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "current_demand_finished": VariableSpec(
            name="current_demand_finished",
            py_name="current_demand_finished",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "sae_bidi_mode_active": VariableSpec(
            name="sae_bidi_mode_active",
            py_name="sae_bidi_mode_active",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "evcc_id": VariableSpec(
            name="evcc_id",
            py_name="evcc_id",
            adapter=TypeAdapter(
                Annotated[
                    JsonString,
                    Field(pattern=re.compile("^[A-F0-9]{2}(:[A-F0-9]{2}){5}\\Z")),
                ],
                config=_DEFERRED,
            ),
        ),
        "selected_payment_option": VariableSpec(
            name="selected_payment_option",
            py_name="selected_payment_option",
            adapter=TypeAdapter(_iso15118.PaymentOption),
        ),
        "requested_energy_transfer_mode": VariableSpec(
            name="requested_energy_transfer_mode",
            py_name="requested_energy_transfer_mode",
            adapter=TypeAdapter(_iso15118.EnergyTransferMode),
        ),
        "departure_time": VariableSpec(
            name="departure_time",
            py_name="departure_time",
            adapter=TypeAdapter(JsonDateTime, config=_DEFERRED),
        ),
        "ac_eamount": VariableSpec(
            name="ac_eamount",
            py_name="ac_eamount",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=200000)], config=_DEFERRED),
        ),
        "ac_ev_max_voltage": VariableSpec(
            name="ac_ev_max_voltage",
            py_name="ac_ev_max_voltage",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=1000)], config=_DEFERRED),
        ),
        "ac_ev_max_current": VariableSpec(
            name="ac_ev_max_current",
            py_name="ac_ev_max_current",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=400)], config=_DEFERRED),
        ),
        "ac_ev_min_current": VariableSpec(
            name="ac_ev_min_current",
            py_name="ac_ev_min_current",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=400)], config=_DEFERRED),
        ),
        "ac_ev_power_limits": VariableSpec(
            name="ac_ev_power_limits",
            py_name="ac_ev_power_limits",
            adapter=TypeAdapter(_iso15118.AcEvPowerLimits),
        ),
        "ac_ev_present_powers": VariableSpec(
            name="ac_ev_present_powers",
            py_name="ac_ev_present_powers",
            adapter=TypeAdapter(_iso15118.AcEvPresentPowerValues),
        ),
        "ac_ev_dynamic_control_mode": VariableSpec(
            name="ac_ev_dynamic_control_mode",
            py_name="ac_ev_dynamic_control_mode",
            adapter=TypeAdapter(_iso15118.AcEvDynamicModeValues),
        ),
        "dc_ev_energy_capacity": VariableSpec(
            name="dc_ev_energy_capacity",
            py_name="dc_ev_energy_capacity",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=200000)], config=_DEFERRED),
        ),
        "dc_ev_energy_request": VariableSpec(
            name="dc_ev_energy_request",
            py_name="dc_ev_energy_request",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=200000)], config=_DEFERRED),
        ),
        "dc_full_soc": VariableSpec(
            name="dc_full_soc",
            py_name="dc_full_soc",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=100)], config=_DEFERRED),
        ),
        "dc_bulk_soc": VariableSpec(
            name="dc_bulk_soc",
            py_name="dc_bulk_soc",
            adapter=TypeAdapter(Annotated[JsonNumber, Field(ge=0, le=100)], config=_DEFERRED),
        ),
        "dc_ev_status": VariableSpec(
            name="dc_ev_status",
            py_name="dc_ev_status",
            adapter=TypeAdapter(_iso15118.DcEvStatus),
        ),
        "dc_bulk_charging_complete": VariableSpec(
            name="dc_bulk_charging_complete",
            py_name="dc_bulk_charging_complete",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "dc_charging_complete": VariableSpec(
            name="dc_charging_complete",
            py_name="dc_charging_complete",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "dc_ev_target_voltage_current": VariableSpec(
            name="dc_ev_target_voltage_current",
            py_name="dc_ev_target_voltage_current",
            adapter=TypeAdapter(_iso15118.DcEvTargetValues),
        ),
        "dc_ev_maximum_limits": VariableSpec(
            name="dc_ev_maximum_limits",
            py_name="dc_ev_maximum_limits",
            adapter=TypeAdapter(_iso15118.DcEvMaximumLimits),
        ),
        "dc_ev_remaining_time": VariableSpec(
            name="dc_ev_remaining_time",
            py_name="dc_ev_remaining_time",
            adapter=TypeAdapter(_iso15118.DcEvRemainingTime),
        ),
        "hlc_session_failed": VariableSpec(
            name="hlc_session_failed",
            py_name="hlc_session_failed",
            adapter=TypeAdapter(_evse_manager.HlcSessionFailedReasonEnum),
        ),
        "dlink_terminate": VariableSpec(
            name="dlink_terminate",
            py_name="dlink_terminate",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "dlink_error": VariableSpec(
            name="dlink_error",
            py_name="dlink_error",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "dlink_pause": VariableSpec(
            name="dlink_pause",
            py_name="dlink_pause",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "ev_app_protocol": VariableSpec(
            name="ev_app_protocol",
            py_name="ev_app_protocol",
            adapter=TypeAdapter(_iso15118.AppProtocols),
        ),
        "v2g_messages": VariableSpec(
            name="v2g_messages",
            py_name="v2g_messages",
            adapter=TypeAdapter(_iso15118.V2gMessages),
        ),
        "selected_protocol": VariableSpec(
            name="selected_protocol",
            py_name="selected_protocol",
            adapter=TypeAdapter(JsonString, config=_DEFERRED),
        ),
        "display_parameters": VariableSpec(
            name="display_parameters",
            py_name="display_parameters",
            adapter=TypeAdapter(_iso15118.DisplayParameters),
        ),
        "d20_dc_dynamic_charge_mode": VariableSpec(
            name="d20_dc_dynamic_charge_mode",
            py_name="d20_dc_dynamic_charge_mode",
            adapter=TypeAdapter(_iso15118.DcChargeDynamicModeValues),
        ),
        "dc_ev_present_voltage": VariableSpec(
            name="dc_ev_present_voltage",
            py_name="dc_ev_present_voltage",
            adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
        ),
        "meter_info_requested": VariableSpec(
            name="meter_info_requested",
            py_name="meter_info_requested",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "selected_service_parameters": VariableSpec(
            name="selected_service_parameters",
            py_name="selected_service_parameters",
            adapter=TypeAdapter(_iso15118.SelectedServiceParameters),
        ),
        "ev_termination": VariableSpec(
            name="ev_termination",
            py_name="ev_termination",
            adapter=TypeAdapter(_iso15118.EvTermination),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
ISO15118ChargerHandler.INTERFACE = INTERFACE
ISO15118ChargerHandler.ERRORS = RAISABLE_ERRORS
ISO15118ChargerPublisher.INTERFACE = INTERFACE
ISO15118ChargerPublisher.ERRORS = RAISABLE_ERRORS
ISO15118ChargerClient.INTERFACE = INTERFACE
ISO15118ChargerClient.ERRORS = RAISABLE_ERRORS
