"""The action modules load on the first CALL of one of their actions, found through
registry.ACTION_MODULES: the table must name the module of every registration."""

from __future__ import annotations

import pkgutil
from importlib import import_module

from ocpp.v16.enums import Action

from everest_py.ocpp16 import csms_actions
from everest_py.ocpp16.csms_actions import ACTION_MODULES, action_function, registered_actions
from everest_py.ocpp16.csms_actions.registry import _ACTIONS

# Not action modules: what the actions use.
_HELPERS = {"context", "registry"}


def _every_action_module() -> list[str]:
    names = [info.name for info in pkgutil.iter_modules(csms_actions.__path__)]
    return [name for name in names if name not in _HELPERS]


def test_the_table_names_the_module_of_every_registered_action() -> None:
    for name in _every_action_module():  # also a module the table forgot
        import_module(f"{csms_actions.__name__}.{name}")
    registered = {action: function.__module__ for action, function in _ACTIONS.items()}
    expected = {action: f"{csms_actions.__name__}.{m}" for action, m in ACTION_MODULES.items()}
    assert registered == expected


def test_every_module_of_the_table_registers_an_action() -> None:
    assert set(ACTION_MODULES.values()) == set(_every_action_module())


def test_the_table_holds_actions_of_ocpp_16() -> None:
    assert set(ACTION_MODULES) <= {action.value for action in Action}


def test_registered_actions_lists_them_all() -> None:
    assert set(registered_actions()) == set(ACTION_MODULES)


def test_an_action_without_a_function_has_none() -> None:
    assert action_function("BootNotification") is None  # the charge point sends it
    assert action_function("NoSuchAction") is None
    assert action_function("Reset") is _ACTIONS["Reset"]


def test_the_action_modules_are_attributes_of_the_package() -> None:
    assert csms_actions.reset is import_module(f"{csms_actions.__name__}.reset")
    assert {"reset", "router"} <= set(dir(csms_actions))
