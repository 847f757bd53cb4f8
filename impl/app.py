"""A charge point process as an EVerest module: the core served as ocpp_1_6_charge_point by a
runtime Module, over EVerest MQTT or (tests, the demo) an in-process bus handed in."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .core import ChargePointCore
from .ocpp import FrameObserver
from .settings import Settings

if TYPE_CHECKING:  # Imported where used: a charge point that serves no interface never loads
    # the runtime and the generated interface (start-up time).
    from everest_py.runtime import InProcessBus, Module
    from everest_py.runtime.transport import ModuleTransport

    from .interface import ChargePointInterface

LOGGER = logging.getLogger(__name__)
IN_PROCESS_MODULE_ID = "ocpp16_charge_point"


class ChargePointApp:
    def __init__(
        self,
        settings: Settings,
        observer: FrameObserver | None = None,
        bus: InProcessBus | None = None,
    ) -> None:
        """Without `settings.mqtt` the interface is served on `bus`; with neither, it is not
        served at all (nobody could reach it): the charge point still talks to the CSMS."""
        self.settings = settings
        self.core = ChargePointCore(settings, observer)
        self.bus = bus
        self.module: Module | None = None
        self.interface: ChargePointInterface | None = None
        self.module_id, self.impl_id = IN_PROCESS_MODULE_ID, "main"
        if settings.mqtt is not None:
            # Imported here: without MQTT the process never loads the MQTT client stack.
            from everest_py.runtime.mqtt import MqttTransport

            self.module_id, self.impl_id = settings.mqtt.module_id, settings.mqtt.impl_id
            # A prefix only from the settings that name one: else EV_MQTT_EVEREST_PREFIX (what
            # the manager set) applies, not the settings' default.
            explicit = "prefix" in settings.mqtt.model_fields_set
            transport = MqttTransport(
                settings.mqtt.host,
                settings.mqtt.port,
                prefix=settings.mqtt.prefix if explicit else None,
            )
            self.module = _module(self.module_id, transport)
        elif bus is not None:
            self.module = _module(self.module_id, bus.transport())
        if self.module is not None:
            self.interface = _serve(self.core, self.module, self.impl_id)

    @property
    def serves_interface(self) -> bool:
        return self.module is not None

    async def start(self) -> None:
        if self.module is not None:
            await self.module.start()
        await self.core.start()

    async def close(self) -> None:
        await self.core.close()
        if self.module is not None:
            await self.module.stop()


def _module(module_id: str, transport: ModuleTransport) -> Module:
    from everest_py.runtime import Module

    return Module(module_id, transport)


def _serve(core: ChargePointCore, module: Module, impl_id: str) -> ChargePointInterface:
    from everest_py.generated.interfaces.ocpp_1_6_charge_point import Ocpp16ChargePointPublisher

    from .interface import ChargePointInterface

    interface = ChargePointInterface(core)
    module.provide(impl_id, interface)
    interface.attach(module.publisher(Ocpp16ChargePointPublisher, impl_id))
    return interface
