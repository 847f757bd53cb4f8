"""Protocol-agnostic network configuration types for system-level interface preparation

Generated from types/network.yaml. Do not edit: regenerate.
"""

from enum import StrEnum

from everest_py.runtime.contract import EverestModel, JsonBool, JsonInt, JsonString, Omittable
from pydantic import ConfigDict, Field


class InterfaceClass(StrEnum):
    """Network interface class a connection is bound to. Maps 1:1 to OCPP 2.x OCPPInterfaceEnum
    but is protocol-neutral."""

    Wired0 = "Wired0"
    Wired1 = "Wired1"
    Wired2 = "Wired2"
    Wired3 = "Wired3"
    Wireless0 = "Wireless0"
    Wireless1 = "Wireless1"
    Wireless2 = "Wireless2"
    Wireless3 = "Wireless3"
    Any = "Any"


class APNApnAuthentication(StrEnum):
    """Authentication method"""

    CHAP = "CHAP"
    NONE = "NONE"
    PAP = "PAP"
    AUTO = "AUTO"


class APN(EverestModel):
    """Access Point Name configuration for cellular interfaces"""

    model_config = ConfigDict(extra="forbid")

    apn: JsonString = Field(description="The Access Point Name as an URL")
    apn_user_name: Omittable[JsonString] = Field(default=None, description="APN username")
    apn_password: Omittable[JsonString] = Field(default=None, description="APN password")
    sim_pin: Omittable[JsonString] = Field(default=None, description="SIM card pin code")
    preferred_network: Omittable[JsonString] = Field(
        default=None,
        description="Preferred network, written to the SIM card",
    )
    use_only_preferred_network: Omittable[JsonBool] = Field(
        default=None,
        description="Use only the preferred network",
    )
    apn_authentication: Omittable[APNApnAuthentication] = Field(
        default=None,
        description="Authentication method",
    )


class VPNType(StrEnum):
    """Type of VPN"""

    IKEv2 = "IKEv2"
    IPSec = "IPSec"
    L2TP = "L2TP"
    PPTP = "PPTP"
    Other = "Other"


class VPN(EverestModel):
    """VPN configuration"""

    model_config = ConfigDict(extra="forbid")

    server: JsonString = Field(description="VPN server address")
    user: Omittable[JsonString] = Field(
        default=None,
        description="VPN username, if required by the VPN type",
    )
    group: Omittable[JsonString] = Field(default=None, description="VPN group")
    password: Omittable[JsonString] = Field(
        default=None,
        description="VPN password, if required by the VPN type",
    )
    key: Omittable[JsonString] = Field(
        default=None,
        description="VPN shared secret or key, if required by the VPN type",
    )
    type: VPNType = Field(description="Type of VPN")


class ConfigureNetworkRequest(EverestModel):
    """Request to prepare a network interface for use"""

    model_config = ConfigDict(extra="forbid")

    request_id: JsonInt = Field(
        description="Caller-chosen correlation id, echoed in configure_network_status",
    )
    interface: InterfaceClass = Field(
        description="Standardized interface class; the provider maps it to a concrete system "
        "interface",
    )
    interface_name: Omittable[JsonString] = Field(
        default=None,
        description="Optional concrete system interface name (e.g. eth0, wwan0). If present it "
        "overrides the provider's mapping of the interface class. Providers reject "
        "unknown names (status Rejected).",
    )
    apn: Omittable[APN] = Field(
        default=None,
        description="Access Point Name configuration for cellular interfaces",
    )
    vpn: Omittable[VPN] = Field(default=None, description="VPN configuration")


class ConfigureNetworkStatusEnum(StrEnum):
    """Ready: interface prepared, usable now. Processing: preparation started, final result
    follows on the configure_network_status var. Failed: preparation failed. Rejected: request
    invalid/refused (e.g. unknown interface_name or unmapped interface class). NotSupported:
    this provider does not implement network configuration (consumers fall back to legacy
    behavior)."""

    Ready = "Ready"
    Processing = "Processing"
    Failed = "Failed"
    Rejected = "Rejected"
    NotSupported = "NotSupported"


class ConfigureNetworkFinalStatusEnum(StrEnum):
    """Final outcome of a network configuration that was previously answered with Processing.
    Ready: interface prepared, usable now. Failed: preparation failed."""

    Ready = "Ready"
    Failed = "Failed"


class ConfigureNetworkResponse(EverestModel):
    """Direct (synchronous) response to configure_network"""

    model_config = ConfigDict(extra="forbid")

    status: ConfigureNetworkStatusEnum = Field(
        description="Status of the configure network request",
    )
    interface_address: Omittable[JsonString] = Field(
        default=None,
        description="Interface name or IP address to bind to (present when status is Ready). "
        "Passed verbatim into ConfigNetworkResult.interface_address and from there to "
        "libwebsockets' iface binding.",
    )


class ConfigureNetworkStatus(EverestModel):
    """Asynchronous final outcome of a request answered with Processing"""

    model_config = ConfigDict(extra="forbid")

    request_id: JsonInt = Field(
        description="Correlation id echoed from the ConfigureNetworkRequest",
    )
    status: ConfigureNetworkFinalStatusEnum = Field(description="Final state — Ready or Failed")
    interface_address: Omittable[JsonString] = Field(
        default=None,
        description="Interface name or IP address to bind to (present when status is Ready)",
    )
