"""DataTransfer both ways: an EVerest module sends DataTransfer.req through the `data_transfer`
implementation; the CSMS's DataTransfer.req reaches the module on the `data_transfer`
requirement when the `data_transfer` setting does not answer it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from ocpp.v16 import call
from ocpp.v16.enums import DataTransferStatus as OcppStatus

from everest_py.generated.interfaces.ocpp_data_transfer import (
    OcppDataTransferClient,
    OcppDataTransferHandler,
)
from everest_py.generated.types.ocpp import (
    DataTransferRequest,
    DataTransferResponse,
    DataTransferStatus,
)
from everest_py.ocpp16 import ChargePointCore, Registration
from everest_py.ocpp16.data_transfer import DataTransferSender
from everest_py.runtime import InProcessBus, Module
from tests.impl.auth_support import StartWithAuthorization, clock, start_with_authorization
from tests.impl.csms import Csms

__all__ = ["clock", "start_with_authorization"]


async def online(csms: Csms, start: StartWithAuthorization, **changes: Any) -> ChargePointCore:
    core, _ = await start(csms.url, **changes)
    await csms.wait_for(lambda: core.session.registration is Registration.ACCEPTED)
    return core


def sender(core: ChargePointCore) -> DataTransferSender:
    return DataTransferSender(
        lambda: core.session.endpoint,
        lambda: core.session.registration is Registration.ACCEPTED,
    )


def request(vendor: str = "com.example", message: str | None = "ping") -> DataTransferRequest:
    return DataTransferRequest(vendor_id=vendor, message_id=message, data="hello")


# --- charge point -> CSMS ---------------------------------------------------------------------


async def test_the_csms_answer_comes_back(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    csms.loopback.script.answer("DataTransfer", {"status": "Accepted", "data": "pong"})
    core = await online(csms, start_with_authorization)
    answer = await sender(core).handle_data_transfer(request())
    assert answer == DataTransferResponse(status=DataTransferStatus.Accepted, data="pong")
    sent = (await csms.wait_action("DataTransfer")).payload
    assert sent == {"vendorId": "com.example", "messageId": "ping", "data": "hello"}


async def test_a_call_error_is_rejected(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    csms.loopback.script.fail("DataTransfer", "NotImplemented")
    core = await online(csms, start_with_authorization)
    answer = await sender(core).handle_data_transfer(request())
    assert answer.status is DataTransferStatus.Rejected


async def test_not_connected_is_offline_without_sending(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    core, _ = await start_with_authorization(csms.url, connect=False)
    answer = await sender(core).handle_data_transfer(request())
    assert answer.status is DataTransferStatus.Offline
    assert not csms.received


@pytest.mark.parametrize("silence", ["ignore", "drop_on"])
async def test_no_answer_or_a_lost_connection_is_offline(
    csms: Csms, start_with_authorization: StartWithAuthorization, silence: str
) -> None:
    getattr(csms.loopback.script, silence)("DataTransfer")
    core = await online(csms, start_with_authorization, response_timeout=0.2)
    answer = await sender(core).handle_data_transfer(request())
    assert answer.status is DataTransferStatus.Offline


async def test_ids_longer_than_ocpp_allows_are_rejected(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    core = await online(csms, start_with_authorization)
    answer = await sender(core).handle_data_transfer(request(message="m" * 51))
    assert answer.status is DataTransferStatus.Rejected
    assert not csms.actions("DataTransfer")


# --- CSMS -> charge point -> the data_transfer module -------------------------------------------


class VendorModule(OcppDataTransferHandler):
    def __init__(self, answer: DataTransferResponse | None) -> None:
        self.answer = answer  # None: never answers
        self.requests: list[DataTransferRequest] = []
        self.release = asyncio.Event()

    async def handle_data_transfer(self, request: DataTransferRequest) -> DataTransferResponse:
        self.requests.append(request)
        if self.answer is None:
            await self.release.wait()
            return DataTransferResponse(status=DataTransferStatus.Accepted)
        return self.answer


@pytest.fixture
async def vendor() -> AsyncIterator[tuple[VendorModule, OcppDataTransferClient]]:
    bus = InProcessBus()
    module = VendorModule(DataTransferResponse(status=DataTransferStatus.Accepted, data="42"))
    provider = Module("vendor", bus.transport())
    provider.provide("main", module)
    ocpp = Module("ocpp16_charge_point", bus.transport())
    client = ocpp.require(OcppDataTransferClient, module_id="vendor", impl_id="main")
    async with provider, ocpp:
        yield module, client
        module.release.set()


async def csms_data_transfer(csms: Csms, vendor_id: str, message_id: str = "m") -> Any:
    return await csms.call(call.DataTransfer(vendor_id=vendor_id, message_id=message_id, data="x"))


async def test_unknown_to_the_setting_goes_to_the_module(
    csms: Csms,
    start_with_authorization: StartWithAuthorization,
    vendor: tuple[VendorModule, OcppDataTransferClient],
) -> None:
    module, client = vendor
    core = await online(
        csms, start_with_authorization, data_transfer={"configured": {"known": "from-setting"}}
    )
    core.data_transfer.client = client  # type: ignore[attr-defined]
    answer = await csms_data_transfer(csms, "com.vendor")
    assert (answer.status, answer.data) == (OcppStatus.accepted, "42")
    assert module.requests == [
        DataTransferRequest(vendor_id="com.vendor", message_id="m", data="x")
    ]
    # The setting answers first; an unknown message id of a configured vendor is forwarded too.
    answer = await csms_data_transfer(csms, "configured", "known")
    assert (answer.status, answer.data) == (OcppStatus.accepted, "from-setting")
    answer = await csms_data_transfer(csms, "configured", "other")
    assert answer.status == OcppStatus.accepted and len(module.requests) == 2


@pytest.mark.parametrize(
    ("module_status", "ocpp_status"),
    [
        (DataTransferStatus.Rejected, OcppStatus.rejected),
        (DataTransferStatus.UnknownMessageId, OcppStatus.unknown_message_id),
        # OCPP 1.6 has no Offline: EVerest's conversion says UnknownVendorId.
        (DataTransferStatus.Offline, OcppStatus.unknown_vendor_id),
    ],
)
async def test_the_module_status_is_mapped_to_ocpp(
    csms: Csms,
    start_with_authorization: StartWithAuthorization,
    vendor: tuple[VendorModule, OcppDataTransferClient],
    module_status: DataTransferStatus,
    ocpp_status: OcppStatus,
) -> None:
    module, client = vendor
    module.answer = DataTransferResponse(status=module_status)
    core = await online(csms, start_with_authorization)
    core.data_transfer.client = client  # type: ignore[attr-defined]
    answer = await csms_data_transfer(csms, "com.vendor")
    assert answer.status == ocpp_status and answer.data is None


async def test_a_module_that_does_not_answer_in_time_is_rejected(
    csms: Csms,
    start_with_authorization: StartWithAuthorization,
    vendor: tuple[VendorModule, OcppDataTransferClient],
) -> None:
    module, client = vendor
    module.answer = None
    core = await online(csms, start_with_authorization)
    core.data_transfer.client = client  # type: ignore[attr-defined]
    core.data_transfer.timeout = 0.2  # type: ignore[attr-defined]
    answer = await csms_data_transfer(csms, "com.vendor")
    assert answer.status == OcppStatus.rejected
    assert len(module.requests) == 1


async def test_without_a_module_the_setting_answers_alone(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    await online(csms, start_with_authorization, data_transfer={"configured": {"": "any"}})
    answer = await csms_data_transfer(csms, "com.vendor")
    assert answer.status == OcppStatus.unknown_vendor_id
    answer = await csms_data_transfer(csms, "configured", "whatever")
    assert (answer.status, answer.data) == (OcppStatus.accepted, "any")
