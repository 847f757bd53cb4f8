"""One simulated EVSE behind the generated ``EvseManagerHandler``: a charger state machine, a
car and a power meter, publishing what EVerest's EvseManager publishes (basic AC charging)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from everest_py.generated.errors.evse_manager import EvseManagerError
from everest_py.generated.interfaces.evse_manager import EvseManagerHandler, EvseManagerPublisher
from everest_py.generated.types import authorization as _authorization
from everest_py.generated.types import energy as _energy
from everest_py.generated.types import evse_board_support as _board
from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.generated.types import iso15118 as _iso15118
from everest_py.runtime.everest.errors import ErrorSeverity

from .charger import Charger, EvseState, PauseReason, StopReason
from .energy_sink import POWER_AVAILABLE_ABOVE_A, EvseEnergySink, allowed_current, limits_in_force
from .errors import DEFAULT_FAULT, FAULT_TYPES, ErrorRaiser, resolve_fault
from .meter import PowerMeter
from .options import SimulationOptions

__all__ = ["EvseSnapshot", "SimulatedEvse"]

_log = logging.getLogger(__name__)

Event = _evse_manager.SessionEventEnum
INOPERATIVE = str(EvseManagerError.Inoperative)


@dataclass(frozen=True)
class EvseSnapshot:
    """What one simulated EVSE is doing right now."""

    evse_id: int
    state: str
    car_plugged: bool
    ev_paused: bool
    enabled: bool
    authorized: bool
    transaction_active: bool
    id_tag: str | None
    session_id: str
    energy_wh: float
    power_w: float
    faults: list[str] = field(default_factory=list)
    reservation_id: int | None = None
    limit_a: float | None = None  # what the external limits allow per phase now (None: no limit)


def _now() -> datetime:
    return datetime.now(UTC)


class SimulatedEvse(EvseManagerHandler):
    """EVSE ``evse_id`` with one connector (id 1).

    Serve it as ``evse`` of a module, then ``attach`` the module's publisher and an error
    raiser, then ``start`` (what EvseManager publishes when ready) and ``stop``. The car:
    ``plug_in``, ``unplug``, ``pause_ev``/``resume_ev``; faults: ``inject_fault``/``clear_fault``.
    ``energy_sink`` (served as ``energy_sink``, external_energy_limits) takes the limits the
    car's current follows.
    """

    # The EVSE includes its simulated board, whose errors it raises as its own.
    ERRORS = FAULT_TYPES

    def __init__(self, evse_id: int, options: SimulationOptions | None = None) -> None:
        self.evse_id = evse_id
        self.options = options or SimulationOptions()
        self.charger = Charger(self)
        self.meter = PowerMeter(
            f"sim-meter-{evse_id}",
            voltage_v=self.options.voltage_v,
            phases=self.options.phases,
            energy_wh=self.options.initial_energy_wh,
            clock=self.options.clock,
        )
        self.car_plugged = False
        self.ev_paused = False
        self.reserved = False
        self.reservation_id = -1
        self._faults: list[str] = []
        self._publisher: EvseManagerPublisher | None = None
        self._errors: ErrorRaiser | None = None
        self._meter_task: asyncio.Task[None] | None = None
        self._unplug_timer: asyncio.TimerHandle | None = None
        self._enable_connector_id = 0  # of the last enable_disable: Enabled/Disabled name it
        self._protocol = "Unknown"  # selected_protocol: basic charging while a session runs
        self._external_limits: _energy.ExternalLimits | None = None
        self.limit_a: float | None = None
        self.energy_sink = EvseEnergySink(self.set_external_limits, self._capabilities())

    # -- wiring ---------------------------------------------------------------------

    def attach(self, publisher: EvseManagerPublisher, errors: ErrorRaiser) -> None:
        self._publisher = publisher
        self._errors = errors

    async def start(self) -> None:
        """Publish what EvseManager publishes once ready, then the meter every interval."""
        publisher = self._require_publisher()
        publisher.publish_evse_id(f"{self.options.evse_id_prefix}{self.evse_id}")
        publisher.publish_hw_capabilities(self._hw_capabilities())
        publisher.publish_limits(
            _evse_manager.Limits(
                uuid=f"sim_evse_{self.evse_id}",
                max_current=self.options.max_current_a,
                nr_of_phases_available=self.options.phases,
            )
        )
        publisher.publish_powermeter(self.meter.reading())
        publisher.publish_supported_energy_transfer_modes(
            [_iso15118.EnergyTransferMode.AC_three_phase_core]
        )
        publisher.publish_waiting_for_external_ready(False)
        self.enable_changed(Event.Enabled if self.charger.is_enabled else Event.Disabled)
        publisher.publish_ready(True)
        self.energy_sink.start()
        if self._meter_task is None:
            self._meter_task = asyncio.get_running_loop().create_task(self._publish_meter())

    async def stop(self) -> None:
        self._cancel_unplug()
        if self._meter_task is not None:
            self._meter_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._meter_task
            self._meter_task = None

    # -- the car and the operator -----------------------------------------------------

    def plug_in(self) -> None:
        self._cancel_unplug()
        if self.car_plugged:
            return
        self.car_plugged = True
        self.charger.car_plugged_in()
        self._update_power()

    def unplug(self) -> None:
        self._cancel_unplug()
        if not self.car_plugged:
            return
        self.car_plugged = False
        self.charger.car_unplugged()
        self._update_power()

    def pause_ev(self) -> None:
        self.ev_paused = True
        self.charger.car_requests_power(False)
        self._update_power()

    def resume_ev(self) -> None:
        self.ev_paused = False
        self.charger.car_requests_power(True)
        self._update_power()

    async def inject_fault(self, fault: str = DEFAULT_FAULT, message: str = "") -> str:
        """Raise ``fault`` (see ``errors.resolve_fault``) and, as EvseManager does for an error
        that prevents charging, evse_manager/Inoperative; charging stops. The type raised."""
        error_type = resolve_fault(fault)
        if error_type in self._faults:
            return error_type
        errors = self._require_errors()
        text = message or f"simulated fault on EVSE {self.evse_id}"
        await errors.raise_error(error_type, text, severity=ErrorSeverity.HIGH)
        if not self._faults and error_type != INOPERATIVE:
            await errors.raise_error(
                INOPERATIVE, error_type, severity=ErrorSeverity.HIGH, description=text
            )
        self._faults.append(error_type)
        self.charger.set_faulted(True)
        self._update_power()
        return error_type

    async def clear_fault(self, fault: str | None = None) -> list[str]:
        """Clear ``fault`` or every injected fault; Inoperative goes with the last. The cleared."""
        cleared = [resolve_fault(fault)] if fault is not None else list(self._faults)
        errors = self._require_errors()
        for error_type in cleared:
            if error_type in self._faults:
                self._faults.remove(error_type)
                await errors.clear_error(error_type)
        if not self._faults:
            await errors.clear_error(INOPERATIVE)
            self.charger.set_faulted(False)
            self._update_power()
        return cleared

    @property
    def state(self) -> EvseSnapshot:
        token = self.charger.id_token
        return EvseSnapshot(
            evse_id=self.evse_id,
            state=self.charger.state.value,
            car_plugged=self.car_plugged,
            ev_paused=self.ev_paused,
            enabled=self.charger.is_enabled,
            authorized=self.charger.authorized,
            transaction_active=self.charger.transaction_active,
            id_tag=token.id_token.value if token is not None else None,
            session_id=self.charger.session_id,
            energy_wh=self.meter.energy_wh,
            power_w=self.meter.power_w,
            faults=list(self._faults),
            reservation_id=self.reservation_id if self.reserved else None,
            limit_a=self.limit_a,
        )

    # -- the energy limits (external_energy_limits) ----------------------------------------

    def set_external_limits(self, limits: _energy.ExternalLimits) -> None:
        """New limits (the OCPP module's composite schedule): the car follows them now."""
        self._external_limits = limits
        self._follow_limits()

    def _follow_limits(self, *, publish: bool = True) -> None:
        """Take the limit in force now: below 6 A charging pauses (ChargingPausedEVSE, NoEnergy)
        and resumes once it is higher, as EvseManager does; a changed current is published."""
        limit = None
        if self._external_limits is not None:
            in_force = limits_in_force(self._external_limits, _now())
            if in_force is not None:
                limit = allowed_current(in_force, self.options.voltage_v, self.options.phases)
        self.limit_a = limit
        before = self.meter.current_a
        available = limit is None or limit > POWER_AVAILABLE_ABOVE_A
        if available != self.charger.power_available:
            self.charger.set_power_available(available)
        self._update_power()
        if publish and self.meter.current_a != before and self._publisher is not None:
            self._publisher.publish_powermeter(self.meter.reading())

    # -- EvseManagerHandler ----------------------------------------------------------------

    async def handle_get_evse(self) -> _evse_manager.Evse:
        connector = _evse_manager.Connector(id=1, type=_evse_manager.ConnectorTypeEnum.cType2)
        return _evse_manager.Evse(id=self.evse_id, connectors=[connector])

    async def handle_enable_disable(
        self, connector_id: int, cmd_source: _evse_manager.EnableDisableSource
    ) -> bool:
        self._enable_connector_id = connector_id
        enabled = self.charger.enable_disable(connector_id, cmd_source)
        if self.charger.state is EvseState.IDLE and self.car_plugged:
            # Back from state F: the car still in the socket is seen again.
            self.charger.car_plugged_in()
        self._update_power()
        return enabled

    async def handle_authorize_response(
        self,
        provided_token: _authorization.ProvidedIdToken,
        validation_result: _authorization.ValidationResult,
    ) -> None:
        if (
            validation_result.authorization_status
            is not _authorization.AuthorizationStatus.Accepted
        ):
            return  # EIM: a later token may still authorize; only PnC would be told
        if validation_result.reservation_id is not None and self.reserved:
            # Held back for a reservation of any EVSE: this session uses that reservation, and
            # the transaction may start at once (car waiting), so learn its id first.
            self.reservation_id = validation_result.reservation_id
        if self.charger.authorize(provided_token):
            if validation_result.reservation_id is not None:
                self._reserve(validation_result.reservation_id, signal=False)
        self._update_power()

    async def handle_withdraw_authorization(self) -> None:
        if self.charger.authorized and self.reserved:
            self._cancel_reservation(signal=True)
        self.charger.deauthorize()
        self._update_power()

    async def handle_reserve(self, reservation_id: int) -> bool:
        return self._reserve(reservation_id, signal=True)

    async def handle_cancel_reservation(self) -> None:
        self._cancel_reservation(signal=True)

    async def handle_pause_charging(self) -> bool:
        paused = self.charger.pause_by_evse(True)
        self._update_power()
        return paused

    async def handle_resume_charging(self) -> bool:
        resumed = self.charger.pause_by_evse(False)
        self._update_power()
        return resumed

    async def handle_stop_transaction(self, request: _evse_manager.StopTransactionRequest) -> bool:
        stopped = self.charger.cancel_transaction(request)
        self._update_power()
        return stopped

    async def handle_force_unlock(self, connector_id: int) -> bool:
        # The simulated connector has a lock: unlocking ends a transaction, as EvseManager does.
        request = _evse_manager.StopTransactionRequest(reason=StopReason.UnlockCommand)
        self.charger.cancel_transaction(request)
        self._update_power()
        return True

    async def handle_external_ready_to_start_charging(self) -> bool:
        return False  # not configured to wait for an external ready signal

    async def handle_set_plug_and_charge_configuration(
        self, plug_and_charge_configuration: _evse_manager.PlugAndChargeConfiguration
    ) -> None:
        return None  # no ISO 15118: nothing to configure

    async def handle_update_allowed_energy_transfer_modes(
        self, allowed_energy_transfer_modes: list[_iso15118.EnergyTransferMode]
    ) -> _evse_manager.UpdateAllowedEnergyTransferModesResult:
        return _evse_manager.UpdateAllowedEnergyTransferModesResult.NoHlc

    async def handle_set_der_available(
        self, available: bool
    ) -> _evse_manager.SetDerAvailableResult:
        return _evse_manager.SetDerAvailableResult.NoHlc

    # -- ChargerSignals ------------------------------------------------------------------

    def simple_event(self, event: _evse_manager.SessionEventEnum) -> None:
        session = self._event(event)
        reading = self.meter.reading()
        if event is Event.SessionFinished:
            session.session_finished = _evse_manager.SessionFinished(meter_value=reading)
        elif event in (Event.ChargingPausedEV, Event.ChargingPausedEVSE, Event.ChargingStarted):
            session.charging_state_changed_event = _evse_manager.ChargingStateChangedEvent(
                meter_value=reading
            )
        elif event in (Event.Authorized, Event.Deauthorized):
            session.authorization_event = _evse_manager.AuthorizationEvent(meter_value=reading)
        if event is Event.SessionFinished:
            self._protocol = "Unknown"
        self._publish(session)
        self._require_publisher().publish_selected_protocol(self._protocol)

    def session_started(
        self,
        reason: _evse_manager.StartSessionReason,
        token: _authorization.ProvidedIdToken | None,
    ) -> None:
        session = self._event(Event.SessionStarted)
        self._protocol = "IEC61851-1"
        session.session_started = _evse_manager.SessionStarted(
            reason=reason,
            id_tag=token,
            meter_value=self.meter.reading(),
            reservation_id=self.reservation_id if self.reserved else None,
        )
        if self.reserved and reason is _evse_manager.StartSessionReason.Authorized:
            self._cancel_reservation(signal=False)
        self._publish(session)

    def transaction_started(self, token: _authorization.ProvidedIdToken) -> None:
        session = self._event(Event.TransactionStarted)
        reservation_id = None
        if self.reserved:
            reservation_id = self.reservation_id
            self._cancel_reservation(signal=False)
        session.transaction_started = _evse_manager.TransactionStarted(
            id_tag=token, meter_value=self.meter.reading(), reservation_id=reservation_id
        )
        self._publish(session)

    def transaction_finished(
        self, reason: StopReason, token: _authorization.ProvidedIdToken | None
    ) -> None:
        self.meter.set_current(0.0)
        self._protocol = "Unknown"
        session = self._event(Event.TransactionFinished)
        session.transaction_finished = _evse_manager.TransactionFinished(
            meter_value=self.meter.reading(), reason=reason, id_tag=token
        )
        self._publish(session)
        self._schedule_unplug()

    def charging_paused_evse(self, reasons: list[PauseReason]) -> None:
        session = self._event(Event.ChargingPausedEVSE)
        session.charging_state_changed_event = _evse_manager.ChargingStateChangedEvent(
            meter_value=self.meter.reading()
        )
        session.charging_paused_evse = _evse_manager.ChargingPausedEVSEReasons(reasons=reasons)
        self._publish(session)

    def enable_changed(self, event: _evse_manager.SessionEventEnum) -> None:
        session = self._event(event)
        if self._enable_connector_id != 0:
            session.connector_id = 1
        session.source = self.charger.active_source
        self._publish(session)
        if event is Event.Disabled and self.reserved:
            self._cancel_reservation(signal=True)

    # -- helpers -----------------------------------------------------------------------

    def _event(self, event: _evse_manager.SessionEventEnum) -> _evse_manager.SessionEvent:
        return _evse_manager.SessionEvent(
            uuid=self.charger.session_id, timestamp=_now(), event=event
        )

    def _publish(self, session: _evse_manager.SessionEvent) -> None:
        publisher = self._require_publisher()
        publisher.publish_session_event(session)
        publisher.publish_powermeter(self.meter.reading())

    def _update_power(self) -> None:
        charging = self.charger.delivers_power and not self._faults
        current = self.options.max_current_a
        if self.limit_a is not None:
            current = min(current, self.limit_a)
        self.meter.set_current(current if charging else 0.0)

    def _reserve(self, reservation_id: int, *, signal: bool) -> bool:
        if self.charger.state is not EvseState.IDLE or self._faults:
            return False  # disabled, faulted or not ready for a new car
        same = self.reservation_id == reservation_id
        if self.reserved and self.reservation_id != -1 and not same:
            return False
        self.reserved = True
        if reservation_id >= 0:
            self.reservation_id = reservation_id
        # Held back for a reservation of any EVSE (id -1): told too, as EvseManager does.
        if signal and (not same or self.reservation_id == -1):
            self._publish(self._reservation_event(Event.ReservationStart))
        return True

    def _cancel_reservation(self, *, signal: bool) -> None:
        if not self.reserved:
            return
        self.reserved = False
        self.reservation_id = -1
        if signal:
            self._publish(self._reservation_event(Event.ReservationEnd))

    def _reservation_event(
        self, event: _evse_manager.SessionEventEnum
    ) -> _evse_manager.SessionEvent:
        # A reservation is not part of a session: no uuid.
        return _evse_manager.SessionEvent(uuid="", timestamp=_now(), event=event)

    def _hw_capabilities(self) -> _board.HardwareCapabilities:
        return _board.HardwareCapabilities(
            max_current_A_import=self.options.max_current_a,
            min_current_A_import=6.0,
            max_phase_count_import=self.options.phases,
            min_phase_count_import=1,
            max_current_A_export=0.0,
            min_current_A_export=0.0,
            max_phase_count_export=self.options.phases,
            min_phase_count_export=1,
            supports_changing_phases_during_charging=False,
            supports_cp_state_E=False,
            connector_type=_board.HardwareCapabilitiesConnectorType.IEC62196Type2Cable,
        )

    def _capabilities(self) -> _energy.CapabilityLimits:
        options = self.options
        return _energy.CapabilityLimits(
            max_current_A=options.max_current_a,
            max_phase_count=options.phases,
            nominal_voltage_V=options.voltage_v,
            total_power_W=options.max_current_a * options.voltage_v * options.phases,
        )

    def _schedule_unplug(self) -> None:
        delay = self.options.unplug_after_stop
        if delay is None or not self.car_plugged:
            return
        self._cancel_unplug()
        self._unplug_timer = asyncio.get_running_loop().call_later(delay, self._auto_unplug)

    def _auto_unplug(self) -> None:
        self._unplug_timer = None
        if self.car_plugged and not self.charger.transaction_active:
            _log.info("EVSE %d: the simulated driver unplugs the car", self.evse_id)
            self.unplug()

    def _cancel_unplug(self) -> None:
        if self._unplug_timer is not None:
            self._unplug_timer.cancel()
            self._unplug_timer = None

    async def _publish_meter(self) -> None:
        ticker = self.options.new_ticker()
        while True:
            await ticker.wait()
            # A schedule's next period starts on its own: look at the limits each interval.
            self._follow_limits(publish=False)
            self._require_publisher().publish_powermeter(self.meter.reading())

    def _require_publisher(self) -> EvseManagerPublisher:
        if self._publisher is None:
            raise RuntimeError(f"simulated EVSE {self.evse_id}: attach() before use")
        return self._publisher

    def _require_errors(self) -> ErrorRaiser:
        if self._errors is None:
            raise RuntimeError(f"simulated EVSE {self.evse_id}: attach() before use")
        return self._errors
