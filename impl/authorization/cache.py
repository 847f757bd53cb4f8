"""The authorization cache: idTagInfo the CSMS gave for idTags (Authorize.conf,
StartTransaction.conf, StopTransaction.conf), kept in memory for lookups and on disk through
the store.

Bounded: at most `capacity` entries (MAX_CACHE_ENTRIES unless told). When a new idTag arrives
at a full cache, one entry goes, as OCPP 1.6 (3.5.1) suggests: the least recently used entry
that no longer authorizes (not Accepted, or expired); when every entry still authorizes, the
least recently used one. "Used" means learned or used to authorize."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import Final

from .entries import AuthEntry, tag_key
from .store import AuthStore

MAX_CACHE_ENTRIES: Final = 1000


class AuthorizationCache:
    def __init__(
        self, store: AuthStore, stored: list[tuple[str, AuthEntry, int]], capacity: int
    ) -> None:
        if capacity < 1:
            raise ValueError(f"the authorization cache needs room for one entry, not {capacity}")
        self._store = store
        self.capacity = capacity
        # Least recently used first, with the use counter persisted to keep that order.
        # Keyed by tag_key: an idTag is case-insensitive (stored keys of older runs too).
        self._entries: OrderedDict[str, tuple[AuthEntry, int]] = OrderedDict(
            (tag_key(id_tag), (entry, used)) for id_tag, entry, used in stored
        )
        self._uses = max((used for _, _, used in stored), default=0)
        while len(self._entries) > capacity:  # the bound was lowered since the last run
            id_tag, _ = self._entries.popitem(last=False)
            store.cache_changed(id_tag, None)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, id_tag: str) -> AuthEntry | None:
        found = self._entries.get(tag_key(id_tag))
        return None if found is None else found[0]

    def put(self, id_tag: str, entry: AuthEntry, now: datetime) -> None:
        """Learn (or update) an entry; it becomes the most recently used one."""
        id_tag = tag_key(id_tag)
        if id_tag not in self._entries and len(self._entries) >= self.capacity:
            self._evict(now)
        self._entries[id_tag] = (entry, self._uses)
        self._used(id_tag)

    def used(self, id_tag: str) -> None:
        id_tag = tag_key(id_tag)
        if id_tag in self._entries:
            self._used(id_tag)

    def replace(self, id_tag: str, entry: AuthEntry) -> None:
        """Change an entry in place (e.g. Accepted turned Expired) without using it."""
        id_tag = tag_key(id_tag)
        found = self._entries.get(id_tag)
        if found is not None:
            self._entries[id_tag] = (entry, found[1])
            self._store.cache_changed(id_tag, self._entries[id_tag])

    def discard(self, listed: Callable[[str], object | None]) -> None:
        """Drop every entry whose idTag `listed` knows (not None)."""
        for id_tag in [id_tag for id_tag in self._entries if listed(id_tag) is not None]:
            del self._entries[id_tag]
            self._store.cache_changed(id_tag, None)

    async def clear(self) -> None:
        """Empty the cache, on disk before this returns."""
        self._entries.clear()
        await self._store.clear_cache()

    def _used(self, id_tag: str) -> None:
        self._uses += 1
        self._entries[id_tag] = (self._entries[id_tag][0], self._uses)
        self._entries.move_to_end(id_tag)
        self._store.cache_changed(id_tag, self._entries[id_tag])

    def _evict(self, now: datetime) -> None:
        victim = next(
            (id_tag for id_tag, (entry, _) in self._entries.items() if not entry.valid(now)),
            next(iter(self._entries)),
        )
        del self._entries[victim]
        self._store.cache_changed(victim, None)
