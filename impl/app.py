"""A charge point process: the core served as ocpp_1_6_charge_point by a runtime Module, over
the in-process bus or EVerest MQTT."""

from __future__ import annotations

from everest_py.generated.interfaces.ocpp_1_6_charge_point import Ocpp16ChargePointPublisher
from everest_py.runtime import InProcessBus, Module

from .charge_point import ChargePointCore
from .handler import ChargePointHandler
from .rpc import FrameObserver
from .settings import Settings

IN_PROCESS_MODULE_ID = "ocpp16_charge_point"


class ChargePointApp:
    def __init__(
        self,
        settings: Settings,
        observer: FrameObserver | None = None,
        bus: InProcessBus | None = None,
    ) -> None:
        self.settings = settings
        self.core = ChargePointCore(settings, observer)
        self.handler = ChargePointHandler(self.core)
        if settings.mqtt is not None:
            # Imported here: without --mqtt the process never loads the MQTT client stack.
            from everest_py.runtime.mqtt import MqttTransport

            self.module_id, self.impl_id = settings.mqtt.module_id, settings.mqtt.impl_id
            transport = MqttTransport(
                settings.mqtt.host, settings.mqtt.port, prefix=settings.mqtt.prefix
            )
            self.bus = None
            self.module = Module(self.module_id, transport)
        else:
            self.module_id, self.impl_id = IN_PROCESS_MODULE_ID, "main"
            self.bus = bus or InProcessBus()
            self.module = Module(self.module_id, self.bus.transport())
        self.module.provide(self.impl_id, self.handler)
        self.handler.attach(self.module.publisher(Ocpp16ChargePointPublisher, self.impl_id))

    async def start(self) -> None:
        await self.module.start()
        await self.core.start()

    async def close(self) -> None:
        await self.core.close()
        await self.module.stop()
