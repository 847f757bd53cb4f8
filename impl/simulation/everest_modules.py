"""Each simulated module as a separate EVerest module over MQTT (manifests in ``manifests/``).

The manager runs ``module.py`` of ``SimEvse``, ``SimAuth`` or ``SimSystem``, which calls
``main_evse``, ``main_auth`` or ``main_system`` here. Config entries are those of the
manifests; requirement ids those of EVerest's Auth module. Over MQTT nobody can plug a car in
from Auth's process, so remote start does not plug one in (``auto_plug_on_remote_start`` is an
in-process feature of ``SimulatedStation``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from typing import Any

from everest_py.generated.interfaces.auth import AuthPublisher
from everest_py.generated.interfaces.auth_token_provider import AuthTokenProviderClient
from everest_py.generated.interfaces.auth_token_validator import AuthTokenValidatorClient
from everest_py.generated.interfaces.evse_manager import EvseManagerClient, EvseManagerPublisher
from everest_py.generated.interfaces.external_energy_limits import ExternalEnergyLimitsPublisher
from everest_py.runtime.everest.errors import EverestError
from everest_py.runtime.hosting import ModuleContext, ModuleHooks, run_module

from .auth import SimulatedAuth
from .evse import INOPERATIVE, SimulatedEvse
from .options import SimulationOptions
from .station import ENERGY_SINK_IMPL_ID, EVSE_IMPL_ID
from .system import SimulatedSystem

__all__ = [
    "SimulatedAuthModule",
    "SimulatedEvseModule",
    "SimulatedSystemModule",
    "main_auth",
    "main_evse",
    "main_system",
    "options_from_config",
]

_NUMBERS = ("meter_interval", "max_current_a", "voltage_v", "initial_energy_wh")
_INTEGERS = ("phases", "connection_timeout")
_FLAGS = ("plug_in_timeout_enabled", "refuse_reset")


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


class SimulatedEvseModule(ModuleHooks):
    """Provides ``evse`` (evse_manager): EVSE ``evse_id`` of the config, and its
    ``energy_sink`` (external_energy_limits)."""

    evse: SimulatedEvse | None = None

    async def setup(self, ctx: ModuleContext) -> None:
        values = ctx.module_values
        self.evse = SimulatedEvse(int(values.get("evse_id", 1)), options_from_config(values))
        implementation = ctx.provide(EVSE_IMPL_ID, self.evse)
        self.evse.attach(implementation.publisher(EvseManagerPublisher), implementation)
        sink = ctx.provide(ENERGY_SINK_IMPL_ID, self.evse.energy_sink)
        self.evse.energy_sink.attach(sink.publisher(ExternalEnergyLimitsPublisher))

    async def ready(self) -> None:
        assert self.evse is not None
        await self.evse.start()

    async def stop(self) -> None:
        if self.evse is not None:
            await self.evse.stop()


class SimulatedAuthModule(ModuleHooks):
    """Provides ``main`` (auth); requires ``token_provider``, ``token_validator`` and
    ``evse_manager`` as EVerest's Auth does."""

    auth: SimulatedAuth | None = None

    async def setup(self, ctx: ModuleContext) -> None:
        evse_managers = ctx.require_all(EvseManagerClient, "evse_manager")
        self.auth = auth = SimulatedAuth(
            options_from_config(ctx.module_values),
            evse_managers=evse_managers,
            validators=ctx.require_all(AuthTokenValidatorClient, "token_validator"),
            providers=ctx.require_all(AuthTokenProviderClient, "token_provider"),
        )
        implementation = ctx.provide("main", auth)
        auth.attach(implementation.publisher(AuthPublisher))
        auth.setup()
        for index in range(len(evse_managers)):

            def changed(error: EverestError, index: int = index) -> None:
                if error.type == INOPERATIVE:
                    auth.permanent_fault(index, error.is_active)

            await ctx.subscribe_errors(EvseManagerClient, "evse_manager", changed, index=index)

    async def ready(self) -> None:
        assert self.auth is not None
        await self.auth.start()

    async def stop(self) -> None:
        if self.auth is not None:
            await self.auth.stop()


class SimulatedSystemModule(ModuleHooks):
    """Provides ``main`` (system)."""

    system: SimulatedSystem | None = None

    async def setup(self, ctx: ModuleContext) -> None:
        self.system = SimulatedSystem(options_from_config(ctx.module_values))
        ctx.provide("main", self.system)


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
