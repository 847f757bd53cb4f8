import json
from datetime import UTC, datetime

import pytest

from everest_py.runtime.everest.config import Mapping3Tier
from everest_py.runtime.everest.errors import (
    ErrorOrigin,
    ErrorSeverity,
    ErrorState,
    EverestError,
    all_errors_topic,
    decode_error_message,
    encode_error_message,
    error_topic,
    format_timestamp,
)
from everest_py.runtime.everest.protocol import LifecycleTopics

# Shaped as the framework's adl_serializer<Error>::to_json writes it (keys sorted by nlohmann).
FRAMEWORK_RAISE = (
    '{"data":{"description":"Lock failed","message":"motor stuck",'
    '"origin":{"implementation_id":"connector_lock","mapping":{"connector":1,"evse":1},"module_id":"lock"},'
    '"severity":"High","state":"Active","sub_type":"","timestamp":"2025-12-08T09:46:13.315Z",'
    '"type":"connector_lock/ConnectorLockFailedLock","uuid":"6f1c2b8e-1d1e-4f57-9d0b-8f7c2f3a9a10",'
    '"vendor_id":"pionix"},"msg_type":"RaiseError"}'
)


def test_a_framework_error_decodes_and_encodes_back_identically() -> None:
    msg_type, error = decode_error_message(FRAMEWORK_RAISE)
    assert msg_type == "RaiseError" and error.is_active
    assert error.origin == ErrorOrigin("lock", "connector_lock", Mapping3Tier(1, 1))
    assert error.severity is ErrorSeverity.HIGH
    assert error.timestamp == datetime(2025, 12, 8, 9, 46, 13, 315000, tzinfo=UTC)
    assert json.loads(encode_error_message(error)) == json.loads(FRAMEWORK_RAISE)


def test_every_field_the_framework_reads_is_written() -> None:
    error = EverestError(type="kvs/Broken", origin=ErrorOrigin("py_kvs", "main"))
    written = error.to_json()
    assert set(written) == {
        "type", "description", "message", "origin", "severity", "timestamp", "uuid", "state", "sub_type", "vendor_id",
    }  # fmt: skip
    assert "mapping" not in written["origin"]  # only present when there is one


def test_clearing_sends_clear_error_with_the_same_uuid() -> None:
    raised = EverestError(type="kvs/Broken", origin=ErrorOrigin("py_kvs", "main"))
    cleared = EverestError(**{**raised.__dict__, "state": ErrorState.CLEARED_BY_MODULE})
    msg_type, decoded = decode_error_message(encode_error_message(cleared))
    assert msg_type == "ClearError" and decoded.uuid == raised.uuid and not decoded.is_active


def test_timestamps_are_utc_with_milliseconds() -> None:
    assert (
        format_timestamp(datetime(2026, 1, 2, 3, 4, 5, 678912, tzinfo=UTC))
        == "2026-01-02T03:04:05.678Z"
    )


def test_error_topics_nest_the_error_type() -> None:
    topics = LifecycleTopics("everest", "py_kvs")
    assert error_topic(
        topics, "lock", "connector_lock", "connector_lock/ConnectorLockFailedLock"
    ) == ("everest/modules/lock/impl/connector_lock/error/connector_lock/ConnectorLockFailedLock")
    assert (
        all_errors_topic(topics, "lock", "connector_lock")
        == "everest/modules/lock/impl/connector_lock/error/#"
    )


def test_an_error_missing_a_field_is_rejected_like_the_framework_does() -> None:
    broken = json.loads(FRAMEWORK_RAISE)
    del broken["data"]["vendor_id"]
    with pytest.raises(KeyError):
        decode_error_message(json.dumps(broken))
    with pytest.raises(ValueError, match="not an error message"):
        decode_error_message('{"msg_type":"Var","data":{}}')
