"""GetDiagnostics (Firmware Management profile) and GetLog (security whitepaper): the required
`system` module uploads the file; its progress comes as DiagnosticsStatusNotification /
LogStatusNotification through the firmware service (firmware/)."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, LogStatus

from .context import ActionContext
from .firmware import refused_when_invalid
from .registry import csms_action


@csms_action(Action.get_diagnostics)
async def get_diagnostics(
    context: ActionContext,
    location: str,
    retries: int | None = None,
    retry_interval: int | None = None,
    start_time: str | None = None,
    stop_time: str | None = None,
    **_: Any,
) -> call_result.GetDiagnostics:
    with refused_when_invalid("startTime/stopTime"):
        file_name = await context.charge_point.firmware.get_diagnostics(
            location, retries, retry_interval, start_time, stop_time
        )
    return call_result.GetDiagnostics(file_name=file_name)


@csms_action(Action.get_log)
async def get_log(
    context: ActionContext,
    log: dict[str, Any],
    log_type: str,
    request_id: int,
    retries: int | None = None,
    retry_interval: int | None = None,
    **_: Any,
) -> call_result.GetLog:
    with refused_when_invalid("log timestamps"):
        status, file_name = await context.charge_point.firmware.get_log(
            log_type, request_id, log, retries, retry_interval
        )
    return call_result.GetLog(status=LogStatus(status), filename=file_name)
