"""The program's entry point (`ocpp16-charge-point`, `python -m everest_py.ocpp16`).

Start-up creates some 35,000 objects (the modules of asyncio, websockets, the `ocpp` package,
jsonschema and ours) that all live as long as the process. The cyclic garbage collector, run
while they are made, walks them again and again and frees almost nothing: 25-35 ms of a start of
~450 ms on the bench machine. So it is off from here until the command has built what it runs
(`cli.resume_collection`); what exists then is frozen out of its sight (`gc.freeze`), which
also spares an idle charge point's collections from walking it.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from .cli import main as cli_main
    from .cli import resume_collection

    try:
        return cli_main()
    finally:
        resume_collection()  # A command that ended early (--help, an error) never resumed it.
