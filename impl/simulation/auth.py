"""The station's authorization behind the generated ``AuthHandler``, as EVerest's Auth module
(FindFirst selection; reservations in ``reservation.py``, a reserved EVSE only for its token):
tokens from the RFID reader and from token providers are validated, an EVSE is picked, and its
``authorize_response`` is called."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from everest_py.generated.interfaces.auth import AuthHandler, AuthPublisher
from everest_py.generated.interfaces.auth_token_provider import AuthTokenProviderClient
from everest_py.generated.interfaces.auth_token_validator import AuthTokenValidatorClient
from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.types import authorization as _authorization
from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.runtime.errors import CommandError

from ..waiting import wait_event
from .options import SimulationOptions
from .reservation import Clock, SimulatedReservations
from .reservation_file import KeptReservations

__all__ = ["SimulatedAuth", "TokenResult"]

_log = logging.getLogger(__name__)

Status = _authorization.AuthorizationStatus
TokenStatus = _authorization.TokenValidationStatus
Event = _evse_manager.SessionEventEnum
StopReason = _evse_manager.StopTransactionReason
CarPlugger = Callable[[int], Awaitable[None]]

# Tokens being validated at once; a provider sending more is told Rejected (bounded work).
MAX_TOKENS_IN_PROCESS = 32

# Seconds a token provided before Auth's start waits for it (the manager may deliver a CSMS's
# remote start before Auth's ready has learnt the EVSE ids); then it is told Rejected.
START_WAIT = 5.0


class TokenResult(Enum):
    ALREADY_IN_PROCESS = "AlreadyInProcess"
    NO_CONNECTOR_AVAILABLE = "NoConnectorAvailable"
    REJECTED = "Rejected"
    TIMEOUT = "Timeout"
    USED_TO_START_TRANSACTION = "UsedToStartTransaction"
    USED_TO_STOP_TRANSACTION = "UsedToStopTransaction"
    WITHDRAWN = "Withdrawn"


_PUBLISHED = {
    TokenResult.TIMEOUT: TokenStatus.TimedOut,
    TokenResult.NO_CONNECTOR_AVAILABLE: TokenStatus.Rejected,
    TokenResult.REJECTED: TokenStatus.Rejected,
    TokenResult.USED_TO_START_TRANSACTION: TokenStatus.UsedToStart,
    TokenResult.USED_TO_STOP_TRANSACTION: TokenStatus.UsedToStop,
    TokenResult.WITHDRAWN: TokenStatus.Withdrawn,
}


@dataclass
class _Evse:
    """What Auth knows of one EVSE, from its session events and errors."""

    index: int
    client: EvseManagerClient
    evse_id: int = 0
    plugged_in: bool = False
    occupied: bool = False  # from TransactionStarted until SessionFinished
    transaction_active: bool = False
    unavailable: bool = False
    faulted: bool = False
    plug_in_timeout: bool = False
    identifier: _authorization.ProvidedIdToken | None = None
    timer: asyncio.TimerHandle | None = field(default=None, repr=False)

    @property
    def available(self) -> bool:
        return not (
            self.plug_in_timeout
            or self.identifier is not None
            or self.occupied
            or self.unavailable
            or self.faulted
        )

    def stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


# Session events after which an EVSE may be free or taken: reservations for any EVSE look again.
_CHANGES_FREE_EVSES = frozenset(
    (
        Event.SessionStarted,
        Event.SessionFinished,
        Event.TransactionStarted,
        Event.Enabled,
        Event.Disabled,
    )
)


def _same_token(a: _authorization.IdToken, b: _authorization.IdToken | str) -> bool:
    value = b if isinstance(b, str) else b.value
    return a.value.lower() == value.lower()


class SimulatedAuth(AuthHandler):
    """Serve as ``main`` of ``sim_auth``; ``attach`` the publisher, ``setup`` (subscriptions),
    then ``start`` once the EVSEs answer ``get_evse``. ``present_tag`` is the RFID reader."""

    def __init__(
        self,
        options: SimulationOptions | None = None,
        *,
        evse_managers: Sequence[EvseManagerClient],
        validators: Sequence[AuthTokenValidatorClient] = (),
        providers: Sequence[AuthTokenProviderClient] = (),
        plug_car: CarPlugger | None = None,
        now: Clock | None = None,
        kept: KeptReservations | None = None,
    ) -> None:
        self.options = options or SimulationOptions()
        self.connection_timeout = self.options.connection_timeout
        self.master_pass_group_id: str | None = None
        self._evses = [_Evse(index, client) for index, client in enumerate(evse_managers)]
        self._validators = list(validators)
        self._providers = list(providers)
        self._plug_car = plug_car
        self._publisher: AuthPublisher | None = None
        self._plug_in_queue: list[int] = []
        self._in_process: set[tuple[str, str]] = set()
        self._tasks: set[asyncio.Task[TokenResult]] = set()
        self._queued_events: list[tuple[int, _evse_manager.SessionEvent]] = []
        self._started = False
        self._start_done = asyncio.Event()  # start ran (EVSE ids known, reservations placed)
        self.results: list[tuple[str, TokenResult]] = []  # (id token, result), newest last
        # Served as ``reservation`` of the same module; ``now`` is its clock (tests move it),
        # ``kept`` where its reservations outlive a reboot or restart.
        self.reservations = (
            SimulatedReservations(self._evses, kept=kept)
            if now is None
            else SimulatedReservations(self._evses, now=now, kept=kept)
        )

    # -- wiring ---------------------------------------------------------------------

    def attach(self, publisher: AuthPublisher) -> None:
        self._publisher = publisher

    def setup(self) -> None:
        """Subscribe to the EVSEs' session events and the providers' tokens (as Auth's init)."""
        for evse in self._evses:

            def received(event: _evse_manager.SessionEvent, index: int = evse.index) -> None:
                self._session_event(index, event)

            evse.client.subscribe_session_event(received)
        for provider in self._providers:
            provider.subscribe_provided_token(self._provided_token)
        for validator in self._validators:
            validator.subscribe_validate_result_update(self._validation_update)

    async def start(self) -> None:
        """Learn each EVSE's id (as Auth's ready), handle what arrived meanwhile, then place
        the kept reservations again (in that order, as Auth's ready)."""
        for evse in self._evses:
            evse.evse_id = (await evse.client.get_evse()).id
        self._started = True
        queued, self._queued_events = self._queued_events, []
        for index, event in queued:
            self._session_event(index, event)
        await self.reservations.restore()
        # Not set when start failed: tokens waiting for it are then told Rejected, not routed
        # to EVSEs whose ids are unknown.
        self._start_done.set()

    async def stop(self) -> None:
        self.reservations.stop()
        for evse in self._evses:
            evse.stop_timer()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def permanent_fault(self, index: int, raised: bool) -> None:
        """EVSE ``index`` raised (or cleared) evse_manager/Inoperative: not available meanwhile."""
        self._evses[index].faulted = raised
        self._reservations_changed()

    # -- tokens -----------------------------------------------------------------------

    async def present_tag(self, id_tag: str, evse_id: int | None = None) -> TokenResult:
        """An RFID card at the station's reader (or at the reader of EVSE ``evse_id``)."""
        token = _authorization.ProvidedIdToken(
            id_token=_authorization.IdToken(value=id_tag, type=_authorization.IdTokenType.ISO14443),
            authorization_type=_authorization.AuthorizationType.RFID,
            connectors=None if evse_id is None else [evse_id],
        )
        return await self.on_token(token)

    async def on_token(
        self, token: _authorization.ProvidedIdToken, *, from_provider: bool = False
    ) -> TokenResult:
        key = (token.id_token.value.lower(), str(token.authorization_type))
        if key in self._in_process or self._already_authorized(token):
            result = TokenResult.ALREADY_IN_PROCESS
        else:
            self._in_process.add(key)
            self._publish_status(token, TokenStatus.Processing)
            try:
                result = await self._handle_token(token, from_provider)
            finally:
                self._in_process.discard(key)
            self._publish_status(token, _PUBLISHED[result])
        self.results.append((token.id_token.value, result))
        del self.results[:-64]
        _log.info("token %s: %s", token.id_token.value, result.value)
        return result

    def _provided_token(self, token: _authorization.ProvidedIdToken) -> None:
        if len(self._tasks) >= MAX_TOKENS_IN_PROCESS:
            _log.warning("%d tokens in process: provided token dropped", len(self._tasks))
            self._publish_status(token, TokenStatus.Rejected)
            return
        task = asyncio.get_running_loop().create_task(self._provided_once_started(token))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _provided_once_started(self, token: _authorization.ProvidedIdToken) -> TokenResult:
        """A provider's token, handled once ``start`` ran (at most START_WAIT later)."""
        if not await wait_event(self._start_done, START_WAIT):
            _log.warning(
                "token %s rejected: Auth has not started within %.0f s",
                token.id_token.value,
                START_WAIT,
            )
            self._publish_status(token, TokenStatus.Rejected)
            return TokenResult.REJECTED
        return await self.on_token(token, from_provider=True)

    async def _handle_token(
        self, token: _authorization.ProvidedIdToken, from_provider: bool
    ) -> TokenResult:
        referenced = self._referenced(token)
        if token.authorization_type is _authorization.AuthorizationType.RFID:
            used = self._used_for_transaction(referenced, token.id_token.value)
            if used is not None:
                await self._stop(used, StopReason.Local, token)
                return TokenResult.USED_TO_STOP_TRANSACTION
        if not any(e.available for e in referenced) and self.master_pass_group_id is None:
            if not any(e.identifier and e.identifier.parent_id_token for e in referenced):
                return TokenResult.NO_CONNECTOR_AVAILABLE
        results = await self._validate(token)
        stopped = await self._stop_with_parent(token, referenced, results)
        if stopped is not None:
            return stopped
        if not any(e.available for e in referenced):
            return TokenResult.NO_CONNECTOR_AVAILABLE
        candidates = [e for e in referenced if e.identifier is None]
        return await self._authorize(token, candidates, results, from_provider)

    async def _authorize(
        self,
        token: _authorization.ProvidedIdToken,
        candidates: list[_Evse],
        results: list[_authorization.ValidationResult],
        from_provider: bool,
    ) -> TokenResult:
        last = _authorization.ValidationResult(
            authorization_status=Status.Unknown, tariff_messages=[]
        )
        for result in results:
            last = result
            if result.authorization_status is not Status.Accepted or not candidates:
                continue
            if self._is_master_pass(result.parent_id_token):
                return TokenResult.REJECTED  # the master pass stops, it never starts
            if result.parent_id_token is not None:
                token.parent_id_token = result.parent_id_token
            free = self._not_reserved_for_others(token, candidates)
            if not free:
                # Only reserved EVSEs, for other tokens: the token is not assigned to any.
                last = result.model_copy(update={"authorization_status": Status.NotAtThisTime})
                continue
            self._publish_status(token, TokenStatus.Accepted, result)
            evse = self._select(free)
            if evse is None:
                return TokenResult.TIMEOUT
            allowed = result.evse_ids
            if allowed is not None and evse.evse_id not in allowed:
                result = result.model_copy(
                    update={"authorization_status": Status.NotAtThisLocation}
                )
                await self._notify(evse, token, result)
                continue
            token.connectors = [evse.evse_id]
            result = await self._use_reservation(evse, token, result)
            await self._notify(evse, token, result)
            if from_provider and self.options.auto_plug_on_remote_start:
                await self._plug_in_for_remote_start(evse)
            return TokenResult.USED_TO_START_TRANSACTION
        for evse_id in token.connectors or ():
            evse = self._by_id(evse_id)
            if evse is not None:
                await self._notify(evse, token, last)
        return TokenResult.REJECTED

    def _not_reserved_for_others(
        self, token: _authorization.ProvidedIdToken, candidates: list[_Evse]
    ) -> list[_Evse]:
        parent = token.parent_id_token.value if token.parent_id_token is not None else None
        return [
            e
            for e in candidates
            if self.reservations.allows(e.evse_id, token.id_token.value, parent)
        ]

    async def _use_reservation(
        self,
        evse: _Evse,
        token: _authorization.ProvidedIdToken,
        result: _authorization.ValidationResult,
    ) -> _authorization.ValidationResult:
        """The reservation this token uses at ``evse``: its id goes to the EVSE (which puts it
        into TransactionStarted) and the reservation is over."""
        parent = token.parent_id_token.value if token.parent_id_token is not None else None
        reservation_id = self.reservations.match(token.id_token.value, evse.evse_id, parent)
        if reservation_id is None:
            return result
        await self.reservations.used(reservation_id, evse.evse_id)
        return result.model_copy(update={"reservation_id": reservation_id})

    def _reservations_changed(self) -> None:
        if self._started:
            self._spawn(self.reservations.evses_changed)

    def _spawn(self, work: Callable[[], Awaitable[None]]) -> None:
        """Run `work()` on a task of Auth's own (cancelled when it stops). Called inside the
        task: a task cancelled before it ran leaves no coroutine never awaited."""

        async def run() -> TokenResult:
            await work()
            return TokenResult.WITHDRAWN  # the task set's type; nothing reads it

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _validate(
        self, token: _authorization.ProvidedIdToken
    ) -> list[_authorization.ValidationResult]:
        if token.prevalidated:
            return [
                _authorization.ValidationResult(
                    authorization_status=Status.Accepted,
                    tariff_messages=[],
                    parent_id_token=token.parent_id_token,
                )
            ]
        results = []
        for validator in self._validators:
            try:
                results.append(await validator.validate_token(token))
            except CommandError as error:
                _log.warning("validating a token failed: %s", error)
                results.append(
                    _authorization.ValidationResult(
                        authorization_status=Status.Unknown, tariff_messages=[]
                    )
                )
        return results

    async def _stop_with_parent(
        self,
        token: _authorization.ProvidedIdToken,
        referenced: list[_Evse],
        results: list[_authorization.ValidationResult],
    ) -> TokenResult | None:
        # Authorizing a free EVSE comes before stopping by group (Auth's default priority).
        if any(e.available for e in referenced):
            return None
        for result in results:
            parent = result.parent_id_token
            if result.authorization_status is not Status.Accepted or parent is None:
                continue
            if self._is_master_pass(parent):
                for evse in referenced:
                    if evse.transaction_active:
                        await self._stop(evse, StopReason.MasterPass, token)
                return TokenResult.USED_TO_STOP_TRANSACTION
            used = self._used_for_transaction(referenced, parent.value)
            if used is not None and used.transaction_active:
                await self._stop(used, StopReason.Local, token)
                return TokenResult.USED_TO_STOP_TRANSACTION
        return None

    def _select(self, candidates: list[_Evse]) -> _Evse | None:
        """FindFirst: the one referenced EVSE, else the earliest plug-in waiting, else the first
        available."""
        if len(candidates) == 1:
            return candidates[0]
        for evse_id in self._plug_in_queue:
            evse = self._by_id(evse_id)
            if evse in candidates and evse is not None and not evse.transaction_active:
                return evse
        return next((e for e in candidates if e.available), None)

    async def _notify(
        self,
        evse: _Evse,
        token: _authorization.ProvidedIdToken,
        result: _authorization.ValidationResult,
    ) -> None:
        if result.authorization_status is Status.Accepted:
            evse.identifier = token.model_copy()
            evse.stop_timer()
            evse.timer = asyncio.get_running_loop().call_later(
                self.connection_timeout, self._authorization_timed_out, evse, token
            )
            if evse.evse_id in self._plug_in_queue:
                self._plug_in_queue.remove(evse.evse_id)
        try:
            await evse.client.authorize_response(provided_token=token, validation_result=result)
        except CommandError as error:
            _log.warning("EVSE %d: authorize_response failed: %s", evse.evse_id, error)

    async def _plug_in_for_remote_start(self, evse: _Evse) -> None:
        if evse.plugged_in or self._plug_car is None:
            return
        _log.info("EVSE %d: remote start, the simulated driver plugs a car in", evse.evse_id)
        await self._plug_car(evse.evse_id)

    def _authorization_timed_out(self, evse: _Evse, token: _authorization.ProvidedIdToken) -> None:
        evse.timer = None
        evse.identifier = None
        _log.info("EVSE %d: no plug-in within %d s", evse.evse_id, self.connection_timeout)
        self._spawn_call(evse.client.withdraw_authorization, evse)
        self._publish_status(token, TokenStatus.TimedOut)

    def _plug_in_timed_out(self, evse: _Evse) -> None:
        evse.timer = None
        _log.info(
            "EVSE %d: not authorized within %d s, replug", evse.evse_id, self.connection_timeout
        )
        self._spawn_call(evse.client.withdraw_authorization, evse)
        if evse.evse_id in self._plug_in_queue:
            self._plug_in_queue.remove(evse.evse_id)
        evse.plug_in_timeout = True

    def _spawn_call(self, call: Callable[[], Awaitable[object]], evse: _Evse) -> None:
        # The call is made in the task: a task cancelled before its first step (Auth stopping)
        # leaves no coroutine that was never awaited.
        async def run() -> TokenResult:
            try:
                await call()
            except CommandError as error:
                _log.warning("EVSE %d: %s", evse.evse_id, error)
            return TokenResult.WITHDRAWN

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _stop(
        self, evse: _Evse, reason: StopReason, token: _authorization.ProvidedIdToken | None
    ) -> None:
        request = _evse_manager.StopTransactionRequest(reason=reason, id_tag=token)
        try:
            await evse.client.stop_transaction(request=request)
        except CommandError as error:
            _log.warning("EVSE %d: stop_transaction failed: %s", evse.evse_id, error)

    # -- what the EVSEs say ---------------------------------------------------------------

    def _session_event(self, index: int, event: _evse_manager.SessionEvent) -> None:
        if not self._started:
            if len(self._queued_events) < 256:
                self._queued_events.append((index, event))
            return
        evse = self._evses[index]
        kind = event.event
        if kind is Event.SessionStarted:
            started = event.session_started
            if (
                started is not None
                and started.reason is _evse_manager.StartSessionReason.EVConnected
            ):
                self._plugged_in(evse)
        elif kind is Event.TransactionStarted:
            evse.plugged_in = evse.transaction_active = evse.occupied = True
            evse.stop_timer()
        elif kind is Event.TransactionFinished:
            evse.transaction_active = False
            evse.identifier = None
        elif kind is Event.SessionFinished:
            evse.plugged_in = evse.plug_in_timeout = evse.occupied = False
            evse.identifier = None
            evse.stop_timer()
            if evse.evse_id in self._plug_in_queue:
                self._plug_in_queue.remove(evse.evse_id)
        elif kind in (Event.Disabled, Event.Enabled):
            evse.unavailable = kind is Event.Disabled
        elif kind is Event.Deauthorized:
            evse.identifier = None
            evse.stop_timer()
        elif kind is Event.ReservationEnd:
            self._spawn(functools.partial(self.reservations.evse_ended_reservation, evse.evse_id))
        if kind in _CHANGES_FREE_EVSES:
            self._reservations_changed()

    def _plugged_in(self, evse: _Evse) -> None:
        self._plug_in_queue.append(evse.evse_id)
        evse.plugged_in = True
        if len(self._evses) > 1 and self.options.plug_in_timeout_enabled:
            evse.stop_timer()
            evse.timer = asyncio.get_running_loop().call_later(
                self.connection_timeout, self._plug_in_timed_out, evse
            )

    def _validation_update(self, update: _authorization.ValidationResultUpdate) -> None:
        evse = self._by_id(update.connector_id)
        if evse is None or evse.identifier is None:
            _log.warning("validation result update for unknown EVSE %d", update.connector_id)
            return
        evse.identifier.parent_id_token = update.validation_result.parent_id_token
        token = evse.identifier.model_copy(update={"connectors": [evse.evse_id]})
        self._publish_status(token, TokenStatus.Accepted, update.validation_result)

    # -- AuthHandler ------------------------------------------------------------------------

    async def handle_set_connection_timeout(self, connection_timeout: int) -> None:
        self.connection_timeout = max(0, connection_timeout)

    async def handle_set_master_pass_group_id(self, master_pass_group_id: str) -> None:
        self.master_pass_group_id = master_pass_group_id or None

    async def handle_withdraw_authorization(
        self, request: _authorization.WithdrawAuthorizationRequest
    ) -> _authorization.WithdrawAuthorizationResult:
        Result = _authorization.WithdrawAuthorizationResult
        if request.evse_id is not None and self._by_id(request.evse_id) is None:
            return Result.EvseNotFound
        result = Result.AuthorizationNotFound
        for evse in self._evses:
            if evse.identifier is None:
                continue
            if request.evse_id is not None and evse.evse_id != request.evse_id:
                continue
            if request.id_token is not None and not _same_token(
                request.id_token, evse.identifier.id_token
            ):
                continue
            await self._withdraw(evse)
            result = Result.Accepted
        return result

    async def _withdraw(self, evse: _Evse) -> None:
        if evse.transaction_active:
            await self._stop(evse, StopReason.DeAuthorized, None)
            return
        identifier = evse.identifier
        try:
            await evse.client.withdraw_authorization()
        except CommandError as error:
            _log.warning("EVSE %d: withdraw_authorization failed: %s", evse.evse_id, error)
        if identifier is not None:
            token = identifier.model_copy(update={"connectors": [evse.evse_id]})
            self._publish_status(token, TokenStatus.Withdrawn)

    # -- helpers ------------------------------------------------------------------------------

    def _referenced(self, token: _authorization.ProvidedIdToken) -> list[_Evse]:
        if token.connectors is None:
            return [e for e in self._evses if not e.unavailable]
        referenced = []
        for evse_id in token.connectors:
            evse = self._by_id(evse_id)
            if evse is None:
                _log.warning("token names EVSE %d, which does not exist", evse_id)
            elif not evse.unavailable:
                referenced.append(evse)
        return referenced

    def _already_authorized(self, token: _authorization.ProvidedIdToken) -> bool:
        # Presented again before its transaction started: nothing new to do.
        return any(
            e.identifier is not None
            and not e.transaction_active
            and _same_token(e.identifier.id_token, token.id_token)
            for e in self._referenced(token)
        )

    def _used_for_transaction(self, evses: list[_Evse], value: str) -> _Evse | None:
        for evse in evses:
            identifier = evse.identifier
            if identifier is None:
                continue
            parent = identifier.parent_id_token
            if _same_token(identifier.id_token, value) or (
                parent is not None and _same_token(parent, value)
            ):
                return evse
        return None

    def _is_master_pass(self, parent: _authorization.IdToken | None) -> bool:
        return (
            self.master_pass_group_id is not None
            and parent is not None
            and _same_token(parent, self.master_pass_group_id)
        )

    def _by_id(self, evse_id: int) -> _Evse | None:
        return next((e for e in self._evses if e.evse_id == evse_id), None)

    def _publish_status(
        self,
        token: _authorization.ProvidedIdToken,
        status: _authorization.TokenValidationStatus,
        result: _authorization.ValidationResult | None = None,
    ) -> None:
        if self._publisher is None:
            return
        messages = result.tariff_messages if result is not None and result.tariff_messages else None
        self._publisher.publish_token_validation_status(
            _authorization.TokenValidationStatusMessage(
                token=token, status=status, messages=messages
            )
        )
