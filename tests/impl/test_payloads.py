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
