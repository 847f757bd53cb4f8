"""The charge point as a module the EVerest manager starts (``impl/manifest.yaml``).

The manager runs ``<modules_dir>/<Name>/module.py`` (``make everest-install`` writes one that
calls ``main``) with the ``EV_*`` environment; the settings that the CLI takes as flags come
from the module's config in the manager's YAML (``CsmsUrl``, ``ChargePointId``, ...). The OCPP
connection starts after GlobalReady, so the modules it requires are there when it boots.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from everest_py.generated.interfaces.auth import AuthClient
from everest_py.generated.interfaces.auth_token_provider import AuthTokenProviderPublisher
from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.interfaces.evse_security import EvseSecurityClient
from everest_py.generated.interfaces.external_energy_limits import ExternalEnergyLimitsClient
from everest_py.generated.interfaces.ocpp_1_6_charge_point import Ocpp16ChargePointPublisher
from everest_py.generated.interfaces.ocpp_data_transfer import OcppDataTransferClient
from everest_py.generated.interfaces.reservation import ReservationClient
from everest_py.generated.interfaces.system import SystemClient
from everest_py.runtime.everest.errors import EverestError
from everest_py.runtime.hosting import ModuleContext, ModuleHooks, run_module

from .charging import ChargingLinks, sinks_by_connector
from .configuration import ConfigurationError, StateFileError
from .core import ChargePointCore
from .errors import UnusableFileError
from .interface import ChargePointInterface
from .settings import Settings, SettingsError, build_settings, read_config_file

__all__ = ["CONFIG_KEYS", "ChargePointModule", "main", "settings_from_config"]

LOGGER = logging.getLogger("everest_py.ocpp16")

# Manifest config entry -> the settings override it stands for (as the CLI's flags do).
CONFIG_KEYS = {
    "CsmsUrl": "csms_url",
    "ChargePointId": "charge_point_id",
    "DataDir": "data_dir",
    "Connectors": "connectors",
    "Vendor": "vendor",
    "Model": "model",
    "SerialNumber": "serial_number",
    "FirmwareVersion": "firmware_version",
    "LogLevel": "log_level",
}
CONFIG_FILE_KEY = "ConfigFile"  # YAML/TOML with the settings the manifest does not list


def settings_from_config(values: Mapping[str, Any]) -> Settings:
    """Settings from the module's config values; empty strings mean "not set"."""
    document: dict[str, Any] = {}
    source = "the module's config in the EVerest YAML"
    config_file = values.get(CONFIG_FILE_KEY)
    if config_file:
        document = read_config_file(Path(str(config_file)))
        source = f"{config_file} and {source}"
    overrides = {
        setting: values[key]
        for key, setting in CONFIG_KEYS.items()
        if key in values and values[key] != ""
    }
    return build_settings(document, overrides, source)


class ChargePointModule(ModuleHooks):
    """Serves ``main: ocpp_1_6_charge_point``, ``auth_provider``, ``auth_validator`` and
    ``data_transfer``; charges through the
    connected ``evse_manager`` modules (every requirement optional)."""

    core: ChargePointCore | None = None

    async def setup(self, ctx: ModuleContext) -> None:
        # Under the 2025 manager every evse_manager connection would otherwise be index 0.
        settings = settings_from_config(ctx.module_values)
        logging.getLogger().setLevel(settings.log_level)
        evse_managers = ctx.require_all(EvseManagerClient, "evse_manager")
        links = ChargingLinks(
            evse_managers=evse_managers,
            auth=next(iter(ctx.require_all(AuthClient, "auth")), None),
            system=next(iter(ctx.require_all(SystemClient, "system")), None),
            reservation=next(iter(ctx.require_all(ReservationClient, "reservation")), None),
            security=next(iter(ctx.require_all(EvseSecurityClient, "security")), None),
            energy_sinks=_energy_sinks(ctx),
        )
        self.core = ChargePointCore(settings, links=links)
        interface = ChargePointInterface(self.core)
        main = ctx.provide("main", interface)
        interface.attach(main.publisher(Ocpp16ChargePointPublisher))
        provider = self.core.charging.auth_provider
        provided = ctx.provide("auth_provider", provider)
        provider.attach(provided.publisher(AuthTokenProviderPublisher))
        ctx.provide("auth_validator", self.core.token_validator)
        ctx.provide("data_transfer", self.core.data_transfer_sender)
        self.core.data_transfer.client = next(
            iter(ctx.require_all(OcppDataTransferClient, "data_transfer")), None
        )
        for index in range(len(evse_managers)):
            await ctx.subscribe_errors(
                EvseManagerClient, "evse_manager", self._error_handler(index), index=index
            )

    def _error_handler(self, index: int) -> Callable[[EverestError], None]:
        def on_error(error: EverestError) -> None:
            if self.core is not None:
                key = f"{error.type}/{error.sub_type}"  # a clear names the type, not the uuid
                self.core.charging.evse_error(index, key, error.type, error.is_active)

        return on_error

    async def ready(self) -> None:
        assert self.core is not None
        await self.core.start()
        LOGGER.info("charge point %s started", self.core.settings.charge_point_id)

    async def stop(self) -> None:
        if self.core is not None:
            await self.core.close()


def _energy_sinks(ctx: ModuleContext) -> dict[int, ExternalEnergyLimitsClient]:
    """Each evse_energy_sink by the evse of its module's 3-tier mapping (as EVerest's OCPP
    module does), by position where a module has none."""
    connections = ctx.config.connections.get("evse_energy_sink", ())
    mappings = [ctx.config.mappings.get(c.module_id) for c in connections]
    return sinks_by_connector(
        ctx.require_all(ExternalEnergyLimitsClient, "evse_energy_sink"),
        [mapping.evse if mapping is not None else None for mapping in mappings],
    )


def main() -> int:
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return run_module(ChargePointModule())
    except (SettingsError, StateFileError, ConfigurationError, UnusableFileError) as error:
        LOGGER.error("%s", error)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
