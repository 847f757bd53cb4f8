"""Auth token validator types

Generated from types/authorization.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import (
    EverestModel,
    JsonBool,
    JsonDateTime,
    JsonInt,
    JsonString,
    Omittable,
)
from pydantic import ConfigDict, Field

from . import iso15118 as _iso15118
from . import text_message as _text_message


class AuthorizationStatus(StrEnum):
    """Authorization Status enum"""

    Accepted = "Accepted"
    Blocked = "Blocked"
    ConcurrentTx = "ConcurrentTx"
    Expired = "Expired"
    Invalid = "Invalid"
    NoCredit = "NoCredit"
    NotAllowedTypeEVSE = "NotAllowedTypeEVSE"
    NotAtThisLocation = "NotAtThisLocation"
    NotAtThisTime = "NotAtThisTime"
    Unknown = "Unknown"
    PinRequired = "PinRequired"
    Timeout = "Timeout"


class CertificateStatus(StrEnum):
    """Certificate status information"""

    Accepted = "Accepted"
    SignatureError = "SignatureError"
    CertificateExpired = "CertificateExpired"
    CertificateRevoked = "CertificateRevoked"
    NoCertificateAvailable = "NoCertificateAvailable"
    CertChainError = "CertChainError"
    ContractCancelled = "ContractCancelled"


class TokenValidationStatus(StrEnum):
    """Ongoing token validation status"""

    Processing = "Processing"
    Accepted = "Accepted"
    Rejected = "Rejected"
    TimedOut = "TimedOut"
    UsedToStart = "UsedToStart"
    UsedToStop = "UsedToStop"
    Withdrawn = "Withdrawn"
    UsedToReauthorize = "UsedToReauthorize"


class CustomIdToken(EverestModel):
    """Type for a custom id token with a free-form type"""

    model_config = ConfigDict(extra="forbid")

    value: Annotated[JsonString, Field(min_length=0, max_length=36)] = Field(
        description="Arbitrary value of the IdToken",
    )
    type: Annotated[JsonString, Field(min_length=0, max_length=50)] = Field(
        description="Custom type of the token",
    )


class IdTokenType(StrEnum):
    """IdTokenType of the provided token. Required by OCPP2.0.1 to distinguish between different
    types of tokens."""

    Central = "Central"
    eMAID = "eMAID"
    MacAddress = "MacAddress"
    ISO14443 = "ISO14443"
    ISO15693 = "ISO15693"
    KeyCode = "KeyCode"
    Local = "Local"
    NoAuthorization = "NoAuthorization"


class IdToken(EverestModel):
    """Type for an id token"""

    model_config = ConfigDict(extra="forbid")

    value: Annotated[JsonString, Field(min_length=0, max_length=36)] = Field(
        description="Arbitrary value of the IdToken: This has to be printable case insensitive "
        "ascii",
    )
    type: IdTokenType = Field(description="Type of the token")
    additional_info: Omittable[list[CustomIdToken]] = Field(
        default=None,
        description="A list of additional custom id tokens than can be used for providing "
        "additional information for validation",
    )


class AuthorizationType(StrEnum):
    """Type of authorization of the provided token. The value of AuthorizationType can influence
    the authorization process"""

    OCPP = "OCPP"
    RFID = "RFID"
    Autocharge = "Autocharge"
    PlugAndCharge = "PlugAndCharge"
    BankCard = "BankCard"


class ProvidedIdToken(EverestModel):
    """Type for IdToken provided by auth token providers. Contains additional information about
    the IdToken like the source and purpose"""

    model_config = ConfigDict(extra="forbid")

    request_id: Omittable[JsonInt] = Field(
        default=None,
        description="Id of the authorization request of this token. Could be used to put "
        "remoteStartId of OCPP2.0.1",
    )
    id_token: IdToken = Field(description="IdToken of the provided token")
    parent_id_token: Omittable[IdToken] = Field(
        default=None,
        description="Parent IdToken of the provided token",
    )
    authorization_type: AuthorizationType = Field(description="Authorization type of the token.")
    connectors: Omittable[list[Annotated[JsonInt, Field(ge=1)]]] = Field(
        default=None,
        description="A list of connector ids to which the authorization can be assigned",
    )
    prevalidated: Omittable[JsonBool] = Field(
        default=None,
        description="Indicates that the id token is already validated by the provider",
    )
    certificate: Omittable[Annotated[JsonString, Field(max_length=5500)]] = Field(
        default=None,
        description="The X.509 certificated presented by EV and encoded in PEM format",
    )
    iso15118CertificateHashData: Omittable[
        Annotated[list[_iso15118.CertificateHashDataInfo], Field(min_length=1, max_length=4)]
    ] = Field(
        default=None,
        description="Contains the information needed to verify the EV Contract Certificate via "
        "OCSP",
    )


class TokenValidationStatusMessage(EverestModel):
    """The token validation status"""

    model_config = ConfigDict(extra="forbid")

    token: ProvidedIdToken = Field(description="The id tag assigned to this transaction")
    status: TokenValidationStatus
    messages: Omittable[list[_text_message.MessageContent]] = None


class ValidationResult(EverestModel):
    """Result object containing authorization status enum value and an optional parentIdTag"""

    model_config = ConfigDict(extra="forbid")

    authorization_status: AuthorizationStatus
    certificate_status: Omittable[CertificateStatus] = None
    tariff_messages: list[_text_message.MessageContent] = Field(
        description="Messages that can contain session price information to show the user. The "
        "array can contain multiple messages in different languages. The first message"
        " in this array shall be used to start the transaction at the powermeter (for "
        "OCMF).  Empty if no messages are available.",
    )
    expiry_time: Omittable[JsonDateTime] = Field(
        default=None,
        description="Absolute UTC time point when reservation expires in RFC3339 format",
    )
    parent_id_token: Omittable[IdToken] = Field(
        default=None,
        description="Parent Id Tag of the validated token",
    )
    evse_ids: Omittable[list[Annotated[JsonInt, Field(ge=1)]]] = Field(
        default=None,
        description="Only used when the id token is valid for one or more specific evses, not for "
        "the whole charging station. Indicates for which evse ids the provided token "
        "is valid",
    )
    reservation_id: Omittable[JsonInt] = Field(
        default=None,
        description="The reservation id that is used with this validated token.",
    )
    allowed_energy_transfer_modes: Omittable[
        Annotated[list[_iso15118.EnergyTransferMode], Field(min_length=1)]
    ] = Field(
        default=None,
        description="This is only used when we want to specify which energy transfer modes are "
        "allowed for the respective authorization request.",
    )


class SelectionAlgorithm(StrEnum):
    """The selection algorithm defines the logic to select one connector for an incoming token.
    SelectionAlgorithm enum:
      UserInput: This algorithm waits for a user to input for which connector the
    authorization is provided
      PlugEvents: This algorithm derives the selected connector based on the order of plug in
    events of EVs and selects the connector whose EV plugged in first (the earliest plug in
    still waiting for authorization)
      PlugEventsLIFO: Like PlugEvents, but selects the connector whose EV plugged in most
    recently instead of the earliest
      FindFirst: This algorithm chooses the first referenced EVSE that is available"""

    UserInput = "UserInput"
    PlugEvents = "PlugEvents"
    PlugEventsLIFO = "PlugEventsLIFO"
    FindFirst = "FindFirst"


class WithdrawAuthorizationRequest(EverestModel):
    """Request to withdraw granted authorization. If only the evse_id is given, the granted
    authorization for this EVSE will be withdrawn. If only the id_token is given, the granted
    authorization for every EVSE where this id_token is placed will be
      withdrawn
    If both parameters are given, the granted authorization for the given EVSE will be
    withdrawn, if the placed
      id_token matches the given id_token
    If no parameter is given, all granted authorizations for all EVSEs will be removed"""

    model_config = ConfigDict(extra="allow")

    evse_id: Omittable[JsonInt] = Field(
        default=None,
        description="The evse id to withdraw authorization for.",
    )
    id_token: Omittable[IdToken] = Field(
        default=None,
        description="The id token to withdraw authorization for.",
    )


class WithdrawAuthorizationResult(StrEnum):
    """The result of a WithdrawAuthorizationRequest: Accepted in case requested authorization was
    removed AuthorizationNotFound in case no match for request was found EvseNotFound in case
    no match for evse_id was found Rejected in case module could not process the request for
    other reasons"""

    Accepted = "Accepted"
    AuthorizationNotFound = "AuthorizationNotFound"
    EvseNotFound = "EvseNotFound"
    Rejected = "Rejected"


class ValidationResultUpdate(EverestModel):
    """Result object containing an updated validation result for a given token. This is needed
    since certain information can be updated at a later time."""

    model_config = ConfigDict(extra="forbid")

    validation_result: ValidationResult = Field(
        description="Result object containing authorization status enum value and an optional "
        "parentIdTag",
    )
    connector_id: JsonInt = Field(
        description="Id of the connector on which the id token information has been updated.",
    )
