"""Charging: the connectors' state machine fed by EVerest's `evse_manager` interface
(station.py), transactions and their durable message queue (store.py, delivery.py), meter values
(metering.py), StatusNotification reporting (status.py), and the links to the required modules
(links.py)."""

from .auth_provider import AuthProvider
from .authorizer import OnlineAuthorizer, TokenAuthorizer
from .delivery import MAX_QUEUED_METER_VALUES, TransactionMessages
from .links import ChargingLinks, RequirementError, Requirements
from .station import ChargingStation, Evse, Transaction
from .status import StatusReporter

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
]
