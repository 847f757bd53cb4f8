"""The lifecycle protocol is pure: importing it loads no MQTT client (the transport does, lazily)."""

from tests.runtime.test_runtime_lazy_mqtt import loaded_after


def test_the_everest_protocol_modules_load_no_mqtt_client() -> None:
    assert (
        loaded_after("import everest_py.runtime.everest, everest_py.runtime.everest.errors") == []
    )
