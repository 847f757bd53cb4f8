"""Python source literals for text taken from YAML descriptions."""

from __future__ import annotations

import textwrap

_MAX_LINE = 100


def string_literal(text: str, indent: int = 0) -> str:
    """A double-quoted literal; long ones become implicit concatenation in parentheses."""
    room = _MAX_LINE - indent - 24  # a keyword such as result_description= may precede it
    if len(text) <= room:
        return _quote(text)
    chunks = textwrap.wrap(
        text, width=room, drop_whitespace=False, break_long_words=True, replace_whitespace=False
    )
    pad = " " * (indent + 4)
    body = "\n".join(pad + _quote(chunk) for chunk in chunks)
    return "(\n" + body + "\n" + " " * indent + ")"


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    escaped = escaped.replace("\t", "\\t")
    return '"' + escaped + '"'


def docstring(text: str, indent: int) -> str:
    """A docstring body for ``text`` (without quotes), wrapped to the line length."""
    width = max(_MAX_LINE - indent - 6, 40)  # room for the quotes on both ends
    paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        for raw_line in paragraph.splitlines() or [""]:
            lines.extend(textwrap.wrap(raw_line, width=width) or [""])
    pad = " " * indent
    body = "\n".join((pad + line) if line else "" for line in lines).strip()
    body = body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body += " "
    return body


def docstring_item(text: str, name: str, indent: int) -> str:
    """``name: text`` for an Args section, wrapped with a hanging indent."""
    width = _MAX_LINE - 4
    wrapped = textwrap.fill(
        " ".join(text.split()) or "(no description)",
        width=width,
        initial_indent=" " * indent + f"{name}: ",
        subsequent_indent=" " * (indent + 4),
    )
    return wrapped.lstrip(" ").replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
