"""UpdateFirmware (Firmware Management profile) and SignedUpdateFirmware (security whitepaper),
carried out by the required `system` module through the firmware service (firmware/)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from ocpp.v16 import call_result
from ocpp.v16.enums import Action, UpdateFirmwareStatus

from ..firmware import SystemFailed, SystemUnavailable
from ..ocpp import CallRefused, ErrorCode
from .context import ActionContext
from .registry import csms_action


@csms_action(Action.update_firmware)
async def update_firmware(
    context: ActionContext,
    location: str,
    retrieve_date: str,
    retries: int | None = None,
    retry_interval: int | None = None,
    **_: Any,
) -> call_result.UpdateFirmware:
    # UpdateFirmware.conf has no status: what cannot even start is a CALLERROR.
    with refused_when_invalid("retrieveDate"):
        await context.charge_point.firmware.update_firmware(
            location, retrieve_date, retries, retry_interval
        )
    return call_result.UpdateFirmware()


@csms_action(Action.signed_update_firmware)
async def signed_update_firmware(
    context: ActionContext,
    request_id: int,
    firmware: dict[str, Any],
    retries: int | None = None,
    retry_interval: int | None = None,
    **_: Any,
) -> call_result.SignedUpdateFirmware:
    with refused_when_invalid("firmware date-time"):
        status = await context.charge_point.firmware.signed_update_firmware(
            request_id, firmware, retries, retry_interval
        )
    return call_result.SignedUpdateFirmware(status=UpdateFirmwareStatus(status))


@contextlib.contextmanager
def refused_when_invalid(field: str) -> Iterator[None]:
    """A firmware-area request that cannot even start, as its CALLERROR: a bad `field` value
    PropertyConstraintViolation, no `system` module NotSupported, a failing one InternalError."""
    try:
        yield
    except ValueError as error:
        raise CallRefused(
            ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, f"{field}: {reason_of(error)}"
        ) from None
    except SystemUnavailable as error:
        raise CallRefused(ErrorCode.NOT_SUPPORTED, str(error)) from error
    except SystemFailed as error:
        raise CallRefused(ErrorCode.INTERNAL_ERROR, str(error)) from error


def reason_of(error: ValueError) -> str:
    """What was wrong, for a CALLERROR: pydantic's message without its documentation link."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[-2] if len(lines) >= 2 else (lines[0] if lines else "invalid")
