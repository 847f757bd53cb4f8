"""The authorization cache's bound and eviction order, kept across a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import AuthorizationStatus

from everest_py.ocpp16.authorization import (
    FILE_NAME,
    MAX_CACHE_ENTRIES,
    Authorization,
    AuthorizationStoreError,
)
from everest_py.ocpp16.configuration import Configuration, StateFile
from tests.impl.auth_support import Clock

ACCEPTED, BLOCKED = AuthorizationStatus.accepted, AuthorizationStatus.blocked


def configuration(data: Path) -> Configuration:
    return Configuration(StateFile(data), {"AuthorizationCacheEnabled": "true"}, {})


def authorizer(data: Path, clock: Clock, cache_size: int = 3) -> Authorization:
    return Authorization(
        data, configuration(data), lambda: None, clock=clock, cache_size=cache_size
    )


def cached(authorization: Authorization, *id_tags: str) -> list[str]:
    return [id_tag for id_tag in id_tags if authorization.cache.get(id_tag) is not None]


async def test_a_full_cache_drops_an_entry_that_no_longer_authorizes_first(tmp_path: Path) -> None:
    clock = Clock()
    authorization = authorizer(tmp_path, clock)
    authorization.learn("OLD-VALID", IdTagInfo(status=ACCEPTED))
    authorization.learn("BLOCKED", IdTagInfo(status=BLOCKED))
    authorization.learn("EXPIRING", IdTagInfo(status=ACCEPTED, expiry_date=clock.iso(10)))
    authorization.learn("NEW-1", IdTagInfo(status=ACCEPTED))
    assert cached(authorization, "OLD-VALID", "BLOCKED", "EXPIRING", "NEW-1") == [
        "OLD-VALID", "EXPIRING", "NEW-1"
    ]  # fmt: skip
    clock.advance(11)
    authorization.learn("NEW-2", IdTagInfo(status=ACCEPTED))
    assert cached(authorization, "OLD-VALID", "EXPIRING", "NEW-1", "NEW-2") == [
        "OLD-VALID", "NEW-1", "NEW-2"
    ]  # fmt: skip
    await authorization.close()


async def test_when_all_authorize_the_least_recently_used_goes_also_after_restart(
    tmp_path: Path,
) -> None:
    clock = Clock()
    authorization = authorizer(tmp_path, clock)
    for id_tag in ("A", "B", "C"):
        authorization.learn(id_tag, IdTagInfo(status=ACCEPTED))
    assert (await authorization.authorize("A")).status == ACCEPTED  # offline: A is used now
    await authorization.close()

    again = authorizer(tmp_path, clock)
    again.learn("D", IdTagInfo(status=ACCEPTED))
    assert cached(again, "A", "B", "C", "D") == ["A", "C", "D"]
    await again.close()


async def test_a_lowered_bound_trims_the_stored_cache(tmp_path: Path) -> None:
    clock = Clock()
    authorization = authorizer(tmp_path, clock)
    for id_tag in ("A", "B", "C"):
        authorization.learn(id_tag, IdTagInfo(status=ACCEPTED))
    await authorization.close()
    smaller = authorizer(tmp_path, clock, cache_size=2)
    assert cached(smaller, "A", "B", "C") == ["B", "C"]
    await smaller.close()


def test_the_default_bound_and_a_useless_one(tmp_path: Path) -> None:
    assert MAX_CACHE_ENTRIES == 1000
    with pytest.raises(ValueError, match="room for one entry"):
        authorizer(tmp_path, Clock(), cache_size=0)


def test_an_unreadable_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(AuthorizationStoreError, match=FILE_NAME):
        authorizer(tmp_path, Clock())


async def test_learn_takes_the_dict_a_call_result_carries(tmp_path: Path) -> None:
    clock = Clock()
    authorization = authorizer(tmp_path, clock)
    authorization.learn("A", {"status": "Blocked", "parent_id_tag": "P"})
    authorization.learn("B", {"status": "NoSuchStatus"})  # ignored, logged
    found = authorization.cache.get("A")
    assert found is not None and (found.status, found.parent_id_tag) == (BLOCKED, "P")
    assert authorization.cache.get("B") is None
    await authorization.close()
