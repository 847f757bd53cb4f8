"""Scripted stand-ins for the modules the charge point charges through, on one InProcessBus:
`FakeEvse` provides evse_manager and publishes session events and powermeter readings when a
test says so; `FakeAuth` takes the tokens the charge point provides (RemoteStartTransaction) and
starts the transaction on a plugged-in EVSE, as EVerest's Auth + EvseManager would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ocpp.v16 import call

from everest_py.generated.interfaces.auth_token_provider import AuthTokenProviderClient
from everest_py.generated.interfaces.evse_manager import (
    EvseManagerHandler,
    EvseManagerPublisher,
)
from everest_py.generated.interfaces.system import SystemHandler
from everest_py.generated.types import authorization, evse_manager, iso15118, powermeter, units
from everest_py.generated.types import system as system_types
from everest_py.ocpp16 import ChargePointApp
from everest_py.runtime import InProcessBus, Module
from tests.impl.conftest import settings_for
from tests.impl.csms import WAIT, Csms


def now() -> datetime:
    return datetime.now(UTC)


class FakeEvse(EvseManagerHandler):
    def __init__(self, bus: InProcessBus, evse_id: int) -> None:
        self.evse_id = evse_id
        self.module_id = f"fake_evse_{evse_id}"
        self.module = Module(self.module_id, bus.transport())
        self.module.provide("evse", self)
        self.publisher = self.module.publisher(EvseManagerPublisher, "evse")
        self.energy_wh = 1000.0 * evse_id
        self.power_w = 0.0
        self.commands: list[tuple[str, Any]] = []
        self.unlock_result = True
        self.plugged = False
        self.transaction = False
        self.uuid = "session-0"
        self.command_seen = asyncio.Event()

    # --- what a test makes happen ----------------------------------------------------------

    def meter(self) -> powermeter.Powermeter:
        current = self.power_w / 230.0 / 3
        return powermeter.Powermeter(
            timestamp=now(),
            energy_Wh_import=units.Energy(total=self.energy_wh),
            power_W=units.Power(total=self.power_w),
            voltage_V=units.Voltage(L1=230.0, L2=231.0, L3=229.0),
            current_A=units.Current(L1=current, L2=current, L3=current),
        )

    def publish_meter(self, add_wh: float = 0.0) -> None:
        self.energy_wh += add_wh
        self.publisher.publish_powermeter(self.meter())

    def event(self, kind: evse_manager.SessionEventEnum, **data: Any) -> None:
        self.publisher.publish_session_event(
            evse_manager.SessionEvent(uuid=self.uuid, timestamp=now(), event=kind, **data)
        )

    def plug_in(self) -> None:
        self.plugged = True
        self.uuid = f"session-{self.evse_id}-{now().timestamp()}"
        self.event(
            evse_manager.SessionEventEnum.SessionStarted,
            session_started=evse_manager.SessionStarted(
                reason=evse_manager.StartSessionReason.EVConnected, meter_value=self.meter()
            ),
        )

    def start_transaction(self, id_tag: str, charge: bool = True) -> None:
        self.transaction = True
        token = authorization.ProvidedIdToken(
            id_token=authorization.IdToken(value=id_tag, type=authorization.IdTokenType.Central),
            authorization_type=authorization.AuthorizationType.OCPP,
        )
        self.event(
            evse_manager.SessionEventEnum.TransactionStarted,
            transaction_started=evse_manager.TransactionStarted(
                id_tag=token, meter_value=self.meter()
            ),
        )
        if charge:
            self.power_w = 11000.0
            self.event(evse_manager.SessionEventEnum.ChargingStarted)
            self.publish_meter()

    def finish(self, reason: evse_manager.StopTransactionReason) -> None:
        self.transaction = False
        self.power_w = 0.0
        self.event(
            evse_manager.SessionEventEnum.TransactionFinished,
            transaction_finished=evse_manager.TransactionFinished(
                meter_value=self.meter(), reason=reason
            ),
        )

    def unplug(self) -> None:
        self.plugged = False
        self.event(
            evse_manager.SessionEventEnum.SessionFinished,
            session_finished=evse_manager.SessionFinished(meter_value=self.meter()),
        )

    async def wait_command(self, name: str, count: int = 1) -> Any:
        async with asyncio.timeout(10):
            while sum(1 for c, _ in self.commands if c == name) < count:
                self.command_seen.clear()
                await self.command_seen.wait()
        return [a for c, a in self.commands if c == name][count - 1]

    def _record(self, name: str, argument: Any = None) -> None:
        self.commands.append((name, argument))
        self.command_seen.set()

    # --- evse_manager commands -------------------------------------------------------------

    async def handle_get_evse(self) -> evse_manager.Evse:
        return evse_manager.Evse(id=self.evse_id, connectors=[evse_manager.Connector(id=1)])

    async def handle_enable_disable(
        self, connector_id: int, cmd_source: evse_manager.EnableDisableSource
    ) -> bool:
        self._record("enable_disable", cmd_source.enable_state.value)
        enabled = cmd_source.enable_state is not evse_manager.EnableDisableSourceEnableState.Disable
        kind = evse_manager.SessionEventEnum
        self.event(kind.Enabled if enabled else kind.Disabled)
        return enabled

    async def handle_authorize_response(
        self,
        provided_token: authorization.ProvidedIdToken,
        validation_result: authorization.ValidationResult,
    ) -> None:
        self._record("authorize_response", provided_token.id_token.value)

    async def handle_withdraw_authorization(self) -> None:
        self._record("withdraw_authorization")

    async def handle_reserve(self, reservation_id: int) -> bool:
        return False

    async def handle_cancel_reservation(self) -> None:
        pass

    async def handle_pause_charging(self) -> bool:
        self._record("pause_charging")
        return True

    async def handle_resume_charging(self) -> bool:
        return True

    async def handle_stop_transaction(self, request: evse_manager.StopTransactionRequest) -> bool:
        self._record("stop_transaction", request.reason)
        if not self.transaction:
            return False
        self.publish_meter(add_wh=1.0)
        self.finish(request.reason)
        return True

    async def handle_force_unlock(self, connector_id: int) -> bool:
        self._record("force_unlock", connector_id)
        return self.unlock_result

    async def handle_external_ready_to_start_charging(self) -> bool:
        return False

    async def handle_set_plug_and_charge_configuration(
        self, plug_and_charge_configuration: evse_manager.PlugAndChargeConfiguration
    ) -> None:
        pass

    async def handle_update_allowed_energy_transfer_modes(
        self, allowed_energy_transfer_modes: list[iso15118.EnergyTransferMode]
    ) -> evse_manager.UpdateAllowedEnergyTransferModesResult:
        return evse_manager.UpdateAllowedEnergyTransferModesResult.Accepted

    async def handle_set_der_available(self, available: bool) -> evse_manager.SetDerAvailableResult:
        return evse_manager.SetDerAvailableResult.NoHlc


class FakeSystem(SystemHandler):
    def __init__(self, bus: InProcessBus, allow: bool = True) -> None:
        self.module = Module("fake_system", bus.transport())
        self.module.provide("main", self)
        self.allow = allow
        self.resets: list[tuple[str, bool]] = []
        self.reset_seen = asyncio.Event()

    async def handle_is_reset_allowed(self, type: system_types.ResetType) -> bool:
        return self.allow

    async def handle_reset(self, type: system_types.ResetType, scheduled: bool) -> None:
        self.resets.append((type.value, scheduled))
        self.reset_seen.set()

    async def handle_update_firmware(self, firmware_update_request: Any) -> Any:
        raise NotImplementedError

    async def handle_allow_firmware_installation(self) -> None:
        raise NotImplementedError

    async def handle_upload_logs(self, upload_logs_request: Any) -> Any:
        raise NotImplementedError

    async def handle_set_system_time(self, timestamp: Any) -> bool:
        return False

    async def handle_get_boot_reason(self) -> system_types.BootReason:
        return system_types.BootReason.PowerUp

    async def handle_configure_network(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError


@dataclass
class FakeAuth:
    """Assigns each provided token to its connector's EVSE and starts the transaction there
    once the car is plugged in (auto_start) — the part of Auth + EvseManager tests need."""

    bus: InProcessBus
    evses: list[FakeEvse]
    auto_start: bool = True
    tokens: list[authorization.ProvidedIdToken] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.module = Module("fake_auth", self.bus.transport())
        provider = self.module.require(
            AuthTokenProviderClient, module_id="ocpp16_charge_point", impl_id="auth_provider"
        )
        provider.subscribe_provided_token(self._on_token)

    def _on_token(self, token: authorization.ProvidedIdToken) -> None:
        self.tokens.append(token)
        connector = (token.connectors or [1])[0]
        evse = self.evses[connector - 1]
        if self.auto_start:
            if not evse.plugged:
                evse.plug_in()
            evse.start_transaction(token.id_token.value)


@dataclass
class Station:
    app: ChargePointApp
    evses: list[FakeEvse]
    auth: FakeAuth
    system: FakeSystem | None

    @property
    def core(self) -> Any:
        return self.app.core

    async def queued(self, count: int) -> None:
        """Wait until `count` transaction messages are on disk."""
        messages = self.core.transaction_messages
        async with asyncio.timeout(WAIT):
            while len(messages.store) < count:
                messages.queued.clear()
                await messages.queued.wait()


@asynccontextmanager
async def station(
    url: str,
    data_dir: Path,
    connectors: int = 1,
    with_system: bool = False,
    **changes: Any,
) -> AsyncIterator[Station]:
    bus = InProcessBus()
    evses = [FakeEvse(bus, n) for n in range(1, connectors + 1)]
    system = FakeSystem(bus) if with_system else None
    for evse in evses:
        await evse.module.start()
    if system is not None:
        await system.module.start()
    requirements: dict[str, list[tuple[str, str]]] = {
        "evse_manager": [(e.module_id, "evse") for e in evses]
    }
    if system is not None:
        requirements["system"] = [("fake_system", "main")]
    settings = settings_for(url, data_dir, connectors=connectors, **changes)
    app = ChargePointApp(settings, bus=bus, requirements=requirements)
    auth = FakeAuth(bus, evses)
    await app.start()
    await auth.module.start()
    try:
        yield Station(app, evses, auth, system)
    finally:
        await auth.module.stop()
        await app.close()
        for evse in evses:
            await evse.module.stop()
        if system is not None:
            await system.module.stop()


async def charging_with_inoperative_scheduled(csms: Csms, site: Station) -> None:
    """Connector 1 charging, then ChangeAvailability(0, Inoperative): Scheduled, connector 2
    (idle) Unavailable at once; connector 1 keeps charging."""
    evse = site.evses[0]
    await csms.wait_action("StatusNotification", 3)
    evse.plug_in()
    evse.start_transaction("TAG")
    await csms.wait_for(lambda: csms.status_is(1, "Charging"), what="Charging")
    answer = await csms.call(call.ChangeAvailability(connector_id=0, type="Inoperative"))
    assert answer.status == "Scheduled"
    await csms.wait_for(lambda: csms.status_is(2, "Unavailable"), what="connector 2")
