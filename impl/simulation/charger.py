"""The charging state machine of one simulated EVSE, modelled on EVerest's EvseManager (basic
AC charging, IEC 61851, no HLC): the states, what moves between them, the session events.

It knows flags and states only; what an event carries (meter values, timestamps) is added by
whoever implements ``ChargerSignals`` (``evse.SimulatedEvse``). Contactors open and close at
once, so StoppingCharging is passed through in one step.
"""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Protocol

from everest_py.generated.types import authorization as _authorization
from everest_py.generated.types import evse_manager as _evse_manager

__all__ = ["Charger", "ChargerSignals", "EvseState"]

Event = _evse_manager.SessionEventEnum
EnableState = _evse_manager.EnableDisableSourceEnableState
StopReason = _evse_manager.StopTransactionReason
PauseReason = _evse_manager.PauseChargingEVSEReasonEnum

# A run settles in a few steps; more means two states send each other back and forth.
_MAX_STEPS = 20


class EvseState(Enum):
    DISABLED = "Disabled"
    IDLE = "Idle"
    WAITING_FOR_AUTHENTICATION = "WaitingForAuthentication"
    PREPARE_CHARGING = "PrepareCharging"
    CHARGING = "Charging"
    CHARGING_PAUSED_EV = "ChargingPausedEV"
    CHARGING_PAUSED_EVSE = "ChargingPausedEVSE"
    STOPPING_CHARGING = "StoppingCharging"
    FINISHED = "Finished"


class ChargerSignals(Protocol):
    """What the state machine tells the outside, in the order it happens."""

    def simple_event(self, event: _evse_manager.SessionEventEnum) -> None: ...

    def session_started(
        self,
        reason: _evse_manager.StartSessionReason,
        token: _authorization.ProvidedIdToken | None,
    ) -> None: ...

    def transaction_started(self, token: _authorization.ProvidedIdToken) -> None: ...

    def transaction_finished(
        self, reason: StopReason, token: _authorization.ProvidedIdToken | None
    ) -> None: ...

    def charging_paused_evse(self, reasons: list[PauseReason]) -> None: ...

    def enable_changed(self, event: _evse_manager.SessionEventEnum) -> None: ...


_DEFAULT_SOURCE = _evse_manager.EnableDisableSource(
    enable_source=_evse_manager.EnableDisableSourceEnableSource.Unspecified,
    enable_state=EnableState.Unassigned,
    enable_priority=10000,
)


class Charger:
    """Flags set by commands and the car; ``run`` moves the state until it settles."""

    def __init__(self, signals: ChargerSignals) -> None:
        self._signals = signals
        self.state = EvseState.IDLE
        self._entered = self.state  # Idle needs no entry work at start
        self.session_id = ""
        self.session_active = False
        self.plugged_in = False  # the EVSE registered the plug-in (not while disabled)
        self.car_wants_power = True
        self.authorized = False
        self.transaction_active = False
        self.paused_by_evse = False
        self.disable_requested = False
        self.externally_cancelled = False
        self.faulted = False
        # The energy limits allow charging (EvseManager's power_available()).
        self.power_available = True
        self.id_token: _authorization.ProvidedIdToken | None = None
        self.stop_reason: StopReason | None = None
        self.stop_token: _authorization.ProvidedIdToken | None = None
        self._last_pause_reasons: list[PauseReason] | None = None
        self.connector_enabled = True
        self._sources: dict[str, _evse_manager.EnableDisableSource] = {}
        self.active_source = _DEFAULT_SOURCE

    @property
    def delivers_power(self) -> bool:
        return self.state is EvseState.CHARGING

    # -- inputs -------------------------------------------------------------

    def car_plugged_in(self) -> None:
        if self.state is EvseState.IDLE:
            self.plugged_in = True
            self.state = EvseState.WAITING_FOR_AUTHENTICATION
        self.run()

    def car_unplugged(self) -> None:
        self.plugged_in = False
        self.run()

    def car_requests_power(self, wanted: bool) -> None:
        self.car_wants_power = wanted
        self.run()

    def set_faulted(self, faulted: bool) -> None:
        self.faulted = faulted
        self.run()

    def set_power_available(self, available: bool) -> None:
        self.power_available = available
        self.run()

    def authorize(
        self, token: _authorization.ProvidedIdToken, reservation_matched: bool = False
    ) -> bool:
        """An accepted authorization; False when ignored (cancelled session, disabled EVSE)."""
        if self.externally_cancelled or self.disable_requested:
            return False
        self.id_token = token
        if not self.session_active:
            self._start_session(_evse_manager.StartSessionReason.Authorized)
        self._signals.simple_event(Event.Authorized)
        self.authorized = True
        self.run()
        return True

    def deauthorize(self) -> bool:
        done = self._deauthorize()
        self.run()
        return done

    def pause_by_evse(self, paused: bool) -> bool:
        if not self.transaction_active:
            return False
        self.paused_by_evse = paused
        self.run()
        return True

    def cancel_transaction(self, request: _evse_manager.StopTransactionRequest) -> bool:
        if not self.transaction_active:
            return False
        self.externally_cancelled = True
        self.authorized = False
        self.stop_reason = request.reason
        self.stop_token = request.id_tag
        self.run()
        return True

    def enable_disable(self, connector_id: int, source: _evse_manager.EnableDisableSource) -> bool:
        """EvseManager's priority table of sources: the lowest priority number that is not
        Unassigned wins, Disable beats Enable at equal priority, nothing assigned = enabled."""
        previous = self.active_source
        self._sources[str(source.enable_source)] = source
        enabled = self._evaluate_sources()
        if connector_id != 0:
            self.connector_enabled = enabled
        if self.state is EvseState.DISABLED and self.connector_enabled:
            self.disable_requested = False
            self.state = EvseState.IDLE
        was, now = previous.enable_state, self.active_source.enable_state
        if EnableState.Disable in (was, now) and was != now:
            if enabled:
                self._signals.enable_changed(Event.Enabled)
            else:
                self.disable_requested = True
                self.stop_reason = StopReason.EVSEDisabled
        self.run()
        return enabled

    @property
    def is_enabled(self) -> bool:
        return self.active_source.enable_state is not EnableState.Disable

    # -- the machine ----------------------------------------------------------

    def run(self) -> None:
        for _ in range(_MAX_STEPS):
            entering = self._entered is not self.state
            self._entered = self.state
            self._step(self.state, entering)
            if self._entered is self.state:
                return
        raise RuntimeError(f"charger state machine does not settle (in {self.state.value})")

    def _step(self, state: EvseState, entering: bool) -> None:
        steps = {
            EvseState.DISABLED: self._disabled,
            EvseState.IDLE: self._idle,
            EvseState.WAITING_FOR_AUTHENTICATION: self._waiting_for_authentication,
            EvseState.PREPARE_CHARGING: self._prepare_charging,
            EvseState.CHARGING: self._charging,
            EvseState.CHARGING_PAUSED_EV: self._paused_ev,
            EvseState.CHARGING_PAUSED_EVSE: self._paused_evse,
            EvseState.STOPPING_CHARGING: self._stopping,
            EvseState.FINISHED: self._finished,
        }
        steps[state](entering)

    def _disabled(self, entering: bool) -> None:
        if entering:
            self._signals.enable_changed(Event.Disabled)
        if not self.disable_requested:
            self.state = EvseState.IDLE

    def _idle(self, entering: bool) -> None:
        if entering:
            self._deauthorize()
            self.transaction_active = False
        if self.disable_requested:
            self.state = EvseState.DISABLED

    def _waiting_for_authentication(self, entering: bool) -> None:
        if entering:
            if not self.session_active:
                self._start_session(_evse_manager.StartSessionReason.EVConnected)
            self._signals.simple_event(Event.AuthRequired)
        if self.faulted or not self.plugged_in or self.disable_requested:
            self.state = EvseState.FINISHED
        elif self.authorized:
            if not self.transaction_active:
                self._start_transaction()
            self.state = EvseState.PREPARE_CHARGING

    def _prepare_charging(self, entering: bool) -> None:
        if entering:
            self._signals.simple_event(Event.PrepareCharging)
        if self._must_stop() or self.faulted:
            self.state = EvseState.STOPPING_CHARGING
        elif not self.power_available:
            pass  # as EvseManager in basic AC charging: wait here until power is available
        elif self.car_wants_power:
            self.state = EvseState.CHARGING
        else:
            # The EV stays in state B: EvseManager ends up in ChargingPausedEV after its wake-up
            # attempt; the simulation has nothing to wait for.
            self.state = EvseState.CHARGING_PAUSED_EV

    def _charging(self, entering: bool) -> None:
        if entering:
            self._signals.simple_event(Event.ChargingStarted)
        if (
            self._must_stop()
            or self.faulted
            or self.paused_by_evse
            or not self.power_available
            or not self.car_wants_power
        ):
            self.state = EvseState.STOPPING_CHARGING

    def _paused_ev(self, entering: bool) -> None:
        if entering:
            self._signals.simple_event(Event.ChargingPausedEV)
        if self._must_stop():
            self.state = EvseState.STOPPING_CHARGING
        elif self.car_wants_power:
            self.state = EvseState.PREPARE_CHARGING

    def _paused_evse(self, entering: bool) -> None:
        if entering:
            self._last_pause_reasons = None
        if self._must_stop():
            self.state = EvseState.STOPPING_CHARGING
            return
        reasons = []
        if self.faulted:
            reasons.append(PauseReason.Error)
        if not self.power_available:
            reasons.append(PauseReason.NoEnergy)
        if self.paused_by_evse:
            reasons.append(PauseReason.UserPause)
        if not reasons:
            self.state = EvseState.PREPARE_CHARGING
        elif reasons != self._last_pause_reasons:
            self._last_pause_reasons = reasons
            self._signals.charging_paused_evse(reasons)

    def _stopping(self, entering: bool) -> None:
        if entering:
            self._signals.simple_event(Event.StoppingCharging)
        # The simulated contactor is open by now.
        if self._must_stop():
            self.state = EvseState.FINISHED
        elif self.paused_by_evse or self.faulted or not self.power_available:
            self.state = EvseState.CHARGING_PAUSED_EVSE
        else:
            self.state = EvseState.CHARGING_PAUSED_EV

    def _finished(self, entering: bool) -> None:
        if entering and self.transaction_active:
            self._stop_transaction()
        if not self.plugged_in or self.disable_requested:
            self._stop_session()
            self.state = EvseState.DISABLED if self.disable_requested else EvseState.IDLE

    def _must_stop(self) -> bool:
        return (
            not self.authorized
            or not self.transaction_active
            or not self.plugged_in
            or self.disable_requested
        )

    # -- sessions and transactions ------------------------------------------------

    def _start_session(self, reason: _evse_manager.StartSessionReason) -> None:
        self.session_active = True
        self.authorized = False
        self.externally_cancelled = False
        self.session_id = str(uuid.uuid4())
        authorized_first = reason is _evse_manager.StartSessionReason.Authorized
        self._signals.session_started(reason, self.id_token if authorized_first else None)

    def _stop_session(self) -> None:
        self.session_active = False
        self.authorized = False
        self.externally_cancelled = False
        self.paused_by_evse = False
        self._signals.simple_event(Event.SessionFinished)
        self.session_id = ""
        self.id_token = None

    def _start_transaction(self) -> None:
        self.stop_reason = None
        self.stop_token = None
        assert self.id_token is not None
        self._signals.transaction_started(self.id_token)
        self.transaction_active = True

    def _stop_transaction(self) -> None:
        self.transaction_active = False
        reason = self.stop_reason or StopReason.EVDisconnected
        self._signals.simple_event(Event.ChargingFinished)
        self._signals.transaction_finished(reason, self.stop_token)

    def _deauthorize(self) -> bool:
        if not self.session_active:
            return False
        self._signals.simple_event(Event.Deauthorized)
        if self.state not in (
            EvseState.DISABLED,
            EvseState.IDLE,
            EvseState.WAITING_FOR_AUTHENTICATION,
        ):
            return False
        if not self.authorized:
            self._signals.simple_event(Event.PluginTimeout)
            return False
        self.authorized = False
        self._stop_session()
        return True

    def _evaluate_sources(self) -> bool:
        winner = _DEFAULT_SOURCE
        for entry in self._sources.values():
            if entry.enable_state is EnableState.Unassigned:
                continue
            if winner.enable_state is EnableState.Unassigned:
                winner = entry
            elif entry.enable_priority == winner.enable_priority:
                if entry.enable_state is EnableState.Disable:
                    winner = entry
            elif entry.enable_priority < winner.enable_priority:
                winner = entry
        self.active_source = winner
        return winner.enable_state is not EnableState.Disable
