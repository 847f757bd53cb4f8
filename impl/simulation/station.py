"""A whole simulated station on an ``InProcessBus``: one runtime ``Module`` per simulated EVerest
module (``sim_evse_<n>``, ``sim_auth``, ``sim_system``, ``sim_security``), wired to the OCPP
module's ids."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from everest_py.generated.interfaces.auth import AuthPublisher
from everest_py.generated.interfaces.auth_token_provider import AuthTokenProviderClient
from everest_py.generated.interfaces.auth_token_validator import AuthTokenValidatorClient
from everest_py.generated.interfaces.evse_manager import EvseManagerClient, EvseManagerPublisher
from everest_py.generated.interfaces.evse_security import EvseSecurityPublisher
from everest_py.generated.interfaces.external_energy_limits import ExternalEnergyLimitsPublisher
from everest_py.generated.interfaces.reservation import ReservationPublisher
from everest_py.generated.interfaces.system import SystemPublisher
from everest_py.generated.types import system as _system
from everest_py.runtime import InProcessBus, InProcessTransport, Module
from everest_py.runtime.everest.config import Mapping3Tier
from everest_py.runtime.everest.errors import EverestError

from .auth import SimulatedAuth, TokenResult
from .errors import DEFAULT_FAULT
from .evse import INOPERATIVE, EvseSnapshot, SimulatedEvse
from .options import SimulationOptions
from .reservation import Clock
from .reservation_file import FILE_NAME, KeptReservations
from .security import SimulatedEvseSecurity
from .system import SimulatedSystem

__all__ = [
    "AUTH_MODULE_ID",
    "ENERGY_SINK_IMPL_ID",
    "EVSE_IMPL_ID",
    "RESERVATION_IMPL_ID",
    "SECURITY_MODULE_ID",
    "SYSTEM_MODULE_ID",
    "EvseControl",
    "SimulatedStation",
    "evse_module_id",
]

_log = logging.getLogger(__name__)

AUTH_MODULE_ID = "sim_auth"
SYSTEM_MODULE_ID = "sim_system"
SECURITY_MODULE_ID = "sim_security"
EVSE_IMPL_ID = "evse"
RESERVATION_IMPL_ID = "reservation"  # of sim_auth, as EVerest's Auth module provides it
ENERGY_SINK_IMPL_ID = "energy_sink"  # external_energy_limits: the OCPP module's evse_energy_sink
MAX_CONNECTORS = 128  # the OCPP module requires 1..128 evse managers

RebootHook = Callable[[_system.ResetType], Awaitable[None]]


def evse_module_id(evse_id: int) -> str:
    return f"sim_evse_{evse_id}"


class EvseControl:
    """The person at EVSE ``evse_id``: car, RFID reader and a service technician's faults."""

    def __init__(self, station: SimulatedStation, evse_id: int) -> None:
        self._station = station
        self.evse_id = evse_id

    @property
    def _evse(self) -> SimulatedEvse:
        return self._station.evse_handler(self.evse_id)

    async def plug_in(self) -> None:
        self._evse.plug_in()

    async def unplug(self) -> None:
        self._evse.unplug()

    async def present_tag(self, id_tag: str) -> TokenResult:
        """An RFID card at this EVSE's reader."""
        return await self._station.present_tag(id_tag, self.evse_id)

    async def pause_ev(self) -> None:
        self._evse.pause_ev()

    async def resume_ev(self) -> None:
        self._evse.resume_ev()

    async def inject_fault(self, fault: str = DEFAULT_FAULT, message: str = "") -> str:
        return await self._evse.inject_fault(fault, message)

    async def clear_fault(self, fault: str | None = None) -> list[str]:
        return await self._evse.clear_fault(fault)

    @property
    def state(self) -> EvseSnapshot:
        return self._evse.state


class SimulatedStation:
    """``connectors`` simulated EVSEs plus Auth and System, as separate modules on ``bus``.

    ``start`` = ``setup`` (serve every module, subscribe) + ``ready`` (publish what each EVSE
    publishes when ready, learn the EVSEs): a charge point started between the two sees the
    initial ``ready`` and Enabled events, as under EVerest's GlobalReady.
    """

    def __init__(
        self,
        bus: InProcessBus,
        connectors: int = 1,
        options: SimulationOptions | None = None,
        charge_point_module_id: str = "ocpp16_charge_point",
        now: Clock | None = None,
        data_dir: Path | None = None,
        security_dir: Path | None = None,
    ) -> None:
        """``now``: the clock reservations expire by (tests move it; default the system's).
        ``data_dir``: where Auth's reservations outlive a restart (``simulation/`` in it);
        None: they outlive a simulated reboot only. ``security_dir``: where ``sim_security``
        keeps its certificates (default: a temporary directory, removed by ``stop``)."""
        if not 1 <= connectors <= MAX_CONNECTORS:
            raise ValueError(f"connectors must be 1..{MAX_CONNECTORS}, got {connectors}")
        self.bus = bus
        self.connectors = connectors
        self.options = options or SimulationOptions()
        self.charge_point_module_id = charge_point_module_id
        self.now = now
        path = None if data_dir is None else data_dir / "simulation" / FILE_NAME
        self.kept_reservations = KeptReservations(path)
        self.on_reboot: RebootHook | None = None
        self.reboots = 0
        self._evses: dict[int, SimulatedEvse] = {}
        self._evse_modules: dict[int, Module] = {}
        self._auth: SimulatedAuth | None = None
        self._auth_module: Module | None = None
        self.system = SimulatedSystem(self.options)
        self.system.on_reset = self._reset_requested
        self._system_module: Module | None = None
        self._reboot_task: asyncio.Task[None] | None = None
        self._security_temp: tempfile.TemporaryDirectory[str] | None = None
        if security_dir is None:
            self._security_temp = tempfile.TemporaryDirectory(prefix="sim-security-")
            security_dir = Path(self._security_temp.name)
        self.security = SimulatedEvseSecurity(security_dir)
        self._security_module: Module | None = None

    def requirements(self) -> dict[str, list[tuple[str, str]]]:
        """The OCPP module's links to this station: requirement id -> (module id, impl id)."""
        return {
            "evse_manager": [
                (evse_module_id(n), EVSE_IMPL_ID) for n in range(1, self.connectors + 1)
            ],
            "auth": [(AUTH_MODULE_ID, "main")],
            "reservation": [(AUTH_MODULE_ID, RESERVATION_IMPL_ID)],
            "system": [(SYSTEM_MODULE_ID, "main")],
            "security": [(SECURITY_MODULE_ID, "main")],
            # In EVSE order, as evse_manager: sink n limits connector n.
            "evse_energy_sink": [
                (evse_module_id(n), ENERGY_SINK_IMPL_ID) for n in range(1, self.connectors + 1)
            ],
        }

    # -- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        await self.setup()
        await self.ready()

    async def setup(self) -> None:
        if self._system_module is None:
            self._system_module = Module(SYSTEM_MODULE_ID, self.bus.transport())
            self._system_module.provide("main", self.system)
            self.system.attach(self._system_module.publisher(SystemPublisher, "main"))
            await self._system_module.start()
        if self._security_module is None:
            self._security_module = Module(SECURITY_MODULE_ID, self.bus.transport())
            self._security_module.provide("main", self.security)
            self.security.attach(self._security_module.publisher(EvseSecurityPublisher, "main"))
            await self._security_module.start()
        for n in range(1, self.connectors + 1):
            await self._setup_evse(n)
        await self._setup_auth()

    async def ready(self) -> None:
        for evse in self._evses.values():
            await evse.start()
        assert self._auth is not None
        await self._auth.start()

    async def stop(self) -> None:
        if self._reboot_task is not None:
            self._reboot_task.cancel()
            await asyncio.gather(self._reboot_task, return_exceptions=True)
        await self._stop_evses_and_auth()
        await self.system.stop()
        if self._system_module is not None:
            await self._system_module.stop()
            self._system_module = None
        if self._security_module is not None:
            await self._security_module.stop()
            self._security_module = None
        if self._security_temp is not None:
            self._security_temp.cleanup()

    # -- control ------------------------------------------------------------------------------

    def evse(self, evse_id: int) -> EvseControl:
        self.evse_handler(evse_id)  # fails now for an EVSE that does not exist
        return EvseControl(self, evse_id)

    def evse_handler(self, evse_id: int) -> SimulatedEvse:
        evse = self._evses.get(evse_id)
        if evse is None:
            raise KeyError(f"no EVSE {evse_id}: the station has EVSEs 1..{self.connectors}")
        return evse

    @property
    def auth(self) -> SimulatedAuth:
        if self._auth is None:
            raise RuntimeError("the station is not set up")
        return self._auth

    async def present_tag(self, id_tag: str, evse_id: int | None = None) -> TokenResult:
        """An RFID card at the station's reader, or at the reader of EVSE ``evse_id``."""
        if evse_id is not None:
            self.evse_handler(evse_id)
        return await self.auth.present_tag(id_tag, evse_id)

    @property
    def state(self) -> list[EvseSnapshot]:
        return [self._evses[n].state for n in sorted(self._evses)]

    # -- wiring ----------------------------------------------------------------------------

    async def _setup_evse(self, n: int, energy_wh: float | None = None) -> None:
        module_id = evse_module_id(n)
        transport = self.bus.transport()
        evse = SimulatedEvse(n, self.options)
        if energy_wh is not None:
            evse.meter.set_energy(energy_wh)
        module = Module(module_id, transport)
        module.provide(EVSE_IMPL_ID, evse)
        module.provide(ENERGY_SINK_IMPL_ID, evse.energy_sink)
        sink_publisher = module.publisher(ExternalEnergyLimitsPublisher, ENERGY_SINK_IMPL_ID)
        evse.energy_sink.attach(sink_publisher)
        errors = transport.errors(module_id, EVSE_IMPL_ID, evse.ERRORS, mapping=Mapping3Tier(n))
        # A (re)started EVSE has no fault: what it raised before the reboot is gone.
        await errors.clear_all_errors()
        evse.attach(module.publisher(EvseManagerPublisher, EVSE_IMPL_ID), errors)
        await module.start()
        self._evses[n] = evse
        self._evse_modules[n] = module

    async def _setup_auth(self) -> None:
        transport = self.bus.transport()
        module = Module(AUTH_MODULE_ID, transport)
        cp = self.charge_point_module_id
        auth = SimulatedAuth(
            self.options,
            evse_managers=[
                module.require(EvseManagerClient, module_id=evse_module_id(n), impl_id=EVSE_IMPL_ID)
                for n in range(1, self.connectors + 1)
            ],
            validators=[
                module.require(AuthTokenValidatorClient, module_id=cp, impl_id="auth_validator")
            ],
            providers=[
                module.require(AuthTokenProviderClient, module_id=cp, impl_id="auth_provider")
            ],
            plug_car=self._plug_car,
            now=self.now,
            kept=self.kept_reservations,
        )
        module.provide("main", auth)
        auth.attach(module.publisher(AuthPublisher, "main"))
        module.provide(RESERVATION_IMPL_ID, auth.reservations)
        auth.reservations.attach(module.publisher(ReservationPublisher, RESERVATION_IMPL_ID))
        auth.setup()
        await self._subscribe_inoperative(transport, auth)
        await module.start()
        self._auth, self._auth_module = auth, module

    async def _subscribe_inoperative(
        self, transport: InProcessTransport, auth: SimulatedAuth
    ) -> None:
        for index in range(self.connectors):

            def changed(error: EverestError, index: int = index) -> None:
                auth.permanent_fault(index, error.is_active)

            await transport.subscribe_errors(
                evse_module_id(index + 1), EVSE_IMPL_ID, [INOPERATIVE], changed
            )

    async def _plug_car(self, evse_id: int) -> None:
        self.evse_handler(evse_id).plug_in()

    async def _stop_evses_and_auth(self) -> None:
        if self._auth is not None:
            await self._auth.stop()
        if self._auth_module is not None:
            await self._auth_module.stop()
        for evse in self._evses.values():
            await evse.stop()
        for module in self._evse_modules.values():
            await module.stop()
        self._auth = self._auth_module = None
        self._evse_modules.clear()

    # -- reset ---------------------------------------------------------------------------

    async def _reset_requested(self, type: _system.ResetType, scheduled: bool) -> None:
        # The reset call returns first (a real system would be going down); the reboot follows.
        if self._reboot_task is None or self._reboot_task.done():
            self._reboot_task = asyncio.get_running_loop().create_task(self._reboot(type))
            self._reboot_task.add_done_callback(_log_failure)

    async def _reboot(self, type: _system.ResetType) -> None:
        """The EVSEs and Auth start afresh; meters keep their registers and cars stay plugged."""
        _log.info("simulated station: %s reset, rebooting the EVSEs", type.value)
        plugged = {n: e.car_plugged for n, e in self._evses.items()}
        energy = {n: e.meter.energy_wh for n, e in self._evses.items()}
        await self._stop_evses_and_auth()
        self._evses.clear()
        for n in range(1, self.connectors + 1):
            await self._setup_evse(n, energy.get(n))
        await self._setup_auth()
        await self.ready()
        for n, was_plugged in plugged.items():
            if was_plugged:
                self._evses[n].plug_in()
        self.reboots += 1
        if self.on_reboot is not None:
            await self.on_reboot(type)


def _log_failure(task: asyncio.Task[None]) -> None:
    """Nobody awaits a reboot: a failure (e.g. an EVSE that cannot start) is logged."""
    if not task.cancelled() and task.exception() is not None:
        _log.error("simulated station: the reboot failed", exc_info=task.exception())
