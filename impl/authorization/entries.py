"""What the charge point remembers about an idTag (`AuthEntry`), and the conversions between it
and the wire's IdTagInfo (an `ocpp.v16.datatypes.IdTagInfo`, or the dict a CALL or CALLRESULT
payload carries)."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from typing import Any, NamedTuple

from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import AuthorizationStatus

# OCPP 1.6 IdToken: CiString20.
MAX_ID_TAG_LENGTH = 20
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


def tag_key(id_tag: str) -> str:
    """The key the local list and the cache keep an idTag under: an IdToken is a CiString, a
    case-insensitive (ASCII) string (OCPP 1.6 §7.28), so `card-abc` finds `CARD-ABC`. ASCII
    only, as SQLite's NOCASE, which the store's statements compare with."""
    return id_tag.translate(_ASCII_UPPER)


class BadEntry(ValueError):
    """An idTagInfo that cannot be understood (unknown status, unreadable expiryDate)."""


class AuthEntry(NamedTuple):
    status: AuthorizationStatus
    expiry: datetime | None = None
    parent_id_tag: str | None = None

    def expired(self, now: datetime) -> bool:
        return self.expiry is not None and self.expiry <= now

    def valid(self, now: datetime) -> bool:
        """Accepted and not expired: enough to authorize without asking the CSMS."""
        return self.status is AuthorizationStatus.accepted and not self.expired(now)

    def as_of(self, now: datetime) -> AuthEntry:
        """The entry as it stands at `now`: an Accepted entry past its expiryDate is Expired."""
        if self.status is AuthorizationStatus.accepted and self.expired(now):
            return self._replace(status=AuthorizationStatus.expired)
        return self

    def id_tag_info(self) -> IdTagInfo:
        return IdTagInfo(
            status=self.status,
            parent_id_tag=self.parent_id_tag,
            expiry_date=None if self.expiry is None else format_time(self.expiry),
        )


def entry_from_info(info: IdTagInfo | dict[str, Any]) -> AuthEntry:
    """An IdTagInfo (dataclass or snake_case dict) as an entry; BadEntry when it makes no sense."""
    if isinstance(info, dict):
        status, expiry, parent = (
            info.get("status"),
            info.get("expiry_date"),
            info.get("parent_id_tag"),
        )
    else:
        status, expiry, parent = info.status, info.expiry_date, info.parent_id_tag
    try:
        parsed_status = AuthorizationStatus(status)
    except ValueError:
        raise BadEntry(
            f"idTagInfo.status {status!r} is not an OCPP 1.6 AuthorizationStatus"
        ) from None
    return AuthEntry(parsed_status, None if expiry is None else parse_time(expiry), parent)


def parse_time(text: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        raise BadEntry(f"expiryDate {text!r} is not an RFC 3339 date-time") from None
    # A time without an offset is taken as UTC, as OCPP times are meant to be.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def invalid() -> IdTagInfo:
    return IdTagInfo(status=AuthorizationStatus.invalid)


def accepted() -> IdTagInfo:
    return IdTagInfo(status=AuthorizationStatus.accepted)
