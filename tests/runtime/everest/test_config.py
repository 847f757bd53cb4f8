import json
from pathlib import Path

import pytest

from everest_py.runtime.everest.config import (
    ConfigResponseError,
    Connection,
    Mapping3Tier,
    build_config_request,
    parse_config_response,
)
from everest_py.runtime.everest.protocol import LifecycleTopics, WireVersion

from .captures import CAPTURE_2025, CAPTURE_2026, all_on, first

VERSIONS = [(CAPTURE_2025, WireVersion.V2025), (CAPTURE_2026, WireVersion.V2026)]


@pytest.mark.parametrize(("capture", "version"), VERSIONS)
def test_our_request_equals_the_one_the_manager_answered(
    capture: Path, version: WireVersion
) -> None:
    request = build_config_request(version, LifecycleTopics("everest", "py_kvs"))
    captured = [
        json.loads(m.payload)
        for m in all_on(capture, request.topic)
        if json.loads(m.payload)["data"]["origin"] == "py_kvs"
    ]
    assert captured == [json.loads(request.payload)]
    assert request.response_topic == "everest/modules/py_kvs/response"


@pytest.mark.parametrize(("capture", "version"), VERSIONS)
def test_standalone_module_config_resolves_its_requirement(
    capture: Path, version: WireVersion
) -> None:
    config = parse_config_response(
        version, first(capture, "everest/modules/py_kvs/response").payload
    )
    assert (config.module_id, config.module_name, config.standalone) == (
        "py_kvs",
        "PyFakeKvs",
        True,
    )
    assert config.connection("example") == Connection("example", 0, "example", "example")
    assert dict(config.implementation_parameters) == {"main": {}}
    assert set(config.mappings) == {"example", "py_kvs"} and config.module_mapping is None


def test_implementation_config_values_keep_their_types() -> None:
    config = parse_config_response(
        WireVersion.V2025, first(CAPTURE_2025, "everest/modules/example/response").payload
    )
    assert config.implementation_value("example", "current") == 42.0
    assert config.implementation_value("example", "enum_test") == "one"
    assert config.implementation_parameters["example"]["current"].datatype == "number"
    assert config.connection("kvs").module_id == "py_kvs"  # the capture pointed kvs at us


def test_2026_module_level_parameters_are_read() -> None:
    config = parse_config_response(
        WireVersion.V2026, first(CAPTURE_2026, "everest/modules/example/response").payload
    )
    assert config.module_value("log_interval") == 10
    assert config.module_parameters["enum_test"].mutability == "ReadWrite"


def test_a_response_of_the_other_version_is_refused() -> None:
    payload = first(CAPTURE_2026, "everest/modules/py_kvs/response").payload
    with pytest.raises(ConfigResponseError, match="expected GetConfigResponse"):
        parse_config_response(WireVersion.V2025, payload)


def test_a_missing_requirement_names_what_exists() -> None:
    config = parse_config_response(
        WireVersion.V2025, first(CAPTURE_2025, "everest/modules/py_kvs/response").payload
    )
    with pytest.raises(KeyError, match=r"'example'\[1\].*'example': 1"):
        config.connection("example", 1)


def _response(module_config_overrides: dict[str, object], **data_extra: object) -> bytes:
    module_config = {
        "module_id": "m",
        "module_name": "M",
        "standalone": False,
        "telemetry_enabled": True,
        "configuration_parameters": {"!module": []},
        "connections": {},
        "mapping": None,
        "access": None,
    } | module_config_overrides
    data = {"module_config": module_config, "mappings": {"m": None}} | data_extra
    body = {
        "status": "Ok",
        "status_info": "",
        "type": "Get",
        "response": {"type": "Module", "data": data},
    }
    return json.dumps({"msg_type": "ConfigurationResponse", "data": body}).encode()


def test_connections_are_resolved_by_index_not_by_list_order() -> None:
    fulfilment = {
        "module_id": "a",
        "implementation_id": "x",
        "requirement": {"id": "meter", "index": 1},
    }
    second = {"module_id": "b", "implementation_id": "y", "requirement": {"id": "meter"}}
    config = parse_config_response(
        WireVersion.V2026, _response({"connections": {"meter": [fulfilment, second]}})
    )
    assert config.connection("meter", 0).module_id == "b"
    assert config.connection("meter", 1).module_id == "a"
    assert [c.index for c in config.connections["meter"]] == [0, 1]


def test_three_tier_mapping_and_telemetry_are_read() -> None:
    mapping = {"module": {"evse": 1}, "implementations": {"evse": {"evse": 1, "connector": 2}}}
    payload = _response({"mapping": mapping}, telemetry_config={"id": 7})
    config = parse_config_response(WireVersion.V2026, payload)
    assert config.module_mapping == Mapping3Tier(1)
    assert config.implementation_mappings["evse"] == Mapping3Tier(1, 2)
    assert config.telemetry_id == 7 and config.telemetry_enabled


def test_a_refusal_carries_the_managers_reason() -> None:
    payload = json.dumps(
        {
            "msg_type": "GetConfigResponse",
            "data": {"status": "AccessDenied", "status_info": "no access", "response": None},
        }
    )
    with pytest.raises(ConfigResponseError, match="AccessDenied: no access"):
        parse_config_response(WireVersion.V2025, payload)


def test_a_malformed_response_is_an_error_not_a_crash() -> None:
    payload = json.dumps(
        {"msg_type": "GetConfigResponse", "data": {"status": "Ok", "response": {}}}
    )
    with pytest.raises(ConfigResponseError, match="malformed"):
        parse_config_response(WireVersion.V2025, payload)


def test_a_connection_filed_under_another_requirement_is_rejected() -> None:
    wrong = {"module_id": "a", "implementation_id": "x", "requirement": {"id": "other"}}
    with pytest.raises(ConfigResponseError, match="'meter' names requirement 'other'"):
        parse_config_response(WireVersion.V2026, _response({"connections": {"meter": [wrong]}}))
