"""The nesting limit of frames (MAX_DEPTH) and the bracket count that lets most frames skip
walking their parsed value."""

from __future__ import annotations

import pytest

from everest_py.ocpp16.ocpp import frames
from everest_py.ocpp16.ocpp.frames import MAX_DEPTH, BadFrame, CallFrame, parse_frame


def call_nested(depth: int) -> str:
    """A CALL whose payload holds a value nested `depth` deep in all (the frame's array and the
    payload object count)."""
    inner = "[" * (depth - 2) + "1" + "]" * (depth - 2)
    return f'[2,"u","DataTransfer",{{"vendorId":"v","data":{inner}}}]'


def test_a_frame_nested_exactly_to_the_limit_is_read() -> None:
    assert isinstance(parse_frame(call_nested(MAX_DEPTH), 1 << 20), CallFrame)


def test_a_frame_nested_one_level_deeper_is_refused() -> None:
    with pytest.raises(BadFrame, match=f"nested deeper than {MAX_DEPTH}"):
        parse_frame(call_nested(MAX_DEPTH + 1), 1 << 20)


def test_brackets_inside_strings_do_not_refuse_a_shallow_frame() -> None:
    text = '[2,"u","DataTransfer",{"vendorId":"v","data":"' + "[{" * MAX_DEPTH + '"}]'
    assert isinstance(parse_frame(text, 1 << 20), CallFrame)


def test_a_frame_with_few_brackets_is_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[object] = []
    monkeypatch.setattr(frames, "_depth_exceeds", lambda *args: walked.append(args))
    parse_frame('[3,"u",{"currentTime":"2026-12-01T20:00:00Z"}]', 1 << 20)
    assert walked == []
