"""The charge point certificate's renewal check (libocpp's, under security profile 3): a
certificate expiring within 30 days makes the charge point send SignCertificate.req."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from everest_py.generated.types import evse_security as sec
from everest_py.ocpp16.certificates.renewal import CertificateRenewal

WAIT = 5.0


class FakeSecurity:
    def __init__(self, days: int) -> None:
        self.days = days
        self.asked = asyncio.Event()

    async def get_leaf_expiry_days_count(
        self, certificate_type: sec.LeafCertificateType, *, timeout: float | None = None
    ) -> int:
        assert certificate_type is sec.LeafCertificateType.CSMS
        return self.days


@pytest.mark.parametrize(
    ("profile", "days", "renewed"), [(3, 29, True), (3, 0, True), (3, 30, False), (2, 1, False)]
)
async def test_renewal_when_the_certificate_expires_within_30_days_under_profile_3(
    profile: int, days: int, renewed: bool
) -> None:
    checked = asyncio.Event()

    def security_profile() -> int:
        checked.set()
        return profile

    sent: list[str] = []
    renewal = CertificateRenewal(FakeSecurity(days), security_profile)  # type: ignore[arg-type]
    renewal.initial_delay = 0
    renewal.check_interval = 3600

    async def send() -> None:
        sent.append("SignCertificate")

    renewal.registered(send)
    try:
        async with asyncio.timeout(WAIT):
            # The fake answers without suspending: when this wakes, the renewal task has
            # checked, sent (or not), and waits for the next check.
            await checked.wait()
    finally:
        await renewal.close()
    assert sent == (["SignCertificate"] if renewed else [])


async def test_without_a_security_module_nothing_runs() -> None:
    renewal = CertificateRenewal(None, lambda: 3)

    async def send() -> Any:
        raise AssertionError("no module, no renewal")

    renewal.registered(send)
    await renewal.close()
