"""Answers to the CSMS-initiated actions, one module per feature area. Each answer is a function
registered with `@csms_action(Action.X)`; to add an action, add a function to the module of its
area. A new area is a new module, imported below so its registrations run."""

from . import (
    authorization,
    availability,
    certificates,
    configuration,
    data_transfer,
    diagnostics,
    extended_trigger,
    firmware,
    remote_trigger,
    reservation,
    reset,
    smart_charging,
    transactions,
)
from .context import ActionContext, ChargePointServices
from .registry import csms_action, registered_actions, router

__all__ = [
    "ActionContext",
    "ChargePointServices",
    "authorization",
    "availability",
    "certificates",
    "configuration",
    "csms_action",
    "data_transfer",
    "diagnostics",
    "extended_trigger",
    "firmware",
    "registered_actions",
    "remote_trigger",
    "reservation",
    "reset",
    "router",
    "smart_charging",
    "transactions",
]
