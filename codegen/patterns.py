"""JSON-Schema ``pattern`` (ECMA-262 syntax) as a Python regular expression.

The generated code validates patterns with Python's ``re`` (pydantic's ``python-re`` engine,
chosen by giving ``Field(pattern=...)`` a compiled pattern): it has the look-around and
backreferences ECMA-262 patterns use (EVerest's own meta-schema has ``^(?!null).*$``), which
pydantic's default Rust engine refuses. One difference is bridged here: ECMA-262's ``$`` (no
multiline flag) ends the text, Python's ``$`` also matches before a final newline, so ``$`` is
written ``\\Z``. A pattern Python cannot compile is refused at generation already: the meta-schemas
declare ``format: regex``, which ``jsonschema`` checks with Python's ``re``.
"""

from __future__ import annotations


def python_pattern(pattern: str) -> str:
    """``pattern`` with every ``$`` outside a character class and not escaped as ``\\Z``."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A "]" right after "[" or "[^" is a literal in Python: it does not close the class.
            after = index + 1 + (pattern[index + 1 : index + 2] == "^")
            if pattern[after : after + 1] == "]":
                out.append(pattern[index : after + 1])
                index = after + 1
                continue
        elif char == "$":
            char = r"\Z"
        out.append(char)
        index += 1
    return "".join(out)
