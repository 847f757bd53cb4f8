"""Shared by the authorization and DataTransfer tests: a charge point core with the parts the
lead wires into ChargePointCore (an `Authorization`, an `IncomingDataTransfer`) attached the
same way, against the schema-checking loopback CSMS."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from everest_py.ocpp16 import ChargePointCore, Registration
from everest_py.ocpp16.authorization import Authorization
from everest_py.ocpp16.data_transfer import IncomingDataTransfer
from tests.impl.conftest import settings_for


class Clock:
    """The authorizer's clock, moved by the tests (expiry without waiting)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def iso(self, seconds_from_now: float) -> str:
        moment = self.now + timedelta(seconds=seconds_from_now)
        return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def attach(core: ChargePointCore, clock: Clock, **options: Any) -> Authorization:
    """Attach an Authorization to `core` the way ChargePointCore is to build it."""
    authorization = Authorization(
        core.settings.data_dir,
        core.configuration,
        lambda: core.session.endpoint,
        registered=lambda: core.session.registration is Registration.ACCEPTED,
        clock=clock,
        **options,
    )
    core.authorization = authorization  # type: ignore[attr-defined]
    core.data_transfer = IncomingDataTransfer()  # type: ignore[attr-defined]
    return authorization


StartWithAuthorization = Callable[..., Awaitable[tuple[ChargePointCore, Authorization]]]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def start_with_authorization(
    tmp_path: Path, clock: Clock
) -> AsyncIterator[StartWithAuthorization]:
    """start(url, data_dir=None, connect=True, cache_size=..., **settings) -> (core, authorization);
    connect=False builds it without ever connecting (offline from the start)."""
    started: list[tuple[ChargePointCore, Authorization]] = []

    async def start(
        url: str,
        data_dir: Path | None = None,
        connect: bool = True,
        auth_options: dict[str, Any] | None = None,
        **changes: Any,
    ) -> tuple[ChargePointCore, Authorization]:
        core = ChargePointCore(settings_for(url, data_dir or tmp_path / "data", **changes))
        authorization = attach(core, clock, **(auth_options or {}))
        if connect:
            await core.start()
        started.append((core, authorization))
        return core, authorization

    yield start
    for core, authorization in started:
        await core.close()
        await authorization.close()


def registered(core: ChargePointCore) -> Callable[[], bool]:
    return lambda: core.session.registration is Registration.ACCEPTED
