"""The charge point core: configuration, connector availability, the OCPP session and security
events, with the interface's commands as plain methods. The generated Handler adapts to it
(impl/handler.py); nothing here depends on the generated bindings or the runtime.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ocpp.v16 import call
from ocpp.v16.enums import (
    AvailabilityStatus,
    AvailabilityType,
    ChargePointErrorCode,
    ChargePointStatus,
    DataTransferStatus,
    MessageTrigger,
    ResetStatus,
    TriggerMessageStatus,
)
from websockets.asyncio.client import ClientConnection

from .config_store import StateFile
from .configuration import (
    ChangeOrigin,
    ChangeStatus,
    Configuration,
    ConfigurationError,
    KeyChange,
    KeyReading,
)
from .csms_handlers import CsmsHandlers
from .invalid_messages import InvalidMessageReporter
from .profile_control import ConnectionTarget, SecurityProfileControl
from .rpc import CallErrorReceived, FrameObserver, InvalidResponse, OcppRpc
from .security_seam import (
    ConnectionSecurity,
    RecordedSecurityEvent,
    SecurityEvents,
    SecurityProfileError,
)
from .session import OcppSession, Registration, SessionOptions
from .settings import Settings

LOGGER = logging.getLogger(__name__)
# A clock adoption (BootNotification or Heartbeat) that moves the charge point's clock by more
# than this raises SettingSystemTime; smaller moves are noise: a currentTime truncated to the
# second, round-trip time, drift.
CLOCK_EVENT_THRESHOLD = timedelta(seconds=5)


@dataclass(frozen=True)
class SecurityEventRecord:
    type: str
    info: str | None
    critical: bool
    timestamp: datetime


class ChargePointCore:
    def __init__(self, settings: Settings, observer: FrameObserver | None = None) -> None:
        self.settings = settings
        self._observer = observer
        self._state = StateFile(settings.data_dir)
        self._state.load()
        self.configuration = Configuration(
            self._state, settings.configuration, {"NumberOfConnectors": str(settings.connectors)}
        )
        self.configuration.add_listener(self._on_key_change)
        self.session = OcppSession(
            SessionOptions(
                csms_url=settings.csms_url,
                charge_point_id=settings.charge_point_id,
                identity=settings.identity,
                backoff=settings.backoff,
                response_timeout=settings.response_timeout,
                connect_timeout=settings.connect_timeout,
                boot_retry_interval=settings.boot_retry_interval,
                max_frame_length=settings.max_frame_length,
                compression=settings.compression,
            ),
            self.configuration,
            self,
        )
        self._monitored: set[str] = set()
        self.connected_listeners: list[Callable[[bool], None]] = []
        self.key_listeners: list[Callable[[KeyReading], None]] = []
        self.security_listeners: list[Callable[[SecurityEventRecord], None]] = []
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.security = SecurityEvents(
            settings.data_dir,
            endpoint=lambda: self.session.endpoint,
            attempts=lambda: self.configuration.integer("TransactionMessageAttempts"),
            retry_interval=lambda: float(
                self.configuration.integer("TransactionMessageRetryInterval")
            ),
            publish=self._publish_security_event,
            clock=self.session.clock.now,
        )
        self.profile = SecurityProfileControl(
            ConnectionTarget(settings.csms_url, settings.charge_point_id, settings.tls),
            self.configuration,
            self.security.record,
        )
        self._started = False
        # stop/restart each run in their own task; interleaved, they could leave the session
        # running with security events suspended.
        self._lifecycle = asyncio.Lock()
        try:
            self.profile.security()
        except SecurityProfileError as error:
            raise ConfigurationError(f"SecurityProfile: {error}") from error

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect and keep connected until close()."""
        if self._started:
            return
        self._started = True
        self.security.start()
        self.security.record("StartupOfTheDevice", None)
        self.session.start()

    async def close(self) -> None:
        async with self._lifecycle:
            await self.session.stop()
        await self.security.close()

    # --- the interface's commands ----------------------------------------------------------

    async def stop(self) -> bool:
        async with self._lifecycle:
            stopped = await self.session.stop()
            if stopped:
                self.security.stop_communication()
            return stopped

    async def restart(self) -> bool:
        async with self._lifecycle:
            if not self.session.stopped:
                return False
            self.security.restart_communication()
            return self.session.start()

    def get_configuration_key(self, keys: Iterable[str]) -> tuple[list[KeyReading], list[str]]:
        return self.configuration.read(keys)

    def set_configuration_key(self, key: str, value: str) -> ChangeStatus:
        status = self.configuration.change(key, value, ChangeOrigin.LOCAL)
        self._after_change(key, status, None)
        return status

    def monitor_configuration_keys(self, keys: Iterable[str]) -> None:
        for key in keys:
            definition = self.configuration.definition(key)
            self._monitored.add(definition.name if definition is not None else key.lower())

    def security_event(self, event_type: str, info: str | None) -> SecurityEventRecord:
        recorded = self.security.record(event_type, info)
        return _record(recorded)

    @property
    def connected(self) -> bool:
        return self.session.connected

    # --- SessionHooks --------------------------------------------------------------------------

    def make_endpoint(self, connection: ClientConnection) -> OcppRpc:
        return CsmsHandlers(
            self,
            self.settings.charge_point_id,
            connection,
            response_timeout=self.settings.response_timeout,
            max_frame_length=self.settings.max_frame_length,
            validate_outgoing=self.settings.validate_outgoing,
            observer=self._observer,
            on_invalid=InvalidMessageReporter(self.security.record).report,
            # OCPP 1.6 4.2: while Rejected, no Central System message is answered.
            ignore_calls=lambda: self.session.registration is Registration.REJECTED,
        )

    def connection_security(self) -> ConnectionSecurity:
        return self.profile.security()

    def connection_opened(self, security: ConnectionSecurity) -> None:
        self.profile.connection_opened(security)

    def connection_failed(self, error: Exception) -> bool:
        return self.profile.connection_failed(error)

    def clock_adopted(self, shift: timedelta, source: str) -> None:
        if abs(shift) > CLOCK_EVENT_THRESHOLD:
            seconds = shift.total_seconds()
            self.security.record(
                "SettingSystemTime", f"clock moved by {seconds:+.0f} s to the CSMS time ({source})"
            )

    def connected_changed(self, connected: bool) -> None:
        if not connected:
            self.security.online(False)
        for listener in list(self.connected_listeners):
            _call_safely(listener, connected)

    def registration_lost(self) -> None:
        self.security.online(False)

    async def registered(self, endpoint: OcppRpc, first: bool) -> None:
        if first:
            for connector in range(self.settings.connectors + 1):
                await self._send_status(endpoint, connector)
        self.security.online(True)

    # --- CsmsServices ----------------------------------------------------------------------------

    def change_configuration(self, endpoint: OcppRpc, key: str, value: str) -> ChangeStatus:
        status = self.configuration.change(key, value, ChangeOrigin.CSMS)
        self._after_change(key, status, endpoint)
        return status

    def reset(self, endpoint: OcppRpc, kind: str) -> ResetStatus:
        LOGGER.info("%s reset requested by the CSMS: new session with BootNotification", kind)

        async def restart_session() -> None:
            try:
                self.security.record("ResetOrReboot", f"{kind} reset requested by the CSMS")
            finally:  # An Accepted reset happens even when the event cannot be stored.
                await endpoint.finish_calls(self.settings.response_timeout)
                self.session.reconnect(boot=True)

        endpoint.after_reply(restart_session)
        return ResetStatus.accepted

    def trigger(
        self, endpoint: OcppRpc, message: str, connector_id: int | None
    ) -> TriggerMessageStatus:
        if message == MessageTrigger.boot_notification:
            endpoint.after_reply(self._triggered_boot(endpoint))
        elif message == MessageTrigger.heartbeat:

            async def heartbeat() -> None:
                await self.session.send_heartbeat(endpoint)

            endpoint.after_reply(heartbeat)
        elif message == MessageTrigger.status_notification:
            # Only here is connectorId relevant; other messages ignore it (5.17).
            if connector_id is not None and not 0 <= connector_id <= self.settings.connectors:
                return TriggerMessageStatus.rejected
            connectors = (
                [connector_id]
                if connector_id is not None
                else list(range(self.settings.connectors + 1))
            )

            async def statuses() -> None:
                for connector in connectors:
                    await self._send_status(endpoint, connector)

            endpoint.after_reply(statuses)
        else:
            return TriggerMessageStatus.not_implemented
        return TriggerMessageStatus.accepted

    def change_availability(
        self, endpoint: OcppRpc, connector_id: int, kind: str
    ) -> AvailabilityStatus:
        if not 0 <= connector_id <= self.settings.connectors:
            return AvailabilityStatus.rejected
        targets = range(self.settings.connectors + 1) if connector_id == 0 else (0, connector_id)
        before = {connector: self._status(connector) for connector in targets}
        if connector_id == 0:
            for connector in range(self.settings.connectors + 1):
                self._state.availability[str(connector)] = kind
        else:
            self._state.availability[str(connector_id)] = kind
        self._state.save()
        changed = [c for c in targets if self._status(c) != before[c]]

        async def report() -> None:
            for connector in changed:
                await self._send_status(endpoint, connector)

        if changed:
            endpoint.after_reply(report)
        return AvailabilityStatus.accepted

    def data_transfer(
        self, vendor_id: str, message_id: str | None, data: str | None
    ) -> tuple[DataTransferStatus, str | None]:
        messages = self.settings.data_transfer.get(vendor_id)
        if messages is None:
            return DataTransferStatus.unknown_vendor_id, None
        if message_id is not None and message_id in messages:
            return DataTransferStatus.accepted, messages[message_id]
        if "" in messages:
            return DataTransferStatus.accepted, messages[""]
        return DataTransferStatus.unknown_message_id, None

    # --- internals -----------------------------------------------------------------------------

    def _triggered_boot(self, endpoint: OcppRpc) -> Callable[[], Awaitable[None]]:
        async def boot() -> None:
            registration = self.session.registration
            if registration is Registration.PENDING:
                self.session.trigger_boot()  # The boot loop sends it now.
                return
            if registration is not Registration.ACCEPTED:
                return  # The boot loop sends it when its wait ends.
            try:
                result = await endpoint.request(self.settings.identity.request())
            except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
                LOGGER.warning("triggered BootNotification failed: %s", error)
                return
            self.session.apply_boot_result(result)

        return boot

    def _status(self, connector: int) -> ChargePointStatus:
        inoperative = self._state.availability.get(str(connector)) == AvailabilityType.inoperative
        if connector != 0 and self._state.availability.get("0") == AvailabilityType.inoperative:
            inoperative = True
        return ChargePointStatus.unavailable if inoperative else ChargePointStatus.available

    async def _send_status(self, endpoint: OcppRpc, connector: int) -> None:
        request = call.StatusNotification(
            connector_id=connector,
            error_code=ChargePointErrorCode.no_error,
            status=self._status(connector),
            timestamp=self.session.clock.timestamp(),
        )
        try:
            await endpoint.request(request)
        except (CallErrorReceived, InvalidResponse, TimeoutError) as error:
            LOGGER.warning("StatusNotification for connector %d failed: %s", connector, error)

    def _after_change(self, key: str, status: ChangeStatus, endpoint: OcppRpc | None) -> None:
        definition = self.configuration.definition(key)
        if definition is None or status is not ChangeStatus.ACCEPTED:
            return
        if definition.name in ("SecurityProfile", "AuthorizationKey"):
            self.security.record(
                "ReconfigurationOfSecurityParameters", f"{definition.name} changed"
            )
        if definition.name == "SecurityProfile" and self.profile.changed():
            if endpoint is None:
                # A local change: no reply to send first (offline: the next attempt uses it).
                self.session.reconnect(boot=False)
                return

            async def reconnect() -> None:
                self.session.reconnect(boot=False)

            endpoint.after_reply(reconnect)

    def _on_key_change(self, change: KeyChange) -> None:
        if change.origin is not ChangeOrigin.CSMS or change.definition.name not in self._monitored:
            return
        reading = self.configuration.reading(change.definition)
        for listener in list(self.key_listeners):
            _call_safely(listener, reading)

    def _publish_security_event(self, recorded: RecordedSecurityEvent) -> None:
        record = _record(recorded)
        for listener in list(self.security_listeners):
            _call_safely(listener, record)


def _record(recorded: RecordedSecurityEvent) -> SecurityEventRecord:
    return SecurityEventRecord(
        recorded.type, recorded.tech_info, recorded.critical, recorded.timestamp
    )


def _call_safely(listener: Callable[[object], None] | Callable[..., None], value: object) -> None:
    try:
        listener(value)
    except Exception:
        LOGGER.exception("a listener failed")
