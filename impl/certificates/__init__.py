"""Certificate management of "Improved security for OCPP 1.6-J" through the evse_security
interface (see docs/certificates.md). This module is the only door."""

from .service import CSR_GENERATION_FAILED, Certificates
from .tls import CsmsTlsFiles

__all__ = ["CSR_GENERATION_FAILED", "Certificates", "CsmsTlsFiles"]
