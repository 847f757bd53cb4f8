"""DataTransfer both ways through EVerest's ocpp_data_transfer interface: `DataTransferSender`
(the provided `data_transfer`: a module sends DataTransfer.req to the CSMS) and
`IncomingDataTransfer` (the CSMS's DataTransfer.req to the required `data_transfer` module)."""

from typing import TYPE_CHECKING

from ..lazy_names import names_on_first_use
from .incoming import DEFAULT_TIMEOUT, IncomingDataTransfer

if TYPE_CHECKING:
    from .outgoing import DataTransferSender

__all__ = ["DEFAULT_TIMEOUT", "DataTransferSender", "IncomingDataTransfer"]


# The sender implements a generated interface (with the ocpp types): only a charge point with
# modules to serve it on needs it (start-up time).
__getattr__, __dir__ = names_on_first_use(__name__, globals(), {"DataTransferSender": ".outgoing"})
