"""Answers to the CSMS's requests (the `@on` handlers). The decisions live in the charge point
core (`CsmsServices`); these methods translate between OCPP payloads and it.

A handler never awaits an outgoing call: what must follow its reply is queued with
`after_reply`.
"""

from __future__ import annotations

from typing import Any, Protocol

from ocpp.v16 import call_result
from ocpp.v16.datatypes import KeyValue
from ocpp.v16.enums import (
    Action,
    AvailabilityStatus,
    ClearCacheStatus,
    DataTransferStatus,
    ResetStatus,
    TriggerMessageStatus,
    UnlockStatus,
)

from .configuration import ChangeStatus, Configuration
from .frames import ErrorCode
from .rpc import CallRefused, OcppRpc, handles


class CsmsServices(Protocol):
    configuration: Configuration

    def change_configuration(self, endpoint: OcppRpc, key: str, value: str) -> ChangeStatus: ...
    def reset(self, endpoint: OcppRpc, kind: str) -> ResetStatus: ...
    def trigger(
        self, endpoint: OcppRpc, message: str, connector_id: int | None
    ) -> TriggerMessageStatus: ...
    def change_availability(
        self, endpoint: OcppRpc, connector_id: int, kind: str
    ) -> AvailabilityStatus: ...
    def data_transfer(
        self, vendor_id: str, message_id: str | None, data: str | None
    ) -> tuple[DataTransferStatus, str | None]: ...


class CsmsHandlers(OcppRpc):
    def __init__(self, services: CsmsServices, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._services = services

    @handles(Action.get_configuration)
    def on_get_configuration(self, key: list[str] | None = None, **_: Any) -> Any:
        configuration = self._services.configuration
        keys = key or []
        limit = configuration.integer("GetConfigurationMaxKeys")
        if len(keys) > limit:
            raise CallRefused(
                ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
                f"{len(keys)} keys requested; GetConfigurationMaxKeys is {limit}",
            )
        known, unknown = configuration.read(keys)
        return call_result.GetConfiguration(
            configuration_key=[KeyValue(k.key, k.read_only, k.value) for k in known] or None,
            unknown_key=unknown or None,
        )

    @handles(Action.change_configuration)
    def on_change_configuration(self, key: str, value: str, **_: Any) -> Any:
        status = self._services.change_configuration(self, key, value)
        return call_result.ChangeConfiguration(status=status.value)

    @handles(Action.reset)
    def on_reset(self, type: str, **_: Any) -> Any:
        return call_result.Reset(status=self._services.reset(self, type))

    @handles(Action.trigger_message)
    def on_trigger_message(
        self, requested_message: str, connector_id: int | None = None, **_: Any
    ) -> Any:
        status = self._services.trigger(self, requested_message, connector_id)
        return call_result.TriggerMessage(status=status)

    @handles(Action.change_availability)
    def on_change_availability(self, connector_id: int, type: str, **_: Any) -> Any:
        status = self._services.change_availability(self, connector_id, type)
        return call_result.ChangeAvailability(status=status)

    @handles(Action.data_transfer)
    def on_data_transfer(
        self, vendor_id: str, message_id: str | None = None, data: str | None = None, **_: Any
    ) -> Any:
        status, reply = self._services.data_transfer(vendor_id, message_id, data)
        return call_result.DataTransfer(status=status, data=reply)

    @handles(Action.clear_cache)
    def on_clear_cache(self, **_: Any) -> Any:
        # The charge point keeps no authorization cache, so it is always clear.
        return call_result.ClearCache(status=ClearCacheStatus.accepted)

    @handles(Action.unlock_connector)
    def on_unlock_connector(self, connector_id: int, **_: Any) -> Any:
        # No connector lock hardware is attached.
        return call_result.UnlockConnector(status=UnlockStatus.not_supported)
