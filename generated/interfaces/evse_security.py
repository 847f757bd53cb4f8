"""This interface provides security related functions and access to secure storage that an EVSE
needs to provide. This includes the handling of all security related functions specified
within OCPP and ISO15118. The modules that implement this interface are responsible for
checking the validity period of the leaf certificates and initiate certificate signing request
if leaf certificates are about to expire.

Generated from interfaces/evse_security.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonInt,
    JsonString,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..types import evse_security as _evse_security


class EvseSecurityHandler(abc.ABC):
    """Provides evse_security: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_install_ca_certificate(
        self,
        certificate: str,
        certificate_type: _evse_security.CaCertificateType,
    ) -> _evse_security.InstallCertificateResult:
        """Command to install a new CA certificate

        Args:
            certificate: A PEM encoded X.509 certificate.
            certificate_type: Indicates the type of the certificate

        Returns:
            Result of the attempt to install a CA certificate
        """

    @abc.abstractmethod
    async def handle_delete_certificate(
        self,
        certificate_hash_data: _evse_security.CertificateHashData,
    ) -> _evse_security.DeleteCertificateResult:
        """Command to delete a certificate

        Args:
            certificate_hash_data: Indicates the certificate that should be deleted

        Returns:
            Result of the attempt to delete a certificate
        """

    @abc.abstractmethod
    async def handle_update_leaf_certificate(
        self,
        certificate_chain: str,
        certificate_type: _evse_security.LeafCertificateType,
    ) -> _evse_security.InstallCertificateResult:
        """Command to install or update SECC or CSMS leaf certificate

        Args:
            certificate_chain: Leaf certificate or certificate chain that should be installed
            certificate_type: Indicates the type of the certificate

        Returns:
            Result of the attempt to install or update a leaf certificate
        """

    @abc.abstractmethod
    async def handle_verify_certificate(
        self,
        certificate_chain: str,
        certificate_types: list[_evse_security.LeafCertificateType],
    ) -> _evse_security.CertificateValidationResult:
        """Command to verify the given certificate

        Args:
            certificate_chain: Leaf certificate or certificate chain that is to be verified
            certificate_types: Indicates the type of the certificate

        Returns:
            Result of the verification
        """

    @abc.abstractmethod
    async def handle_get_installed_certificates(
        self,
        certificate_types: list[_evse_security.CertificateType],
    ) -> _evse_security.GetInstalledCertificatesResult:
        """Command to retrieve installed certificates of the EVSE

        Args:
            certificate_types: Types of certificates to be retrieved

        Returns:
            Indicates the result of the command and optional certificate hash data
        """

    @abc.abstractmethod
    async def handle_get_v2g_ocsp_request_data(self) -> _evse_security.OCSPRequestDataList:
        """Command to retrieve the OCSP request data of the V2G certificates. Contains OCSP data
        for each certificate that is present in the chain (excluding the root).

        Returns:
            The OCSP request data of all V2G CA certificates including the Sub CAs (excluding
            the root)
        """

    @abc.abstractmethod
    async def handle_get_mo_ocsp_request_data(
        self,
        certificate_chain: str,
    ) -> _evse_security.OCSPRequestDataList:
        """Command to retrieve the OCSP request data of the given MO certificate chain. Contains
        OCSP data for each certificate that is present in the chain (excluding the root)

        Args:
            certificate_chain: Certificate chain for which the OCSP data is retrieved

        Returns:
            The OCSP request data of the given certificate chain. Contains OCSP data for each
            certificate in the given chain.
        """

    @abc.abstractmethod
    async def handle_update_ocsp_cache(
        self,
        certificate_hash_data: _evse_security.CertificateHashData,
        ocsp_response: str,
    ) -> None:
        """Command to update the OCSP cache with the given data

        Args:
            certificate_hash_data: Certificate hash data that identifies the certificate for
                which the cache should be updated
            ocsp_response: OCSPResponse class as defined in IETF RFC 6960. DER and then base64
                encoded
        """

    @abc.abstractmethod
    async def handle_is_ca_certificate_installed(
        self,
        certificate_type: _evse_security.CaCertificateType,
    ) -> bool:
        """Command that indicates if the given CA certificate type is installed

        Args:
            certificate_type: Specifies that CA certificate type

        Returns:
            True if CA certificate is installed, else false
        """

    @abc.abstractmethod
    async def handle_generate_certificate_signing_request(
        self,
        certificate_type: _evse_security.LeafCertificateType,
        country: str,
        organization: str,
        common: str,
        use_tpm: bool,
    ) -> _evse_security.GetCertificateSignRequestResult:
        """Command to generate a certificate signing request for the given use

        Args:
            certificate_type: Specifies the leaf certificate type
            country: Specifies the country name (C) of the certificate
            organization: Specifies the organization name (O) of the certificate
            common: Specifies the common name (CN) of the certificate
            use_tpm: Specifies if the CSR should store the private key on the TPM

        Returns:
            The certificate signing request in PEM format
        """

    @abc.abstractmethod
    async def handle_get_leaf_certificate_info(
        self,
        certificate_type: _evse_security.LeafCertificateType,
        encoding: _evse_security.EncodingFormat,
        include_ocsp: bool,
    ) -> _evse_security.GetCertificateInfoResult:
        """Command to get the paths of the certificate and the respective key

        Args:
            certificate_type: Specifies the leaf certificate type
            encoding: Specifies the encoding of the key
            include_ocsp: Specifies whether per-certificate OCSP data is also requested

        Returns:
            The response to the requested command
        """

    @abc.abstractmethod
    async def handle_get_all_valid_certificates_info(
        self,
        certificate_type: _evse_security.LeafCertificateType,
        encoding: _evse_security.EncodingFormat,
        include_ocsp: bool,
    ) -> _evse_security.GetCertificateFullInfoResult:
        """Finds the latest valid leafs, for each root certificate that is present on the
        filesystem, and returns all the newest valid leafs that are present for different
        roots

        Args:
            certificate_type: Specifies the leaf certificate type
            encoding: Specifies the encoding of the key
            include_ocsp: Specifies whether per-certificate OCSP data is also requested

        Returns:
            The response to the requested command
        """

    @abc.abstractmethod
    async def handle_get_verify_file(
        self,
        certificate_type: _evse_security.CaCertificateType,
    ) -> str:
        """Command to get the file path of a CA bundle that can be used for verification

        Args:
            certificate_type: Specifies that CA certificate type

        Returns:
            The path of the CA bundle file
        """

    @abc.abstractmethod
    async def handle_get_verify_location(
        self,
        certificate_type: _evse_security.CaCertificateType,
    ) -> str:
        """Command to get the file path of the CA root directory that can be used for
        verification. Will also invoke c_rehash for that directory

        Args:
            certificate_type: Specifies that CA certificate type

        Returns:
            The path of the CA certificates directory
        """

    @abc.abstractmethod
    async def handle_get_leaf_expiry_days_count(
        self,
        certificate_type: _evse_security.LeafCertificateType,
    ) -> int:
        """Command to get the days count until the given leaf certificate expires. If no leaf
        certificate is installed this command will return 0

        Args:
            certificate_type: Indicates the type of the certificate

        Returns:
            days count until given leaf certificate expires
        """

    @abc.abstractmethod
    async def handle_verify_file_signature(
        self,
        file_path: str,
        signing_certificate: str,
        signature: str,
    ) -> bool:
        """Verify the file at the given path using the provided certificate and signature

        Args:
            file_path: Path to the file that should be verified
            signing_certificate: Certificate with which the file was signed. PEM encoded X.509
                certificate
            signature: Base64 encoded file signature

        Returns:
            True if verification succeeded, false if not
        """


class EvseSecurityPublisher:
    """Publishes the variables of evse_security, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_certificate_store_update(
        self,
        value: _evse_security.CertificateStoreUpdate,
    ) -> None:
        """Variable that indicates that the certificate store has been updated, i.e. either a
        certificate has been installed or deleted. This is used to notify other modules that
        the certificate store has changed."""
        self._transport.publish(INTERFACE.variables["certificate_store_update"], value)


class EvseSecurityClient:
    """Calls the commands of a module providing evse_security, subscribes to its variables.

    What each command and variable means is documented on ``EvseSecurityHandler`` and
    ``EvseSecurityPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def install_ca_certificate(
        self,
        certificate: str,
        certificate_type: _evse_security.CaCertificateType,
        *,
        timeout: float | None = None,
    ) -> _evse_security.InstallCertificateResult:
        """Call ``install_ca_certificate``: see
        ``EvseSecurityHandler.handle_install_ca_certificate``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["install_ca_certificate"],
            {"certificate": certificate, "certificate_type": certificate_type},
            timeout,
        )
        return cast(_evse_security.InstallCertificateResult, result)

    async def delete_certificate(
        self,
        certificate_hash_data: _evse_security.CertificateHashData,
        *,
        timeout: float | None = None,
    ) -> _evse_security.DeleteCertificateResult:
        """Call ``delete_certificate``: see ``EvseSecurityHandler.handle_delete_certificate``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["delete_certificate"],
            {"certificate_hash_data": certificate_hash_data},
            timeout,
        )
        return cast(_evse_security.DeleteCertificateResult, result)

    async def update_leaf_certificate(
        self,
        certificate_chain: str,
        certificate_type: _evse_security.LeafCertificateType,
        *,
        timeout: float | None = None,
    ) -> _evse_security.InstallCertificateResult:
        """Call ``update_leaf_certificate``: see
        ``EvseSecurityHandler.handle_update_leaf_certificate``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["update_leaf_certificate"],
            {"certificate_chain": certificate_chain, "certificate_type": certificate_type},
            timeout,
        )
        return cast(_evse_security.InstallCertificateResult, result)

    async def verify_certificate(
        self,
        certificate_chain: str,
        certificate_types: list[_evse_security.LeafCertificateType],
        *,
        timeout: float | None = None,
    ) -> _evse_security.CertificateValidationResult:
        """Call ``verify_certificate``: see ``EvseSecurityHandler.handle_verify_certificate``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["verify_certificate"],
            {"certificate_chain": certificate_chain, "certificate_types": certificate_types},
            timeout,
        )
        return cast(_evse_security.CertificateValidationResult, result)

    async def get_installed_certificates(
        self,
        certificate_types: list[_evse_security.CertificateType],
        *,
        timeout: float | None = None,
    ) -> _evse_security.GetInstalledCertificatesResult:
        """Call ``get_installed_certificates``: see
        ``EvseSecurityHandler.handle_get_installed_certificates``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_installed_certificates"],
            {"certificate_types": certificate_types},
            timeout,
        )
        return cast(_evse_security.GetInstalledCertificatesResult, result)

    async def get_v2g_ocsp_request_data(
        self,
        *,
        timeout: float | None = None,
    ) -> _evse_security.OCSPRequestDataList:
        """Call ``get_v2g_ocsp_request_data``: see
        ``EvseSecurityHandler.handle_get_v2g_ocsp_request_data``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_v2g_ocsp_request_data"],
            {},
            timeout,
        )
        return cast(_evse_security.OCSPRequestDataList, result)

    async def get_mo_ocsp_request_data(
        self,
        certificate_chain: str,
        *,
        timeout: float | None = None,
    ) -> _evse_security.OCSPRequestDataList:
        """Call ``get_mo_ocsp_request_data``: see
        ``EvseSecurityHandler.handle_get_mo_ocsp_request_data``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_mo_ocsp_request_data"],
            {"certificate_chain": certificate_chain},
            timeout,
        )
        return cast(_evse_security.OCSPRequestDataList, result)

    async def update_ocsp_cache(
        self,
        certificate_hash_data: _evse_security.CertificateHashData,
        ocsp_response: str,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``update_ocsp_cache``: see ``EvseSecurityHandler.handle_update_ocsp_cache``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["update_ocsp_cache"],
            {"certificate_hash_data": certificate_hash_data, "ocsp_response": ocsp_response},
            timeout,
        )

    async def is_ca_certificate_installed(
        self,
        certificate_type: _evse_security.CaCertificateType,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``is_ca_certificate_installed``: see
        ``EvseSecurityHandler.handle_is_ca_certificate_installed``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["is_ca_certificate_installed"],
            {"certificate_type": certificate_type},
            timeout,
        )
        return cast(bool, result)

    async def generate_certificate_signing_request(
        self,
        certificate_type: _evse_security.LeafCertificateType,
        country: str,
        organization: str,
        common: str,
        use_tpm: bool,
        *,
        timeout: float | None = None,
    ) -> _evse_security.GetCertificateSignRequestResult:
        """Call ``generate_certificate_signing_request``: see
        ``EvseSecurityHandler.handle_generate_certificate_signing_request``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["generate_certificate_signing_request"],
            {
                "certificate_type": certificate_type,
                "country": country,
                "organization": organization,
                "common": common,
                "use_tpm": use_tpm,
            },
            timeout,
        )
        return cast(_evse_security.GetCertificateSignRequestResult, result)

    async def get_leaf_certificate_info(
        self,
        certificate_type: _evse_security.LeafCertificateType,
        encoding: _evse_security.EncodingFormat,
        include_ocsp: bool,
        *,
        timeout: float | None = None,
    ) -> _evse_security.GetCertificateInfoResult:
        """Call ``get_leaf_certificate_info``: see
        ``EvseSecurityHandler.handle_get_leaf_certificate_info``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_leaf_certificate_info"],
            {
                "certificate_type": certificate_type,
                "encoding": encoding,
                "include_ocsp": include_ocsp,
            },
            timeout,
        )
        return cast(_evse_security.GetCertificateInfoResult, result)

    async def get_all_valid_certificates_info(
        self,
        certificate_type: _evse_security.LeafCertificateType,
        encoding: _evse_security.EncodingFormat,
        include_ocsp: bool,
        *,
        timeout: float | None = None,
    ) -> _evse_security.GetCertificateFullInfoResult:
        """Call ``get_all_valid_certificates_info``: see
        ``EvseSecurityHandler.handle_get_all_valid_certificates_info``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_all_valid_certificates_info"],
            {
                "certificate_type": certificate_type,
                "encoding": encoding,
                "include_ocsp": include_ocsp,
            },
            timeout,
        )
        return cast(_evse_security.GetCertificateFullInfoResult, result)

    async def get_verify_file(
        self,
        certificate_type: _evse_security.CaCertificateType,
        *,
        timeout: float | None = None,
    ) -> str:
        """Call ``get_verify_file``: see ``EvseSecurityHandler.handle_get_verify_file``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_verify_file"],
            {"certificate_type": certificate_type},
            timeout,
        )
        return cast(str, result)

    async def get_verify_location(
        self,
        certificate_type: _evse_security.CaCertificateType,
        *,
        timeout: float | None = None,
    ) -> str:
        """Call ``get_verify_location``: see ``EvseSecurityHandler.handle_get_verify_location``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_verify_location"],
            {"certificate_type": certificate_type},
            timeout,
        )
        return cast(str, result)

    async def get_leaf_expiry_days_count(
        self,
        certificate_type: _evse_security.LeafCertificateType,
        *,
        timeout: float | None = None,
    ) -> int:
        """Call ``get_leaf_expiry_days_count``: see
        ``EvseSecurityHandler.handle_get_leaf_expiry_days_count``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["get_leaf_expiry_days_count"],
            {"certificate_type": certificate_type},
            timeout,
        )
        return cast(int, result)

    async def verify_file_signature(
        self,
        file_path: str,
        signing_certificate: str,
        signature: str,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``verify_file_signature``: see
        ``EvseSecurityHandler.handle_verify_file_signature``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["verify_file_signature"],
            {
                "file_path": file_path,
                "signing_certificate": signing_certificate,
                "signature": signature,
            },
            timeout,
        )
        return cast(bool, result)

    def subscribe_certificate_store_update(
        self,
        callback: Callable[[_evse_security.CertificateStoreUpdate], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``EvseSecurityPublisher.publish_certificate_store_update``."""
        return self._transport.subscribe(INTERFACE.variables["certificate_store_update"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="evse_security",
    commands={
        "install_ca_certificate": CommandSpec(
            name="install_ca_certificate",
            py_name="install_ca_certificate",
            arguments=(
                ArgumentSpec(
                    name="certificate",
                    py_name="certificate",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.CaCertificateType),
                ),
            ),
            result=TypeAdapter(_evse_security.InstallCertificateResult),
        ),
        "delete_certificate": CommandSpec(
            name="delete_certificate",
            py_name="delete_certificate",
            arguments=(
                ArgumentSpec(
                    name="certificate_hash_data",
                    py_name="certificate_hash_data",
                    adapter=TypeAdapter(_evse_security.CertificateHashData),
                ),
            ),
            result=TypeAdapter(_evse_security.DeleteCertificateResult),
        ),
        "update_leaf_certificate": CommandSpec(
            name="update_leaf_certificate",
            py_name="update_leaf_certificate",
            arguments=(
                ArgumentSpec(
                    name="certificate_chain",
                    py_name="certificate_chain",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.LeafCertificateType),
                ),
            ),
            result=TypeAdapter(_evse_security.InstallCertificateResult),
        ),
        "verify_certificate": CommandSpec(
            name="verify_certificate",
            py_name="verify_certificate",
            arguments=(
                ArgumentSpec(
                    name="certificate_chain",
                    py_name="certificate_chain",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="certificate_types",
                    py_name="certificate_types",
                    adapter=TypeAdapter(list[_evse_security.LeafCertificateType], config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_evse_security.CertificateValidationResult),
        ),
        "get_installed_certificates": CommandSpec(
            name="get_installed_certificates",
            py_name="get_installed_certificates",
            arguments=(
                ArgumentSpec(
                    name="certificate_types",
                    py_name="certificate_types",
                    adapter=TypeAdapter(list[_evse_security.CertificateType], config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_evse_security.GetInstalledCertificatesResult),
        ),
        "get_v2g_ocsp_request_data": CommandSpec(
            name="get_v2g_ocsp_request_data",
            py_name="get_v2g_ocsp_request_data",
            arguments=(),
            result=TypeAdapter(_evse_security.OCSPRequestDataList),
        ),
        "get_mo_ocsp_request_data": CommandSpec(
            name="get_mo_ocsp_request_data",
            py_name="get_mo_ocsp_request_data",
            arguments=(
                ArgumentSpec(
                    name="certificate_chain",
                    py_name="certificate_chain",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_evse_security.OCSPRequestDataList),
        ),
        "update_ocsp_cache": CommandSpec(
            name="update_ocsp_cache",
            py_name="update_ocsp_cache",
            arguments=(
                ArgumentSpec(
                    name="certificate_hash_data",
                    py_name="certificate_hash_data",
                    adapter=TypeAdapter(_evse_security.CertificateHashData),
                ),
                ArgumentSpec(
                    name="ocsp_response",
                    py_name="ocsp_response",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "is_ca_certificate_installed": CommandSpec(
            name="is_ca_certificate_installed",
            py_name="is_ca_certificate_installed",
            arguments=(
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.CaCertificateType),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "generate_certificate_signing_request": CommandSpec(
            name="generate_certificate_signing_request",
            py_name="generate_certificate_signing_request",
            arguments=(
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.LeafCertificateType),
                ),
                ArgumentSpec(
                    name="country",
                    py_name="country",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="organization",
                    py_name="organization",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="common",
                    py_name="common",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="use_tpm",
                    py_name="use_tpm",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_evse_security.GetCertificateSignRequestResult),
        ),
        "get_leaf_certificate_info": CommandSpec(
            name="get_leaf_certificate_info",
            py_name="get_leaf_certificate_info",
            arguments=(
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.LeafCertificateType),
                ),
                ArgumentSpec(
                    name="encoding",
                    py_name="encoding",
                    adapter=TypeAdapter(_evse_security.EncodingFormat),
                ),
                ArgumentSpec(
                    name="include_ocsp",
                    py_name="include_ocsp",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_evse_security.GetCertificateInfoResult),
        ),
        "get_all_valid_certificates_info": CommandSpec(
            name="get_all_valid_certificates_info",
            py_name="get_all_valid_certificates_info",
            arguments=(
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.LeafCertificateType),
                ),
                ArgumentSpec(
                    name="encoding",
                    py_name="encoding",
                    adapter=TypeAdapter(_evse_security.EncodingFormat),
                ),
                ArgumentSpec(
                    name="include_ocsp",
                    py_name="include_ocsp",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_evse_security.GetCertificateFullInfoResult),
        ),
        "get_verify_file": CommandSpec(
            name="get_verify_file",
            py_name="get_verify_file",
            arguments=(
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.CaCertificateType),
                ),
            ),
            result=TypeAdapter(JsonString, config=_DEFERRED),
        ),
        "get_verify_location": CommandSpec(
            name="get_verify_location",
            py_name="get_verify_location",
            arguments=(
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.CaCertificateType),
                ),
            ),
            result=TypeAdapter(JsonString, config=_DEFERRED),
        ),
        "get_leaf_expiry_days_count": CommandSpec(
            name="get_leaf_expiry_days_count",
            py_name="get_leaf_expiry_days_count",
            arguments=(
                ArgumentSpec(
                    name="certificate_type",
                    py_name="certificate_type",
                    adapter=TypeAdapter(_evse_security.LeafCertificateType),
                ),
            ),
            result=TypeAdapter(JsonInt, config=_DEFERRED),
        ),
        "verify_file_signature": CommandSpec(
            name="verify_file_signature",
            py_name="verify_file_signature",
            arguments=(
                ArgumentSpec(
                    name="file_path",
                    py_name="file_path",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="signing_certificate",
                    py_name="signing_certificate",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="signature",
                    py_name="signature",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    variables={
        "certificate_store_update": VariableSpec(
            name="certificate_store_update",
            py_name="certificate_store_update",
            adapter=TypeAdapter(_evse_security.CertificateStoreUpdate),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
EvseSecurityHandler.INTERFACE = INTERFACE
EvseSecurityHandler.ERRORS = RAISABLE_ERRORS
EvseSecurityPublisher.INTERFACE = INTERFACE
EvseSecurityPublisher.ERRORS = RAISABLE_ERRORS
EvseSecurityClient.INTERFACE = INTERFACE
EvseSecurityClient.ERRORS = RAISABLE_ERRORS
