"""OCPP 1.6 security whitepaper ⇄ evse_security: certificate uses, hash data, results."""

from __future__ import annotations

from typing import Any

from ocpp.v16.enums import (
    CertificateSignedStatus,
    CertificateStatus,
    CertificateUse,
    DeleteCertificateStatus,
)

from everest_py.generated.types import evse_security as _security

CA_TYPE = {
    CertificateUse.central_system_root_certificate: _security.CaCertificateType.CSMS,
    CertificateUse.manufacturer_root_certificate: _security.CaCertificateType.MF,
}
INSTALLED_TYPE = {
    CertificateUse.central_system_root_certificate: _security.CertificateType.CSMSRootCertificate,
    CertificateUse.manufacturer_root_certificate: _security.CertificateType.MFRootCertificate,
}
# Every CA type counts towards CertificateStoreMaxLength: the store is one.
ALL_CA_TYPES = [
    _security.CertificateType.CSMSRootCertificate,
    _security.CertificateType.MFRootCertificate,
    _security.CertificateType.V2GRootCertificate,
    _security.CertificateType.MORootCertificate,
]
DELETE_STATUS = {
    _security.DeleteCertificateResult.Accepted: DeleteCertificateStatus.accepted,
    _security.DeleteCertificateResult.Failed: DeleteCertificateStatus.failed,
    _security.DeleteCertificateResult.NotFound: DeleteCertificateStatus.not_found,
}


def install_status(result: _security.InstallCertificateResult) -> CertificateStatus:
    """As libocpp answers: a write error is Failed, every refusal of the certificate Rejected."""
    if result is _security.InstallCertificateResult.Accepted:
        return CertificateStatus.accepted
    if result is _security.InstallCertificateResult.WriteError:
        return CertificateStatus.failed
    return CertificateStatus.rejected


def signed_status(result: _security.InstallCertificateResult) -> CertificateSignedStatus:
    if result is _security.InstallCertificateResult.Accepted:
        return CertificateSignedStatus.accepted
    return CertificateSignedStatus.rejected


def hash_data_from_ocpp(fields: dict[str, Any]) -> _security.CertificateHashData:
    """A CertificateHashData of the wire (snake_case keys, as the actions get them); raises
    ValueError (pydantic's) when a field does not fit."""
    return _security.CertificateHashData(
        hash_algorithm=fields["hash_algorithm"],
        issuer_name_hash=fields["issuer_name_hash"],
        issuer_key_hash=fields["issuer_key_hash"],
        serial_number=fields["serial_number"],
    )


def hash_data_to_ocpp(data: _security.CertificateHashData) -> dict[str, str]:
    return {
        "hash_algorithm": data.hash_algorithm.value,
        "issuer_name_hash": data.issuer_name_hash,
        "issuer_key_hash": data.issuer_key_hash,
        "serial_number": data.serial_number,
    }
