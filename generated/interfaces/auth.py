"""Interface of authentication framework

Generated from interfaces/auth.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonInt,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..errors import generic as _errors_generic
from ..types import authorization as _authorization


class AuthHandler(abc.ABC):
    """Provides auth: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_set_connection_timeout(self, connection_timeout: int) -> None:
        """Sets the connection timeout

        Args:
            connection_timeout: Connection timeout in seconds
        """

    @abc.abstractmethod
    async def handle_set_master_pass_group_id(self, master_pass_group_id: str) -> None:
        """Sets the master pass group id. IdTokens that have this id as parent_id_token belong to
        the Master Pass Group.  This means they can stop any ongoing transaction, but cannot
        start transactions. This can, for example, be used by law enforcement personal to stop
        any ongoing transaction when an EV has to be towed away. If master_pass_group_id  is
        an empty string, it is not used.

        Args:
            master_pass_group_id: The master pass group id
        """

    @abc.abstractmethod
    async def handle_withdraw_authorization(
        self,
        request: _authorization.WithdrawAuthorizationRequest,
    ) -> _authorization.WithdrawAuthorizationResult:
        """Withdraw granted authorization. If only the evse_id is given, the granted
        authorization for this EVSE will be withdrawn. If only the id_token is given, the
        granted authorization for every EVSE where this id_token is placed will be
          withdrawn
        If both parameters are given, the granted authorization for the given EVSE will be
        withdrawn, if the placed
          id_token matches the given id_token
        If no parameter is given, all granted authorizations for all EVSEs will be removed

        Args:
            request: The request

        Returns:
            Accepted in case requested authorization was removed AuthorizationNotFound in case
            no match for request was found Rejected in case module could not process the
            request for other reasons
        """


class AuthPublisher:
    """Publishes the variables of auth, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_token_validation_status(
        self,
        value: _authorization.TokenValidationStatusMessage,
    ) -> None:
        """Emits all events related to current token validation"""
        self._transport.publish(INTERFACE.variables["token_validation_status"], value)


class AuthClient:
    """Calls the commands of a module providing auth, subscribes to its variables.

    What each command and variable means is documented on ``AuthHandler`` and
    ``AuthPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def set_connection_timeout(
        self,
        connection_timeout: int,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_connection_timeout``: see ``AuthHandler.handle_set_connection_timeout``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_connection_timeout"],
            {"connection_timeout": connection_timeout},
            timeout,
        )

    async def set_master_pass_group_id(
        self,
        master_pass_group_id: str,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_master_pass_group_id``: see
        ``AuthHandler.handle_set_master_pass_group_id``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_master_pass_group_id"],
            {"master_pass_group_id": master_pass_group_id},
            timeout,
        )

    async def withdraw_authorization(
        self,
        request: _authorization.WithdrawAuthorizationRequest,
        *,
        timeout: float | None = None,
    ) -> _authorization.WithdrawAuthorizationResult:
        """Call ``withdraw_authorization``: see ``AuthHandler.handle_withdraw_authorization``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["withdraw_authorization"],
            {"request": request},
            timeout,
        )
        return cast(_authorization.WithdrawAuthorizationResult, result)

    def subscribe_token_validation_status(
        self,
        callback: Callable[[_authorization.TokenValidationStatusMessage], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``AuthPublisher.publish_token_validation_status``."""
        return self._transport.subscribe(INTERFACE.variables["token_validation_status"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_generic.GenericError.CommunicationFault,
    _errors_generic.GenericError.VendorError,
    _errors_generic.GenericError.VendorWarning,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="auth",
    commands={
        "set_connection_timeout": CommandSpec(
            name="set_connection_timeout",
            py_name="set_connection_timeout",
            arguments=(
                ArgumentSpec(
                    name="connection_timeout",
                    py_name="connection_timeout",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=10, le=300)], config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "set_master_pass_group_id": CommandSpec(
            name="set_master_pass_group_id",
            py_name="set_master_pass_group_id",
            arguments=(
                ArgumentSpec(
                    name="master_pass_group_id",
                    py_name="master_pass_group_id",
                    adapter=TypeAdapter(
                        Annotated[JsonString, Field(max_length=36)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=None,
        ),
        "withdraw_authorization": CommandSpec(
            name="withdraw_authorization",
            py_name="withdraw_authorization",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_authorization.WithdrawAuthorizationRequest),
                ),
            ),
            result=TypeAdapter(_authorization.WithdrawAuthorizationResult),
        ),
    },
    variables={
        "token_validation_status": VariableSpec(
            name="token_validation_status",
            py_name="token_validation_status",
            adapter=TypeAdapter(_authorization.TokenValidationStatusMessage),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
AuthHandler.INTERFACE = INTERFACE
AuthHandler.ERRORS = RAISABLE_ERRORS
AuthPublisher.INTERFACE = INTERFACE
AuthPublisher.ERRORS = RAISABLE_ERRORS
AuthClient.INTERFACE = INTERFACE
AuthClient.ERRORS = RAISABLE_ERRORS
