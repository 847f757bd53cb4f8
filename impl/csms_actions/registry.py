"""Which function answers which CSMS-initiated action: `@csms_action(Action.X)` registers one,
`router()` hands the RPC endpoint its handler for each incoming CALL.

The modules of the actions are imported on the first CALL of one of their actions, through
`ACTION_MODULES` (start-up time: the charge point boots without them, and most never hear most
actions). tests/impl/test_csms_actions_table.py checks that the table names the module of every
registration, so it cannot go stale."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from importlib import import_module
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from .context import ActionContext

if TYPE_CHECKING:
    from ocpp.v16.enums import Action

    from ..ocpp import CallHandler, RpcEndpoint
    from .context import ChargePointServices

# Called as function(context, **payload) with the payload's fields in snake_case (unknown
# fields land in **_); returns the `ocpp.v16.call_result` dataclass of the action, or raises
# CallRefused to answer with a CALLERROR.
ActionFunction = Callable[..., Any]
_Function = TypeVar("_Function", bound=ActionFunction)
_ACTIONS: dict[str, ActionFunction] = {}

# Action -> the module of this package that registers its function. A new action goes here
# too (the table test names what is missing).
ACTION_MODULES: Mapping[str, str] = MappingProxyType({
    "ClearCache": "authorization",
    "GetLocalListVersion": "authorization",
    "SendLocalList": "authorization",
    "ChangeAvailability": "availability",
    "UnlockConnector": "availability",
    "CertificateSigned": "certificates",
    "InstallCertificate": "certificates",
    "DeleteCertificate": "certificates",
    "GetInstalledCertificateIds": "certificates",
    "GetConfiguration": "configuration",
    "ChangeConfiguration": "configuration",
    "DataTransfer": "data_transfer",
    "GetDiagnostics": "diagnostics",
    "GetLog": "diagnostics",
    "ExtendedTriggerMessage": "extended_trigger",
    "UpdateFirmware": "firmware",
    "SignedUpdateFirmware": "firmware",
    "TriggerMessage": "remote_trigger",
    "ReserveNow": "reservation",
    "CancelReservation": "reservation",
    "Reset": "reset",
    "SetChargingProfile": "smart_charging",
    "ClearChargingProfile": "smart_charging",
    "GetCompositeSchedule": "smart_charging",
    "RemoteStartTransaction": "transactions",
    "RemoteStopTransaction": "transactions",
})  # fmt: skip


def csms_action(action: Action) -> Callable[[_Function], _Function]:
    """Register the decorated function as the answer to the CSMS's `action`."""

    def register(function: _Function) -> _Function:
        if action.value in _ACTIONS:
            raise ValueError(f"{action.value} is already handled by {_ACTIONS[action.value]}")
        _ACTIONS[action.value] = function
        return function

    return register


def registered_actions() -> Mapping[str, ActionFunction]:
    """Every action's function (this loads all the action modules)."""
    for module in set(ACTION_MODULES.values()):
        import_module(f"{__package__}.{module}")
    return MappingProxyType(_ACTIONS)


def action_function(action: str) -> ActionFunction | None:
    """The function answering `action`, its module loaded on first use; None: not handled."""
    function = _ACTIONS.get(action)
    if function is None and action in ACTION_MODULES:
        import_module(f"{__package__}.{ACTION_MODULES[action]}")
        function = _ACTIONS.get(action)
    return function


def router(charge_point: ChargePointServices) -> Callable[[RpcEndpoint, str], CallHandler | None]:
    """Route the CALLs arriving on an endpoint to the registered functions; an action without
    one is answered NotImplemented/NotSupported by the endpoint."""

    def route(endpoint: RpcEndpoint, action: str) -> CallHandler | None:
        function = action_function(action)
        if function is None:
            return None
        return functools.partial(function, ActionContext(charge_point, endpoint))

    return route
