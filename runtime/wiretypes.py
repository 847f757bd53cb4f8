"""Building blocks of the strict JSON types in ``contract``: null refusal and RFC 3339 date-times.

Everything here runs inside pydantic-core except the date-time parser, which only runs for
date-time values (a regular expression and a constructor call per value).
"""

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, PydanticKnownError, core_schema

__all__ = ["DateTimeText", "NoNull", "WireDateTime", "date_time_schema", "parse_rfc3339"]


class NoNull:
    """Annotation marker: validate ``X | None`` as ``X`` (None stays the absent default).

    JSON Schema's optional property may be left out but, unless its schema says so, is never
    null. Removing the ``nullable`` wrapper keeps the check in pydantic-core; a field default
    of None is not validated, so absence still works.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        if schema["type"] == "nullable":
            inner: core_schema.CoreSchema = schema["schema"]
            return inner
        return schema

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoNull)

    def __hash__(self) -> int:
        return hash(NoNull)


# RFC 3339 section 5.6 (date-time); "T" and "Z" may be lower case (section 5.6, note).
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))",
    re.ASCII,
)
_MAX_MICRO_DIGITS = 6


class WireDateTime(datetime):
    """A datetime read from an RFC 3339 string, which it keeps to give back unchanged.

    The text may say more than a datetime can hold: digits past microseconds, or a leap
    second (``23:59:60Z``, held as ``23:59:59.999999``). Arithmetic and ``replace`` return
    values without the text, which are then written by ``isoformat``.
    """

    rfc3339: str | None = None


def _bad(text: str, why: str) -> PydanticCustomError:
    return PydanticCustomError(
        "rfc3339_date_time", "Input should be an RFC 3339 date-time: {why}", {"why": why}
    )


def parse_rfc3339(text: str) -> WireDateTime:
    """The datetime of an RFC 3339 ``date-time``; raises PydanticCustomError otherwise."""
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise _bad(text, "YYYY-MM-DDTHH:MM:SS[.frac] and a timezone offset (Z or +HH:MM) expected")
    year, month, day, hour, minute, second = (int(group) for group in match.groups()[:6])
    fraction = match[7] or ""
    if match[8] is not None:
        offset = timedelta(0)
    else:
        offset_hours, offset_minutes = int(match[10]), int(match[11])
        if offset_hours > 23 or offset_minutes > 59:
            raise _bad(text, "offset out of range")
        offset = timedelta(hours=offset_hours, minutes=offset_minutes)
        if match[9] == "-":
            offset = -offset
    if hour > 23 or minute > 59 or second > 60:
        raise _bad(text, "time out of range")
    leap = second == 60
    microsecond = int(fraction[1 : 1 + _MAX_MICRO_DIGITS].ljust(_MAX_MICRO_DIGITS, "0") or 0)
    try:
        zone = UTC if not offset else timezone(offset)
        value = WireDateTime(
            year, month, day, hour, minute, 59 if leap else second, microsecond, zone
        )
    except ValueError as error:  # day of month, year 0
        raise _bad(text, str(error)) from None
    if leap:
        # RFC 3339 5.7: a leap second is the 61st second of the last minute of a UTC day.
        utc = value.astimezone(UTC)
        if (utc.hour, utc.minute) != (23, 59):
            raise _bad(text, "second 60 only at 23:59 UTC (a leap second)")
        value = value.replace(microsecond=999_999)
    value.rfc3339 = text
    return value


def _validate(value: Any) -> datetime:
    if isinstance(value, str):
        return parse_rfc3339(value)
    # Python callers may give an aware datetime; JSON never holds one.
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    raise PydanticCustomError(
        "rfc3339_date_time", "Input should be an RFC 3339 date-time string or an aware datetime"
    )


def _serialize(value: datetime) -> str:
    text: str | None = getattr(value, "rfc3339", None)
    if text is not None:
        return text
    iso = value.isoformat()
    # The same form pydantic writes for UTC (and the corpus uses): "Z", not "+00:00".
    return iso[:-6] + "Z" if iso.endswith("+00:00") else iso


class _DateTimeSchema:
    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                _serialize, when_used="json"
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "format": "date-time"}


def date_time_schema() -> Any:
    """The annotation that makes ``Annotated[datetime, ...]`` an RFC 3339 wire date-time."""
    return _DateTimeSchema()


class DateTimeText:
    """Annotation after a date-time: ``minLength``/``maxLength``/``pattern`` of its text.

    JSON Schema applies these keywords to the string, but the value is a datetime by now, which
    pydantic's string constraints cannot take. They are checked on the text the value is written
    as (the text it was read from; for a datetime from Python, the text it will be written as).
    ``pattern`` is a compiled pattern, searched like JSON Schema's (unanchored).
    """

    def __init__(
        self,
        *,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: "re.Pattern[str] | None" = None,
    ) -> None:
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = pattern

    def _check(self, value: datetime) -> datetime:
        text = _serialize(value)
        if self.min_length is not None and len(text) < self.min_length:
            raise PydanticKnownError("string_too_short", {"min_length": self.min_length})
        if self.max_length is not None and len(text) > self.max_length:
            raise PydanticKnownError("string_too_long", {"max_length": self.max_length})
        if self.pattern is not None and self.pattern.search(text) is None:
            raise PydanticKnownError("string_pattern_mismatch", {"pattern": self.pattern.pattern})
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        inner = handler(source)
        return core_schema.no_info_after_validator_function(
            self._check, inner, serialization=inner.get("serialization")
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        for key, value in (
            ("minLength", self.min_length),
            ("maxLength", self.max_length),
            ("pattern", None if self.pattern is None else self.pattern.pattern),
        ):
            if value is not None:
                json_schema[key] = value
        return json_schema
