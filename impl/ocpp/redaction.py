"""Frames are logged and observed with the write-only AuthorizationKey's value hidden."""

from __future__ import annotations

import re

_STRING = r'"(?:[^"\\]|\\.)*"'
_KEY_THEN_VALUE = re.compile(
    r'("key"\s*:\s*"authorizationkey"[^{}]*?"value"\s*:\s*)' + _STRING, re.IGNORECASE
)
_VALUE_THEN_KEY = re.compile(
    r'("value"\s*:\s*)' + _STRING + r'([^{}]*?"key"\s*:\s*"authorizationkey")', re.IGNORECASE
)


def redact(text: str) -> str:
    """Hide the value of the write-only AuthorizationKey in a frame."""
    if "authorizationkey" not in text.lower():
        return text
    text = _KEY_THEN_VALUE.sub(r'\1"***"', text)
    return _VALUE_THEN_KEY.sub(r'\1"***"\2', text)
