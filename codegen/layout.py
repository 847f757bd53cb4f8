"""Line layout in black's style, for the few statement shapes the templates emit.

The generator writes code that is already formatted, so no formatter runs at generation time.
The rule that keeps this small: a construct goes on one line when it fits in ``LINE_LENGTH``;
otherwise it is split one element per line with a trailing comma. black and ruff keep such
"magic trailing comma" splits as they are, so the output is their fixed point without
reproducing their search for the best split. The shapes with no trailing comma to rely on
(a long annotated assignment, a one-item subscript, a long string value) are laid out exactly
as black lays them out. tests/codegen/test_generated_package.py holds the corpus and the golden
cases to black, ruff format and ruff's import order.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .pyliterals import string_pieces

LINE_LENGTH = 100
INDENT = 4

_BRACKETS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class Group:
    """``head`` + items separated by commas + ``close``; ``head`` ends with the opening bracket.

    ``explode`` splits it even when it fits, for blocks that read better one item per line.
    A ``close`` starting with a comma (a one-item tuple) keeps it only on one line: split,
    every item ends with a comma anyway.
    """

    head: str
    items: tuple[Node, ...]
    close: str
    explode: bool = False
    comma: bool = True  # False for a one-item subscript, where black adds no comma


Node = str | Group


def flat(node: Node) -> str:
    if isinstance(node, str):
        return node
    return node.head + ", ".join(flat(item) for item in node.items) + node.close


def fits(indent: int, text: str) -> bool:
    return indent + len(text) <= LINE_LENGTH


def lay_out(node: Node, indent: int, suffix: str = "") -> list[str]:
    """Source lines of ``node`` at ``indent``, followed by ``suffix`` (such as a comma)."""
    pad = " " * indent
    one_line = flat(node) + suffix
    if isinstance(node, str) or not node.items or (fits(indent, one_line) and not node.explode):
        return [pad + one_line]
    lines = [pad + node.head]
    for item in node.items:
        lines.extend(lay_out(item, indent + INDENT, "," if node.comma else ""))
    lines.append(pad + node.close.lstrip(",") + suffix)
    return lines


def block(node: Node, indent: int, suffix: str = "") -> str:
    return "\n".join(lay_out(node, indent, suffix))


def call(function: str, arguments: Iterable[Node], *, explode: bool = False) -> Group:
    return Group(f"{function}(", tuple(arguments), ")", explode)


def split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it is outside every bracket and string."""
    if separator not in text:
        return [text]
    if not any(char in text for char in "([{\"'"):
        return text.split(separator)
    parts: list[str] = []
    depth = 0
    quote: str | None = None
    start = 0
    index = 0
    while index < len(text):
        char = text[index]
        if quote is not None:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char in _BRACKETS:
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            start = index + len(separator)
            index = start
            continue
        index += 1
    parts.append(text[start:])
    return parts


def type_node(annotation: str) -> Node:
    """``annotation`` as a tree of brackets, so a long one is split like any call."""
    if len(annotation) < 40:
        return annotation  # fits on any line it can be on: nothing to split
    if len(split_top_level(annotation, " | ")) > 1 or annotation[-1:] not in (")", "]"):
        return annotation
    opening = annotation.find("(" if annotation.endswith(")") else "[")
    head = annotation[: opening + 1]
    if opening < 0 or any(char in head[:-1] for char in "([{\"'"):
        return annotation
    items = tuple(type_node(item) for item in split_top_level(annotation[opening + 1 : -1], ", "))
    # A one-item subscript's trailing comma would make it a tuple: black splits it without.
    one_item_subscript = head.endswith("[") and len(items) == 1
    return Group(head, items, annotation[-1], comma=not one_item_subscript)


def annotated_statement(target: str, annotation: str, value: str, indent: int) -> str:
    """``target: annotation = value`` (``value`` may be empty) the way black lays it out.

    A ``value`` that is a call is split like any call. A long annotation that is one
    subscript (``Annotated[...]``) is split inside its brackets; any other long annotation is
    wrapped in parentheses. The same holds for the right-hand side of an alias
    (``target`` ending in `` =`` and no value).
    """
    pad = " " * indent
    assignment = f" = {value}" if value else ""
    separator = " " if target.endswith("=") else ": "
    one_line = f"{target}{separator}{annotation}{assignment}"
    if fits(indent, one_line):
        return pad + one_line
    if value.startswith("Field(") and fits(indent, f"{target}{separator}{annotation} = Field("):
        arguments = split_top_level(value[len("Field(") : -1], ", ")
        lines = [f"{pad}{target}{separator}{annotation} = Field("]
        lines += [_keyword_argument(argument, indent + INDENT) for argument in arguments]
        return "\n".join([*lines, pad + ")"])
    inner_pad = " " * (indent + INDENT)
    field_value = value.startswith("Field(")
    if (
        value
        and (not field_value or fits(indent + INDENT, value))
        and fits(indent, f"{target}{separator}{annotation} = (")
    ):
        # black first tries to split the right-hand side, in parentheses of its own (a Field()
        # too, when `= Field(` does not fit after the annotation but `= (` does).
        return f"{pad}{target}{separator}{annotation} = (\n{inner_pad}{value}\n{pad})"
    if _is_one_subscript(annotation):
        # ``x: Omittable[...] = None``: black splits inside the subscript, not in parentheses.
        name, _, rest = annotation.partition("[")
        inside = rest[:-1]
        items = split_top_level(inside, ", ")
        if fits(indent + INDENT, inside):
            body = inner_pad + inside
        elif len(items) > 1:
            body = "\n".join(inner_pad + part + "," for part in items)
        else:
            body = "\n".join(lay_out(type_node(inside), indent + INDENT))
        return f"{pad}{target}{separator}{name}[\n{body}\n{pad}{_tail(']', value, indent)}"
    if fits(indent + INDENT, annotation):
        body = inner_pad + annotation
    else:
        body_lines: list[str] = []
        for position, option in enumerate(split_top_level(annotation, " | ")):
            option_lines = lay_out(type_node(option), indent + INDENT)
            if position:
                option_lines[0] = inner_pad + "| " + option_lines[0].lstrip()
            body_lines.extend(option_lines)
        body = "\n".join(body_lines)
    return f"{pad}{target}{separator}(\n{body}\n{pad}{_tail(')', value, indent)}"


def _tail(close: str, value: str, indent: int) -> str:
    """``close`` of a split annotation, then `` = value``: a Field() too long to follow on
    that line is split like any call."""
    if not value:
        return close
    one_line = f"{close} = {value}"
    if fits(indent, one_line) or not value.startswith("Field("):
        return one_line
    arguments = split_top_level(value[len("Field(") : -1], ", ")
    lines = [f"{close} = Field("]
    lines += [_keyword_argument(argument, indent + INDENT) for argument in arguments]
    return "\n".join([*lines, " " * indent + ")"])


def _keyword_argument(argument: str, indent: int) -> str:
    """``name=value,`` of an exploded call; a string value too long for the line is cut into
    pieces, one per line (implicit concatenation), which black and ruff leave alone."""
    pad = " " * indent
    name, _, value = argument.partition("=")
    if fits(indent, argument + ",") or not value.startswith(("'", '"')):
        return f"{pad}{argument},"
    # Room for ``name=`` before the first piece (the others start at the pad) and the comma.
    pieces = string_pieces(ast.literal_eval(value), LINE_LENGTH - indent - len(name) - 2)
    return f"{pad}{name}=" + f"\n{pad}".join(pieces) + ","


def _is_one_subscript(annotation: str) -> bool:
    if not annotation.endswith("]") or "[" not in annotation:
        return False
    name = annotation.partition("[")[0]
    return name.replace(".", "").replace("_", "").isalnum() and (
        len(split_top_level(annotation, " | ")) == 1
    )


def string_value(prefix: str, literals: list[str], indent: int, suffix: str = ",") -> str:
    """``prefix`` followed by a string that may be too long for one line (``literals`` are
    its pieces, already quoted; together they fit on no line).

    Split, it goes in parentheses below ``prefix``: on one line when it fits there, else one
    piece per line (implicit concatenation), which black and ruff both leave alone.
    """
    pad = " " * indent
    inner_pad = " " * (indent + INDENT)
    pieces = "\n".join(inner_pad + literal for literal in literals)
    return f"{pad}{prefix}(\n{pieces}\n{pad}){suffix}"


# -- imports, sorted as isort's "black" profile and ruff's "I" rules sort them -------------------


class ImportSection(NamedTuple):
    """What a module imports. ``stdlib``/``third_party`` map a module to the names imported
    from it; ``plain`` are standard-library modules imported whole; ``local`` holds (module,
    name, alias) triples."""

    stdlib: dict[str, set[str]]
    third_party: dict[str, set[str]]
    local: list[tuple[str, str, str]]
    plain: Iterable[str] = ()

    def source(self) -> str:
        """The import section: standard library, third party, then relative imports."""
        sections: list[list[str]] = []
        first = [f"import {module}" for module in sorted(self.plain)]
        first += [
            _from_import(module, names) for module, names in sorted(self.stdlib.items()) if names
        ]
        second = [
            _from_import(module, names)
            for module, names in sorted(self.third_party.items())
            if names
        ]
        third = [
            f"from {module} import {name} as {alias}"
            for module, name, alias in sorted(self.local, key=_relative_order)
        ]
        for section in (first, second, third):
            if section:
                sections.append(section)
        return "\n\n".join("\n".join(section) for section in sections)

    def names(self) -> frozenset[str]:
        """The names the section binds in the module (what `source()` imports)."""
        bound = {module.split(".")[0] for module in self.plain}
        for imported in (*self.stdlib.values(), *self.third_party.values()):
            bound |= imported
        bound |= {alias for _, _, alias in self.local}
        return frozenset(bound)


def _relative_order(entry: tuple[str, str, str]) -> tuple[int, str, str]:
    module, name, _ = entry
    # Furthest first: "from .." before "from .".
    dots = len(module) - len(module.lstrip("."))
    return (-dots, module.lower(), name.lower())


def _member_order(name: str) -> tuple[int, str]:
    # isort's order by type: CONSTANTS, then Classes, then functions and variables.
    if name.isupper() and len(name) > 1:
        return (0, name.lower())
    if name[:1].isupper():
        return (1, name.lower())
    return (2, name.lower())


def _from_import(module: str, names: set[str]) -> str:
    ordered = sorted(names, key=_member_order)
    one_line = f"from {module} import {', '.join(ordered)}"
    if fits(0, one_line):
        return one_line
    return block(Group(f"from {module} import (", tuple(ordered), ")", explode=True), 0)
