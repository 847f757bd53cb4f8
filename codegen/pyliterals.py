"""Python source literals for text taken from YAML descriptions."""

from __future__ import annotations

import textwrap

_MAX_LINE = 100


def string_literal(text: str) -> str:
    """A string literal on one line, quoted as black quotes it.

    Double quotes unless the text holds more double than single quotes. Long literals stay on
    one line: black does not split strings either.
    """
    quote = "'" if text.count('"') > text.count("'") else '"'
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return quote + escaped + quote


def docstring(text: str, indent: int) -> str:
    """A docstring body for ``text`` (without quotes), wrapped to the line length."""
    width = max(_MAX_LINE - indent - 6, 40)  # room for the quotes on both ends
    paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        for raw_line in paragraph.splitlines() or [""]:
            if len(raw_line) <= width and raw_line.isprintable():
                lines.append(raw_line.rstrip())  # what textwrap would return, much faster
            else:
                # Names are never cut: a long one may overrun the line, as black allows.
                lines.extend(
                    textwrap.wrap(
                        raw_line, width=width, break_long_words=False, break_on_hyphens=False
                    )
                    or [""]
                )
    lines = _dedented([line.rstrip() for line in lines])
    pad = " " * indent
    body = "\n".join((pad + line) if line else "" for line in lines).strip()
    body = body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body += " "
    last_line = body.rpartition("\n")[2]
    if "\n" in body and len(last_line) + 3 > _MAX_LINE:
        body += "\n" + pad  # black's rule: closing quotes that would overrun go below
    return body


def _dedented(lines: list[str]) -> list[str]:
    """Lines after the first without their common indentation, as black re-indents them."""
    indents = [len(line) - len(line.lstrip(" ")) for line in lines[1:] if line]
    common = min(indents, default=0)
    return lines[:1] + [line[common:] for line in lines[1:]]


def docstring_block(text: str, indent: int) -> str:
    """``docstring``, with the closing quotes on a line of their own when it spans lines."""
    body = docstring(text, indent)
    return body + "\n" + " " * indent if "\n" in body else body


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


def string_pieces(text: str, room: int) -> list[str]:
    """Literals of at most ``room`` characters each (escapes aside) that concatenate to ``text``."""
    whole = string_literal(text)
    if len(whole) <= room:
        return [whole]
    # Whitespace is kept at the cuts, so the pieces join to exactly ``text``.
    chunks = textwrap.wrap(
        text, width=room - 2, drop_whitespace=False, break_long_words=True, replace_whitespace=False
    )
    return [string_literal(chunk) for chunk in chunks]
