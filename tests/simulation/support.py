"""A stand-in for the OCPP module on the bus (validator + token provider) and an observer of
the simulated EVSEs' variables, so tests wait on events instead of sleeping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from everest_py.generated.interfaces.auth import AuthClient
from everest_py.generated.interfaces.auth_token_provider import (
    AuthTokenProviderHandler,
    AuthTokenProviderPublisher,
)
from everest_py.generated.interfaces.auth_token_validator import AuthTokenValidatorHandler
from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.interfaces.system import SystemClient
from everest_py.generated.types import authorization as _authorization
from everest_py.generated.types import evse_manager as _evse_manager
from everest_py.generated.types import powermeter as _powermeter
from everest_py.ocpp16.simulation import (
    ManualTicker,
    SimulatedStation,
    SimulationOptions,
    evse_module_id,
)
from everest_py.runtime import InProcessBus, Module
from everest_py.runtime.everest.errors import EverestError

WAIT = 5.0
CP = "ocpp16_charge_point"
Event = _evse_manager.SessionEventEnum


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeValidator(AuthTokenValidatorHandler):
    """Accepts the tags in ``accepted``; records every token it was asked about."""

    def __init__(self, accepted: set[str]) -> None:
        self.accepted = accepted
        self.asked: list[str] = []

    async def handle_validate_token(
        self, provided_token: _authorization.ProvidedIdToken
    ) -> _authorization.ValidationResult:
        self.asked.append(provided_token.id_token.value)
        status = (
            _authorization.AuthorizationStatus.Accepted
            if provided_token.id_token.value in self.accepted
            else _authorization.AuthorizationStatus.Invalid
        )
        return _authorization.ValidationResult(authorization_status=status, tariff_messages=[])


@dataclass
class EvseWatch:
    """Every session event and meter reading of one EVSE, in order."""

    events: list[_evse_manager.SessionEvent] = field(default_factory=list)
    meter: list[_powermeter.Powermeter] = field(default_factory=list)
    ready: list[bool] = field(default_factory=list)
    protocols: list[str] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    def kinds(self) -> list[Event]:
        return [e.event for e in self.events]

    async def _notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def wait_for(self, predicate: Callable[[], bool]) -> None:
        async with self.changed:
            async with asyncio.timeout(WAIT):
                await self.changed.wait_for(predicate)

    async def wait_event(self, kind: Event, after: int = 0) -> _evse_manager.SessionEvent:
        def seen() -> bool:
            return any(e.event is kind for e in self.events[after:])

        await self.wait_for(seen)
        return next(e for e in self.events[after:] if e.event is kind)

    async def wait_meter(self, count: int) -> _powermeter.Powermeter:
        await self.wait_for(lambda: len(self.meter) >= count)
        return self.meter[-1]


@dataclass
class Bench:
    bus: InProcessBus
    station: SimulatedStation
    clock: FakeClock
    tickers: list[ManualTicker]
    validator: FakeValidator
    provider: AuthTokenProviderPublisher
    watches: dict[int, EvseWatch]
    auth_statuses: list[_authorization.TokenValidationStatusMessage]
    auth_statuses_changed: asyncio.Condition
    errors: list[EverestError]
    probe: Module

    async def statuses_of(self, tag: str, count: int) -> list[_authorization.TokenValidationStatus]:
        """The first ``count`` token validation statuses Auth published for ``tag``."""

        def matching() -> list[_authorization.TokenValidationStatus]:
            return [s.status for s in self.auth_statuses if s.token.id_token.value == tag]

        async with self.auth_statuses_changed:
            async with asyncio.timeout(WAIT):
                await self.auth_statuses_changed.wait_for(lambda: len(matching()) >= count)
        return matching()[:count]

    def watch(self, evse_id: int) -> EvseWatch:
        return self.watches[evse_id]

    def evse_client(self, evse_id: int) -> EvseManagerClient:
        return self.probe.require(
            EvseManagerClient, module_id=evse_module_id(evse_id), impl_id="evse"
        )

    def auth_client(self) -> AuthClient:
        return self.probe.require(AuthClient, module_id="sim_auth", impl_id="main")

    def system_client(self) -> SystemClient:
        return self.probe.require(SystemClient, module_id="sim_system", impl_id="main")

    def remote_start(self, id_tag: str, evse_id: int | None, *, prevalidated: bool = True) -> None:
        """What the OCPP module publishes for a RemoteStartTransaction."""
        self.provider.publish_provided_token(
            _authorization.ProvidedIdToken(
                id_token=_authorization.IdToken(
                    value=id_tag, type=_authorization.IdTokenType.Central
                ),
                authorization_type=_authorization.AuthorizationType.OCPP,
                connectors=None if evse_id is None else [evse_id],
                prevalidated=prevalidated,
            )
        )


@asynccontextmanager
async def bench(
    connectors: int = 1, accepted: set[str] | None = None, *, ready: bool = True, **options: Any
) -> AsyncIterator[Bench]:
    """The station on an in-process bus with a fake charge point and a probe. ``ready=False``:
    set up only (subscriptions in place), the test calls ``station.ready()`` itself."""
    clock = FakeClock()
    tickers: list[ManualTicker] = []

    def new_ticker(_seconds: float) -> ManualTicker:
        ticker = ManualTicker()
        tickers.append(ticker)
        return ticker

    options.setdefault("unplug_after_stop", None)
    bus = InProcessBus()
    station = SimulatedStation(
        bus,
        connectors=connectors,
        options=SimulationOptions(clock=clock, ticker_factory=new_ticker, **options),
        charge_point_module_id=CP,
    )
    validator = FakeValidator(accepted if accepted is not None else {"GOOD"})
    fake_cp = Module(CP, bus.transport())
    fake_cp.provide("auth_validator", validator)
    fake_cp.provide("auth_provider", AuthTokenProviderHandler())
    provider = fake_cp.publisher(AuthTokenProviderPublisher, "auth_provider")
    probe_transport = bus.transport()
    probe = Module("probe", probe_transport)
    watches = {n: EvseWatch() for n in range(1, connectors + 1)}
    statuses: list[_authorization.TokenValidationStatusMessage] = []
    errors: list[EverestError] = []
    for n, watch in watches.items():
        client = probe.require(EvseManagerClient, module_id=evse_module_id(n), impl_id="evse")

        async def on_event(event: _evse_manager.SessionEvent, watch: EvseWatch = watch) -> None:
            watch.events.append(event)
            await watch._notify()

        async def on_meter(value: _powermeter.Powermeter, watch: EvseWatch = watch) -> None:
            watch.meter.append(value)
            await watch._notify()

        def on_ready(value: bool, watch: EvseWatch = watch) -> None:
            watch.ready.append(value)

        client.subscribe_session_event(on_event)
        client.subscribe_powermeter(on_meter)
        client.subscribe_ready(on_ready)
        client.subscribe_selected_protocol(watch.protocols.append)
    statuses_changed = asyncio.Condition()

    async def on_status(status: _authorization.TokenValidationStatusMessage) -> None:
        statuses.append(status)
        async with statuses_changed:
            statuses_changed.notify_all()

    auth_client = probe.require(AuthClient, module_id="sim_auth", impl_id="main")
    auth_client.subscribe_token_validation_status(on_status)
    async with fake_cp, probe:
        await probe_transport.subscribe_all_errors(errors.append)
        await (station.start() if ready else station.setup())
        try:
            yield Bench(
                bus,
                station,
                clock,
                tickers,
                validator,
                provider,
                watches,
                statuses,
                statuses_changed,
                errors,
                probe,
            )
        finally:
            await station.stop()
