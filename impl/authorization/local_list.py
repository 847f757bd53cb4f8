"""The local authorization list: the idTags the CSMS installs with SendLocalList.req, with its
version; in memory for lookups, on disk (committed) before an update is acknowledged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from ocpp.v16.enums import UpdateStatus, UpdateType

from .entries import AuthEntry, BadEntry, entry_from_info, tag_key
from .store import AuthorizationStoreError, AuthStore

LOGGER = logging.getLogger(__name__)


class LocalAuthList:
    def __init__(self, store: AuthStore, version: int, entries: Mapping[str, AuthEntry]) -> None:
        self._store = store
        self._version = version
        self._entries = {tag_key(id_tag): entry for id_tag, entry in entries.items()}
        self._updating = asyncio.Lock()  # one update at a time, in memory as on disk

    @property
    def version(self) -> int:
        """GetLocalListVersion: 0 while the list is empty (OCPP 1.6 5.9), else its version."""
        return self._version if self._entries else 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, id_tag: str) -> AuthEntry | None:
        return self._entries.get(tag_key(id_tag))

    async def update(
        self,
        update_type: str,
        version: int,
        items: Sequence[Mapping[str, Any]] | None,
        max_entries: int,
        max_items: int,
    ) -> UpdateStatus:
        """Apply a SendLocalList.req (its items as snake_case dicts); the answer to send."""
        items = items or []
        if len(items) > max_items:
            LOGGER.warning(
                "SendLocalList with %d entries refused: SendLocalListMaxLength is %d",
                len(items),
                max_items,
            )
            return UpdateStatus.failed
        try:
            changes = _changes(items)
        except BadEntry as error:
            LOGGER.warning("SendLocalList refused: %s", error)
            return UpdateStatus.failed
        async with self._updating:
            try:
                if update_type == UpdateType.full:
                    return await self._replace(version, changes, max_entries)
                return await self._merge(version, changes, max_entries)
            except AuthorizationStoreError as error:
                # Nothing changed in memory; the transaction on disk rolled back.
                LOGGER.error("SendLocalList could not be stored: %s", error)
                return UpdateStatus.failed

    async def _replace(
        self, version: int, changes: Mapping[str, AuthEntry | None], max_entries: int
    ) -> UpdateStatus:
        # A Full update lists the new list; an item without idTagInfo adds nothing.
        entries = {id_tag: entry for id_tag, entry in changes.items() if entry is not None}
        if len(entries) > max_entries:
            return _too_long(len(entries), max_entries)
        await self._store.replace_local_list(version, entries)
        self._version, self._entries = version, entries
        return UpdateStatus.accepted

    async def _merge(
        self, version: int, changes: Mapping[str, AuthEntry | None], max_entries: int
    ) -> UpdateStatus:
        # Compared with the version GetLocalListVersion reports (0 once the list is empty),
        # the one the CSMS knows: OCPP 1.6 §5.10.
        if version <= self.version:
            LOGGER.info(
                "Differential SendLocalList version %d refused: the list has version %d",
                version,
                self.version,
            )
            return UpdateStatus.version_mismatch
        merged = dict(self._entries)
        for id_tag, entry in changes.items():
            if entry is None:
                merged.pop(id_tag, None)
            else:
                merged[id_tag] = entry
        if len(merged) > max_entries:
            return _too_long(len(merged), max_entries)
        await self._store.update_local_list(version, changes)
        self._version, self._entries = version, merged
        return UpdateStatus.accepted


def _changes(items: Sequence[Mapping[str, Any]]) -> dict[str, AuthEntry | None]:
    """idTag (its key: case does not count) -> its new entry, or None (no idTagInfo: removed
    by a Differential update). A repeated idTag, in any case: the last item wins."""
    changes: dict[str, AuthEntry | None] = {}
    for item in items:
        info = item.get("id_tag_info")
        changes[tag_key(str(item["id_tag"]))] = None if info is None else entry_from_info(info)
    return changes


def _too_long(length: int, max_entries: int) -> UpdateStatus:
    LOGGER.warning(
        "SendLocalList refused: the list would hold %d entries, LocalAuthListMaxLength is %d",
        length,
        max_entries,
    )
    return UpdateStatus.failed
