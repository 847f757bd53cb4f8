"""Which function answers which CSMS-initiated action: `@csms_action(Action.X)` registers one,
`router()` hands the RPC endpoint its handler for each incoming CALL."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from ocpp.v16.enums import Action

from ..ocpp import CallHandler, RpcEndpoint
from .context import ActionContext, ChargePointServices

# Called as function(context, **payload) with the payload's fields in snake_case (unknown
# fields land in **_); returns the `ocpp.v16.call_result` dataclass of the action, or raises
# CallRefused to answer with a CALLERROR.
ActionFunction = Callable[..., Any]
_Function = TypeVar("_Function", bound=ActionFunction)
_ACTIONS: dict[str, ActionFunction] = {}


def csms_action(action: Action) -> Callable[[_Function], _Function]:
    """Register the decorated function as the answer to the CSMS's `action`."""

    def register(function: _Function) -> _Function:
        if action.value in _ACTIONS:
            raise ValueError(f"{action.value} is already handled by {_ACTIONS[action.value]}")
        _ACTIONS[action.value] = function
        return function

    return register


def registered_actions() -> Mapping[str, ActionFunction]:
    return MappingProxyType(_ACTIONS)


def router(charge_point: ChargePointServices) -> Callable[[RpcEndpoint, str], CallHandler | None]:
    """Route the CALLs arriving on an endpoint to the registered functions; an action without
    one is answered NotImplemented/NotSupported by the endpoint."""

    def route(endpoint: RpcEndpoint, action: str) -> CallHandler | None:
        function = _ACTIONS.get(action)
        if function is None:
            return None
        return functools.partial(function, ActionContext(charge_point, endpoint))

    return route
