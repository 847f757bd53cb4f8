from pathlib import Path

import pytest

from everest_py.runtime.everest.environment import (
    EnvironmentSettingsError,
    TcpBroker,
    UnixSocketBroker,
    read_module_environment,
)
from everest_py.runtime.everest.protocol import WireVersion

# What the manager sets for a module it spawns (framework manager.cpp setup_environment).
MANAGER_TCP = {
    "EV_MODULE": "py_kvs",
    "EV_PREFIX": "/opt/everest",
    "EV_LOG_CONF_FILE": "/opt/everest/etc/everest/default_logging.cfg",
    "EV_MQTT_EVEREST_PREFIX": "everest/",
    "EV_MQTT_EXTERNAL_PREFIX": "",
    "EV_MQTT_BROKER_HOST": "127.0.0.1",
    "EV_MQTT_BROKER_PORT": "18830",
}


def test_the_managers_tcp_environment() -> None:
    settings = read_module_environment(MANAGER_TCP)
    assert settings.module_id == "py_kvs"
    assert settings.broker == TcpBroker("127.0.0.1", 18830)
    assert settings.everest_prefix == "everest/" and settings.external_prefix == ""
    assert settings.install_prefix == Path("/opt/everest")
    assert settings.wire_version is None and not settings.validate_schema


def test_a_unix_socket_broker() -> None:
    environ = {"EV_MODULE": "m", "EV_MQTT_BROKER_SOCKET_PATH": "/tmp/mqtt_broker.sock"}
    assert read_module_environment(environ).broker == UnixSocketBroker(
        Path("/tmp/mqtt_broker.sock")
    )


def test_defaults_are_the_frameworks() -> None:
    settings = read_module_environment({"EV_MODULE": "m", "EV_MQTT_EVEREST_PREFIX": "site/ev"})
    assert settings.broker == TcpBroker("localhost", 1883)
    assert settings.everest_prefix == "site/ev/"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"EV_MODULE": ""}, "EV_MODULE is not set"),
        ({"EV_MQTT_BROKER_PORT": "mqtt"}, "EV_MQTT_BROKER_PORT='mqtt' is not a number"),
        ({"EV_MQTT_BROKER_PORT": "70000"}, "not a TCP port"),
        ({"EV_MQTT_BROKER_SOCKET_PATH": "/run/mqtt.sock"}, "both EV_MQTT_BROKER_SOCKET_PATH"),
        ({"EV_MQTT_EXTERNAL_PREFIX": "everest/"}, "are both 'everest/'"),
        ({"EVEREST_PY_WIRE_VERSION": "2027"}, "EVEREST_PY_WIRE_VERSION: unknown"),
    ],
)
def test_unusable_settings_name_the_variable(override: dict[str, str], message: str) -> None:
    with pytest.raises(EnvironmentSettingsError, match=message):
        read_module_environment(MANAGER_TCP | override)


def test_the_wire_version_can_be_pinned_or_left_to_detection() -> None:
    assert (
        read_module_environment(MANAGER_TCP | {"EVEREST_PY_WIRE_VERSION": "2026"}).wire_version
        is WireVersion.V2026
    )
    assert (
        read_module_environment(MANAGER_TCP | {"EVEREST_PY_WIRE_VERSION": "auto"}).wire_version
        is None
    )
    assert read_module_environment(MANAGER_TCP | {"EV_VALIDATE_SCHEMA": "1"}).validate_schema


def test_an_empty_prefix_is_one_prefix_for_lifecycle_and_commands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The manager may set an empty prefix: every topic then starts with modules/, the commands
    # served included (the transport once read "" as "not given" and took everest/).
    from everest_py.runtime.hosting import EverestModule, ModuleHooks

    monkeypatch.delenv("EV_MQTT_EVEREST_PREFIX", raising=False)
    environ = {**MANAGER_TCP, "EV_MQTT_EVEREST_PREFIX": "", "EV_MQTT_EXTERNAL_PREFIX": "ext/"}
    settings = read_module_environment(environ)
    module = EverestModule(ModuleHooks(), settings)
    assert module.topics.module_ready == "modules/py_kvs/ready"
    assert module.transport.topics.command("py_kvs", "main", "x").startswith("modules/py_kvs/")
