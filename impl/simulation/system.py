"""The simulated system behind the generated ``SystemHandler``: resets, time, boot reason.

Firmware updates, log uploads and network configuration are answered as a system without
that capability answers (Rejected / NotSupported); issue 12 fills them in.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from everest_py.generated.interfaces.system import SystemHandler
from everest_py.generated.types import network as _network
from everest_py.generated.types import system as _system

from .options import SimulationOptions

__all__ = ["ResetRecord", "SimulatedSystem"]

_log = logging.getLogger(__name__)

ResetHook = Callable[[_system.ResetType, bool], Awaitable[None]]


@dataclass(frozen=True)
class ResetRecord:
    type: _system.ResetType
    scheduled: bool


class SimulatedSystem(SystemHandler):
    """Serve as ``main`` of ``sim_system``. ``on_reset`` (set by the station, or by the app)
    runs on every reset: the simulated reboot."""

    def __init__(
        self,
        options: SimulationOptions | None = None,
        *,
        boot_reason: _system.BootReason = _system.BootReason.PowerUp,
    ) -> None:
        self.options = options or SimulationOptions()
        self.refuse_reset = self.options.refuse_reset
        self.boot_reason = boot_reason
        self.resets: list[ResetRecord] = []
        self.system_time: datetime | None = None
        self.on_reset: ResetHook | None = None

    async def handle_is_reset_allowed(self, type: _system.ResetType) -> bool:
        return not self.refuse_reset

    async def handle_reset(self, type: _system.ResetType, scheduled: bool) -> None:
        self.resets.append(ResetRecord(type, scheduled))
        del self.resets[:-16]
        _log.info("simulated system: %s reset (scheduled: %s)", type.value, scheduled)
        # After a reboot the system reports why it booted.
        self.boot_reason = _system.BootReason.RemoteReset
        if self.on_reset is not None:
            await self.on_reset(type, scheduled)

    async def handle_set_system_time(self, timestamp: datetime) -> bool:
        # The simulation keeps the host's clock; it records what it was told.
        self.system_time = timestamp
        return True

    async def handle_get_boot_reason(self) -> _system.BootReason:
        return self.boot_reason

    async def handle_update_firmware(
        self, firmware_update_request: _system.FirmwareUpdateRequest
    ) -> _system.UpdateFirmwareResponse:
        return _system.UpdateFirmwareResponse.Rejected

    async def handle_allow_firmware_installation(self) -> None:
        return None  # nothing is ever waiting to be installed

    async def handle_upload_logs(
        self, upload_logs_request: _system.UploadLogsRequest
    ) -> _system.UploadLogsResponse:
        return _system.UploadLogsResponse(upload_logs_status=_system.UploadLogsStatus.Rejected)

    async def handle_configure_network(
        self, request: _network.ConfigureNetworkRequest
    ) -> _network.ConfigureNetworkResponse:
        return _network.ConfigureNetworkResponse(
            status=_network.ConfigureNetworkStatusEnum.NotSupported
        )
