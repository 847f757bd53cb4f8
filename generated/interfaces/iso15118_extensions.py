"""This interface is used to share data between ISO15118 and OCPP modules to support the
requirements of the OCPP protocol

Generated from interfaces/iso15118_extensions.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..types import iso15118 as _iso15118


class Iso15118ExtensionsHandler(abc.ABC):
    """Provides iso15118_extensions: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_set_get_certificate_response(
        self,
        certificate_response: _iso15118.ResponseExiStreamStatus,
    ) -> None:
        """CertificateInstallationRes/CertificateUpdateRes - Set the new/updated Contract
        Certificate (including the certificate chain) and the corresponding encrypted private
        key. Should be forwarded to EVCC. This is an async response to a previously published
        iso15118_certificate_request

        Args:
            certificate_response: The response raw exi stream and the status from the CSMS
                system
        """


class Iso15118ExtensionsPublisher:
    """Publishes the variables of iso15118_extensions, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_iso15118_certificate_request(self, value: _iso15118.RequestExiStreamSchema) -> None:
        """The vehicle requests the SECC to deliver the certificate that belong to the currently
        valid contract of the vehicle. Response will be reported async via
        set_get_certificate_response"""
        self._transport.publish(INTERFACE.variables["iso15118_certificate_request"], value)

    def publish_charging_needs(self, value: _iso15118.ChargingNeeds) -> None:
        """The ISO15118-20 bidirectional charging is required to send this message for OCPP 2.1
        during the 'ScheduleExchangeReq' state machine. For ISO15118-2 and OCPP 2.1 this
        message has to be sent during the 'ChargeParameterDiscoveryReq' state machine"""
        self._transport.publish(INTERFACE.variables["charging_needs"], value)

    def publish_ev_info(self, value: _iso15118.EvInformation) -> None:
        """The ISO15118 ev information concerning the certificates used for TLS, the supported
        protocols and evccId."""
        self._transport.publish(INTERFACE.variables["ev_info"], value)

    def publish_service_renegotiation_supported(self, value: bool) -> None:
        """Indicates whether service renegotiation is supported or not."""
        self._transport.publish(INTERFACE.variables["service_renegotiation_supported"], value)


class Iso15118ExtensionsClient:
    """Calls the commands of a module providing iso15118_extensions, subscribes to its variables.

    What each command and variable means is documented on ``Iso15118ExtensionsHandler`` and
    ``Iso15118ExtensionsPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def set_get_certificate_response(
        self,
        certificate_response: _iso15118.ResponseExiStreamStatus,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``set_get_certificate_response``: see
        ``Iso15118ExtensionsHandler.handle_set_get_certificate_response``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["set_get_certificate_response"],
            {"certificate_response": certificate_response},
            timeout,
        )

    def subscribe_iso15118_certificate_request(
        self,
        callback: Callable[[_iso15118.RequestExiStreamSchema], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``Iso15118ExtensionsPublisher.publish_iso15118_certificate_request``."""
        return self._transport.subscribe(
            INTERFACE.variables["iso15118_certificate_request"],
            callback,
        )

    def subscribe_charging_needs(
        self,
        callback: Callable[[_iso15118.ChargingNeeds], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``Iso15118ExtensionsPublisher.publish_charging_needs``."""
        return self._transport.subscribe(INTERFACE.variables["charging_needs"], callback)

    def subscribe_ev_info(
        self,
        callback: Callable[[_iso15118.EvInformation], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``Iso15118ExtensionsPublisher.publish_ev_info``."""
        return self._transport.subscribe(INTERFACE.variables["ev_info"], callback)

    def subscribe_service_renegotiation_supported(
        self,
        callback: Callable[[bool], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``Iso15118ExtensionsPublisher.publish_service_renegotiation_supported``."""
        return self._transport.subscribe(
            INTERFACE.variables["service_renegotiation_supported"],
            callback,
        )


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="iso15118_extensions",
    commands={
        "set_get_certificate_response": CommandSpec(
            name="set_get_certificate_response",
            py_name="set_get_certificate_response",
            arguments=(
                ArgumentSpec(
                    name="certificate_response",
                    py_name="certificate_response",
                    adapter=TypeAdapter(_iso15118.ResponseExiStreamStatus),
                ),
            ),
            result=None,
        ),
    },
    variables={
        "iso15118_certificate_request": VariableSpec(
            name="iso15118_certificate_request",
            py_name="iso15118_certificate_request",
            adapter=TypeAdapter(_iso15118.RequestExiStreamSchema),
        ),
        "charging_needs": VariableSpec(
            name="charging_needs",
            py_name="charging_needs",
            adapter=TypeAdapter(_iso15118.ChargingNeeds),
        ),
        "ev_info": VariableSpec(
            name="ev_info",
            py_name="ev_info",
            adapter=TypeAdapter(_iso15118.EvInformation),
        ),
        "service_renegotiation_supported": VariableSpec(
            name="service_renegotiation_supported",
            py_name="service_renegotiation_supported",
            adapter=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
Iso15118ExtensionsHandler.INTERFACE = INTERFACE
Iso15118ExtensionsHandler.ERRORS = RAISABLE_ERRORS
Iso15118ExtensionsPublisher.INTERFACE = INTERFACE
Iso15118ExtensionsPublisher.ERRORS = RAISABLE_ERRORS
Iso15118ExtensionsClient.INTERFACE = INTERFACE
Iso15118ExtensionsClient.ERRORS = RAISABLE_ERRORS
