"""Payload name conversion: correct, and bounded in memory whatever names a peer sends."""

from __future__ import annotations

from everest_py.ocpp16.ocpp.payloads import (
    NAME_CACHE_SIZE,
    camel_name,
    snake_name,
    to_json_payload,
    to_keyword_arguments,
)


def test_the_name_caches_stay_bounded_whatever_names_a_peer_sends() -> None:
    count = 5 * NAME_CACHE_SIZE
    payload = {f"someField{n}": {f"innerKey{n}": n} for n in range(count)}
    arguments = to_keyword_arguments(payload)
    assert arguments["some_field7"] == {"inner_key7": 7}
    assert snake_name.cache_info().currsize <= NAME_CACHE_SIZE
    assert to_json_payload(arguments) == payload
    assert camel_name.cache_info().currsize <= NAME_CACHE_SIZE
    assert to_keyword_arguments({"connectorId": 1}) == {"connector_id": 1}


def test_a_dataclass_becomes_camel_case_json_without_its_none_fields() -> None:
    from ocpp.v16 import call
    from ocpp.v16.datatypes import IdTagInfo
    from ocpp.v16.enums import AuthorizationStatus, ChargePointErrorCode, ChargePointStatus

    status = call.StatusNotification(
        connector_id=1,
        error_code=ChargePointErrorCode.no_error,
        status=ChargePointStatus.available,
        info=None,
        timestamp="2025-01-01T00:00:00Z",
    )
    payload = to_json_payload(status)
    assert payload == {
        "connectorId": 1,
        "errorCode": "NoError",
        "status": "Available",
        "timestamp": "2025-01-01T00:00:00Z",
    }
    assert "info" not in payload and "vendorId" not in payload
    info = IdTagInfo(status=AuthorizationStatus.accepted, parent_id_tag="P", expiry_date=None)
    nested = to_json_payload({"id_tag_info": info, "values": (1.5, None, True)})
    assert nested == {
        "idTagInfo": {"status": "Accepted", "parentIdTag": "P"},
        "values": [1.5, True],
    }


def test_a_payload_becomes_dataclass_arguments_without_unknown_fields() -> None:
    from ocpp.v16 import call_result

    from everest_py.ocpp16.ocpp.payloads import dataclass_arguments

    payload = {"currentTime": "2026-12-01T00:00:00Z", "interval": 5, "status": "Accepted", "x": 1}
    arguments = dataclass_arguments(call_result.BootNotification, payload)
    assert arguments == {
        "current_time": "2026-12-01T00:00:00Z",
        "interval": 5,
        "status": "Accepted",
    }
    assert call_result.BootNotification(**arguments).interval == 5
