"""A standalone module joins the real 2025 and 2026 managers using runtime/everest's protocol code.

Each test starts a private mosquitto, the real manager (Store, Example, ExampleUser spawned by
it; our module standalone), and drives our side over raw MQTT.
"""

from __future__ import annotations

from typing import Any

import pytest

from everest_py.runtime.everest.config import Connection, ModuleConfig, build_config_request
from everest_py.runtime.everest.environment import read_module_environment
from everest_py.runtime.everest.protocol import WireVersion

from .manager import UP, Installation, RealManager
from .raw_module import WAIT, RawModule, ServedCall, sent_messages

pytestmark = pytest.mark.everest_real


def _in_memory_kvs() -> dict[str, Any]:
    """Our ``main: kvs`` implementation: what Example calls on its kvs requirement."""
    values: dict[str, Any] = {}
    return {
        "store": lambda args: values.__setitem__(args["key"], args["value"]),
        "load": lambda args: values.get(args["key"]),
        "delete": lambda args: values.pop(args["key"], None) and None,  # kvs delete returns null
        "exists": lambda args: args["key"] in values,
    }


def _join(module: RawModule) -> ModuleConfig:
    return module.join({"main": _in_memory_kvs()})


def _served(module: RawModule, count: int) -> list[ServedCall]:
    return [module.served.get(timeout=WAIT) for _ in range(count)]


def test_module_detects_the_manager_version_and_joins(
    installation: Installation, manager: RealManager, raw_module: RawModule
) -> None:
    assert raw_module.environment.wire_version is None  # not pinned: detect
    config = _join(raw_module)
    version = raw_module.lifecycle.version
    assert version is installation.version

    assert (config.module_id, config.module_name, config.standalone) == (
        "py_lifecycle",
        "PyLifecycle",
        True,
    )
    assert config.connection("kvs") == Connection("kvs", 0, "store", "main")
    assert config.connection("example") == Connection("example", 0, "example", "example")
    assert [m["msg_type"] for m in sent_messages(raw_module)] == [
        version.config_request_type,
        "ModuleReady",
    ]
    assert manager.log is not None
    manager.log.wait_for(UP, timeout=WAIT)


def test_module_calls_store_through_its_resolved_requirement(
    installation: Installation, manager: RealManager, raw_module: RawModule
) -> None:
    config = _join(raw_module)
    store = config.connection("kvs")

    assert (
        raw_module.call(store.module_id, store.implementation_id, "exists", {"key": "py_key"})
        is False
    )
    assert (
        raw_module.call(
            store.module_id,
            store.implementation_id,
            "store",
            {"key": "py_key", "value": [1, "two"]},
        )
        is None
    )
    assert (
        raw_module.call(store.module_id, store.implementation_id, "exists", {"key": "py_key"})
        is True
    )
    assert raw_module.call(store.module_id, store.implementation_id, "load", {"key": "py_key"}) == [
        1,
        "two",
    ]


def test_module_answers_example_which_uses_it_as_its_kvs(
    installation: Installation, manager: RealManager, raw_module: RawModule
) -> None:
    config = _join(raw_module)
    example = config.connection("example")

    # Example's uses_something stores/checks/loads through its kvs requirement: us.
    assert (
        raw_module.call(
            example.module_id, example.implementation_id, "uses_something", {"key": "from_py"}
        )
        is True
    )

    calls: list[ServedCall] = []
    while not any(c.command == "load" and c.args.get("key") == "from_py" for c in calls):
        calls.extend(_served(raw_module, 1))
    assert {c.origin for c in calls} == {"example"}
    assert ServedCall("load", "example", {"key": "from_py"}, [1, 2, 3]) in calls


def test_a_pinned_version_joins_without_detection(
    installation: Installation, manager: RealManager, module_environment: dict[str, str]
) -> None:
    pinned = read_module_environment(
        module_environment | {"EVEREST_PY_WIRE_VERSION": installation.version.value}
    )
    assert pinned.wire_version is installation.version
    module = RawModule(pinned)
    module.connect()
    try:
        _join(module)
        assert module.lifecycle.version is installation.version
    finally:
        module.close()


# Only the 2026 manager publishes everest/shutdown (and knows --graceful-shutdown).
@pytest.mark.only_wire_version(WireVersion.V2026)
@pytest.mark.parametrize("manager_args", [("--graceful-shutdown",)])
def test_2026_manager_announces_its_shutdown(
    installation: Installation, manager_args: tuple[str, ...], request: pytest.FixtureRequest
) -> None:
    assert installation.version is WireVersion.V2026
    manager: RealManager = request.getfixturevalue("manager")
    raw_module: RawModule = request.getfixturevalue("raw_module")
    _join(raw_module)
    manager.terminate()
    raw_module.pump_until(lambda: raw_module.lifecycle.shutdown_requested)


def test_the_other_versions_config_request_kills_the_manager(
    installation: Installation, manager: RealManager, raw_module: RawModule
) -> None:
    """Why a module must know the version before it asks: the measured failure, kept as a guard.

    Each manager parses every msg_type on ``config/request`` and ends on one it does not know.
    """
    other = next(v for v in WireVersion if v is not installation.version)
    request = build_config_request(other, raw_module.topics)
    raw_module.publish(request.topic, request.payload)
    assert manager.process is not None
    assert manager.process.wait(timeout=WAIT) != 0
    assert manager.log is not None
    manager.log.wait_for(
        f"Unknown MQTT message type string: {other.config_request_type}", timeout=WAIT
    )


@pytest.mark.parametrize("broker", ["unix"], indirect=True)
def test_module_joins_over_a_unix_socket_broker(
    manager: RealManager, module_environment: dict[str, str]
) -> None:
    """EVerest's usual set-up: the manager passes EV_MQTT_BROKER_SOCKET_PATH, no host or port."""
    assert "EV_MQTT_BROKER_HOST" not in module_environment
    module = RawModule(read_module_environment(module_environment))
    module.connect()
    try:
        config = _join(module)
        store = config.connection("kvs")
        assert (
            module.call(store.module_id, store.implementation_id, "exists", {"key": "k"}) is False
        )
    finally:
        module.close()
