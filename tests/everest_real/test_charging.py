"""The real 2025 and 2026 managers start our charge point AND the simulated station (two
SimEvse, SimAuth, SimSystem), each a module of its own over MQTT, from
examples/everest-charging.yaml; a schema-validating CSMS alone then drives a whole charging
session and reservations (SimAuth's ``reservation``), and a fault injected into a SimEvse under
the manager reaches the CSMS as Faulted.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from everest_py.runtime.everest.environment import (
    TcpBroker,
    UnixSocketBroker,
    read_module_environment,
)
from everest_py.runtime.everest.protocol import WireVersion

from .csms import ThreadedCsms
from .managed import REPOSITORY, ManagedSystem
from .manager import Installation, LogWatch
from .raw_module import RawModule

pytestmark = pytest.mark.everest_real

CHARGING_CONFIG = REPOSITORY / "examples" / "everest-charging.yaml"
OURS = ("charge_point", "sim_evse_1", "sim_evse_2", "sim_auth", "sim_system")
ID_TAG = "REMOTE-TAG-1"


@pytest.fixture
def csms() -> Iterator[ThreadedCsms]:
    server = ThreadedCsms()
    server.start()
    try:
        yield server
    finally:
        server.close()  # fails the test on any schema violation the charge point sent


@pytest.fixture
def station(
    installation: Installation, broker: TcpBroker | UnixSocketBroker, csms: ThreadedCsms
) -> Iterator[ManagedSystem]:
    args = ("--graceful-shutdown",) if installation.version is WireVersion.V2026 else ()
    managed = ManagedSystem(installation, broker, csms.url(), *args, source=CHARGING_CONFIG)
    try:
        yield managed
    finally:
        managed.close()


@pytest.fixture
def technician(station: ManagedSystem, module_environment: dict[str, str]) -> Iterator[RawModule]:
    """A raw MQTT peer in no config, calling a SimEvse's car_simulator like a C++ module."""
    module = RawModule(read_module_environment(module_environment | {"EV_MODULE": "technician"}))
    module.connect()
    try:
        yield module
    finally:
        module.close()


def _status(connector: int, status: str) -> Any:
    return lambda p: p["connectorId"] == connector and p["status"] == status


def _booted(station: ManagedSystem, csms: ThreadedCsms) -> tuple[LogWatch, int]:
    """Start everything; once the CSMS saw the boot and every connector Available, the log
    position after them."""
    log = station.start()  # returns once every module, ours included, is ready
    position, boot = csms.wait_call("BootNotification")
    assert boot["chargePointVendor"]
    after = position
    for connector in (0, 1, 2):
        found, _ = csms.wait_call("StatusNotification", _status(connector, "Available"))
        after = max(after, found)
    return log, after + 1


def _stopped_cleanly(station: ManagedSystem, log: LogWatch) -> None:
    station.terminate()
    for module_id in OURS:
        assert log.contains(f"module '{module_id}' stopped (exit code 0)"), module_id


def test_a_csms_alone_charges_a_car_under_the_real_manager(
    station: ManagedSystem, csms: ThreadedCsms
) -> None:
    log, after = _booted(station, csms)

    answer = csms.call("ChangeConfiguration", {"key": "MeterValueSampleInterval", "value": "1"})
    assert answer == {"status": "Accepted"}
    # SimAuth gets the token from the charge point's auth_provider and plugs a car in at
    # sim_evse_1 through its car_simulator connection.
    answer = csms.call("RemoteStartTransaction", {"connectorId": 1, "idTag": ID_TAG})
    assert answer == {"status": "Accepted"}

    preparing, _ = csms.wait_call("StatusNotification", _status(1, "Preparing"), after=after)
    started_at, started = csms.wait_call("StartTransaction", after=after)
    charging, _ = csms.wait_call("StatusNotification", _status(1, "Charging"), after=after)
    assert preparing < started_at < charging
    assert (started["connectorId"], started["idTag"]) == (1, ID_TAG)
    transaction_id = csms.last_transaction_id
    assert transaction_id is not None

    # Sampled every second, with the CSMS's transactionId, the register growing.
    first_at, first = csms.wait_call(
        "MeterValues", lambda p: p.get("transactionId") == transaction_id, after=started_at
    )
    _, second = csms.wait_call(
        "MeterValues", lambda p: p.get("transactionId") == transaction_id, after=first_at + 1
    )
    assert first["connectorId"] == second["connectorId"] == 1

    answer = csms.call("RemoteStopTransaction", {"transactionId": transaction_id})
    assert answer == {"status": "Accepted"}
    _, stopped = csms.wait_call("StopTransaction", after=started_at)
    assert stopped["transactionId"] == transaction_id and stopped["reason"] == "Remote"
    assert stopped["meterStop"] > started["meterStart"]
    finishing, _ = csms.wait_call("StatusNotification", _status(1, "Finishing"), after=charging)
    # The simulated driver unplugs after unplug_after_stop (2 s): Available again.
    available, _ = csms.wait_call("StatusNotification", _status(1, "Available"), after=finishing)
    assert finishing < available
    # Connector 2 was never touched.
    assert not [
        p
        for _, action, p in csms.log[after:]
        if action == "StatusNotification" and p["connectorId"] == 2
    ]

    _stopped_cleanly(station, log)


def test_reservations_under_the_real_manager(station: ManagedSystem, csms: ThreadedCsms) -> None:
    log, after = _booted(station, csms)
    expiry = (datetime.now(UTC) + timedelta(minutes=10)).isoformat(timespec="seconds")
    expiry = expiry.replace("+00:00", "Z")

    # Connector 2 reserved, then cancelled: Reserved, then Available again.
    reserve_2 = {"connectorId": 2, "expiryDate": expiry, "idTag": "NOBODY", "reservationId": 52}
    assert csms.call("ReserveNow", reserve_2) == {"status": "Accepted"}
    reserved_2, _ = csms.wait_call("StatusNotification", _status(2, "Reserved"), after=after)
    assert csms.call("CancelReservation", {"reservationId": 52}) == {"status": "Accepted"}
    csms.wait_call("StatusNotification", _status(2, "Available"), after=reserved_2)
    assert csms.call("CancelReservation", {"reservationId": 52}) == {"status": "Rejected"}

    # Connector 1 reserved for ID_TAG: taken (Occupied) for another reservation; another tag's
    # remote start is refused there (as libocpp), the reserved tag's charges, with its id.
    reserve_1 = {"connectorId": 1, "expiryDate": expiry, "idTag": ID_TAG, "reservationId": 51}
    assert csms.call("ReserveNow", reserve_1) == {"status": "Accepted"}
    reserved_1, _ = csms.wait_call("StatusNotification", _status(1, "Reserved"), after=after)
    again = reserve_1 | {"reservationId": 53, "idTag": "OTHER-TAG"}
    assert csms.call("ReserveNow", again) == {"status": "Occupied"}
    other = {"connectorId": 1, "idTag": "OTHER-TAG"}
    assert csms.call("RemoteStartTransaction", other) == {"status": "Rejected"}
    answer = csms.call("RemoteStartTransaction", {"connectorId": 1, "idTag": ID_TAG})
    assert answer == {"status": "Accepted"}
    started_at, started = csms.wait_call("StartTransaction", after=reserved_1)
    assert (started["connectorId"], started["idTag"]) == (1, ID_TAG)
    assert started["reservationId"] == 51
    csms.wait_call("StatusNotification", _status(1, "Charging"), after=started_at)
    # Used up by the transaction: nothing left to cancel.
    assert csms.call("CancelReservation", {"reservationId": 51}) == {"status": "Rejected"}
    _stopped_cleanly(station, log)


def test_a_fault_injected_under_the_manager_reaches_the_csms(
    station: ManagedSystem, csms: ThreadedCsms, technician: RawModule
) -> None:
    log, after = _booted(station, csms)

    step = {"value": "fault evse_manager/MREC4OverCurrentFailure"}
    assert technician.call("sim_evse_2", "car", "execute_charging_session", step) is None
    faulted_at, faulted = csms.wait_call("StatusNotification", _status(2, "Faulted"), after=after)
    assert (faulted["errorCode"], faulted.get("vendorErrorCode")) == (
        "OverCurrentFailure", "CX004",
    )  # fmt: skip

    assert (
        technician.call("sim_evse_2", "car", "execute_charging_session", {"value": "clear"}) is None
    )
    csms.wait_call("StatusNotification", _status(2, "Available"), after=faulted_at)

    # A board fault: the charge point sees only evse_manager/Inoperative, as a C++ module
    # without global errors would, and reports it as OtherError.
    board = {"value": "fault MREC2GroundFailure"}
    assert technician.call("sim_evse_1", "car", "execute_charging_session", board) is None
    _, faulted = csms.wait_call("StatusNotification", _status(1, "Faulted"), after=after)
    assert (faulted["errorCode"], faulted.get("vendorErrorCode")) == ("OtherError", "Inoperative")

    # A step the car does not know is refused with a message naming it; the module lives on.
    with pytest.raises(RuntimeError, match="unknown step 'fly'"):
        technician.call("sim_evse_2", "car", "execute_charging_session", {"value": "plug; fly"})
    _stopped_cleanly(station, log)


def test_the_charging_example_is_what_docs_show() -> None:
    text = (REPOSITORY / "docs" / "everest.md").read_text()
    assert CHARGING_CONFIG.read_text() in text
