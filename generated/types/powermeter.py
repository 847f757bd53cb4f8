"""Powermeter types

Generated from types/powermeter.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonBool, JsonDateTime, JsonString, Omittable
from pydantic import ConfigDict, Field

from . import temperature as _temperature
from . import units as _units
from . import units_signed as _units_signed


class OCMFUserIdentificationStatus(StrEnum):
    """General status for user assignment ASSIGNED: user successfully assigned NOT_ASSIGNED: user
    not assigned"""

    ASSIGNED = "ASSIGNED"
    NOT_ASSIGNED = "NOT_ASSIGNED"


class OCMFIdentificationLevel(StrEnum):
    """NONE: There is no user assignment. The other data for user assignment have no
    significance. HEARSAY: The assignment is unsecured; e.g. by reading an RFID UID. TRUSTED:
    The mapping can be trusted to some extent, but there is no absolute reliability. Example:
    Authorization by backend. VERIFIED: The assignment has been verified by the signature
    component and special measures. CERTIFIED: The assignment was verified by the signature
    component using a cryptographic signature that certifies the assignment. SECURE: The
    mapping was established by a secure feature (e.g. secure RFID card, ISO 15118 with plug
    and charge, etc.). MISMATCH: Error; UIDs do not match. INVALID: Error; certificate not
    correct (check negative). OUTDATED: Error; referenced trust certificate expired. UNKNOWN:
    Certificate could not be successfully verified (no matching trust certificate found)."""

    NONE = "NONE"
    HEARSAY = "HEARSAY"
    TRUSTED = "TRUSTED"
    VERIFIED = "VERIFIED"
    CERTIFIED = "CERTIFIED"
    SECURE = "SECURE"
    MISMATCH = "MISMATCH"
    INVALID = "INVALID"
    OUTDATED = "OUTDATED"
    UNKNOWN = "UNKNOWN"


class OCMFIdentificationFlags(StrEnum):
    """RFID_NONE: No assignment via RFID RFID_PLAIN: Assignment via external RFID card reader
    RFID_RELATED: Assignment via protected RFID card reader RFID_PSK: A previously known
    shared key (pre-shared key) was used, e.g. with a secured RFID card. OCPP_NONE: No user
    assignment by OCPP OCPP_RS: Assignment by OCPP RemoteStart method OCPP_AUTH: Assignment by
    OCPP Authorize method OCPP_RS_TLS: Assignment by OCPP RemoteStart method, obtained via a
    secured TLS connection. OCPP_AUTH_TLS: Assignment by OCPP Authorize method, obtained via a
    secured TLS connection. OCPP_CACHE: Assignment by authorization cache of OCPP
    OCPP_WHITELIST: Assignment by whitelist from OCPP OCPP_CERTIFIED: A certificate of the
    backend was used which certifies the user mapping. ISO15118_NONE: no user assignment by
    ISO 15118 ISO15118_PNC: Plug & Charge was used PLMN_NONE: no user assignment PLMN_RING:
    call PLMN_SMS: short message"""

    RFID_NONE = "RFID_NONE"
    RFID_PLAIN = "RFID_PLAIN"
    RFID_RELATED = "RFID_RELATED"
    RFID_PSK = "RFID_PSK"
    OCPP_NONE = "OCPP_NONE"
    OCPP_RS = "OCPP_RS"
    OCPP_AUTH = "OCPP_AUTH"
    OCPP_RS_TLS = "OCPP_RS_TLS"
    OCPP_AUTH_TLS = "OCPP_AUTH_TLS"
    OCPP_CACHE = "OCPP_CACHE"
    OCPP_WHITELIST = "OCPP_WHITELIST"
    OCPP_CERTIFIED = "OCPP_CERTIFIED"
    ISO15118_NONE = "ISO15118_NONE"
    ISO15118_PNC = "ISO15118_PNC"
    PLMN_NONE = "PLMN_NONE"
    PLMN_RING = "PLMN_RING"
    PLMN_SMS = "PLMN_SMS"


class OCMFIdentificationType(StrEnum):
    """NONE: No assignment available DENIED: Assignment currently not available (due to
    two-factor authorization) UNDEFINED: Type not specified ISO14443: UID of an RFID card
    according to ISO 14443. Represented as 4 or 7 bytes in hexadecimal notation. ISO15693: UID
    of an RFID card according to ISO 15693. Represented as 8 bytes in hexadecimal notation.
    EMAID: Electro-Mobility-Account-ID according to ISO/IEC 15118 (string with length 14 or
    15) EVCCID: ID of an electric vehicle according to ISO/IEC 15118 (maximum length 6
    characters) EVCOID: EV Contract ID according to DIN 91286. ISO7812: Identification card
    format according to ISO/IEC 7812 (credit and bank cards, etc.) CARD_TXN_NR: Card
    transaction number (CardTxNbr) for a payment with credit or bank card used in a terminal
    at the charging point. CENTRAL: Centrally generated ID. No exact format defined, can be
    e.g. a UUID. (OCPP 2.0) CENTRAL_1: Centrally generated ID, e.g. by start via SMS. No exact
    format defined. (until OCPP 1.6) CENTRAL_2: Centrally generated ID, e.g. by operator
    start. No exact format defined. (until OCPP 1.6) LOCAL: Locally generated ID. No exact
    format defined, might be e.g. a UUID. (OCPP 2.0) LOCAL_1: Locally generated ID, e.g. ID
    generated internally by the charge point. No exact format defined. (until OCPP 1.6)
    LOCAL_2: Locally generated ID, for other cases. No exact format defined. (until OCPP 1.6)
    PHONE_NUMBER: International phone number with leading "+". KEY_CODE: User-related private
    key code. No exact format defined."""

    NONE = "NONE"
    DENIED = "DENIED"
    UNDEFINED = "UNDEFINED"
    ISO14443 = "ISO14443"
    ISO15693 = "ISO15693"
    EMAID = "EMAID"
    EVCCID = "EVCCID"
    EVCOID = "EVCOID"
    ISO7812 = "ISO7812"
    CARD_TXN_NR = "CARD_TXN_NR"
    CENTRAL = "CENTRAL"
    CENTRAL_1 = "CENTRAL_1"
    CENTRAL_2 = "CENTRAL_2"
    LOCAL = "LOCAL"
    LOCAL_1 = "LOCAL_1"
    LOCAL_2 = "LOCAL_2"
    PHONE_NUMBER = "PHONE_NUMBER"
    KEY_CODE = "KEY_CODE"


class TransactionReq(EverestModel):
    """Required input parameter for starting an OCMF transaction. These values will be included
    in the signed OCMF packet."""

    model_config = ConfigDict(extra="forbid")

    evse_id: JsonString = Field(description="Id of this EVSE")
    transaction_id: JsonString = Field(description="OCPP transaction UUID")
    identification_status: OCMFUserIdentificationStatus = Field(
        description="OCMF Identification Status (IS): General status for user assignment",
    )
    identification_level: Omittable[OCMFIdentificationLevel] = Field(
        default=None,
        description="OCMF Identification Level (IL): Encoded overall status of the user assignment",
    )
    identification_flags: Annotated[
        list[OCMFIdentificationFlags], Field(min_length=0, max_length=4)
    ] = Field(
        description="OCMF Identification Flags (IF): Detailed statements about the user "
        "assignment, represented by one or more identifiers",
    )
    identification_type: OCMFIdentificationType = Field(
        description="OCMF Identification Type (IT): Type of identification data",
    )
    identification_data: Omittable[JsonString] = Field(
        default=None,
        description="OCMF Identification Data (ID): The actual identification data e.g. a hex-"
        "coded UID according to ISO 14443.",
    )
    tariff_text: Omittable[Annotated[JsonString, Field(min_length=0, max_length=250)]] = Field(
        default=None,
        description="A textual description used to identify a unique tariff. This field is "
        'intended for the tariff designation in "Direct Payment" use case.',
    )


class TransactionRequestStatus(StrEnum):
    """Status of a transaction start or stop request."""

    OK = "OK"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    UNEXPECTED_ERROR = "UNEXPECTED_ERROR"


class TransactionStartResponse(EverestModel):
    """Return value when a transaction is started."""

    model_config = ConfigDict(extra="forbid")

    status: TransactionRequestStatus = Field(
        description="Response status that indicates whether the transaction start request could "
        "successfully be performed.",
    )
    error: Omittable[JsonString] = Field(
        default=None,
        description="If status is not OK, a verbose error message.",
    )
    transaction_min_stop_time: Omittable[JsonDateTime] = Field(
        default=None,
        description="Earliest point in time the started transaction can be stopped again (if a "
        "minimum duration is required by the meter); yields a RFC3339 timestamp.",
    )
    transaction_max_stop_time: Omittable[JsonDateTime] = Field(
        default=None,
        description="Deadline for the transaction to be stopped again (if a minimum duration is "
        "required by the meter); yields a RFC3339 timestamp.",
    )
    signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="The signed meter value report for start of transaction. Only set if the meter"
        " provides separate values for start and stop.",
    )


class TransactionStopResponse(EverestModel):
    """Report returned when a signed transaction is requested to stop. If successful, includes
    the signed meter value object. In case of an error, an additional error message can be
    provided."""

    model_config = ConfigDict(extra="forbid")

    status: TransactionRequestStatus = Field(
        description="Response status that indicates whether the transaction stop request could "
        "successfully be performed.",
    )
    start_signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="The signed meter value report for start of transaction. Needs to be filled if"
        " meter provides separate values for start and stop.",
    )
    signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="The signed meter value report of the stopped transaction. Must be provided if"
        " status is OK.",
    )
    error: Omittable[JsonString] = Field(
        default=None,
        description="If status is not OK, a verbose error message.",
    )


class Powermeter(EverestModel):
    """Measured dataset (AC or DC)"""

    model_config = ConfigDict(extra="forbid")

    timestamp: JsonDateTime = Field(description="Timestamp of measurement")
    meter_id: Omittable[JsonString] = Field(
        default=None,
        description="A (user defined) meter id (e.g. id printed on the case)",
    )
    phase_seq_error: Omittable[JsonBool] = Field(
        default=None,
        description="AC only: true for 3 phase rotation error (ccw)",
    )
    energy_Wh_import: _units.Energy = Field(description="Imported energy in Wh (from grid)")
    energy_Wh_export: Omittable[_units.Energy] = Field(
        default=None,
        description="Exported energy in Wh (to grid)",
    )
    power_W: Omittable[_units.Power] = Field(
        default=None,
        description="Instantaneous power in Watt. Negative values are exported, positive values "
        "imported Energy.",
    )
    voltage_V: Omittable[_units.Voltage] = Field(default=None, description="Voltage in Volts")
    VAR: Omittable[_units.ReactivePower] = Field(default=None, description="Reactive power VAR")
    current_A: Omittable[_units.Current] = Field(default=None, description="Current in ampere")
    frequency_Hz: Omittable[_units.Frequency] = Field(
        default=None,
        description="Grid frequency in Hertz",
    )
    energy_Wh_import_signed: Omittable[_units_signed.Energy] = Field(
        default=None,
        description="Imported energy in Wh (from grid)",
    )
    energy_Wh_export_signed: Omittable[_units_signed.Energy] = Field(
        default=None,
        description="Exported energy in Wh (to grid)",
    )
    power_W_signed: Omittable[_units_signed.Power] = Field(
        default=None,
        description="Instantaneous power in Watt. Negative values are exported, positive values "
        "imported Energy.",
    )
    voltage_V_signed: Omittable[_units_signed.Voltage] = Field(
        default=None,
        description="Voltage in Volts",
    )
    VAR_signed: Omittable[_units_signed.ReactivePower] = Field(
        default=None,
        description="Reactive power VAR",
    )
    current_A_signed: Omittable[_units_signed.Current] = Field(
        default=None,
        description="Current in ampere",
    )
    frequency_Hz_signed: Omittable[_units_signed.Frequency] = Field(
        default=None,
        description="Grid frequency in Hertz",
    )
    signed_meter_value: Omittable[_units_signed.SignedMeterValue] = Field(
        default=None,
        description="Signed collection of instantaneous meter values if supported by the meter. "
        "This is intended for meters that only support signing a collection of meter "
        "values.",
    )
    temperatures: Omittable[list[_temperature.Temperature]] = Field(
        default=None,
        description="An array of temperature sensors expressed in C, their definition and meaning "
        "is product specific",
    )
