"""The README table of configuration keys, generated from configuration/keys.py."""

from __future__ import annotations

from .keys import DEFINITIONS
from .rules import Access

_ACCESS = {
    Access.READ_ONLY: "read-only",
    Access.READ_WRITE: "read-write",
    Access.WRITE_ONLY: "write-only",
}


def markdown_table() -> str:
    lines = [
        "| key | profile | type | access | default | allowed values | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in DEFINITIONS:
        default = (
            "(none)" if key.default is None else f"`{key.default}`" if key.default else "(empty)"
        )
        if key.derived:
            default += " (set by the charge point)"
        access = _ACCESS[key.access] + (", reboot required" if key.reboot_required else "")
        cells = (
            f"`{key.name}`",
            key.profile.value,
            key.type.value,
            access,
            default,
            key.rules,
            key.description,
        )
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
