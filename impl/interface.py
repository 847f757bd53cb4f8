"""ocpp_1_6_charge_point served by the charge point core: the generated Handler's commands go
to `ChargePointCore`, and the core's news is published as the interface's variables. Both
speak the generated types; only a key change's status comes as OCPP's own enum (the CSMS's
ChangeConfiguration answers with it) and is given here as EVerest's of the same value."""

from __future__ import annotations

import asyncio

from everest_py.generated.interfaces.ocpp_1_6_charge_point import (
    Ocpp16ChargePointHandler,
    Ocpp16ChargePointPublisher,
)
from everest_py.generated.types.ocpp import (
    ConfigurationStatus,
    GetConfigurationResponse,
    KeyValue,
    SecurityEvent,
)

from .configuration import ChangeOrigin
from .core import ChargePointCore


class ChargePointInterface(Ocpp16ChargePointHandler):
    def __init__(self, core: ChargePointCore) -> None:
        self.core = core
        self._publisher: Ocpp16ChargePointPublisher | None = None
        core.connected_listeners.append(self._publish_connected)
        core.key_listeners.append(self._publish_key)
        core.security_listeners.append(self._publish_security_event)

    def attach(self, publisher: Ocpp16ChargePointPublisher) -> None:
        """Publish the interface's variables through `publisher` from now on."""
        self._publisher = publisher
        publisher.publish_is_connected(self.core.connected)

    async def handle_stop(self) -> bool:
        return await self.core.stop()

    async def handle_restart(self) -> bool:
        return await self.core.restart()

    async def handle_get_configuration_key(self, keys: list[str]) -> GetConfigurationResponse:
        return self.core.get_configuration_key(keys)

    async def handle_set_configuration_key(self, key: str, value: str) -> ConfigurationStatus:
        status = await self.core.stored_configuration_change(key, value, ChangeOrigin.LOCAL)
        return ConfigurationStatus(status.value)

    async def handle_monitor_configuration_keys(self, keys: list[str]) -> None:
        self.core.monitor_configuration_keys(keys)

    async def handle_security_event(self, type: str, info: str) -> None:
        self.core.security_event(type, info or None)
        # The event's first send runs in the loop's next step (delivery was woken): let it go
        # before this command sets up its wait for the disk, which the send does not need.
        await asyncio.sleep(0)
        await self.core.security.durable()  # acknowledged once a critical event is on disk

    def _publish_connected(self, connected: bool) -> None:
        if self._publisher is not None:
            self._publisher.publish_is_connected(connected)

    def _publish_key(self, key: KeyValue) -> None:
        if self._publisher is not None:
            self._publisher.publish_configuration_key(key)

    def _publish_security_event(self, event: SecurityEvent) -> None:
        if self._publisher is not None:
            self._publisher.publish_security_event(event)
