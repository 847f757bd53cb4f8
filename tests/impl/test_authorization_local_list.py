"""SendLocalList, GetLocalListVersion and ClearCache from the loopback CSMS, and what survives a
restart of the charge point."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from ocpp.exceptions import OCPPError
from ocpp.v16 import call
from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import AuthorizationStatus, ClearCacheStatus, UpdateStatus

from everest_py.ocpp16 import ChargePointCore, Registration
from everest_py.ocpp16.authorization import FILE_NAME, Authorization
from everest_py.ocpp16.authorization.entries import AuthEntry
from everest_py.ocpp16.authorization.store import AuthStore
from tests.impl.auth_support import Clock, StartWithAuthorization, clock, start_with_authorization
from tests.impl.csms import Csms

__all__ = ["clock", "start_with_authorization"]
ACCEPTED, BLOCKED = AuthorizationStatus.accepted, AuthorizationStatus.blocked


def entry(id_tag: str, status: str | None = "Accepted") -> dict[str, Any]:
    return (
        {"idTag": id_tag} if status is None else {"idTag": id_tag, "idTagInfo": {"status": status}}
    )


async def started(
    csms: Csms, start: StartWithAuthorization, **changes: Any
) -> tuple[ChargePointCore, Authorization]:
    core, authorization = await start(csms.url, **changes)
    await csms.wait_for(lambda: core.session.registration is Registration.ACCEPTED)
    return core, authorization


async def send(csms: Csms, version: int, update_type: str, *entries: dict[str, Any]) -> str:
    answer = await csms.call(
        call.SendLocalList(
            list_version=version,
            update_type=update_type,
            local_authorization_list=list(entries) if entries else None,
        )
    )
    return str(answer.status)


async def version(csms: Csms) -> int:
    return int((await csms.call(call.GetLocalListVersion())).list_version)


def listed(authorization: Authorization) -> dict[str, str]:
    return {
        id_tag: str(found.status)
        for id_tag in ("A", "B", "C", "D")
        if (found := authorization.local_list.get(id_tag)) is not None
    }


async def test_full_then_differential_updates(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    _, authorization = await started(csms, start_with_authorization)
    assert await version(csms) == 0  # no list yet
    assert await send(csms, 5, "Full", entry("A"), entry("B", "Blocked")) == UpdateStatus.accepted
    assert await version(csms) == 5
    assert listed(authorization) == {"A": "Accepted", "B": "Blocked"}
    # Differential: C added, B changed, A removed (no idTagInfo).
    assert (
        await send(csms, 6, "Differential", entry("C"), entry("B"), entry("A", None))
        == UpdateStatus.accepted
    )
    assert listed(authorization) == {"B": "Accepted", "C": "Accepted"}
    assert await version(csms) == 6
    # Full replaces everything.
    assert await send(csms, 2, "Full", entry("D")) == UpdateStatus.accepted
    assert listed(authorization) == {"D": "Accepted"}
    assert await version(csms) == 2


@pytest.mark.parametrize("stale", [3, 4])
async def test_a_differential_update_not_newer_is_a_version_mismatch(
    csms: Csms, start_with_authorization: StartWithAuthorization, stale: int
) -> None:
    _, authorization = await started(csms, start_with_authorization)
    await send(csms, 4, "Full", entry("A"))
    assert await send(csms, stale, "Differential", entry("B")) == UpdateStatus.version_mismatch
    assert listed(authorization) == {"A": "Accepted"}
    assert await version(csms) == 4


async def test_an_empty_full_list_reads_as_version_0(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    _, authorization = await started(csms, start_with_authorization)
    await send(csms, 4, "Full", entry("A"))
    assert await send(csms, 7, "Full") == UpdateStatus.accepted
    assert listed(authorization) == {}
    assert await version(csms) == 0


async def test_a_list_emptied_takes_a_differential_update_newer_than_version_0(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    # OCPP 1.6 §5.10: an empty list has version 0, and a Differential is compared with the
    # version the CSMS was told, not with the one of the entries removed.
    _, authorization = await started(csms, start_with_authorization)
    await send(csms, 5, "Full", entry("A"))
    assert await send(csms, 6, "Differential", entry("A", None)) == UpdateStatus.accepted
    assert await version(csms) == 0
    assert await send(csms, 1, "Differential", entry("B")) == UpdateStatus.accepted
    assert listed(authorization) == {"B": "Accepted"}
    assert await version(csms) == 1


async def test_more_entries_than_send_local_list_max_length_fail(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    _, authorization = await started(
        csms, start_with_authorization, configuration={"SendLocalListMaxLength": "2"}
    )
    entries = (entry("A"), entry("B"), entry("C"))
    assert await send(csms, 1, "Full", *entries) == UpdateStatus.failed
    assert await send(csms, 1, "Full", *entries[:2]) == UpdateStatus.accepted
    assert await send(csms, 2, "Differential", *entries) == UpdateStatus.failed
    assert listed(authorization) == {"A": "Accepted", "B": "Accepted"}


async def test_a_list_longer_than_local_auth_list_max_length_fails(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    _, authorization = await started(
        csms, start_with_authorization, configuration={"LocalAuthListMaxLength": "2"}
    )
    assert await send(csms, 1, "Full", entry("A"), entry("B"), entry("C")) == UpdateStatus.failed
    assert await send(csms, 1, "Full", entry("A"), entry("B")) == UpdateStatus.accepted
    assert await send(csms, 2, "Differential", entry("C")) == UpdateStatus.failed
    # Removing one makes room in the same update.
    assert (
        await send(csms, 2, "Differential", entry("A", None), entry("C")) == UpdateStatus.accepted
    )
    assert listed(authorization) == {"B": "Accepted", "C": "Accepted"}


async def test_an_unreadable_expiry_date_changes_nothing(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    _, authorization = await started(csms, start_with_authorization)
    bad = {"idTag": "A", "idTagInfo": {"status": "Accepted", "expiryDate": "tomorrow"}}
    with pytest.raises(OCPPError):  # the schema's date-time check answers a CALLERROR
        await send(csms, 1, "Full", bad)
    assert await version(csms) == 0
    assert listed(authorization) == {}


async def test_a_disabled_list_is_not_supported_and_reads_minus_1(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    await started(csms, start_with_authorization, configuration={"LocalAuthListEnabled": "false"})
    assert await send(csms, 1, "Full", entry("A")) == UpdateStatus.not_supported
    assert await version(csms) == -1


async def test_the_profile_and_keys_are_advertised(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    await started(csms, start_with_authorization)
    answer = await csms.call(call.GetConfiguration())
    values = {item["key"]: item.get("value") for item in answer.configuration_key}
    assert "LocalAuthListManagement" in str(values["SupportedFeatureProfiles"]).split(",")
    assert {"LocalAuthListEnabled", "LocalAuthListMaxLength", "SendLocalListMaxLength"} <= set(
        values
    )


async def test_clear_cache_empties_the_cache(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    _, authorization = await started(
        csms, start_with_authorization, configuration={"AuthorizationCacheEnabled": "true"}
    )
    authorization.learn("A", IdTagInfo(status=ACCEPTED))
    answer = await csms.call(call.ClearCache())
    assert answer.status == ClearCacheStatus.accepted
    assert authorization.cache.get("A") is None


async def test_an_id_tag_on_the_local_list_is_not_cached(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    # OCPP 1.6 §3.5.3: identifiers on the list are not added to the cache, so one removed from
    # the list is unknown offline, whatever the CSMS said of it while it was listed.
    _, authorization = await started(
        csms, start_with_authorization, configuration={"AuthorizationCacheEnabled": "true"}
    )
    authorization.learn("B", IdTagInfo(status=ACCEPTED))  # cached before it is listed
    await send(csms, 1, "Full", entry("A"), entry("B"))
    assert authorization.cache.get("B") is None
    authorization.learn("A", IdTagInfo(status=ACCEPTED))  # e.g. a StartTransaction.conf
    authorization.learn("C", IdTagInfo(status=ACCEPTED))
    assert [authorization.cache.get(id_tag) is not None for id_tag in "ABC"] == [
        False, False, True
    ]  # fmt: skip


async def test_clear_cache_is_rejected_while_the_cache_is_disabled(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    await started(csms, start_with_authorization)
    answer = await csms.call(call.ClearCache())
    assert answer.status == ClearCacheStatus.rejected


async def test_list_version_and_cache_survive_a_restart(
    csms: Csms, start_with_authorization: StartWithAuthorization, tmp_path: Path, clock: Clock
) -> None:
    data = tmp_path / "persisted"
    options = {"configuration": {"AuthorizationCacheEnabled": "true"}}
    core, authorization = await started(csms, start_with_authorization, data_dir=data, **options)
    await send(csms, 8, "Full", entry("A"), entry("B", "Blocked"))
    await send(csms, 9, "Differential", entry("C"))
    authorization.learn("CACHED", IdTagInfo(status=ACCEPTED, expiry_date=clock.iso(60)))
    authorization.learn("GONE", IdTagInfo(status=ACCEPTED))
    await csms.call(call.ClearCache())
    authorization.learn("LATER", IdTagInfo(status=BLOCKED, parent_id_tag="P"))
    await core.close()
    await authorization.close()
    assert (data / FILE_NAME).exists()

    _, again = await start_with_authorization(csms.url, data_dir=data, connect=False, **options)
    assert again.local_list_version() == 9
    assert listed(again) == {"A": "Accepted", "B": "Blocked", "C": "Accepted"}
    assert again.cache.get("CACHED") is None and again.cache.get("GONE") is None
    later = again.cache.get("LATER")
    assert later is not None and (later.status, later.parent_id_tag) == (BLOCKED, "P")


async def test_every_action_answers_the_loopback_csms_schema(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    # The CSMS fixture fails at close on any schema violation; a bad request gets a CALLERROR.
    await started(csms, start_with_authorization)
    with pytest.raises(OCPPError):
        await csms.call(call.SendLocalList(list_version=1, update_type="Sometimes"))


async def test_an_accepted_update_is_on_disk_before_the_answer(
    csms: Csms, start_with_authorization: StartWithAuthorization, tmp_path: Path
) -> None:
    data = tmp_path / "durable"
    await started(csms, start_with_authorization, data_dir=data)
    assert await send(csms, 3, "Full", entry("A"), entry("B", "Blocked")) == UpdateStatus.accepted
    # Read by another connection while the charge point still runs (nothing closed or flushed):
    # what a process killed right after the answer would find.
    with contextlib.closing(sqlite3.connect(data / FILE_NAME)) as db:
        rows = sorted(db.execute("SELECT id_tag, status FROM local_list"))
        (stored_version,) = db.execute("SELECT version FROM local_list_version").fetchone()
    assert rows == [("A", "Accepted"), ("B", "Blocked")] and stored_version == 3


async def test_id_tags_are_case_insensitive_on_the_list_in_the_cache_and_after_a_restart(
    csms: Csms, start_with_authorization: StartWithAuthorization, tmp_path: Path
) -> None:
    """An IdToken is a CiString (OCPP 1.6 §7.28): a card read as `Card-Abc` is the listed
    `CARD-ABC`, one SendLocalList cannot hold the same idTag twice (the last item wins), and a
    Differential removal in another case removes it, also from what a restart reads."""
    data = tmp_path / "case"
    options = {"configuration": {"AuthorizationCacheEnabled": "true"}}
    core, authorization = await started(csms, start_with_authorization, data_dir=data, **options)
    assert await send(csms, 1, "Full", entry("CARD-ABC"), entry("card-abc", "Blocked")) == (
        UpdateStatus.accepted
    )
    assert len(authorization.local_list) == 1
    found = authorization.local_list.get("Card-Abc")
    assert found is not None and found.status == BLOCKED
    assert await send(csms, 2, "Differential", entry("OTHER"), entry("cArD-aBc", None)) == (
        UpdateStatus.accepted
    )
    assert authorization.local_list.get("CARD-ABC") is None
    authorization.learn("Fleet-7", IdTagInfo(status=ACCEPTED))
    learned = authorization.cache.get("FLEET-7")
    assert learned is not None and learned.status == ACCEPTED
    await core.close()
    await authorization.close()
    _, again = await start_with_authorization(csms.url, data_dir=data, connect=False, **options)
    assert again.local_list.get("card-abc") is None and again.local_list.get("other") is not None
    assert again.cache.get("fleet-7") is not None
    await again.close()


def test_rows_an_older_run_stored_in_another_case_are_found_and_replaced(tmp_path: Path) -> None:
    """A database written before keys were folded: its rows are found in any case, and a
    change in another case replaces them instead of adding a second row."""

    async def run() -> None:
        store = AuthStore(tmp_path)
        await store.replace_local_list(1, {"Mixed-Case": AuthEntry(ACCEPTED)})
        await store.update_local_list(2, {"MIXED-CASE": AuthEntry(BLOCKED)})
        await store.close()

    asyncio.run(run())
    with contextlib.closing(sqlite3.connect(tmp_path / FILE_NAME)) as db:
        assert db.execute("SELECT id_tag, status FROM local_list").fetchall() == [
            ("MIXED-CASE", "Blocked")
        ]
