"""MQTT's rules for topic names, applied to the topic levels a peer hands us.

A caller's module id becomes a level of the topic its result is published to. A level
mosquitto considers malformed (NUL, other control characters, non-characters, bad UTF-8)
makes it drop our whole session; wildcards make paho refuse the publish; a '/' would
address another topic. So such a level is refused before any topic is built from it.
"""

import functools
import re

__all__ = ["MAX_LEVEL_CHARACTERS", "MAX_TOPIC_BYTES", "level_problem"]

MAX_TOPIC_BYTES = 65_535
"""MQTT 3.1.1 §1.5.3: a topic is a UTF-8 string with a two-byte length."""

MAX_LEVEL_CHARACTERS = 1_024
"""Far more than any module id needs; keeps a peer's level from filling the topic."""

_NONCHARACTERS = "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
# What mosquitto's UTF-8 check refuses in a topic (control characters, surrogates, i.e. text
# that cannot be UTF-8, and non-characters), plus the level separator and the wildcards.
_NOT_IN_A_LEVEL = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef/+#" + re.escape(_NONCHARACTERS) + "]"
)


def level_problem(level: str) -> str | None:
    """What makes ``level`` unusable as one level of a topic we publish to, or None."""
    if not level:
        return "is empty"
    if len(level) > MAX_LEVEL_CHARACTERS:
        return f"is {len(level)} characters long (at most {MAX_LEVEL_CHARACTERS})"
    return _character_problem(level)


# Peers repeat their module id on every call; the cache is bounded, as is each key's length.
@functools.lru_cache(maxsize=256)
def _character_problem(level: str) -> str | None:
    found = _NOT_IN_A_LEVEL.search(level)
    if found is None:
        return None
    character = found.group()
    shown = f" ({character!r})" if character in "/+#" else ""
    return f"contains U+{ord(character):04X}{shown} at position {found.start()}"
