"""The `auth_validator` implementation (auth_token_validator): EVerest's Auth module asks the
charge point whether a token may charge; the answer is OCPP's idTagInfo as a ValidationResult,
mapped as EVerest's OCPP module maps it."""

from __future__ import annotations

import logging
from typing import Protocol

from ocpp.v16.datatypes import IdTagInfo

from everest_py.generated.interfaces.auth_token_validator import AuthTokenValidatorHandler
from everest_py.generated.types.authorization import (
    AuthorizationStatus,
    AuthorizationType,
    IdToken,
    IdTokenType,
    ProvidedIdToken,
    ValidationResult,
)

from .entries import MAX_ID_TAG_LENGTH

LOGGER = logging.getLogger(__name__)


class Authorizer(Protocol):
    async def authorize(self, id_tag: str) -> IdTagInfo: ...


class AuthTokenValidator(AuthTokenValidatorHandler):
    def __init__(self, authorizer: Authorizer) -> None:
        self._authorizer = authorizer

    async def handle_validate_token(self, provided_token: ProvidedIdToken) -> ValidationResult:
        token = provided_token.id_token.value
        if provided_token.authorization_type is AuthorizationType.PlugAndCharge:
            # Plug & Charge needs ISO 15118 certificate handling over DataTransfer, which this
            # charge point does not have: the token is neither valid nor invalid here.
            return _unknown("Plug & Charge is not supported")
        if not 0 < len(token) <= MAX_ID_TAG_LENGTH:
            # OCPP 1.6 idTags are 1..20 characters; EVerest's module answers Unknown too.
            return _unknown(f"a token of {len(token)} characters is no OCPP 1.6 idTag")
        try:
            info = await self._authorizer.authorize(token)
        except Exception:
            LOGGER.exception("validating a token failed")
            return _unknown("validation failed")
        return validation_result(info)


def validation_result(info: IdTagInfo) -> ValidationResult:
    """An OCPP 1.6 idTagInfo as EVerest's ValidationResult (the parent idTag is a Central token:
    OCPP 1.6 gives no token type)."""
    parent = info.parent_id_tag
    return ValidationResult(
        authorization_status=AuthorizationStatus(str(info.status)),
        tariff_messages=[],
        expiry_time=info.expiry_date,
        parent_id_token=None if parent is None else IdToken(value=parent, type=IdTokenType.Central),
    )


def _unknown(reason: str) -> ValidationResult:
    LOGGER.info("token validation answered Unknown: %s", reason)
    return ValidationResult(authorization_status=AuthorizationStatus.Unknown, tariff_messages=[])
