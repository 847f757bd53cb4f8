"""docs/charge-point.md lists every message with who sends it: the CSMS's rows are exactly the
actions with a handler, the charge point's rows exactly the other OCPP 1.6 actions."""

from __future__ import annotations

from pathlib import Path

from ocpp.v16.enums import Action

from everest_py.ocpp16.csms_actions import registered_actions

DOC = Path(__file__).resolve().parents[2] / "docs" / "charge-point.md"


def message_rows() -> dict[str, str]:
    section = DOC.read_text(encoding="utf-8").split("## Messages\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("message", "---"):
            rows[cells[0]] = cells[1]
    return rows


def test_every_csms_action_with_a_handler_has_a_row_and_no_other() -> None:
    rows = message_rows()
    from_csms = {name for name, sender in rows.items() if sender in ("CSMS", "both")}
    assert from_csms == set(registered_actions())


def test_every_other_ocpp_action_is_a_message_of_the_charge_point() -> None:
    rows = message_rows()
    from_charge_point = {
        name for name, sender in rows.items() if sender in ("charge point", "both")
    }
    expected = {a.value for a in Action} - set(registered_actions()) | {"DataTransfer"}
    assert from_charge_point == expected
    assert set(rows) == {a.value for a in Action}
