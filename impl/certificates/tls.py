"""The files of the CSMS connection's TLS (security profiles 2 and 3) as evse_security keeps
them: the installed CentralSystemRootCertificate(s) verify the CSMS, the charge point
certificate (CertificateSigned) is the client certificate of profile 3.

A connection attempt must not wait for a module, so the paths are kept here and refreshed when
the store changes (our own changes and the module's `certificate_store_update`). Without
evse_security, or while it holds no CSMS root (no charge point certificate), the configured
files apply, as before.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from everest_py.runtime.errors import CommandError

from ..security import TlsFiles

if TYPE_CHECKING:  # the clients come from the links: only their type is needed
    from everest_py.generated.interfaces.evse_security import EvseSecurityClient

LOGGER = logging.getLogger(__name__)
CALL_TIMEOUT = 10.0  # seconds for evse_security to answer


class CsmsTlsFiles:
    def __init__(self, client: EvseSecurityClient | None, configured: TlsFiles) -> None:
        self._client = client
        self.configured = configured
        self._ca: Path | None = None
        self._leaf: tuple[Path, Path, str | None] | None = None

    def files(self) -> TlsFiles:
        """What the next connection attempt uses."""
        files = self.configured
        if self._ca is not None:
            files = files._replace(ca_bundle=self._ca)
        if self._leaf is not None:
            cert, key, password = self._leaf
            files = files._replace(client_cert=cert, client_key=key, client_key_password=password)
        return files

    async def refresh(self) -> None:
        """Ask evse_security for the current files; a failure keeps what was known."""
        client = self._client
        if client is None:
            return
        try:
            self._ca = await _csms_roots(client)
            self._leaf = await _charge_point_certificate(client)
        except (CommandError, TimeoutError) as error:
            LOGGER.warning("evse_security: the CSMS connection's TLS files are unknown: %s", error)


async def _csms_roots(client: EvseSecurityClient) -> Path | None:
    # Loaded with the client's interface, not at start (a charge point may have no client).
    from everest_py.generated.types import evse_security as _security

    if not await client.is_ca_certificate_installed(
        _security.CaCertificateType.CSMS, timeout=CALL_TIMEOUT
    ):
        return None
    path = await client.get_verify_file(_security.CaCertificateType.CSMS, timeout=CALL_TIMEOUT)
    if not path:
        path = await client.get_verify_location(
            _security.CaCertificateType.CSMS, timeout=CALL_TIMEOUT
        )
    return Path(path) if path else None


async def _charge_point_certificate(
    client: EvseSecurityClient,
) -> tuple[Path, Path, str | None] | None:
    # Loaded with the client's interface, not at start (a charge point may have no client).
    from everest_py.generated.types import evse_security as _security

    result = await client.get_leaf_certificate_info(
        _security.LeafCertificateType.CSMS,
        _security.EncodingFormat.PEM,
        False,
        timeout=CALL_TIMEOUT,
    )
    info = result.info
    if result.status is not _security.GetCertificateInfoStatus.Accepted or info is None:
        return None
    chain = info.certificate or info.certificate_single
    if not chain:
        return None
    return Path(chain), Path(info.key), info.password
