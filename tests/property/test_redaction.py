"""Redaction: the AuthorizationKey's value never reaches a log line, however the frame spells
the key (JSON escapes, case, key order, objects in between) or where the value sits."""

from __future__ import annotations

import json
import random

from hypothesis import given
from hypothesis import strategies as st

from everest_py.ocpp16.ocpp.redaction import redact
from tests.property.strategies import PROPERTY

SECRET_ALPHABET = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
)


def spelled(name: str, escapes: list[bool], upper: list[bool]) -> str:
    """`name` as a JSON string body, some characters as \\uXXXX, some upper case."""
    out = []
    for index, character in enumerate(name):
        if upper[index % len(upper)]:
            character = character.upper()
        if escapes[index % len(escapes)]:
            out.append(f"\\u{ord(character):04x}")
        else:
            out.append(character)
    return "".join(out)


def escaped_value(value: str, escapes: list[bool]) -> str:
    return "".join(
        f"\\u{ord(c):04x}" if escapes[i % len(escapes)] else c for i, c in enumerate(value)
    )


@PROPERTY
@given(
    st.text(SECRET_ALPHABET, min_size=8, max_size=40),
    st.lists(st.booleans(), min_size=1, max_size=8),
    st.lists(st.booleans(), min_size=1, max_size=8),
    st.lists(st.booleans(), min_size=1, max_size=8),
    st.booleans(),
    st.integers(min_value=0, max_value=3),
    st.sampled_from([" ", "", "\n", "\t "]),
)
def test_the_value_is_never_in_the_redacted_frame(
    secret: str,
    key_escapes: list[bool],
    key_upper: list[bool],
    value_escapes: list[bool],
    value_first: bool,
    padding_objects: int,
    space: str,
) -> None:
    key = f'"key":{space}"{spelled("AuthorizationKey", key_escapes, key_upper)}"'
    value = f'"value":{space}"{escaped_value(secret, value_escapes)}"'
    between = "".join(f'"pad{n}":{{"k":[1,{{"v":"x"}}]}},' for n in range(padding_objects))
    body = f"{value},{between}{key}" if value_first else f"{key},{between}{value}"
    frame = f'[2,{space}"id-1",{space}"ChangeConfiguration",{space}{{{body}}}]'
    assert json.loads(frame)[3]["value"] == secret  # the charge point reads the secret ...
    shown = redact(frame)
    assert secret not in shown  # ... the log never does
    assert escaped_value(secret, value_escapes) not in shown


@PROPERTY
@given(st.text(SECRET_ALPHABET, min_size=8, max_size=40), st.integers(0, 2**32))
def test_the_value_in_a_get_configuration_answer_is_hidden(secret: str, seed: int) -> None:
    entries = [
        {"key": "HeartbeatInterval", "readonly": False, "value": "60"},
        {"key": "authorizationKEY", "readonly": False, "value": secret},
    ]
    random.Random(seed).shuffle(entries)
    frame = json.dumps([3, "id-2", {"configurationKey": entries}])
    assert secret not in redact(frame)


@PROPERTY
@given(st.text(min_size=1, max_size=60))
def test_a_broken_frame_mentioning_the_key_is_withheld(tail: str) -> None:
    secret = "S3cr3tValue-0123"
    frame = '[2,"x","ChangeConfiguration",{"key":"AuthorizationKey","value":"' + secret + tail
    shown = redact(frame)
    if secret in shown:  # only when the frame parsed with a tail that changes its meaning
        parsed = json.loads(frame)
        assert parsed[3].get("value") != secret
