"""ocpp_1_6_charge_point served by the charge point core: a thin adapter between the generated
Handler/Publisher and `ChargePointCore`."""

from __future__ import annotations

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

from .charge_point import ChargePointCore, SecurityEventRecord
from .configuration import KeyReading


class ChargePointHandler(Ocpp16ChargePointHandler):
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
        known, unknown = self.core.get_configuration_key(keys)
        return GetConfigurationResponse(
            configuration_keys=[_key_value(reading) for reading in known], unknown_keys=unknown
        )

    async def handle_set_configuration_key(self, key: str, value: str) -> ConfigurationStatus:
        return ConfigurationStatus(self.core.set_configuration_key(key, value).value)

    async def handle_monitor_configuration_keys(self, keys: list[str]) -> None:
        self.core.monitor_configuration_keys(keys)

    async def handle_security_event(self, type: str, info: str) -> None:
        self.core.security_event(type, info or None)

    def _publish_connected(self, connected: bool) -> None:
        if self._publisher is not None:
            self._publisher.publish_is_connected(connected)

    def _publish_key(self, reading: KeyReading) -> None:
        if self._publisher is not None:
            self._publisher.publish_configuration_key(_key_value(reading))

    def _publish_security_event(self, record: SecurityEventRecord) -> None:
        if self._publisher is not None:
            self._publisher.publish_security_event(
                SecurityEvent(
                    type=record.type,
                    info=record.info,
                    critical=record.critical,
                    timestamp=record.timestamp,
                )
            )


def _key_value(reading: KeyReading) -> KeyValue:
    return KeyValue(key=reading.key, read_only=reading.read_only, value=reading.value)
