"""The connectors while a firmware installation is pending, as libocpp handles them.

Once the system reports a firmware ready to install (Downloaded for UpdateFirmware,
SignatureVerified for SignedUpdateFirmware), connectors 1..n are held Unavailable: the idle ones
at once (their EVSEs disabled, source CSMS, as EVerest's OCPP module does), the ones charging when
their transaction ends; running transactions are not stopped. Once none runs and the transaction
messages have gone out, the system is told `allow_firmware_installation`. When the update ends
(Installed, InstallationFailed, InstallVerificationFailed, or any other end or a new download)
the connectors go back to the availability the CSMS stored. Nothing here is stored: a reboot
(the usual end of an installation) starts with the stored availability anyway.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, Final

from everest_py.runtime.errors import CommandError

# The system types (and mapping.py, keyed by them) load with the first request to or status from
# the system module: a charge point that hears neither does not load them (start-up time).
if TYPE_CHECKING:  # the clients come from the links: only their type is needed
    from everest_py.generated.interfaces.system import SystemClient
    from everest_py.generated.types import system as _system

    from ..charging import ChargingStation

LOGGER = logging.getLogger(__name__)
CALL_TIMEOUT: Final = 10.0  # seconds for the system to answer allow_firmware_installation
# A failed allow_firmware_installation is asked again: the connectors stay held until it works.
ALLOW_ATTEMPTS: Final = 3
ALLOW_RETRY_DELAY: Final = 10.0  # seconds
SETTLE_TIMEOUT: Final = 120.0  # seconds the StopTransactions get to go out before installing


@functools.cache
def _releases() -> frozenset[_system.FirmwareUpdateStatusEnum]:
    """The statuses that end a pending installation."""
    from everest_py.generated.types.system import FirmwareUpdateStatusEnum as _Fw

    from . import mapping

    # A new download replaces the update that waited to install: nothing is pending any more.
    return mapping.FIRMWARE_ENDS | {_Fw.Downloading, _Fw.DownloadScheduled}


def ready_to_install(state: _system.FirmwareUpdateStatusEnum, request_id: int) -> bool:
    """The status after which libocpp makes the connectors Unavailable."""
    from everest_py.generated.types.system import FirmwareUpdateStatusEnum as _Fw

    from . import mapping

    if request_id == mapping.PLAIN_REQUEST_ID:
        return state is _Fw.Downloaded
    return state is _Fw.SignatureVerified


class InstallationGate:
    def __init__(self, system: SystemClient | None, charging: ChargingStation | None) -> None:
        self._system = system
        self._charging = charging
        self._held = False
        self._allowed = False  # allow_firmware_installation was sent for this hold
        self._evse_commands = asyncio.Lock()  # enable/disable reach the EVSEs in call order
        self._tasks: set[asyncio.Task[None]] = set()
        self._registered = False
        self._registration_changed = asyncio.Event()
        self.allowed = asyncio.Event()  # set when the system was told (tests wait on it)
        if charging is not None:
            charging.transaction_ended_listeners.append(self.transaction_ended)

    @property
    def held(self) -> bool:
        return self._held

    def online(self, registered: bool) -> None:
        """Registered or not: offline, the statuses are told after the next registration."""
        self._registered = registered
        self._registration_changed.set()

    def firmware_status(self, state: _system.FirmwareUpdateStatusEnum, request_id: int) -> None:
        """What the system published on `firmware_update_status`."""
        if ready_to_install(state, request_id):
            self._hold()
        elif state in _releases():
            self._release(state)

    async def transaction_ended(self, connector: int) -> None:
        """A transaction ended (ChargingStation listener): its connector is held too."""
        if self._held:
            self._spawn(self._set_evses([connector], after=self._allow_when_idle))

    async def close(self) -> None:
        if self._charging is not None:
            listeners = self._charging.transaction_ended_listeners
            if self.transaction_ended in listeners:
                listeners.remove(self.transaction_ended)
        tasks, self._tasks = list(self._tasks), set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- internals ----------------------------------------------------------------------------

    def _hold(self) -> None:
        if self._held:
            return
        self._held, self._allowed = True, False
        self.allowed.clear()
        charging = self._charging
        if charging is None:
            self._spawn(self._allow_when_idle())
            return
        charging.connectors.hold_for_firmware(True)
        idle = [c for c, evse in charging.evses.items() if evse.transaction is None]
        busy = sorted(set(charging.evses) - set(idle))
        if busy:
            LOGGER.info("firmware installation waits for the transactions on connectors %s", busy)
        self._spawn(self._set_evses(idle, after=self._allow_when_idle))

    def _release(self, state: _system.FirmwareUpdateStatusEnum) -> None:
        if not self._held:
            return
        self._held = False
        LOGGER.info("firmware update %s: connectors back to their stored availability", state.value)
        charging = self._charging
        if charging is not None:
            charging.connectors.hold_for_firmware(False)
            self._spawn(self._set_evses(list(charging.evses)))

    async def _set_evses(
        self, connectors: list[int], after: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        """Tell the EVSEs their availability now (disabled while held)."""
        if self._charging is not None and connectors:
            async with self._evse_commands:
                await self._charging.enable_disable(connectors)
        if after is not None:
            await after()

    async def _allow_when_idle(self) -> None:
        charging = self._charging
        if not self._held or self._allowed:
            return
        if charging is not None and charging.transactions_running:
            return  # the last transaction's end calls this again
        self._allowed = True
        if charging is not None:
            try:
                async with asyncio.timeout(SETTLE_TIMEOUT):
                    await self._csms_told(charging)
            except TimeoutError:
                LOGGER.warning("the CSMS was not told everything in time; installing all the same")
            if not self._held:
                return  # the update ended meanwhile
        await self._allow()

    async def _csms_told(self, charging: ChargingStation) -> None:
        """While registered: the ended transactions' messages have gone out (libocpp waits for
        StopTransaction.conf) and the CSMS was told every connector's status, Unavailable
        included, before the station installs (and maybe reboots)."""
        await charging.messages.settled()
        connectors = charging.connectors

        def untold() -> bool:
            current = {c: connectors.status(c) for c in connectors.ids()}
            return any(connectors.reported.get(c, (None,))[0] != s for c, s in current.items())

        while self._registered and untold():
            connectors.report_sent.clear()
            self._registration_changed.clear()
            waits = [connectors.report_sent.wait(), self._registration_changed.wait()]
            await _first_of(waits)

    async def _allow(self) -> None:
        if self._system is None:
            return
        LOGGER.info("every connector is Unavailable: the firmware installation may proceed")
        for attempt in range(1, ALLOW_ATTEMPTS + 1):
            try:
                await self._system.allow_firmware_installation(timeout=CALL_TIMEOUT)
            except (CommandError, TimeoutError) as error:
                LOGGER.warning(
                    "allow_firmware_installation failed (attempt %d of %d): %s",
                    attempt, ALLOW_ATTEMPTS, error,
                )  # fmt: skip
                if attempt == ALLOW_ATTEMPTS or not self._held:
                    return  # the system's own wait for permission ends the update
                await asyncio.sleep(ALLOW_RETRY_DELAY)
                if not self._held:
                    return  # the update ended meanwhile
                continue
            self.allowed.set()
            return

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            LOGGER.error(
                "firmware installation: connector handling failed", exc_info=task.exception()
            )


async def _first_of(waits: list[Coroutine[Any, Any, Any]]) -> None:
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
