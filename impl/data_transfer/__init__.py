"""DataTransfer both ways through EVerest's ocpp_data_transfer interface: `DataTransferSender`
(the provided `data_transfer`: a module sends DataTransfer.req to the CSMS) and
`IncomingDataTransfer` (the CSMS's DataTransfer.req to the required `data_transfer` module)."""

from .incoming import DEFAULT_TIMEOUT, IncomingDataTransfer
from .outgoing import DataTransferSender

__all__ = ["DEFAULT_TIMEOUT", "DataTransferSender", "IncomingDataTransfer"]
