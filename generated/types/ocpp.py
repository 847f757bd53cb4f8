"""Types shared by the OCPP 1.6 charge point interface: configuration keys and security events.

Generated from types/ocpp.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonBool, JsonDateTime, JsonString, Omittable
from pydantic import ConfigDict, Field


class KeyValue(EverestModel):
    """One OCPP configuration key with its value and whether it can be changed"""

    model_config = ConfigDict(extra="forbid")

    key: Annotated[JsonString, Field(max_length=50)]
    """Name of the configuration key (CiString50 in OCPP 1.6)"""
    read_only: JsonBool
    """True when the key cannot be changed by the CSMS or by set_configuration_key"""
    value: Omittable[Annotated[JsonString, Field(max_length=500)]] = None
    """Current value of the key; absent when the key has no value or may not be read"""


class GetConfigurationResponse(EverestModel):
    """Result of a configuration key query"""

    model_config = ConfigDict(extra="forbid")

    configuration_keys: list[KeyValue]
    """The requested keys the charge point knows, with their values"""
    unknown_keys: list[Annotated[JsonString, Field(max_length=50)]]
    """The requested keys the charge point does not know"""


class ConfigurationStatus(StrEnum):
    """Outcome of a request to change a configuration key (ChangeConfiguration.conf status)"""

    Accepted = "Accepted"
    Rejected = "Rejected"
    RebootRequired = "RebootRequired"
    NotSupported = "NotSupported"


class SecurityEvent(EverestModel):
    """A security event, as raised by a module or by the charge point itself"""

    model_config = ConfigDict(extra="forbid")

    type: Annotated[JsonString, Field(max_length=50)]
    """Name of the event, e.g. StartupOfTheDevice or InvalidCentralSystemCertificate"""
    info: Omittable[Annotated[JsonString, Field(max_length=255)]] = None
    """Free text about the event; sent to the CSMS as techInfo"""
    critical: Omittable[JsonBool] = None
    """Overrides whether the event counts as critical. Critical events are sent to the CSMS;
    every event is written to the local security log."""
    timestamp: Omittable[JsonDateTime] = None
    """When the event happened; the current time when absent"""
