"""What a CSMS action may use: the charge point's parts and the endpoint the CALL came in on."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

# Only named in annotations: the feature packages (and their generated types) load with the
# charge point's parts that use them, not with the actions' context (start-up time).
if TYPE_CHECKING:
    from ocpp.v16.enums import ConfigurationStatus

    from ..authorization import Authorization
    from ..certificates import Certificates
    from ..charging import ChargingStation, TransactionMessages
    from ..configuration import ChangeOrigin, Configuration
    from ..connectors import Connectors
    from ..data_transfer import IncomingDataTransfer
    from ..firmware import FirmwareService
    from ..ocpp import OcppSession, RpcEndpoint
    from ..security import SecurityEvents
    from ..settings import Settings
    from ..smart_charging import SmartCharging


class ChargePointServices(Protocol):
    """The charge point core as the actions see it."""

    settings: Settings
    configuration: Configuration
    session: OcppSession
    security: SecurityEvents
    connectors: Connectors
    charging: ChargingStation
    transaction_messages: TransactionMessages
    authorization: Authorization
    data_transfer: IncomingDataTransfer
    smart_charging: SmartCharging
    firmware: FirmwareService
    certificates: Certificates

    def change_configuration(
        self, key: str, value: str, origin: ChangeOrigin, endpoint: RpcEndpoint | None
    ) -> ConfigurationStatus:
        """Change a key with everything that follows (security event, reconnect)."""
        ...

    async def stored_configuration_change(
        self, key: str, value: str, origin: ChangeOrigin, endpoint: RpcEndpoint | None = None
    ) -> ConfigurationStatus:
        """`change_configuration`, answered once on disk; Rejected and undone if it cannot be."""
        ...

    def detach(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` on a task that outlives the connection the request came on."""
        ...


class ActionContext(NamedTuple):
    charge_point: ChargePointServices
    # A handler never awaits an outgoing call (the CSMS would wait for our reply behind our
    # own CALL): what must follow its reply is queued with `endpoint.after_reply`.
    endpoint: RpcEndpoint
