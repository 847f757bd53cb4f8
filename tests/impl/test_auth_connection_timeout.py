"""ConnectionTimeOut reaches the linked Auth module (set_connection_timeout), as EVerest's OCPP
module passes it: at start and on every change, within the 10..300 s the auth interface takes;
a call that fails or hangs neither undoes the change nor holds up the ChangeConfiguration
answer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from ocpp.v16 import call

from everest_py.generated.interfaces.auth import AuthHandler
from everest_py.generated.types import authorization
from everest_py.ocpp16 import ChargePointApp
from everest_py.runtime import InProcessBus, Module
from tests.impl.conftest import settings_for
from tests.impl.csms import WAIT, Csms


class RecordingAuth(AuthHandler):
    def __init__(self, bus: InProcessBus) -> None:
        self.module = Module("test_auth", bus.transport())
        self.module.provide("main", self)
        self.timeouts: asyncio.Queue[int] = asyncio.Queue()
        self.hold: asyncio.Event | None = None  # set: calls wait for it
        self.fail = False

    async def next_timeout(self) -> int:
        return await asyncio.wait_for(self.timeouts.get(), WAIT)

    async def handle_set_connection_timeout(self, connection_timeout: int) -> None:
        self.timeouts.put_nowait(connection_timeout)
        if self.hold is not None:
            await self.hold.wait()
        if self.fail:
            raise RuntimeError("refused by the test")

    async def handle_set_master_pass_group_id(self, master_pass_group_id: str) -> None:
        raise NotImplementedError

    async def handle_withdraw_authorization(
        self, request: authorization.WithdrawAuthorizationRequest
    ) -> authorization.WithdrawAuthorizationResult:
        raise NotImplementedError


@asynccontextmanager
async def charge_point(
    csms: Csms, data_dir: Path, auth: RecordingAuth | None, bus: InProcessBus, **changes: Any
) -> AsyncIterator[ChargePointApp]:
    requirements = {"auth": [("test_auth", "main")]} if auth is not None else {}
    app = ChargePointApp(
        settings_for(csms.url, data_dir, **changes), bus=bus, requirements=requirements
    )
    if auth is not None:
        await auth.module.start()
    await app.start()
    try:
        await csms.wait_action("BootNotification")
        yield app
    finally:
        await app.close()
        if auth is not None:
            await auth.module.stop()


async def change(csms: Csms, value: str) -> str:
    answer = await csms.call(call.ChangeConfiguration(key="ConnectionTimeOut", value=value))
    return str(answer.status)


async def test_auth_is_told_connection_timeout_at_start_and_on_every_change(
    csms: Csms, tmp_path: Path
) -> None:
    bus = InProcessBus()
    auth = RecordingAuth(bus)
    config = {"ConnectionTimeOut": "45"}
    async with charge_point(csms, tmp_path, auth, bus, configuration=config) as app:
        assert await auth.next_timeout() == 45
        assert await change(csms, "120") == "Accepted"
        assert await auth.next_timeout() == 120
        # The key takes 0..3600 s, Auth 10..300 s: the nearest it takes.
        assert await change(csms, "5") == "Accepted"
        assert await auth.next_timeout() == 10
        assert await change(csms, "3600") == "Accepted"
        assert await auth.next_timeout() == 300
        # A local change too; the same value again is no change.
        app.core.set_configuration_key("ConnectionTimeOut", "90")
        assert await auth.next_timeout() == 90
        assert await change(csms, "90") == "Accepted"
        assert await change(csms, "91") == "Accepted"
        assert await auth.next_timeout() == 91


async def test_a_hanging_or_failing_auth_holds_up_nothing(
    csms: Csms, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    bus = InProcessBus()
    auth = RecordingAuth(bus)
    auth.hold = asyncio.Event()
    async with charge_point(csms, tmp_path, auth, bus) as app:
        assert await auth.next_timeout() == 60  # the start's call, still unanswered
        assert await change(csms, "20") == "Accepted"
        assert app.core.configuration.value("ConnectionTimeOut") == "20"
        auth.hold.set()
        assert await auth.next_timeout() == 20

        auth.fail = True
        assert await change(csms, "30") == "Accepted"
        assert await auth.next_timeout() == 30
        auth.fail = False
        assert await change(csms, "40") == "Accepted"
        assert await auth.next_timeout() == 40
        assert app.core.configuration.value("ConnectionTimeOut") == "40"
        assert any(
            "Auth did not take ConnectionTimeOut 30" in record.getMessage()
            for record in caplog.records
        )
