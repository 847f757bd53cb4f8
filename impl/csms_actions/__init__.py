"""Answers to the CSMS-initiated actions, one module per feature area. Each answer is a function
registered with `@csms_action(Action.X)`; to add an action, add a function to the module of its
area and name that module in registry.ACTION_MODULES. The modules load on the first CALL of one
of their actions (registry.py), not with this package: start-up does not pay for them."""

from importlib import import_module
from types import ModuleType

from .context import ActionContext, ChargePointServices
from .registry import ACTION_MODULES, action_function, csms_action, registered_actions, router

_MODULES = frozenset(ACTION_MODULES.values())

__all__ = [
    "ACTION_MODULES",
    "ActionContext",
    "ChargePointServices",
    "action_function",
    "csms_action",
    "registered_actions",
    "router",
    *sorted(_MODULES),
]


def __getattr__(name: str) -> ModuleType:
    # An action module as an attribute (csms_actions.reset), loaded on first use.
    if name in _MODULES:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # The modules loaded on first use are listed too (help(), completion).
    return sorted(set(globals()) | set(__all__))
