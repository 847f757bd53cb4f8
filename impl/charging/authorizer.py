"""Who decides whether an idTag may charge. The charge point asks through `TokenAuthorizer`;
`OnlineAuthorizer` asks the CSMS (Authorize.req) each time. The full authorizer (cache, local
list, offline rules) plugs in through the same protocol."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from ocpp.v16 import call
from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import AuthorizationStatus

from ..ocpp import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint

LOGGER = logging.getLogger(__name__)


class TokenAuthorizer(Protocol):
    async def authorize(self, id_tag: str) -> IdTagInfo:
        """The idTagInfo for `id_tag` (Invalid when nobody can tell)."""
        ...

    def learn(self, id_tag: str, info: IdTagInfo) -> None:
        """An idTagInfo the CSMS sent with Start/StopTransaction.conf."""
        ...


class OnlineAuthorizer:
    """Authorize.req through the session's endpoint; offline or unanswered: Invalid."""

    def __init__(self, endpoint: Callable[[], RpcEndpoint | None]) -> None:
        self._endpoint = endpoint

    async def authorize(self, id_tag: str) -> IdTagInfo:
        endpoint = self._endpoint()
        if endpoint is None:
            return IdTagInfo(status=AuthorizationStatus.invalid)
        try:
            answer = await endpoint.request(call.Authorize(id_tag=id_tag))
        except (CallErrorReceived, ConnectionLost, InvalidResponse, TimeoutError) as error:
            LOGGER.warning("Authorize.req failed: %s", error)
            return IdTagInfo(status=AuthorizationStatus.invalid)
        return id_tag_info(answer.id_tag_info)

    def learn(self, id_tag: str, info: IdTagInfo) -> None:
        """Nothing to remember without a cache."""


def id_tag_info(value: Any) -> IdTagInfo:
    """An idTagInfo of an answer (snake_case dict as the endpoint gives it) as the dataclass."""
    if isinstance(value, IdTagInfo):
        return value
    fields = value if isinstance(value, dict) else {}
    return IdTagInfo(
        status=AuthorizationStatus(fields.get("status", AuthorizationStatus.invalid)),
        expiry_date=fields.get("expiry_date"),
        parent_id_tag=fields.get("parent_id_tag"),
    )
