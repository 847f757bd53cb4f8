"""Certificate management of the security whitepaper through the required evse_security
module: the CSR of SignCertificate, CertificateSigned, InstallCertificate, DeleteCertificate,
GetInstalledCertificateIds, and the certificate checks other areas need (SignedUpdateFirmware).

Without evse_security every answer is the refusal OCPP allows (Rejected, Failed, NotFound).
A module that fails or does not answer in time is a refusal too, never a CALLERROR.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ocpp.v16.enums import (
    CertificateSignedStatus,
    CertificateStatus,
    CertificateUse,
    DeleteCertificateStatus,
)

from everest_py.runtime.errors import CommandError

from ..configuration import Configuration
from ..security import SecurityEventType, TlsFiles
from .renewal import CertificateRenewal
from .tls import CALL_TIMEOUT, CsmsTlsFiles

# The evse_security types (and mapping.py, keyed by them) load with the first call to a linked
# evse_security module or the first certificate message: a charge point without that module
# that hears none does not load them (start-up time, tests/test_startup.py).
if TYPE_CHECKING:  # the clients come from the links: only their type is needed
    from everest_py.generated.interfaces.evse_security import EvseSecurityClient
    from everest_py.generated.types import evse_security as _security
    from everest_py.runtime.contract import Subscription

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
# libocpp's default when SeccLeafSubjectCountry is not set; OCPP 1.6 has no key for it.
CSR_COUNTRY = "DE"
# Not a whitepaper event: libocpp raises it (critical) when no CSR could be made.
CSR_GENERATION_FAILED = "CSRGenerationFailed"


class RecordEvent(Protocol):
    def __call__(
        self, event_type: str, tech_info: str | None, critical: bool | None = None
    ) -> Any: ...


class Certificates:
    def __init__(
        self,
        client: EvseSecurityClient | None,
        configuration: Configuration,
        record: RecordEvent,
        common_name: str,
        configured_tls: TlsFiles,
    ) -> None:
        self.client = client
        self._configuration = configuration
        self._record = record
        self._common_name = common_name  # of the charge point certificate's CSR
        self.tls = CsmsTlsFiles(client, configured_tls)
        self.renewal = CertificateRenewal(client, lambda: configuration.integer("SecurityProfile"))
        self._subscription: Subscription | None = None
        # Store updates coalesce: however many arrive, one refresh runs, then one more if any
        # came meanwhile.
        self._refresh_wanted = False
        self._refresher: asyncio.Task[None] | None = None

    @property
    def linked(self) -> bool:
        return self.client is not None

    async def start(self) -> None:
        """Learn the TLS files and follow the store's changes."""
        if self.client is None:
            return
        self._subscription = self.client.subscribe_certificate_store_update(self._store_updated)
        await self.tls.refresh()

    async def close(self) -> None:
        await self.renewal.close()
        if self._subscription is not None:
            self._subscription.cancel()
            self._subscription = None
        if self._refresher is not None:
            self._refresher.cancel()
            await asyncio.gather(self._refresher, return_exceptions=True)

    def _store_updated(self, update: _security.CertificateStoreUpdate) -> None:
        self._refresh_wanted = True
        if self._refresher is None or self._refresher.done():
            self._refresher = asyncio.get_running_loop().create_task(self._refresh_while_wanted())

    async def settled(self) -> None:
        """Until the refresh the store's updates asked for so far has run."""
        while self._refresher is not None and not self._refresher.done():
            await asyncio.shield(self._refresher)

    async def _refresh_while_wanted(self) -> None:
        while self._refresh_wanted:
            self._refresh_wanted = False
            await self.tls.refresh()

    # --- SignCertificate / CertificateSigned -----------------------------------------------

    def can_sign(self) -> bool:
        """Whether a CSR can be asked for (ExtendedTriggerMessage SignChargePointCertificate
        is Rejected otherwise, as libocpp answers): evse_security linked and CpoName set."""
        return self.client is not None and bool(self._configuration.value("CpoName"))

    async def certificate_signing_request(self) -> str | None:
        """A CSR for the charge point certificate (CN `common_name`, O CpoName), or None
        after the CSRGenerationFailed security event."""
        organization = self._configuration.value("CpoName")
        if self.client is None or not organization:
            self._csr_failed("CpoName is not set" if self.client else "no evse_security module")
            return None
        from everest_py.generated.types import evse_security as _security

        result = await self._call(
            "generate_certificate_signing_request",
            lambda c: c.generate_certificate_signing_request(
                _security.LeafCertificateType.CSMS,
                CSR_COUNTRY,
                organization,
                self._common_name,
                False,
                timeout=CALL_TIMEOUT,
            ),
        )
        if (
            result is None
            or result.status is not _security.GetCertificateSignRequestStatus.Accepted
        ):
            reason = "no answer" if result is None else result.status.value
            self._csr_failed(reason)
            return None
        if not result.csr:
            self._csr_failed("Accepted without a CSR")
            return None
        return result.csr

    def _csr_failed(self, reason: str) -> None:
        LOGGER.error("SignCertificate: no CSR: %s", reason)
        self._record(CSR_GENERATION_FAILED, f"no CSR: {reason}", critical=True)

    async def certificate_signed(self, chain: str) -> CertificateSignedStatus:
        """Install the charge point certificate the CSMS signed. A refusal raises
        InvalidChargePointCertificate (critical, as libocpp sends it for OCTT's TC_077)."""
        limit = self._configuration.integer("CertificateSignedMaxChainSize")
        if len(chain) > limit:
            reason = f"certificateChain of {len(chain)} characters, CertificateSignedMaxChainSize is {limit}"
        else:
            from everest_py.generated.types import evse_security as _security

            result = await self._call(
                "update_leaf_certificate",
                lambda c: c.update_leaf_certificate(
                    chain, _security.LeafCertificateType.CSMS, timeout=CALL_TIMEOUT
                ),
            )
            if result is _security.InstallCertificateResult.Accepted:
                await self.tls.refresh()
                return CertificateSignedStatus.accepted
            reason = "no evse_security answer" if result is None else result.value
        LOGGER.warning("CertificateSigned rejected: %s", reason)
        self._record(
            SecurityEventType.INVALID_CHARGE_POINT_CERTIFICATE.value, reason, critical=True
        )
        return CertificateSignedStatus.rejected

    # --- the CA certificates ---------------------------------------------------------------

    async def install(self, use: CertificateUse, certificate: str) -> CertificateStatus:
        """Install a root of `use`; Rejected when CertificateStoreMaxLength certificates are
        installed already. A rejected CSMS root raises InvalidCentralSystemCertificate."""
        from . import mapping

        limit = self._configuration.integer("CertificateStoreMaxLength")
        count = await self._installed_count()
        if count is None:
            return CertificateStatus.rejected
        if count >= limit:
            LOGGER.warning(
                "InstallCertificate rejected: %d certificates installed, the most", count
            )
            return CertificateStatus.rejected
        result = await self._call(
            "install_ca_certificate",
            lambda c: c.install_ca_certificate(
                certificate, mapping.CA_TYPE[use], timeout=CALL_TIMEOUT
            ),
        )
        status = CertificateStatus.rejected if result is None else mapping.install_status(result)
        if status is CertificateStatus.accepted:
            await self.tls.refresh()
        elif use is CertificateUse.central_system_root_certificate and result is not None:
            self._record(SecurityEventType.INVALID_CENTRAL_SYSTEM_CERTIFICATE.value, result.value)
        if result is not None and status is not CertificateStatus.accepted:
            LOGGER.warning("InstallCertificate %s: %s", use.value, result.value)
        return status

    async def delete(self, hash_data: dict[str, Any]) -> DeleteCertificateStatus:
        from everest_py.generated.types import evse_security as _security

        from . import mapping

        try:
            wanted = mapping.hash_data_from_ocpp(hash_data)
        except (ValueError, KeyError) as error:
            LOGGER.warning("DeleteCertificate: unusable certificateHashData: %s", error)
            return DeleteCertificateStatus.not_found
        result = await self._call(
            "delete_certificate", lambda c: c.delete_certificate(wanted, timeout=CALL_TIMEOUT)
        )
        if result is None:
            return DeleteCertificateStatus.failed
        if result is _security.DeleteCertificateResult.Accepted:
            await self.tls.refresh()
        return mapping.DELETE_STATUS[result]

    async def installed(self, use: CertificateUse) -> list[dict[str, str]]:
        """The hash data of the installed roots of `use` (empty: none, or no module)."""
        from . import mapping

        result = await self._call(
            "get_installed_certificates",
            lambda c: c.get_installed_certificates(
                [mapping.INSTALLED_TYPE[use]], timeout=CALL_TIMEOUT
            ),
        )
        if result is None:
            return []
        return [
            mapping.hash_data_to_ocpp(chain.certificate_hash_data)
            for chain in result.certificate_hash_data_chain
        ]

    async def verify_manufacturer_certificate(
        self, certificate: str
    ) -> _security.CertificateValidationResult | None:
        """SignedUpdateFirmware's signingCertificate against the installed
        ManufacturerRootCertificate(s); None without an answer (no module, failure)."""
        from everest_py.generated.types import evse_security as _security

        return await self._call(
            "verify_certificate",
            lambda c: c.verify_certificate(
                certificate, [_security.LeafCertificateType.MF], timeout=CALL_TIMEOUT
            ),
        )

    async def _installed_count(self) -> int | None:
        from . import mapping

        result = await self._call(
            "get_installed_certificates",
            lambda c: c.get_installed_certificates(mapping.ALL_CA_TYPES, timeout=CALL_TIMEOUT),
        )
        if result is None:
            return None
        return sum(
            1 + len(chain.child_certificate_hash_data or ())
            for chain in result.certificate_hash_data_chain
        )

    async def _call(
        self, command: str, call: Callable[[EvseSecurityClient], Awaitable[T]]
    ) -> T | None:
        if self.client is None:
            LOGGER.warning("%s: no evse_security module is linked", command)
            return None
        try:
            return await call(self.client)
        except (CommandError, TimeoutError) as error:
            LOGGER.warning("evse_security %s failed: %s", command, error)
            return None
