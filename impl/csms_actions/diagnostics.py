"""GetDiagnostics (Firmware Management profile) and GetLog (security whitepaper): the required
`system` module uploads the file; its progress comes as DiagnosticsStatusNotification /
LogStatusNotification through the firmware service (firmware/)."""

from __future__ import annotations

from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, LogStatus

from ..firmware import SystemFailed, SystemUnavailable
from ..ocpp import CallRefused, ErrorCode
from .context import ActionContext
from .firmware import reason_of
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
    try:
        file_name = await context.charge_point.firmware.get_diagnostics(
            location, retries, retry_interval, start_time, stop_time
        )
    except ValueError as error:
        raise CallRefused(
            ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, f"startTime/stopTime: {reason_of(error)}"
        ) from None
    except SystemUnavailable as error:
        raise CallRefused(ErrorCode.NOT_SUPPORTED, str(error)) from error
    except SystemFailed as error:
        raise CallRefused(ErrorCode.INTERNAL_ERROR, str(error)) from error
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
    try:
        status, file_name = await context.charge_point.firmware.get_log(
            log_type, request_id, log, retries, retry_interval
        )
    except ValueError as error:
        raise CallRefused(
            ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, f"log timestamps: {reason_of(error)}"
        ) from None
    return call_result.GetLog(status=LogStatus(status), filename=file_name)
