"""Types for evse security

Generated from types/evse_security.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonInt, JsonString, Omittable
from pydantic import ConfigDict, Field


class EncodingFormat(StrEnum):
    """Enum specifies the encoding of certificates or keys"""

    DER = "DER"
    PEM = "PEM"


class CaCertificateType(StrEnum):
    """Enum specifies the type of a CA certificate"""

    V2G = "V2G"
    MO = "MO"
    CSMS = "CSMS"
    MF = "MF"


class LeafCertificateType(StrEnum):
    """Enum specifies the type of a leaf certificate"""

    CSMS = "CSMS"
    V2G = "V2G"
    MF = "MF"
    MO = "MO"


class CertificateType(StrEnum):
    """Enum specifies certificate type of leaf and CA certificates"""

    V2GRootCertificate = "V2GRootCertificate"
    MORootCertificate = "MORootCertificate"
    CSMSRootCertificate = "CSMSRootCertificate"
    V2GCertificateChain = "V2GCertificateChain"
    MFRootCertificate = "MFRootCertificate"


class HashAlgorithm(StrEnum):
    """Enum specifies a hash algorithm"""

    SHA256 = "SHA256"
    SHA384 = "SHA384"
    SHA512 = "SHA512"


class InstallCertificateResult(StrEnum):
    """Result of the attempt to install a certificate"""

    InvalidSignature = "InvalidSignature"
    InvalidCertificateChain = "InvalidCertificateChain"
    InvalidFormat = "InvalidFormat"
    InvalidCommonName = "InvalidCommonName"
    NoRootCertificateInstalled = "NoRootCertificateInstalled"
    Expired = "Expired"
    CertificateStoreMaxLengthExceeded = "CertificateStoreMaxLengthExceeded"
    WriteError = "WriteError"
    Accepted = "Accepted"


class CertificateValidationResult(StrEnum):
    """Result of the attempt to validate a certificate"""

    Valid = "Valid"
    Expired = "Expired"
    InvalidSignature = "InvalidSignature"
    IssuerNotFound = "IssuerNotFound"
    InvalidLeafSignature = "InvalidLeafSignature"
    InvalidChain = "InvalidChain"
    Unknown = "Unknown"


class DeleteCertificateResult(StrEnum):
    """Result of the attempt to delete a certificate"""

    Accepted = "Accepted"
    Failed = "Failed"
    NotFound = "NotFound"


class GetInstalledCertificatesStatus(StrEnum):
    """Status indicates the result of the attempt to retrieve certificates"""

    Accepted = "Accepted"
    NotFound = "NotFound"


class GetCertificateSignRequestStatus(StrEnum):
    """Status indicates the result to generate a certificate signing request"""

    Accepted = "Accepted"
    InvalidRequestedType = "InvalidRequestedType"
    KeyGenError = "KeyGenError"
    GenerationError = "GenerationError"


class GetCertificateInfoStatus(StrEnum):
    """Status indicates the result of the attempt to retrieve a certificate"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    NotFound = "NotFound"
    NotFoundValid = "NotFoundValid"
    PrivateKeyNotFound = "PrivateKeyNotFound"


class CertificateHashData(EverestModel):
    """Type specifies the hash data of a certificate"""

    model_config = ConfigDict(extra="allow")

    hash_algorithm: HashAlgorithm = Field(description="Algorithm used for the hashes provided")
    issuer_name_hash: Annotated[JsonString, Field(max_length=128)] = Field(
        description="The hash of the issuer's distinguished name (DN), calculated over the DER "
        "encoding of the issuer's name field.",
    )
    issuer_key_hash: Annotated[JsonString, Field(max_length=128)] = Field(
        description="The hash of the DER encoded public key: the value (excluding tag and length) "
        "of the subject public key field",
    )
    serial_number: Annotated[JsonString, Field(max_length=40)] = Field(
        description="The string representation of the hexadecimal value of the serial number "
        'without the prefix "0x" and without leading zeroes.',
    )


class CertificateHashDataChain(EverestModel):
    """Type specifies the hash data chain of a certificate"""

    model_config = ConfigDict(extra="allow")

    certificate_type: CertificateType = Field(
        description="Indicates the type of the certificate for which the hash data is provided",
    )
    certificate_hash_data: CertificateHashData = Field(
        description="Contains the hash data of the certificate",
    )
    child_certificate_hash_data: Omittable[list[CertificateHashData]] = Field(
        default=None,
        description="Contains the hash data of the child's certificates",
    )


class GetInstalledCertificatesResult(EverestModel):
    """Result to a request to retrieve certificates"""

    model_config = ConfigDict(extra="allow")

    status: GetInstalledCertificatesStatus = Field(
        description="Indicates the status of the request",
    )
    certificate_hash_data_chain: list[CertificateHashDataChain] = Field(
        description="the hashed certificate data for each requested certificates",
    )


class OCSPRequestData(EverestModel):
    """Type that specifies OCSP data"""

    model_config = ConfigDict(extra="allow")

    certificate_hash_data: Omittable[CertificateHashData] = Field(
        default=None,
        description="Contains the hash data of the certificate",
    )
    responder_url: Omittable[Annotated[JsonString, Field(max_length=512)]] = Field(
        default=None,
        description="Contains the responder URL",
    )


class OCSPRequestDataList(EverestModel):
    """List of OCSP Request data"""

    model_config = ConfigDict(extra="allow")

    ocsp_request_data_list: list[OCSPRequestData] = Field(description="A list of OCSP request data")


class CertificateOCSP(EverestModel):
    """OCSP data related to requested the certificates"""

    model_config = ConfigDict(extra="allow")

    hash: CertificateHashData = Field(description="Hash of certificate linked to the provided data")
    ocsp_path: Omittable[JsonString] = Field(
        default=None,
        description="OCSP path of the file containing the data",
    )


class GetCertificateSignRequestResult(EverestModel):
    """Response related to a CSR generation"""

    model_config = ConfigDict(extra="allow")

    status: GetCertificateSignRequestStatus = Field(description="Status of the request")
    csr: Omittable[JsonString] = Field(
        default=None,
        description="PEM encoded certificate signing request",
    )


class CertificateInfo(EverestModel):
    """Type that specifies the paths of a certificate and the respective private key"""

    model_config = ConfigDict(extra="allow")

    key: JsonString = Field(description="The path of the PEM or DER encoded private key")
    certificate_root: Omittable[JsonString] = Field(
        default=None,
        description="The PEM of the root certificate that issued this leaf",
    )
    certificate: Omittable[JsonString] = Field(
        default=None,
        description="The path of the PEM or DER encoded certificate chain",
    )
    certificate_single: Omittable[JsonString] = Field(
        default=None,
        description="The path of the PEM or DER encoded single certificate",
    )
    certificate_count: JsonInt = Field(description="The count of certificates in the chain")
    password: Omittable[JsonString] = Field(
        default=None,
        description="Specifies the password for the private key if encrypted",
    )
    ocsp: Omittable[list[CertificateOCSP]] = Field(
        default=None,
        description="Certificate related OCSP data, if requested",
    )


class GetCertificateInfoResult(EverestModel):
    """Response to the command get_leaf_certificate_info"""

    model_config = ConfigDict(extra="allow")

    status: GetCertificateInfoStatus = Field(description="The status of the requested command")
    info: Omittable[CertificateInfo] = Field(default=None, description="The requested info")


class GetCertificateFullInfoResult(EverestModel):
    """Response to the command get_all_valid_certificates_info"""

    model_config = ConfigDict(extra="allow")

    status: GetCertificateInfoStatus = Field(description="The status of the requested command")
    info: list[CertificateInfo] = Field(description="The requested info")


class CertificateStoreUpdateOperation(StrEnum):
    """Type that specifies the operation performed on the certificate store"""

    Installed = "Installed"
    Deleted = "Deleted"


class CertificateStoreUpdate(EverestModel):
    """Type that specifies the update of the certificate store. One of leaf_certificate_type or
    ca_certificate_type must be present."""

    model_config = ConfigDict(extra="allow")

    operation: CertificateStoreUpdateOperation = Field(
        description="The operation performed on the certificate store",
    )
    leaf_certificate_type: Omittable[LeafCertificateType] = Field(
        default=None,
        description="The type of the leaf certificate that was installed or deleted. Only present "
        "if type of updated certificate is a leaf certificate",
    )
    ca_certificate_type: Omittable[CaCertificateType] = Field(
        default=None,
        description="The type of the CA certificate that was installed or deleted. Only present if"
        " type of updated certificate is a CA certificate",
    )
