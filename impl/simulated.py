"""A charge point with its simulated station on one in-process bus (`run --simulate`): the
charge point charges through the station's EVSEs, Auth and system exactly as it would through
EVerest's modules, so a CSMS alone can drive whole charging sessions."""

from __future__ import annotations

import logging

from everest_py.generated.types.system import ResetType
from everest_py.runtime import InProcessBus

from .app import ChargePointApp
from .ocpp import FrameObserver
from .settings import Settings, Simulation, SmartChargingSettings
from .simulation import SimulatedStation, SimulationOptions

LOGGER = logging.getLogger(__name__)


def simulation_options(simulation: Simulation) -> SimulationOptions:
    return SimulationOptions(
        meter_interval=simulation.meter_interval,
        max_current_a=simulation.max_current,
        voltage_v=simulation.voltage,
        phases=simulation.phases,
        auto_plug_on_remote_start=simulation.auto_plug_on_remote_start,
        unplug_after_stop=simulation.unplug_after_stop,
        connection_timeout=simulation.connection_timeout,
        refuse_reset=simulation.refuse_reset,
    )


class SimulatedChargePoint:
    """`settings.connectors` simulated EVSEs (one connector each) and the charge point."""

    def __init__(
        self,
        settings: Settings,
        observer: FrameObserver | None = None,
        options: SimulationOptions | None = None,
    ) -> None:
        self.bus = InProcessBus()
        options = options or simulation_options(settings.simulation)
        if "smart_charging" not in settings.fields_set:
            # W and A limits convert with this station's own voltage and phase count: with the
            # 230 V x 3 default, a one-phase station's full power in W would be 5.3 A.
            conversion = SmartChargingSettings(
                supply_voltage=options.voltage_v, phases=options.phases
            )
            settings = settings.replace(smart_charging=conversion)
        self.station = SimulatedStation(
            self.bus,
            settings.connectors,
            options,
            data_dir=settings.data_dir,
            security_dir=settings.data_dir / "sim-security",
        )
        self.app = ChargePointApp(
            settings, observer, bus=self.bus, requirements=self.station.requirements()
        )
        self.station.on_reboot = self._rebooted

    async def start(self) -> None:
        # As under EVerest's GlobalReady: every module is set up before any starts publishing,
        # so the charge point sees each EVSE's first `ready` and Enabled.
        await self.station.setup()
        await self.app.start()
        await self.station.ready()

    async def close(self) -> None:
        await self.app.close()
        await self.station.stop()

    async def _rebooted(self, reset: ResetType) -> None:
        # A reset through `system` rebooted the station: the charge point comes back as after a
        # power cycle, with a BootNotification.
        LOGGER.info("station rebooted (%s reset): the charge point boots again", reset.value)
        self.app.core.session.reconnect(boot=True)
        # The rebooted EVSEs start enabled: an Inoperative connector stays Unavailable across a
        # reboot (OCPP 1.6 §5.2), so each is told its stored availability again.
        await self.app.core.charging.restore_availability()
        # The rebooted EVSEs start without limits: they get the current ones at once.
        await self.app.core.limit_publisher.publish_now()
