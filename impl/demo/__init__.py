"""The demo: a loopback CSMS (`csms`, also runnable on its own) and `python -m everest_py.ocpp16
demo`, the charge point against it with a transcript (`run`)."""

from __future__ import annotations


def main() -> int:
    """`python -m everest_py.ocpp16 demo`; imported on use, so `python -m
    everest_py.ocpp16.demo.csms` does not find its module imported already."""
    from .run import main as run_main

    return run_main()
