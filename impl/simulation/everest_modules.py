"""Each simulated module as a separate EVerest module over MQTT (manifests in ``manifests/``).

The manager runs ``module.py`` of ``SimEvse``, ``SimAuth`` or ``SimSystem``, which calls
``main_module(name)`` here. Config entries are those of the manifests; requirement ids those of
EVerest's Auth module.

Each SimEvse also provides its car (and the technician's faults) as ``car``: EVerest's
``car_simulator`` interface, whose ``execute_charging_session`` takes ``;``-separated steps
(``plug``, ``unplug``, ``pause``, ``resume``, ``fault [CODE]``, ``clear``). That is how a person,
a test or SimAuth (``auto_plug_on_remote_start``, through its optional ``car_simulator``
requirement, connection i = the car of ``evse_manager`` connection i) reaches a car in another
process.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from everest_py.generated.interfaces.auth import AuthPublisher
from everest_py.generated.interfaces.auth_token_provider import AuthTokenProviderClient
from everest_py.generated.interfaces.auth_token_validator import AuthTokenValidatorClient
from everest_py.generated.interfaces.car_simulator import (
    CarSimulatorClient,
    CarSimulatorHandler,
    CarSimulatorPublisher,
)
from everest_py.generated.interfaces.evse_manager import EvseManagerClient, EvseManagerPublisher
from everest_py.generated.interfaces.external_energy_limits import ExternalEnergyLimitsPublisher
from everest_py.generated.interfaces.reservation import ReservationPublisher
from everest_py.generated.interfaces.system import SystemPublisher
from everest_py.runtime.errors import CommandError
from everest_py.runtime.everest.errors import EverestError
from everest_py.runtime.hosting import ModuleContext, ModuleHooks, run_module

from .auth import SimulatedAuth
from .errors import DEFAULT_FAULT, UnknownFault, resolve_fault
from .evse import INOPERATIVE, SimulatedEvse
from .options import SimulationOptions
from .reservation_file import FILE_NAME, KeptReservations
from .station import ENERGY_SINK_IMPL_ID, EVSE_IMPL_ID, RESERVATION_IMPL_ID
from .system import SimulatedSystem

__all__ = [
    "CAR_IMPL_ID",
    "CarStepError",
    "SimulatedAuthModule",
    "SimulatedCar",
    "SimulatedEvseModule",
    "SimulatedSystemModule",
    "main_auth",
    "main_evse",
    "main_module",
    "main_system",
    "options_from_config",
    "parse_car_steps",
]

_log = logging.getLogger(__name__)

CAR_IMPL_ID = "car"
MAX_STEPS_TEXT = 500  # characters of one execute_charging_session string

_NUMBERS = ("meter_interval", "max_current_a", "voltage_v", "initial_energy_wh")
_INTEGERS = ("phases", "connection_timeout")
_FLAGS = ("plug_in_timeout_enabled", "refuse_reset", "auto_plug_on_remote_start")


def options_from_config(values: Mapping[str, Any]) -> SimulationOptions:
    """SimulationOptions from a module's config values (manifest names, absent = default)."""
    settings: dict[str, Any] = {}
    for name in _NUMBERS:
        if name in values:
            settings[name] = float(values[name])
    for name in _INTEGERS:
        if name in values:
            settings[name] = int(values[name])
    for name in _FLAGS:
        if name in values:
            settings[name] = bool(values[name])
    if values.get("evse_id_prefix"):
        settings["evse_id_prefix"] = str(values["evse_id_prefix"])
    if "unplug_after_stop" in values:
        delay = float(values["unplug_after_stop"])
        settings["unplug_after_stop"] = None if delay < 0 else delay
    return SimulationOptions(**settings)


class CarStepError(ValueError):
    """A car simulator string that cannot be run; the message names the step."""


# step -> how many arguments it takes at most
_CAR_STEPS = {"plug": 0, "unplug": 0, "pause": 0, "resume": 0, "fault": 1, "clear": 0}


def parse_car_steps(text: str) -> list[tuple[str, str | None]]:
    """The steps of an ``execute_charging_session`` string: (step, argument), every one
    checked (fault names resolved) before any runs."""
    if len(text) > MAX_STEPS_TEXT:
        raise CarStepError(f"{len(text)} characters, at most {MAX_STEPS_TEXT}")
    steps: list[tuple[str, str | None]] = []
    for number, raw in enumerate(text.split(";"), start=1):
        words = raw.split()
        if not words:
            continue
        step, arguments = words[0].lower(), words[1:]
        if step not in _CAR_STEPS:
            raise CarStepError(
                f"step {number}: unknown step {words[0][:40]!r} (one of {', '.join(_CAR_STEPS)})"
            )
        if len(arguments) > _CAR_STEPS[step]:
            raise CarStepError(f"step {number}: '{step}' takes {_CAR_STEPS[step]} argument(s)")
        argument = None
        if step == "fault":
            try:
                argument = resolve_fault(arguments[0] if arguments else DEFAULT_FAULT)
            except UnknownFault as error:
                raise CarStepError(f"step {number}: {error}") from None
        steps.append((step, argument))
    if not steps:
        raise CarStepError("no step (e.g. 'plug' or 'fault evse_manager/MREC4OverCurrentFailure')")
    return steps


class SimulatedCar(CarSimulatorHandler):
    """The car at one simulated EVSE, and the technician who injects its faults, behind
    EVerest's ``car_simulator`` interface (the steps are ours, not EVerest's EvManager's)."""

    def __init__(self, evse: SimulatedEvse) -> None:
        self.evse = evse
        self.enabled = True
        self._publisher: CarSimulatorPublisher | None = None

    def attach(self, publisher: CarSimulatorPublisher) -> None:
        self._publisher = publisher
        publisher.publish_enabled(self.enabled)

    async def handle_enable(self, value: bool) -> None:
        self.enabled = value
        if self._publisher is not None:
            self._publisher.publish_enabled(value)

    async def handle_execute_charging_session(self, value: str) -> None:
        where = f"EVSE {self.evse.evse_id} car simulator"
        if not self.enabled:
            raise CommandError("execute_charging_session", f"{where} is disabled: enable it")
        try:
            steps = parse_car_steps(value)
        except CarStepError as error:
            raise CommandError("execute_charging_session", f"{where}: {error}") from None
        for step, argument in steps:
            _log.info("%s: %s%s", where, step, f" {argument}" if argument else "")
            await self._run(step, argument)

    async def _run(self, step: str, argument: str | None) -> None:
        evse = self.evse
        if step == "plug":
            evse.plug_in()
        elif step == "unplug":
            evse.unplug()
        elif step == "pause":
            evse.pause_ev()
        elif step == "resume":
            evse.resume_ev()
        elif step == "fault":
            await evse.inject_fault(argument or DEFAULT_FAULT)
        else:
            await evse.clear_fault()


class SimulatedEvseModule(ModuleHooks):
    """Provides ``evse`` (evse_manager): EVSE ``evse_id`` of the config, its ``energy_sink``
    (external_energy_limits), and ``car`` (car_simulator): its car and faults."""

    evse: SimulatedEvse | None = None
    car: SimulatedCar | None = None

    async def setup(self, ctx: ModuleContext) -> None:
        values = ctx.module_values
        self.evse = SimulatedEvse(int(values.get("evse_id", 1)), options_from_config(values))
        implementation = ctx.provide(EVSE_IMPL_ID, self.evse)
        self.evse.attach(implementation.publisher(EvseManagerPublisher), implementation)
        sink = ctx.provide(ENERGY_SINK_IMPL_ID, self.evse.energy_sink)
        self.evse.energy_sink.attach(sink.publisher(ExternalEnergyLimitsPublisher))
        self.car = SimulatedCar(self.evse)
        car = ctx.provide(CAR_IMPL_ID, self.car)
        self.car.attach(car.publisher(CarSimulatorPublisher))

    async def ready(self) -> None:
        assert self.evse is not None
        await self.evse.start()

    async def stop(self) -> None:
        if self.evse is not None:
            await self.evse.stop()


class SimulatedAuthModule(ModuleHooks):
    """Provides ``main`` (auth) and ``reservation``; requires ``token_provider``,
    ``token_validator`` and ``evse_manager`` as EVerest's Auth does."""

    auth: SimulatedAuth | None = None

    def __init__(self) -> None:
        self._evse_managers: list[EvseManagerClient] = []
        self._cars: list[CarSimulatorClient] = []
        self._car_of_evse: dict[int, CarSimulatorClient] = {}

    async def setup(self, ctx: ModuleContext) -> None:
        self._evse_managers = evse_managers = ctx.require_all(EvseManagerClient, "evse_manager")
        self._cars = ctx.require_all(CarSimulatorClient, "car_simulator")
        self.auth = auth = SimulatedAuth(
            options_from_config(ctx.module_values),
            evse_managers=evse_managers,
            validators=ctx.require_all(AuthTokenValidatorClient, "token_validator"),
            providers=ctx.require_all(AuthTokenProviderClient, "token_provider"),
            plug_car=self._plug_car,
            kept=kept_reservations_from_config(ctx.module_values),
        )
        implementation = ctx.provide("main", auth)
        auth.attach(implementation.publisher(AuthPublisher))
        reservation = ctx.provide(RESERVATION_IMPL_ID, auth.reservations)
        auth.reservations.attach(reservation.publisher(ReservationPublisher))
        auth.setup()
        for index in range(len(evse_managers)):

            def changed(error: EverestError, index: int = index) -> None:
                if error.type == INOPERATIVE:
                    auth.permanent_fault(index, error.is_active)

            await ctx.subscribe_errors(EvseManagerClient, "evse_manager", changed, index=index)

    async def ready(self) -> None:
        assert self.auth is not None
        # Cars pair with EVSEs by connection index; the EVSE's id names the pair from now on.
        for evse, car in zip(self._evse_managers, self._cars, strict=False):
            self._car_of_evse[(await evse.get_evse()).id] = car
        await self.auth.start()

    async def stop(self) -> None:
        if self.auth is not None:
            await self.auth.stop()

    async def _plug_car(self, evse_id: int) -> None:
        """A remote start's simulated driver, reaching the car over ``car_simulator``."""
        car = self._car_of_evse.get(evse_id)
        if car is None:
            _log.info("EVSE %d: no car_simulator connected, nobody plugs a car in", evse_id)
            return
        try:
            await car.execute_charging_session("plug")
        except CommandError as error:
            _log.warning("EVSE %d: plugging the car in failed: %s", evse_id, error)


def kept_reservations_from_config(values: Mapping[str, Any]) -> KeptReservations:
    """Config ``data_dir``: the folder of the reservation file ("": memory only)."""
    folder = str(values.get("data_dir") or "")
    return KeptReservations(Path(folder) / FILE_NAME if folder else None)


class SimulatedSystemModule(ModuleHooks):
    """Provides ``main`` (system)."""

    system: SimulatedSystem | None = None

    async def setup(self, ctx: ModuleContext) -> None:
        self.system = SimulatedSystem(options_from_config(ctx.module_values))
        implementation = ctx.provide("main", self.system)
        # firmware_update_status and log_status reach the OCPP module over the bus.
        self.system.attach(implementation.publisher(SystemPublisher))


def _run(hooks: ModuleHooks) -> int:
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return run_module(hooks)


def main_evse() -> int:
    return _run(SimulatedEvseModule())


def main_auth() -> int:
    return _run(SimulatedAuthModule())


def main_system() -> int:
    return _run(SimulatedSystemModule())


def main_security() -> int:
    # Imported here, not at the top, to keep this file's edits for SimSecurity in one block.
    from .security import SimulatedSecurityModule

    return _run(SimulatedSecurityModule())


_MAINS = {
    "SimEvse": main_evse,
    "SimAuth": main_auth,
    "SimSystem": main_system,
    "SimSecurity": main_security,
}


def main_module(name: str) -> int:
    """The ``module.py`` of module folder ``name`` (SimEvse, SimAuth, SimSystem, SimSecurity)."""
    if name not in _MAINS:
        raise SystemExit(f"no simulated module {name!r}: one of {', '.join(_MAINS)}")
    return _MAINS[name]()
