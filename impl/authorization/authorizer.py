"""Who may charge: `Authorization.authorize(idTag)` decides from the local authorization list,
the authorization cache and Authorize.req, by the rules of OCPP 1.6 section 3.5 and the
configuration keys LocalAuthListEnabled, AuthorizationCacheEnabled, LocalPreAuthorize,
LocalAuthorizeOffline and AllowOfflineTxForUnknownId (docs/authorization.md)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ocpp.v16 import call
from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import UpdateStatus

from ..configuration import Configuration
from ..ocpp import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint
from .cache import MAX_CACHE_ENTRIES, AuthorizationCache
from .entries import MAX_ID_TAG_LENGTH, AuthEntry, BadEntry, accepted, entry_from_info, invalid
from .local_list import LocalAuthList
from .store import AuthStore

LOGGER = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Authorization:
    """The authorizer: `authorize` and `learn` are what the transactions code uses; the CSMS
    actions use `clear_cache`, `send_local_list` and `local_list_version`."""

    def __init__(
        self,
        data_dir: Path,
        configuration: Configuration,
        endpoint: Callable[[], RpcEndpoint | None],
        *,
        registered: Callable[[], bool] = lambda: True,
        clock: Callable[[], datetime] = _utc_now,
        cache_size: int = MAX_CACHE_ENTRIES,
    ) -> None:
        """`endpoint()` is the session's endpoint of the moment (None: not connected);
        `registered()` is whether the CSMS accepted the BootNotification (before that no
        Authorize.req may go out: offline rules apply); `clock()` is the time expiry dates are
        compared with. Reads the database at once (blocking: call it at start-up)."""
        if cache_size < 1:
            raise ValueError(f"the authorization cache needs room for one entry, not {cache_size}")
        data_dir.mkdir(parents=True, exist_ok=True)
        self._configuration = configuration
        self._endpoint = endpoint
        self._registered = registered
        self._clock = clock
        self._store = AuthStore(data_dir)
        stored = self._store.load()
        self.local_list = LocalAuthList(self._store, stored.list_version, stored.local_list)
        self.cache = AuthorizationCache(self._store, stored.cache, cache_size)

    async def close(self) -> None:
        """Write the pending cache changes and close the database."""
        await self._store.close()

    # --- authorizing ---------------------------------------------------------------------------

    async def authorize(self, id_tag: str) -> IdTagInfo:
        """The idTagInfo for `id_tag`: from the CSMS when it can answer, else by the offline
        rules. Never raises for the CSMS's sake: a CALLERROR or a broken answer is Invalid."""
        if not 0 < len(id_tag) <= MAX_ID_TAG_LENGTH:
            LOGGER.warning("idTag of %d characters refused: OCPP 1.6 allows 1..20", len(id_tag))
            return invalid()
        endpoint = self._endpoint() if self._registered() else None
        if endpoint is not None:
            if self._flag("LocalPreAuthorize"):
                known = self._local_entry(id_tag)
                if known is not None and known.valid(self._clock()):
                    return known.id_tag_info()
            try:
                answer = await endpoint.request(call.Authorize(id_tag=id_tag))
            except (TimeoutError, ConnectionLost) as error:
                LOGGER.info("Authorize.req not answered (%s): offline rules decide", error)
            except (CallErrorReceived, InvalidResponse) as error:
                LOGGER.warning("Authorize.req failed: %s", error)
                return invalid()
            else:
                return self._answered(id_tag, answer.id_tag_info)
        return self._offline(id_tag)

    def learn(self, id_tag: str, info: IdTagInfo | dict[str, Any]) -> None:
        """Remember the idTagInfo the CSMS gave (Authorize.conf, Start/StopTransaction.conf) in
        the authorization cache, when it is enabled. The snake_case dict an endpoint's call
        result carries for it is taken as well."""
        if not self._flag("AuthorizationCacheEnabled") or not id_tag:
            return
        if self._listed(id_tag):
            return  # OCPP 1.6 §3.5.3: an idTag on the local list is not added to the cache.
        try:
            entry = entry_from_info(info)
        except BadEntry as error:
            LOGGER.warning("idTagInfo for the cache ignored: %s", error)
            return
        self.cache.put(id_tag, entry, self._clock())

    def _answered(self, id_tag: str, info: IdTagInfo | dict[str, Any]) -> IdTagInfo:
        try:
            entry = entry_from_info(info)
        except BadEntry as error:
            LOGGER.warning("Authorize.conf not understood: %s", error)
            return invalid()
        answer = entry.id_tag_info()
        self.learn(id_tag, answer)
        return answer

    def _offline(self, id_tag: str) -> IdTagInfo:
        # Only LocalAuthorizeOffline lets the list and cache speak; without it every idTag is
        # unknown to the offline rules.
        if self._flag("LocalAuthorizeOffline"):
            known = self._local_entry(id_tag)
            if known is not None:
                return known.id_tag_info()
        if self._flag("AllowOfflineTxForUnknownId"):
            return accepted()
        return invalid()

    def _local_entry(self, id_tag: str) -> AuthEntry | None:
        """What the enabled local list, else the enabled cache, knows of `id_tag` now (an
        Accepted entry past its expiryDate reads as Expired); None: unknown here."""
        now = self._clock()
        if self._flag("LocalAuthListEnabled"):
            listed = self.local_list.get(id_tag)
            if listed is not None:
                return listed.as_of(now)
        if self._flag("AuthorizationCacheEnabled"):
            cached = self.cache.get(id_tag)
            if cached is not None:
                current = cached.as_of(now)
                if current is not cached:
                    self.cache.replace(id_tag, current)  # expired for good: stored as such
                self.cache.used(id_tag)
                return current
        return None

    def _listed(self, id_tag: str) -> bool:
        return self._flag("LocalAuthListEnabled") and self.local_list.get(id_tag) is not None

    def _flag(self, key: str) -> bool:
        return self._configuration.value(key) == "true"

    # --- the CSMS's requests -------------------------------------------------------------------

    async def clear_cache(self) -> bool:
        """ClearCache.req: False (Rejected) while the cache is disabled, as libocpp answers."""
        if not self._flag("AuthorizationCacheEnabled"):
            return False
        await self.cache.clear()
        return True

    def local_list_version(self) -> int:
        """GetLocalListVersion.req: -1 while the local list is disabled, 0 while it is empty."""
        if not self._flag("LocalAuthListEnabled"):
            return -1
        return self.local_list.version

    async def send_local_list(
        self, update_type: str, list_version: int, items: Sequence[Mapping[str, Any]] | None
    ) -> UpdateStatus:
        """SendLocalList.req, stored (fsynced) before this returns Accepted."""
        if not self._flag("LocalAuthListEnabled"):
            return UpdateStatus.not_supported
        status = await self.local_list.update(
            update_type,
            list_version,
            items,
            max_entries=self._configuration.integer("LocalAuthListMaxLength"),
            max_items=self._configuration.integer("SendLocalListMaxLength"),
        )
        if status is UpdateStatus.accepted:
            # What the cache learnt of an idTag before it was listed must not outlive its
            # removal from the list (OCPP 1.6 §3.5.3: listed idTags are not in the cache).
            self.cache.discard(self.local_list.get)
        return status
