"""The charge point core: it owns the configuration, the connectors, the OCPP session and the
security services, and offers the interface's commands as plain methods (interface.py adapts
the generated handler to them). What the CSMS may ask is answered in csms_actions/.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine, Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ocpp.v16.enums import ConfigurationStatus as WireConfigurationStatus
from websockets.asyncio.client import ClientConnection

from . import csms_actions
from .authorization import Authorization
from .certificates import Certificates
from .charging import (
    ChargingLinks,
    ChargingStation,
    StatusReporter,
    TokenAuthorizer,
    Transaction,
    TransactionMessages,
)
from .configuration import (
    ChangeOrigin,
    Configuration,
    ConfigurationError,
    KeyChange,
    StateFile,
    StateFileError,
)
from .connectors import Connectors
from .data_transfer import IncomingDataTransfer
from .firmware import FirmwareService
from .ocpp import (
    MAX_FOLLOW_UPS,
    Backoff,
    FrameObserver,
    InvalidMessageReporter,
    OcppSession,
    Registration,
    RpcEndpoint,
    SessionOptions,
    security_event_sender,
)
from .security import (
    ConnectionSecurity,
    ConnectionTarget,
    RecordedSecurityEvent,
    SecurityEvents,
    SecurityEventType,
    SecurityProfileControl,
    SecurityProfileError,
    TlsFiles,
)
from .settings import Settings
from .smart_charging import SmartCharging
from .storage import deferred_saves

# EVerest's ocpp types load with the first key read through them (configuration/values.py), the
# energy types with the first limits for an energy sink (start-up time). Of Smart Charging only
# the service loads at start: profiles, the composite schedule and the limit publisher load
# when first needed (a stored profile, a CSMS request, an energy sink).
if TYPE_CHECKING:
    from everest_py.generated.types.energy import ExternalLimits
    from everest_py.generated.types.ocpp import (
        ConfigurationStatus,
        GetConfigurationResponse,
        KeyValue,
        SecurityEvent,
    )

    from .authorization import AuthTokenValidator
    from .data_transfer import DataTransferSender
    from .smart_charging import CompositeOptions, LimitPublisher

LOGGER = logging.getLogger(__name__)
# A clock adoption (BootNotification or Heartbeat) that moves the charge point's clock by more
# than this raises SettingSystemTime; smaller moves are noise: a currentTime truncated to the
# second, round-trip time, drift.
CLOCK_EVENT_THRESHOLD = timedelta(seconds=5)
# Changing these keys is a ReconfigurationOfSecurityParameters security event.
SECURITY_PARAMETERS = frozenset({"SecurityProfile", "AuthorizationKey"})
SINK_CALL_TIMEOUT = 10.0  # seconds for an evse_energy_sink to take its limits
AUTH_CALL_TIMEOUT = 10.0  # seconds for Auth to take ConnectionTimeOut
# What auth's set_connection_timeout takes (interfaces/auth.yaml); the key allows 0..3600.
AUTH_CONNECTION_TIMEOUT_RANGE = (10, 300)


class ChargePointCore:
    def __init__(
        self,
        settings: Settings,
        observer: FrameObserver | None = None,
        links: ChargingLinks | None = None,
        authorizer: TokenAuthorizer | None = None,
    ) -> None:
        """`links`: the EVSEs (one connector each; without any, `settings.connectors` idle
        connectors), auth and system. `authorizer`: who validates idTags (default: the
        local list, the cache and Authorize.req, see authorization/)."""
        self.settings = settings
        self._observer = observer
        self.links = links or ChargingLinks()
        connector_count = len(self.links.evse_managers) or settings.connectors
        self.state = state = StateFile(settings.data_dir)
        state.load()
        self.configuration = Configuration(
            state, settings.configuration, {"NumberOfConnectors": str(connector_count)}
        )
        self.configuration.add_listener(self._on_key_change)
        self.session = OcppSession(_session_options(settings), self.configuration, self)
        self.connectors = Connectors(connector_count, state, self.session.clock.timestamp)
        self._monitored: set[str] = set()
        self.connected_listeners: list[Callable[[bool], None]] = []
        self.key_listeners: list[Callable[[KeyValue], None]] = []
        self.security_listeners: list[Callable[[SecurityEvent], None]] = []
        state.create_directory()
        self.security = SecurityEvents(
            settings.data_dir,
            send=security_event_sender(lambda: self.session.endpoint),
            attempts=lambda: self.configuration.integer("TransactionMessageAttempts"),
            retry_interval=lambda: float(
                self.configuration.integer("TransactionMessageRetryInterval")
            ),
            publish=self._publish_security_event,
            clock=self.session.clock.now,
        )
        tls = TlsFiles(settings.tls.ca_bundle, settings.tls.client_cert, settings.tls.client_key)
        # The certificate store (evse_security): certificate messages, and the TLS files of
        # profiles 2 and 3 once it holds a CSMS root / charge point certificate.
        self.certificates = Certificates(
            self.links.security, self.configuration, self.security.record,
            # CN: the serial number, as the whitepaper and libocpp (ChargeBoxSerialNumber) use;
            # the charge point id when none is configured.
            settings.identity.serial_number or settings.charge_point_id, tls,
        )  # fmt: skip
        self.profile = SecurityProfileControl(
            ConnectionTarget(settings.csms_url, settings.charge_point_id, tls),
            self.configuration,
            self.security.record,
            tls_files=self.certificates.tls.files,
        )
        self.transaction_messages = TransactionMessages(
            settings.data_dir / "transactions.sqlite",
            lambda: self.session.endpoint,
            attempts=lambda: self.configuration.integer("TransactionMessageAttempts"),
            retry_interval=lambda: float(
                self.configuration.integer("TransactionMessageRetryInterval")
            ),
            on_answer=lambda message, answer: self.charging.answered(message, answer),
        )
        self.status_reporter = StatusReporter(
            self.connectors,
            lambda: self.session.endpoint,
            lambda: self.configuration.integer("MinimumStatusDuration"),
            order=self.transaction_messages,
        )
        self.authorization = Authorization(
            settings.data_dir,
            self.configuration,
            lambda: self.session.endpoint,
            registered=lambda: self.session.registration is Registration.ACCEPTED,
            clock=self.session.clock.now,
        )
        # CSMS DataTransfer is forwarded to the required data_transfer module, which the app
        # links.
        self.data_transfer = IncomingDataTransfer()
        self.authorizer = authorizer or self.authorization
        self.charging = ChargingStation(
            self.links,
            self.connectors,
            self.configuration,
            self.transaction_messages,
            self.authorizer,
            lambda: self.session.endpoint,
            self.session.clock.timestamp,
            self.session.clock.now,
            registered=lambda: self.session.registration is Registration.ACCEPTED,
        )
        self.smart_charging = SmartCharging(
            settings.data_dir,
            connector_count,
            self.configuration.value,
            self.session.clock.now,
            transaction_id_of=self.charging.transaction_id_of,
            transaction_start_of=self.charging.transaction_start_of,
            options=functools.partial(_composite_options, settings),
        )
        self.transaction_messages.on_transaction_id = self.charging.transaction_id_given
        self.charging.transaction_started_listeners.append(self._transaction_started)
        self.charging.transaction_accepted_listeners.append(self._transaction_accepted)
        self.charging.transaction_ended_listeners.append(self._transaction_ended)
        self._limit_publisher: LimitPublisher | None = None  # made on first use
        # UpdateFirmware, GetDiagnostics, SignedUpdateFirmware, GetLog through `system`.
        self.firmware = FirmwareService(
            self.links.system,
            self.links.security,
            lambda: self.session.endpoint,
            self.security.record,
            charging=self.charging,
        )
        self._route = csms_actions.router(self)
        self._detached: set[asyncio.Task[None]] = set()
        self._started = False
        # stop/restart each run in their own task; interleaved, they could leave the session
        # running with security events suspended.
        self._lifecycle = asyncio.Lock()
        # start() has connected and close() has not begun: stop()/restart() act only then.
        self._running = False
        self._closed = False
        # ConnectionTimeOut goes to Auth one call at a time, each with the value then current.
        self._auth_timeout_calls = asyncio.Lock()
        try:
            self.profile.security()
        except SecurityProfileError as error:
            # With a certificate store its files are only known once start() asked it: a
            # profile they make usable must not be refused before.
            if not self.certificates.linked:
                raise ConfigurationError(f"SecurityProfile: {error}") from error

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect and keep connected until close()."""
        if self._started:
            return
        self._started = True
        self.security.start()
        self.security.record(SecurityEventType.STARTUP_OF_THE_DEVICE.value, None)
        await self.certificates.start()
        self.transaction_messages.start()
        await self.charging.start()
        # After charging.start(): the transactions it stopped (PowerLoss) go before the statuses.
        self.status_reporter.start()
        self._tell_auth_connection_timeout()
        self.firmware.start()
        if self.links.energy_sinks:
            self.limit_publisher.start()
        async with self._lifecycle:
            if not self._closed:
                self.session.start()
            self._running = not self._closed

    async def close(self) -> None:
        for task in list(self._detached):
            task.cancel()
        await asyncio.gather(*self._detached, return_exceptions=True)
        async with self._lifecycle:
            # Marked under the lock: a restart() waiting for it must not connect again.
            self._closed, self._running = True, False
            await self.session.stop()
        if self._limit_publisher is not None:
            await self._limit_publisher.close()
        await self.firmware.close()
        await self.certificates.close()
        await self.charging.close()
        await self.status_reporter.close()
        await self.transaction_messages.close()
        await self.security.close()
        await self.authorization.close()
        await asyncio.get_running_loop().run_in_executor(None, self.state.close)

    # --- the interface's commands ----------------------------------------------------------

    async def stop(self) -> bool:
        """The interface's stop: false before start() has connected (nothing runs yet: as
        EVerest's OCPP module answers before its charge point is initialised) and after
        close()."""
        async with self._lifecycle:
            if not self._running:
                return False
            stopped = await self.session.stop()
            if stopped:
                self.security.stop_communication()
            return stopped

    async def restart(self) -> bool:
        """The interface's restart, after a stop(): false otherwise, also before start() (the
        charge point connects after EVerest's GlobalReady, not on a command) and after
        close()."""
        async with self._lifecycle:
            if not self._running or not self.session.stopped:
                return False
            self.security.restart_communication()
            return self.session.start()

    @property
    def limit_publisher(self) -> LimitPublisher:
        """Keeps the evse_energy_sinks' limits, as EVerest's OCPP module does with the
        composite schedules (ocpp_1_6_charge_point has no charging_schedules variable to
        publish them on). Made on first use: started with energy sinks, asked to recompute
        once a profile makes the limits follow transactions (start-up time)."""
        if self._limit_publisher is None:
            from .smart_charging import LimitPublisher

            self._limit_publisher = LimitPublisher(
                self.smart_charging,
                self._apply_limits,
                include_station=0 in self.links.energy_sinks,
                to_system=self.session.clock.to_system,
            )
        return self._limit_publisher

    @functools.cached_property
    def token_validator(self) -> AuthTokenValidator:
        """Served as auth_validator; made when a module is there to serve it (the types of its
        interface load with it)."""
        from .authorization import AuthTokenValidator

        return AuthTokenValidator(self.authorization)

    @functools.cached_property
    def data_transfer_sender(self) -> DataTransferSender:
        """Served as data_transfer; made when a module is there to serve it (the types of its
        interface load with it)."""
        from .data_transfer import DataTransferSender

        return DataTransferSender(
            lambda: self.session.endpoint,
            lambda: self.session.registration is Registration.ACCEPTED,
        )

    def get_configuration_key(self, keys: Iterable[str]) -> GetConfigurationResponse:
        return self.configuration.read(keys)

    def set_configuration_key(self, key: str, value: str) -> ConfigurationStatus:
        from everest_py.generated.types.ocpp import ConfigurationStatus

        status = self.change_configuration(key, value, ChangeOrigin.LOCAL, None)
        return ConfigurationStatus(status.value)

    async def stored_configuration_change(
        self, key: str, value: str, origin: ChangeOrigin, endpoint: RpcEndpoint | None = None
    ) -> WireConfigurationStatus:
        """ChangeConfiguration and set_configuration_key: answered once the change is on disk,
        the disk work off the loop (the writer thread syncs many changes at once). One that
        cannot be stored is Rejected and taken back: not in effect, now or after a restart
        (§5.3: Rejected means not set). The status is OCPP's (the `ocpp` package's enum): the
        interface answers with EVerest's type of the same values."""
        before = self.configuration.undo_point(key)
        with deferred_saves() as saves:
            status = self.change_configuration(key, value, origin, endpoint)
        try:
            await saves.commit()
        except StateFileError as error:
            LOGGER.error("%s change of %s not stored: %s", origin, key, error)
            if before is not None:
                self.configuration.undo(before, origin)
            return WireConfigurationStatus.rejected
        return status

    def monitor_configuration_keys(self, keys: Iterable[str]) -> None:
        for key in keys:
            definition = self.configuration.definition(key)
            self._monitored.add(definition.name if definition is not None else key.lower())

    def security_event(self, event_type: str, info: str | None) -> RecordedSecurityEvent:
        """Record a security event. No EVerest `SecurityEvent` model is built here: that
        would delay the event's first send, which runs in the loop's next step."""
        return self.security.record(event_type, info)

    @property
    def connected(self) -> bool:
        return self.session.connected

    # --- shared by the interface and the CSMS actions --------------------------------------

    def detach(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` on a task of the charge point's own: unlike an endpoint's follow-up it
        outlives the connection (an accepted Reset happens even if the CSMS hangs up); it is
        cancelled by close(), and a failure is logged."""
        task = asyncio.get_running_loop().create_task(work)
        self._detached.add(task)
        task.add_done_callback(self._detached_done)

    def _detached_done(self, task: asyncio.Task[None]) -> None:
        self._detached.discard(task)
        if not task.cancelled() and task.exception() is not None:
            LOGGER.error("charge point task failed", exc_info=task.exception())

    def change_configuration(
        self, key: str, value: str, origin: ChangeOrigin, endpoint: RpcEndpoint | None
    ) -> WireConfigurationStatus:
        """Change a key; an accepted change of a security parameter is a security event, and a
        raised SecurityProfile reconnects (after the reply to the CSMS, when it asked)."""
        status = self.configuration.change(key, value, origin)
        definition = self.configuration.definition(key)
        if definition is None or status is not WireConfigurationStatus.accepted:
            return status
        if definition.name in SECURITY_PARAMETERS:
            self.security.record(
                SecurityEventType.RECONFIGURATION_OF_SECURITY_PARAMETERS.value,
                f"{definition.name} changed",
            )
        if definition.name == "SecurityProfile" and self.profile.changed():
            self._reconnect_after(endpoint)
        return status

    # --- SessionHooks --------------------------------------------------------------------------

    def make_endpoint(self, connection: ClientConnection) -> RpcEndpoint:
        return RpcEndpoint(
            self.settings.charge_point_id,
            connection,
            route=self._route,
            response_timeout=self.settings.response_timeout,
            max_frame_length=self.settings.max_frame_length,
            validate_outgoing=self.settings.validate_outgoing,
            observer=self._observer,
            on_invalid=InvalidMessageReporter(self.security.record).report,
            # OCPP 1.6 4.2: while Rejected, no Central System message is answered.
            ignore_calls=lambda: self.session.registration is Registration.REJECTED,
            # A RemoteStartTransaction keeps its follow-up (Authorize, then the token to Auth)
            # until Authorize is answered: one per connector may wait, plus the usual bound.
            max_follow_ups=MAX_FOLLOW_UPS + self.connectors.count,
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
                SecurityEventType.SETTING_SYSTEM_TIME.value,
                f"clock moved by {seconds:+.0f} s to the CSMS time ({source})",
            )

    def connected_changed(self, connected: bool) -> None:
        if not connected:
            self.security.online(False)
            self._offline()
        for listener in list(self.connected_listeners):
            _call_safely(listener, connected)

    def registration_lost(self) -> None:
        self.security.online(False)
        self._offline()

    async def registered(self, endpoint: RpcEndpoint, first: bool) -> None:
        # The queue first, so each status waits for the transaction messages queued before it
        # changed; then every status after the first boot, after a reconnect those that
        # changed meanwhile (those with nothing to wait for before anything else goes out).
        self.transaction_messages.online(True)
        await self.status_reporter.report_registered(endpoint, first)
        self.security.online(True)
        self.firmware.online(True, first)
        self.certificates.renewal.registered(
            lambda: csms_actions.certificates.send_sign_certificate(self, endpoint)
        )

    def _offline(self) -> None:
        self.status_reporter.registered(False)
        self.transaction_messages.online(False)
        self.firmware.online(False)

    # --- internals -----------------------------------------------------------------------------

    async def _transaction_started(self, connector: int, transaction: Transaction) -> None:
        """OCPP 1.6 §5.11: the chargingProfile of a RemoteStartTransaction is the TxProfile of
        the transaction it started, used from its start (offline too, §3.13.6), not only
        once the CSMS has answered the StartTransaction: installed without a transactionId,
        it applies to the transaction running on the connector and ends with it. Limits are
        recomputed either way: a Relative schedule starts with the transaction."""
        fields = transaction.charging_profile
        if fields is not None:
            from .smart_charging import ProfileFormatError, parse_profile

            try:
                profile = parse_profile({**fields, "transaction_id": None})
            except ProfileFormatError as error:
                LOGGER.warning("RemoteStartTransaction chargingProfile not installed: %s", error)
            else:
                await self.smart_charging.set_profile(connector, profile)
        self._recompute_limits()

    async def _transaction_accepted(self, _connector: int, _transaction: Transaction) -> None:
        """The transaction has its CSMS id now: a TxProfile naming that id applies from here."""
        self._recompute_limits()

    async def _transaction_ended(self, connector: int) -> None:
        await self.smart_charging.transaction_ended(connector)  # its TxProfiles end with it
        self._recompute_limits()

    def _recompute_limits(self) -> None:
        # Only when a profile makes the limits follow transactions: each recompute builds and
        # applies every connector's schedule, which without one would cost every session.
        if self.smart_charging.follows_transactions():
            self.limit_publisher.recompute()

    async def _apply_limits(self, connector: int, limits: ExternalLimits) -> None:
        sink = self.links.energy_sinks.get(connector)
        if sink is not None:  # a connector without a sink has nobody to limit
            await sink.set_external_limits(limits, timeout=SINK_CALL_TIMEOUT)

    def _reconnect_after(self, endpoint: RpcEndpoint | None) -> None:
        if endpoint is None:
            # A local change: no reply to send first (offline: the next attempt uses it).
            self.session.reconnect(boot=False)
            return

        async def reconnect() -> None:
            self.session.reconnect(boot=False)

        endpoint.after_reply(reconnect)

    def _tell_auth_connection_timeout(self) -> None:
        """ConnectionTimeOut to the linked Auth module (as EVerest's OCPP module does: at start
        and on every change), in the background: a failure is logged."""
        auth = self.links.auth
        if auth is None:
            return

        async def tell() -> None:
            async with self._auth_timeout_calls:
                value = self.configuration.integer("ConnectionTimeOut")
                low, high = AUTH_CONNECTION_TIMEOUT_RANGE
                seconds = min(max(value, low), high)
                if seconds != value:
                    LOGGER.warning("ConnectionTimeOut %d: Auth takes %d..%d s", value, low, high)
                try:
                    await auth.set_connection_timeout(seconds, timeout=AUTH_CALL_TIMEOUT)
                except Exception as error:
                    LOGGER.warning("Auth did not take ConnectionTimeOut %d: %s", seconds, error)

        self.detach(tell())

    def _on_key_change(self, change: KeyChange) -> None:
        if change.definition.name == "ConnectionTimeOut" and change.changed and self._started:
            self._tell_auth_connection_timeout()
        if change.origin is not ChangeOrigin.CSMS or change.definition.name not in self._monitored:
            return
        reading = self.configuration.reading(change.definition)
        for listener in list(self.key_listeners):
            _call_safely(listener, reading)

    def _publish_security_event(self, recorded: RecordedSecurityEvent) -> None:
        if not self.security_listeners:
            return  # Nothing to build the event for (a backlog records many).
        event = _security_event(recorded)
        for listener in list(self.security_listeners):
            _call_safely(listener, event)


def _composite_options(settings: Settings) -> CompositeOptions:
    """The composite schedule's assumptions from the settings, made when a schedule is first
    computed (the composite module loads with it)."""
    from .smart_charging import CompositeOptions

    return CompositeOptions(
        supply_voltage=settings.smart_charging.supply_voltage,
        default_phases=settings.smart_charging.phases,
    )


def _session_options(settings: Settings) -> SessionOptions:
    reconnect = settings.reconnect
    return SessionOptions(
        csms_url=settings.csms_url,
        charge_point_id=settings.charge_point_id,
        identity=settings.identity,
        backoff=Backoff(
            initial=reconnect.initial_delay,
            maximum=reconnect.max_delay,
            multiplier=reconnect.multiplier,
            jitter=reconnect.jitter,
        ),
        response_timeout=settings.response_timeout,
        connect_timeout=settings.connect_timeout,
        boot_retry_interval=settings.boot_retry_interval,
        max_frame_length=settings.max_frame_length,
        compression=settings.compression,
    )


def _security_event(recorded: RecordedSecurityEvent) -> SecurityEvent:
    # EVerest's SecurityEvent sets no length: the variable carries the whole text, as the
    # security log does; only techInfo on the OCPP wire is cut to its CiString255 (store.py).
    from everest_py.generated.types.ocpp import SecurityEvent

    return SecurityEvent(
        type=recorded.type,
        info=recorded.tech_info,
        critical=recorded.critical,
        timestamp=recorded.timestamp,
    )


def _call_safely(listener: Callable[[object], None] | Callable[..., None], value: object) -> None:
    try:
        listener(value)
    except Exception:
        LOGGER.exception("a listener failed")
