"""The simulated system's firmware side on its own: the signature check, scheduling and what a
second request does to a running one (the end-to-end runs are in tests/impl/test_firmware.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from everest_py.generated.interfaces.system import SystemClient
from everest_py.generated.types import system as _system
from everest_py.ocpp16.simulation import SYSTEM_MODULE_ID, SimulatedStation, http_transfer
from everest_py.ocpp16.simulation.firmware_signature import signature_valid
from everest_py.runtime import InProcessBus, Module

from ..impl.firmware_support import file_server, make_root

WAIT = 5.0
IMAGE = b"firmware" * 100
State = _system.FirmwareUpdateStatusEnum
LATER = datetime.now(UTC) + timedelta(hours=1)


def test_the_signature_is_checked_with_the_certificates_key() -> None:
    root = make_root()
    for signer in (root.issue(), root.issue(use_rsa=True)):
        pem = signer.certificate_pem
        assert signature_valid(IMAGE, signer.sign(IMAGE), pem)
        assert not signature_valid(IMAGE + b"!", signer.sign(IMAGE), pem)
        assert not signature_valid(IMAGE, "not base64 at all!", pem)
        assert not signature_valid(IMAGE, signer.sign(IMAGE), "not a certificate")
    other = root.issue()
    assert not signature_valid(IMAGE, root.issue().sign(IMAGE), other.certificate_pem)


@dataclass
class Probe:
    client: SystemClient
    seen: list[_system.FirmwareUpdateStatus] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def wait_for(self, state: State, request_id: int) -> None:
        async with asyncio.timeout(WAIT):
            while not any(
                s.firmware_update_status is state and s.request_id == request_id for s in self.seen
            ):
                self.changed.clear()
                await self.changed.wait()


@asynccontextmanager
async def system_probe() -> AsyncIterator[Probe]:
    bus = InProcessBus()
    station = SimulatedStation(bus)
    module = Module("probe", bus.transport())
    client = module.require(SystemClient, module_id=SYSTEM_MODULE_ID, impl_id="main")
    await station.start()
    await module.start()
    probe = Probe(client)

    def seen(status: _system.FirmwareUpdateStatus) -> None:
        probe.seen.append(status)
        probe.changed.set()

    subscription = client.subscribe_firmware_update_status(seen)
    try:
        yield probe
    finally:
        subscription.cancel()
        await module.stop()
        await station.stop()


def request(request_id: int, signed: bool = True) -> _system.FirmwareUpdateRequest:
    extra = {"signature": "c2ln", "signing_certificate": "pem"} if signed else {}
    return _system.FirmwareUpdateRequest(
        request_id=request_id,
        location="http://127.0.0.1:1/fw.bin",
        retrieve_timestamp=LATER,
        **extra,
    )


async def test_a_later_signed_download_is_scheduled_and_a_new_one_replaces_it() -> None:
    async with system_probe() as probe:
        first = await probe.client.update_firmware(request(1))
        assert first is _system.UpdateFirmwareResponse.Accepted
        await probe.wait_for(State.DownloadScheduled, 1)
        second = await probe.client.update_firmware(request(2))
        assert second is _system.UpdateFirmwareResponse.AcceptedCanceled
        await probe.wait_for(State.DownloadScheduled, 2)


async def test_a_plain_update_while_one_runs_is_rejected() -> None:
    async with system_probe() as probe:
        first = await probe.client.update_firmware(request(-1, signed=False))
        assert first is _system.UpdateFirmwareResponse.Accepted
        second = await probe.client.update_firmware(request(-1, signed=False))
        assert second is _system.UpdateFirmwareResponse.Rejected
        # A plain update waits without DownloadScheduled (FirmwareStatus has no such status).
        assert probe.seen == []


async def test_transfers_are_bounded_and_name_no_credentials() -> None:
    with file_server() as http:
        http.files["/big.bin"] = b"x" * 2048
        with pytest.raises(http_transfer.TransferError, match="larger than 1024 bytes"):
            await http_transfer.download(http.url("/big.bin"), limit=1024)
        secret = http.url("/missing.bin").replace("http://", "http://user:s3cret@")
        with pytest.raises(http_transfer.TransferError) as failed:
            await http_transfer.download(secret)
        assert "s3cret" not in str(failed.value)
        target = await http_transfer.upload(http.url("/up/"), "a b.json", b"{}")
        assert target.endswith("/up/a%20b.json") and http.uploads == {"/up/a%20b.json": b"{}"}
    for location in ("ftp://user:s3cret@127.0.0.1/fw.bin", "http:///fw.bin", "http://[::1"):
        with pytest.raises(http_transfer.UnsupportedLocation) as refused:
            http_transfer.check_location(location)
        assert "s3cret" not in str(refused.value)
