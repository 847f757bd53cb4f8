"""The real 2025 and 2026 managers start our charge point AND the simulated station (two
SimEvse, SimAuth, SimSystem, SimSecurity), each a module of its own over MQTT, from
examples/everest-charging.yaml; a schema-validating CSMS alone then drives a whole charging
session and reservations (SimAuth's ``reservation``), and a fault injected into a SimEvse under
the manager reaches the CSMS as Faulted.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from everest_py.runtime.everest.environment import read_module_environment

from .csms import ThreadedCsms
from .managed import REPOSITORY, ManagedSystem
from .raw_module import RawModule
from .station import CHARGING_CONFIG, booted, status_is, stopped_cleanly

pytestmark = pytest.mark.everest_real

ID_TAG = "REMOTE-TAG-1"


@pytest.fixture
def technician(station: ManagedSystem, module_environment: dict[str, str]) -> Iterator[RawModule]:
    """A raw MQTT peer in no config, calling a SimEvse's car_simulator like a C++ module."""
    module = RawModule(read_module_environment(module_environment | {"EV_MODULE": "technician"}))
    module.connect()
    try:
        yield module
    finally:
        module.close()


def test_a_csms_alone_charges_a_car_under_the_real_manager(
    station: ManagedSystem, csms: ThreadedCsms
) -> None:
    log, after = booted(station, csms)

    answer = csms.call("ChangeConfiguration", {"key": "MeterValueSampleInterval", "value": "1"})
    assert answer == {"status": "Accepted"}
    # SimAuth gets the token from the charge point's auth_provider and plugs a car in at
    # sim_evse_1 through its car_simulator connection.
    answer = csms.call("RemoteStartTransaction", {"connectorId": 1, "idTag": ID_TAG})
    assert answer == {"status": "Accepted"}

    preparing, _ = csms.wait_call("StatusNotification", status_is(1, "Preparing"), after=after)
    started_at, started = csms.wait_call("StartTransaction", after=after)
    charging, _ = csms.wait_call("StatusNotification", status_is(1, "Charging"), after=after)
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
    finishing, _ = csms.wait_call("StatusNotification", status_is(1, "Finishing"), after=charging)
    # The simulated driver unplugs after unplug_after_stop (2 s): Available again.
    available, _ = csms.wait_call("StatusNotification", status_is(1, "Available"), after=finishing)
    assert finishing < available
    # Connector 2 was never touched.
    assert not [
        p
        for _, action, p in csms.log[after:]
        if action == "StatusNotification" and p["connectorId"] == 2
    ]

    stopped_cleanly(station, log)


def test_reservations_under_the_real_manager(station: ManagedSystem, csms: ThreadedCsms) -> None:
    log, after = booted(station, csms)
    expiry = (datetime.now(UTC) + timedelta(minutes=10)).isoformat(timespec="seconds")
    expiry = expiry.replace("+00:00", "Z")

    # Connector 2 reserved, then cancelled: Reserved, then Available again.
    reserve_2 = {"connectorId": 2, "expiryDate": expiry, "idTag": "NOBODY", "reservationId": 52}
    assert csms.call("ReserveNow", reserve_2) == {"status": "Accepted"}
    reserved_2, _ = csms.wait_call("StatusNotification", status_is(2, "Reserved"), after=after)
    assert csms.call("CancelReservation", {"reservationId": 52}) == {"status": "Accepted"}
    csms.wait_call("StatusNotification", status_is(2, "Available"), after=reserved_2)
    assert csms.call("CancelReservation", {"reservationId": 52}) == {"status": "Rejected"}

    # Connector 1 reserved for ID_TAG: taken (Occupied) for another reservation; another tag's
    # remote start is refused there (as libocpp), the reserved tag's charges, with its id.
    reserve_1 = {"connectorId": 1, "expiryDate": expiry, "idTag": ID_TAG, "reservationId": 51}
    assert csms.call("ReserveNow", reserve_1) == {"status": "Accepted"}
    reserved_1, _ = csms.wait_call("StatusNotification", status_is(1, "Reserved"), after=after)
    again = reserve_1 | {"reservationId": 53, "idTag": "OTHER-TAG"}
    assert csms.call("ReserveNow", again) == {"status": "Occupied"}
    other = {"connectorId": 1, "idTag": "OTHER-TAG"}
    assert csms.call("RemoteStartTransaction", other) == {"status": "Rejected"}
    answer = csms.call("RemoteStartTransaction", {"connectorId": 1, "idTag": ID_TAG})
    assert answer == {"status": "Accepted"}
    started_at, started = csms.wait_call("StartTransaction", after=reserved_1)
    assert (started["connectorId"], started["idTag"]) == (1, ID_TAG)
    assert started["reservationId"] == 51
    csms.wait_call("StatusNotification", status_is(1, "Charging"), after=started_at)
    # Used up by the transaction: nothing left to cancel.
    assert csms.call("CancelReservation", {"reservationId": 51}) == {"status": "Rejected"}
    stopped_cleanly(station, log)


def test_a_fault_injected_under_the_manager_reaches_the_csms(
    station: ManagedSystem, csms: ThreadedCsms, technician: RawModule
) -> None:
    log, after = booted(station, csms)

    step = {"value": "fault evse_manager/MREC4OverCurrentFailure"}
    assert technician.call("sim_evse_2", "car", "execute_charging_session", step) is None
    faulted_at, faulted = csms.wait_call("StatusNotification", status_is(2, "Faulted"), after=after)
    assert (faulted["errorCode"], faulted.get("vendorErrorCode")) == (
        "OverCurrentFailure", "CX004",
    )  # fmt: skip

    assert (
        technician.call("sim_evse_2", "car", "execute_charging_session", {"value": "clear"}) is None
    )
    csms.wait_call("StatusNotification", status_is(2, "Available"), after=faulted_at)

    # A board fault: the charge point sees only evse_manager/Inoperative, as a C++ module
    # without global errors would, and reports it as OtherError.
    board = {"value": "fault MREC2GroundFailure"}
    assert technician.call("sim_evse_1", "car", "execute_charging_session", board) is None
    _, faulted = csms.wait_call("StatusNotification", status_is(1, "Faulted"), after=after)
    assert (faulted["errorCode"], faulted.get("vendorErrorCode")) == ("OtherError", "Inoperative")

    # A step the car does not know is refused with a message naming it; the module lives on.
    with pytest.raises(RuntimeError, match="unknown step 'fly'"):
        technician.call("sim_evse_2", "car", "execute_charging_session", {"value": "plug; fly"})
    stopped_cleanly(station, log)


def test_the_charging_example_is_what_docs_show() -> None:
    text = (REPOSITORY / "docs" / "everest.md").read_text()
    assert CHARGING_CONFIG.read_text() in text
