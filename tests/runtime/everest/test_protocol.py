import json
from pathlib import Path

import pytest

from everest_py.runtime.everest.protocol import (
    LifecycleTopics,
    UnknownWireVersion,
    WireVersion,
    decode_envelope,
    is_shutdown_request,
    wire_version_from_definition,
)

from .captures import CAPTURE_2025, CAPTURE_2025_PLAIN, CAPTURE_2026, all_on, first, read_capture


@pytest.mark.parametrize(
    ("capture", "version"),
    [
        (CAPTURE_2025, WireVersion.V2025),
        (CAPTURE_2025_PLAIN, WireVersion.V2025),
        (CAPTURE_2026, WireVersion.V2026),
    ],
)
def test_the_retained_module_names_tell_which_manager_runs(
    capture: Path, version: WireVersion
) -> None:
    topics = LifecycleTopics("everest", "py_kvs")
    retained = first(capture, topics.version_detection)
    assert wire_version_from_definition(retained.payload) is version


def test_a_cleared_definition_topic_says_nothing_about_the_version() -> None:
    cleared = all_on(CAPTURE_2026, "everest/module_names")[-1]
    assert cleared.payload == b""
    assert wire_version_from_definition(cleared.payload) is None


def test_a_foreign_message_type_is_no_version() -> None:
    with pytest.raises(UnknownWireVersion):
        wire_version_from_definition(b'{"msg_type":"Var","data":1}')


@pytest.mark.parametrize(
    ("capture", "version"), [(CAPTURE_2025, WireVersion.V2025), (CAPTURE_2026, WireVersion.V2026)]
)
def test_every_captured_config_request_uses_its_versions_name(
    capture: Path, version: WireVersion
) -> None:
    requests = all_on(capture, "everest/config/request")
    assert len(requests) == 4  # store, example, example_user and the standalone py_kvs
    assert {decode_envelope(r.payload).msg_type for r in requests} == {version.config_request_type}


def test_version_names_differ_only_where_the_managers_differ() -> None:
    assert (WireVersion.V2025.config_request_type, WireVersion.V2025.config_response_type) == (
        "GetConfig",
        "GetConfigResponse",
    )
    assert (WireVersion.V2026.config_request_type, WireVersion.V2026.config_response_type) == (
        "ConfigurationRequest",
        "ConfigurationResponse",
    )
    assert WireVersion.V2026.has_shutdown_topic and not WireVersion.V2025.has_shutdown_topic


def test_version_parses_from_a_setting_and_rejects_the_rest() -> None:
    assert WireVersion.parse(" 2026 ") is WireVersion.V2026
    with pytest.raises(UnknownWireVersion, match="'2024'"):
        WireVersion.parse("2024")


def test_lifecycle_topics_are_the_captured_ones() -> None:
    topics = LifecycleTopics("everest", "py_kvs")  # no trailing slash: the framework adds one
    seen = {m.topic for m in read_capture(CAPTURE_2025)}
    for topic in (
        topics.config_request,
        topics.config_response,
        topics.module_ready,
        topics.global_ready,
    ):
        assert topic in seen
    assert topics.command("example", "example", "uses_something") in seen
    assert topics.command_response("py_kvs", "main", "store", "example") in seen
    assert topics.shutdown == "everest/shutdown"


def test_our_ready_message_matches_the_framework_message() -> None:
    captured = first(CAPTURE_2025, "everest/modules/store/ready")
    assert json.loads(LifecycleTopics("everest/", "py_kvs").ready_message()) == json.loads(
        captured.payload
    )


def test_global_ready_is_recognised_only_when_true() -> None:
    captured = first(CAPTURE_2026, "everest/ready")
    assert LifecycleTopics.is_global_ready(captured.payload)
    assert not LifecycleTopics.is_global_ready(b'{"msg_type":"GlobalReady","data":false}')
    assert not LifecycleTopics.is_global_ready(b"garbage")


def test_the_2026_shutdown_is_a_raw_true() -> None:
    shutdown = first(CAPTURE_2026, "everest/shutdown")
    assert is_shutdown_request(shutdown.payload)
    assert not is_shutdown_request(b"false")
    assert not is_shutdown_request(b"{not json")
