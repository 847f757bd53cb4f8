import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from everest_py.runtime.everest.lifecycle import (
    LifecycleError,
    ModuleLifecycle,
    Phase,
    Publish,
    Subscribe,
    Unsubscribe,
)
from everest_py.runtime.everest.protocol import LifecycleTopics, WireVersion

from .captures import CAPTURE_2025, CAPTURE_2026, all_on, first

TOPICS = LifecycleTopics("everest/", "py_kvs")
VERSIONS = [(CAPTURE_2025, WireVersion.V2025), (CAPTURE_2026, WireVersion.V2026)]


def _published(actions: Sequence[object]) -> list[str]:
    return [json.loads(a.payload)["msg_type"] for a in actions if isinstance(a, Publish)]


@pytest.mark.parametrize(("capture", "version"), VERSIONS)
def test_detected_start_up_replays_the_captured_session(
    capture: Path, version: WireVersion
) -> None:
    lifecycle = ModuleLifecycle(TOPICS)
    assert lifecycle.start() == [Subscribe("everest/module_names")]  # nothing published yet

    actions = lifecycle.receive(
        "everest/module_names", first(capture, "everest/module_names").payload
    )
    assert actions[:2] == [
        Unsubscribe("everest/module_names"),
        Subscribe("everest/modules/py_kvs/response"),
    ]
    assert _published(actions) == [version.config_request_type]
    assert lifecycle.version is version and lifecycle.phase is Phase.CONFIGURING

    lifecycle.receive(TOPICS.config_response, first(capture, TOPICS.config_response).payload)
    assert lifecycle.config.connection("example").module_id == "example"

    ready = lifecycle.signal_ready()
    assert ready[:2] == [
        Subscribe("everest/ready"),
        Subscribe("everest/shutdown"),
    ]  # before ModuleReady
    assert _published(ready) == ["ModuleReady"]

    lifecycle.receive(TOPICS.global_ready, first(capture, TOPICS.global_ready).payload)
    assert lifecycle.global_ready


def test_a_pinned_version_asks_at_once() -> None:
    actions = ModuleLifecycle(TOPICS, WireVersion.V2026).start()
    assert actions[0] == Subscribe(TOPICS.config_response)
    assert _published(actions) == ["ConfigurationRequest"]


def test_cleared_definitions_stop_detection_with_advice() -> None:
    lifecycle = ModuleLifecycle(TOPICS)
    lifecycle.start()
    cleared = all_on(CAPTURE_2026, "everest/module_names")[-1].payload
    with pytest.raises(LifecycleError, match="EVEREST_PY_WIRE_VERSION"):
        lifecycle.receive("everest/module_names", cleared)


def test_ready_before_configuration_is_refused() -> None:
    lifecycle = ModuleLifecycle(TOPICS, WireVersion.V2025)
    with pytest.raises(LifecycleError, match="cannot signal ready while new"):
        lifecycle.signal_ready()
    with pytest.raises(LifecycleError, match="no configuration yet"):
        _ = lifecycle.config


def test_messages_out_of_turn_change_nothing() -> None:
    lifecycle = ModuleLifecycle(TOPICS, WireVersion.V2025)
    lifecycle.start()
    assert (
        lifecycle.receive(TOPICS.global_ready, first(CAPTURE_2025, "everest/ready").payload) == []
    )
    assert lifecycle.phase is Phase.CONFIGURING


def test_the_2026_shutdown_is_seen_in_any_phase() -> None:
    lifecycle = ModuleLifecycle(TOPICS, WireVersion.V2026)
    lifecycle.start()
    lifecycle.receive(TOPICS.shutdown, first(CAPTURE_2026, "everest/shutdown").payload)
    assert lifecycle.shutdown_requested
