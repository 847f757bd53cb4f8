"""Charging: the connectors' state machine fed by EVerest's `evse_manager` interface
(station.py), transactions and their durable message queue (store.py, delivery.py), meter values
(metering.py), StatusNotification reporting (status.py), and the links to the required modules
(links.py)."""

from typing import TYPE_CHECKING

from ..lazy_names import names_on_first_use
from .authorizer import OnlineAuthorizer, TokenAuthorizer
from .delivery import MAX_QUEUED_METER_VALUES, TransactionMessages
from .links import ChargingLinks, RequirementError, Requirements, sinks_by_connector
from .station import ChargingStation, Evse, Transaction
from .status import StatusReporter

if TYPE_CHECKING:
    from .auth_provider import AuthProvider

__all__ = [
    "MAX_QUEUED_METER_VALUES",
    "AuthProvider",
    "ChargingLinks",
    "ChargingStation",
    "Evse",
    "OnlineAuthorizer",
    "RequirementError",
    "Requirements",
    "StatusReporter",
    "TokenAuthorizer",
    "Transaction",
    "TransactionMessages",
    "sinks_by_connector",
]


# AuthProvider implements a generated interface whose authorization and ISO 15118 types take
# a tenth of a second to load: only a charge point with modules to serve it needs them.
__getattr__, __dir__ = names_on_first_use(__name__, globals(), {"AuthProvider": ".auth_provider"})
