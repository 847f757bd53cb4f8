"""The simulated station of examples/everest-charging.yaml under a real manager: booting it
up to every connector Available at the CSMS, and stopping it cleanly (shared by the tests that
run that file)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .csms import ThreadedCsms
from .managed import REPOSITORY, ManagedSystem
from .manager import LogWatch

CHARGING_CONFIG = REPOSITORY / "examples" / "everest-charging.yaml"
OURS = ("charge_point", "sim_evse_1", "sim_evse_2", "sim_auth", "sim_system", "sim_security")


def status_is(connector: int, status: str) -> Callable[[Any], bool]:
    """A StatusNotification predicate for ``ThreadedCsms.wait_call``."""
    return lambda p: p["connectorId"] == connector and p["status"] == status


def booted(station: ManagedSystem, csms: ThreadedCsms) -> tuple[LogWatch, int]:
    """Start everything; once the CSMS saw the boot and every connector Available, the log
    position after them."""
    log = station.start()  # returns once every module, ours included, is ready
    position, boot = csms.wait_call("BootNotification")
    assert boot["chargePointVendor"]
    after = position
    for connector in (0, 1, 2):
        found, _ = csms.wait_call("StatusNotification", status_is(connector, "Available"))
        after = max(after, found)
    return log, after + 1


def stopped_cleanly(station: ManagedSystem, log: LogWatch) -> None:
    station.terminate()
    for module_id in OURS:
        assert log.contains(f"module '{module_id}' stopped (exit code 0)"), module_id
