"""Certificate management of the security whitepaper: CertificateSigned, InstallCertificate,
DeleteCertificate, GetInstalledCertificateIds, answered through evse_security (certificates/).
SignCertificate.req goes out on ExtendedTriggerMessage(SignChargePointCertificate)."""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v16 import call, call_result
from ocpp.v16.enums import (
    Action,
    CertificateSignedStatus,
    CertificateUse,
    GenericStatus,
    GetInstalledCertificateStatus,
)

from ..ocpp import CallErrorReceived, ConnectionLost, InvalidResponse, RpcEndpoint
from .context import ActionContext, ChargePointServices
from .registry import csms_action

LOGGER = logging.getLogger(__name__)


@csms_action(Action.certificate_signed)
async def certificate_signed(
    context: ActionContext, certificate_chain: str, **_: Any
) -> call_result.CertificateSigned:
    charge_point = context.charge_point
    status = await charge_point.certificates.certificate_signed(certificate_chain)
    # With profile 3 the new certificate is the connection's: reconnect with it (after the
    # reply), as libocpp does.
    if status is CertificateSignedStatus.accepted and (
        charge_point.configuration.integer("SecurityProfile") == 3
    ):

        async def reconnect() -> None:
            charge_point.session.reconnect(boot=False)

        context.endpoint.after_reply(reconnect)
    return call_result.CertificateSigned(status=status)


@csms_action(Action.install_certificate)
async def install_certificate(
    context: ActionContext, certificate_type: str, certificate: str, **_: Any
) -> call_result.InstallCertificate:
    status = await context.charge_point.certificates.install(
        CertificateUse(certificate_type), certificate
    )
    return call_result.InstallCertificate(status=status)


@csms_action(Action.delete_certificate)
async def delete_certificate(
    context: ActionContext, certificate_hash_data: dict[str, Any], **_: Any
) -> call_result.DeleteCertificate:
    status = await context.charge_point.certificates.delete(certificate_hash_data)
    return call_result.DeleteCertificate(status=status)


@csms_action(Action.get_installed_certificate_ids)
async def get_installed_certificate_ids(
    context: ActionContext, certificate_type: str, **_: Any
) -> call_result.GetInstalledCertificateIds:
    found = await context.charge_point.certificates.installed(CertificateUse(certificate_type))
    if not found:
        return call_result.GetInstalledCertificateIds(
            status=GetInstalledCertificateStatus.not_found
        )
    return call_result.GetInstalledCertificateIds(
        status=GetInstalledCertificateStatus.accepted, certificate_hash_data=found
    )


async def send_sign_certificate(charge_point: ChargePointServices, endpoint: RpcEndpoint) -> None:
    """SignCertificate.req with a new CSR; the CSMS answers later with CertificateSigned.req."""
    csr = await charge_point.certificates.certificate_signing_request()
    if csr is None:
        return
    try:
        answer = await endpoint.request(call.SignCertificate(csr=csr))
    except (CallErrorReceived, ConnectionLost, InvalidResponse, TimeoutError) as error:
        LOGGER.warning("SignCertificate failed: %s", error)
        return
    if answer.status != GenericStatus.accepted:
        LOGGER.warning("the CSMS rejected SignCertificate.req")
