"""A firmware installation waits for the connectors, as with libocpp: a loopback CSMS sends
UpdateFirmware to a simulated charge point with two connectors; once the image is downloaded the
idle connectors become Unavailable, a running transaction is waited for (not stopped), the
simulated system installs only after `allow_firmware_installation`, and afterwards every
connector is back to the availability the CSMS stored."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from everest_py.generated.types import system as _system
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.demo.csms import LoopbackCsms
from everest_py.ocpp16.demo.recording import Received
from everest_py.ocpp16.simulated import SimulatedChargePoint
from everest_py.ocpp16.simulation import SimulatedSystem, SimulationOptions

from .firmware_support import WAIT, FileServer, file_server, make_root, now_text, reported

CP_ID = "FW-INSTALL-1"
IMAGE = b"firmware that waits for the connectors " * 32
TRANSACTION_ID = 777
FW = "FirmwareStatusNotification"
SIGNED_FW = "SignedFirmwareStatusNotification"


@pytest.fixture
async def csms() -> AsyncIterator[LoopbackCsms]:
    server = LoopbackCsms()
    await server.start()
    server.script.answer(
        "StartTransaction",
        {"idTagInfo": {"status": "Accepted"}, "transactionId": TRANSACTION_ID},
    )
    yield server
    await server.close()


@pytest.fixture
def http() -> Iterator[FileServer]:
    with file_server() as server:
        server.files["/fw.bin"] = IMAGE
        yield server


@pytest.fixture
async def cp(csms: LoopbackCsms, tmp_path: Path) -> AsyncIterator[SimulatedChargePoint]:
    settings = build_settings(
        {"csms_url": csms.url, "charge_point_id": CP_ID, "data_dir": str(tmp_path)},
        {"connectors": 2},
        "test",
    )
    # The car stays plugged after a transaction until the test unplugs it.
    charge_point = SimulatedChargePoint(settings, options=SimulationOptions(unplug_after_stop=None))
    await charge_point.start()
    await csms.wait_until(lambda: statuses(csms, 2) == ["Available"], WAIT)
    yield charge_point
    await charge_point.close()


def statuses(csms: LoopbackCsms, connector: int, since: int = 0) -> list[str]:
    return [
        str(r.payload["status"])
        for r in csms.calls("StatusNotification")
        if r.seq >= since and r.payload["connectorId"] == connector
    ]


def first(csms: LoopbackCsms, action: str, status: str | None = None) -> Received:
    return next(
        r for r in csms.calls(action) if status is None or r.payload.get("status") == status
    )


def unavailable_at(csms: LoopbackCsms, connector: int) -> int:
    """The sequence number of the connector's first StatusNotification Unavailable."""
    return next(
        r.seq
        for r in csms.calls("StatusNotification")
        if r.payload["connectorId"] == connector and r.payload["status"] == "Unavailable"
    )


def evse_enabled(cp: SimulatedChargePoint, connector: int) -> bool:
    return cp.station.evse(connector).state.enabled


async def update_firmware(csms: LoopbackCsms, http: FileServer) -> None:
    request = {"location": http.url("/fw.bin"), "retrieveDate": now_text()}
    assert await csms.call(CP_ID, "UpdateFirmware", request) == {}


async def installed(csms: LoopbackCsms) -> list[str]:
    def done() -> bool:
        return [str(r.payload["status"]) for r in csms.calls(FW)][-1:] == ["Installed"]

    await csms.wait_until(done, WAIT)
    return [str(r.payload["status"]) for r in csms.calls(FW)]


async def test_idle_connectors_are_unavailable_before_installing_then_available_again(
    csms: LoopbackCsms, http: FileServer, cp: SimulatedChargePoint
) -> None:
    seen = csms.recording.next_seq
    await update_firmware(csms, http)
    assert await installed(csms) == ["Downloading", "Downloaded", "Installing", "Installed"]
    installing = first(csms, FW, "Installing").seq
    assert unavailable_at(csms, 1) < installing and unavailable_at(csms, 2) < installing
    for connector in (1, 2):
        await csms.wait_until(lambda c=connector: statuses(csms, c)[-1:] == ["Available"], WAIT)
        assert statuses(csms, connector, seen) == ["Unavailable", "Available"]
        assert evse_enabled(cp, connector)
    assert statuses(csms, 0, seen) == []  # the charge point itself stays Available (libocpp)
    assert cp.station.system.installed is not None
    assert list(csms.violations) == []


async def test_installation_waits_for_the_running_transaction_to_end(
    csms: LoopbackCsms, http: FileServer, cp: SimulatedChargePoint
) -> None:
    answer = await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 1, "idTag": "T1"})
    assert answer == {"status": "Accepted"}
    await csms.wait_until(lambda: statuses(csms, 1)[-1:] == ["Charging"], WAIT)
    gate = cp.app.core.firmware.installation

    await update_firmware(csms, http)
    await csms.wait_until(lambda: "Downloaded" in [r.payload["status"] for r in csms.calls(FW)])
    await csms.wait_until(lambda: statuses(csms, 2)[-1:] == ["Unavailable"], WAIT)
    # Connector 1 charges on: its transaction is not stopped, and nothing installs meanwhile.
    assert gate.held and not gate.allowed.is_set()
    assert not cp.station.system.installation_allowed.is_set()
    assert cp.station.evse(1).state.transaction_active
    assert statuses(csms, 1)[-1:] == ["Charging"]
    assert "Installing" not in [r.payload["status"] for r in csms.calls(FW)]
    assert csms.calls("StopTransaction") == []
    # No new transaction on a held connector.
    refused = await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 2, "idTag": "T2"})
    assert refused == {"status": "Rejected"}

    answer = await csms.call(CP_ID, "RemoteStopTransaction", {"transactionId": TRANSACTION_ID})
    assert answer == {"status": "Accepted"}
    assert await installed(csms) == ["Downloading", "Downloaded", "Installing", "Installed"]
    stop = first(csms, "StopTransaction")
    assert stop.payload["reason"] == "Remote"  # stopped by the CSMS, not by the update
    assert stop.seq < first(csms, FW, "Installing").seq
    # The car unplugs: connector 1 goes from Finishing back to Available (the update is over).
    await cp.station.evse(1).unplug()
    await csms.wait_until(lambda: statuses(csms, 1)[-1:] == ["Available"], WAIT)
    await csms.wait_until(lambda: statuses(csms, 2)[-1:] == ["Available"], WAIT)
    assert evse_enabled(cp, 1) and evse_enabled(cp, 2)
    assert not gate.held
    assert list(csms.violations) == []


async def test_a_connector_the_csms_made_inoperative_stays_so_after_the_update(
    csms: LoopbackCsms, http: FileServer, cp: SimulatedChargePoint
) -> None:
    answer = await csms.call(CP_ID, "ChangeAvailability", {"connectorId": 2, "type": "Inoperative"})
    assert answer == {"status": "Accepted"}
    await csms.wait_until(lambda: statuses(csms, 2)[-1:] == ["Unavailable"], WAIT)
    seen = csms.recording.next_seq

    await update_firmware(csms, http)
    await installed(csms)
    await csms.wait_until(lambda: statuses(csms, 1, seen) == ["Unavailable", "Available"], WAIT)
    assert statuses(csms, 2, seen) == []  # Unavailable all along
    assert cp.app.core.connectors.availability(2) == "Inoperative"
    assert evse_enabled(cp, 1) and not evse_enabled(cp, 2)
    assert list(csms.violations) == []


async def test_a_failed_installation_gives_the_connectors_back(
    csms: LoopbackCsms, http: FileServer, cp: SimulatedChargePoint
) -> None:
    cp.station.system.installation_permission_timeout = 0.0  # gives up at once
    answer = await csms.call(CP_ID, "RemoteStartTransaction", {"connectorId": 1, "idTag": "T1"})
    assert answer == {"status": "Accepted"}
    await csms.wait_until(lambda: statuses(csms, 1)[-1:] == ["Charging"], WAIT)
    seen = csms.recording.next_seq

    await update_firmware(csms, http)
    failed = ["Downloading", "Downloaded", "InstallationFailed"]
    await csms.wait_until(lambda: [r.payload["status"] for r in csms.calls(FW)] == failed, WAIT)
    await csms.wait_until(lambda: statuses(csms, 2, seen)[-1:] == ["Available"], WAIT)
    assert not cp.app.core.firmware.installation.held
    assert cp.station.evse(1).state.transaction_active  # charging on, never interrupted
    assert statuses(csms, 1, seen) == []
    assert evse_enabled(cp, 2)
    assert list(csms.violations) == []


# -- the simulated system alone -------------------------------------------------------------


class Published:
    def __init__(self) -> None:
        self.firmware: list[str] = []
        self.changed = asyncio.Event()

    def publish_firmware_update_status(self, status: _system.FirmwareUpdateStatus) -> None:
        self.firmware.append(status.firmware_update_status.value)
        self.changed.set()

    def publish_log_status(self, status: Any) -> None:
        pass

    async def until(self, last: str) -> list[str]:
        async with asyncio.timeout(WAIT):
            while self.firmware[-1:] != [last]:
                self.changed.clear()
                await self.changed.wait()
        return self.firmware


def plain_request(http: FileServer) -> _system.FirmwareUpdateRequest:
    return _system.FirmwareUpdateRequest.model_validate(
        {"location": http.url("/fw.bin"), "request_id": -1, "retrieve_timestamp": now_text()}
    )


async def test_without_permission_the_simulated_system_reports_installation_failed(
    http: FileServer,
) -> None:
    system, published = SimulatedSystem(), Published()
    system.attach(published)  # type: ignore[arg-type]
    system.installation_permission_timeout = 0.0
    answer = await system.handle_update_firmware(plain_request(http))
    assert answer is _system.UpdateFirmwareResponse.Accepted
    sequence = await published.until("InstallationFailed")
    assert sequence == ["Downloading", "Downloaded", "InstallationFailed"]
    assert system.installed is None
    await system.stop()


async def test_a_stop_while_waiting_for_permission_reports_installation_failed(
    http: FileServer,
) -> None:
    system, published = SimulatedSystem(), Published()
    system.attach(published)  # type: ignore[arg-type]
    await system.handle_update_firmware(plain_request(http))
    await published.until("Downloaded")
    await system.stop()
    assert published.firmware == ["Downloading", "Downloaded", "InstallationFailed"]
    assert system.installed is None


async def test_the_simulated_system_installs_once_allowed(http: FileServer) -> None:
    system, published = SimulatedSystem(), Published()
    system.attach(published)  # type: ignore[arg-type]
    await system.handle_update_firmware(plain_request(http))
    await published.until("Downloaded")
    await system.handle_allow_firmware_installation()
    sequence = await published.until("Installed")
    assert sequence == ["Downloading", "Downloaded", "Installing", "Installed"]
    assert system.installed is not None


async def test_a_failed_permission_is_asked_again(
    csms: LoopbackCsms, http: FileServer, cp: SimulatedChargePoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    """allow_firmware_installation failing once does not leave the connectors held."""
    from everest_py.ocpp16.firmware import installation as gate_module
    from everest_py.runtime.errors import CmdTimeout

    monkeypatch.setattr(gate_module, "ALLOW_RETRY_DELAY", 0.01, raising=False)
    gate = cp.app.core.firmware.installation
    system = gate._system
    assert system is not None
    asked: list[float] = []

    class FailsOnce:
        async def allow_firmware_installation(self, timeout: float) -> None:
            asked.append(timeout)
            if len(asked) == 1:
                raise CmdTimeout("allow_firmware_installation", "no answer")
            assert system is not None
            await system.allow_firmware_installation(timeout=timeout)

    monkeypatch.setattr(gate, "_system", FailsOnce())
    await update_firmware(csms, http)
    assert await installed(csms) == ["Downloading", "Downloaded", "Installing", "Installed"]
    assert len(asked) == 2


async def test_a_reset_before_a_scheduled_installation_ends_the_update_and_the_hold(
    csms: LoopbackCsms, http: FileServer, cp: SimulatedChargePoint
) -> None:
    """A signed update verified and scheduled to install later holds the connectors
    Unavailable, their EVSEs disabled. A Reset reboots the station: the update ends there
    (InstallationFailed) and the connectors come back; they are never left Unavailable to the
    CSMS while their rebooted EVSEs would charge, and nothing installs into a transaction."""
    root = make_root()
    signer = root.issue()
    pem = root.certificate.public_bytes(serialization.Encoding.PEM).decode()
    install = {"certificateType": "ManufacturerRootCertificate", "certificate": pem}
    assert await csms.call(CP_ID, "InstallCertificate", install) == {"status": "Accepted"}
    image = b"signed image " * 64
    http.files["/signed.bin"] = image
    request = {
        "requestId": 3,
        "firmware": {
            "location": http.url("/signed.bin"),
            "retrieveDateTime": now_text(),
            "installDateTime": now_text(timedelta(hours=1)),
            "signingCertificate": signer.certificate_pem,
            "signature": signer.sign(image),
        },
    }
    assert await csms.call(CP_ID, "SignedUpdateFirmware", request) == {"status": "Accepted"}
    await reported(csms, SIGNED_FW, "InstallScheduled")
    await csms.wait_until(lambda: not evse_enabled(cp, 1) and not evse_enabled(cp, 2), WAIT)
    boots = len(csms.calls("BootNotification"))
    assert await csms.call(CP_ID, "Reset", {"type": "Hard"}) == {"status": "Accepted"}
    assert (await reported(csms, SIGNED_FW, "InstallationFailed"))[-2:] == [
        "InstallScheduled",
        "InstallationFailed",
    ]
    await csms.wait_until(lambda: len(csms.calls("BootNotification")) > boots, WAIT)
    for connector in (1, 2):
        await csms.wait_until(lambda c=connector: statuses(csms, c)[-1:] == ["Available"], WAIT)
        await csms.wait_until(lambda c=connector: evse_enabled(cp, c), WAIT)
    assert cp.station.system.installed is None
    assert list(csms.violations) == []


async def test_after_a_station_reboot_a_held_connector_is_disabled_again(
    csms: LoopbackCsms, cp: SimulatedChargePoint
) -> None:
    """While an installation holds the connectors, every EVSE the station reboots (they start
    enabled) is disabled again, not only those the CSMS made Inoperative."""
    cp.app.core.connectors.hold_for_firmware(True)
    await cp.app.core.charging.enable_disable([1, 2])
    assert not evse_enabled(cp, 1) and not evse_enabled(cp, 2)
    await cp.station.system.handle_reset(_system.ResetType.Hard, False)
    await csms.wait_until(lambda: cp.station.reboots == 1, WAIT)
    await csms.wait_until(lambda: not evse_enabled(cp, 1) and not evse_enabled(cp, 2), WAIT)
