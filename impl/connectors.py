"""The connectors' state machine: what each connector is doing (driven by the EVSE's session
events, charging/station.py), its errors, its reservation, its availability (kept in the state
file across restarts), and the StatusNotification.req that reports it.

A connector's ChargePointStatus follows from that state (`status`), in this order: Faulted
while an error is active; Unavailable while Inoperative (or the EVSE disabled, or held for a
firmware installation) and no transaction runs; Reserved while reserved and idle; else the session's phase (Available,
Preparing, Charging, SuspendedEV, SuspendedEVSE, Finishing). Connector 0 is the charge point as
a whole: Faulted, Unavailable or Available.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ocpp.v16 import call
from ocpp.v16.enums import AvailabilityType, ChargePointErrorCode, ChargePointStatus

from .configuration import StateFile
from .ocpp import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint

LOGGER = logging.getLogger(__name__)
CHARGE_POINT = 0  # connector id 0 is the charge point as a whole


class ConnectorError(NamedTuple):
    code: ChargePointErrorCode
    vendor_id: str | None = None
    vendor_error_code: str | None = None
    info: str | None = None


class ConnectorState:
    """What a connector is doing: its session phase, active errors, reservation, EVSE state.
    (A plain class: defined at every start, where a dataclass costs a millisecond.)"""

    __slots__ = ("enabled", "errors", "phase", "reserved", "transaction")

    def __init__(self) -> None:
        self.phase = ChargePointStatus.available  # the session: Available..Finishing
        self.errors: dict[str, ConnectorError] = {}  # by EVerest error key
        self.reserved = False
        self.enabled = True  # the EVSE's own Enabled/Disabled events
        self.transaction = False


Report = tuple[ChargePointStatus, ChargePointErrorCode]
Snapshot = tuple[ChargePointStatus, ConnectorError]  # a status as it was at a moment


class Connectors:
    def __init__(self, count: int, state: StateFile, timestamp: Callable[[], str]) -> None:
        self.count = count
        self._state = state
        self._timestamp = timestamp
        self.states = {connector: ConnectorState() for connector in range(count + 1)}
        self.reported: dict[int, Report] = {}  # what the CSMS was last told, per connector
        self.listeners: list[Callable[[int], None]] = []  # told of every possible change
        # Connectors whose status is to be reported: however often the CSMS asks, each is
        # reported once per report in flight (see `report`).
        self._unreported: set[int] = set()
        # A firmware installation is pending (firmware/installation.py): connectors 1..n are
        # Unavailable while idle. In memory only, as in libocpp: a restart ends it.
        self.held_for_firmware = False
        self.report_sent = asyncio.Event()  # set after every StatusNotification (waiters clear it)

    def ids(self) -> range:
        """Every connector id, the charge point (0) included."""
        return range(self.count + 1)

    def exists(self, connector: int) -> bool:
        return 0 <= connector <= self.count

    # --- the state machine ---------------------------------------------------------------

    def status(self, connector: int) -> ChargePointStatus:
        state = self.states[connector]
        if state.errors:
            return ChargePointStatus.faulted
        inoperative = self._availability(connector) == AvailabilityType.inoperative
        if connector == CHARGE_POINT:
            return ChargePointStatus.unavailable if inoperative else ChargePointStatus.available
        idle = state.phase is ChargePointStatus.available
        held = inoperative or not state.enabled or self.held_for_firmware
        if held and not state.transaction and idle:
            return ChargePointStatus.unavailable
        if state.reserved and idle:
            return ChargePointStatus.reserved
        return state.phase

    def error(self, connector: int) -> ConnectorError:
        errors = self.states[connector].errors
        return next(reversed(errors.values())) if errors else ConnectorError(_NO_ERROR)

    def current(self, connector: int) -> Report:
        return self.status(connector), self.error(connector).code

    def snapshot(self, connector: int) -> Snapshot:
        return self.status(connector), self.error(connector)

    def update(self, connector: int, **changes: object) -> None:
        """Change `connector`'s state (ConnectorState fields) and tell the listeners."""
        state = self.states[connector]
        for name, value in changes.items():
            setattr(state, name, value)
        self.changed(connector)

    def changed(self, connector: int) -> None:
        for listener in list(self.listeners):
            listener(connector)

    def available_for_transaction(self, connector: int) -> bool:
        """Idle enough for RemoteStartTransaction: no transaction, not faulted/unavailable."""
        state = self.states[connector]
        return not state.transaction and self.status(connector) in (
            ChargePointStatus.available,
            ChargePointStatus.preparing,
        )

    # --- availability --------------------------------------------------------------------

    def availability(self, connector: int) -> str:
        return self._availability(connector) or AvailabilityType.operative.value

    def stored_availability(self) -> list[int]:
        """The connectors whose availability was ever stored (ChangeAvailability), lowest
        first; the others are Operative as they have always been."""
        return sorted(int(c) for c in self._state.availability if c.isdigit())

    # Availability asked for while a transaction ran ("Scheduled"): in the state file with the
    # availability itself, so a restart mid-transaction (whose transaction ends in its PowerLoss
    # stop) still applies it.

    @property
    def scheduled(self) -> dict[int, str]:
        """The availability changes waiting for a transaction's end, by connector."""
        stored = self._state.scheduled_availability
        return {int(c): kind for c, kind in stored.items() if c.isdigit()}

    def is_scheduled(self, connector: int) -> bool:
        return str(connector) in self._state.scheduled_availability

    def set_availability(
        self, connector: int, kind: str, skip: Iterable[int] = (), schedule: bool = False
    ) -> list[int]:
        """Store `kind` for `connector` (0: every connector but those in `skip`); with
        `schedule`, store it as scheduled for each of `connector`'s connectors in `skip` (applied
        by `apply_scheduled`), in the same write. Returns the connectors whose status changed.
        Inside `storage.deferred_saves()` the write is only queued (the scope's `commit()`
        waits for the disk, off the event loop: what an async caller uses); otherwise this
        waits for the disk (raises StateFileError when it cannot be stored)."""
        skipped = set(skip)
        targets = list(self.ids()) if connector == CHARGE_POINT else [connector]
        everyone = [c for c in self.ids() if c not in skipped]
        affected = everyone if connector == CHARGE_POINT else [connector]
        before = {c: self.status(c) for c in affected}
        scheduled = self._state.scheduled_availability
        for target in affected:
            self._state.availability[str(target)] = kind
            scheduled.pop(str(target), None)
        if schedule:
            for target in skipped.intersection(targets):
                scheduled[str(target)] = kind
        self._state.save()
        changed = [c for c in affected if self.status(c) != before[c]]
        for target in changed:
            self.changed(target)
        return changed

    def hold_for_firmware(self, held: bool) -> list[int]:
        """Hold connectors 1..n Unavailable while idle for a firmware installation, or release
        them (back to their stored availability); returns those whose status changed. The
        charge point itself (0) is left alone, as libocpp does."""
        targets = [c for c in self.ids() if c != CHARGE_POINT]
        before = {c: self.status(c) for c in targets}
        self.held_for_firmware = held
        changed = [c for c in targets if self.status(c) != before[c]]
        for target in changed:
            self.changed(target)
        return changed

    def apply_scheduled(self, connector: int) -> list[int]:
        """Apply an availability change scheduled for `connector`'s ended transaction (one
        write: the scheduled entry goes with it)."""
        kind = self._state.scheduled_availability.get(str(connector))
        return [] if kind is None else self.set_availability(connector, kind)

    # --- reporting -----------------------------------------------------------------------

    async def send_status(
        self, endpoint: RpcEndpoint, connector: int, snapshot: Snapshot | None = None
    ) -> None:
        """Report `snapshot` (default: the status now) of `connector`."""
        status, error = snapshot or self.snapshot(connector)
        request = call.StatusNotification(
            connector_id=connector,
            error_code=error.code,
            status=status,
            timestamp=self._timestamp(),
            info=error.info,
            vendor_id=error.vendor_id,
            vendor_error_code=error.vendor_error_code,
        )
        self.reported[connector] = (status, error.code)
        try:
            await endpoint.request(request)
        except (CallErrorReceived, InvalidResponse, TimeoutError) as failure:
            LOGGER.warning("StatusNotification for connector %d failed: %s", connector, failure)
        except ConnectionLost:
            self.reported.pop(connector, None)  # told nobody: report again when registered
            raise
        finally:
            self.report_sent.set()

    async def send_statuses(self, endpoint: RpcEndpoint, connectors: Iterable[int]) -> None:
        for connector in connectors:
            await self.send_status(endpoint, connector)

    def report(self, endpoint: RpcEndpoint, connectors: Iterable[int]) -> bool:
        """Send the status of `connectors` after the current CSMS request's reply. Requests
        coalesce: connectors already waiting are not queued twice, and one report in flight
        sends all (lowest id first). False when the endpoint has no room for the report."""
        added = set(connectors) - self._unreported
        self._unreported |= added

        async def flush() -> None:
            while self._unreported:
                connector = min(self._unreported)
                self._unreported.discard(connector)
                await self.send_status(endpoint, connector)

        if endpoint.after_reply(flush, key="StatusNotification"):
            return True
        self._unreported -= added
        return False

    def _availability(self, connector: int) -> str | None:
        return self._state.availability.get(str(connector))


_NO_ERROR = ChargePointErrorCode.no_error
