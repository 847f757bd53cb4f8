"""DataTransfer both ways through EVerest's ocpp_data_transfer interface: `DataTransferSender`
(the provided `data_transfer`: a module sends DataTransfer.req to the CSMS) and
`IncomingDataTransfer` (the CSMS's DataTransfer.req to the required `data_transfer` module)."""

from typing import TYPE_CHECKING

from .incoming import DEFAULT_TIMEOUT, IncomingDataTransfer

if TYPE_CHECKING:
    from .outgoing import DataTransferSender

__all__ = ["DEFAULT_TIMEOUT", "DataTransferSender", "IncomingDataTransfer"]


def __getattr__(name: str) -> object:
    # The sender implements a generated interface (with the ocpp types): only a charge point
    # with modules to serve it on needs it (start-up time).
    if name == "DataTransferSender":
        from .outgoing import DataTransferSender

        return DataTransferSender
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # The names loaded on first use are listed too (help(), completion).
    return sorted(set(globals()) | set(__all__))
