"""A charge point process as an EVerest module: the core served as ocpp_1_6_charge_point by a
runtime Module, over EVerest MQTT or (tests, the demo) an in-process bus handed in."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .charging import ChargingLinks, Requirements, TokenAuthorizer
from .core import ChargePointCore
from .ocpp import FrameObserver
from .settings import Settings

# Loaded when there is a bus or a broker to serve the interfaces on (start-up time: a charge
# point without one never loads the interfaces' types; tests/test_startup.py).
if TYPE_CHECKING:
    from everest_py.runtime import InProcessBus, Module
    from everest_py.runtime.everest.errors import EverestError

    from .interface import ChargePointInterface

LOGGER = logging.getLogger(__name__)
IN_PROCESS_MODULE_ID = "ocpp16_charge_point"
# The impl ids EVerest's OCPP module gives these.
AUTH_PROVIDER = "auth_provider"
AUTH_VALIDATOR = "auth_validator"
DATA_TRANSFER = "data_transfer"


class ChargePointApp:
    def __init__(
        self,
        settings: Settings,
        observer: FrameObserver | None = None,
        bus: InProcessBus | None = None,
        requirements: Requirements | None = None,
        *,
        authorizer: TokenAuthorizer | None = None,
    ) -> None:
        """Without `settings.mqtt` the interface is served on `bus`; with neither, it is not
        served at all (nobody could reach it): the charge point still talks to the CSMS, with
        `settings.connectors` idle connectors. `requirements` links the required modules
        (evse_manager, auth, system) by (module id, impl id); `authorizer` validates idTags
        (default: Authorize.req each time)."""
        self.settings = settings
        self.bus = bus
        self.interface: ChargePointInterface | None = None  # None: the interface is not served
        self.module_id, self.impl_id = IN_PROCESS_MODULE_ID, "main"
        self.module: Module | None = self._module(settings, bus)
        if self.module is None and requirements:
            raise ValueError("requirements need a bus or MQTT settings to reach the modules")
        links = ChargingLinks.from_module(self.module, requirements) if self.module else None
        self._evse_links = list((requirements or {}).get("evse_manager", ()))
        self.core = ChargePointCore(settings, observer, links, authorizer)
        if self.module is not None:
            self.interface = self._serve(self.module, requirements or {})

    def _module(self, settings: Settings, bus: InProcessBus | None) -> Module | None:
        """The runtime module to serve the interfaces on: over MQTT, on `bus`, or none."""
        if settings.mqtt is None and bus is None:
            return None
        # Imported here: without a broker or bus the process never loads the runtime's module,
        # dispatch and validation (start-up time).
        from everest_py.runtime import Module

        if settings.mqtt is None:
            assert bus is not None
            return Module(self.module_id, bus.transport())
        # Imported here: without MQTT the process never loads the MQTT client stack.
        from everest_py.runtime.mqtt import MqttTransport

        self.module_id, self.impl_id = settings.mqtt.module_id, settings.mqtt.impl_id
        # A prefix only from the settings that name one: else EV_MQTT_EVEREST_PREFIX (what the
        # manager set) applies, not the settings' default.
        explicit = "prefix" in settings.mqtt.fields_set
        transport = MqttTransport(
            settings.mqtt.host,
            settings.mqtt.port,
            prefix=settings.mqtt.prefix if explicit else None,
        )
        return Module(self.module_id, transport)

    def _serve(self, module: Module, requirements: Requirements) -> ChargePointInterface:
        """Provide the charge point's implementations on `module`, link data_transfer."""
        from everest_py.generated.interfaces.auth_token_provider import (
            AuthTokenProviderPublisher,
        )
        from everest_py.generated.interfaces.ocpp_1_6_charge_point import (
            Ocpp16ChargePointPublisher,
        )
        from everest_py.generated.interfaces.ocpp_data_transfer import OcppDataTransferClient

        from .interface import ChargePointInterface

        interface = ChargePointInterface(self.core)
        module.provide(self.impl_id, interface)
        interface.attach(module.publisher(Ocpp16ChargePointPublisher, self.impl_id))
        provider = self.core.charging.auth_provider
        module.provide(AUTH_PROVIDER, provider)
        provider.attach(module.publisher(AuthTokenProviderPublisher, AUTH_PROVIDER))
        module.provide(AUTH_VALIDATOR, self.core.token_validator)
        module.provide(DATA_TRANSFER, self.core.data_transfer_sender)
        for module_id, impl_id in requirements.get(DATA_TRANSFER, ())[:1]:
            self.core.data_transfer.client = module.require(
                OcppDataTransferClient, module_id=module_id, impl_id=impl_id
            )
        return interface

    @property
    def serves_interface(self) -> bool:
        return self.module is not None

    async def start(self) -> None:
        if self.module is not None:
            await self.module.start()
            await self._subscribe_evse_errors()
        await self.core.start()

    async def _subscribe_evse_errors(self) -> None:
        """In-process, the errors each linked EVSE raises reach its connector (under EVerest,
        everest_module.py subscribes through the module context)."""
        from everest_py.runtime import InProcessTransport  # Loaded with the bus.

        transport = self.module.transport if self.module is not None else None
        if not isinstance(transport, InProcessTransport):
            return
        for index, (module_id, impl_id) in enumerate(self._evse_links):

            def on_error(error: EverestError, index: int = index) -> None:
                # A clear names the type and sub-type, not the raise's uuid.
                key = f"{error.type}/{error.sub_type}"
                self.core.charging.evse_error(index, key, error.type, error.is_active)

            await transport.subscribe_errors(module_id, impl_id, None, on_error)

    async def close(self) -> None:
        await self.core.close()
        if self.module is not None:
            await self.module.stop()
