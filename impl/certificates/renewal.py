"""Renewal of the charge point certificate, as libocpp does it under security profile 3: some
time after each accepted registration, and then every 12 hours, a certificate that expires
within 30 days (or is missing: 0 days) makes the charge point send SignCertificate.req."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from everest_py.runtime.errors import CommandError

from .tls import CALL_TIMEOUT

if TYPE_CHECKING:  # the clients come from the links: only their type is needed
    from everest_py.generated.interfaces.evse_security import EvseSecurityClient

LOGGER = logging.getLogger(__name__)
INITIAL_DELAY = 60.0  # seconds after an accepted registration (libocpp's)
CHECK_INTERVAL = 12 * 3600.0  # seconds between checks (libocpp's)
RENEW_WITHIN_DAYS = 30

SendSignCertificate = Callable[[], Awaitable[None]]


class CertificateRenewal:
    def __init__(
        self, client: EvseSecurityClient | None, security_profile: Callable[[], int]
    ) -> None:
        self._client = client
        self._security_profile = security_profile
        self.initial_delay = INITIAL_DELAY
        self.check_interval = CHECK_INTERVAL
        self._task: asyncio.Task[None] | None = None

    def registered(self, send: SendSignCertificate) -> None:
        """The CSMS accepted the charge point: checks start over, sending with `send`."""
        self._stop()
        if self._client is None:
            return
        self._task = asyncio.get_running_loop().create_task(self._run(self._client, send))

    async def close(self) -> None:
        task = self._stop()
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    def _stop(self) -> asyncio.Task[None] | None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
        return task

    async def _run(self, client: EvseSecurityClient, send: SendSignCertificate) -> None:
        await asyncio.sleep(self.initial_delay)
        while True:
            if self._security_profile() == 3 and await _expires_soon(client):
                LOGGER.info("the charge point certificate expires within %d days: renewing it",
                            RENEW_WITHIN_DAYS)  # fmt: skip
                await send()
            await asyncio.sleep(self.check_interval)


async def _expires_soon(client: EvseSecurityClient) -> bool:
    # Loaded with the client's interface, not at start (a charge point may have no client).
    from everest_py.generated.types import evse_security as _security

    try:
        days = await client.get_leaf_expiry_days_count(
            _security.LeafCertificateType.CSMS, timeout=CALL_TIMEOUT
        )
    except (CommandError, TimeoutError) as error:
        LOGGER.warning("evse_security get_leaf_expiry_days_count failed: %s", error)
        return False
    return days < RENEW_WITHIN_DAYS
