"""The OCPP side of charging: the charge point follows each EVSE's `evse_manager` session events,
powermeter and errors, keeps the connectors' state machine (connectors.py), turns transactions
into StartTransaction / MeterValues / StopTransaction on the durable queue (delivery.py), and
carries out what the CSMS asks of the EVSEs (remote start/stop, unlock, availability, reset).

Each EVSE is one OCPP connector (EVerest's EvseManager has one connector per EVSE); connector
ids follow the EVSE ids reported by `get_evse()`, in order.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from ocpp.v16 import call
from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import AuthorizationStatus, ChargePointStatus, Reason

from everest_py.runtime.errors import CommandError

# The evse_manager, powermeter and reservation types (a tenth of a second of pydantic classes,
# with the authorization and ISO 15118 types they pull in) load with the first EVSE or
# reservation link:
# the methods that need them import them, and they only run once an EVSE or reservation module
# is linked. A charge point without EVSEs never loads them (tests/test_startup.py).
if TYPE_CHECKING:
    from everest_py.generated.interfaces.evse_manager import EvseManagerClient
    from everest_py.generated.types.evse_manager import SessionEvent, StopTransactionReason
    from everest_py.generated.types.powermeter import Powermeter

    from .auth_provider import AuthProvider

from ..configuration import Configuration, KeyChange
from ..connectors import CHARGE_POINT, ConnectorError, Connectors
from ..ocpp import ConnectionLost, RpcEndpoint, to_keyword_arguments
from ..storage import deferred_saves
from .authorizer import TokenAuthorizer, id_tag_info
from .delivery import TransactionMessages
from .links import ChargingLinks
from .mapping import error_code, ocpp_reason
from .metering import energy_wh, measurand_list, meter_value, sampled_values
from .store import QueuedMessage

LOGGER = logging.getLogger(__name__)
EVSE_CALL_TIMEOUT: Final = 10.0  # seconds for a command to an EVSE (get_evse, unlock, ...)
MAX_STOP_DATA: Final = 100  # meter values kept for StopTransaction's transactionData
# A clock-aligned wait that ends this much further on the charge point's clock than on the
# monotonic one was overtaken by a clock step: its boundary is not read (seconds).
CLOCK_STEP: Final = 1.0
_DAY: Final = 86400
# EVerest's OCPP module disables and enables EVSEs with this source and priority.
_CSMS_PRIORITY: Final = 5000
# By SessionEventEnum value (a string enum), so that the table needs no EVSE types loaded.
_PHASES: Final[dict[str, ChargePointStatus]] = {
    "SessionStarted": ChargePointStatus.preparing,
    "ChargingStarted": ChargePointStatus.charging,
    "ChargingPausedEV": ChargePointStatus.suspended_ev,
    "ChargingPausedEVSE": ChargePointStatus.suspended_evse,
    "SwitchingPhases": ChargePointStatus.suspended_evse,
    "SessionFinished": ChargePointStatus.available,
}


# Transaction and Evse are plain classes: defined at every start, where a dataclass costs a
# millisecond of compiling its methods.
class Transaction:
    """A transaction on a connector, from its start until its StopTransaction is queued."""

    def __init__(
        self,
        local_ref: int,
        connector: int,
        id_tag: str,
        meter_start: int,
        started_at: datetime | None = None,
        charging_profile: dict[str, Any] | None = None,
    ) -> None:
        self.local_ref = local_ref
        self.connector = connector
        self.id_tag = id_tag
        self.meter_start = meter_start
        self.started_at = started_at  # when EvseManager started it
        # The CSMS's transactionId, once StartTransaction is answered.
        self.csms_id: int | None = None
        self.charging_profile = charging_profile  # from RemoteStartTransaction
        self.stop_data: list[dict[str, Any]] = []
        # MaxEnergyOnInvalidId after an invalid idTag.
        self.energy_limit_wh: float | None = None
        self.finished = asyncio.Event()


class Evse:
    """An EVSE (one connector): its EvseManager, its meter, its transaction and sampler."""

    def __init__(
        self, client: EvseManagerClient, connector: int, meter: Powermeter | None = None
    ) -> None:
        self.client = client
        self.connector = connector
        self.meter = meter
        self.transaction: Transaction | None = None
        self.sampler: asyncio.Task[None] | None = None
        # The idTag of an accepted RemoteStartTransaction and its chargingProfile (snake_case
        # fields), for the transaction that idTag starts here.
        self.remote_profile: tuple[str, dict[str, Any]] | None = None


class ChargingStation:
    def __init__(
        self,
        links: ChargingLinks,
        connectors: Connectors,
        configuration: Configuration,
        messages: TransactionMessages,
        authorizer: TokenAuthorizer,
        endpoint: Callable[[], RpcEndpoint | None],
        timestamp: Callable[[], str],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        registered: Callable[[], bool] = lambda: True,
    ) -> None:
        """`registered`: the CSMS accepted the BootNotification. Until then (Pending,
        Rejected) the charge point sends no request of its own (OCPP 1.6 §4.2): the meter
        values it would send outside a transaction are not sent then."""
        self.links = links
        self.connectors = connectors
        self.configuration = configuration
        self.messages = messages
        self.authorizer = authorizer
        self._endpoint = endpoint
        self._registered = registered
        self._timestamp = timestamp
        self._now = now
        self.evses: dict[int, Evse] = {}  # by OCPP connector id
        # The metering loops sleep until their interval elapses or its key changes: an idle
        # charge point (a thousand in a fleet) wakes for nothing.
        self._key_changes: dict[str, asyncio.Event] = {}
        configuration.add_listener(self._key_changed)
        # Told when a transaction started, when the CSMS gave it its id, and when it ended
        # (smart charging: a TxProfile lives as long as its transaction, and limits follow).
        self.transaction_started_listeners: list[Callable[[int, Transaction], Awaitable[None]]] = []
        self.transaction_accepted_listeners: list[Callable[[int, Transaction], Awaitable[None]]] = (
            []
        )
        self.transaction_ended_listeners: list[Callable[[int], Awaitable[None]]] = []
        self._aligned: asyncio.Task[None] | None = None
        self._subscriptions: list[Any] = []

    @functools.cached_property
    def auth_provider(self) -> AuthProvider:
        """The `auth_provider` implementation, made when a module is there to serve it (its
        interface's types load with it)."""
        from .auth_provider import AuthProvider

        return AuthProvider()

    # --- life cycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Stop the transactions a previous run left open (PowerLoss) and apply the availability
        changes scheduled for their end; learn each EVSE's id, subscribe to its events, tell it
        its stored availability; start clock-aligned metering."""
        await self.messages.stop_open_transactions()
        # No transaction outlives the process: what was scheduled for its end applies now.
        await self._apply_all_scheduled()
        clients = list(self.links.evse_managers)
        ids = [await self._evse_id(client, index + 1) for index, client in enumerate(clients)]
        order = sorted(range(len(clients)), key=lambda index: (ids[index], index))
        for connector, index in enumerate(order, start=1):
            evse = Evse(clients[index], connector)
            self.evses[connector] = evse
            self._subscriptions.append(
                evse.client.subscribe_session_event(functools.partial(self._on_session_event, evse))
            )
            self._subscriptions.append(
                evse.client.subscribe_powermeter(functools.partial(self._on_meter, evse))
            )
        await self.restore_availability()
        self._aligned = asyncio.get_running_loop().create_task(self._clock_aligned())

    async def restore_availability(self) -> None:
        """Tell the EVSEs the availability stored for them: at start, and after the station
        rebooted them (an EVSE starts enabled, while Unavailable persists a reboot: OCPP 1.6
        §5.2). Inoperative ones are disabled; Operative ones are enabled too, as EVerest's OCPP
        module (libocpp's init_state_machine) does: an EvseManager that outlived this process
        may still hold a CSMS Disable whose Enable never reached it (a kill between storing
        ChangeAvailability(Operative) and telling the EVSE). Connectors whose availability was
        never stored are left alone: the CSMS source never disabled them, unless a firmware
        installation holds every connector: a rebooted EVSE starts enabled, and must not
        charge while the installation it waits for may reboot the station."""
        connectors = self.connectors.stored_availability()
        if self.connectors.held_for_firmware:
            connectors = sorted(set(connectors) | set(self.evses))
        await self.enable_disable(connectors)

    async def _apply_all_scheduled(self) -> None:
        try:
            await self._apply_scheduled(sorted(self.connectors.scheduled))
        except Exception:
            # Applied in memory all the same (the EVSEs are told); the next start tries again.
            LOGGER.exception("the scheduled availability changes could not be stored")

    async def close(self) -> None:
        for subscription in self._subscriptions:
            subscription.cancel()
        tasks = [t for t in (self._aligned, *(e.sampler for e in self.evses.values())) if t]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _evse_id(self, client: EvseManagerClient, fallback: int) -> int:
        try:
            return (await client.get_evse(timeout=EVSE_CALL_TIMEOUT)).id
        except Exception as error:
            LOGGER.warning("get_evse failed (%s): taking EVSE %d by position", error, fallback)
            return fallback

    # --- what the EVSEs tell -------------------------------------------------------------

    def _on_meter(self, evse: Evse, meter: Powermeter) -> None:
        evse.meter = meter
        transaction = evse.transaction
        limit = transaction.energy_limit_wh if transaction else None
        if limit is not None and meter.energy_Wh_import.total >= limit:
            assert transaction is not None
            transaction.energy_limit_wh = None
            LOGGER.info("MaxEnergyOnInvalidId reached on connector %d", evse.connector)
            self._spawn(self._stop(evse, _stop_reason("DeAuthorized")))

    async def _on_session_event(self, evse: Evse, event: SessionEvent) -> None:
        try:
            await self._session_event(evse, event)
        except Exception:
            LOGGER.exception("connector %d: handling %s failed", evse.connector, event.event)

    async def _session_event(self, evse: Evse, event: SessionEvent) -> None:
        from everest_py.generated.types.evse_manager import SessionEventEnum

        kind, connector = event.event, evse.connector
        if kind is SessionEventEnum.TransactionStarted:
            await self._transaction_started(evse, event)
        elif kind is SessionEventEnum.TransactionFinished:
            await self._transaction_finished(evse, event)
        elif kind in _PHASES:
            self.connectors.update(connector, phase=_PHASES[kind])
        elif kind in (SessionEventEnum.Enabled, SessionEventEnum.Disabled):
            self.connectors.update(connector, enabled=kind is SessionEventEnum.Enabled)
        elif kind in (SessionEventEnum.ReservationStart, SessionEventEnum.ReservationEnd):
            self.connectors.update(connector, reserved=kind is SessionEventEnum.ReservationStart)
        elif kind is SessionEventEnum.PluginTimeout and evse.transaction is None:
            evse.remote_profile = None  # its authorization expired: no transaction follows
            # A car is plugged in but no idTag came in time: Finishing until it is unplugged
            # (OCPP 1.6 §4.9, Preparing -> Finishing "timed out"; libocpp alike), not Available
            # with a car in the way that would need replugging to charge.
            self.connectors.update(connector, phase=ChargePointStatus.finishing)

    def evse_error(self, index: int, key: str, error_type: str, active: bool) -> None:
        """An error raised or cleared by the `index`-th evse_manager connection."""
        client = self.links.evse_managers[index]
        connector = next((c for c, e in self.evses.items() if e.client is client), CHARGE_POINT)
        self.error_changed(connector, key, error_type, active)

    def error_changed(self, connector: int, key: str, error_type: str, active: bool) -> None:
        """An error of the EVSE behind `connector` (0: of the charge point) raised or cleared;
        `key` tells errors apart (EVerest's error uuid or type)."""
        if not self.connectors.exists(connector):
            connector = CHARGE_POINT
        errors = self.connectors.states[connector].errors
        if active:
            code, vendor_id, vendor_code = error_code(error_type)
            errors[key] = ConnectorError(code, vendor_id, vendor_code, error_type[:50])
        elif errors.pop(key, None) is None:
            return
        self.connectors.changed(connector)

    # --- transactions --------------------------------------------------------------------

    async def _transaction_started(self, evse: Evse, event: SessionEvent) -> None:
        started = event.transaction_started
        if started is None:
            LOGGER.warning("connector %d: TransactionStarted without data", evse.connector)
            return
        evse.meter = evse.meter or started.meter_value
        id_tag = started.id_tag.id_token.value[:20]
        meter_start = energy_wh(started.meter_value)
        payload: dict[str, Any] = {
            "connectorId": evse.connector,
            "idTag": id_tag,
            "meterStart": meter_start,
            "timestamp": self._event_time(event.timestamp),
        }
        if started.reservation_id is not None:
            payload["reservationId"] = started.reservation_id
        # On disk before anything else happens: a kill from here on loses nothing.
        local_ref = await self.messages.start_transaction(payload)
        transaction = Transaction(local_ref, evse.connector, id_tag, meter_start)
        transaction.started_at = _parse(payload["timestamp"])
        # §5.11: a RemoteStartTransaction's profile is for the transaction it started, i.e. its
        # idTag's; another idTag's transaction (the remote start timed out) gets nothing.
        remote, evse.remote_profile = evse.remote_profile, None
        if remote is not None and remote[0][:20] == id_tag:
            transaction.charging_profile = remote[1]
        self._keep_stop_data(transaction, started.meter_value, "Transaction.Begin")
        evse.transaction = transaction
        state = self.connectors.states[evse.connector]
        phase = state.phase
        if phase in (ChargePointStatus.available, ChargePointStatus.finishing):
            phase = ChargePointStatus.preparing
        # A transaction uses up the connector's reservation: EvseManager ends it without a
        # ReservationEnd (as libocpp, the connector is not Reserved again after the session).
        self.connectors.update(evse.connector, transaction=True, phase=phase, reserved=False)
        evse.sampler = asyncio.get_running_loop().create_task(self._sample(evse, transaction))
        await self._tell(self.transaction_started_listeners, evse.connector, transaction)

    async def _transaction_finished(self, evse: Evse, event: SessionEvent) -> None:
        finished, transaction = event.transaction_finished, evse.transaction
        if transaction is None or finished is None:
            LOGGER.warning(
                "connector %d: TransactionFinished without a transaction", evse.connector
            )
            return
        if evse.sampler is not None:
            evse.sampler.cancel()
            evse.sampler = None
        self._keep_stop_data(transaction, finished.meter_value, "Transaction.End")
        reason = ocpp_reason(finished.reason)
        payload: dict[str, Any] = {
            "meterStop": energy_wh(finished.meter_value),
            "timestamp": self._event_time(event.timestamp),
            "reason": reason.value,
        }
        if finished.id_tag is not None:
            payload["idTag"] = finished.id_tag.id_token.value[:20]
        if transaction.stop_data:
            payload["transactionData"] = transaction.stop_data
        try:
            await self.messages.enqueue("StopTransaction", transaction.local_ref, payload)
        except Exception:
            # The transaction is over on the EVSE all the same; its StopTransaction could not be
            # stored (the next start stops it again, reason PowerLoss, from the store).
            LOGGER.exception("connector %d: StopTransaction not stored", evse.connector)
        evse.transaction = None
        transaction.finished.set()
        await self._tell(self.transaction_ended_listeners, evse.connector)
        # As libocpp: unplugged, nobody is there to act; SessionFinished makes it Available.
        if reason is Reason.ev_disconnected:
            self.connectors.update(evse.connector, transaction=False)
        else:
            finishing = ChargePointStatus.finishing
            self.connectors.update(evse.connector, transaction=False, phase=finishing)
        await self.enable_disable(await self._apply_scheduled([evse.connector]))
        if reason is Reason.ev_disconnected and self._flag("UnlockConnectorOnEVSideDisconnect"):
            await self._unlock(evse)

    def _keep_stop_data(self, transaction: Transaction, meter: Powermeter, context: str) -> None:
        measurands = measurand_list(self.configuration.value("StopTxnSampledData"))
        values = sampled_values(meter, measurands, context)
        if values:
            self._add_stop_data(transaction, meter_value(self._event_time(meter.timestamp), values))

    def _add_stop_data(self, transaction: Transaction, value: dict[str, Any]) -> None:
        transaction.stop_data.append(value)
        # Bounded: the first (Transaction.Begin) and the newest are kept.
        if len(transaction.stop_data) > MAX_STOP_DATA:
            del transaction.stop_data[1]

    def transaction_id_given(self, local_ref: int, csms_id: int) -> None:
        evse = next((e for e in self.evses.values() if _runs(e, local_ref)), None)
        if evse is not None and evse.transaction is not None:
            evse.transaction.csms_id = csms_id

    async def answered(self, message: QueuedMessage, answer: Any) -> None:
        """The CSMS answered a transaction message (the queue's hook)."""
        evse = next((e for e in self.evses.values() if _runs(e, message.local_ref)), None)
        if message.action == "StartTransaction" and evse is not None and evse.transaction:
            evse.transaction.csms_id = getattr(answer, "transaction_id", None)
            await self._tell(self.transaction_accepted_listeners, evse.connector, evse.transaction)
        info = getattr(answer, "id_tag_info", None)
        id_tag = message.payload.get("idTag")
        if info is None or not id_tag:
            return
        tag_info = id_tag_info(info)
        self.authorizer.learn(id_tag, tag_info)
        if message.action == "StartTransaction" and tag_info.status != AuthorizationStatus.accepted:
            await self._invalid_id(message.local_ref)

    async def _invalid_id(self, local_ref: int) -> None:
        evse = next((e for e in self.evses.values() if _runs(e, local_ref)), None)
        if evse is None or evse.transaction is None:
            return  # already over
        if not self._flag("StopTransactionOnInvalidId"):
            await self._call(evse, "pause_charging")
            return
        max_energy = self.configuration.integer("MaxEnergyOnInvalidId")
        if max_energy > 0 and evse.meter is not None:
            evse.transaction.energy_limit_wh = evse.meter.energy_Wh_import.total + max_energy
            return
        await self._stop(evse, _stop_reason("DeAuthorized"))

    # --- metering ------------------------------------------------------------------------

    def _changes(self, key: str) -> asyncio.Event:
        """Set when `key` next changes (a fresh event per change: every waiter sees it)."""
        return self._key_changes.setdefault(key, asyncio.Event())

    def _key_changed(self, change: KeyChange) -> None:
        event = self._key_changes.pop(change.definition.name, None)
        if event is not None:
            event.set()

    async def _sample(self, evse: Evse, transaction: Transaction) -> None:
        while True:
            try:
                await self._sample_once(evse, transaction)
            except asyncio.CancelledError:
                raise
            except Exception:  # e.g. the store cannot write: the next sample tries again
                LOGGER.exception("connector %d: sampled meter values failed", evse.connector)
                await asyncio.sleep(1.0)  # back-off before the next attempt, not a wait

    async def _sample_once(self, evse: Evse, transaction: Transaction) -> None:
        """One sample after the interval (none when the interval changed meanwhile)."""
        changed = self._changes("MeterValueSampleInterval")
        interval = self.configuration.integer("MeterValueSampleInterval")
        if not await _elapsed(interval, changed) or evse.meter is None:
            return  # the interval changed (or no reading yet): plan again
        sampled = measurand_list(self.configuration.value("MeterValuesSampledData"))
        values = sampled_values(evse.meter, sampled, "Sample.Periodic")
        stamp = self._timestamp()
        if values:
            payload = {
                "connectorId": evse.connector,
                "meterValue": [meter_value(stamp, values)],
            }
            reading = (energy_wh(evse.meter), stamp)
            await self.messages.enqueue("MeterValues", transaction.local_ref, payload, reading)
        stop = measurand_list(self.configuration.value("StopTxnSampledData"))
        stop_values = sampled_values(evse.meter, stop, "Sample.Periodic")
        if stop_values:
            self._add_stop_data(transaction, meter_value(stamp, stop_values))

    async def _clock_aligned(self) -> None:
        """A reading every ClockAlignedDataInterval seconds from midnight on the charge point's
        clock (this machine's plus the offset adopted from the CSMS: OCPP 1.6 counts the
        intervals from 00:00:00 of the charge point's day, see `next_boundary`), stamped with
        its boundary."""
        sent_for = 0.0  # the boundary (charge point's clock) of the last aligned reading
        while True:
            changed = self._changes("ClockAlignedDataInterval")
            interval = self.configuration.integer("ClockAlignedDataInterval")
            if interval <= 0:
                await _elapsed(0, changed)  # off until the key changes
                continue
            planned, slept_from = self._now().timestamp(), time.monotonic()
            boundary = next_boundary(planned, interval, sent_for)
            if not await _elapsed(max(boundary - planned, 0.001), changed):
                continue  # switched on, off or to another interval: plan again
            now = self._now().timestamp()
            if now < boundary:
                continue  # the clock was set or slewed back while we slept: wait for it again
            if (now - planned) - (time.monotonic() - slept_from) > CLOCK_STEP:
                # The clock was set forward while we slept (the CSMS time adopted, or this
                # machine's clock stepped): the boundary passed unseen; plan from the new time.
                continue
            sent_for = boundary
            try:
                await self._send_clock_aligned(_timestamp(datetime.fromtimestamp(boundary, UTC)))
            except Exception:
                LOGGER.exception("clock-aligned meter values failed")

    async def _send_clock_aligned(self, stamp: str) -> None:
        """The clock-aligned readings, stamped `stamp` (their boundary)."""
        measurands = measurand_list(self.configuration.value("MeterValuesAlignedData"))
        stop = measurand_list(self.configuration.value("StopTxnAlignedData"))
        for connector, meter in self._meters():
            evse = self.evses.get(connector)
            transaction = evse.transaction if evse else None
            values = sampled_values(meter, measurands, "Sample.Clock")
            if transaction is not None:
                stop_values = sampled_values(meter, stop, "Sample.Clock")
                if stop_values:
                    self._add_stop_data(transaction, meter_value(stamp, stop_values))
            if not values:
                continue
            payload = {"connectorId": connector, "meterValue": [meter_value(stamp, values)]}
            if transaction is not None:
                reading = (energy_wh(meter), stamp)
                await self.messages.enqueue("MeterValues", transaction.local_ref, payload, reading)
            else:
                await self._send_now(payload)

    def _meters(self) -> list[tuple[int, Powermeter]]:
        """(connector, reading) of each connector with a meter, after connector 0: the sum of
        the connectors' energy and power (the charge point has no meter of its own)."""
        meters = [(c, e.meter) for c, e in sorted(self.evses.items()) if e.meter is not None]
        if not meters:
            return []
        # Loaded here: readings come from the EVSEs' powermeters, with their links.
        from everest_py.generated.types.powermeter import Powermeter
        from everest_py.generated.types.units import Energy, Power

        total = Powermeter(
            timestamp=datetime.now(UTC).isoformat(),
            energy_Wh_import=Energy(total=sum(m.energy_Wh_import.total for _, m in meters)),
            power_W=Power(total=sum(m.power_W.total for _, m in meters if m.power_W)),
        )
        return [(CHARGE_POINT, total), *meters]

    def triggered_meter_values(self, connector: int | None) -> list[dict[str, Any]]:
        """TriggerMessage(MeterValues): the MeterValues.req payloads of the sampled measurands
        now, context Trigger, of `connector` (None: every connector with a meter, 0 the sum).
        Empty when there is nothing to send (no reading yet, no meter there, no measurand
        configured): the trigger is then Rejected, since Accepted promises the message."""
        measurands = measurand_list(self.configuration.value("MeterValuesSampledData"))
        payloads: list[dict[str, Any]] = []
        for target, meter in self._meters():
            if connector is not None and target != connector:
                continue
            values = sampled_values(meter, measurands, "Trigger")
            if not values:
                continue
            payload: dict[str, Any] = {
                "connectorId": target,
                "meterValue": [meter_value(self._timestamp(), values)],
            }
            evse = self.evses.get(target)
            if evse is not None and evse.transaction is not None:
                if evse.transaction.csms_id is not None:
                    payload["transactionId"] = evse.transaction.csms_id
            payloads.append(payload)
        return payloads

    async def send_meter_values(
        self, endpoint: RpcEndpoint, payloads: list[dict[str, Any]]
    ) -> None:
        for payload in payloads:
            await _request(endpoint, payload)

    async def _send_now(self, payload: dict[str, Any]) -> None:
        endpoint = self._endpoint()
        if endpoint is not None and self._registered():
            await _request(endpoint, payload)

    # --- what the CSMS asks --------------------------------------------------------------

    def _event_time(self, value: str | datetime) -> str:
        """An EVSE's event time (this machine's clock) on the charge point's clock (the CSMS's
        time it adopted), so transaction messages, statuses and meter values agree."""
        offset = self._now() - datetime.now(UTC)
        moment = value if isinstance(value, datetime) else _parse(value)
        return _timestamp((moment or datetime.now(UTC)) + offset)

    def transaction_id_of(self, connector: int) -> int | None:
        """The CSMS's transactionId of the transaction on `connector` (None: none, or not
        answered yet)."""
        evse = self.evses.get(connector)
        return evse.transaction.csms_id if evse and evse.transaction else None

    def transaction_start_of(self, connector: int) -> datetime | None:
        evse = self.evses.get(connector)
        return evse.transaction.started_at if evse and evse.transaction else None

    async def _tell(self, listeners: Sequence[Callable[..., Awaitable[None]]], *args: Any) -> None:
        for listener in list(listeners):
            try:
                await listener(*args)
            except Exception:
                LOGGER.exception("a transaction listener failed")

    def transaction_connector(self, csms_id: int) -> Evse | None:
        for evse in self.evses.values():
            transaction = evse.transaction
            if transaction is not None and transaction.csms_id == csms_id:
                return evse
        return None

    async def remote_start_connector(self, connector: int | None, id_tag: str) -> int | None:
        """The connector a RemoteStartTransaction for ``id_tag`` goes to; None: refuse it.
        A Reserved connector takes it when its reservation is for ``id_tag`` (as libocpp)."""
        candidates = sorted(self.evses) if connector is None else [connector]
        for candidate in candidates:
            if candidate not in self.evses:
                continue
            if self.connectors.available_for_transaction(candidate):
                return candidate
            if await self._reserved_for(candidate, id_tag):
                return candidate
        return None

    async def _reserved_for(self, connector: int, id_tag: str) -> bool:
        client = self.links.reservation
        if client is None or self.connectors.status(connector) != ChargePointStatus.reserved:
            return False
        from everest_py.generated.types.reservation import ReservationCheck, ReservationCheckStatus

        check = ReservationCheck(evse_id=connector, id_token=id_tag)
        try:
            found = await client.exists_reservation(request=check, timeout=EVSE_CALL_TIMEOUT)
        except CommandError as error:
            LOGGER.warning("connector %d: exists_reservation failed: %s", connector, error)
            return False
        return found is ReservationCheckStatus.ReservedForToken

    async def remote_start(
        self, id_tag: str, connector: int, profile: dict[str, Any] | None
    ) -> None:
        """After an Accepted RemoteStartTransaction: authorize when configured, then hand the
        token to Auth (auth_provider), which assigns it to the EVSE."""
        if self._flag("AuthorizeRemoteTxRequests"):
            info = await self.authorizer.authorize(id_tag)
            if info.status != AuthorizationStatus.accepted:
                LOGGER.info("RemoteStartTransaction idTag not accepted (%s)", info.status)
                return
        self.evses[connector].remote_profile = None if profile is None else (id_tag, profile)
        # Validated here (or not to be validated): Auth need not ask the validators again.
        if not self.auth_provider.provide(id_tag, connector, prevalidated=True):
            LOGGER.warning("RemoteStartTransaction: no auth_provider publisher attached")

    async def remote_stop(self, evse: Evse) -> None:
        await self._stop(evse, _stop_reason("Remote"))

    async def unlock(self, connector: int) -> str:
        """UnlockConnector: stop a running transaction (UnlockCommand), then force_unlock."""
        evse = self.evses.get(connector)
        if evse is None:
            return "NotSupported"
        if evse.transaction is not None:
            await self._stop(evse, _stop_reason("UnlockCommand"))
        return "Unlocked" if await self._unlock(evse) else "UnlockFailed"

    def change_availability(self, connector: int, kind: str) -> str:
        """ChangeAvailability: Accepted (applied now) or Scheduled (a transaction runs on an
        affected connector: applied when it ends); the EVSEs are enabled/disabled after."""
        targets = list(self.connectors.ids()) if connector == CHARGE_POINT else [connector]
        # §5.2: a connector already in the asked availability answers Accepted, transaction or
        # not (an opposite change scheduled for it is dropped).
        busy = [
            c
            for c in targets
            if self.connectors.states[c].transaction and self.connectors.availability(c) != kind
        ]
        # The scheduled part is stored with the rest: a restart mid-transaction applies it.
        self.connectors.set_availability(connector, kind, skip=busy, schedule=True)
        return "Scheduled" if busy else "Accepted"

    async def enable_disable(self, connectors: Sequence[int]) -> None:
        """Tell the EVSEs of `connectors` the availability they have now (disabled while held
        for a firmware installation)."""
        if not any(connector in self.evses for connector in connectors):
            return  # Nobody to tell (no EVSEs: the types below are never loaded then).
        from everest_py.generated.types.evse_manager import (
            EnableDisableSource,
            EnableDisableSourceEnableSource,
            EnableDisableSourceEnableState,
        )

        for connector in connectors:
            evse = self.evses.get(connector)
            if evse is None or self.connectors.is_scheduled(connector):
                continue
            operative = self.connectors.availability(connector) == "Operative"
            operative = operative and not self.connectors.held_for_firmware
            state = (
                EnableDisableSourceEnableState.Enable
                if operative
                else (EnableDisableSourceEnableState.Disable)
            )
            source = EnableDisableSource(
                enable_source=EnableDisableSourceEnableSource.CSMS,
                enable_state=state,
                enable_priority=_CSMS_PRIORITY,
            )
            await self._call(evse, "enable_disable", 0, source)

    async def stop_all(self, reason: StopTransactionReason, timeout: float) -> None:
        """Stop every running transaction with `reason`; waits up to `timeout` for them to end
        (their StopTransaction is then on disk)."""
        running = [(e, e.transaction) for e in self.evses.values() if e.transaction]
        for evse, _ in running:
            await self._stop(evse, reason)
        try:
            async with asyncio.timeout(timeout):
                for _, transaction in running:
                    if transaction is not None:
                        await transaction.finished.wait()
        except TimeoutError:
            LOGGER.warning("transactions still running after %.0f s; resetting anyway", timeout)

    @property
    def transactions_running(self) -> bool:
        return any(e.transaction for e in self.evses.values())

    # --- internals -----------------------------------------------------------------------

    async def _apply_scheduled(self, connectors: Sequence[int]) -> list[int]:
        """Apply the availability changes scheduled for the ended transactions of `connectors`
        in one write (a connector the state file names but this station lacks is left as it
        is); the connectors it applied to."""
        pending = [
            c for c in connectors if self.connectors.is_scheduled(c) and self.connectors.exists(c)
        ]
        if pending:
            # The write waits on the state file's writer thread, not on the event loop.
            with deferred_saves() as saves:
                for connector in pending:
                    LOGGER.info("connector %d: applying its scheduled availability", connector)
                    self.connectors.apply_scheduled(connector)
            await saves.commit()
        return pending

    async def _stop(self, evse: Evse, reason: StopTransactionReason) -> bool:
        from everest_py.generated.types.evse_manager import StopTransactionRequest

        return bool(
            await self._call(evse, "stop_transaction", StopTransactionRequest(reason=reason))
        )

    async def _unlock(self, evse: Evse) -> bool:
        return bool(await self._call(evse, "force_unlock", 1))

    async def _call(self, evse: Evse, command: str, *arguments: Any) -> Any:
        try:
            method = getattr(evse.client, command)
            return await method(*arguments, timeout=EVSE_CALL_TIMEOUT)
        except Exception as error:
            LOGGER.warning("connector %d: %s failed: %s", evse.connector, command, error)
            return None

    def _flag(self, key: str) -> bool:
        return (self.configuration.value(key) or "").lower() == "true"

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        _BACKGROUND.add(task)
        task.add_done_callback(_BACKGROUND.discard)


_BACKGROUND: set[asyncio.Task[Any]] = set()


def next_boundary(now: float, interval: int, sent_for: float) -> float:
    """The next clock-aligned time after `now` (seconds since the epoch on the charge point's
    clock, UTC): a multiple of `interval` past midnight, the day's last interval ending at the
    next midnight when `interval` does not divide a day (OCPP 1.6: evenly spaced intervals per
    day, starting at 00:00:00). Never the one already sent for: a clock stepped or slewed back
    must not give one boundary two readings."""
    boundary = now
    while boundary <= now or boundary <= sent_for:
        midnight = boundary - boundary % _DAY
        boundary = min(
            midnight + ((boundary - midnight) // interval + 1) * interval, midnight + _DAY
        )
    return boundary


async def _elapsed(seconds: float, changed: asyncio.Event) -> bool:
    """True once `seconds` passed, False as soon as `changed` is set; with `seconds` <= 0
    only a change ends the wait."""
    try:
        async with asyncio.timeout(seconds if seconds > 0 else None):
            await changed.wait()
    except TimeoutError:
        return True
    return False


def _stop_reason(name: str) -> StopTransactionReason:
    from everest_py.generated.types.evse_manager import StopTransactionReason

    return StopTransactionReason(name)


def _runs(evse: Evse, local_ref: int) -> bool:
    return evse.transaction is not None and evse.transaction.local_ref == local_ref


def _timestamp(moment: datetime) -> str:
    """An OCPP timestamp (UTC, Z)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


async def _request(endpoint: RpcEndpoint, payload: dict[str, Any]) -> None:
    try:
        await endpoint.request(call.MeterValues(**to_keyword_arguments(payload)))
    except ConnectionLost:
        pass
    except Exception as error:
        LOGGER.warning("MeterValues failed: %s", error)


__all__ = ["ChargingStation", "Evse", "IdTagInfo", "Transaction"]
