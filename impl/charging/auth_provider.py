"""`auth_provider` (auth_token_provider): the charge point hands the tokens of
RemoteStartTransaction to EVerest's Auth module as a provided token, as EVerest's OCPP module
does (id token type Central, authorization type OCPP, the chosen connector)."""

from __future__ import annotations

from everest_py.generated.interfaces.auth_token_provider import (
    AuthTokenProviderHandler,
    AuthTokenProviderPublisher,
)
from everest_py.generated.types.authorization import (
    AuthorizationType,
    IdToken,
    IdTokenType,
    ProvidedIdToken,
)


class AuthProvider(AuthTokenProviderHandler):
    """The implementation (no commands) and the publisher of its `provided_token`."""

    def __init__(self) -> None:
        self._publisher: AuthTokenProviderPublisher | None = None
        self.published: list[ProvidedIdToken] = []  # the newest few, for diagnostics

    def attach(self, publisher: AuthTokenProviderPublisher) -> None:
        self._publisher = publisher

    @property
    def attached(self) -> bool:
        return self._publisher is not None

    def provide(self, id_tag: str, connector: int, prevalidated: bool) -> bool:
        """Publish `id_tag` for `connector`; False when nobody is attached to publish it."""
        if self._publisher is None:
            return False
        token = ProvidedIdToken(
            id_token=IdToken(value=id_tag, type=IdTokenType.Central),
            authorization_type=AuthorizationType.OCPP,
            connectors=[connector],
            prevalidated=prevalidated,
        )
        self._publisher.publish_provided_token(token)
        self.published = [*self.published[-9:], token]
        return True
