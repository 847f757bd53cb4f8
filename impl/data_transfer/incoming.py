"""A CSMS's DataTransfer.req that the `data_transfer` setting does not answer goes to the module
connected to the charge point's `data_transfer` requirement (ocpp_data_transfer), when there is
one: EVerest's OCPP module does the same after libocpp's own handlers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from everest_py.runtime.errors import CommandError

# The module's client and the ocpp types come with a linked data_transfer module: a charge point
# without one does not load them (start-up time).
if TYPE_CHECKING:
    from everest_py.generated.interfaces.ocpp_data_transfer import OcppDataTransferClient
    from everest_py.generated.types.ocpp import DataTransferResponse

LOGGER = logging.getLogger(__name__)
# The CSMS waits for the answer: a module that does not answer within this gets Rejected sent.
DEFAULT_TIMEOUT: Final = 10.0


class IncomingDataTransfer:
    def __init__(
        self, client: OcppDataTransferClient | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        """`client`: the required `data_transfer` module (None: not connected; may be set
        later)."""
        self.client = client
        self.timeout = timeout

    async def forward(
        self, vendor_id: str, message_id: str | None, data: str | None
    ) -> tuple[str, str | None] | None:
        """The (OCPP status, data) the connected module answers; None without a module."""
        client = self.client
        if client is None:
            return None
        from everest_py.generated.types.ocpp import DataTransferRequest, DataTransferStatus

        request = DataTransferRequest(vendor_id=vendor_id, message_id=message_id, data=data)
        try:
            answer = await client.data_transfer(request, timeout=self.timeout)
        except (CommandError, TimeoutError) as error:
            LOGGER.warning("the data_transfer module did not answer DataTransfer: %s", error)
            return (DataTransferStatus.Rejected.value, None)
        return (_ocpp_status(answer), answer.data)


def _ocpp_status(answer: DataTransferResponse) -> str:
    from everest_py.generated.types.ocpp import DataTransferStatus

    # OCPP 1.6 has no Offline: EVerest's conversion sends UnknownVendorId for it.
    if answer.status is DataTransferStatus.Offline:
        return DataTransferStatus.UnknownVendorId.value
    return answer.status.value
