"""Authorization.authorize against the loopback CSMS: Authorize.req, the cache, the local list,
LocalPreAuthorize and the offline rules (OCPP 1.6 3.5)."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v16 import call
from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import AuthorizationStatus, UpdateStatus

from everest_py.ocpp16 import ChargePointCore, Registration
from everest_py.ocpp16.configuration import ChangeOrigin
from tests.impl.auth_support import Clock, StartWithAuthorization, clock, start_with_authorization
from tests.impl.csms import Csms

__all__ = ["clock", "start_with_authorization"]
ACCEPTED, BLOCKED, INVALID, EXPIRED = (
    AuthorizationStatus.accepted,
    AuthorizationStatus.blocked,
    AuthorizationStatus.invalid,
    AuthorizationStatus.expired,
)


def entry(id_tag: str, status: str = "Accepted", **info: Any) -> dict[str, Any]:
    return {"idTag": id_tag, "idTagInfo": {"status": status, **info}}


async def online(csms: Csms, core: ChargePointCore) -> None:
    await csms.wait_for(
        lambda: core.session.registration is Registration.ACCEPTED, what="accepted boot"
    )


async def install(csms: Csms, *entries: dict[str, Any], version: int = 1) -> None:
    answer = await csms.call(
        call.SendLocalList(
            list_version=version, update_type="Full", local_authorization_list=list(entries)
        )
    )
    assert answer.status == UpdateStatus.accepted


def authorize_count(csms: Csms, id_tag: str) -> int:
    return sum(1 for r in csms.actions("Authorize") if r.payload["idTag"] == id_tag)


async def test_online_asks_the_csms_and_returns_its_answer(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    csms.loopback.script.answer(
        "Authorize", {"idTagInfo": {"status": "Blocked", "parentIdTag": "GROUP"}}
    )
    core, authorization = await start_with_authorization(csms.url)
    await online(csms, core)
    info = await authorization.authorize("TAG-1")
    assert (info.status, info.parent_id_tag) == (BLOCKED, "GROUP")
    assert authorize_count(csms, "TAG-1") == 1


async def test_a_call_error_is_invalid(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    csms.loopback.script.fail("Authorize", "InternalError")
    core, authorization = await start_with_authorization(
        csms.url, configuration={"AllowOfflineTxForUnknownId": "true"}
    )
    await online(csms, core)
    # An answer, though a failed one: not offline, so AllowOfflineTxForUnknownId does not apply.
    assert (await authorization.authorize("TAG-1")).status == INVALID


@pytest.mark.parametrize("enabled", [True, False])
async def test_the_cache_learns_authorize_answers_only_when_enabled(
    csms: Csms, start_with_authorization: StartWithAuthorization, enabled: bool
) -> None:
    core, authorization = await start_with_authorization(
        csms.url, configuration={"AuthorizationCacheEnabled": str(enabled).lower()}
    )
    await online(csms, core)
    await authorization.authorize("TAG-1")
    assert (authorization.cache.get("TAG-1") is not None) is enabled
    authorization.learn("TAG-2", IdTagInfo(status=ACCEPTED))
    assert (authorization.cache.get("TAG-2") is not None) is enabled


async def test_offline_a_cached_id_is_accepted_until_its_expiry(
    csms: Csms, start_with_authorization: StartWithAuthorization, clock: Clock
) -> None:
    _, authorization = await start_with_authorization(
        csms.url, connect=False, configuration={"AuthorizationCacheEnabled": "true"}
    )
    authorization.learn("TAG-1", IdTagInfo(status=ACCEPTED, expiry_date=clock.iso(60)))
    authorization.learn("TAG-2", IdTagInfo(status=ACCEPTED))  # no expiry: valid for good
    assert (await authorization.authorize("TAG-1")).status == ACCEPTED
    clock.advance(61)
    assert (await authorization.authorize("TAG-1")).status == EXPIRED
    assert (await authorization.authorize("TAG-2")).status == ACCEPTED
    # Stored as Expired, as libocpp does: it stays expired.
    cached = authorization.cache.get("TAG-1")
    assert cached is not None and cached.status == EXPIRED


async def test_offline_a_cached_blocked_id_is_known_not_unknown(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    _, authorization = await start_with_authorization(
        csms.url,
        connect=False,
        configuration={"AuthorizationCacheEnabled": "true", "AllowOfflineTxForUnknownId": "true"},
    )
    authorization.learn("TAG-1", IdTagInfo(status=BLOCKED))
    assert (await authorization.authorize("TAG-1")).status == BLOCKED
    assert (await authorization.authorize("TAG-NEW")).status == ACCEPTED


@pytest.mark.parametrize(
    ("local_offline", "allow_unknown", "listed", "unknown"),
    [
        ("true", "false", BLOCKED, INVALID),
        ("true", "true", BLOCKED, ACCEPTED),
        # Without LocalAuthorizeOffline the list is not consulted: every id is unknown.
        ("false", "false", INVALID, INVALID),
        ("false", "true", ACCEPTED, ACCEPTED),
    ],
)
async def test_offline_rules_after_the_connection_is_lost(
    csms: Csms,
    start_with_authorization: StartWithAuthorization,
    local_offline: str,
    allow_unknown: str,
    listed: AuthorizationStatus,
    unknown: AuthorizationStatus,
) -> None:
    core, authorization = await start_with_authorization(
        csms.url,
        configuration={
            "LocalAuthorizeOffline": local_offline,
            "AllowOfflineTxForUnknownId": allow_unknown,
        },
    )
    await online(csms, core)
    await install(csms, entry("LISTED", "Blocked"))
    csms.loopback.script.drop_on("Authorize")  # the connection goes while asking
    assert (await authorization.authorize("LISTED")).status == listed
    assert (await authorization.authorize("NOBODY")).status == unknown


async def test_no_answer_in_time_counts_as_offline(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    csms.loopback.script.ignore("Authorize")
    core, authorization = await start_with_authorization(
        csms.url, response_timeout=0.2, configuration={"AllowOfflineTxForUnknownId": "true"}
    )
    await online(csms, core)
    assert (await authorization.authorize("NOBODY")).status == ACCEPTED
    assert authorize_count(csms, "NOBODY") == 1


async def test_before_the_boot_is_accepted_no_authorize_goes_out(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    csms.boot_answers = [("Pending", 3600)]
    core, authorization = await start_with_authorization(csms.url)
    await csms.wait_action("BootNotification")
    assert core.session.registration is not Registration.ACCEPTED
    assert (await authorization.authorize("TAG-1")).status == INVALID
    assert not csms.actions("Authorize")


@pytest.mark.parametrize("pre_authorize", [True, False])
async def test_local_pre_authorize_uses_a_valid_list_entry_without_asking(
    csms: Csms, start_with_authorization: StartWithAuthorization, pre_authorize: bool
) -> None:
    csms.loopback.script.answer("Authorize", {"idTagInfo": {"status": "Blocked"}})
    core, authorization = await start_with_authorization(
        csms.url, configuration={"LocalPreAuthorize": str(pre_authorize).lower()}
    )
    await online(csms, core)
    await install(csms, entry("LISTED"))
    expected = ACCEPTED if pre_authorize else BLOCKED
    assert (await authorization.authorize("LISTED")).status == expected
    assert authorize_count(csms, "LISTED") == (0 if pre_authorize else 1)


async def test_local_pre_authorize_asks_for_expired_or_refused_entries(
    csms: Csms, start_with_authorization: StartWithAuthorization, clock: Clock
) -> None:
    core, authorization = await start_with_authorization(
        csms.url, configuration={"LocalPreAuthorize": "true", "AuthorizationCacheEnabled": "true"}
    )
    await online(csms, core)
    await install(csms, entry("OLD", expiryDate=clock.iso(-1)), entry("BLOCKED", "Blocked"))
    authorization.learn("CACHED", IdTagInfo(status=ACCEPTED))
    for id_tag in ("OLD", "BLOCKED"):
        assert (await authorization.authorize(id_tag)).status == ACCEPTED  # the CSMS's answer
        assert authorize_count(csms, id_tag) == 1
    assert (await authorization.authorize("CACHED")).status == ACCEPTED
    assert authorize_count(csms, "CACHED") == 0


async def test_the_local_list_wins_over_the_cache(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    core, authorization = await start_with_authorization(
        csms.url, configuration={"AuthorizationCacheEnabled": "true"}
    )
    await online(csms, core)
    await install(csms, entry("TAG-1", "Blocked"))
    authorization.learn("TAG-1", IdTagInfo(status=ACCEPTED))
    csms.loopback.script.drop_on("Authorize")
    assert (await authorization.authorize("TAG-1")).status == BLOCKED


async def test_a_disabled_local_list_is_not_consulted(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    core, authorization = await start_with_authorization(csms.url)
    await online(csms, core)
    await install(csms, entry("TAG-1"))
    core.configuration.change("LocalAuthListEnabled", "false", ChangeOrigin.LOCAL)
    csms.loopback.script.drop_on("Authorize")
    assert (await authorization.authorize("TAG-1")).status == INVALID


async def test_an_id_tag_longer_than_20_characters_is_invalid_without_asking(
    csms: Csms, start_with_authorization: StartWithAuthorization
) -> None:
    core, authorization = await start_with_authorization(csms.url)
    await online(csms, core)
    assert (await authorization.authorize("X" * 21)).status == INVALID
    assert not csms.actions("Authorize")
