"""The connectors: their availability (kept in the state file across restarts) and the
StatusNotification.req that reports it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from ocpp.v16 import call
from ocpp.v16.enums import AvailabilityType, ChargePointErrorCode, ChargePointStatus

from .configuration import StateFile
from .ocpp import CallErrorReceived, InvalidResponse, RpcEndpoint

LOGGER = logging.getLogger(__name__)
CHARGE_POINT = 0  # connector id 0 is the charge point as a whole


class Connectors:
    def __init__(self, count: int, state: StateFile, timestamp: Callable[[], str]) -> None:
        self.count = count
        self._state = state
        self._timestamp = timestamp
        # Connectors whose status is to be reported: however often the CSMS asks, each is
        # reported once per report in flight (see `report`).
        self._unreported: set[int] = set()

    def ids(self) -> range:
        """Every connector id, the charge point (0) included."""
        return range(self.count + 1)

    def exists(self, connector: int) -> bool:
        return 0 <= connector <= self.count

    def status(self, connector: int) -> ChargePointStatus:
        inoperative = self._availability(connector) == AvailabilityType.inoperative
        if connector != CHARGE_POINT and self._availability(CHARGE_POINT) == (
            AvailabilityType.inoperative
        ):
            inoperative = True  # The whole charge point is inoperative.
        return ChargePointStatus.unavailable if inoperative else ChargePointStatus.available

    def set_availability(self, connector: int, kind: str) -> list[int]:
        """Store `kind` for `connector` (0: every connector); returns the connectors whose
        status changed (raises StateFileError when it cannot be stored)."""
        affected = self.ids() if connector == CHARGE_POINT else (CHARGE_POINT, connector)
        before = {c: self.status(c) for c in affected}
        targets: Iterable[int] = self.ids() if connector == CHARGE_POINT else (connector,)
        for target in targets:
            self._state.availability[str(target)] = kind
        self._state.save()
        return [c for c in affected if self.status(c) != before[c]]

    async def send_status(self, endpoint: RpcEndpoint, connector: int) -> None:
        request = call.StatusNotification(
            connector_id=connector,
            error_code=ChargePointErrorCode.no_error,
            status=self.status(connector),
            timestamp=self._timestamp(),
        )
        try:
            await endpoint.request(request)
        except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
            LOGGER.warning("StatusNotification for connector %d failed: %s", connector, error)

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
