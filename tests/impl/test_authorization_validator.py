"""The auth_validator implementation: OCPP idTagInfo as EVerest's ValidationResult, the way
EVerest's OCPP module maps it, also over the in-process bus to a client."""

from __future__ import annotations

from datetime import UTC, datetime

from ocpp.v16.datatypes import IdTagInfo
from ocpp.v16.enums import AuthorizationStatus as OcppStatus

from everest_py.generated.interfaces.auth_token_validator import AuthTokenValidatorClient
from everest_py.generated.types.authorization import (
    AuthorizationStatus,
    AuthorizationType,
    IdToken,
    IdTokenType,
    ProvidedIdToken,
)
from everest_py.ocpp16.authorization import AuthTokenValidator
from everest_py.runtime import InProcessBus, Module


class ScriptedAuthorizer:
    def __init__(self, info: IdTagInfo | Exception) -> None:
        self.info = info
        self.asked: list[str] = []

    async def authorize(self, id_tag: str) -> IdTagInfo:
        self.asked.append(id_tag)
        if isinstance(self.info, Exception):
            raise self.info
        return self.info


def token(value: str, kind: AuthorizationType = AuthorizationType.RFID) -> ProvidedIdToken:
    return ProvidedIdToken(
        id_token=IdToken(value=value, type=IdTokenType.ISO14443), authorization_type=kind
    )


async def test_accepted_with_expiry_and_parent() -> None:
    authorizer = ScriptedAuthorizer(
        IdTagInfo(
            status=OcppStatus.accepted, parent_id_tag="GROUP", expiry_date="2030-01-01T00:00:00Z"
        )
    )
    result = await AuthTokenValidator(authorizer).handle_validate_token(token("TAG-1"))
    assert authorizer.asked == ["TAG-1"]
    assert result.authorization_status is AuthorizationStatus.Accepted
    assert result.expiry_time == datetime(2030, 1, 1, tzinfo=UTC)
    assert result.model_dump(mode="json", by_alias=True)["expiry_time"] == "2030-01-01T00:00:00Z"
    assert result.parent_id_token == IdToken(value="GROUP", type=IdTokenType.Central)
    assert result.tariff_messages == []


async def test_every_ocpp_status_maps_to_the_same_everest_status() -> None:
    for status in OcppStatus:
        result = await AuthTokenValidator(
            ScriptedAuthorizer(IdTagInfo(status=status))
        ).handle_validate_token(token("TAG-1"))
        assert result.authorization_status.value == status.value
        assert result.expiry_time is None and result.parent_id_token is None


async def test_tokens_ocpp_cannot_carry_and_failures_are_unknown() -> None:
    authorizer = ScriptedAuthorizer(IdTagInfo(status=OcppStatus.accepted))
    validator = AuthTokenValidator(authorizer)
    for provided in (
        token("X" * 21),
        token(""),
        token("EMAID", AuthorizationType.PlugAndCharge),
    ):
        result = await validator.handle_validate_token(provided)
        assert result.authorization_status is AuthorizationStatus.Unknown
    assert authorizer.asked == []
    failing = AuthTokenValidator(ScriptedAuthorizer(RuntimeError("disk gone")))
    result = await failing.handle_validate_token(token("TAG-1"))
    assert result.authorization_status is AuthorizationStatus.Unknown


async def test_served_on_the_bus_as_auth_validator() -> None:
    bus = InProcessBus()
    ocpp = Module("ocpp16_charge_point", bus.transport())
    ocpp.provide(
        "auth_validator",
        AuthTokenValidator(ScriptedAuthorizer(IdTagInfo(status=OcppStatus.blocked))),
    )
    auth = Module("auth", bus.transport())
    client = auth.require(
        AuthTokenValidatorClient, module_id="ocpp16_charge_point", impl_id="auth_validator"
    )
    async with ocpp, auth:
        result = await client.validate_token(token("TAG-1"), timeout=5)
    assert result.authorization_status is AuthorizationStatus.Blocked
