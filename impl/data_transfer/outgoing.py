"""The `data_transfer` implementation (ocpp_data_transfer): another EVerest module has the charge
point send DataTransfer.req to the CSMS. Answered as EVerest's OCPP module answers: the CSMS's
status and data; Offline when not connected or no answer came; Rejected when the CSMS answered
with a CALLERROR or something unreadable."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ocpp.v16 import call

from everest_py.generated.interfaces.ocpp_data_transfer import OcppDataTransferHandler
from everest_py.generated.types.ocpp import (
    DataTransferRequest,
    DataTransferResponse,
    DataTransferStatus,
)

from ..ocpp import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint

LOGGER = logging.getLogger(__name__)
# OCPP 1.6 DataTransfer.req: vendorId CiString255, messageId CiString50.
MAX_VENDOR_ID_LENGTH = 255
MAX_MESSAGE_ID_LENGTH = 50


class DataTransferSender(OcppDataTransferHandler):
    def __init__(
        self,
        endpoint: Callable[[], RpcEndpoint | None],
        registered: Callable[[], bool] = lambda: True,
    ) -> None:
        """`endpoint()`: the session's endpoint of the moment (None: not connected);
        `registered()`: whether the CSMS accepted the BootNotification (before, nothing but
        BootNotification may go out)."""
        self._endpoint = endpoint
        self._registered = registered

    async def handle_data_transfer(self, request: DataTransferRequest) -> DataTransferResponse:
        if len(request.vendor_id) > MAX_VENDOR_ID_LENGTH or (
            request.message_id is not None and len(request.message_id) > MAX_MESSAGE_ID_LENGTH
        ):
            LOGGER.warning("DataTransfer refused: vendorId or messageId longer than OCPP allows")
            return DataTransferResponse(status=DataTransferStatus.Rejected)
        endpoint = self._endpoint() if self._registered() else None
        if endpoint is None:
            return DataTransferResponse(status=DataTransferStatus.Offline)
        payload = call.DataTransfer(
            vendor_id=request.vendor_id, message_id=request.message_id, data=request.data
        )
        try:
            answer = await endpoint.request(payload)
        except (TimeoutError, ConnectionLost) as error:
            LOGGER.info("DataTransfer.req not answered: %s", error)
            return DataTransferResponse(status=DataTransferStatus.Offline)
        except (CallErrorReceived, InvalidResponse) as error:
            LOGGER.warning("DataTransfer.req failed: %s", error)
            return DataTransferResponse(status=DataTransferStatus.Rejected)
        return DataTransferResponse(status=DataTransferStatus(answer.status), data=answer.data)
